import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { reasonFor } from '@vigil/contracts';
import { ApiError } from '../http/api-error';
import type { ModeratorPrincipal } from '../auth/sessions';
import type { Db } from '../database/database';
import type { ReviewClaims } from './claims';
import type { ReviewDecisions } from './decisions';
import type { QueueRow, QueueStore } from './queues';
import type { BulkDecisionRequest, BulkDecisionResponse } from './schemas';

type BulkResult = BulkDecisionResponse['results'][number];

/**
 * One decision and reason for many tasks of a queue. Each task goes the way of a single decision, in
 * its own transactions: it is claimed (a task someone else holds is skipped, never taken over; the
 * caller's own claim is renewed), then decided with `ReviewDecisions.decide` (verdict, outbox, audit
 * entry marked with the bulk id, undo window). A task that cannot be decided is reported and the rest
 * go on: `skipped` for what a single decision would refuse (claimed by someone else, already decided,
 * not in this queue), `failed` for anything unexpected. The moderator's role and queue membership are
 * checked once, by the controller, as for a single decision.
 */
export class BulkDecisions {
  private readonly log = new Logger('BulkDecisions');

  constructor(
    private readonly db: Db,
    private readonly queues: QueueStore,
    private readonly claims: ReviewClaims,
    private readonly decisions: ReviewDecisions,
  ) {}

  /** @throws ApiError 400 REASON_CODE_INVALID (before any task is touched) */
  async decide(
    queue: QueueRow,
    moderator: ModeratorPrincipal,
    request: BulkDecisionRequest,
  ): Promise<BulkDecisionResponse> {
    const { task_ids: taskIds, ...decision } = request;
    if (!reasonFor(decision.decision, decision.reason_code)) {
      throw new ApiError(
        400,
        'REASON_CODE_INVALID',
        `${decision.reason_code} is not a reason code for ${decision.decision}`,
      );
    }
    const bulkId = randomUUID();
    const results: BulkResult[] = [];
    // One after another: each holds a row lock only for its own transaction.
    for (const taskId of taskIds) {
      results.push(await this.decideOne(queue, taskId, moderator, decision, bulkId));
    }
    const count = (status: BulkResult['status']) => results.filter((r) => r.status === status).length;
    return { results, decided: count('decided'), skipped: count('skipped'), failed: count('failed') };
  }

  private async decideOne(
    queue: QueueRow,
    taskId: string,
    moderator: ModeratorPrincipal,
    decision: Omit<BulkDecisionRequest, 'task_ids'>,
    bulkId: string,
  ): Promise<BulkResult> {
    let claimedHere = false;
    try {
      const before = await this.queues.task(this.db, queue, taskId, moderator.moderatorId);
      await this.claims.claim(queue, taskId, moderator.moderatorId);
      claimedHere = !before?.claimed_by_me;
      const outcome = await this.decisions.decide(queue, taskId, moderator, decision, { bulkId });
      return { task_id: taskId, status: 'decided', ...outcome };
    } catch (error) {
      // A task claimed for this bulk decision and then not decided goes back to the queue.
      if (claimedHere) {
        await this.claims.release(taskId, moderator.moderatorId).catch(() => undefined);
      }
      if (error instanceof ApiError && error.getStatus() < 500) {
        const { code, message } = error.getResponse() as { code: string; message: string };
        return { task_id: taskId, status: 'skipped', code, reason: message };
      }
      this.log.error(`bulk decision ${bulkId}: task ${taskId}: ${(error as Error).message}`);
      return {
        task_id: taskId,
        status: 'failed',
        code: 'INTERNAL_ERROR',
        reason: 'the task could not be decided; try it alone',
      };
    }
  }
}
