import {
  AUTHOR_ACTION_LIFTED_EVENT_TYPE,
  AUTHOR_ACTION_SCHEMA_VERSION,
  AUTHOR_LIFT_REASONS,
  AuthorActionLiftedV1Schema,
  type AuthorActionLiftedV1,
} from '@vigil/contracts';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { ModeratorPrincipal } from '../auth/sessions';
import type { Tx } from '../database/database';
import { ApiError } from '../http/api-error';
import { actionView, authorActionRows, type TaskAuthor } from './author-history';
import { authorLiftMessageId, authorRef, queueAuthorWebhook } from './author-records';
import type { AuthorLiftRequest, AuthorLiftResponse } from './author-schemas';

/** The lift reason entry with this code, or a 400 REASON_CODE_INVALID error. */
export function liftReasonCode(code: string | undefined): string | null {
  if (code === undefined) return null;
  if (!AUTHOR_LIFT_REASONS.some((r) => r.code === code)) {
    throw new ApiError(400, 'REASON_CODE_INVALID', `${code} is not a reason to lift an author action`);
  }
  return code;
}

/**
 * Lifts a mute or suspension of the task's author, inside the caller's transaction: only an action on
 * the same author of the same tenant as the task's post is found (any other id is 404, so actions of
 * other authors or tenants cannot be probed). Sets `lifted_at` / `lifted_by`, queues one signed
 * `author.action.lifted` webhook delivery to the post's callback endpoint (webhook-id
 * `msg_author_lift_<action id>`) and writes an `author.lifted` audit entry naming the author by pseudonym.
 * A lifted action stays listed and still counts as a strike.
 * @throws ApiError 404 AUTHOR_ACTION_NOT_FOUND, 409 AUTHOR_ACTION_NOT_LIFTABLE (a warning),
 *   409 AUTHOR_ACTION_NOT_ACTIVE (already lifted or run out).
 */
export async function liftAuthorAction(
  trx: Tx,
  found: { author: TaskAuthor; callbackEndpointId: string | null; taskId: string },
  actionId: string,
  moderator: ModeratorPrincipal,
  request: AuthorLiftRequest,
): Promise<AuthorLiftResponse> {
  const { author: a, callbackEndpointId, taskId } = found;
  const reasonCode = liftReasonCode(request.reason_code);
  const notFound = () =>
    new ApiError(404, 'AUTHOR_ACTION_NOT_FOUND', `no action ${actionId} on the author of this task`);
  if (!z.uuid().safeParse(actionId).success) throw notFound();
  const row = await trx
    .selectFrom('author_actions')
    .select(['action_id', 'kind', 'expires_at', 'lifted_at'])
    .where('action_id', '=', actionId)
    .where('tenant_id', '=', a.tenantId)
    .where('author', '=', a.author)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  if (row.kind !== 'mute' && row.kind !== 'suspend') {
    throw new ApiError(409, 'AUTHOR_ACTION_NOT_LIFTABLE', `a ${row.kind} cannot be lifted`);
  }
  const liftedAt = new Date();
  if (row.lifted_at) {
    throw new ApiError(409, 'AUTHOR_ACTION_NOT_ACTIVE', `action ${actionId} was already lifted`);
  }
  if (row.expires_at && row.expires_at.getTime() <= liftedAt.getTime()) {
    throw new ApiError(409, 'AUTHOR_ACTION_NOT_ACTIVE', `action ${actionId} has run out`);
  }
  await trx
    .updateTable('author_actions')
    .set({ lifted_at: liftedAt, lifted_by: moderator.moderatorId })
    .where('action_id', '=', actionId)
    .execute();

  const event: AuthorActionLiftedV1 = AuthorActionLiftedV1Schema.parse({
    schema_version: AUTHOR_ACTION_SCHEMA_VERSION,
    action_id: actionId,
    tenant_id: a.tenantId,
    author: a.author,
    kind: row.kind,
    ...(reasonCode ? { reason_code: reasonCode } : {}),
    moderator_id: moderator.moderatorId,
    lifted_at: liftedAt.toISOString(),
  });
  const deliveries = callbackEndpointId
    ? await queueAuthorWebhook(trx, {
        messageId: authorLiftMessageId(actionId),
        type: AUTHOR_ACTION_LIFTED_EVENT_TYPE,
        timestamp: event.lifted_at,
        data: event,
        endpointId: callbackEndpointId,
        tenantId: a.tenantId,
      })
    : 0;
  await audit(trx, {
    actor: `moderator:${moderator.moderatorId}`,
    tenantId: a.tenantId,
    action: 'author.lifted',
    subjectType: 'author',
    subjectId: authorRef(a.tenantId, a.author),
    before: { action_id: actionId, kind: row.kind, lifted_at: null },
    after: {
      action_id: actionId,
      kind: row.kind,
      reason_code: reasonCode,
      note: request.note?.trim() || null,
      lifted_at: liftedAt.toISOString(),
      task_id: taskId,
      webhook_deliveries: deliveries,
    },
  });
  const [view] = await authorActionRows(trx, a.tenantId, a.author)
    .where('a.action_id', '=', actionId)
    .execute();
  return { ...actionView(view!), deliveries };
}
