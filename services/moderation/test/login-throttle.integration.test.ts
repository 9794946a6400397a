/**
 * Login hardening against a real moderation app and PostgreSQL: throttling per (username, source) and per
 * source before any hashing, identical answers for known and unknown usernames, no account-wide lock-out,
 * failure counts that decay, and a bounded number of concurrent scrypt hashes under a login flood.
 */
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginThrottle } from '../src/auth/login-throttle';
import { ModeratorStore } from '../src/auth/moderators';
import type { Db } from '../src/database/database';
import { auditEntries } from '../src/review/audit-log';
import { AuditQuery } from '../src/review/schemas';
import { PASSWORD, startModeration } from './review-support';
import { freshSchema } from './support';

const WINDOW_MS = 10 * 60_000;
let app: INestApplication;
let baseUrl: string;
let db: Db;
let drop: () => Promise<void>;
let throttle: LoginThrottle;

beforeAll(async () => {
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  ({ app, baseUrl } = await startModeration({
    DATABASE_SCHEMA: fresh.schema,
    MODERATION_ROLES: 'api',
    LOGIN_MAX_FAILURES: '2',
    LOGIN_MAX_FAILURES_PER_SOURCE: '6',
    LOGIN_LOCKOUT: `${WINDOW_MS}ms`,
    LOGIN_HASH_CONCURRENCY: '2',
    LOGIN_HASH_QUEUE: '2',
    HTTP_TRUST_PROXY: 'loopback',
  }));
  throttle = app.get(LoginThrottle);
  const store = new ModeratorStore(db);
  for (const username of ['alice', 'bob', 'carol'])
    await store.create({ username, role: 'moderator', password: PASSWORD, actor: 'test' });
});

afterAll(async () => {
  await app?.close();
  await drop?.();
});

/** One login attempt from client address `source` (behind the trusted loopback proxy). */
async function attempt(username: string, password: string, source: string) {
  const res = await fetch(`${baseUrl}/review/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-vigil-csrf': '1', 'x-forwarded-for': source },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as { code: string; message: string }, res };
}

describe('login throttling', () => {
  it('answers a known and an unknown username identically, also once they are throttled', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 2; i++) {
      known.push((await attempt('alice', `wrong password ${i}`, '198.51.100.1')).status);
      unknown.push((await attempt('nobody-here', `wrong password ${i}`, '198.51.100.2')).status);
    }
    expect(known).toEqual([401, 401]);
    expect(unknown).toEqual([401, 401]);
    const a = await attempt('alice', PASSWORD, '198.51.100.1');
    const b = await attempt('nobody-here', PASSWORD, '198.51.100.2');
    expect([a.status, b.status]).toEqual([429, 429]);
    expect(a.body).toEqual(b.body);
    expect(a.body.code).toBe('AUTH_LOGIN_LOCKED');
    expect(Number(a.res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('does not lock the moderator out from another address', async () => {
    for (let i = 0; i < 2; i++) await attempt('bob', `wrong password ${i}`, '203.0.113.9');
    expect((await attempt('bob', PASSWORD, '203.0.113.9')).status).toBe(429);
    expect((await attempt('bob', PASSWORD, '192.0.2.44')).status).toBe(200);
  });

  it("audits a failed login as the address that tried, not as the account's owner", async () => {
    expect((await attempt('alice', 'mistyped', '198.51.100.160')).status).toBe(401);
    const alice = await db
      .selectFrom('moderators')
      .select(['moderator_id', 'display_name'])
      .where('username', '=', 'alice')
      .executeTakeFirstOrThrow();
    const failed = await auditEntries(db, AuditQuery.parse({ action: 'moderator.login_failed' }));
    const entry = failed.find((e) => e.actor === 'login:198.51.100.160')!;
    expect(entry).toMatchObject({
      actor_name: null,
      actor_username: null,
      subject_type: 'moderator',
      subject_id: alice.moderator_id,
      subject_label: `${alice.display_name} (alice)`,
    });
    expect(entry.summary).toMatch(/^failed attempts: \d+$/);
    expect(failed.some((e) => e.actor === `moderator:${alice.moderator_id}`)).toBe(false);
    // Filtering by the owner's name finds nothing they did not do; the address finds the attempt.
    const byAlice = await auditEntries(db, AuditQuery.parse({ actor: 'alice' }));
    expect(byAlice.filter((e) => e.action === 'moderator.login_failed')).toEqual([]);
    const byAddress = await auditEntries(db, AuditQuery.parse({ actor: 'login:198.51.100.160' }));
    expect(byAddress.map((e) => e.id)).toEqual([entry.id]);
  });

  it('refuses a throttled source before any hashing', async () => {
    const hash = vi.spyOn(throttle, 'hash');
    for (let i = 0; i < 6; i++) await attempt(`user-${i}`, 'wrong password', '198.51.100.77');
    expect(hash).toHaveBeenCalledTimes(6);
    const refused = await attempt('carol', PASSWORD, '198.51.100.77');
    expect(refused.status).toBe(429);
    expect(hash).toHaveBeenCalledTimes(6);
    hash.mockRestore();
  });

  it('bounds concurrent hashes under a flood of unknown usernames', async () => {
    let peak = 0;
    const original = throttle.hash.bind(throttle);
    const spy = vi.spyOn(throttle, 'hash').mockImplementation((work) =>
      original(async () => {
        peak = Math.max(peak, throttle.activeHashes);
        return work();
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => attempt(`flood-${i}`, 'wrong password', `192.0.2.${100 + i}`)),
    );
    spy.mockRestore();
    const statuses = results.map((r) => r.status);
    expect(peak).toBeGreaterThanOrEqual(1);
    expect(peak).toBeLessThanOrEqual(2);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(results.find((r) => r.status === 503)!.body.code).toBe('AUTH_BUSY');
  });

  it('lets failure counts decay: one wrong password after the window does not throttle again', async () => {
    for (let i = 0; i < 2; i++) await attempt('carol', `wrong password ${i}`, '203.0.113.50');
    expect((await attempt('carol', PASSWORD, '203.0.113.50')).status).toBe(429);
    // The counters read Date.now(): move this process's clock past the window instead of waiting it out.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + WINDOW_MS + 1_000 });
    try {
      expect((await attempt('carol', 'wrong again', '203.0.113.50')).status).toBe(401);
      expect((await attempt('carol', PASSWORD, '203.0.113.50')).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});
