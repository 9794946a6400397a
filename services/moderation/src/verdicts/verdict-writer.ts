import { postKey, TOPICS, type VerdictV1 } from '@vigil/contracts';
import { strongestAction } from '@vigil/policy';
import type { Tx } from '../database/database';
import { VERDICT_EVENT_TYPE, webhookBody } from './verdict-builder';

/** Kafka headers of a verdict record on `vigil.verdicts.v1`. */
export function verdictHeaders(verdict: VerdictV1): Record<string, string> {
  return {
    'content-type': 'application/json',
    'vigil-schema': 'verdict.v1',
    'vigil-verdict-id': verdict.verdict_id,
    ...(verdict.trace_id ? { 'vigil-trace-id': verdict.trace_id } : {}),
  };
}

/** The `webhook-id` of a verdict's deliveries: one per verdict, the same for every endpoint and retry. */
export function webhookMessageId(verdictId: string): string {
  return `msg_${verdictId.replaceAll('-', '')}`;
}

export interface WriteVerdictOptions {
  /** Registered endpoint of the verdict's tenant to deliver to (the post's `callback.endpoint_id`). */
  readonly callbackEndpointId?: string | null;
  /** The verdict this one replaces (a human decision over a model verdict). */
  readonly supersedes?: string | null;
  /** Hold the Kafka record and the webhook delivery until then (a human decision's undo window). */
  readonly holdUntil?: Date | null;
}

export interface WrittenVerdict {
  /** False when a model verdict for this revision already existed (nothing was written). */
  readonly inserted: boolean;
  /** Webhook deliveries queued (0 or 1). */
  readonly deliveries: number;
}

/**
 * Writes a verdict and its outbox rows inside the caller's transaction: the verdict row, one outbox row
 * for `vigil.verdicts.v1` (key `tenant:post`) and one webhook delivery for the callback endpoint when it
 * is registered for the tenant. A model verdict is unique per tenant + post + revision: a second one is a
 * no-op (`inserted: false`). Human verdicts (`source: human`) always insert and may name `supersedes`.
 *
 * The caller's transaction makes it atomic: when it commits, the relay and the webhook dispatcher
 * will deliver; when it rolls back, nothing was decided.
 */
export async function writeVerdict(
  trx: Tx,
  verdict: VerdictV1,
  options: WriteVerdictOptions = {},
): Promise<WrittenVerdict> {
  const insert = trx.insertInto('verdicts').values({
    verdict_id: verdict.verdict_id,
    tenant_id: verdict.tenant_id,
    post_id: verdict.post_id,
    revision: verdict.revision,
    source: verdict.source,
    status: verdict.status,
    strongest_action: strongestAction(verdict.actions),
    actions: JSON.stringify(verdict.actions),
    policy_id: verdict.policy.id,
    policy_version: verdict.policy.version,
    payload: JSON.stringify(verdict),
    supersedes: options.supersedes ?? null,
    decided_at: verdict.decided_at,
  });
  const row = await (
    verdict.source === 'model'
      ? insert.onConflict((oc) =>
          oc.columns(['tenant_id', 'post_id', 'revision']).where('source', '=', 'model').doNothing(),
        )
      : insert
  )
    .returning('verdict_id')
    .executeTakeFirst();
  if (!row) return { inserted: false, deliveries: 0 };

  const body = JSON.stringify(verdict);
  await trx
    .insertInto('outbox')
    .values({
      topic: TOPICS.verdicts.name,
      message_key: postKey(verdict.tenant_id, verdict.post_id),
      payload: body,
      headers: JSON.stringify(verdictHeaders(verdict)),
      verdict_id: verdict.verdict_id,
      not_before: options.holdUntil ?? null,
    })
    .execute();

  let deliveries = 0;
  if (options.callbackEndpointId) {
    const queued = await trx
      .insertInto('webhook_deliveries')
      .columns([
        'message_id',
        'endpoint_id',
        'tenant_id',
        'verdict_id',
        'event_type',
        'payload',
        ...(options.holdUntil ? (['next_attempt_at'] as const) : []),
      ])
      .expression((eb) =>
        eb
          .selectFrom('webhook_endpoints')
          .select([
            eb.val(webhookMessageId(verdict.verdict_id)).as('message_id'),
            'endpoint_id',
            'tenant_id',
            eb.val(verdict.verdict_id).as('verdict_id'),
            eb.val(VERDICT_EVENT_TYPE).as('event_type'),
            eb.val(webhookBody(verdict)).as('payload'),
            ...(options.holdUntil ? [eb.val(options.holdUntil).as('next_attempt_at')] : []),
          ])
          .where('endpoint_id', '=', options.callbackEndpointId!)
          .where('tenant_id', '=', verdict.tenant_id),
      )
      .executeTakeFirst();
    deliveries = Number(queued.numInsertedOrUpdatedRows ?? 0);
  }
  return { inserted: true, deliveries };
}
