import { createApiToken, listApiTokens, revokeApiToken, SCOPES, type Scope } from '../api/api-tokens';
import { EndpointStore } from '../webhooks/endpoint-store';
import type { CliValues } from './cli-args';
import { cliDatabase as database, cliWebhookSecretBox } from './cli-config';

/** `token create --tenant T [--name N] [--scopes …]`: a per-tenant API token, printed once. */
export async function createToken(values: CliValues): Promise<number> {
  if (!values.tenant) throw new Error('--tenant is required');
  const scopes = (values.scopes ?? SCOPES.join(',')).split(',') as Scope[];
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`unknown scopes: ${unknown.join(', ')}`);
  const { db } = database();
  try {
    const { token, tokenId } = await createApiToken(db, {
      tenantId: values.tenant,
      name: values.name ?? 'cli',
      scopes,
      actor: 'cli',
    });
    console.log(`token ${tokenId} for ${values.tenant} (${scopes.join(', ')}); shown once:\n${token}`);
  } finally {
    await db.destroy();
  }
  return 0;
}

/** `token list [--tenant T]`: tokens with their scopes and last use or revocation. */
export async function listTokens(values: CliValues): Promise<number> {
  const { db } = database();
  try {
    for (const t of await listApiTokens(db, values.tenant)) {
      const state = t.revoked_at ? `revoked ${t.revoked_at}` : `last used ${t.last_used_at ?? 'never'}`;
      console.log(`${t.token_id}  ${t.tenant_id}  ${t.name}  [${t.scopes.join(',')}]  ${state}`);
    }
  } finally {
    await db.destroy();
  }
  return 0;
}

/** `token revoke ID`. */
export async function revokeToken(id: string | undefined): Promise<number> {
  if (!id) throw new Error('token revoke needs the token id (see token list)');
  const { db } = database();
  try {
    if (!(await revokeApiToken(db, { tokenId: id, actor: 'cli' }))) throw new Error(`no API token ${id}`);
    console.log(`token ${id} revoked`);
  } finally {
    await db.destroy();
  }
  return 0;
}

/** `webhook-secrets reseal`: seals every webhook secret with WEBHOOK_SECRET_KEYS' first key. */
export async function resealWebhookSecrets(): Promise<number> {
  const box = cliWebhookSecretBox();
  if (!box.encrypts) throw new Error('set WEBHOOK_SECRET_KEYS (the new key first) to reseal');
  const { db } = database();
  try {
    console.log(`re-sealed ${await new EndpointStore(db, box).resealSecrets('cli')} webhook secrets`);
  } finally {
    await db.destroy();
  }
  return 0;
}
