import type { Action, CategoryId } from '@vigil/contracts';
import type { ReplayItem } from '@vigil/policy';
import { sql } from 'kysely';
import type { Db } from '../database/database';

interface ReplayRow {
  tenant_id: string;
  post_id: string;
  revision: number;
  status: 'ok' | 'error';
  errors: { code: string }[];
  lang: string | null;
  not_covered: CategoryId[];
  hash_matches: { bank: string; bank_action: string }[];
  scores: { category: CategoryId; score: number }[];
  actions: { action: Action }[] | null;
}

/**
 * Streams stored post revisions (scores, signals and the actions of the verdict in force) for policy
 * replay, in pages of `pageSize` by primary key so memory stays flat over millions of posts.
 * @param since only revisions stored at or after this time.
 * @param tenantId only this tenant (all when undefined).
 */
export async function* storedReplayItems(
  db: Db,
  options: { since: Date; tenantId?: string; pageSize?: number },
): AsyncGenerator<ReplayItem> {
  const pageSize = options.pageSize ?? 2000;
  let after: [string, string, number] = ['', '', -1];
  for (;;) {
    const { rows } = await sql<ReplayRow>`
      SELECT p.tenant_id, p.post_id, p.revision, p.status, p.errors, p.lang, p.not_covered, p.hash_matches,
        coalesce((SELECT json_agg(json_build_object('category', s.category, 'score', s.score))
                  FROM category_scores s
                  WHERE s.tenant_id = p.tenant_id AND s.post_id = p.post_id AND s.revision = p.revision), '[]') AS scores,
        (SELECT v.actions FROM verdicts v
         WHERE v.tenant_id = p.tenant_id AND v.post_id = p.post_id AND v.revision = p.revision
         ORDER BY v.decided_at DESC, v.seq DESC LIMIT 1) AS actions
      FROM posts p
      WHERE p.stored_at >= ${options.since}
        AND (${options.tenantId ?? null}::text IS NULL OR p.tenant_id = ${options.tenantId ?? null})
        AND (p.tenant_id, p.post_id, p.revision) > (${after[0]}, ${after[1]}, ${after[2]})
      ORDER BY p.tenant_id, p.post_id, p.revision
      LIMIT ${pageSize}`.execute(db);
    for (const r of rows) {
      yield {
        status: r.status,
        errors: r.errors as ReplayItem['errors'],
        ...(r.lang ? { lang: r.lang } : {}),
        scores: r.scores,
        not_covered: r.not_covered,
        hash_matches: r.hash_matches,
        current: (r.actions ?? []).map((a) => a.action),
      };
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = [last.tenant_id, last.post_id, last.revision];
  }
}
