import { performance } from 'node:perf_hooks';
import { resizeKey, type CategoryId, type ErrorDetail } from '@vigil/contracts';
import { isItemFailure, type Expert, type ExpertInputKind, type ExpertOutput } from '../experts/contract';
import type { FusionSpec } from '../fusion/spec';
import type { RoutingPlan } from '../router';
import { frameModality, type ClassifyBatch } from './batch';
import { ocrTextInputs, routedInputs, transcriptInputs, type ExpertItem, type RoutedKind } from './inputs';

/** What the expert stages need from the classifier. */
export interface ExpertStageContext {
  /** Item experts (all but fusion), in manifest order: the order they run in within a kind. */
  readonly experts: readonly Expert[];
  readonly spec: FusionSpec;
  /** Categories text readers inform: assessed on a channel found empty (no speech, no text in images). */
  readonly textCategories: readonly CategoryId[];
}

/**
 * Stage 2, run the routed experts: for each input kind in `kinds` (in order) every expert that reads it
 * runs once on all the inputs the plans route to it, batched across requests.
 */
export async function runRoutedExperts(
  ctx: ExpertStageContext,
  batch: ClassifyBatch,
  plans: readonly RoutingPlan[],
  kinds: readonly RoutedKind[],
): Promise<void> {
  for (const kind of kinds)
    for (const expert of ctx.experts)
      if (expert.reads.includes(kind) && !expert.partOf)
        await runExpert(ctx, batch, expert, kind, routedInputs(batch, expert, kind, plans));
}

/** Runs the experts that read `ocr_text` on the text read from each post's images. */
export async function runOcrTextExperts(ctx: ExpertStageContext, batch: ClassifyBatch): Promise<void> {
  const items = ocrTextInputs(batch);
  for (const expert of ctx.experts)
    if (expert.reads.includes('ocr_text') && !expert.partOf)
      await runExpert(ctx, batch, expert, 'ocr_text', items);
}

/**
 * Runs the experts that read `transcript` on the words each audio medium's speech-to-text expert heard
 * (after stage two, where speech-to-text runs in routed mode): one input per medium with a transcript.
 */
export async function runTranscriptExperts(ctx: ExpertStageContext, batch: ClassifyBatch): Promise<void> {
  const items = transcriptInputs(batch);
  for (const expert of ctx.experts)
    if (expert.reads.includes('transcript') && !expert.partOf)
      await runExpert(ctx, batch, expert, 'transcript', items);
}

/**
 * One batched call of `expert` on `items`: timed, recorded per request (and for experts `partOf` it),
 * its outputs applied to the batch. A call that throws fails every request in it; an input it could
 * not read fails its own request.
 */
async function runExpert(
  ctx: ExpertStageContext,
  batch: ClassifyBatch,
  expert: Expert,
  kind: ExpertInputKind,
  items: readonly ExpertItem[],
): Promise<void> {
  if (items.length === 0) return;
  const per = new Map<number, number>();
  for (const { i } of items) per.set(i, (per.get(i) ?? 0) + 1);
  const errors = new Map<number, ErrorDetail>();
  const fail = (item: ExpertItem, message: string) => {
    errors.set(item.i, { code: 'EXPERT_FAILED', message });
    if (item.medium && kind === 'frame') batch.mediaFailed.add(`${item.i}|${item.medium.media_id}`);
  };
  const readable = items.filter((x) => !(typeof x.input === 'object' && 'failed' in x.input));
  for (const x of items) if (!readable.includes(x)) fail(x, (x.input as { failed: string }).failed);
  const t0 = performance.now();
  let outputs: (ExpertOutput | { failed: string })[] = [];
  try {
    if (readable.length > 0)
      outputs = await expert.run(
        readable.map((x) => x.input as Exclude<ExpertItem['input'], { failed: string }>),
        kind,
      );
  } catch (error) {
    for (const x of readable) fail(x, (error as Error).message);
  }
  const ms = performance.now() - t0;
  outputs.forEach((out, j) => {
    if (isItemFailure(out)) fail(readable[j]!, out.failed);
  });
  batch.record(expert.name, per, ms, errors);
  for (const partner of ctx.experts)
    if (partner.partOf === expert.name && partner.reads.includes(kind))
      batch.record(partner.name, per, 0, errors);
  outputs.forEach((out, j) => {
    if (!isItemFailure(out)) applyOutput(ctx, batch, expert, kind, readable[j]!, out);
  });
}

/** Coverage of the visual channel: each frame expert that ran (or was cached) assessed what it emits. */
export function assessVisual(ctx: ExpertStageContext, batch: ClassifyBatch): void {
  for (const expert of ctx.experts.filter((e) => e.reads.includes('frame')))
    batch.states.forEach((s, i) => {
      if (s.runs.has(expert.name) || s.cachedExperts.has(expert.name))
        batch.assess(i, 'visual', expert.emits.categories);
    });
}

/**
 * Applies one output: its token features, routing signals, lines, alt-text, language, speech, transcript,
 * scores (a transcript's scores are attributed to its audio medium).
 */
function applyOutput(
  ctx: ExpertStageContext,
  batch: ClassifyBatch,
  expert: Expert,
  kind: ExpertInputKind,
  item: ExpertItem,
  out: ExpertOutput,
): void {
  const { i, medium } = item;
  const s = batch.states[i]!;
  const source = ctx.spec.tokenSources.find((x) => x.expert === expert.name);
  const mediaKey = medium ? `${i}|${medium.media_id}` : undefined;
  if (kind === 'frame' && medium && item.frame !== undefined) {
    batch.ran(i, medium.media_id, expert.name);
    const key = `${mediaKey}|${item.frame}`;
    if (out.features && source) {
      const row = batch.frameTokens.get(key) ?? new Float32Array(ctx.spec.featureDim);
      row.set(out.features.subarray(0, source.dim), source.offset);
      batch.frameTokens.set(key, row);
    }
    if (out.textLikelihood !== undefined) {
      const gates = s.textLikelihood.get(medium.media_id) ?? new Map<number, number>();
      gates.set(item.frame, out.textLikelihood);
      s.textLikelihood.set(medium.media_id, gates);
    }
    if (out.visualScore !== undefined)
      s.visualScore.set(medium.media_id, Math.max(s.visualScore.get(medium.media_id) ?? 0, out.visualScore));
    if (out.alt) batch.addAlt(mediaKey!, item.frame, out.alt);
    if (out.seen) {
      const frame = medium.frames[item.frame];
      const variant = frame && expert.variant ? frame.variants[resizeKey(expert.variant)] : undefined;
      const scale = frame && variant ? frame.width / variant.width : 1;
      batch.addSeen(mediaKey!, medium, item.frame, scale, out.seen);
    }
    if (out.lines?.length)
      batch.mediaLines.set(mediaKey!, [...(batch.mediaLines.get(mediaKey!) ?? []), ...out.lines]);
  } else if (kind === 'transcript') {
    // Assessed per medium once every medium's words were read (`assessSpeech`); no fusion token.
    if (mediaKey)
      batch.transcriptReaders.set(
        mediaKey,
        (batch.transcriptReaders.get(mediaKey) ?? new Set()).add(expert.name),
      );
  } else {
    const channel = kind === 'caption' ? 'caption' : kind === 'ocr_text' ? 'image_text' : 'speech';
    batch.assess(i, channel, expert.emits.categories);
    if (kind === 'caption' && out.language) s.caption = out.language;
    // No speech in a medium (empty `speech`): `assessSpeech` counts its spoken words as assessed.
    if (out.speech && medium) s.speech.set(medium.media_id, out.speech);
    const words = out.transcript?.trim();
    if (kind === 'audio' && medium && words && !s.transcript.has(medium.media_id))
      s.transcript.set(medium.media_id, words);
    if (out.features && source) addToken(ctx, batch, kind, item, out, source);
  }
  for (const [category, score] of Object.entries(out.scores ?? {}) as [CategoryId, number][]) {
    // Only what it declares it emits.
    if (!expert.emits.categories.includes(category)) continue;
    const prev = s.direct.get(category);
    if (prev && prev.score >= score) continue;
    const modality =
      kind === 'frame' && medium
        ? frameModality(medium)
        : kind === 'ocr_text'
          ? 'image_text'
          : kind === 'audio' || kind === 'transcript'
            ? 'audio'
            : 'caption';
    s.direct.set(category, {
      score,
      modality,
      ...(medium ? { media_id: medium.media_id } : {}),
      ...(expert.combine === 'max' ? { max: true } : {}),
      ...(kind === 'ocr_text' && item.text ? { text: item.text.slice(0, 500) } : {}),
    });
  }
}

/** The caption, image-text or audio token of an input (one per input, shared by its experts). */
function addToken(
  ctx: ExpertStageContext,
  batch: ClassifyBatch,
  kind: ExpertInputKind,
  item: ExpertItem,
  out: ExpertOutput,
  source: { offset: number; dim: number },
): void {
  const { i, medium } = item;
  const key = `${kind}|${i}|${medium?.media_id ?? ''}`;
  let token = batch.tokens.get(key);
  if (!token) {
    const features = new Float32Array(ctx.spec.featureDim);
    const first = out.speech?.[0];
    token =
      kind === 'caption'
        ? { request: i, modality: 'caption', features, text: batch.requests[i]!.text.caption }
        : kind === 'ocr_text'
          ? {
              request: i,
              modality: 'image_text',
              features,
              text: item.text!,
              ...(medium ? { media_id: medium.media_id } : {}),
            }
          : {
              request: i,
              modality: 'audio',
              features,
              media_id: medium!.media_id,
              ...(first ? { timestamp_ms: first.start_ms } : {}),
            };
    batch.tokens.set(key, token);
  }
  token.features.set(out.features!.subarray(0, source.dim), source.offset);
}
