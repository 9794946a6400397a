import { describe, expect, it } from 'vitest';
import { RequestBinder, requestBindingKeysEnv, type BindingSubject } from '../src';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const subject: BindingSubject = {
  tenant_id: 'acme',
  post_id: 'p-1',
  revision: 0,
  media: [{ media_id: 'm1', sha256: 'a'.repeat(64) }, { media_id: 'm2' }],
};

describe('request binding', () => {
  it('verifies what it signed, and nothing with another tenant, post, revision or media', () => {
    const binder = RequestBinder.fromKeyring(`k1:${key(1)}`);
    const binding = binder.sign(subject);
    expect(binding).toMatch(/^v1:k1:[A-Za-z0-9_-]{43}$/);
    expect(binder.verify(subject, binding)).toEqual({ ok: true });
    for (const other of [
      { ...subject, tenant_id: 'globex' },
      { ...subject, post_id: 'p-2' },
      { ...subject, revision: 1 },
      { ...subject, media: [subject.media[0]!] },
      { ...subject, media: [subject.media[1]!, subject.media[0]!] },
      { ...subject, media: [{ media_id: 'm1', sha256: 'b'.repeat(64) }, subject.media[1]!] },
      // A field boundary moved: "acme" + "p-1" must not sign like "acm" + "ep-1".
      { ...subject, tenant_id: 'acm', post_id: 'ep-1' },
    ])
      expect(binder.verify(other, binding).ok).toBe(false);
    expect(binder.verify(subject, undefined)).toEqual({
      ok: false,
      reason: 'the result has no request binding',
    });
    expect(binder.verify(subject, 'v1:k1').ok).toBe(false);
    expect(binder.verify(subject, `${binding}x`).ok).toBe(false);
    expect(binder.verify(subject, binding.replace('v1:', 'v2:')).ok).toBe(false);
  });

  it('signs with the first key and verifies with every key (rotation); an unknown or guessed key fails', () => {
    const old = RequestBinder.fromKeyring(`k1:${key(1)}`);
    const rotated = RequestBinder.fromKeyring(`k2:${key(2)}, k1:${key(1)}`);
    expect(rotated.sign(subject)).toMatch(/^v1:k2:/);
    expect(rotated.verify(subject, old.sign(subject))).toEqual({ ok: true });
    expect(old.verify(subject, rotated.sign(subject)).ok).toBe(false);
    const guessed = RequestBinder.fromKeyring(`k1:${key(3)}`);
    expect(old.verify(subject, guessed.sign(subject))).toMatchObject({ ok: false, reason: /does not match/ });
  });

  it('refuses malformed keyrings: short keys, bad or duplicate ids, none at all', () => {
    expect(() => RequestBinder.fromKeyring(`k1:${Buffer.alloc(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => RequestBinder.fromKeyring(`bad id:${key(1)}`)).toThrow();
    expect(() => RequestBinder.fromKeyring(`k1:${key(1)},k1:${key(2)}`)).toThrow(/unique/);
    expect(() => RequestBinder.fromKeyring(' , ')).toThrow(/no key/);
    expect(requestBindingKeysEnv().safeParse(undefined).success).toBe(false);
    expect(requestBindingKeysEnv().safeParse('k1:c2hvcnQ=').success).toBe(false);
    expect(requestBindingKeysEnv().parse(`k1:${key(1)}`)).toBeInstanceOf(RequestBinder);
  });
});
