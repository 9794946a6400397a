import type { InferenceRequest } from '@vigil/contracts';
import type { Expert } from './experts/contract';
import { pluginEscalationTasks, pluginScreenTasks } from './router-plugins';

/**
 * Expert names the router knows. The bundle manifest says which are present; the image experts
 * (`nsfw`, `objects`, `ocr`) and speech-to-text (`stt`) plug in by appearing there.
 */
export const EXPERT_NAMES = {
  text: 'text',
  language: 'language',
  imageStats: 'image-stats',
  audioVad: 'audio-vad',
  nsfw: 'nsfw',
  objects: 'objects',
  ocr: 'ocr',
  stt: 'stt',
  fusion: 'fusion',
} as const;

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

/**
 * Expert-level router. Stage one runs what is present and cheap: the text expert on the caption, the
 * image-stats gate and the NSFW classifier on the first frames, voice activity on audio. Stage two
 * adds what stage one's signals ask for: OCR where the text gate fires, the remaining frames and the
 * object detector when a visual score is uncertain (or alt-text is wanted), speech-to-text where speech
 * was found. `dense` mode runs every present expert on every frame (the comparison baseline).
 * Pure and synchronous: it only decides; the classifier runs the tasks and records their cost.
 */
export class ExpertRouter {
  private readonly available: ReadonlySet<string>;
  /** Experts it has no rules of its own for (not in EXPERT_NAMES): routed by what they declare. */
  private readonly plugins: readonly RoutedExpert[];

  /**
   * @param experts the classifier's loaded experts (the registry's, what the bundle lists), or just
   *   their names. An expert whose name the router has no rules for is routed by its declaration: a
   *   `screen` expert runs in stage one on every input it reads (the caption, the frames stage one
   *   examines, each audio track); an `escalation` one in stage two where its `cost.escalateOn` signal
   *   fires (see `EscalationGate`), and in dense mode on every input.
   */
  constructor(
    experts: ReadonlySet<string> | readonly RoutedExpert[],
    private readonly params: RouterParams = DEFAULT_ROUTER_PARAMS,
  ) {
    const list = experts instanceof Set ? [] : (experts as readonly RoutedExpert[]);
    this.available = experts instanceof Set ? experts : new Set(list.map((e) => e.name));
    const known = new Set<string>(Object.values(EXPERT_NAMES));
    this.plugins = list.filter((e) => !known.has(e.name) && !e.partOf);
  }

  has(expert: string): boolean {
    return this.available.has(expert);
  }

  private okMedia(request: InferenceRequest) {
    return request.media.filter((m) => m.status === 'ok');
  }

  /** Stage one for one request. */
  plan(request: InferenceRequest, mode: 'routed' | 'dense'): RoutingPlan {
    const tasks: ExpertTask[] = [];
    const skipped: SkippedExpert[] = [];
    const want = (expert: string, task: Omit<ExpertTask, 'expert'>, missingMediaId?: string): void => {
      if (this.available.has(expert)) tasks.push({ expert, ...task });
      else if (!skipped.some((s) => s.expert === expert && s.media_id === missingMediaId))
        skipped.push({
          expert,
          reason: 'not_in_bundle',
          ...(missingMediaId ? { media_id: missingMediaId } : {}),
        });
    };
    if (request.text.caption.trim().length > 0) {
      want(EXPERT_NAMES.language, { target: { kind: 'caption' }, reason: 'caption_present' });
      want(EXPERT_NAMES.text, { target: { kind: 'caption' }, reason: 'caption_present' });
    } else skipped.push({ expert: EXPERT_NAMES.text, reason: 'no_caption' });
    for (const m of request.media) {
      if (m.status !== 'ok') skipped.push({ expert: '*', media_id: m.media_id, reason: 'media_error' });
    }
    const media = this.okMedia(request);
    const frames = media.filter((m) => m.frames.length > 0);
    if (frames.length === 0) skipped.push({ expert: EXPERT_NAMES.imageStats, reason: 'no_images' });
    for (const m of frames) {
      const count = Math.min(
        m.frames.length,
        mode === 'dense' ? this.params.maxFrames : this.params.initialFrames,
      );
      for (let f = 0; f < count; f++) {
        const target = { kind: 'frame' as const, media_id: m.media_id, frame: f };
        want(
          EXPERT_NAMES.imageStats,
          { target, reason: f === 0 ? 'first_frame' : 'early_frames' },
          m.media_id,
        );
        want(EXPERT_NAMES.nsfw, { target, reason: 'visual_screen' }, m.media_id);
        if (mode === 'dense') {
          want(EXPERT_NAMES.ocr, { target, reason: 'dense' }, m.media_id);
          want(EXPERT_NAMES.objects, { target, reason: 'dense' }, m.media_id);
        }
      }
    }
    const audio = media.filter((m) => m.audio);
    if (audio.length === 0) skipped.push({ expert: EXPERT_NAMES.audioVad, reason: 'no_audio' });
    for (const m of audio) {
      want(
        EXPERT_NAMES.audioVad,
        { target: { kind: 'audio', media_id: m.media_id }, reason: 'audio_present' },
        m.media_id,
      );
      if (mode === 'dense')
        want(
          EXPERT_NAMES.stt,
          { target: { kind: 'audio', media_id: m.media_id }, reason: 'dense' },
          m.media_id,
        );
    }
    tasks.push(...pluginScreenTasks(this.plugins, this.params, request, mode));
    return { tasks, skipped };
  }

  /** Stage two for one request (routed mode; dense mode ran everything in stage one). */
  escalate(request: InferenceRequest, signals: StageOneSignals): RoutingPlan {
    const tasks: ExpertTask[] = [];
    const skipped: SkippedExpert[] = [];
    for (const m of this.okMedia(request)) {
      if (m.frames.length > 0) {
        const gates = signals.textLikelihood.get(m.media_id) ?? new Map<number, number>();
        const visual = signals.visualScore.get(m.media_id);
        const uncertain =
          visual !== undefined && visual >= this.params.uncertainLow && visual <= this.params.uncertainHigh;
        const more = uncertain ? Math.min(m.frames.length, this.params.maxFrames) : 0;
        for (let f = this.params.initialFrames; f < more; f++) {
          const target = { kind: 'frame' as const, media_id: m.media_id, frame: f };
          tasks.push({ expert: EXPERT_NAMES.imageStats, target, reason: 'early_frames_uncertain' });
          if (this.available.has(EXPERT_NAMES.nsfw))
            tasks.push({ expert: EXPERT_NAMES.nsfw, target, reason: 'early_frames_uncertain' });
        }
        if (m.frames.length > this.params.initialFrames && more === 0)
          skipped.push({
            expert: EXPERT_NAMES.imageStats,
            media_id: m.media_id,
            reason: 'early_frames_certain',
          });
        if (!this.available.has(EXPERT_NAMES.ocr))
          skipped.push({ expert: EXPERT_NAMES.ocr, media_id: m.media_id, reason: 'not_in_bundle' });
        else {
          const gated = [...gates].filter(([, p]) => p >= this.params.ocrGate);
          for (const [f] of gated)
            tasks.push({
              expert: EXPERT_NAMES.ocr,
              target: { kind: 'frame', media_id: m.media_id, frame: f },
              reason: 'text_likelihood',
            });
          if (gated.length === 0)
            skipped.push({ expert: EXPERT_NAMES.ocr, media_id: m.media_id, reason: 'no_text_likelihood' });
        }
        if (!this.available.has(EXPERT_NAMES.objects))
          skipped.push({ expert: EXPERT_NAMES.objects, media_id: m.media_id, reason: 'not_in_bundle' });
        else if (uncertain || this.params.altText)
          tasks.push({
            expert: EXPERT_NAMES.objects,
            target: { kind: 'frame', media_id: m.media_id, frame: 0 },
            reason: uncertain ? 'visual_uncertain' : 'alt_text',
          });
        else skipped.push({ expert: EXPERT_NAMES.objects, media_id: m.media_id, reason: 'not_uncertain' });
      }
      if (m.audio) {
        if (!this.available.has(EXPERT_NAMES.stt))
          skipped.push({ expert: EXPERT_NAMES.stt, media_id: m.media_id, reason: 'not_in_bundle' });
        else if (signals.speech.get(m.media_id))
          tasks.push({
            expert: EXPERT_NAMES.stt,
            target: { kind: 'audio', media_id: m.media_id },
            reason: 'speech_detected',
          });
        else skipped.push({ expert: EXPERT_NAMES.stt, media_id: m.media_id, reason: 'no_speech' });
      }
    }
    tasks.push(...pluginEscalationTasks(this.plugins, this.params, request, signals));
    return { tasks, skipped };
  }
}
