/**
 * Grouped review items over HTTP against PostgreSQL: GET /review/queues/{queue}/tasks gives each task its
 * group (same media SHA-256, a single image within PDQ distance 31, or the same normalised caption of a
 * post without media, within one tenant and source of one queue), `?group=` lists one group, and deciding the group's ids with the bulk route
 * decides exactly those tasks. The API role only: no broker (the pattern of review-bulk).
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { MediaResult } from '@vigil/contracts';
import { PolicySet } from '@vigil/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { freshSchema, makeResult } from './support';
import { moderatorSession, startModeration, type Session } from './review-support';

let app: INestApplication;
let db: Db;
let drop: () => Promise<void>;
let recorder: ResultRecorder;
let bea: Session;
let vic: Session;

interface Group {
  group_id: string;
  basis: 'media' | 'caption' | 'near_media';
  size: number;
}
interface ListedTask {
  task_id: string;
  tenant_id: string;
  group: Group | null;
}

const digest = () => randomBytes(32).toString('hex');
const image = (sha256: string | undefined, mediaId = 'm1'): MediaResult => ({
  media_id: mediaId,
  kind: 'image',
  ...(sha256
    ? { status: 'ok', sha256 }
    : { status: 'error', error: { code: 'MEDIA_FETCH_TIMEOUT', message: 'timed out' } }),
});

/** A still image with this digest and one (oriented) PDQ hash of this quality, as ingest stores it. */
const pdqImage = (sha256: string, hash: string, quality = 90): MediaResult => ({
  ...image(sha256),
  pdq: [{ hash, quality, timestamp_ms: 0 }],
});
/** `hash` (64 hex digits) with its first `bits` bits flipped: Hamming distance `bits` from it. */
const flipBits = (hash: string, bits: number): string => {
  const bytes = Buffer.from(hash, 'hex');
  for (let i = 0; i < bits; i++) bytes[i >> 3]! ^= 1 << (i & 7);
  return bytes.toString('hex');
};

/** A post the default policy sends to review (hate 0.7) with these media and caption; its task id. */
async function reviewTask(
  tenant: string,
  media: MediaResult[],
  caption = 'look at this one',
): Promise<string> {
  const recorded = await recorder.record(
    makeResult({ tenant, scores: { hate: 0.7 } }, { media, caption: { text: caption, lang: 'en' } }),
  );
  if (recorded.outcome !== 'created' || !recorded.reviewTask) throw new Error('expected a review task');
  return recorded.reviewTask;
}

const list = async (who: Session, queue: string, query = '') =>
  (await who.json<{ tasks: ListedTask[] }>(`/review/queues/${queue}/tasks?limit=200${query}`)).tasks;

/** Each listed task id of `ids` with its group (undefined: not listed). */
const groupsOf = async (who: Session, queue: string, ids: readonly string[]) => {
  const tasks = await list(who, queue);
  return ids.map((id) => tasks.find((t) => t.task_id === id)?.group);
};

beforeAll(async () => {
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  ({ app } = await startModeration({ DATABASE_SCHEMA: fresh.schema, MODERATION_ROLES: 'api' }));
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  recorder = new ResultRecorder(db, new PolicySet([]));
  const admin = await moderatorSession(db, baseUrl, { username: 'root', role: 'admin' });
  const queues = { north: ['north'], both: ['north', 'south'] };
  for (const [queue_id, tenants] of Object.entries(queues)) {
    const res = await admin.call('/review/admin/queues', {
      method: 'POST',
      body: { queue_id, name: queue_id, filter: { tenants, escalated: false } },
    });
    expect(res.status).toBe(201);
  }
  bea = await moderatorSession(db, baseUrl, {
    username: 'bea',
    role: 'moderator',
    queues: ['north', 'both'],
  });
  vic = await moderatorSession(db, baseUrl, { username: 'vic', role: 'viewer', queues: ['north'] });
});

afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('grouped review items', () => {
  it('groups the same media digest whatever the caption, the same media set in any order, and nothing else', async () => {
    const meme = digest();
    const [a, b] = [digest(), digest()];
    const same = [
      await reviewTask('north', [image(meme)], 'first wave'),
      await reviewTask('north', [image(meme)], 'lol'),
      await reviewTask('north', [image(meme)], 'a completely different caption here'),
    ];
    const pair = [
      await reviewTask('north', [image(a, 'm1'), image(b, 'm2')]),
      await reviewTask('north', [image(b, 'm1'), image(a, 'm2')]),
    ];
    const subset = await reviewTask('north', [image(a)]);
    const unique = await reviewTask('north', [image(digest())]);
    // A medium whose bytes are unknown (fetch failed): such a post never groups, not even by caption.
    const failed = [
      await reviewTask('north', [image(meme), image(undefined, 'm2')]),
      await reviewTask('north', [image(meme), image(undefined, 'm2')]),
    ];

    const groups = await groupsOf(vic, 'north', [...same, ...pair, subset, unique, ...failed]);
    const memeGroup = groups[0]!;
    expect(memeGroup).toEqual({
      group_id: expect.stringMatching(/^m-[0-9a-f]{32}$/),
      basis: 'media',
      size: 3,
    });
    expect(groups.slice(0, 3)).toEqual([memeGroup, memeGroup, memeGroup]);
    expect(groups[3]).toMatchObject({ basis: 'media', size: 2 });
    expect(groups[4]).toEqual(groups[3]);
    expect(groups[3]!.group_id).not.toBe(memeGroup.group_id);
    expect(groups.slice(5)).toEqual([null, null, null, null]);
  });

  it('groups text-only posts by normalised caption of 3 words or more, never short ones or ones with media', async () => {
    const spam = [
      await reviewTask('north', [], 'Buy cheap followers at spam dot example'),
      await reviewTask('north', [], '  buy CHEAP followers\n at   spam dot EXAMPLE '),
      await reviewTask('north', [], 'Buy cheap followers at spam dot example'),
    ];
    const short = [
      await reviewTask('north', [], 'lol'),
      await reviewTask('north', [], 'LOL'),
      await reviewTask('north', [], 'so true'),
      await reviewTask('north', [], 'so  TRUE'),
    ];
    // The same words beside an image: grouped by its media (unique here), not with the text-only posts.
    const withImage = await reviewTask('north', [image(digest())], 'Buy cheap followers at spam dot example');

    const groups = await groupsOf(bea, 'north', [...spam, ...short, withImage]);
    expect(groups[0]).toEqual({
      group_id: expect.stringMatching(/^c-[0-9a-f]{32}$/),
      basis: 'caption',
      size: 3,
    });
    expect(groups.slice(1, 3)).toEqual([groups[0], groups[0]]);
    expect(groups.slice(3)).toEqual([null, null, null, null, null]);
  });

  it("never groups across tenants, and counts and shows only the queue's own tasks", async () => {
    const meme = digest();
    const north = [await reviewTask('north', [image(meme)]), await reviewTask('north', [image(meme)])];
    const south = [
      await reviewTask('south', [image(meme)]),
      await reviewTask('south', [image(meme)]),
      await reviewTask('south', [image(meme)]),
    ];
    // Escalated: out of both queues (escalated: false), so not counted either.
    const escalated = await reviewTask('north', [image(meme)]);
    await db
      .updateTable('review_tasks')
      .set({ escalation_level: 1 })
      .where('task_id', '=', escalated)
      .execute();

    const both = await groupsOf(bea, 'both', [...north, ...south, escalated]);
    expect(both[0]).toMatchObject({ basis: 'media', size: 2 });
    expect(both[1]).toEqual(both[0]);
    expect(both[2]).toMatchObject({ basis: 'media', size: 3 });
    expect(both.slice(3, 5)).toEqual([both[2], both[2]]);
    expect(both[2]!.group_id).not.toBe(both[0]!.group_id);
    expect(both[5]).toBeUndefined();

    // Queue `north` (tenant north only): the south tasks are not listed and their group is empty there.
    const north2 = await groupsOf(bea, 'north', [...north, ...south]);
    expect(north2).toEqual([both[0], both[0], undefined, undefined, undefined]);
    expect(await list(bea, 'north', `&group=${both[2]!.group_id}`)).toEqual([]);
    // A queue the viewer is not a member of is refused, groups included.
    const res = await vic.call(`/review/queues/both/tasks?group=${both[2]!.group_id}`);
    expect(res.status).toBe(403);
    const bad = await bea.call('/review/queues/north/tasks?group=nope');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'REQUEST_INVALID' });
  });

  it('groups single images within PDQ distance 31 as near_media, never farther, low-quality or across tenants', async () => {
    const [pdq, original] = [digest(), digest()];
    const near = [
      await reviewTask('north', [pdqImage(original, pdq)], 'original'),
      await reviewTask('north', [pdqImage(digest(), flipBits(pdq, 3))], 're-encoded'),
      await reviewTask('north', [pdqImage(digest(), flipBits(pdq, 6))], 'resized'),
    ];
    // The same bytes as the first: its exact group joins the near group whole.
    const exactCopy = await reviewTask('north', [pdqImage(original, pdq)], 'again');
    const far = await reviewTask('north', [pdqImage(digest(), flipBits(pdq, 40))]);
    const blurry = await reviewTask('north', [pdqImage(digest(), flipBits(pdq, 2), 30)]);
    const south = await reviewTask('south', [pdqImage(digest(), flipBits(pdq, 1))]);
    // Two images, one of them a near copy: not a single-image post, never near-grouped.
    const pair = await reviewTask('north', [pdqImage(digest(), pdq, 90), image(digest(), 'm2')]);

    const groups = await groupsOf(bea, 'both', [...near, exactCopy, far, blurry, south, pair]);
    expect(groups[0]).toEqual({
      group_id: expect.stringMatching(/^m-[0-9a-f]{32}$/),
      basis: 'near_media',
      size: 4,
    });
    expect(groups.slice(1, 4)).toEqual([groups[0], groups[0], groups[0]]);
    expect(groups.slice(4)).toEqual([null, null, null, null]);

    const members = await list(bea, 'both', `&group=${groups[0]!.group_id}`);
    expect(members.map((t) => t.task_id).sort()).toEqual([...near, exactCopy].sort());
    expect(members.every((t) => t.group?.basis === 'near_media' && t.group.size === 4)).toBe(true);
  });

  it('decides a whole group with the bulk route: exactly its tasks, nothing in another tenant or queue', async () => {
    const meme = digest();
    const wave = [
      await reviewTask('north', [image(meme)]),
      await reviewTask('north', [image(meme)]),
      await reviewTask('north', [image(meme)]),
      await reviewTask('north', [image(meme)]),
    ];
    const south = await reviewTask('south', [image(meme)]);
    const escalated = await reviewTask('north', [image(meme)]);
    await db
      .updateTable('review_tasks')
      .set({ escalation_level: 1 })
      .where('task_id', '=', escalated)
      .execute();
    const bystander = await reviewTask('north', [image(digest())]);

    const [first] = await groupsOf(bea, 'north', wave);
    const members = await list(bea, 'north', `&group=${first!.group_id}`);
    expect(members.map((t) => t.task_id).sort()).toEqual([...wave].sort());
    expect(members.every((t) => t.group?.size === 4)).toBe(true);

    const res = await bea.call('/review/queues/north/decisions', {
      method: 'POST',
      body: { task_ids: members.map((t) => t.task_id), decision: 'remove', reason_code: 'hate' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ decided: 4, skipped: 0, failed: 0 });

    const rows = await db
      .selectFrom('review_tasks')
      .select(['task_id', 'status'])
      .where('task_id', 'in', [...wave, south, escalated, bystander])
      .execute();
    const status = new Map(rows.map((r) => [r.task_id, r.status]));
    expect(wave.map((id) => status.get(id))).toEqual(['resolved', 'resolved', 'resolved', 'resolved']);
    expect([south, escalated, bystander].map((id) => status.get(id))).toEqual(['open', 'open', 'open']);
    const decided = await db
      .selectFrom('human_decisions')
      .select('task_id')
      .where('task_id', 'in', [...wave, south, escalated, bystander])
      .execute();
    expect(decided.map((d) => d.task_id).sort()).toEqual([...wave].sort());
    expect(await list(bea, 'north', `&group=${first!.group_id}`)).toEqual([]);
  });
});
