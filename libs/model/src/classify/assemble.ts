import {
  INFERENCE_SCHEMA_VERSION,
  type BundleManifest,
  type CategoryId,
  type ExpertRun,
  type InferenceResult,
  type MediaPayload,
  type MediaResult,
} from '@vigil/contracts';
import { composeAltText } from '../alt-text';
import { coverageOf } from '../coverage';
import type { FrameAltInput } from '../experts/contract';
import type { FusionSpec } from '../fusion/spec';
import { EXPERT_NAMES, type SkippedExpert } from '../router';
import { seenOf, type ClassifyBatch, type RequestState } from './batch';
import { calibratedScores } from './calibrate';
import type { Fused } from './fuse';
import type { MediaFrameOutputs } from './options';

/** What result assembly needs from the classifier. */
export interface AssembleContext {
  readonly manifest: BundleManifest;
  readonly spec: FusionSpec;
  readonly fusionInforms: ReadonlySet<CategoryId>;
  readonly provider: 'cpu' | 'cuda';
  /** Whether media results carry alt-text. */
  readonly altText: boolean;
}

/**
 * Stage 5, assemble: the one place an `InferenceResult` is built, one per request in order. Media that
 * ingest could not fetch or decode are errors of the result (and so of the verdict, where the policy's
 * `errors` rules see them). Status `error` when something failed and nothing was assessed: fusion gave
 * no scores, or every medium failed and there was no caption to read instead.
 */
export function assembleResults(
  ctx: AssembleContext,
  batch: ClassifyBatch,
  fused: ReadonlyMap<number, Fused>,
  cached: ReadonlyMap<string, MediaFrameOutputs>,
  mode: 'routed' | 'dense',
  classifierMs: number,
): InferenceResult[] {
  return batch.requests.map((req, i) => {
    const s = batch.states[i]!;
    const scored = fused.get(i);
    const experts: ExpertRun[] = [
      ...[...s.runs].map(([expert, r]) => ({
        expert,
        ran: !r.error,
        ms: Math.round(r.ms * 1000) / 1000,
        batch_size: r.batch,
        ...(r.error ? { error: r.error } : {}),
      })),
      ...dedupeSkipped(s.skipped)
        .filter((k) => !s.runs.has(k.expert) && k.expert !== '*')
        .map((k) => ({ expert: k.expert, ran: false, skipped_reason: k.reason, ms: 0 })),
    ];
    const media: MediaResult[] = req.media.map((m) => ({
      media_id: m.media_id,
      kind: m.kind,
      status: m.status,
      ...(m.error ? { error: m.error } : {}),
      ...(m.sha256 ? { sha256: m.sha256 } : {}),
      ...(s.speech.get(m.media_id) ? { speech: [...s.speech.get(m.media_id)!] } : {}),
      ...(s.transcript.has(m.media_id) ? { transcript: s.transcript.get(m.media_id)! } : {}),
      ...(cached.has(`${i}|${m.media_id}`) ? { cached: true } : {}),
      ...seenIn(batch, cached, `${i}|${m.media_id}`),
      ...(ctx.altText ? altTextOf(ctx, m, batch.mediaAlt.get(`${i}|${m.media_id}`)?.alt, s, scored) : {}),
      ...(m.frames.some((f) => f.pdq)
        ? {
            pdq: m.frames
              .filter((f) => f.pdq)
              .map((f) => ({ hash: f.pdq!.hash, quality: f.pdq!.quality, timestamp_ms: f.timestamp_ms })),
          }
        : {}),
    }));
    const expertsMs = [...s.runs]
      .filter(([k]) => k !== EXPERT_NAMES.fusion)
      .reduce((a, [, r]) => a + r.ms, 0);
    const mediaErrors = req.media.flatMap((m) => (m.error ? [{ ...m.error, media_id: m.media_id }] : []));
    const errors = [...req.errors, ...mediaErrors, ...s.errors];
    // A medium that is `ok` with an error (MEDIA_PARTIALLY_DECODED) was still assessed.
    const allMediaFailed = req.media.length > 0 && req.media.every((m) => m.status === 'error');
    const anyAssessed = scored !== undefined && !(allMediaFailed && req.text.caption.trim() === '');
    return {
      schema_version: INFERENCE_SCHEMA_VERSION,
      request_id: req.request_id,
      tenant_id: req.tenant_id,
      post_id: req.post_id,
      revision: req.revision,
      trace_id: req.trace_id,
      ...(req.traceparent ? { traceparent: req.traceparent } : {}),
      received_at: req.received_at,
      created_at: req.created_at,
      priority: req.priority,
      status: anyAssessed || errors.length === 0 ? 'ok' : 'error',
      errors,
      caption: {
        text: req.text.caption,
        ...(s.caption ? { lang: s.caption.lang, lang_confidence: s.caption.confidence } : {}),
      },
      scores: calibratedScores(ctx.spec, ctx.fusionInforms, scored, s.direct),
      coverage: coverageOf(s.channels, s.assessed),
      media,
      hash_matches: [],
      experts,
      bundle: { name: ctx.manifest.name, version: ctx.manifest.version },
      provider: ctx.provider,
      routing: mode,
      timings: {
        ...req.timings,
        experts_ms: expertsMs,
        fusion_ms: s.runs.get(EXPERT_NAMES.fusion)?.ms ?? 0,
        classifier_ms: classifierMs,
      },
      ...(req.callback ? { callback: req.callback } : {}),
      // Copied unchanged: moderation checks it against tenant, post, revision and media (request-binding.ts).
      ...(req.request_binding !== undefined ? { request_binding: req.request_binding } : {}),
    } satisfies InferenceResult;
  });
}

/**
 * Alt-text of one image, GIF or video from what its frame experts gave (see `composeAltText`), or
 * nothing for audio, failed media and media no frame expert examined (e.g. routed away on a hash
 * match). Described neutrally when the medium's sexual score (nsfw) or the post's fused `sexual` or
 * `violence/graphic` score is at least 0.5.
 */
function altTextOf(
  ctx: AssembleContext,
  m: MediaPayload,
  alt: FrameAltInput | undefined,
  s: RequestState,
  scored: Fused | undefined,
): Pick<MediaResult, 'alt_text'> {
  if (!alt || m.kind === 'audio' || m.status !== 'ok') return {};
  const fused = (c: CategoryId) => {
    const k = ctx.spec.categories.indexOf(c);
    return scored && k >= 0 && ctx.fusionInforms.has(c) ? scored.scores[k]! : 0;
  };
  const { text, decorative, confidence } = composeAltText({
    ...alt,
    medium: m.kind,
    flagged: {
      sexual: (s.visualScore.get(m.media_id) ?? 0) >= 0.5 || fused('sexual') >= 0.5,
      graphic: fused('violence/graphic') >= 0.5,
    },
  });
  return { alt_text: { text, decorative, confidence: Math.round(confidence * 1e4) / 1e4 } };
}

/** What the frame experts read and detected in a medium (now, or when it was examined before it was cached). */
function seenIn(
  batch: ClassifyBatch,
  cached: ReadonlyMap<string, MediaFrameOutputs>,
  key: string,
): Pick<MediaResult, 'ocr' | 'objects'> {
  const now = batch.mediaSeen.get(key);
  return now ? seenOf(now) : (cached.get(key)?.seen ?? {});
}

/**
 * One entry per expert (the first reason): a result lists each expert once, and moderation stores it
 * under (post, revision, expert). An expert skipped for two reasons (a cached medium and another one)
 * used to appear twice, and the duplicate row failed the result's transaction on every redelivery.
 */
function dedupeSkipped(list: readonly SkippedExpert[]): SkippedExpert[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    if (seen.has(s.expert)) return false;
    seen.add(s.expert);
    return true;
  });
}
