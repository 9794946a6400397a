import type { VerdictV1 } from '@vigil/contracts';
import { sql } from 'kysely';
import type { Queryable } from '../database/database';

/** Thrown for a `since` cursor this service did not issue. */
export class CursorError extends Error {
  readonly code = 'CURSOR_INVALID';
}

/**
 * The verdict in force for a post: the latest decided verdict (a human decision supersedes the model's)
 * of the given revision, or of the highest revision that has one.
 */
export async function latestVerdict(
  db: Queryable,
  tenantId: string,
  postId: string,
  revision?: number,
): Promise<VerdictV1 | undefined> {
  let query = db
    .selectFrom('verdicts')
    .select('payload')
    .where('tenant_id', '=', tenantId)
    .where('post_id', '=', postId);
  if (revision !== undefined) query = query.where('revision', '=', revision);
  const row = await query
    .orderBy('revision', 'desc')
    .orderBy('decided_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.payload as VerdictV1 | undefined;
}

export interface VerdictPage {
  readonly verdicts: VerdictV1[];
  /** Pass as `since` to get the verdicts after this page; stays valid when the page is empty. */
  readonly next_cursor: string;
}

function encodeCursor(txid: string, seq: string): string {
  return Buffer.from(`${txid}.${seq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { txid: string; seq: string } {
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new CursorError(`not a verdict cursor: ${cursor}`);
  return { txid: match[1]!, seq: match[2]! };
}

/**
 * Pages through a tenant's verdicts (model and human) in commit order, for platforms catching up on
 * missed deliveries. Rows are ordered by (writing transaction id, sequence) and a page only shows rows
 * whose transaction id is below the oldest transaction still running (`pg_snapshot_xmin`): a verdict
 * committed later can never sort before a cursor already handed out, so paging never skips one.
 *
 * @param since a `next_cursor` from an earlier page, or an ISO 8601 time (first page: verdicts decided
 *   at or after it), or undefined (from the beginning).
 * @throws CursorError for a cursor this service did not issue.
 */
export async function verdictFeed(
  db: Queryable,
  tenantId: string,
  since: string | undefined,
  limit: number,
): Promise<VerdictPage> {
  let query = db
    .selectFrom('verdicts')
    .select(['payload', sql<string>`txid::text`.as('txid'), 'seq'])
    .where('tenant_id', '=', tenantId)
    .where(sql<boolean>`txid < pg_snapshot_xmin(pg_current_snapshot())`);
  let start = { txid: '0', seq: '0' };
  const byTime = since !== undefined && /^\d{4}-\d{2}-\d{2}/.test(since);
  if (byTime) {
    const at = new Date(since!);
    if (Number.isNaN(at.getTime())) throw new CursorError(`not a time: ${since}`);
    query = query.where('decided_at', '>=', at);
  } else if (since) {
    start = decodeCursor(since);
    query = query.where(sql<boolean>`(txid, seq) > (${start.txid}::xid8, ${start.seq}::bigint)`);
  }
  const rows = await query.orderBy('txid').orderBy('seq').limit(limit).execute();
  const last = rows[rows.length - 1];
  return {
    verdicts: rows.map((r) => r.payload as VerdictV1),
    // An empty page from a time keeps the time, so the next call still starts there.
    next_cursor: last
      ? encodeCursor(last.txid, last.seq)
      : byTime
        ? since!
        : encodeCursor(start.txid, start.seq),
  };
}
