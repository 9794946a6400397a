/** API tokens against a real moderation app and PostgreSQL: list with last use, revoke, tenant scoping. */
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/api/api-tokens';
import type { Db } from '../src/database/database';
import { startModeration } from './review-support';
import { freshSchema } from './support';

let app: INestApplication;
let baseUrl: string;
let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  ({ app, baseUrl } = await startModeration({ DATABASE_SCHEMA: fresh.schema, MODERATION_ROLES: 'api' }));
});

afterAll(async () => {
  await app?.close();
  await drop?.();
});

const call = (token: string, path: string, method = 'GET') =>
  fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

describe('API tokens', () => {
  it("lists a tenant's tokens with their last use, revokes one, and never reaches another tenant", async () => {
    const admin = await createApiToken(db, {
      tenantId: 'acme',
      name: 'ops',
      scopes: ['tokens:manage'],
      actor: 'test',
    });
    const backend = await createApiToken(db, {
      tenantId: 'acme',
      name: 'backend',
      scopes: ['verdicts:read'],
      actor: 'test',
    });
    const other = await createApiToken(db, {
      tenantId: 'globex',
      name: 'theirs',
      scopes: ['tokens:manage'],
      actor: 'test',
    });

    // A token without tokens:manage may not list.
    expect((await call(backend.token, '/v1/tenants/acme/api-tokens')).status).toBe(403);
    const listed = (await (await call(admin.token, '/v1/tenants/acme/api-tokens')).json()) as Record<
      string,
      unknown
    >[];
    expect(listed.map((t) => t.name).sort()).toEqual(['backend', 'ops']);
    for (const t of listed) expect(Object.keys(t).sort()).not.toContain('token_hash');
    const byName = new Map(listed.map((t) => [t.name, t]));
    expect(byName.get('ops')!.last_used_at).toEqual(expect.any(String));
    expect(byName.get('backend')!).toMatchObject({ revoked_at: null, scopes: ['verdicts:read'] });
    // backend was used once (the 403 above authenticated it).
    expect(byName.get('backend')!.last_used_at).toEqual(expect.any(String));

    // Another tenant's token id is not found through this tenant.
    expect((await call(admin.token, `/v1/tenants/acme/api-tokens/${other.tokenId}`, 'DELETE')).status).toBe(
      404,
    );
    expect((await call(other.token, '/v1/tenants/globex/api-tokens')).status).toBe(200);

    expect((await call(admin.token, `/v1/tenants/acme/api-tokens/${backend.tokenId}`, 'DELETE')).status).toBe(
      204,
    );
    expect((await call(backend.token, '/v1/tenants/acme/verdicts')).status).toBe(401);
    const after = (await (await call(admin.token, '/v1/tenants/acme/api-tokens')).json()) as {
      name: string;
      revoked_at: string | null;
    }[];
    expect(after.find((t) => t.name === 'backend')!.revoked_at).toEqual(expect.any(String));
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('subject_id', '=', backend.tokenId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['api_token.created', 'api_token.revoked']);
    expect(audit[1]!.actor).toBe(`token:${admin.tokenId}`);
  });
});
