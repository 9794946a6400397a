import { sql } from 'kysely';
import { ApiError } from '../http/api-error';
import type { ModeratorPrincipal } from '../auth/sessions';
import type { Db } from '../database/database';
import { audit } from '../audit/audit';

export interface UndoOutcome {
  readonly decision_id: string;
  readonly task_id: string;
  /** The task is claimed by the moderator again, to decide anew. */
  readonly task_status: 'claimed';
}

/**
 * Takes back the moderator's own decision inside its undo window: its held verdict, Kafka record and
 * webhook delivery are withdrawn unpublished (the verdict in force is the one before again), its
 * feedback labels dropped, and the task is claimed by the moderator again (for `claimLeaseMs`). An
 * escalation is undone by taking the task back from the senior queue. The decision row stays, marked
 * undone, with an audit entry.
 * @throws ApiError 404 DECISION_NOT_FOUND (not yours, or no such decision), 409 UNDO_WINDOW_CLOSED
 */
export async function undoDecision(
  db: Db,
  decisionId: string,
  moderator: ModeratorPrincipal,
  claimLeaseMs: number,
): Promise<UndoOutcome> {
  return db.transaction().execute(async (trx) => {
    const decision = await trx
      .selectFrom('human_decisions')
      .selectAll()
      .where('decision_id', '=', decisionId)
      .where('moderator_id', '=', moderator.moderatorId)
      .forUpdate()
      .executeTakeFirst();
    if (!decision || !decision.task_id) {
      throw new ApiError(404, 'DECISION_NOT_FOUND', `no decision ${decisionId} of yours`);
    }
    const closed = () =>
      new ApiError(409, 'UNDO_WINDOW_CLOSED', 'the undo window of this decision has closed');
    if (decision.undone_at || !decision.undo_until || decision.undo_until.getTime() <= Date.now()) {
      throw closed();
    }
    const task = await trx
      .selectFrom('review_tasks')
      .selectAll()
      .where('task_id', '=', decision.task_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (decision.verdict_id) {
      // Held rows only: a verdict the relay already sent cannot be taken back.
      const sent = await trx
        .selectFrom('outbox')
        .select('id')
        .where('verdict_id', '=', decision.verdict_id)
        .where('sent_at', 'is not', null)
        .executeTakeFirst();
      const delivered = await trx
        .selectFrom('webhook_deliveries')
        .select('delivery_id')
        .where('verdict_id', '=', decision.verdict_id)
        .where('attempts', '>', 0)
        .executeTakeFirst();
      if (sent || delivered || task.status !== 'resolved') throw closed();
      await trx.deleteFrom('outbox').where('verdict_id', '=', decision.verdict_id).execute();
      await trx.deleteFrom('webhook_deliveries').where('verdict_id', '=', decision.verdict_id).execute();
    } else if (task.status !== 'open' || task.claimed_by) {
      // An escalation someone in the senior queue has already taken.
      throw closed();
    }
    const now = new Date();
    await trx
      .updateTable('human_decisions')
      .set({ undone_at: now, verdict_id: null })
      .where('decision_id', '=', decisionId)
      .execute();
    if (decision.verdict_id)
      await trx.deleteFrom('verdicts').where('verdict_id', '=', decision.verdict_id).execute();
    await trx.deleteFrom('review_feedback').where('decision_id', '=', decisionId).execute();
    await trx
      .updateTable('review_tasks')
      .set({
        status: 'claimed',
        claimed_by: moderator.moderatorId,
        claim_expires_at: new Date(now.getTime() + claimLeaseMs),
        claimed_at: now,
        resolved_at: null,
        ...(decision.decision === 'escalate'
          ? { escalation_level: sql`greatest(escalation_level - 1, 0)` }
          : {}),
      })
      .where('task_id', '=', decision.task_id)
      .execute();
    await audit(trx, {
      actor: `moderator:${moderator.moderatorId}`,
      tenantId: decision.tenant_id,
      action: 'review.undone',
      subjectType: 'review_task',
      subjectId: decision.task_id,
      before: { decision_id: decisionId, decision: decision.decision, verdict_id: decision.verdict_id },
      after: { task_status: 'claimed' },
    });
    return { decision_id: decisionId, task_id: decision.task_id, task_status: 'claimed' as const };
  });
}
