import { createHash, randomUUID } from 'node:crypto';
import {
  AUTHOR_ACTION_EVENT_TYPE,
  AUTHOR_ACTION_REASONS,
  AUTHOR_ACTION_SCHEMA_VERSION,
  AuthorActionV1Schema,
  authorReasonFor,
  type Action,
  type AuthorActionV1,
  type PostV1,
  type ReviewDecision,
} from '@vigil/contracts';
import { sql } from 'kysely';
import { audit } from '../audit/audit';
import type { ModeratorPrincipal } from '../auth/sessions';
import type { Db, Queryable, Tx } from '../database/database';
import { ApiError } from '../http/api-error';
import type {
  AuthorAction,
  AuthorActionRequest,
  AuthorActionResponse,
  AuthorContext,
} from './author-schemas';
import type { QueueRow, QueueStore } from './queues';

/** Most posts, decisions and actions the author context lists. */
const LIST_LIMIT = 50;

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

interface TaskAuthor {
  readonly tenantId: string;
  readonly postId: string;
  readonly revision: number;
  readonly author: string;
  readonly authorCreatedAt: Date | null;
}

type ActionRow = {
  action_id: string;
  kind: AuthorAction['kind'];
  reason_code: string;
  note: string | null;
  duration_seconds: number | null;
  expires_at: Date | null;
  post_id: string;
  created_at: Date;
  moderator_id: string;
  display_name: string | null;
};

function actionView(r: ActionRow): AuthorAction {
  return {
    action_id: r.action_id,
    kind: r.kind,
    reason_code: r.reason_code,
    note: r.note,
    duration_seconds: r.duration_seconds,
    expires_at: r.expires_at?.toISOString() ?? null,
    post_id: r.post_id,
    created_at: r.created_at.toISOString(),
    moderator: { moderator_id: r.moderator_id, display_name: r.display_name },
  };
}

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
    const a = found.author;
    const [posts, total, decisions, actions, removes, actionCount] = await Promise.all([
      sql<{
        post_id: string;
        revision: number | null;
        strongest_action: Action | null;
        source: 'model' | 'human' | null;
        decided_at: Date | null;
        action_category: string | null;
        category: string | null;
        score: number | null;
      }>`
        SELECT pa.post_id, v.revision, v.strongest_action, v.source, v.decided_at,
          (SELECT x->>'category' FROM jsonb_array_elements(v.actions) x
           WHERE x->>'action' = v.strongest_action AND x ? 'category' LIMIT 1) AS action_category,
          cs.category, cs.score
        FROM post_authors pa
        LEFT JOIN LATERAL (
          SELECT revision, strongest_action, source, decided_at, actions FROM verdicts
          WHERE tenant_id = pa.tenant_id AND post_id = pa.post_id
          ORDER BY revision DESC, decided_at DESC, seq DESC LIMIT 1) v ON true
        LEFT JOIN LATERAL (
          SELECT category, score FROM category_scores
          WHERE tenant_id = pa.tenant_id AND post_id = pa.post_id AND revision = v.revision
          ORDER BY score DESC LIMIT 1) cs ON true
        WHERE pa.tenant_id = ${a.tenantId} AND pa.author = ${a.author}
        ORDER BY coalesce(v.decided_at, pa.recorded_at) DESC, pa.post_id
        LIMIT ${LIST_LIMIT}`.execute(this.db),
      this.db
        .selectFrom('post_authors')
        .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('author_created_at').as('created')])
        .where('tenant_id', '=', a.tenantId)
        .where('author', '=', a.author)
        .executeTakeFirstOrThrow(),
      this.authorDecisions(a).limit(LIST_LIMIT).execute(),
      this.authorActions(this.db, a.tenantId, a.author).limit(LIST_LIMIT).execute(),
      this.authorDecisions(a)
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .clearOrderBy()
        .where('d.decision', '=', 'remove')
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('author_actions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', a.tenantId)
        .where('author', '=', a.author)
        .executeTakeFirstOrThrow(),
    ]);
    // The account's creation time as this post sent it, else as any other post of the author did.
    const created = a.authorCreatedAt ?? total.created;
    return {
      known: true,
      author_ref: authorRef(a.tenantId, a.author),
      account_created_at: created?.toISOString() ?? null,
      account_age_days: created
        ? Math.max(0, Math.floor((Date.now() - created.getTime()) / 86_400_000))
        : null,
      strikes: Number(removes.n) + Number(actionCount.n),
      posts_total: Number(total.n),
      posts: posts.rows.map((p) => ({
        post_id: p.post_id,
        current: p.post_id === a.postId,
        revision: p.revision,
        strongest_action: p.strongest_action,
        verdict_source: p.source,
        top_category: p.action_category ?? p.category,
        top_score: p.action_category ? null : p.score,
        decided_at: p.decided_at?.toISOString() ?? null,
      })),
      decisions: decisions.map((d) => ({
        decision_id: d.decision_id,
        post_id: d.post_id,
        decision: d.decision as ReviewDecision,
        reason_code: d.reason_code,
        decided_at: d.decided_at.toISOString(),
        moderator: { moderator_id: d.moderator_id, display_name: d.display_name },
      })),
      actions: actions.map(actionView),
      reasons,
    };
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
      let deliveries = 0;
      if (callbackEndpointId) {
        const body = JSON.stringify({
          type: AUTHOR_ACTION_EVENT_TYPE,
          timestamp: event.created_at,
          data: event,
        });
        const queued = await trx
          .insertInto('webhook_deliveries')
          .columns(['message_id', 'endpoint_id', 'tenant_id', 'event_type', 'payload'])
          .expression((eb) =>
            eb
              .selectFrom('webhook_endpoints')
              .select([
                eb.val(authorActionMessageId(actionId)).as('message_id'),
                'endpoint_id',
                'tenant_id',
                eb.val(AUTHOR_ACTION_EVENT_TYPE).as('event_type'),
                eb.val(body).as('payload'),
              ])
              .where('endpoint_id', '=', callbackEndpointId)
              .where('tenant_id', '=', a.tenantId),
          )
          .executeTakeFirst();
        deliveries = Number(queued.numInsertedOrUpdatedRows ?? 0);
      }
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
      const [row] = await this.authorActions(trx, a.tenantId, a.author)
        .where('a.action_id', '=', actionId)
        .execute();
      return { ...actionView(row!), deliveries, replayed: false };
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
    const [action] = await this.authorActions(trx, row.tenant_id, row.author)
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

  /** Final, not undone human decisions on the author's posts, newest first. */
  private authorDecisions(a: TaskAuthor) {
    return this.db
      .selectFrom('human_decisions as d')
      .innerJoin('post_authors as pa', (j) =>
        j.onRef('pa.tenant_id', '=', 'd.tenant_id').onRef('pa.post_id', '=', 'd.post_id'),
      )
      .leftJoin('moderators as m', (j) =>
        j.on((eb) => eb(eb.cast('m.moderator_id', 'text'), '=', eb.ref('d.moderator_id'))),
      )
      .select(['d.decision_id', 'd.post_id', 'd.decision', 'd.reason_code', 'd.decided_at', 'd.moderator_id'])
      .select('m.display_name')
      .where('pa.tenant_id', '=', a.tenantId)
      .where('pa.author', '=', a.author)
      .where('d.tenant_id', '=', a.tenantId)
      .where('d.undone_at', 'is', null)
      .where('d.decision', '!=', 'escalate')
      .orderBy('d.decided_at', 'desc');
  }

  /** Author actions on the author, newest first, with the moderator's display name. */
  private authorActions(db: Queryable, tenantId: string, author: string) {
    return db
      .selectFrom('author_actions as a')
      .leftJoin('moderators as m', 'm.moderator_id', 'a.moderator_id')
      .select([
        'a.action_id',
        'a.kind',
        'a.reason_code',
        'a.note',
        'a.duration_seconds',
        'a.expires_at',
        'a.post_id',
        'a.created_at',
        'a.moderator_id',
        'm.display_name',
      ])
      .where('a.tenant_id', '=', tenantId)
      .where('a.author', '=', author)
      .orderBy('a.created_at', 'desc');
  }
}
