import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { WebhookSecretBox } from './secret-box';
import { audit } from '../audit/audit';
import type { Db, Tx } from '../database/database';
import type { WebhookEndpoint } from '../database/tables';
import { newWebhookSecret } from './webhook-signer';

/** An endpoint as the API shows it (no secrets). */
export interface EndpointView {
  readonly endpoint_id: string;
  readonly tenant_id: string;
  readonly url: string;
  readonly description: string;
  readonly max_concurrency: number;
  readonly created_at: string;
  readonly disabled_at: string | null;
  readonly disabled_reason: string | null;
  readonly failing_since: string | null;
}

export function endpointView(e: WebhookEndpoint): EndpointView {
  return {
    endpoint_id: e.endpoint_id,
    tenant_id: e.tenant_id,
    url: e.url,
    description: e.description,
    max_concurrency: e.max_concurrency,
    created_at: e.created_at.toISOString(),
    disabled_at: e.disabled_at?.toISOString() ?? null,
    disabled_reason: e.disabled_reason,
    failing_since: e.failing_since?.toISOString() ?? null,
  };
}

/**
 * Webhook endpoints of tenants and their signing secrets. Every change is audited in the same
 * transaction. Secrets are returned only when created or rotated.
 */
export class EndpointStore {
  constructor(
    private readonly db: Db,
    /** Seals secrets before they are stored (plain text without a keyring). */
    private readonly secretBox: WebhookSecretBox = WebhookSecretBox.plaintext(),
  ) {}

  /** Registers an endpoint (the URL must already have passed `assertWebhookUrlAllowed`). */
  async create(input: {
    tenantId: string;
    url: string;
    description?: string;
    maxConcurrency: number;
    actor: string;
  }): Promise<{ endpoint: EndpointView; secret: string }> {
    const secret = newWebhookSecret();
    return this.db.transaction().execute(async (trx) => {
      const endpoint = await trx
        .insertInto('webhook_endpoints')
        .values({
          endpoint_id: `ep_${randomBytes(12).toString('hex')}`,
          tenant_id: input.tenantId,
          url: input.url,
          description: input.description ?? '',
          max_concurrency: input.maxConcurrency,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('webhook_secrets')
        .values({
          endpoint_id: endpoint.endpoint_id,
          secret: this.secretBox.seal(secret, endpoint.endpoint_id),
        })
        .execute();
      const view = endpointView(endpoint);
      await audit(trx, {
        actor: input.actor,
        tenantId: input.tenantId,
        action: 'webhook_endpoint.created',
        subjectType: 'webhook_endpoint',
        subjectId: endpoint.endpoint_id,
        after: view,
      });
      return { endpoint: view, secret };
    });
  }

  async get(tenantId: string, endpointId: string): Promise<EndpointView | undefined> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirst();
    return row && endpointView(row);
  }

  async list(tenantId: string): Promise<EndpointView[]> {
    const rows = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .execute();
    return rows.map(endpointView);
  }

  /**
   * Re-seals every stored signing secret that is not sealed with the keyring's first key (plain-text
   * rows included), in one transaction: the step between adding a new key and dropping the old one.
   * @returns how many secrets were re-sealed.
   * @throws WebhookSecretKeyError when a secret's key is no longer in the keyring (nothing is changed).
   */
  async resealSecrets(actor: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('webhook_secrets')
        .select(['secret_id', 'endpoint_id', 'secret'])
        .forUpdate()
        .execute();
      const stale = rows.filter((r) => !this.secretBox.isCurrent(r.secret));
      for (const r of stale) {
        const secret = this.secretBox.seal(this.secretBox.open(r.secret, r.endpoint_id), r.endpoint_id);
        await trx
          .updateTable('webhook_secrets')
          .set({ secret })
          .where('secret_id', '=', r.secret_id)
          .execute();
      }
      await audit(trx, {
        actor,
        tenantId: null,
        action: 'webhook_secrets.resealed',
        subjectType: 'webhook_secrets',
        subjectId: '*',
        after: { resealed: stale.length },
      });
      return stale.length;
    });
  }

  /**
   * Adds a new secret; the current ones stay valid for `overlapMs` (both sign meanwhile), then expire.
   * @returns the new secret, or undefined when the endpoint does not exist for the tenant.
   */
  async rotateSecret(tenantId: string, endpointId: string, overlapMs: number, actor: string) {
    return this.db.transaction().execute(async (trx) => {
      const endpoint = await this.lockEndpoint(trx, tenantId, endpointId);
      if (!endpoint) return undefined;
      const expiresAt = new Date(Date.now() + overlapMs);
      await trx
        .updateTable('webhook_secrets')
        .set({ expires_at: expiresAt })
        .where('endpoint_id', '=', endpointId)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', expiresAt)]))
        .execute();
      const secret = newWebhookSecret();
      await trx
        .insertInto('webhook_secrets')
        .values({ endpoint_id: endpointId, secret: this.secretBox.seal(secret, endpointId) })
        .execute();
      await audit(trx, {
        actor,
        tenantId,
        action: 'webhook_endpoint.secret_rotated',
        subjectType: 'webhook_endpoint',
        subjectId: endpointId,
        after: { previous_secrets_expire_at: expiresAt.toISOString() },
      });
      return { secret, previousExpiresAt: expiresAt };
    });
  }

  /** Re-enables a disabled endpoint; pending deliveries resume. @returns undefined when not found. */
  async enable(tenantId: string, endpointId: string, actor: string): Promise<EndpointView | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.lockEndpoint(trx, tenantId, endpointId);
      if (!before) return undefined;
      const after = await trx
        .updateTable('webhook_endpoints')
        .set({ disabled_at: null, disabled_reason: null, failing_since: null, updated_at: sql`now()` })
        .where('endpoint_id', '=', endpointId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actor,
        tenantId,
        action: 'webhook_endpoint.enabled',
        subjectType: 'webhook_endpoint',
        subjectId: endpointId,
        before: endpointView(before),
        after: endpointView(after),
      });
      return endpointView(after);
    });
  }

  /** Deletes an endpoint with its secrets and deliveries. @returns false when not found. */
  async remove(tenantId: string, endpointId: string, actor: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.lockEndpoint(trx, tenantId, endpointId);
      if (!before) return false;
      await trx.deleteFrom('webhook_endpoints').where('endpoint_id', '=', endpointId).execute();
      await audit(trx, {
        actor,
        tenantId,
        action: 'webhook_endpoint.deleted',
        subjectType: 'webhook_endpoint',
        subjectId: endpointId,
        before: endpointView(before),
      });
      return true;
    });
  }

  private lockEndpoint(trx: Tx, tenantId: string, endpointId: string) {
    return trx
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('endpoint_id', '=', endpointId)
      .forUpdate()
      .executeTakeFirst();
  }
}

/**
 * Disables an endpoint (410 Gone, or failing for too long) and records an audit event, in the caller's
 * transaction. Its pending deliveries stay queued and resume if it is enabled again.
 */
export async function disableEndpoint(trx: Tx, endpointId: string, reason: string): Promise<void> {
  const before = await trx
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where('disabled_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return;
  const after = await trx
    .updateTable('webhook_endpoints')
    .set({ disabled_at: sql`now()`, disabled_reason: reason, updated_at: sql`now()` })
    .where('endpoint_id', '=', endpointId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, {
    actor: 'system',
    tenantId: before.tenant_id,
    action: 'webhook_endpoint.disabled',
    subjectType: 'webhook_endpoint',
    subjectId: endpointId,
    before: endpointView(before),
    after: endpointView(after),
  });
}
