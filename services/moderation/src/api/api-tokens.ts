import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../database/database';
import { audit } from '../webhooks/endpoint-store';

/**
 * What a token may do, always within its own tenant. `appeals:write` / `reports:write` open review tasks
 * for the moderators (an author's appeal, a user's report).
 */
export const SCOPES = ['verdicts:read', 'webhooks:manage', 'appeals:write', 'reports:write'] as const;
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

/** The principal of a presented token, or undefined when it is unknown or revoked. */
export async function authenticateToken(db: Db, token: string): Promise<TokenPrincipal | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['token_id', 'tenant_id', 'scopes'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { tokenId: row.token_id, tenantId: row.tenant_id, scopes: row.scopes };
}
