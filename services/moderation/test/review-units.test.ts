import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { parseConfig } from '@vigil/platform';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../src/config';
import { reviewApi } from '../src/review-api.providers';
import { hashPassword, passwordProblem, verifyPassword } from '../src/auth/passwords';
import { readCookie } from '../src/auth/moderator.guard';
import { parseRange } from '../src/media/media-proxy';
import { mediaSensitivity } from '../src/review/media-safety';
import { taskFacets } from '../src/verdicts/task-facets';

describe('passwords (scrypt, OWASP parameters)', () => {
  it('verifies the right password only, from a PHC-style string with a fresh salt', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    // NFKC: a full-width letter is the same password.
    expect(await verifyPassword('correct horse battery staplｅ', hash)).toBe(true);
  });

  it('refuses malformed or out-of-range hashes without throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', '$scrypt$ln=30,r=8,p=1$AAAA$AAAA')).toBe(false);
  });

  it('asks for 12 to 256 characters', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('a'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('twelve chars')).toBeUndefined();
  });
});

describe('session cookie parsing', () => {
  it('finds one cookie among others', () => {
    expect(readCookie('a=1; vigil_session=abc.def; b=2', 'vigil_session')).toBe('abc.def');
    expect(readCookie('vigil_session_x=1', 'vigil_session')).toBeUndefined();
    expect(readCookie(undefined, 'vigil_session')).toBeUndefined();
  });
});

describe('moderator safety blur', () => {
  const score = (
    category: string,
    value: number,
    attribution: { modality: string; media_id?: string }[],
  ) => ({
    category,
    score: value,
    severity: value >= 0.8 ? 3 : value >= 0.5 ? 2 : value >= 0.2 ? 1 : 0,
    attribution,
  });

  it('blurs visual media with a sensitive score on them, not on another medium or in the caption only', () => {
    const scores = [score('violence/graphic', 0.64, [{ modality: 'image', media_id: 'm1' }])];
    expect(mediaSensitivity({ media_id: 'm1', kind: 'image' }, scores, [], [])).toEqual({
      blur: true,
      reasons: ['violence/graphic 0.64'],
    });
    expect(mediaSensitivity({ media_id: 'm2', kind: 'image' }, scores, [], []).blur).toBe(false);
    const caption = [score('sexual', 0.9, [{ modality: 'caption' }])];
    expect(mediaSensitivity({ media_id: 'm1', kind: 'video' }, caption, [], []).blur).toBe(false);
    const channel = [score('sexual', 0.3, [{ modality: 'video_frames' }])];
    expect(mediaSensitivity({ media_id: 'm1', kind: 'video' }, channel, [], []).reasons).toEqual([
      'sexual 0.30',
    ]);
  });

  it('blurs what the model could not assess or the task is about; never audio', () => {
    expect(mediaSensitivity({ media_id: 'm1', kind: 'gif' }, [], ['sexual'], []).reasons).toEqual([
      'sexual not assessed',
    ]);
    expect(mediaSensitivity({ media_id: 'm1', kind: 'image' }, [], [], ['violence/graphic']).reasons).toEqual(
      ['task is about violence/graphic'],
    );
    expect(mediaSensitivity({ media_id: 'm1', kind: 'audio' }, [], ['sexual'], ['sexual']).blur).toBe(false);
    expect(mediaSensitivity({ media_id: 'm1', kind: 'image' }, [score('sexual', 0.1, [])], [], []).blur).toBe(
      false,
    );
  });
});

describe('byte ranges (RFC 9110)', () => {
  it('parses single ranges and refuses unsatisfiable ones', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual([0, 9]);
    expect(parseRange('bytes=90-', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=-10', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=50-500', 100)).toEqual([50, 99]);
    expect(parseRange('bytes=100-', 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange(undefined, 100)).toBeUndefined();
  });
});

describe('task facets', () => {
  it('takes the actions’ categories and their highest severity', () => {
    const scores = [
      { category: 'hate', severity: 2 },
      { category: 'spam', severity: 3 },
    ];
    expect(taskFacets([{ category: 'hate' }, { category: 'hash_match' }, {}], scores)).toEqual({
      categories: ['hate'],
      severity: 2,
    });
    expect(taskFacets([{ category: 'error' }], scores)).toEqual({ categories: [], severity: 3 });
  });
});

describe('review routes', () => {
  it('every /review route declares the least role it needs (login is the only open one)', () => {
    const config = parseConfig(envSchema, {
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://x@127.0.0.1/x',
      MODERATION_ROLES: 'api',
    });
    let routes = 0;
    for (const controller of reviewApi(config).controllers) {
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
      if (!base.startsWith('review')) continue;
      const classRole = Reflect.getMetadata('vigil:role', controller) as string | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || Reflect.getMetadata(METHOD_METADATA, handler as object) === undefined)
          continue;
        routes += 1;
        const role =
          (Reflect.getMetadata('vigil:role', handler as object) as string | undefined) ?? classRole;
        if (`${controller.name}.${name}` === 'SessionController.login') expect(role).toBeUndefined();
        else
          expect([`${controller.name}.${name}`, role]).toEqual([
            `${controller.name}.${name}`,
            expect.stringMatching(/^(viewer|moderator|admin)$/),
          ]);
      }
    }
    expect(routes).toBeGreaterThanOrEqual(20);
  });
});
