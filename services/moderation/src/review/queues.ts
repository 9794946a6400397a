import { sql } from 'kysely';
import { ApiError } from '../http/api-error';
import type { ModeratorPrincipal } from '../auth/sessions';
import type { Db, Queryable } from '../database/database';
import { audit } from '../audit/audit';
import { QueueFilter, type TaskSummary } from './schemas';
import { CLAIMABLE, dueAt, filterSql, summaryColumns, toSummary, type SummaryRow } from './task-summaries';
import { TRIAGE_TIERS, triageTierSql } from './triage';

export interface QueueRow {
  readonly queue_id: string;
  readonly name: string;
  readonly description: string;
  readonly filter: QueueFilter;
  readonly sla_seconds: number;
}

/**
 * Review queues: named filters over review tasks with an SLA, and who may work in them. Non-admins see
 * only the queues they are members of; a task is in a queue when the queue's filter matches it.
 */
export class QueueStore {
  constructor(private readonly db: Db) {}

  /**
   * The queue, when `moderator` may work in it.
   * @throws ApiError 404 QUEUE_NOT_FOUND, 403 AUTH_QUEUE_FORBIDDEN
   */
  async forModerator(queueId: string, moderator: ModeratorPrincipal): Promise<QueueRow> {
    const queue = await this.get(this.db, queueId);
    if (!queue) throw new ApiError(404, 'QUEUE_NOT_FOUND', `no queue ${queueId}`);
    if (!moderator.queues.includes(queueId)) {
      throw new ApiError(403, 'AUTH_QUEUE_FORBIDDEN', `you are not a member of queue ${queueId}`);
    }
    return queue;
  }

  async get(db: Queryable, queueId: string): Promise<QueueRow | undefined> {
    const row = await db
      .selectFrom('review_queues')
      .select(['queue_id', 'name', 'description', 'filter', 'sla_seconds'])
      .where('queue_id', '=', queueId)
      .executeTakeFirst();
    return row && { ...row, filter: QueueFilter.parse(row.filter) };
  }

  /** The queues `moderator` works in, with counts of waiting, claimed and overdue tasks. */
  async summaries(moderator: ModeratorPrincipal) {
    const queues = await this.db
      .selectFrom('review_queues')
      .select(['queue_id', 'name', 'description', 'filter', 'sla_seconds'])
      .where('queue_id', 'in', moderator.queues.length > 0 ? [...moderator.queues] : [''])
      .orderBy('queue_id')
      .execute();
    return Promise.all(
      queues.map(async (q) => {
        const filter = QueueFilter.parse(q.filter);
        const c = await this.counts({ ...q, filter });
        return {
          queue_id: q.queue_id,
          name: q.name,
          description: q.description,
          filter,
          sla_seconds: q.sla_seconds,
          open: c.open,
          claimed: c.claimed,
          overdue: c.overdue,
          oldest_created_at: c.oldest_created_at,
          urgent: c.urgent,
          next_due_at: c.next_due_at,
        };
      }),
    );
  }

  /**
   * Waiting (claimable), claimed and overdue tasks of a queue, its oldest and newest task, and how urgent
   * the waiting ones are: how many are in the urgent triage tier, and the soonest due time among them.
   */
  async counts(q: QueueRow): Promise<{
    open: number;
    claimed: number;
    overdue: number;
    oldest_created_at: string | null;
    newest_created_at: string | null;
    urgent: number;
    next_due_at: string | null;
  }> {
    const { rows } = await sql<{
      open: string;
      claimed: string;
      overdue: string;
      oldest: Date | null;
      newest: Date | null;
      urgent: string;
      next_due: Date | null;
    }>`
      SELECT count(*) FILTER (WHERE w.claimable) AS open,
             count(*) FILTER (WHERE NOT w.claimable) AS claimed,
             count(*) FILTER (WHERE w.due_at < now()) AS overdue,
             min(w.created_at) AS oldest, max(w.created_at) AS newest,
             count(*) FILTER (WHERE w.claimable AND w.tier = ${sql.lit(TRIAGE_TIERS[0].tier)}) AS urgent,
             min(w.due_at) FILTER (WHERE w.claimable) AS next_due
      FROM (
        SELECT ${CLAIMABLE} AS claimable, t.created_at, ${dueAt(q.sla_seconds)} AS due_at,
               ${triageTierSql()} AS tier
        FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision)
        WHERE t.status IN ('open', 'claimed') AND ${filterSql(q.filter)}
      ) w`.execute(this.db);
    const c = rows[0]!;
    return {
      open: Number(c.open),
      claimed: Number(c.claimed),
      overdue: Number(c.overdue),
      oldest_created_at: c.oldest?.toISOString() ?? null,
      newest_created_at: c.newest?.toISOString() ?? null,
      urgent: Number(c.urgent),
      next_due_at: c.next_due?.toISOString() ?? null,
    };
  }

  /** One task as a summary, when it is in `queue` (any status). */
  async task(
    db: Queryable,
    queue: QueueRow,
    taskId: string,
    moderatorId: string,
  ): Promise<TaskSummary | undefined> {
    const { rows } = await sql<SummaryRow>`
      SELECT ${summaryColumns(queue.sla_seconds)}
      FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision)
      WHERE t.task_id = ${taskId}::uuid AND ${filterSql(queue.filter)}`.execute(db);
    return rows[0] && toSummary(rows[0], moderatorId);
  }

  /** Whether any task of the post is in one of `queueIds` (media and history access for non-admins). */
  async postVisible(tenantId: string, postId: string, queueIds: readonly string[]): Promise<boolean> {
    if (queueIds.length === 0) return false;
    const queues = await this.db
      .selectFrom('review_queues')
      .select('filter')
      .where('queue_id', 'in', [...queueIds])
      .execute();
    const anyQueue = sql.join(
      queues.map((q) => filterSql(QueueFilter.parse(q.filter))),
      sql` OR `,
    );
    const { rows } = await sql<{ found: boolean }>`
      SELECT EXISTS (
        SELECT 1 FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision)
        WHERE t.tenant_id = ${tenantId} AND t.post_id = ${postId} AND (${anyQueue})) AS found`.execute(
      this.db,
    );
    return rows[0]?.found ?? false;
  }

  /**
   * Creates a queue (admin).
   * @throws ApiError 409 QUEUE_EXISTS
   */
  async create(
    input: {
      queue_id: string;
      name: string;
      description?: string;
      filter: QueueFilter;
      sla_seconds?: number;
    },
    actor: string,
  ): Promise<QueueRow> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('review_queues')
        .values({
          queue_id: input.queue_id,
          name: input.name,
          description: input.description ?? '',
          filter: JSON.stringify(input.filter),
          ...(input.sla_seconds ? { sla_seconds: input.sla_seconds } : {}),
        })
        .onConflict((oc) => oc.column('queue_id').doNothing())
        .returning('queue_id')
        .executeTakeFirst();
      if (!row) throw new ApiError(409, 'QUEUE_EXISTS', `queue ${input.queue_id} exists`);
      const queue = (await this.get(trx, input.queue_id))!;
      await audit(trx, {
        actor,
        tenantId: null,
        action: 'review_queue.created',
        subjectType: 'review_queue',
        subjectId: queue.queue_id,
        after: queue,
      });
      return queue;
    });
  }

  /**
   * Changes a queue's name, description, filter or SLA (admin).
   * @throws ApiError 404 QUEUE_NOT_FOUND
   */
  async update(
    queueId: string,
    change: { name?: string; description?: string; filter?: QueueFilter; sla_seconds?: number },
    actor: string,
  ): Promise<QueueRow> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.get(trx, queueId);
      if (!before) throw new ApiError(404, 'QUEUE_NOT_FOUND', `no queue ${queueId}`);
      await trx
        .updateTable('review_queues')
        .set({
          ...(change.name ? { name: change.name } : {}),
          ...(change.description !== undefined ? { description: change.description } : {}),
          ...(change.filter ? { filter: JSON.stringify(change.filter) } : {}),
          ...(change.sla_seconds ? { sla_seconds: change.sla_seconds } : {}),
          updated_at: new Date(),
        })
        .where('queue_id', '=', queueId)
        .execute();
      const after = (await this.get(trx, queueId))!;
      await audit(trx, {
        actor,
        tenantId: null,
        action: 'review_queue.updated',
        subjectType: 'review_queue',
        subjectId: queueId,
        before,
        after,
      });
      return after;
    });
  }
}
