import type { InferenceRequest } from '@vigil/contracts';
import { pluginEscalationTasks, pluginScreenTasks } from './router-plugins';
import {
  DEFAULT_ROUTER_PARAMS,
  type ExpertTask,
  type RoutedExpert,
  type RouterParams,
  type RoutingPlan,
  type SkippedExpert,
  type StageOneSignals,
} from './router-types';

export * from './router-types';

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
