import type { Expert } from './experts/contract';

// The router's types, apart from the router so that router-plugins.ts and router.ts share them without
// importing each other.

/** Router thresholds. Defaults are Vigil's; the eval table reports their effect. */
export interface RouterParams {
  /** Frames of an animation or video examined first. */
  readonly initialFrames: number;
  /** Upper bound on frames per medium in any mode. */
  readonly maxFrames: number;
  /**
   * OCR runs on a frame when its text likelihood (image-stats' `ocrGateScore`) reaches this. 0.3 was
   * chosen on the corpus' train and dev frames (images and video frames, 102 with meme text, 294
   * without): 97 with text pass and 97 without (0.15: 101 and 116; 0.5: 94 and 97). The previous score
   * (crossings at the row mean, which misses outlined text on dark or grey photos) passed 92 and 97 at
   * its gate of 0.15. Test split: 23 of 23 with text, 18 of 71 without (previous: 22, 18). Printed by
   * `npm run eval -- --ocr`.
   */
  readonly ocrGate: number;
  /** A visual score inside [low, high] counts as uncertain (runs more frames and the object detector). */
  readonly uncertainLow: number;
  readonly uncertainHigh: number;
  /**
   * Run the object detector on frame 0 of every image, GIF and video for alt-text even when nothing is
   * uncertain (on by default: results carry alt-text naming what is seen; the classifier composes it
   * only when this is on). Media routed away (hash matches) get neither.
   */
  readonly altText: boolean;
}

export const DEFAULT_ROUTER_PARAMS: RouterParams = {
  initialFrames: 3,
  maxFrames: 16,
  ocrGate: 0.3,
  uncertainLow: 0.2,
  uncertainHigh: 0.8,
  altText: true,
};

/** What the router reads of an expert's declaration. */
export type RoutedExpert = Pick<Expert, 'name' | 'reads' | 'cost' | 'partOf'>;

/** One expert invocation the router asks for. */
export interface ExpertTask {
  readonly expert: string;
  /** `caption` for the post text, otherwise the medium (and frame index) it reads. */
  readonly target:
    | { readonly kind: 'caption' }
    | { readonly kind: 'frame'; readonly media_id: string; readonly frame: number }
    | { readonly kind: 'audio'; readonly media_id: string };
  readonly reason: string;
}

/** An expert the router decided not to run, with a stable reason code. */
export interface SkippedExpert {
  readonly expert: string;
  readonly media_id?: string;
  readonly reason:
    | 'not_in_bundle'
    | 'no_caption'
    | 'no_images'
    | 'no_audio'
    | 'no_text_likelihood'
    | 'early_frames_certain'
    | 'not_uncertain'
    | 'no_speech'
    | 'media_error'
    /** The medium's frame-expert outputs came from the media cache (same bytes, same bundle). */
    | 'cache_hit'
    /** The medium matched a hash bank before routing (ClassifyOptions.routedAway). */
    | 'hash_match';
}

export interface RoutingPlan {
  readonly tasks: readonly ExpertTask[];
  readonly skipped: readonly SkippedExpert[];
}

/** What stage one found, per medium, for stage two's decisions. */
export interface StageOneSignals {
  /** Text likelihood per examined frame index, by media id. */
  readonly textLikelihood: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** Highest visual-category score per medium (from `nsfw` when present). */
  readonly visualScore: ReadonlyMap<string, number>;
  /** Whether voice activity detection found speech, by media id. */
  readonly speech: ReadonlyMap<string, boolean>;
}
