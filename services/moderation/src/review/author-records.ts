import { createHash } from 'node:crypto';
import type { PostV1 } from '@vigil/contracts';
import { sql } from 'kysely';
import type { Queryable } from '../database/database';

/**
 * A pseudonym of an author within a tenant: the first 12 hex digits of SHA-256(tenant, NUL, author).
 * Shown to moderators and written to the audit log in place of the platform's id, which is never
 * logged; the same author id in two tenants gets two unrelated pseudonyms.
 */
export function authorRef(tenantId: string, author: string): string {
  return createHash('sha256').update(`${tenantId}\u0000${author}`).digest('hex').slice(0, 12);
}

/** The `webhook-id` of an author action's deliveries: one per action, the same on every retry. */
export function authorActionMessageId(actionId: string): string {
  return `msg_author_${actionId.replaceAll('-', '')}`;
}

/**
 * Records the author of a post from the posts topic (all revisions share one row per tenant + post; a
 * later revision updates it, keeping an account creation time it no longer sends). Redelivery is a no-op.
 */
export async function recordPostAuthor(db: Queryable, post: PostV1): Promise<void> {
  await db
    .insertInto('post_authors')
    .values({
      tenant_id: post.tenant_id,
      post_id: post.post_id,
      author: post.author,
      author_created_at: post.author_created_at ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'post_id']).doUpdateSet((eb) => ({
        author: eb.ref('excluded.author'),
        author_created_at: sql`coalesce(excluded.author_created_at, post_authors.author_created_at)`,
      })),
    )
    .execute();
}

/** The `webhook-id` of the deliveries announcing that an author action was lifted: one per action. */
export function authorLiftMessageId(actionId: string): string {
  return `msg_author_lift_${actionId.replaceAll('-', '')}`;
}

/**
 * Queues one signed author event (`author.action`, `author.action.lifted`) for the post's callback
 * endpoint, in the caller's transaction; the webhook dispatcher signs and retries it like a verdict.
 * Body: `{ type, timestamp, data }` (Standard Webhooks' shape), `webhook-id` `messageId`.
 * @returns deliveries queued: 1, or 0 when the endpoint is not the tenant's (or no longer exists).
 */
export async function queueAuthorWebhook(
  trx: Queryable,
  event: {
    readonly messageId: string;
    readonly type: string;
    readonly timestamp: string;
    readonly data: object;
    readonly endpointId: string;
    readonly tenantId: string;
  },
): Promise<number> {
  const body = JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
  const queued = await trx
    .insertInto('webhook_deliveries')
    .columns(['message_id', 'endpoint_id', 'tenant_id', 'event_type', 'payload'])
    .expression((eb) =>
      eb
        .selectFrom('webhook_endpoints')
        .select([
          eb.val(event.messageId).as('message_id'),
          'endpoint_id',
          'tenant_id',
          eb.val(event.type).as('event_type'),
          eb.val(body).as('payload'),
        ])
        .where('endpoint_id', '=', event.endpointId)
        .where('tenant_id', '=', event.tenantId),
    )
    .executeTakeFirst();
  return Number(queued.numInsertedOrUpdatedRows ?? 0);
}
