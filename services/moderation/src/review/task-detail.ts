import type { CategoryScore, VerdictV1 } from '@vigil/contracts';
import { ApiError } from '../http/api-error';
import type { Db } from '../database/database';
import type { HashMatchState } from '../database/tables';
import { latestVerdict } from '../verdicts/verdict-queries';
import { highSeverityDecisions } from './high-severity';
import { mediaSensitivity } from './media-safety';
import type { QueueRow, QueueStore } from './queues';
import type { TaskDetail } from './schemas';

type HistoryEntry = TaskDetail['history'][number];

/** Dashboard path of a medium's bytes (served by the media proxy). */
export function mediaPath(tenantId: string, postId: string, revision: number, mediaId: string): string {
  return `/review/media/${[tenantId, postId, String(revision), mediaId].map(encodeURIComponent).join('/')}`;
}

const KIND_LABEL = { policy: 'model flag', appeal: 'appeal', report: 'user report' } as const;

/**
 * Everything the item view shows for one task of `queue`: the task and why it is in review, the post
 * revision (caption, language, errors, coverage), its media with OCR, objects, transcript, speech
 * segments, flagged timestamps and the safety blur decision, the category scores with the modality
 * behind each, the verdict in force, and the post's history over all revisions (newest first).
 * @throws ApiError 404 TASK_NOT_FOUND when the task is not in the queue.
 */
export async function taskDetail(
  db: Db,
  queues: QueueStore,
  queue: QueueRow,
  taskId: string,
  moderatorId: string,
): Promise<TaskDetail> {
  const summary = await queues.task(db, queue, taskId, moderatorId);
  if (!summary) throw new ApiError(404, 'TASK_NOT_FOUND', `no task ${taskId} in queue ${queue.queue_id}`);
  const key = { tenant: summary.tenant_id, post: summary.post_id, revision: summary.revision };
  const [task, post, newer, media, scores, verdict, history] = await Promise.all([
    db
      .selectFrom('review_tasks')
      .select(['reasons', 'statement', 'external_ref'])
      .where('task_id', '=', taskId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('posts')
      .select(['caption', 'lang', 'created_at', 'status', 'errors', 'not_covered', 'hash_matches'])
      .where('tenant_id', '=', key.tenant)
      .where('post_id', '=', key.post)
      .where('revision', '=', key.revision)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('posts')
      .select('revision')
      .where('tenant_id', '=', key.tenant)
      .where('post_id', '=', key.post)
      .where('revision', '>', key.revision)
      .executeTakeFirst(),
    db
      .selectFrom('media as m')
      .leftJoin('media_sources as s', (j) =>
        j
          .onRef('s.tenant_id', '=', 'm.tenant_id')
          .onRef('s.post_id', '=', 'm.post_id')
          .onRef('s.revision', '=', 'm.revision')
          .onRef('s.media_id', '=', 'm.media_id'),
      )
      .select([
        'm.media_id',
        'm.kind',
        'm.status',
        'm.error_code',
        'm.alt_text',
        'm.alt_decorative',
        'm.ocr',
        'm.objects',
        'm.transcript',
        'm.speech',
        's.url',
        (eb) => eb('s.inline', 'is not', null).as('has_inline'),
        's.omitted_reason',
        's.media_id as source_id',
      ])
      .where('m.tenant_id', '=', key.tenant)
      .where('m.post_id', '=', key.post)
      .where('m.revision', '=', key.revision)
      .orderBy('m.media_id')
      .execute(),
    db
      .selectFrom('category_scores')
      .select(['category', 'score', 'severity', 'attribution'])
      .where('tenant_id', '=', key.tenant)
      .where('post_id', '=', key.post)
      .where('revision', '=', key.revision)
      .orderBy('score', 'desc')
      .execute(),
    latestVerdict(db, key.tenant, key.post, key.revision),
    postHistory(db, key.tenant, key.post),
  ]);
  if (!verdict) throw new Error(`task ${taskId} has no verdict`);
  const matchStates = await hashMatchStates(
    db,
    post.hash_matches.map((m) => m.hash_id),
  );
  const typedScores = scores as unknown as CategoryScore[];

  return {
    queue_id: queue.queue_id,
    task: {
      ...summary,
      reasons: task.reasons as Record<string, unknown>[],
      statement: task.statement,
      external_ref: task.external_ref,
    },
    post: {
      tenant_id: key.tenant,
      post_id: key.post,
      revision: key.revision,
      caption: post.caption,
      lang: post.lang,
      created_at: post.created_at.toISOString(),
      status: post.status,
      errors: post.errors.map(({ code, message }) => ({ code, message })),
      not_covered: post.not_covered,
      newer_revision: newer !== undefined,
    },
    media: media.map((m) => {
      const hasSource = m.url !== null || m.has_inline === true;
      return {
        media_id: m.media_id,
        kind: m.kind as TaskDetail['media'][number]['kind'],
        status: m.status,
        error_code: m.error_code,
        src: hasSource ? mediaPath(key.tenant, key.post, key.revision, m.media_id) : null,
        src_missing_reason: hasSource
          ? null
          : (m.omitted_reason ?? (m.source_id ? 'no source' : 'the post record with its media was not seen')),
        alt_text: m.alt_text,
        alt_decorative: m.alt_decorative,
        ocr: ((m.ocr ?? []) as { text: string; confidence: number; timestamp_ms?: number }[]).map(
          ({ text, confidence, timestamp_ms }) => ({
            text,
            confidence,
            ...(timestamp_ms !== undefined ? { timestamp_ms } : {}),
          }),
        ),
        objects: ((m.objects ?? []) as { label: string; score: number; timestamp_ms?: number }[]).map(
          ({ label, score, timestamp_ms }) => ({
            label,
            score,
            ...(timestamp_ms !== undefined ? { timestamp_ms } : {}),
          }),
        ),
        transcript: m.transcript,
        speech: m.speech ?? [],
        flagged: typedScores.flatMap((s) =>
          s.severity >= 1
            ? s.attribution
                .filter((a) => a.media_id === m.media_id && a.timestamp_ms !== undefined)
                .map((a) => ({ timestamp_ms: a.timestamp_ms!, category: s.category, score: s.score }))
            : [],
        ),
        sensitive: mediaSensitivity(m, typedScores, post.not_covered, summary.categories),
      };
    }),
    scores: typedScores,
    hash_matches: post.hash_matches.map((m) => {
      const state = matchStates.get(m.hash_id);
      return {
        media_id: m.media_id,
        bank: m.bank,
        bank_action: m.bank_action,
        distance: m.distance,
        hash_id: m.hash_id,
        ...(m.frame_match_ratio !== undefined ? { frame_match_ratio: m.frame_match_ratio } : {}),
        match_state: state?.match_state ?? 'unreviewed',
        hash_enabled: state ? state.enabled && !state.removed : false,
      };
    }),
    verdict: {
      verdict_id: verdict.verdict_id,
      source: verdict.source,
      actions: verdict.actions,
      policy: verdict.policy,
      decided_at: verdict.decided_at,
    },
    history,
    confirm: highSeverityDecisions(summary.triage.tier),
  };
}

/** Review state of bank entries by id (entries that no longer exist are absent). */
async function hashMatchStates(
  db: Db,
  hashIds: readonly string[],
): Promise<Map<string, { match_state: HashMatchState; enabled: boolean; removed: boolean }>> {
  const ids = hashIds.filter((id) => /^\d{1,18}$/.test(id));
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('bank_hashes')
    .select(['hash_id', 'match_state', 'enabled', 'removed_at'])
    .where('hash_id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.hash_id,
      { match_state: r.match_state, enabled: r.enabled, removed: r.removed_at !== null },
    ]),
  );
}

function describeActions(v: Pick<VerdictV1, 'actions'>): string {
  return v.actions.map((a) => `${a.action} (${a.rule})`).join(', ');
}

/** Revisions, verdicts, review tasks and decisions of a post, newest first. */
async function postHistory(db: Db, tenantId: string, postId: string): Promise<HistoryEntry[]> {
  const [revisions, verdicts, tasks, decisions] = await Promise.all([
    db
      .selectFrom('posts')
      .select(['revision', 'stored_at', 'caption'])
      .where('tenant_id', '=', tenantId)
      .where('post_id', '=', postId)
      .execute(),
    db
      .selectFrom('verdicts')
      .select(['revision', 'decided_at', 'source', 'payload'])
      .where('tenant_id', '=', tenantId)
      .where('post_id', '=', postId)
      .execute(),
    db
      .selectFrom('review_tasks')
      .select(['revision', 'created_at', 'kind', 'statement', 'opened_by', 'escalation_level'])
      .where('tenant_id', '=', tenantId)
      .where('post_id', '=', postId)
      .execute(),
    db
      .selectFrom('human_decisions as d')
      .leftJoin('moderators as m', (j) =>
        j.on((eb) => eb(eb.cast('m.moderator_id', 'text'), '=', eb.ref('d.moderator_id'))),
      )
      .select([
        'd.revision',
        'd.decided_at',
        'd.decision',
        'd.reason_code',
        'd.notes',
        'm.display_name',
        'd.moderator_id',
      ])
      .where('d.tenant_id', '=', tenantId)
      .where('d.post_id', '=', postId)
      .execute(),
  ]);
  const entries: HistoryEntry[] = [
    ...revisions.map((r) => ({
      at: r.stored_at.toISOString(),
      kind: 'revision' as const,
      revision: r.revision,
      summary: `revision ${r.revision} received`,
      actor: 'platform',
      detail: r.caption.slice(0, 200) || null,
    })),
    ...verdicts.map((v) => {
      const payload = v.payload as VerdictV1;
      return {
        at: v.decided_at.toISOString(),
        kind: 'verdict' as const,
        revision: v.revision,
        summary: `${v.source} verdict: ${describeActions(payload)}`,
        actor: v.source === 'model' ? 'model' : 'moderator',
        detail: `policy ${payload.policy.id}@${payload.policy.version}`,
      };
    }),
    ...tasks.map((t) => ({
      at: t.created_at.toISOString(),
      kind: 'task' as const,
      revision: t.revision,
      summary: `${KIND_LABEL[t.kind]} opened${t.escalation_level > 0 ? ` (escalated ×${t.escalation_level})` : ''}`,
      actor: t.opened_by === 'system' ? 'model' : 'platform',
      detail: t.statement,
    })),
    ...decisions.map((d) => ({
      at: d.decided_at.toISOString(),
      kind: 'decision' as const,
      revision: d.revision,
      summary: `${d.decision} — ${d.reason_code}`,
      actor: d.display_name ?? d.moderator_id,
      detail: d.notes,
    })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
