import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database/database';
import { audit } from '../audit/audit';

/**
 * What a token may do, always within its own tenant. `appeals:write` / `reports:write` open review tasks
 * for the moderators (an author's appeal, a user's report).
 */
export const SCOPES = [
  'verdicts:read',
  'webhooks:manage',
  'appeals:write',
  'reports:write',
  'tokens:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

/** The principal behind a request. */
export interface TokenPrincipal {
  readonly tokenId: string;
  readonly tenantId: string;
  readonly scopes: readonly string[];
}

/** Hex SHA-256 of a token: what is stored and looked up (tokens are 256-bit random, so no slow hash is needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Creates a per-tenant API token. The token (`vgl_` + 43 base64url chars, 256 bits) is returned once;
 * only its hash is stored.
 */
export async function createApiToken(
  db: Db,
  input: { tenantId: string; name: string; scopes: readonly Scope[]; actor: string },
): Promise<{ token: string; tokenId: string }> {
  const token = `vgl_${randomBytes(32).toString('base64url')}`;
  const tokenId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        token_id: tokenId,
        tenant_id: input.tenantId,
        name: input.name,
        token_hash: hashToken(token),
        scopes: [...input.scopes],
      })
      .execute();
    await audit(trx, {
      actor: input.actor,
      tenantId: input.tenantId,
      action: 'api_token.created',
      subjectType: 'api_token',
      subjectId: tokenId,
      after: { name: input.name, scopes: input.scopes },
    });
  });
  return { token, tokenId };
}

/** How stale `last_used_at` may get before a use writes it again: one write a minute per token at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The principal of a presented token, or undefined when it is unknown or revoked. Records the use in
 * `last_used_at` (to the minute, so a busy token costs one write a minute, not one per request).
 */
export async function authenticateToken(db: Db, token: string): Promise<TokenPrincipal | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['token_id', 'tenant_id', 'scopes', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date() })
      .where('token_id', '=', row.token_id)
      .execute();
  }
  return { tokenId: row.token_id, tenantId: row.tenant_id, scopes: row.scopes };
}

/** A token as listed: never the token or its hash. Times are ISO 8601. */
export interface ApiTokenView {
  readonly token_id: string;
  readonly tenant_id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly created_at: string;
  readonly last_used_at: string | null;
  readonly revoked_at: string | null;
}

/** Tokens of one tenant (or of every tenant when `tenantId` is undefined), newest first, revoked included. */
export async function listApiTokens(db: Db, tenantId?: string): Promise<ApiTokenView[]> {
  let query = db
    .selectFrom('api_tokens')
    .select(['token_id', 'tenant_id', 'name', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('created_at', 'desc')
    .orderBy('token_id');
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  const rows = await query.execute();
  return rows.map((r) => ({
    token_id: r.token_id,
    tenant_id: r.tenant_id,
    name: r.name,
    scopes: r.scopes,
    created_at: r.created_at.toISOString(),
    last_used_at: r.last_used_at?.toISOString() ?? null,
    revoked_at: r.revoked_at?.toISOString() ?? null,
  }));
}

/**
 * Revokes a token (it stops authenticating at once); revoking a revoked token changes nothing. With
 * `tenantId`, only a token of that tenant is found. Audited as `api_token.revoked`.
 * @returns false when no such token exists (for that tenant).
 */
export async function revokeApiToken(
  db: Db,
  input: { tokenId: string; tenantId?: string; actor: string },
): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(input.tokenId)) return false;
  return db.transaction().execute(async (trx) => {
    let query = trx
      .updateTable('api_tokens')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', sql<Date>`now()`) }))
      .where('token_id', '=', input.tokenId);
    if (input.tenantId !== undefined) query = query.where('tenant_id', '=', input.tenantId);
    const row = await query.returning(['tenant_id']).executeTakeFirst();
    if (!row) return false;
    await audit(trx, {
      actor: input.actor,
      tenantId: row.tenant_id,
      action: 'api_token.revoked',
      subjectType: 'api_token',
      subjectId: input.tokenId,
    });
    return true;
  });
}
