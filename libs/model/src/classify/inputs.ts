import { resizeKey, type MediaPayload } from '@vigil/contracts';
import type { Expert, ExpertInputs } from '../experts/contract';
import type { RoutingPlan } from '../router';
import type { ClassifyBatch } from './batch';

/**
 * The input kinds the router schedules (`ocr_text` follows from OCR, `transcript` from speech-to-text;
 * `tokens` is fusion's).
 */
export type RoutedKind = 'caption' | 'frame' | 'audio';

/** One input of an expert call, with the request and medium it belongs to. */
export interface ExpertItem {
  readonly i: number;
  readonly medium?: MediaPayload;
  /** Frame index inside the medium (frame inputs). */
  readonly frame?: number;
  /** The input, or why it cannot be read (e.g. a frame without the expert's resize variant). */
  readonly input:
    ExpertInputs['caption' | 'frame' | 'audio' | 'ocr_text' | 'transcript'] | { readonly failed: string };
  /** Text an `ocr_text` input was joined from, for the token's attribution. */
  readonly text?: string;
}

/** The inputs of `expert` of one kind that the stage's plans route to it, in plan order. */
export function routedInputs(
  batch: ClassifyBatch,
  expert: Expert,
  kind: RoutedKind,
  plans: readonly RoutingPlan[],
): ExpertItem[] {
  return plans.flatMap((p, i) =>
    p.tasks.flatMap((t): ExpertItem[] => {
      if (t.expert !== expert.name || t.target.kind !== kind) return [];
      const request = batch.requests[i]!;
      if (t.target.kind === 'caption') return [{ i, input: request.text.caption }];
      const { media_id } = t.target;
      const medium = request.media.find((m) => m.media_id === media_id);
      if (!medium) return [];
      if (t.target.kind === 'audio') {
        const pcm = medium.audio?.pcm_s16le;
        return [{ i, medium, input: pcm ?? { failed: `${expert.name}: medium ${media_id} has no audio` } }];
      }
      const frame = t.target.frame;
      if (!expert.variant)
        return [{ i, medium, frame, input: { failed: `${expert.name}: declares no variant` } }];
      const key = resizeKey(expert.variant);
      const image = medium.frames[frame]?.variants[key];
      const failed = `${expert.name}: frame ${frame} lacks variant ${key}`;
      return [{ i, medium, frame, input: image ?? { failed } }];
    }),
  );
}

/**
 * The `ocr_text` input of each request whose frames were read (its media's OCR lines, media in post
 * order, joined with `\n`); the token names its medium when the text came from one.
 */
export function ocrTextInputs(batch: ClassifyBatch): ExpertItem[] {
  return batch.requests.flatMap((r, i) => {
    const read = r.media.filter((m) => batch.mediaLines.get(`${i}|${m.media_id}`)?.length);
    const lines = read.flatMap((m) => batch.mediaLines.get(`${i}|${m.media_id}`)!);
    if (lines.length === 0) return [];
    const text = lines.join('\n');
    return [{ i, input: text, text, ...(read.length === 1 ? { medium: read[0]! } : {}) }];
  });
}

/** The `transcript` input of each medium a speech-to-text expert heard words in (post, then medium order). */
export function transcriptInputs(batch: ClassifyBatch): ExpertItem[] {
  return batch.requests.flatMap((r, i) =>
    r.media.flatMap((medium) => {
      const text = batch.states[i]!.transcript.get(medium.media_id);
      return text ? [{ i, medium, input: text }] : [];
    }),
  );
}
