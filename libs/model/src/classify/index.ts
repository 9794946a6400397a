import { performance } from 'node:perf_hooks';
import type { ErrorDetail, InferenceRequest, InferenceResult, MediaPayload } from '@vigil/contracts';
import { imageTextRead } from '../coverage';
import type { FusionExpert } from '../experts/fusion';
import type { ExpertRouter, RoutingPlan } from '../router';
import { assembleResults, type AssembleContext } from './assemble';
import { fuse, fusionTokens, type Fused } from './fuse';
import { reportMediaOutputs } from './media-outputs';
import type { ClassifyOptions } from './options';
import { applyCachedMedia, markChannels, prepareBatch } from './prepare';
import { routeStageOne, routeStageTwo } from './route';
import {
  assessVisual,
  runOcrTextExperts,
  runRoutedExperts,
  runTranscriptExperts,
  type ExpertStageContext,
} from './run-experts';
import { assessSpeech } from './speech';

export type { ClassifyOptions, MediaFrameOutputs } from './options';

/** Everything the stages read from a loaded classifier. */
export interface ClassifyContext extends ExpertStageContext, AssembleContext {
  readonly router: ExpertRouter;
  readonly fusion: FusionExpert;
}

/**
 * `classify` as named stages: prepare the batch → route and run the experts (stage one: captions,
 * first frames, audio; stage two, routed mode: what stage one's signals ask for; then the text read
 * from images and the words heard in audio) → fuse → calibrate → assemble the results (calibration
 * happens inside assembly, per request). See `VigilClassifier.classify` for the contract.
 */
export async function classifyBatch(
  ctx: ClassifyContext,
  requests: readonly InferenceRequest[],
  mode: 'routed' | 'dense',
  options: ClassifyOptions,
): Promise<InferenceResult[]> {
  const started = performance.now();
  const { batch, cached } = prepareBatch(requests, options);
  const stageOne = routeStageOne(ctx.router, batch, mode, cached, options.routedAway);
  applyCachedMedia(batch, cached);
  markChannels(batch);
  await runRoutedExperts(ctx, batch, stageOne, ['caption', 'frame', 'audio']);
  let stageTwo: RoutingPlan[] = [];
  if (mode === 'routed') {
    stageTwo = routeStageTwo(ctx.router, batch, cached, options.routedAway);
    await runRoutedExperts(ctx, batch, stageTwo, ['frame', 'audio']);
  }
  await runOcrTextExperts(ctx, batch);
  await runTranscriptExperts(ctx, batch);
  assessSpeech(ctx, batch);
  // No text in any image: the image_text channel is empty where every image's text was read (OCR ran,
  // now or when the medium was cached) or ruled out by the OCR gate.
  requests.forEach((r, i) => {
    const key = (m: MediaPayload) => `${i}|${m.media_id}`;
    const ran = (m: MediaPayload) => [
      ...(batch.mediaExperts.get(key(m)) ?? []),
      ...(cached.get(key(m))?.experts ?? []),
    ];
    const media = r.media.filter((m) => m.status === 'ok' && m.frames.length > 0);
    const read = media.every((m) => imageTextRead(m.media_id, ran(m), batch.states[i]!.skipped));
    if (read && !media.some((m) => batch.mediaLines.get(key(m))?.length))
      batch.assess(i, 'image_text', ctx.textCategories);
  });
  assessVisual(ctx, batch);
  if (options.onMediaOutputs) reportMediaOutputs(batch, cached, stageTwo, options.onMediaOutputs);

  const tokens = fusionTokens(batch, ctx.spec);
  if (options.onFusionTokens)
    requests.forEach((_, i) =>
      options.onFusionTokens!(
        i,
        tokens.filter((t) => t.request === i).map(({ modality, features }) => ({ modality, features })),
      ),
    );
  // One fusion run per request, with its leave-one-out rows: pooling sums over the run's tokens, so a
  // shared run would make a post's scores depend on its batch-mates.
  const results = new Map<number, Fused>();
  const errors = new Map<number, ErrorDetail>();
  let ms = 0;
  for (const i of requests.keys()) {
    const own = tokens.filter((t) => t.request === i);
    if (own.length === 0) continue;
    const run = await fuse(ctx.fusion, requests.length, own);
    ms += run.ms;
    run.results.forEach((v, k) => results.set(k, v));
    if (run.error) errors.set(i, run.error);
  }
  const fused = new Map(
    requests.flatMap((_, i) => (tokens.some((t) => t.request === i) ? [[i, 1] as const] : [])),
  );
  batch.record(ctx.fusion.name, fused, ms, errors);

  return assembleResults(ctx, batch, results, cached, mode, performance.now() - started);
}
