import type { RoutingPlan } from '../router';
import { seenOf, type ClassifyBatch } from './batch';
import type { MediaFrameOutputs } from './options';

/**
 * What the frame experts produced per examined medium (with a sha256, status `ok`, not cached, no
 * frame-expert error), for a media cache: handed to `onMediaOutputs` by sha256.
 */
export function reportMediaOutputs(
  batch: ClassifyBatch,
  cached: ReadonlyMap<string, MediaFrameOutputs>,
  stageTwo: readonly RoutingPlan[],
  onMediaOutputs: (sha256: string, outputs: MediaFrameOutputs) => void,
): void {
  batch.requests.forEach((r, i) => {
    for (const m of r.media) {
      const key = `${i}|${m.media_id}`;
      if (!m.sha256 || m.status !== 'ok' || cached.has(key) || batch.mediaFailed.has(key)) continue;
      const experts = batch.mediaExperts.get(key);
      if (!experts) continue;
      const gates = batch.states[i]!.textLikelihood.get(m.media_id);
      const visualScore = batch.states[i]!.visualScore.get(m.media_id);
      onMediaOutputs(m.sha256, {
        frameCount: m.frames.length,
        frames: [...batch.frameTokens]
          .filter(([k]) => k.startsWith(`${key}|`))
          .map(([k, features]) => {
            const index = Number(k.slice(key.length + 1));
            const textLikelihood = gates?.get(index);
            return { index, features, ...(textLikelihood !== undefined ? { textLikelihood } : {}) };
          }),
        ...(visualScore !== undefined ? { visualScore } : {}),
        lines: batch.mediaLines.get(key) ?? [],
        experts: [...experts],
        ...(batch.mediaAlt.has(key) ? { alt: batch.mediaAlt.get(key)!.alt } : {}),
        ...(batch.mediaSeen.has(key) ? { seen: seenOf(batch.mediaSeen.get(key)!) } : {}),
        skipped: (stageTwo[i]?.skipped ?? []).filter((k) => k.media_id === m.media_id),
      });
    }
  });
}
