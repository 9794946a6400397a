import type { Action, ReviewDecision } from '@vigil/contracts';
import { sql } from 'kysely';
import type { Queryable } from '../database/database';
import { authorRef } from './author-records';
import type { AuthorAction, AuthorContext } from './author-schemas';

/** Most posts, decisions and actions the author context lists. */
const LIST_LIMIT = 50;

/** The task's post and its recorded author, within the post's tenant. */
export interface TaskAuthor {
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
  lifted_at: Date | null;
  lifted_by: string | null;
  lifted_by_name: string | null;
};

/** An `author_actions` row with its moderator, as the API shows it (times as ISO 8601 strings). */
export function actionView(r: ActionRow): AuthorAction {
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
    lifted_at: r.lifted_at?.toISOString() ?? null,
    lifted_by: r.lifted_by ? { moderator_id: r.lifted_by, display_name: r.lifted_by_name } : null,
  };
}

/**
 * What the item view shows of a known author: their posts of the tenant with the verdict in force (no
 * content), final human decisions (not undone), author actions, strike count (human removals plus author
 * actions, lifted ones included: lifting ends a restriction early, it does not undo the finding behind it)
 * and account age in days.
 */
export async function authorHistory(
  db: Queryable,
  a: TaskAuthor,
  reasons: AuthorContext['reasons'],
): Promise<AuthorContext> {
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
      LIMIT ${LIST_LIMIT}`.execute(db),
    db
      .selectFrom('post_authors')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('author_created_at').as('created')])
      .where('tenant_id', '=', a.tenantId)
      .where('author', '=', a.author)
      .executeTakeFirstOrThrow(),
    authorDecisions(db, a).limit(LIST_LIMIT).execute(),
    authorActionRows(db, a.tenantId, a.author).limit(LIST_LIMIT).execute(),
    authorDecisions(db, a)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .clearOrderBy()
      .where('d.decision', '=', 'remove')
      .executeTakeFirstOrThrow(),
    db
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
    account_age_days: created ? Math.max(0, Math.floor((Date.now() - created.getTime()) / 86_400_000)) : null,
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

/** Final, not undone human decisions on the author's posts, newest first. */
export function authorDecisions(db: Queryable, a: TaskAuthor) {
  return db
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
export function authorActionRows(db: Queryable, tenantId: string, author: string) {
  return db
    .selectFrom('author_actions as a')
    .leftJoin('moderators as m', 'm.moderator_id', 'a.moderator_id')
    .leftJoin('moderators as l', 'l.moderator_id', 'a.lifted_by')
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
      'a.lifted_at',
      'a.lifted_by',
      'l.display_name as lifted_by_name',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.author', '=', author)
    .orderBy('a.created_at', 'desc');
}
