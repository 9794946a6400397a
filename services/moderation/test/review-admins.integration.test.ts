/**
 * The last enabled admin stays (HTTP against PostgreSQL, API role only): demoting or disabling the only
 * enabled admin is refused with 409 LAST_ADMIN and changes nothing; with a second admin it goes through;
 * two admins demoting each other at the same moment leave one admin (the changes are serialised).
 */
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { freshSchema } from './support';
import { moderatorSession, startModeration, type Session } from './review-support';

let app: INestApplication;
let baseUrl: string;
let db: Db;
let drop: () => Promise<void>;
let ada: Session;
let max: Session;

beforeAll(async () => {
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  ({ app, baseUrl } = await startModeration({ DATABASE_SCHEMA: fresh.schema, MODERATION_ROLES: 'api' }));
  ada = await moderatorSession(db, baseUrl, { username: 'ada', role: 'admin' });
  max = await moderatorSession(db, baseUrl, { username: 'max', role: 'moderator' });
});

afterAll(async () => {
  await app?.close();
  await drop?.();
});

const patch = (who: Session, target: Session, body: object) =>
  who.call(`/review/admin/moderators/${target.moderatorId}`, { method: 'PATCH', body });
const enabledAdmins = async () =>
  (
    await db
      .selectFrom('moderators')
      .select('username')
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .orderBy('username')
      .execute()
  ).map((r) => r.username);

describe('the last enabled admin', () => {
  it('cannot demote or disable herself; nothing changes', async () => {
    for (const body of [{ role: 'moderator' }, { disabled: true }, { role: 'viewer', disabled: true }]) {
      const res = await patch(ada, ada, body);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { code: string }).code).toBe('LAST_ADMIN');
    }
    expect(await enabledAdmins()).toEqual(['ada']);
    // Other changes to her own account still go through.
    expect((await patch(ada, ada, { display_name: 'Ada Admin' })).status).toBe(200);
  });

  it('can step down once another account is admin', async () => {
    expect((await patch(ada, max, { role: 'admin' })).status).toBe(200);
    expect((await patch(ada, ada, { role: 'moderator' })).status).toBe(200);
    expect(await enabledAdmins()).toEqual(['max']);
    const res = await patch(max, max, { disabled: true });
    expect(res.status).toBe(409);
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const cleo = await moderatorSession(db, baseUrl, { username: 'cleo', role: 'admin' });
    const statuses = await Promise.all([
      patch(max, cleo, { role: 'moderator' }).then((r) => r.status),
      patch(cleo, max, { role: 'moderator' }).then((r) => r.status),
    ]);
    // One goes through; the other is refused: 409 when both got past the role check together, 403 when
    // its author had already lost the admin role.
    const [first, second] = [...statuses].sort();
    expect(first).toBe(200);
    expect([403, 409]).toContain(second);
    expect(await enabledAdmins()).toHaveLength(1);
  });
});
