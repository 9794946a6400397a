import { randomUUID } from 'node:crypto';
import { DECISION_ACTIONS, reasonFor, VerdictV1Schema, type VerdictV1 } from '@vigil/contracts';
import { sql } from 'kysely';
import { ApiError } from '../http/api-error';
import type { ModeratorPrincipal } from '../auth/sessions';
import type { Db, Tx } from '../database/database';
import { latestVerdict } from '../verdicts/verdict-queries';
import { writeVerdict } from '../verdicts/verdict-writer';
import { audit } from '../audit/audit';
import { requireConfirmation } from './high-severity';
import { type QueueStore, type QueueRow } from './queues';
import type { DecisionRequest } from './schemas';
import { undoDecision, type UndoOutcome } from './undo';

export type { UndoOutcome } from './undo';

export interface DecisionOutcome {
  readonly decision_id: string;
  readonly verdict_id: string | null;
  readonly task_status: 'open' | 'resolved';
  /** Until when `undo` takes it back (its verdict is held until then); null: no undo. */
  readonly undo_until: string | null;
}

/**
 * The human verdict for a final decision: the verdict in force with the moderator's action in place of
 * the model's, `source: human`, `review {decision, reason_code, moderator_id}` (the moderator's opaque
 * id, never a name) and `timings.review_ms` (task opened → decided).
 */
export function buildHumanVerdict(
  inForce: VerdictV1,
  decision: Exclude<DecisionRequest['decision'], 'escalate'>,
  reason: { code: string; category?: string },
  moderatorId: string,
  ids: { verdictId: string; decidedAt: Date; taskCreatedAt: Date },
): VerdictV1 {
  return VerdictV1Schema.parse({
    ...inForce,
    verdict_id: ids.verdictId,
    source: 'human',
    actions: [
      {
        action: DECISION_ACTIONS[decision],
        rule: `human.${decision}`,
        ...(reason.category ? { category: reason.category } : {}),
      },
    ],
    timings: { review_ms: Math.max(0, ids.decidedAt.getTime() - ids.taskCreatedAt.getTime()) },
    decided_at: ids.decidedAt.toISOString(),
    review: { decision, reason_code: reason.code, moderator_id: moderatorId },
  });
}

/**
 * Moderators' decisions on claimed tasks. `approve`, `remove` and `age_restrict` are final: one
 * transaction writes the human verdict with its outbox rows (Kafka record and webhook delivery, the
 * same path as model verdicts), the decision, the reviewer's per-category feedback labels, resolves the
 * task and appends an audit entry with the verdict before and after. `escalate` records the decision
 * and hands the task, unclaimed, to the senior queues (escalation level + 1); no verdict is published.
 */
export class ReviewDecisions {
  constructor(
    private readonly db: Db,
    private readonly queues: QueueStore,
    private readonly options: { readonly undoWindowMs: number; readonly claimLeaseMs: number } = {
      undoWindowMs: 0,
      claimLeaseMs: 600_000,
    },
  ) {}

  /**
   * @throws ApiError 400 REASON_CODE_INVALID, 404 TASK_NOT_FOUND, 409 TASK_NOT_CLAIMED (the caller does
   *   not hold the claim: never claimed, released, or taken over after the lease ran out), 409
   *   CONFIRMATION_REQUIRED (a high-severity decision without `confirmed: true`, see high-severity.ts)
   */
  async decide(
    queue: QueueRow,
    taskId: string,
    moderator: ModeratorPrincipal,
    request: DecisionRequest,
    /** `bulkId`: the bulk decision this is part of (in the audit entry). */
    context: { readonly bulkId?: string } = {},
  ): Promise<DecisionOutcome> {
    const reason = reasonFor(request.decision, request.reason_code);
    if (!reason) {
      throw new ApiError(
        400,
        'REASON_CODE_INVALID',
        `${request.reason_code} is not a reason code for ${request.decision}`,
      );
    }
    const actor = `moderator:${moderator.moderatorId}`;
    const finalAction = request.decision === 'escalate' ? null : DECISION_ACTIONS[request.decision];
    return this.db.transaction().execute(async (trx) => {
      const task = await trx
        .selectFrom('review_tasks')
        .selectAll()
        .where('task_id', '=', taskId)
        .forUpdate()
        .executeTakeFirst();
      const summary = task && (await this.queues.task(trx, queue, taskId, moderator.moderatorId));
      if (!task || !summary) {
        throw new ApiError(404, 'TASK_NOT_FOUND', `no task ${taskId} in queue ${queue.queue_id}`);
      }
      if (task.status !== 'claimed' || task.claimed_by !== moderator.moderatorId) {
        throw new ApiError(
          409,
          'TASK_NOT_CLAIMED',
          'claim the task before deciding (your claim may have expired)',
        );
      }
      requireConfirmation(request.decision, reason.code, summary.triage.tier, request.confirmed);
      const inForce = await latestVerdict(trx, task.tenant_id, task.post_id, task.revision);
      if (!inForce) throw new Error(`task ${taskId} has no verdict for its revision`);
      const decisionId = randomUUID();
      const decidedAt = new Date();
      const undoUntil =
        this.options.undoWindowMs > 0 ? new Date(decidedAt.getTime() + this.options.undoWindowMs) : null;
      const before = {
        verdict_id: inForce.verdict_id,
        source: inForce.source,
        actions: inForce.actions,
        task_status: task.status,
        escalation_level: task.escalation_level,
      };

      let verdictId: string | null = null;
      if (request.decision !== 'escalate') {
        const verdict = buildHumanVerdict(inForce, request.decision, reason, moderator.moderatorId, {
          verdictId: randomUUID(),
          decidedAt,
          taskCreatedAt: task.created_at,
        });
        const post = await trx
          .selectFrom('posts')
          .select('callback_endpoint_id')
          .where('tenant_id', '=', task.tenant_id)
          .where('post_id', '=', task.post_id)
          .where('revision', '=', task.revision)
          .executeTakeFirstOrThrow();
        await writeVerdict(trx, verdict, {
          supersedes: inForce.verdict_id,
          callbackEndpointId: post.callback_endpoint_id,
          holdUntil: undoUntil,
        });
        verdictId = verdict.verdict_id;
      }
      await trx
        .insertInto('human_decisions')
        .values({
          decision_id: decisionId,
          task_id: taskId,
          tenant_id: task.tenant_id,
          post_id: task.post_id,
          revision: task.revision,
          moderator_id: moderator.moderatorId,
          decision: request.decision,
          reason_code: reason.code,
          notes: request.note?.trim() || null,
          verdict_id: verdictId,
          decided_at: decidedAt,
          undo_until: undoUntil,
          undone_at: null,
        })
        .execute();
      await this.storeFeedback(trx, decisionId, task, moderator.moderatorId, inForce, request.feedback ?? []);

      const escalate = request.decision === 'escalate';
      await trx
        .updateTable('review_tasks')
        .set(
          escalate
            ? {
                status: 'open',
                claimed_by: null,
                claim_expires_at: null,
                claimed_at: null,
                escalation_level: sql`escalation_level + 1`,
              }
            : { status: 'resolved', resolved_at: decidedAt, claim_expires_at: null },
        )
        .where('task_id', '=', taskId)
        .execute();
      await audit(trx, {
        actor,
        tenantId: task.tenant_id,
        action: escalate ? 'review.escalated' : 'review.decided',
        subjectType: 'review_task',
        subjectId: taskId,
        before,
        after: {
          decision_id: decisionId,
          decision: request.decision,
          reason_code: reason.code,
          note: request.note?.trim() || null,
          ...(context.bulkId ? { bulk_id: context.bulkId } : {}),
          ...(escalate
            ? { escalation_level: task.escalation_level + 1, task_status: 'open' }
            : {
                verdict_id: verdictId,
                actions: [{ action: finalAction, rule: `human.${request.decision}` }],
                task_status: 'resolved',
              }),
        },
      });
      return {
        decision_id: decisionId,
        verdict_id: verdictId,
        task_status: escalate ? 'open' : 'resolved',
        undo_until: undoUntil?.toISOString() ?? null,
      };
    });
  }
  /** Takes back the moderator's own decision inside its undo window (see `undoDecision` in undo.ts). */
  async undo(decisionId: string, moderator: ModeratorPrincipal): Promise<UndoOutcome> {
    return undoDecision(this.db, decisionId, moderator, this.options.claimLeaseMs);
  }

  /** Per-category agree/disagree labels with the model score they judge, for later recalibration. */
  private async storeFeedback(
    trx: Tx,
    decisionId: string,
    task: { tenant_id: string; post_id: string; revision: number },
    moderatorId: string,
    inForce: VerdictV1,
    labels: readonly { category: string; agrees: boolean }[],
  ): Promise<void> {
    const unique = [...new Map(labels.map((l) => [l.category, l])).values()];
    if (unique.length === 0) return;
    await trx
      .insertInto('review_feedback')
      .values(
        unique.map((l) => ({
          decision_id: decisionId,
          category: l.category,
          agrees: l.agrees,
          model_score: inForce.scores.find((s) => s.category === l.category)?.score ?? null,
          tenant_id: task.tenant_id,
          post_id: task.post_id,
          revision: task.revision,
          moderator_id: moderatorId,
          bundle_version: inForce.bundle ? `${inForce.bundle.name}@${inForce.bundle.version}` : null,
        })),
      )
      .execute();
  }
}
