import type { InferenceRequest } from '@vigil/contracts';
import { type ExpertRouter, type ExpertTask, type RoutingPlan, type SkippedExpert } from '../router';
import type { ClassifyBatch } from './batch';
import type { MediaFrameOutputs } from './options';

type RoutedAway = ReadonlyMap<string, ReadonlySet<string>> | undefined;

function isRoutedAway(request: InferenceRequest, t: ExpertTask, routedAway: RoutedAway): boolean {
  return t.target.kind === 'frame' && routedAway?.get(request.request_id)?.has(t.target.media_id) === true;
}

/**
 * Drops routed-away tasks and records each expert once per routed-away medium as skipped with
 * `hash_match`: the router's own skip reasons for such a medium (no gate fired, not uncertain) are
 * replaced, since the medium never reached the experts that would have produced those signals.
 */
function routeAway(request: InferenceRequest, plan: RoutingPlan, routedAway: RoutedAway): RoutingPlan {
  const awayIds = routedAway?.get(request.request_id);
  if (!awayIds || awayIds.size === 0) return plan;
  const isAway = (mediaId: string | undefined) => mediaId !== undefined && awayIds.has(mediaId);
  const byExpert = new Map<string, SkippedExpert>();
  const keep: SkippedExpert[] = [];
  for (const s of plan.skipped) {
    if (isAway(s.media_id) && s.reason !== 'not_in_bundle')
      byExpert.set(`${s.expert}|${s.media_id}`, { ...s, reason: 'hash_match' });
    else keep.push(s);
  }
  for (const t of plan.tasks.filter((x) => isRoutedAway(request, x, routedAway))) {
    const mediaId = (t.target as { media_id: string }).media_id;
    byExpert.set(`${t.expert}|${mediaId}`, { expert: t.expert, media_id: mediaId, reason: 'hash_match' });
  }
  return {
    tasks: plan.tasks.filter((t) => !isRoutedAway(request, t, routedAway)),
    skipped: [...keep, ...byExpert.values()],
  };
}

const onCachedMedium = (cached: ReadonlyMap<string, MediaFrameOutputs>, i: number, t: ExpertTask) =>
  t.target.kind === 'frame' && cached.has(`${i}|${t.target.media_id}`);

/**
 * Stage-one routing of every request (`ExpertRouter.plan`), less routed-away media and media whose
 * frame-expert outputs are cached; the skips are recorded in the batch.
 */
export function routeStageOne(
  router: ExpertRouter,
  batch: ClassifyBatch,
  mode: 'routed' | 'dense',
  cached: ReadonlyMap<string, MediaFrameOutputs>,
  routedAway: RoutedAway,
): RoutingPlan[] {
  const plans = batch.requests.map((r, i) => {
    const plan = routeAway(r, router.plan(r, mode), routedAway);
    return { tasks: plan.tasks.filter((t) => !onCachedMedium(cached, i, t)), skipped: plan.skipped };
  });
  plans.forEach((p, i) => batch.states[i]!.skipped.push(...p.skipped));
  return plans;
}

/**
 * Stage-two routing (`ExpertRouter.escalate`) from stage one's signals. Cached media keep the decisions
 * made when they were first examined. The skips are recorded in the batch; where the OCR gate found no
 * text, the image_text channel is empty, so `textCategories` count as assessed there.
 */
export function routeStageTwo(
  router: ExpertRouter,
  batch: ClassifyBatch,
  cached: ReadonlyMap<string, MediaFrameOutputs>,
  routedAway: RoutedAway,
): RoutingPlan[] {
  const plans = batch.requests.map((r, i) => {
    const s = batch.states[i]!;
    const plan = router.escalate(r, {
      textLikelihood: s.textLikelihood,
      visualScore: s.visualScore,
      speech: new Map([...s.speech].map(([k, segments]) => [k, segments.length > 0])),
    });
    const onCached = (mediaId?: string) => mediaId !== undefined && cached.has(`${i}|${mediaId}`);
    return routeAway(
      r,
      {
        tasks: plan.tasks.filter((t) => !onCachedMedium(cached, i, t)),
        skipped: [
          ...plan.skipped.filter((k) => !onCached(k.media_id)),
          ...r.media.flatMap((m) => cached.get(`${i}|${m.media_id}`)?.skipped ?? []),
        ],
      },
      routedAway,
    );
  });
  plans.forEach((p, i) => batch.states[i]!.skipped.push(...p.skipped));
  return plans;
}
