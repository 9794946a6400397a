import {
  VERDICT_SCHEMA_VERSION,
  VerdictV1Schema,
  type InferenceResult,
  type VerdictV1,
} from '@vigil/contracts';
import type { PolicyDecision } from '@vigil/policy';

/** Webhook event type of a verdict (Standard Webhooks `type`). */
export const VERDICT_EVENT_TYPE = 'verdict.created';

/**
 * Builds the VerdictV1 for one classifier result and the policy's decision, and validates it against
 * the published contract (a bug here must not reach platforms).
 * Timings: the result's stage timings plus `moderation_ms` (result received → decided) and `total_ms`
 * (ingest received → decided).
 * @throws ZodError when the verdict breaks VerdictV1 (a programming error, not bad input).
 */
export function buildModelVerdict(
  result: InferenceResult,
  decision: PolicyDecision,
  ids: { verdictId: string; decidedAt: Date; startedAt: number },
): VerdictV1 {
  const decidedMs = ids.decidedAt.getTime();
  return VerdictV1Schema.parse({
    schema_version: VERDICT_SCHEMA_VERSION,
    verdict_id: ids.verdictId,
    tenant_id: result.tenant_id,
    post_id: result.post_id,
    revision: result.revision,
    status: result.status,
    errors: result.errors,
    source: 'model',
    actions: decision.actions,
    scores: result.scores,
    alt_text: result.media
      .filter((m) => m.kind !== 'audio' && m.alt_text)
      .map((m) => ({ media_id: m.media_id, text: m.alt_text!.text, decorative: m.alt_text!.decorative })),
    coverage: { not_covered: result.coverage.not_covered },
    hash_matches: result.hash_matches.map(({ media_id, bank, distance, hash_id }) => ({
      media_id,
      bank,
      distance,
      hash_id,
    })),
    policy: decision.policy,
    bundle: result.bundle,
    timings: {
      ...result.timings,
      moderation_ms: Math.max(0, decidedMs - ids.startedAt),
      total_ms: Math.max(0, decidedMs - result.received_at),
    },
    decided_at: ids.decidedAt.toISOString(),
    ...(result.callback?.correlation_id ? { correlation_id: result.callback.correlation_id } : {}),
    trace_id: result.trace_id,
  });
}

/**
 * The webhook body for a verdict: the Standard Webhooks payload shape `{type, timestamp, data}` with
 * the VerdictV1 as `data`. Serialised once and stored, so every retry sends the same bytes.
 */
export function webhookBody(verdict: VerdictV1): string {
  return JSON.stringify({ type: VERDICT_EVENT_TYPE, timestamp: verdict.decided_at, data: verdict });
}
