import { PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY, hammingAt, hashFromHex, isHashHex } from '@vigil/pdq';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database/database';
import type { QueueTask } from './grouping-schemas';
import type { QueueRow } from './queues';
import { filterSql, queueOrder, summaryColumns, toSummary } from './task-summaries';
import type { QueueFilter } from './schemas';

/** A caption groups only with at least this many words once normalised ("lol" alone never groups). */
export const MIN_CAPTION_WORDS = 3;

/**
 * At most this many PDQ candidates (waiting single-image tasks with a PDQ hash) per listing enter the
 * pairwise near-duplicate check, which is O(n²): 2,000 candidates are about 2 million 32-byte comparisons
 * (well under a second). Above it the listing falls back to exact groups only (no `near_media` group).
 */
export const MAX_NEAR_CANDIDATES = 2000;

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
 * Per task `t`: the oriented PDQ hashes of its revision's still images (`media.pdq` is the JSON array
 * `[{hash, quality, timestamp_ms, unoriented?}]` that ingest carries, hash = 64 hex digits): how many, and
 * the (only one that matters) hash and quality. A hash without a numeric quality has quality NULL.
 */
const mediaPdq = sql`LEFT JOIN LATERAL (
    SELECT count(*) AS frames, min(f->>'hash') AS hash,
           min(CASE WHEN jsonb_typeof(f->'quality') = 'number' THEN (f->>'quality')::numeric END) AS quality
    FROM media m CROSS JOIN LATERAL jsonb_array_elements(
      CASE WHEN jsonb_typeof(m.pdq) = 'array' THEN m.pdq ELSE '[]'::jsonb END) f
    WHERE (m.tenant_id, m.post_id, m.revision) = (t.tenant_id, t.post_id, t.revision)
      AND m.kind = 'image' AND m.status = 'ok' AND jsonb_typeof(f) = 'object'
      AND (f->>'unoriented') IS DISTINCT FROM 'true') pq ON true`;

/** A waiting single-image task with one PDQ hash, its exact media key and how many tasks share it. */
export interface Candidate {
  task_id: string;
  tenant_id: string;
  kind: string;
  created_at: Date;
  group_key: string;
  key_size: number;
  hash: string;
  quality: string | number | null;
}

/** A group joining several exact media groups by PDQ: its id (an exact key of it), its keys, its size. */
export interface NearGroup {
  group_id: string;
  keys: Set<string>;
  size: number;
}

/** Union-find over `n` items (path halving, union by size). */
class DisjointSets {
  private readonly parent: number[];
  private readonly weight: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.weight = new Array<number>(n).fill(1);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    let [x, y] = [this.find(a), this.find(b)];
    if (x === y) return;
    if (this.weight[x]! < this.weight[y]!) [x, y] = [y, x];
    this.parent[y] = x;
    this.weight[x]! += this.weight[y]!;
  }
}

/**
 * Near-duplicate groups among `candidates` (waiting single-image tasks of one listing, each with its exact
 * media key): union-find over the tasks, first joining the tasks of one exact key (exact groups come first
 * and are never split), then every pair of the same tenant and source whose PDQ hashes are within
 * {@link PDQ_MATCH_DISTANCE} (31) bits and whose qualities are both at least {@link PDQ_MIN_QUALITY} (50;
 * a hash with no stored quality is not held back). The pair check is O(n²) per tenant and source, hence
 * {@link MAX_NEAR_CANDIDATES}. Only components spanning two or more exact keys are returned, keyed by
 * every exact key in them; the group's id is the exact key of its earliest task (stable while that task
 * waits, however many copies join), its size the sum of its keys' waiting tasks.
 */
export function findNearGroups(candidates: readonly Candidate[]): Map<string, NearGroup> {
  const tasks = candidates.filter((c) => isHashHex(c.hash));
  const sets = new DisjointSets(tasks.length);
  const firstOfKey = new Map<string, number>();
  tasks.forEach((c, i) => {
    const first = firstOfKey.get(c.group_key);
    if (first === undefined) firstOfKey.set(c.group_key, i);
    else sets.union(first, i);
  });
  const buckets = new Map<string, number[]>();
  tasks.forEach((c, i) => {
    if (c.quality !== null && Number(c.quality) < PDQ_MIN_QUALITY) return;
    const bucket = `${c.tenant_id}\u001f${c.kind}`;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), i]);
  });
  for (const members of buckets.values()) {
    const hashes = members.map((i) => hashFromHex(tasks[i]!.hash));
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++)
        if (hammingAt(hashes[a]!, 0, hashes[b]!, 0) <= PDQ_MATCH_DISTANCE)
          sets.union(members[a]!, members[b]!);
  }
  const components = new Map<number, { first: Candidate; sizes: Map<string, number> }>();
  tasks.forEach((c, i) => {
    const root = sets.find(i);
    const comp = components.get(root) ?? { first: c, sizes: new Map<string, number>() };
    const earlier =
      c.created_at.getTime() - comp.first.created_at.getTime() || c.task_id.localeCompare(comp.first.task_id);
    if (earlier < 0) comp.first = c;
    comp.sizes.set(c.group_key, c.key_size);
    components.set(root, comp);
  });
  const byKey = new Map<string, NearGroup>();
  for (const { first, sizes } of components.values()) {
    if (sizes.size < 2) continue;
    const group: NearGroup = {
      group_id: first.group_key,
      keys: new Set(sizes.keys()),
      size: [...sizes.values()].reduce((a, b) => a + b, 0),
    };
    for (const key of group.keys) byKey.set(key, group);
  }
  return byKey;
}

/**
 * Groups identical review items of a queue so a wave of the same meme (or the same copied text) is one
 * decision: the task list carries each task's group and its size, and `?group=` lists one group's tasks,
 * whose ids go to the bulk decision route (`BulkDecisions`) like any selection. Exact matches first: the
 * media's SHA-256 as ingest computed it (basis `media`), or the normalised caption of a post without
 * media (basis `caption`). Then near matches of re-encoded or resized copies (basis `near_media`, see
 * {@link findNearGroups}): two posts of the same tenant and source, each with exactly one medium, a still
 * image with one PDQ hash (and a digest), group when their hashes are within Hamming distance 31 and both
 * qualities are at least 50: Meta's recommended PDQ match threshold and quality floor (ThreatExchange
 * PDQ docs, https://github.com/facebook/ThreatExchange/blob/main/pdq/README.md, and python-threatexchange's
 * `PDQ_CONFIDENT_MATCH_THRESHOLD = 31`, `QUALITY_THRESHOLD = 50`; the constants of `@vigil/pdq`). Near groups join whole exact groups, transitively (union-find), and are
 * computed over at most {@link MAX_NEAR_CANDIDATES} such tasks per listing; a queue and filter with more
 * lists exact groups only. Which tasks a moderator sees is the queue's filter, as for the plain task list.
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
    const near = await this.nearGroups(scope);
    // `?group=` of a near group lists all its exact keys; any other id is one exact key (a key now part of
    // a near group under another id lists nothing, like an unknown one).
    const requested = group === undefined ? undefined : near.get(group);
    const keys = requested && requested.group_id === group ? [...requested.keys] : [group ?? ''];
    const { rows } = await sql<SummaryRow & { group_key: string | null; key_size: number | null }>`
      WITH keyed AS (
        SELECT t.task_id, ${groupKeySql} AS group_key
        FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision) ${mediaDigests}
        WHERE ${scope}),
      sizes AS (
        SELECT group_key, count(*)::int AS key_size FROM keyed
        WHERE group_key IS NOT NULL GROUP BY group_key)
      SELECT ${summaryColumns(queue.sla_seconds)}, s.group_key, s.key_size
      FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision)
        JOIN keyed k ON k.task_id = t.task_id
        LEFT JOIN sizes s ON s.group_key = k.group_key
      WHERE ${group === undefined ? sql`true` : sql`s.group_key IN (${sql.join(keys)})`}
      ORDER BY ${queueOrder(queue.sla_seconds)}
      LIMIT ${limit}`.execute(this.db);
    const tasks = rows.map(({ group_key, key_size, ...row }) => ({
      ...toSummary(row, moderatorId),
      group: this.groupOf(group_key, key_size, near),
    }));
    return group === undefined ? tasks : tasks.filter((t) => t.group?.group_id === group);
  }

  private groupOf(
    key: string | null,
    keySize: number | null,
    near: Map<string, NearGroup>,
  ): QueueTask['group'] {
    if (!key) return null;
    const nearGroup = near.get(key);
    if (nearGroup) return { group_id: nearGroup.group_id, basis: 'near_media', size: nearGroup.size };
    if (!keySize || keySize < 2) return null;
    return { group_id: key, basis: key.startsWith('m-') ? 'media' : 'caption', size: keySize };
  }

  /**
   * Near groups of the tasks in `scope` ({@link findNearGroups}); none when more than
   * {@link MAX_NEAR_CANDIDATES} tasks are candidates (exact groups only then).
   */
  private async nearGroups(scope: RawBuilder<boolean>): Promise<Map<string, NearGroup>> {
    const { rows } = await sql<Candidate>`
      WITH keyed AS (
        SELECT t.task_id, t.tenant_id, t.kind, t.created_at, ${groupKeySql} AS group_key,
               md.media_count, pq.frames, pq.hash, pq.quality
        FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision) ${mediaDigests} ${mediaPdq}
        WHERE ${scope}),
      sized AS (SELECT *, count(*) OVER (PARTITION BY group_key)::int AS key_size FROM keyed)
      SELECT task_id, tenant_id, kind, created_at, group_key, key_size, hash, quality FROM sized
      WHERE group_key LIKE 'm-%' AND media_count = 1 AND frames = 1
      LIMIT ${MAX_NEAR_CANDIDATES + 1}`.execute(this.db);
    return rows.length > MAX_NEAR_CANDIDATES ? new Map() : findNearGroups(rows);
  }
}
