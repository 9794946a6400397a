import { sql } from 'kysely';
import { ApiError } from '../http/api-error';
import type { Db } from '../database/database';
import { type QueueStore, type QueueRow } from './queues';
import { CLAIMABLE, filterSql, queueOrder } from './task-summaries';
import type { QueueFilter, TaskSummary } from './schemas';

/**
 * The new `claimed_at` of task `t` claimed by `moderatorId`: kept when this renews the moderator's own live
 * claim, now for a new claim (also after the moderator's own lease ran out).
 */
function renewedOrNow(moderatorId: string) {
  return sql`CASE WHEN t.status = 'claimed' AND t.claimed_by = ${moderatorId} AND t.claim_expires_at > now()
    THEN coalesce(t.claimed_at, now()) ELSE now() END`;
}

/**
 * Claims on review tasks: a moderator holds a task for `leaseMs` (renewed by claiming it again); a
 * lease that runs out returns the task to its queue without anyone releasing it. The next task is taken
 * with `FOR UPDATE SKIP LOCKED`, so concurrent claims (any number of moderators and instances) never
 * return the same task and never wait on each other.
 */
export class ReviewClaims {
  constructor(
    private readonly db: Db,
    private readonly queues: QueueStore,
    private readonly leaseMs: number,
  ) {}

  private lease() {
    return sql`now() + ${`${this.leaseMs} milliseconds`}::interval`;
  }

  /** Claims the first claimable task of `queue` (narrowed by `narrow`) in queue order; null when none. */
  async claimNext(queue: QueueRow, narrow: QueueFilter, moderatorId: string): Promise<TaskSummary | null> {
    const { rows } = await sql<{ task_id: string }>`
      UPDATE review_tasks SET status = 'claimed', claimed_by = ${moderatorId}, claim_expires_at = ${this.lease()},
        claimed_at = now()
      WHERE task_id = (
        SELECT t.task_id
        FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision)
        WHERE ${CLAIMABLE} AND ${filterSql(queue.filter)} AND ${filterSql(narrow)}
        ORDER BY ${queueOrder(queue.sla_seconds)}
        LIMIT 1
        FOR UPDATE OF t SKIP LOCKED)
      RETURNING task_id`.execute(this.db);
    const claimed = rows[0];
    return claimed ? ((await this.queues.task(this.db, queue, claimed.task_id, moderatorId)) ?? null) : null;
  }

  /**
   * Claims one task of `queue`, or renews the caller's own claim.
   * @throws ApiError 404 TASK_NOT_FOUND (not in this queue), 409 TASK_CLAIMED_BY_OTHER, 409 TASK_CLOSED
   */
  async claim(queue: QueueRow, taskId: string, moderatorId: string): Promise<TaskSummary> {
    const { rows } = await sql<{ task_id: string }>`
      UPDATE review_tasks t SET status = 'claimed', claimed_by = ${moderatorId}, claim_expires_at = ${this.lease()},
        claimed_at = ${renewedOrNow(moderatorId)}
      FROM posts p
      WHERE t.task_id = ${taskId}::uuid AND (p.tenant_id, p.post_id, p.revision) = (t.tenant_id, t.post_id, t.revision)
        AND (${CLAIMABLE} OR (t.status = 'claimed' AND t.claimed_by = ${moderatorId}))
        AND ${filterSql(queue.filter)}
      RETURNING t.task_id`.execute(this.db);
    const task = await this.queues.task(this.db, queue, taskId, moderatorId);
    if (!task) throw new ApiError(404, 'TASK_NOT_FOUND', `no task ${taskId} in queue ${queue.queue_id}`);
    if (rows.length === 0) {
      if (task.status === 'claimed') {
        throw new ApiError(
          409,
          'TASK_CLAIMED_BY_OTHER',
          `${task.claimed_by ?? 'another moderator'} has this task`,
        );
      }
      throw new ApiError(409, 'TASK_CLOSED', `task ${taskId} is ${task.status}`);
    }
    return task;
  }

  /**
   * Gives a claimed task back to its queue.
   * @throws ApiError 409 TASK_NOT_CLAIMED when the caller does not hold it
   */
  async release(taskId: string, moderatorId: string): Promise<void> {
    const released = await this.db
      .updateTable('review_tasks')
      .set({ status: 'open', claimed_by: null, claim_expires_at: null, claimed_at: null })
      .where('task_id', '=', taskId)
      .where('status', '=', 'claimed')
      .where('claimed_by', '=', moderatorId)
      .executeTakeFirst();
    if (Number(released.numUpdatedRows) === 0) {
      throw new ApiError(409, 'TASK_NOT_CLAIMED', `you do not hold task ${taskId}`);
    }
  }
}
