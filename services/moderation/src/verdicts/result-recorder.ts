import { randomUUID } from 'node:crypto';
import { requestId, type InferenceResult, type VerdictV1 } from '@vigil/contracts';
import { evaluatePolicy, policyInputFromResult, type PolicySet } from '@vigil/policy';
import type { Db, Tx } from '../database/database';
import { modelTaskFacets } from './task-facets';
import { buildModelVerdict } from './verdict-builder';
import { writeVerdict } from './verdict-writer';

export type RecordOutcome =
  | { readonly outcome: 'created'; readonly verdict: VerdictV1; readonly reviewTask: string | null }
  | { readonly outcome: 'duplicate' };

const PRIORITY_BASE = { low: 0, normal: 100, high: 200 } as const;

/**
 * Rows per INSERT statement: PostgreSQL's wire protocol counts bind parameters in an int16 (at most
 * 65535 per statement); the widest table here has 20 columns, so 1000 rows stay far below it.
 */
export const ROWS_PER_INSERT = 1000;

/** Runs `insert` on consecutive slices of at most `ROWS_PER_INSERT` rows. */
export async function insertInChunks<T>(
  rows: readonly T[],
  insert: (slice: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}

/**
 * `value` with every U+0000 in its strings (keys included) replaced by U+FFFD: PostgreSQL text and jsonb
 * cannot hold NUL (SQLSTATE 22021 / 22P05), and a caption or OCR line may carry one. Returns the same
 * object when there was none.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string')
    return (value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value) as T;
  if (Array.isArray(value)) {
    const mapped = value.map(withoutNul);
    return (mapped.some((v, i) => v !== value[i]) ? mapped : value) as T;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = withoutNul(k);
      const cleaned = withoutNul(v);
      if (key !== k || cleaned !== v) changed = true;
      out[key] = cleaned;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/**
 * The result reduced to what every post can store when its analysis cannot be (the database refused
 * it): no media, experts, scores or hash matches, status `error` with `POST_NOT_STORED`, so the policy's
 * error rule decides and the platform still gets exactly one verdict.
 */
export function unstorableResult(result: InferenceResult, code: string): InferenceResult {
  return {
    ...result,
    status: 'error',
    errors: [
      ...result.errors,
      {
        code: 'POST_NOT_STORED',
        message: `the analysis could not be stored (${code}); the original result is in the dead-letter topic`,
      },
    ],
    media: [],
    experts: [],
    scores: [],
    hash_matches: [],
  };
}

/**
 * Turns one classifier result into stored facts and one model verdict, in one transaction: the post
 * revision, its media, expert runs and category scores, the verdict with its outbox rows (Kafka and
 * webhook), and a review task when the policy asked for `review`. A result for a revision that already
 * has a model verdict is a no-op (`duplicate`), so redelivered results never decide twice.
 */
export class ResultRecorder {
  constructor(
    private readonly db: Db,
    private readonly policies: PolicySet,
  ) {}

  /**
   * @throws pg.DatabaseError (nothing partial is committed): `permanentRecordFailure` tells the caller
   * whether to dead-letter the record (SQLSTATE class 22/23) or retry it (anything else).
   */
  async record(raw: InferenceResult, startedAt = Date.now()): Promise<RecordOutcome> {
    const result = withoutNul(raw);
    const policy = this.policies.forTenant(result.tenant_id);
    const decision = evaluatePolicy(policy, policyInputFromResult(result));
    const verdict = buildModelVerdict(result, decision, {
      verdictId: randomUUID(),
      decidedAt: new Date(),
      startedAt,
    });
    return this.db.transaction().execute(async (trx) => {
      const fresh = await this.insertPost(trx, result);
      if (!fresh) return { outcome: 'duplicate' } as const;
      await this.insertDetails(trx, result);
      const written = await writeVerdict(trx, verdict, { callbackEndpointId: result.callback?.endpoint_id });
      if (!written.inserted) return { outcome: 'duplicate' } as const;
      const reviewTask = await this.openReviewTask(trx, verdict, result);
      return { outcome: 'created', verdict, reviewTask } as const;
    });
  }

  /** Inserts the post revision; false when it was already stored (a duplicate result). */
  private async insertPost(trx: Tx, r: InferenceResult): Promise<boolean> {
    const row = await trx
      .insertInto('posts')
      .values({
        tenant_id: r.tenant_id,
        post_id: r.post_id,
        revision: r.revision,
        request_id: r.request_id || requestId(r.tenant_id, r.post_id, r.revision),
        trace_id: r.trace_id,
        caption: r.caption.text,
        lang: r.caption.lang ?? null,
        priority: r.priority,
        status: r.status,
        errors: JSON.stringify(r.errors),
        not_covered: r.coverage.not_covered,
        hash_matches: JSON.stringify(r.hash_matches),
        bundle_name: r.bundle.name,
        bundle_version: r.bundle.version,
        routing: r.routing,
        provider: r.provider,
        timings: JSON.stringify(r.timings),
        callback_endpoint_id: r.callback?.endpoint_id ?? null,
        correlation_id: r.callback?.correlation_id ?? null,
        created_at: r.created_at,
        received_at: new Date(r.received_at),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'post_id', 'revision']).doNothing())
      .returning('revision')
      .executeTakeFirst();
    return row !== undefined;
  }

  private async insertDetails(trx: Tx, r: InferenceResult): Promise<void> {
    const key = { tenant_id: r.tenant_id, post_id: r.post_id, revision: r.revision };
    await insertInChunks(
      r.media.map((m) => ({
        ...key,
        media_id: m.media_id,
        kind: m.kind,
        status: m.status,
        sha256: m.sha256 ?? null,
        error_code: m.error?.code ?? null,
        error_message: m.error?.message ?? null,
        alt_text: m.alt_text?.text ?? null,
        alt_decorative: m.alt_text?.decorative ?? null,
        alt_confidence: m.alt_text?.confidence ?? null,
        ocr: m.ocr ? JSON.stringify(m.ocr) : null,
        objects: m.objects ? JSON.stringify(m.objects) : null,
        transcript: m.transcript ?? null,
        pdq: m.pdq ? JSON.stringify(m.pdq) : null,
        cached: m.cached ?? null,
        speech: m.speech ? JSON.stringify(m.speech) : null,
      })),
      (rows) => trx.insertInto('media').values(rows).execute(),
    );
    await insertInChunks(
      r.experts.map((e) => ({
        ...key,
        expert: e.expert,
        ran: e.ran,
        skipped_reason: e.skipped_reason ?? null,
        ms: e.ms,
        batch_size: e.batch_size ?? null,
        queue_delay_ms: e.queue_delay_ms ?? null,
        error_code: e.error?.code ?? null,
        error_message: e.error?.message ?? null,
      })),
      (rows) => trx.insertInto('expert_outputs').values(rows).execute(),
    );
    await insertInChunks(
      r.scores.map((s) => ({
        ...key,
        category: s.category,
        score: s.score,
        severity: s.severity,
        attribution: JSON.stringify(s.attribution),
      })),
      (rows) => trx.insertInto('category_scores').values(rows).execute(),
    );
  }

  /**
   * A review task for the human queue when any action is `review`; its reasons are those actions, its
   * facets (categories, severity, hence triage) every category the verdict acts on (`modelTaskFacets`).
   */
  private async openReviewTask(trx: Tx, verdict: VerdictV1, r: InferenceResult): Promise<string | null> {
    const reasons = verdict.actions.filter((a) => a.action === 'review');
    if (reasons.length === 0) return null;
    const taskId = randomUUID();
    const topScore = Math.max(0, ...reasons.map((a) => a.score ?? 0));
    await trx
      .insertInto('review_tasks')
      .values({
        task_id: taskId,
        tenant_id: verdict.tenant_id,
        post_id: verdict.post_id,
        revision: verdict.revision,
        verdict_id: verdict.verdict_id,
        kind: 'policy',
        priority: PRIORITY_BASE[r.priority] + Math.round(topScore * 100),
        reasons: JSON.stringify(reasons),
        ...modelTaskFacets(verdict.actions, r.scores),
      })
      .execute();
    return taskId;
  }
}
