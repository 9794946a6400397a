import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database/database';
import type { QueueTask } from './grouping-schemas';
import type { QueueRow } from './queues';
import { filterSql, queueOrder, summaryColumns, toSummary } from './task-summaries';
import type { QueueFilter } from './schemas';

/** A caption groups only with at least this many words once normalised ("lol" alone never groups). */
export const MIN_CAPTION_WORDS = 3;

type SummaryRow = Parameters<typeof toSummary>[0];

/**
 * The caption of post `p` normalised for grouping: whitespace runs (any Unicode space, line breaks)
 * collapsed to one space, trimmed, case-folded with the database's `lower`.
 */
const normalisedCaption = sql<string>`lower(btrim(regexp_replace(p.caption, '[[:space:]]+', ' ', 'g')))`;

/**
 * The group key of task `t` (over `review_tasks t`, `posts p` and `md`, the lateral digest summary of the
 * revision's media), or NULL when the task never groups:
 * - a post with media groups by media only: the set of its media's SHA-256 digests (every medium must
 *   have one, else it does not group at all: the bytes of a failed fetch are unknown);
 * - a post without media groups by its normalised caption of at least MIN_CAPTION_WORDS words;
 * - tenant and task source are part of the key: tenants never share a group, nor an appeal a model flag.
 * `m-`/`c-` and the MD5 of those parts (an opaque handle, not a security boundary).
 */
const groupKeySql = sql<string | null>`CASE
  WHEN md.media_count > 0 THEN
    CASE WHEN md.hashed = md.media_count
      THEN 'm-' || md5(t.tenant_id || chr(31) || t.kind || chr(31) || md.digests) END
  WHEN cardinality(string_to_array(${normalisedCaption}, ' ')) >= ${MIN_CAPTION_WORDS}
    THEN 'c-' || md5(t.tenant_id || chr(31) || t.kind || chr(31) || ${normalisedCaption})
  END`;

/** Per task `t`: how many media its revision has, how many have a digest, and the sorted digests. */
const mediaDigests = sql`LEFT JOIN LATERAL (
    SELECT count(*) AS media_count, count(m.sha256) AS hashed,
           string_agg(DISTINCT m.sha256, ',' ORDER BY m.sha256) AS digests
    FROM media m WHERE (m.tenant_id, m.post_id, m.revision) = (t.tenant_id, t.post_id, t.revision)) md ON true`;

/**
 * Groups identical review items of a queue so a wave of the same meme (or the same copied text) is one
 * decision: the task list carries each task's group and its size, and `?group=` lists one group's tasks,
 * whose ids go to the bulk decision route (`BulkDecisions`) like any selection. Exact matches only: the
 * media's SHA-256 as ingest computed it (re-encoded copies do not group; PDQ near-matches are not used),
 * or the normalised caption of a post without media. Which tasks a moderator sees is the queue's filter,
 * as for the plain task list.
 */
export class TaskGrouping {
  constructor(private readonly db: Db) {}

  /**
   * Open and claimed tasks of `queue` narrowed by `narrow` (and to one group with `group`), in queue
   * order, at most `limit`, each with its group: the group's size counts every open or claimed task of
   * the queue and filter, beyond `limit`; a task with no identical one has `group: null`.
   */
  async tasks(
    queue: QueueRow,
    narrow: QueueFilter,
    limit: number,
    moderatorId: string,
    group?: string,
  ): Promise<QueueTask[]> {
    const scope: RawBuilder<boolean> = sql<boolean>`t.status IN ('open', 'claimed') AND ${filterSql(
      queue.filter,
    )} AND ${filterSql(narrow)}`;
    const { rows } = await sql<SummaryRow & { group_key: string | null; group_size: number | null }>`
      WITH keyed AS (
        SELECT t.task_id, ${groupKeySql} AS group_key
        FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision) ${mediaDigests}
        WHERE ${scope}),
      sizes AS (
        SELECT group_key, count(*)::int AS group_size FROM keyed
        WHERE group_key IS NOT NULL GROUP BY group_key HAVING count(*) > 1)
      SELECT ${summaryColumns(queue.sla_seconds)}, s.group_key, s.group_size
      FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision)
        JOIN keyed k ON k.task_id = t.task_id
        LEFT JOIN sizes s ON s.group_key = k.group_key
      WHERE ${group === undefined ? sql`true` : sql`s.group_key = ${group}`}
      ORDER BY ${queueOrder(queue.sla_seconds)}
      LIMIT ${limit}`.execute(this.db);
    return rows.map(({ group_key, group_size, ...row }) => ({
      ...toSummary(row, moderatorId),
      group:
        group_key && group_size
          ? { group_id: group_key, basis: group_key.startsWith('m-') ? 'media' : 'caption', size: group_size }
          : null,
    }));
  }
}
