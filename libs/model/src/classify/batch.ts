import type {
  CategoryId,
  ErrorDetail,
  InferenceRequest,
  MediaPayload,
  MediaResult,
  Modality,
} from '@vigil/contracts';
import type { SpeechSegment } from '../audio/vad';
import type { Channel } from '../coverage';
import type { FrameAltInput, FrameSeen } from '../experts/contract';
import type { SkippedExpert } from '../router';

/** One fusion token while a batch is assembled. */
export interface PendingToken {
  readonly request: number;
  readonly modality: Modality;
  readonly features: Float32Array;
  readonly media_id?: string;
  readonly timestamp_ms?: number;
  readonly text?: string;
}

/** An expert's own score for a category fusion does not inform, with where it came from. */
export interface DirectScore {
  readonly score: number;
  readonly modality: Modality;
  readonly media_id?: string;
  /** From an expert with `combine: 'max'`: stands against fusion's score when higher. */
  readonly max?: boolean;
  /** The image text that gave it (input kind `ocr_text`), quoted in the attribution (not a transcript's). */
  readonly text?: string;
}

/** OCR lines and objects of one medium with the frame index each came from (results list them by frame). */
export interface MediaSeen {
  readonly ocr: { frame: number; line: NonNullable<MediaResult['ocr']>[number] }[];
  readonly objects: { frame: number; object: NonNullable<MediaResult['objects']>[number] }[];
}

/** What the stages learn about one request. */
export interface RequestState {
  /** Expert calls by expert: ms (its share of batched calls), call batch size, its items, error. */
  readonly runs: Map<string, { ms: number; batch: number; items: number; error?: ErrorDetail }>;
  readonly skipped: SkippedExpert[];
  readonly errors: ErrorDetail[];
  /** Language of the caption. */
  caption?: { readonly lang: string; readonly confidence: number };
  /** Speech segments per audio medium. */
  readonly speech: Map<string, readonly SpeechSegment[]>;
  /** Transcript per audio medium: the first non-blank one a speech-to-text expert gave, trimmed. */
  readonly transcript: Map<string, string>;
  /** Text likelihood per examined frame index, by media id (the OCR gate). */
  readonly textLikelihood: Map<string, Map<number, number>>;
  /** Highest visual score per medium. */
  readonly visualScore: Map<string, number>;
  /** Frame experts whose outputs came from the media cache for some medium of this request. */
  readonly cachedExperts: Set<string>;
  readonly channels: Set<Channel>;
  readonly assessed: Map<Channel, Set<CategoryId>>;
  /** Experts' own scores of categories fusion does not inform (highest per category). */
  readonly direct: Map<CategoryId, DirectScore>;
}

/**
 * The working state of one `classify` call, shared by its stages: per request (`states`), per medium
 * (keyed `${request}|${media_id}`) and per frame (keyed `${request}|${media_id}|${frame}`).
 */
export class ClassifyBatch {
  readonly states: RequestState[];
  /** Caption, image-text and audio tokens in the order they were made. */
  readonly tokens = new Map<string, PendingToken>();
  /** Frame token rows `[spec.featureDim]` by frame key. */
  readonly frameTokens = new Map<string, Float32Array>();
  /** OCR lines per medium. */
  readonly mediaLines = new Map<string, string[]>();
  /** Frame experts that ran without error per medium. */
  readonly mediaExperts = new Map<string, Set<string>>();
  /**
   * Experts that read a medium's transcript without error, per medium: the categories they emit are
   * assessed on its spoken words (`assessSpeech`).
   */
  readonly transcriptReaders = new Map<string, Set<string>>();
  /** Media a frame expert failed on (not cached). */
  readonly mediaFailed = new Set<string>();
  /**
   * What the frame experts read (OCR lines) and detected (objects) per medium, frame by frame, boxes in
   * frame pixels: what a moderator is shown beside the medium.
   */
  readonly mediaSeen = new Map<string, MediaSeen>();
  /** Alt-text inputs per medium, each field from the earliest frame that gave it. */
  readonly mediaAlt = new Map<string, { alt: FrameAltInput; frames: Map<keyof FrameAltInput, number> }>();

  constructor(
    readonly requests: readonly InferenceRequest[],
    /** Called once per expert call (for metrics). */
    private readonly onExpertCall?: (call: {
      expert: string;
      items: number;
      ms: number;
      failed: boolean;
    }) => void,
  ) {
    this.states = requests.map(() => ({
      runs: new Map(),
      skipped: [],
      errors: [],
      speech: new Map(),
      transcript: new Map(),
      textLikelihood: new Map(),
      visualScore: new Map(),
      cachedExperts: new Set(),
      channels: new Set(),
      assessed: new Map(),
      direct: new Map(),
    }));
  }

  /** Marks `categories` assessed on `channel` for request `i`. */
  assess(i: number, channel: Channel, categories: Iterable<CategoryId>): void {
    const s = this.states[i]!;
    const set = s.assessed.get(channel) ?? new Set<CategoryId>();
    for (const c of categories) set.add(c);
    s.assessed.set(channel, set);
  }

  /** Merges alt-text inputs of frame `frame` of a medium (an earlier frame's field wins). */
  addAlt(mediaKey: string, frame: number, alt: FrameAltInput): void {
    const entry = this.mediaAlt.get(mediaKey) ?? { alt: {}, frames: new Map<keyof FrameAltInput, number>() };
    const merged: { -readonly [K in keyof FrameAltInput]: FrameAltInput[K] } = { ...entry.alt };
    for (const field of ['drawing', 'objects', 'ocr'] as const) {
      if (alt[field] === undefined || (entry.frames.get(field) ?? Infinity) <= frame) continue;
      (merged as Record<string, unknown>)[field] = alt[field];
      entry.frames.set(field, frame);
    }
    this.mediaAlt.set(mediaKey, { alt: merged, frames: entry.frames });
  }

  /**
   * Keeps what a frame expert found in frame `frame` of a medium: boxes scaled from the pixels the expert
   * read (its variant) to the frame's, stamped with the frame's position for GIFs and video.
   */
  addSeen(mediaKey: string, medium: MediaPayload, frame: number, scale: number, seen: FrameSeen): void {
    const entry = this.mediaSeen.get(mediaKey) ?? { ocr: [], objects: [] };
    const at = medium.kind === 'image' ? {} : { timestamp_ms: medium.frames[frame]?.timestamp_ms ?? 0 };
    const px = (v: number) => Math.round(v * scale * 10) / 10;
    for (const l of seen.ocr ?? [])
      entry.ocr.push({
        frame,
        line: {
          text: l.text,
          confidence: Math.round(l.confidence * 1e4) / 1e4,
          box: l.box.map(([x, y]) => [px(x), px(y)] as [number, number]),
          ...at,
        },
      });
    for (const o of seen.objects ?? [])
      entry.objects.push({
        frame,
        object: {
          label: o.label,
          score: Math.round(o.score * 1e4) / 1e4,
          box: [px(o.box[0]), px(o.box[1]), px(o.box[2]), px(o.box[3])],
          ...at,
        },
      });
    this.mediaSeen.set(mediaKey, entry);
  }

  /** Notes that `expert` ran on a medium without error. */
  ran(i: number, mediaId: string, expert: string): void {
    const key = `${i}|${mediaId}`;
    this.mediaExperts.set(key, (this.mediaExperts.get(key) ?? new Set()).add(expert));
  }

  /**
   * Records one expert call: `perRequest` items per request index; `ms` is shared among the requests
   * in proportion to their items; `errors` by request index.
   */
  record(
    expert: string,
    perRequest: ReadonlyMap<number, number>,
    ms: number,
    errors: ReadonlyMap<number, ErrorDetail>,
  ): void {
    const total = [...perRequest.values()].reduce((a, b) => a + b, 0);
    this.onExpertCall?.({ expert, items: total, ms, failed: errors.size > 0 });
    for (const [i, items] of perRequest) {
      const s = this.states[i]!;
      const prev = s.runs.get(expert);
      const error = errors.get(i);
      s.runs.set(expert, {
        ms: (prev?.ms ?? 0) + (ms * items) / Math.max(total, 1),
        batch: total,
        items: (prev?.items ?? 0) + items,
        ...(error ? { error: { ...error, expert } } : {}),
      });
      if (error) s.errors.push({ ...error, expert });
    }
  }
}

export function frameModality(m: MediaPayload): Modality {
  return m.kind === 'image' ? 'image' : 'video_frames';
}

/** A medium's OCR lines and objects in frame order (reading order within a frame), for its result. */
export function seenOf(seen: MediaSeen): Pick<MediaResult, 'ocr' | 'objects'> {
  const byFrame = <T extends { frame: number }>(list: readonly T[]) =>
    list
      .map((x, k) => ({ x, k }))
      .sort((a, b) => a.x.frame - b.x.frame || a.k - b.k)
      .map(({ x }) => x);
  return {
    ...(seen.ocr.length > 0 ? { ocr: byFrame(seen.ocr).map((l) => l.line) } : {}),
    ...(seen.objects.length > 0 ? { objects: byFrame(seen.objects).map((o) => o.object) } : {}),
  };
}
