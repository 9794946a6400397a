import { randomUUID } from 'node:crypto';
import {
  AUTHOR_ACTION_EVENT_TYPE,
  AUTHOR_ACTION_REASONS,
  AUTHOR_ACTION_SCHEMA_VERSION,
  AuthorActionV1Schema,
  authorReasonFor,
  type AuthorActionV1,
} from '@vigil/contracts';
import { audit } from '../audit/audit';
import type { ModeratorPrincipal } from '../auth/sessions';
import type { Db, Queryable, Tx } from '../database/database';
import { ApiError } from '../http/api-error';
import { actionView, authorActionRows, authorHistory, type TaskAuthor } from './author-history';
import { liftAuthorAction, liftReasonCode } from './author-lift';
import { authorActionMessageId, authorRef, queueAuthorWebhook } from './author-records';
import type {
  AuthorActionRequest,
  AuthorActionResponse,
  AuthorContext,
  AuthorLiftRequest,
  AuthorLiftResponse,
} from './author-schemas';
import type { QueueRow, QueueStore } from './queues';

/**
 * Author context and author actions, always reached through a task of a queue the moderator works in:
 * no route takes an author id, so a moderator can only see or act on authors of posts in their queues,
 * and everything about the author is looked up within that post's tenant. History rows carry no
 * content (no caption, no media): the post id, the verdict in force and its top category.
 */
export class AuthorActions {
  constructor(
    private readonly db: Db,
    private readonly queues: QueueStore,
  ) {}

  /**
   * The author of the task's post: their posts of the tenant with the verdict in force, final human
   * decisions (not undone), author actions, strike count and account age.
   * @throws ApiError 404 TASK_NOT_FOUND when the task is not in the queue.
   */
  async context(queue: QueueRow, taskId: string, moderator: ModeratorPrincipal): Promise<AuthorContext> {
    const found = await this.taskAuthor(this.db, queue, taskId, moderator);
    const reasons = AUTHOR_ACTION_REASONS.map(({ code, label }) => ({ code, label }));
    if (!found.author) {
      return {
        known: false,
        author_ref: null,
        account_created_at: null,
        account_age_days: null,
        strikes: 0,
        posts_total: 0,
        posts: [],
        decisions: [],
        actions: [],
        reasons,
      };
    }
    return authorHistory(this.db, found.author, reasons);
  }

  /**
   * Warns, mutes or suspends the author of the task's post, in one transaction: the action row, one
   * `author.action` webhook delivery to the post's registered callback endpoint (signed and retried like
   * verdicts) and an audit entry naming the author by pseudonym. The same moderator sending the same
   * `idempotency_key` again gets the first action back (`replayed: true`) and nothing is done twice.
   * @throws ApiError 400 REASON_CODE_INVALID, 404 TASK_NOT_FOUND, 409 AUTHOR_UNKNOWN (the post's author
   *   was never recorded).
   */
  async act(
    queue: QueueRow,
    taskId: string,
    moderator: ModeratorPrincipal,
    request: AuthorActionRequest,
  ): Promise<AuthorActionResponse> {
    const reason = authorReasonFor(request.reason_code);
    if (!reason) {
      throw new ApiError(400, 'REASON_CODE_INVALID', `${request.reason_code} is not an author action reason`);
    }
    return this.db.transaction().execute(async (trx) => {
      const { author: a, callbackEndpointId } = await this.taskAuthor(trx, queue, taskId, moderator);
      if (!a) throw new ApiError(409, 'AUTHOR_UNKNOWN', "the post's author was not recorded");
      const actionId = randomUUID();
      const createdAt = new Date();
      const duration = request.duration_seconds ?? null;
      const expiresAt = duration ? new Date(createdAt.getTime() + duration * 1000) : null;
      const inserted = await trx
        .insertInto('author_actions')
        .values({
          action_id: actionId,
          tenant_id: a.tenantId,
          author: a.author,
          kind: request.kind,
          reason_code: reason.code,
          note: request.note?.trim() || null,
          duration_seconds: duration,
          expires_at: expiresAt,
          post_id: a.postId,
          revision: a.revision,
          task_id: taskId,
          moderator_id: moderator.moderatorId,
          idempotency_key: request.idempotency_key ?? null,
          created_at: createdAt,
        })
        .onConflict((oc) => oc.columns(['moderator_id', 'idempotency_key']).doNothing())
        .returning('action_id')
        .executeTakeFirst();
      if (!inserted) return this.replay(trx, moderator.moderatorId, request.idempotency_key!);

      const event: AuthorActionV1 = AuthorActionV1Schema.parse({
        schema_version: AUTHOR_ACTION_SCHEMA_VERSION,
        action_id: actionId,
        tenant_id: a.tenantId,
        author: a.author,
        kind: request.kind,
        reason_code: reason.code,
        ...(reason.category ? { category: reason.category } : {}),
        ...(duration ? { duration_seconds: duration, expires_at: expiresAt!.toISOString() } : {}),
        post: { post_id: a.postId, revision: a.revision },
        moderator_id: moderator.moderatorId,
        created_at: createdAt.toISOString(),
      });
      const deliveries = callbackEndpointId
        ? await queueAuthorWebhook(trx, {
            messageId: authorActionMessageId(actionId),
            type: AUTHOR_ACTION_EVENT_TYPE,
            timestamp: event.created_at,
            data: event,
            endpointId: callbackEndpointId,
            tenantId: a.tenantId,
          })
        : 0;
      await audit(trx, {
        actor: `moderator:${moderator.moderatorId}`,
        tenantId: a.tenantId,
        action: `author.${request.kind}`,
        subjectType: 'author',
        subjectId: authorRef(a.tenantId, a.author),
        after: {
          action_id: actionId,
          kind: request.kind,
          reason_code: reason.code,
          note: request.note?.trim() || null,
          duration_seconds: duration,
          expires_at: expiresAt?.toISOString() ?? null,
          post_id: a.postId,
          task_id: taskId,
          webhook_deliveries: deliveries,
        },
      });
      const [row] = await authorActionRows(trx, a.tenantId, a.author)
        .where('a.action_id', '=', actionId)
        .execute();
      return { ...actionView(row!), deliveries, replayed: false };
    });
  }

  /**
   * Lifts a mute or suspension of the task's author before it runs out (see author-lift.ts): the row's
   * `lifted_at` / `lifted_by`, one `author.action.lifted` webhook delivery and an audit entry, in one
   * transaction.
   * @throws ApiError 400 REASON_CODE_INVALID, 404 TASK_NOT_FOUND / AUTHOR_ACTION_NOT_FOUND,
   *   409 AUTHOR_ACTION_NOT_LIFTABLE / AUTHOR_ACTION_NOT_ACTIVE.
   */
  async lift(
    queue: QueueRow,
    taskId: string,
    actionId: string,
    moderator: ModeratorPrincipal,
    request: AuthorLiftRequest,
  ): Promise<AuthorLiftResponse> {
    liftReasonCode(request.reason_code);
    return this.db.transaction().execute(async (trx) => {
      const { author, callbackEndpointId } = await this.taskAuthor(trx, queue, taskId, moderator);
      if (!author) throw new ApiError(404, 'AUTHOR_ACTION_NOT_FOUND', `no action ${actionId} on this author`);
      return liftAuthorAction(trx, { author, callbackEndpointId, taskId }, actionId, moderator, request);
    });
  }

  /** The first action of this moderator with this idempotency key, as the answer to a repeated request. */
  private async replay(trx: Tx, moderatorId: string, key: string): Promise<AuthorActionResponse> {
    const row = await trx
      .selectFrom('author_actions')
      .select(['action_id', 'tenant_id', 'author'])
      .where('moderator_id', '=', moderatorId)
      .where('idempotency_key', '=', key)
      .executeTakeFirstOrThrow();
    const [action] = await authorActionRows(trx, row.tenant_id, row.author)
      .where('a.action_id', '=', row.action_id)
      .execute();
    const sent = await trx
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('message_id', '=', authorActionMessageId(row.action_id))
      .executeTakeFirstOrThrow();
    return { ...actionView(action!), deliveries: Number(sent.n), replayed: true };
  }

  /** The task's post and its recorded author (undefined when not recorded) and callback endpoint. */
  private async taskAuthor(
    db: Queryable,
    queue: QueueRow,
    taskId: string,
    moderator: ModeratorPrincipal,
  ): Promise<{ author: TaskAuthor | undefined; callbackEndpointId: string | null }> {
    const task = await this.queues.task(db, queue, taskId, moderator.moderatorId);
    if (!task) throw new ApiError(404, 'TASK_NOT_FOUND', `no task ${taskId} in queue ${queue.queue_id}`);
    const row = await db
      .selectFrom('posts as p')
      .leftJoin('post_authors as pa', (j) =>
        j.onRef('pa.tenant_id', '=', 'p.tenant_id').onRef('pa.post_id', '=', 'p.post_id'),
      )
      .select(['p.callback_endpoint_id', 'pa.author', 'pa.author_created_at'])
      .where('p.tenant_id', '=', task.tenant_id)
      .where('p.post_id', '=', task.post_id)
      .where('p.revision', '=', task.revision)
      .executeTakeFirstOrThrow();
    const author = row.author
      ? {
          tenantId: task.tenant_id,
          postId: task.post_id,
          revision: task.revision,
          author: row.author,
          authorCreatedAt: row.author_created_at,
        }
      : undefined;
    return { author, callbackEndpointId: row.callback_endpoint_id };
  }
}
