import type { InferenceRequest } from '@vigil/contracts';
import { ClassifyBatch } from './batch';
import type { ClassifyOptions, MediaFrameOutputs } from './options';

/**
 * Stage 1, prepare the batch: per-request state, the channels each post has content in, and the media
 * whose frame-expert outputs come from the media cache (their frame tokens, gates, lines and alt-text
 * inputs as the frame experts left them; their experts reported skipped with `cache_hit`).
 * @returns the batch and its cached media by medium key `${request}|${media_id}`.
 */
export function prepareBatch(
  requests: readonly InferenceRequest[],
  options: ClassifyOptions,
): { batch: ClassifyBatch; cached: Map<string, MediaFrameOutputs> } {
  const batch = new ClassifyBatch(requests, options.onExpertCall);
  const cached = new Map<string, MediaFrameOutputs>();
  requests.forEach((r, i) => {
    for (const m of r.media) {
      const hit = m.status === 'ok' && m.sha256 ? options.cachedMedia?.get(m.sha256) : undefined;
      // A routed-away medium contributes nothing from its frames, cached or not.
      const away = options.routedAway?.get(r.request_id)?.has(m.media_id) === true;
      if (hit && !away && m.frames.length > 0 && hit.frameCount === m.frames.length)
        cached.set(`${i}|${m.media_id}`, hit);
    }
  });
  return { batch, cached };
}

/** Restores the cached media's outputs into the batch (after stage-one skips are recorded). */
export function applyCachedMedia(batch: ClassifyBatch, cached: ReadonlyMap<string, MediaFrameOutputs>): void {
  for (const [key, out] of cached) {
    const i = Number(key.slice(0, key.indexOf('|')));
    const mediaId = key.slice(key.indexOf('|') + 1);
    const s = batch.states[i]!;
    const gates = new Map<number, number>();
    for (const f of out.frames) {
      batch.frameTokens.set(`${key}|${f.index}`, Float32Array.from(f.features));
      if (f.textLikelihood !== undefined) gates.set(f.index, f.textLikelihood);
    }
    s.textLikelihood.set(mediaId, gates);
    if (out.visualScore !== undefined) s.visualScore.set(mediaId, out.visualScore);
    batch.mediaLines.set(key, [...out.lines]);
    if (out.alt) batch.addAlt(key, -1, out.alt);
    for (const expert of out.experts) {
      s.cachedExperts.add(expert);
      s.skipped.push({ expert, media_id: mediaId, reason: 'cache_hit' });
    }
  }
}

/** The channels each post has content in (images imply `visual` and `image_text`). */
export function markChannels(batch: ClassifyBatch): void {
  batch.requests.forEach((r, i) => {
    const s = batch.states[i]!;
    if (r.text.caption.trim()) s.channels.add('caption');
    for (const m of r.media) {
      if (m.status !== 'ok') continue;
      if (m.frames.length > 0) {
        s.channels.add('visual');
        s.channels.add('image_text');
      }
      if (m.audio) s.channels.add('speech');
    }
  });
}
