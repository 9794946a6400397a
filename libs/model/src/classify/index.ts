import { performance } from 'node:perf_hooks';
import type { ErrorDetail, InferenceRequest, InferenceResult } from '@vigil/contracts';
import type { FusionExpert } from '../experts/fusion';
import type { ExpertRouter, RoutingPlan } from '../router';
import { assembleResults, type AssembleContext } from './assemble';
import { fuse, fusionTokens } from './fuse';
import { reportMediaOutputs } from './media-outputs';
import type { ClassifyOptions } from './options';
import { applyCachedMedia, markChannels, prepareBatch } from './prepare';
import { ocrGateClosed, routeStageOne, routeStageTwo } from './route';
import { assessVisual, runOcrTextExperts, runRoutedExperts, type ExpertStageContext } from './run-experts';

export type { ClassifyOptions, MediaFrameOutputs } from './options';

/** Everything the stages read from a loaded classifier. */
export interface ClassifyContext extends ExpertStageContext, AssembleContext {
  readonly router: ExpertRouter;
  readonly fusion: FusionExpert;
}

/**
 * `classify` as named stages: prepare the batch → route and run the experts (stage one: captions,
 * first frames, audio; stage two, routed mode: what stage one's signals ask for; then the text read
 * from images) → fuse → calibrate → assemble the results (calibration happens inside assembly, per
 * request). See `VigilClassifier.classify` for the contract.
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
    stageTwo.forEach((p, i) => {
      if (ocrGateClosed(p)) batch.assess(i, 'image_text', ctx.textCategories);
    });
  }
  await runOcrTextExperts(ctx, batch);
  assessVisual(ctx, batch);
  if (options.onMediaOutputs) reportMediaOutputs(batch, cached, stageTwo, options.onMediaOutputs);

  const tokens = fusionTokens(batch);
  if (options.onFusionTokens)
    requests.forEach((_, i) =>
      options.onFusionTokens!(
        i,
        tokens.filter((t) => t.request === i).map(({ modality, features }) => ({ modality, features })),
      ),
    );
  const { results, ms, error } = await fuse(ctx.fusion, requests.length, tokens);
  const fused = new Map(
    requests.flatMap((_, i) => (tokens.some((t) => t.request === i) ? [[i, 1] as const] : [])),
  );
  batch.record(
    ctx.fusion.name,
    fused,
    ms,
    new Map<number, ErrorDetail>(error ? [...fused.keys()].map((i) => [i, error]) : []),
  );

  return assembleResults(ctx, batch, results, cached, mode, performance.now() - started);
}
