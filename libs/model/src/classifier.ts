import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  INFERENCE_SCHEMA_VERSION,
  readBundleManifest,
  resizeKey,
  severityOf,
  type Attribution,
  type BundleManifest,
  type CategoryId,
  type CategoryScore,
  type ErrorDetail,
  type ExpertRun,
  type InferenceRequest,
  type InferenceResult,
  type MediaPayload,
  type MediaResult,
  type Modality,
  type RawImage,
  type ResizeSpec,
} from '@vigil/contracts';
import { composeAltText, type AltTextInput } from './alt-text';
import { SileroVad, type AudioAnalysis } from './audio/vad';
import { coverageOf, imageTextRead, type Channel } from './coverage';
import { FusionModel } from './fusion/fusion-model';
import { FUSION_MODALITIES, type FusionSpec } from './fusion/spec';
import { imageStats, IMAGE_STATS_VARIANT } from './image/image-stats';
import {
  DEFAULT_ROUTER_PARAMS,
  EXPERT_NAMES,
  ExpertRouter,
  type ExpertTask,
  type RouterParams,
  type RoutingPlan,
  type SkippedExpert,
} from './router';
import type { SessionOptions } from './session';
import { SentenceEncoder } from './text/encoder';
import { LanguageIdentifier } from './text/language';
import { TextExpert, type TextAnalysis } from './text/text-expert';

/** What a frame expert contributes to a medium's alt-text (nsfw: drawing; objects: detections; ocr: lines). */
export type FrameAltInput = Pick<AltTextInput, 'drawing' | 'objects' | 'ocr'>;

/**
 * A per-frame expert supplied from outside this package (the image experts: NSFW, objects, OCR). Its
 * features become part of the frame's fusion token when the fusion spec has a token source of its name.
 */
export interface FrameExpert {
  readonly name: string;
  /** The resize variant it reads (ingest produced it). */
  readonly variant: ResizeSpec;
  /**
   * Runs on a batch of frames.
   * @returns per frame: fusion features (the token source's width), an optional visual-category score
   *   0..1 for routing, optional text lines read from the frame (OCR), and optional alt-text inputs.
   */
  run(
    frames: readonly RawImage[],
  ): Promise<{ features?: Float32Array; visualScore?: number; lines?: string[]; alt?: FrameAltInput }[]>;
}

/**
 * What the frame experts (image-stats and every `FrameExpert`) produced for one medium: enough to fuse
 * the medium again without running them. A media cache keeps it by the medium's sha256 (same bytes,
 * same frames) and bundle version.
 */
export interface MediaFrameOutputs {
  /** Frames of the medium when it was examined; a cached entry only applies to a medium with as many. */
  readonly frameCount: number;
  /** Examined frames: index, fusion feature row `[spec.featureDim]` float32, text likelihood 0..1. */
  readonly frames: readonly {
    readonly index: number;
    readonly features: Float32Array;
    readonly textLikelihood?: number;
  }[];
  /** Highest visual-category score over the examined frames, 0..1, when a frame expert gave one. */
  readonly visualScore?: number;
  /** Text lines read from the frames (OCR), in reading order. */
  readonly lines: readonly string[];
  /** Frame experts that ran on it without error. */
  readonly experts: readonly string[];
  /** Alt-text inputs the frame experts gave (each from the earliest frame it examined). */
  readonly alt?: FrameAltInput;
  /** Stage-two routing decisions about it (e.g. `ocr` skipped for `no_text_likelihood`). */
  readonly skipped: readonly SkippedExpert[];
}

/** Per-call options of `VigilClassifier.classify`. */
export interface ClassifyOptions {
  /**
   * Frame-expert outputs of media seen before, by sha256. A medium found here (status `ok`, same frame
   * count) skips the frame experts: its outputs are fused as they are, its experts are reported skipped
   * with `cache_hit`, and its media result says `cached: true`.
   */
  readonly cachedMedia?: ReadonlyMap<string, MediaFrameOutputs>;
  /**
   * Receives the frame-expert outputs of each medium with a sha256 that was examined in this call
   * without any frame-expert error (what a cache should keep).
   */
  readonly onMediaOutputs?: (sha256: string, outputs: MediaFrameOutputs) => void;
  /** Called once per expert call (for metrics): items in it, wall time ms, whether it failed for any item. */
  readonly onExpertCall?: (call: { expert: string; items: number; ms: number; failed: boolean }) => void;
  /**
   * Media to route away from the frame experts, by request id → media ids (e.g. media that matched a hash
   * bank): no frame expert reads them, and each expert the router would have run on them is reported
   * skipped with `hash_match`.
   */
  readonly routedAway?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Receives each request's fusion tokens (modality, feature row `[spec.featureDim]`) just before fusion
   * runs: training reads its features through this, so it sees exactly what serving fuses.
   */
  readonly onFusionTokens?: (
    request: number,
    tokens: readonly { modality: Modality; features: Float32Array }[],
  ) => void;
}

export interface ClassifierOptions {
  readonly session: SessionOptions;
  /** `contrib` uses com.microsoft::MoE; `plain` the standard-operator fallback graph. */
  readonly moe?: 'contrib' | 'plain';
  readonly router?: Partial<RouterParams>;
  readonly frameExperts?: readonly FrameExpert[];
}

/** One fusion token while a batch is assembled. */
interface PendingToken {
  readonly request: number;
  readonly modality: Modality;
  readonly features: Float32Array;
  readonly media_id?: string;
  readonly timestamp_ms?: number;
  readonly text?: string;
}

interface RequestState {
  readonly runs: Map<string, { ms: number; batch: number; items: number; error?: ErrorDetail }>;
  readonly skipped: SkippedExpert[];
  readonly errors: ErrorDetail[];
  caption?: TextAnalysis;
  readonly audio: Map<string, AudioAnalysis>;
  readonly frameStats: Map<string, Map<number, Float32Array>>;
  readonly textLikelihood: Map<string, Map<number, number>>;
  readonly visualScore: Map<string, number>;
  /** Frame experts whose outputs came from the media cache for some medium of this request. */
  readonly cachedExperts: Set<string>;
  readonly channels: Set<Channel>;
  readonly assessed: Map<Channel, Set<CategoryId>>;
}

function frameModality(m: MediaPayload): Modality {
  return m.kind === 'image' ? 'image' : 'video_frames';
}

/**
 * Vigil's classifier core: router → experts → fusion → calibrated scores with attribution, for a batch
 * of inference requests. Experts run batched across the requests of one call; each result records which
 * experts ran, why others were skipped, and the milliseconds each cost (a batched run's time is shared
 * among the requests in proportion to their items).
 * Loading reads everything through the bundle manifest.
 */
export class VigilClassifier {
  private constructor(
    readonly manifest: BundleManifest,
    private readonly router: ExpertRouter,
    private readonly text: TextExpert | undefined,
    private readonly languageExpert: boolean,
    private readonly vad: SileroVad | undefined,
    private readonly imageStatsExpert: boolean,
    private readonly frameExperts: readonly FrameExpert[],
    private readonly fusion: FusionModel,
    /** Execution provider every session of this classifier runs on. */
    readonly provider: 'cpu' | 'cuda',
    /** Whether media results carry alt-text (the router's `altText`). */
    private readonly altText: boolean,
  ) {}

  /**
   * @throws BundleManifestError when the bundle has no valid manifest, Error when a listed file cannot
   *   be loaded, or when the bundle has no `fusion` expert.
   */
  static async load(bundleDir: string, options: ClassifierOptions): Promise<VigilClassifier> {
    const manifest = readBundleManifest(bundleDir);
    const entry = (name: string) => manifest.experts.find((e) => e.name === name);
    const file = (name: string, role: string): string => join(bundleDir, entry(name)!.files[role]!);
    const fusionEntry = entry(EXPERT_NAMES.fusion);
    if (!fusionEntry) throw new Error(`bundle ${manifest.name} has no fusion expert`);
    const spec = fusionEntry.params.spec as FusionSpec;
    const textEntry = entry(EXPERT_NAMES.text);
    const languages = entry(EXPERT_NAMES.language)
      ? await LanguageIdentifier.load(file(EXPERT_NAMES.language, 'model'))
      : await LanguageIdentifier.load();
    const text = textEntry
      ? new TextExpert(
          await SentenceEncoder.load(
            file('text', 'model'),
            file('text', 'tokenizer'),
            Number(textEntry.params.embedding_dim),
            options.session,
          ),
          languages,
        )
      : undefined;
    const vad = entry(EXPERT_NAMES.audioVad)
      ? await SileroVad.load(file(EXPERT_NAMES.audioVad, 'model'), options.session)
      : undefined;
    const fusion = await FusionModel.load(
      file(EXPERT_NAMES.fusion, options.moe === 'plain' ? 'fallback' : 'model'),
      spec,
      options.session,
    );
    const frameExperts = options.frameExperts ?? [];
    // Runnable experts: those this class loads itself, plus the frame experts supplied. A manifest entry
    // with no runner here (an image expert not passed in `frameExperts`) is treated as absent.
    const builtIn = new Set<string>([
      EXPERT_NAMES.text,
      EXPERT_NAMES.language,
      EXPERT_NAMES.audioVad,
      EXPERT_NAMES.imageStats,
      EXPERT_NAMES.fusion,
    ]);
    const available = new Set([
      ...manifest.experts.map((e) => e.name).filter((name) => builtIn.has(name)),
      ...frameExperts.map((f) => f.name),
    ]);
    const routerParams = { ...DEFAULT_ROUTER_PARAMS, ...options.router };
    return new VigilClassifier(
      manifest,
      new ExpertRouter(available, routerParams),
      text,
      !!entry(EXPERT_NAMES.language),
      vad,
      !!entry(EXPERT_NAMES.imageStats),
      frameExperts,
      fusion,
      options.session.provider,
      routerParams.altText,
    );
  }

  get spec(): FusionSpec {
    return this.fusion.spec;
  }

  /**
   * Categories fusion was trained on: scores are reported for these whatever the post's coverage
   * (coverage says separately whether every part of the post was assessed).
   */
  private get fusionInforms(): Set<CategoryId> {
    return new Set(this.manifest.experts.find((e) => e.name === EXPERT_NAMES.fusion)?.informs ?? []);
  }

  /** Categories the text expert informs (what fusion learned to read from text). */
  private get textInforms(): Set<CategoryId> {
    return new Set(this.manifest.experts.find((e) => e.name === EXPERT_NAMES.text)?.informs ?? []);
  }

  /**
   * Classifies a batch of requests.
   * @param mode `routed` (the router decides) or `dense` (every present expert on every frame).
   * @param options media-cache hooks (see `ClassifyOptions`).
   * @returns one InferenceResult per request, in order. Expert failures are recorded per request
   *   (`EXPERT_FAILED`); a request where nothing could be assessed gets status `error`. A batched
   *   expert call that throws is recorded against every request in it (callers that want batch-mates
   *   isolated rerun the failed requests alone); image-stats fails only the frames it cannot read.
   */
  async classify(
    requests: readonly InferenceRequest[],
    mode: 'routed' | 'dense' = 'routed',
    options: ClassifyOptions = {},
  ): Promise<InferenceResult[]> {
    const started = performance.now();
    const states: RequestState[] = requests.map(() => ({
      runs: new Map(),
      skipped: [],
      errors: [],
      audio: new Map(),
      frameStats: new Map(),
      textLikelihood: new Map(),
      visualScore: new Map(),
      cachedExperts: new Set(),
      channels: new Set(),
      assessed: new Map(),
    }));
    const assess = (s: RequestState, ch: Channel, cats: Iterable<CategoryId>): void => {
      const set = s.assessed.get(ch) ?? new Set<CategoryId>();
      for (const c of cats) set.add(c);
      s.assessed.set(ch, set);
    };
    const tokens: PendingToken[] = [];
    const frameTokens = new Map<string, Float32Array>(); // `${request}|${media}|${frame}` → features row
    // Per medium, keyed `${request}|${media}`: OCR lines, frame experts that ran, frame-expert failures.
    const mediaLines = new Map<string, string[]>();
    const mediaExperts = new Map<string, Set<string>>();
    const mediaFailed = new Set<string>();
    // Per medium: alt-text inputs, each field from the earliest frame that gave it.
    const mediaAlt = new Map<string, { alt: FrameAltInput; frames: Map<keyof FrameAltInput, number> }>();
    const addAlt = (key: string, frame: number, alt: FrameAltInput): void => {
      const entry = mediaAlt.get(key) ?? { alt: {}, frames: new Map<keyof FrameAltInput, number>() };
      const merged: { -readonly [K in keyof FrameAltInput]: FrameAltInput[K] } = { ...entry.alt };
      for (const field of ['drawing', 'objects', 'ocr'] as const) {
        if (alt[field] === undefined || (entry.frames.get(field) ?? Infinity) <= frame) continue;
        (merged as Record<string, unknown>)[field] = alt[field];
        entry.frames.set(field, frame);
      }
      mediaAlt.set(key, { alt: merged, frames: entry.frames });
    };
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
    const onCachedMedium = (i: number, t: ExpertTask) =>
      t.target.kind === 'frame' && cached.has(`${i}|${t.target.media_id}`);
    const routedAway = (i: number, t: ExpertTask) =>
      t.target.kind === 'frame' &&
      options.routedAway?.get(requests[i]!.request_id)?.has(t.target.media_id) === true;
    /**
     * Drops routed-away tasks and records each expert once per routed-away medium as skipped with
     * `hash_match`: the router's own skip reasons for such a medium (no gate fired, not uncertain) are
     * replaced, since the medium never reached the experts that would have produced those signals.
     */
    const routeAway = (i: number, plan: RoutingPlan): RoutingPlan => {
      const awayIds = options.routedAway?.get(requests[i]!.request_id);
      if (!awayIds || awayIds.size === 0) return plan;
      const isAway = (mediaId: string | undefined) => mediaId !== undefined && awayIds.has(mediaId);
      const byExpert = new Map<string, SkippedExpert>();
      const keep: SkippedExpert[] = [];
      for (const s of plan.skipped) {
        if (isAway(s.media_id) && s.reason !== 'not_in_bundle')
          byExpert.set(`${s.expert}|${s.media_id}`, { ...s, reason: 'hash_match' });
        else keep.push(s);
      }
      for (const t of plan.tasks.filter((x) => routedAway(i, x))) {
        const mediaId = (t.target as { media_id: string }).media_id;
        byExpert.set(`${t.expert}|${mediaId}`, { expert: t.expert, media_id: mediaId, reason: 'hash_match' });
      }
      return { tasks: plan.tasks.filter((t) => !routedAway(i, t)), skipped: [...keep, ...byExpert.values()] };
    };
    const plans = requests.map((r, i) => {
      const plan = routeAway(i, this.router.plan(r, mode));
      return { tasks: plan.tasks.filter((t) => !onCachedMedium(i, t)), skipped: plan.skipped };
    });
    plans.forEach((p, i) => states[i]!.skipped.push(...p.skipped));
    // Cached media: their frame tokens, gates and lines as the frame experts left them.
    for (const [key, out] of cached) {
      const i = Number(key.slice(0, key.indexOf('|')));
      const mediaId = key.slice(key.indexOf('|') + 1);
      const s = states[i]!;
      const gates = new Map<number, number>();
      for (const f of out.frames) {
        frameTokens.set(`${key}|${f.index}`, Float32Array.from(f.features));
        if (f.textLikelihood !== undefined) gates.set(f.index, f.textLikelihood);
      }
      s.textLikelihood.set(mediaId, gates);
      if (out.visualScore !== undefined) s.visualScore.set(mediaId, out.visualScore);
      mediaLines.set(key, [...out.lines]);
      if (out.alt) addAlt(key, -1, out.alt);
      for (const expert of out.experts) {
        s.cachedExperts.add(expert);
        s.skipped.push({ expert, media_id: mediaId, reason: 'cache_hit' });
      }
    }

    /** Records one expert call; `error` applies to every request in it, or per request from a map. */
    const record = (
      expert: string,
      perRequest: Map<number, number>,
      ms: number,
      errors?: ErrorDetail | ReadonlyMap<number, ErrorDetail>,
    ): void => {
      const total = [...perRequest.values()].reduce((a, b) => a + b, 0);
      options.onExpertCall?.({
        expert,
        items: total,
        ms,
        failed: errors instanceof Map ? errors.size > 0 : errors !== undefined,
      });
      for (const [i, items] of perRequest) {
        const prev = states[i]!.runs.get(expert);
        const error = errors instanceof Map ? errors.get(i) : (errors as ErrorDetail | undefined);
        states[i]!.runs.set(expert, {
          ms: (prev?.ms ?? 0) + (ms * items) / Math.max(total, 1),
          batch: total,
          items: (prev?.items ?? 0) + items,
          ...(error ? { error: { ...error, expert } } : {}),
        });
        if (error) states[i]!.errors.push({ ...error, expert });
      }
    };
    const timed = async <T>(
      fn: () => Promise<T>,
    ): Promise<{ value?: T; ms: number; error?: ErrorDetail }> => {
      const t0 = performance.now();
      try {
        const value = await fn();
        return { value, ms: performance.now() - t0 };
      } catch (error) {
        return {
          ms: performance.now() - t0,
          error: { code: 'EXPERT_FAILED', message: (error as Error).message },
        };
      }
    };
    const featureRow = (source: string, features: Float32Array): Float32Array | undefined => {
      const ts = this.spec.tokenSources.find((s) => s.expert === source);
      if (!ts) return undefined;
      const row = new Float32Array(this.spec.featureDim);
      row.set(features.subarray(0, ts.dim), ts.offset);
      return row;
    };
    const tasksOf = (expert: string, stagePlans: readonly { tasks: readonly ExpertTask[] }[]) =>
      stagePlans.flatMap((p, i) => p.tasks.filter((t) => t.expert === expert).map((t) => ({ i, t })));

    // Channels present.
    requests.forEach((r, i) => {
      const s = states[i]!;
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

    // Text on captions.
    const captionTasks = tasksOf(EXPERT_NAMES.text, plans);
    if (this.text && captionTasks.length > 0) {
      const texts = captionTasks.map(({ i }) => requests[i]!.text.caption);
      const r = await timed(() => this.text!.analyze(texts));
      const per = new Map(captionTasks.map(({ i }) => [i, 1]));
      record(EXPERT_NAMES.text, per, r.ms, r.error);
      if (this.languageExpert) record(EXPERT_NAMES.language, per, 0, r.error);
      r.value?.forEach((a, j) => {
        const i = captionTasks[j]!.i;
        states[i]!.caption = a;
        assess(states[i]!, 'caption', this.textInforms);
        const row = featureRow(EXPERT_NAMES.text, a.features);
        if (row)
          tokens.push({ request: i, modality: 'caption', features: row, text: requests[i]!.text.caption });
      });
    }

    // Frames: image-stats and external frame experts, stage one then stage two.
    const runFrames = async (stagePlans: readonly { tasks: readonly ExpertTask[] }[]): Promise<void> => {
      const ran = (i: number, mediaId: string, expert: string) => {
        const key = `${i}|${mediaId}`;
        mediaExperts.set(key, (mediaExperts.get(key) ?? new Set()).add(expert));
      };
      const frameOf = (i: number, t: ExpertTask) => {
        if (t.target.kind !== 'frame') return undefined;
        const { media_id, frame } = t.target;
        const m = requests[i]!.media.find((x) => x.media_id === media_id);
        return m ? { m, frame: m.frames[frame]!, index: frame } : undefined;
      };
      const statsTasks = this.imageStatsExpert ? tasksOf(EXPERT_NAMES.imageStats, stagePlans) : [];
      if (statsTasks.length > 0) {
        // Per frame (plain code, nothing to batch): a frame it cannot read fails its own request only.
        const per = new Map<number, number>();
        const failed = new Map<number, ErrorDetail>();
        const t0 = performance.now();
        const computed = statsTasks.flatMap(({ i, t }) => {
          per.set(i, (per.get(i) ?? 0) + 1);
          const f = frameOf(i, t);
          try {
            const v = f?.frame.variants[resizeKey(IMAGE_STATS_VARIANT)];
            if (!f || !v)
              throw new Error(
                `image-stats: frame ${t.target.kind === 'frame' ? t.target.frame : '?'} lacks variant ${resizeKey(IMAGE_STATS_VARIANT)}`,
              );
            return [{ i, f, stats: imageStats(v) }];
          } catch (error) {
            failed.set(i, { code: 'EXPERT_FAILED', message: (error as Error).message });
            if (t.target.kind === 'frame') mediaFailed.add(`${i}|${t.target.media_id}`);
            return [];
          }
        });
        record(EXPERT_NAMES.imageStats, per, performance.now() - t0, failed);
        for (const { i, f, stats } of computed) {
          ran(i, f.m.media_id, EXPERT_NAMES.imageStats);
          const s = states[i]!;
          const gates = s.textLikelihood.get(f.m.media_id) ?? new Map<number, number>();
          gates.set(f.index, stats.textLikelihood);
          s.textLikelihood.set(f.m.media_id, gates);
          const row =
            frameTokens.get(`${i}|${f.m.media_id}|${f.index}`) ??
            featureRow(EXPERT_NAMES.imageStats, stats.features);
          if (row) {
            const ts = this.spec.tokenSources.find((x) => x.expert === EXPERT_NAMES.imageStats)!;
            row.set(stats.features, ts.offset);
            frameTokens.set(`${i}|${f.m.media_id}|${f.index}`, row);
          }
        }
      }
      for (const expert of this.frameExperts) {
        const list = tasksOf(expert.name, stagePlans);
        if (list.length === 0) continue;
        const per = new Map<number, number>();
        const items = list.map(({ i, t }) => {
          per.set(i, (per.get(i) ?? 0) + 1);
          return { i, f: frameOf(i, t)! };
        });
        const r = await timed(() =>
          expert.run(items.map(({ f }) => f.frame.variants[resizeKey(expert.variant)]!)),
        );
        record(expert.name, per, r.ms, r.error);
        if (r.error) for (const { i, f } of items) mediaFailed.add(`${i}|${f.m.media_id}`);
        r.value?.forEach((out, j) => {
          const { i, f } = items[j]!;
          ran(i, f.m.media_id, expert.name);
          const key = `${i}|${f.m.media_id}|${f.index}`;
          if (out.features) {
            const ts = this.spec.tokenSources.find((x) => x.expert === expert.name);
            if (ts) {
              const row = frameTokens.get(key) ?? new Float32Array(this.spec.featureDim);
              row.set(out.features.subarray(0, ts.dim), ts.offset);
              frameTokens.set(key, row);
            }
          }
          if (out.visualScore !== undefined)
            states[i]!.visualScore.set(
              f.m.media_id,
              Math.max(states[i]!.visualScore.get(f.m.media_id) ?? 0, out.visualScore),
            );
          if (out.alt) addAlt(`${i}|${f.m.media_id}`, f.index, out.alt);
          if (out.lines?.length) {
            const mediaKey = `${i}|${f.m.media_id}`;
            mediaLines.set(mediaKey, [...(mediaLines.get(mediaKey) ?? []), ...out.lines]);
          }
        });
      }
    };
    await runFrames(plans);

    // Audio: voice activity.
    const audioTasks = tasksOf(EXPERT_NAMES.audioVad, plans);
    if (this.vad && audioTasks.length > 0) {
      const items = audioTasks.map(({ i, t }) => ({
        i,
        m: requests[i]!.media.find((x) => t.target.kind === 'audio' && x.media_id === t.target.media_id)!,
      }));
      const r = await timed(() => this.vad!.analyze(items.map(({ m }) => m.audio!.pcm_s16le)));
      const per = new Map<number, number>();
      items.forEach(({ i }) => per.set(i, (per.get(i) ?? 0) + 1));
      record(EXPERT_NAMES.audioVad, per, r.ms, r.error);
      r.value?.forEach((a, j) => {
        const { i, m } = items[j]!;
        states[i]!.audio.set(m.media_id, a);
        // No speech: the speech channel is empty, so every text category is covered there.
        if (a.segments.length === 0) assess(states[i]!, 'speech', this.textInforms);
        const row = featureRow(EXPERT_NAMES.audioVad, a.features);
        if (row)
          tokens.push({
            request: i,
            modality: 'audio',
            features: row,
            media_id: m.media_id,
            ...(a.segments[0] ? { timestamp_ms: a.segments[0].start_ms } : {}),
          });
      });
    }

    // Stage two (routed): more frames, OCR, objects, speech-to-text. Cached media keep the decisions
    // made when they were first examined.
    let stage2: RoutingPlan[] = [];
    if (mode === 'routed') {
      stage2 = requests.map((r, i) => {
        const plan = this.router.escalate(r, {
          textLikelihood: states[i]!.textLikelihood,
          visualScore: states[i]!.visualScore,
          speech: new Map([...states[i]!.audio].map(([k, a]) => [k, a.segments.length > 0])),
        });
        const onCached = (mediaId?: string) => mediaId !== undefined && cached.has(`${i}|${mediaId}`);
        return {
          tasks: plan.tasks.filter((t) => !onCachedMedium(i, t)),
          skipped: [
            ...plan.skipped.filter((k) => !onCached(k.media_id)),
            ...r.media.flatMap((m) => cached.get(`${i}|${m.media_id}`)?.skipped ?? []),
          ],
        };
      });
      stage2 = stage2.map((p, i) => routeAway(i, p));
      stage2.forEach((p, i) => states[i]!.skipped.push(...p.skipped));
      await runFrames(stage2);
    }

    // Text in images (OCR lines, media in post order) through the text expert.
    const ocrItems = requests.flatMap((r, i) => {
      const read = r.media.filter((m) => mediaLines.get(`${i}|${m.media_id}`)?.length);
      const lines = read.flatMap((m) => mediaLines.get(`${i}|${m.media_id}`)!);
      // The token names its medium when the text came from one.
      const media_id = read.length === 1 ? read[0]!.media_id : undefined;
      return lines.length > 0 ? [{ i, text: lines.join('\n'), media_id }] : [];
    });
    const ocrScored = new Set<number>();
    if (this.text && ocrItems.length > 0) {
      const r = await timed(() => this.text!.analyze(ocrItems.map((o) => o.text)));
      record(EXPERT_NAMES.text, new Map(ocrItems.map(({ i }) => [i, 1])), r.ms, r.error);
      r.value?.forEach((a, j) => {
        const { i, text, media_id } = ocrItems[j]!;
        ocrScored.add(i);
        const row = featureRow(EXPERT_NAMES.text, a.features);
        if (row)
          tokens.push({
            request: i,
            modality: 'image_text',
            features: row,
            text,
            ...(media_id ? { media_id } : {}),
          });
      });
    }
    requests.forEach((r, i) => {
      // image_text is assessed when each image's text was read or ruled out, and what was read, scored.
      const key = (m: MediaPayload) => `${i}|${m.media_id}`;
      const ran = (m: MediaPayload) => [
        ...(mediaExperts.get(key(m)) ?? []),
        ...(cached.get(key(m))?.experts ?? []),
      ];
      const read = (m: MediaPayload) => imageTextRead(m.media_id, ran(m), states[i]!.skipped);
      const media = r.media.filter((m) => m.status === 'ok' && m.frames.length > 0);
      if (media.every(read) && (ocrScored.has(i) || !ocrItems.some((o) => o.i === i)))
        assess(states[i]!, 'image_text', this.textInforms);
    });
    // Frame tokens in a stable order.
    for (const [key, row] of [...frameTokens].sort(([a], [b]) =>
      a.localeCompare(b, 'en', { numeric: true }),
    )) {
      // `${request}|${media}|${frame}`; a media id may itself contain `|`.
      const i = Number(key.slice(0, key.indexOf('|')));
      const mediaId = key.slice(key.indexOf('|') + 1, key.lastIndexOf('|'));
      const frame = key.slice(key.lastIndexOf('|') + 1);
      const m = requests[i]!.media.find((x) => x.media_id === mediaId)!;
      tokens.push({
        request: i,
        modality: frameModality(m),
        features: row,
        media_id: mediaId,
        timestamp_ms: m.frames[Number(frame)]!.timestamp_ms,
      });
    }
    // Visual categories: whatever the frame experts inform.
    for (const expert of this.frameExperts) {
      const informs = this.manifest.experts.find((e) => e.name === expert.name)?.informs ?? [];
      states.forEach((s) => {
        if (s.runs.has(expert.name) || s.cachedExperts.has(expert.name)) assess(s, 'visual', informs);
      });
    }
    // What the frame experts produced per examined medium, for a media cache.
    const onMediaOutputs = options.onMediaOutputs;
    if (onMediaOutputs)
      requests.forEach((r, i) => {
        for (const m of r.media) {
          const key = `${i}|${m.media_id}`;
          if (!m.sha256 || m.status !== 'ok' || cached.has(key) || mediaFailed.has(key)) continue;
          const experts = mediaExperts.get(key);
          if (!experts) continue;
          const gates = states[i]!.textLikelihood.get(m.media_id);
          const visualScore = states[i]!.visualScore.get(m.media_id);
          onMediaOutputs(m.sha256, {
            frameCount: m.frames.length,
            frames: [...frameTokens]
              .filter(([k]) => k.startsWith(`${key}|`))
              .map(([k, features]) => {
                const index = Number(k.slice(key.length + 1));
                const textLikelihood = gates?.get(index);
                return { index, features, ...(textLikelihood !== undefined ? { textLikelihood } : {}) };
              }),
            ...(visualScore !== undefined ? { visualScore } : {}),
            lines: mediaLines.get(key) ?? [],
            experts: [...experts],
            ...(mediaAlt.has(key) ? { alt: mediaAlt.get(key)!.alt } : {}),
            skipped: (stage2[i]?.skipped ?? []).filter((k) => k.media_id === m.media_id),
          });
        }
      });

    if (options.onFusionTokens)
      requests.forEach((_, i) =>
        options.onFusionTokens!(
          i,
          tokens.filter((t) => t.request === i).map(({ modality, features }) => ({ modality, features })),
        ),
      );
    // Fusion: one run per request, with its leave-one-modality-out and leave-one-token-out rows. Pooling
    // sums over the run's tokens, so a shared run would make a post's scores depend on its batch-mates.
    const results = new Map<number, { scores: Float32Array; attribution: Attribution[][] }>();
    const fusionErrors = new Map<number, ErrorDetail>();
    let fusionMs = 0;
    for (const i of requests.keys()) {
      const own = tokens.filter((t) => t.request === i);
      if (own.length === 0) continue;
      const fused = await this.fuse(requests, own);
      fusionMs += fused.ms;
      fused.results.forEach((v, k) => results.set(k, v));
      if (fused.error) fusionErrors.set(i, fused.error);
    }
    const fusionPer = new Map(requests.map((_, i) => [i, tokens.some((t) => t.request === i) ? 1 : 0]));
    record(EXPERT_NAMES.fusion, new Map([...fusionPer].filter(([, n]) => n > 0)), fusionMs, fusionErrors);

    const classifierMs = performance.now() - started;
    return requests.map((req, i) => {
      const s = states[i]!;
      const coverage = coverageOf(s.channels, s.assessed);
      const scored = results.get(i);
      const scores: CategoryScore[] = scored
        ? this.spec.categories
            .map((category, c) => ({
              category,
              score: scored.scores[c]!,
              severity: severityOf(scored.scores[c]!),
              attribution: scored.attribution[c]!,
            }))
            .filter((x) => this.fusionInforms.has(x.category))
        : [];
      const experts: ExpertRun[] = [
        ...[...s.runs].map(([expert, r]) => ({
          expert,
          ran: !r.error,
          ms: Math.round(r.ms * 1000) / 1000,
          batch_size: r.batch,
          ...(r.error ? { error: r.error } : {}),
        })),
        ...dedupeSkipped(s.skipped)
          .filter((k) => !s.runs.has(k.expert) && k.expert !== '*')
          .map((k) => ({ expert: k.expert, ran: false, skipped_reason: k.reason, ms: 0 })),
      ];
      const media: MediaResult[] = req.media.map((m) => ({
        media_id: m.media_id,
        kind: m.kind,
        status: m.status,
        ...(m.error ? { error: m.error } : {}),
        ...(m.sha256 ? { sha256: m.sha256 } : {}),
        ...(s.audio.get(m.media_id) ? { speech: [...s.audio.get(m.media_id)!.segments] } : {}),
        ...(cached.has(`${i}|${m.media_id}`) ? { cached: true } : {}),
        ...(this.altText ? this.altTextOf(m, mediaAlt.get(`${i}|${m.media_id}`)?.alt, s, scored) : {}),
        ...(m.frames.some((f) => f.pdq)
          ? {
              pdq: m.frames
                .filter((f) => f.pdq)
                .map((f) => ({ hash: f.pdq!.hash, quality: f.pdq!.quality, timestamp_ms: f.timestamp_ms })),
            }
          : {}),
      }));
      const expertsMs = [...s.runs]
        .filter(([k]) => k !== EXPERT_NAMES.fusion)
        .reduce((a, [, r]) => a + r.ms, 0);
      // Media ingest could not fetch or decode are errors of the result (and so of the verdict, where
      // the policy's `errors` rules see them). Nothing was assessed when fusion gave no scores, or when
      // every medium failed and there was no caption to read instead.
      const mediaErrors = req.media.flatMap((m) => (m.error ? [{ ...m.error, media_id: m.media_id }] : []));
      const errors = [...req.errors, ...mediaErrors, ...s.errors];
      const allMediaFailed = req.media.length > 0 && mediaErrors.length === req.media.length;
      const anyAssessed = scored !== undefined && !(allMediaFailed && req.text.caption.trim() === '');
      return {
        schema_version: INFERENCE_SCHEMA_VERSION,
        request_id: req.request_id,
        tenant_id: req.tenant_id,
        post_id: req.post_id,
        revision: req.revision,
        trace_id: req.trace_id,
        ...(req.traceparent ? { traceparent: req.traceparent } : {}),
        received_at: req.received_at,
        created_at: req.created_at,
        priority: req.priority,
        status: anyAssessed || errors.length === 0 ? 'ok' : 'error',
        errors,
        caption: {
          text: req.text.caption,
          ...(s.caption ? { lang: s.caption.lang, lang_confidence: s.caption.langConfidence } : {}),
        },
        scores,
        coverage,
        media,
        hash_matches: [],
        experts,
        bundle: { name: this.manifest.name, version: this.manifest.version },
        provider: this.provider,
        routing: mode,
        timings: {
          ...req.timings,
          experts_ms: expertsMs,
          fusion_ms: s.runs.get(EXPERT_NAMES.fusion)?.ms ?? 0,
          classifier_ms: classifierMs,
        },
        ...(req.callback ? { callback: req.callback } : {}),
      } satisfies InferenceResult;
    });
  }

  /**
   * Alt-text of one image, GIF or video from what its frame experts gave (see `composeAltText`), or
   * nothing for audio, failed media and media no frame expert examined (e.g. routed away on a hash
   * match). Described neutrally when the medium's sexual score (nsfw) or the post's fused `sexual` or
   * `violence/graphic` score is at least 0.5.
   */
  private altTextOf(
    m: MediaPayload,
    alt: FrameAltInput | undefined,
    s: RequestState,
    scored: { scores: Float32Array } | undefined,
  ): Pick<MediaResult, 'alt_text'> {
    if (!alt || m.kind === 'audio' || m.status !== 'ok') return {};
    const fused = (c: CategoryId) => {
      const k = this.spec.categories.indexOf(c);
      return scored && k >= 0 && this.fusionInforms.has(c) ? scored.scores[k]! : 0;
    };
    const { text, decorative, confidence } = composeAltText({
      ...alt,
      medium: m.kind,
      flagged: {
        sexual: (s.visualScore.get(m.media_id) ?? 0) >= 0.5 || fused('sexual') >= 0.5,
        graphic: fused('violence/graphic') >= 0.5,
      },
    });
    return { alt_text: { text, decorative, confidence: Math.round(confidence * 1e4) / 1e4 } };
  }

  /**
   * Runs fusion once for all requests. Rows per request: all tokens; then for each modality present
   * (when more than one) all tokens but that modality's; then, inside a modality with several tokens,
   * all tokens but one. Attribution weight of a modality = its score drop, normalised over modalities.
   */
  private async fuse(
    requests: readonly InferenceRequest[],
    tokens: readonly PendingToken[],
  ): Promise<{
    results: Map<number, { scores: Float32Array; attribution: Attribution[][] }>;
    ms: number;
    error?: ErrorDetail;
  }> {
    const t0 = performance.now();
    const results = new Map<number, { scores: Float32Array; attribution: Attribution[][] }>();
    if (tokens.length === 0) return { results, ms: 0 };
    const F = this.spec.featureDim;
    const M = FUSION_MODALITIES.length;
    const C = this.spec.categories.length;
    const N = tokens.length;
    interface Row {
      request: number;
      members: number[];
      without?: { modality: Modality; token?: number };
    }
    const rows: Row[] = [];
    requests.forEach((_, i) => {
      const own = tokens.map((t, n) => ({ t, n })).filter(({ t }) => t.request === i);
      if (own.length === 0) return;
      rows.push({ request: i, members: own.map(({ n }) => n) });
      const modalities = [...new Set(own.map(({ t }) => t.modality))];
      for (const m of modalities) {
        const inM = own.filter(({ t }) => t.modality === m);
        if (modalities.length > 1)
          rows.push({
            request: i,
            members: own.filter(({ t }) => t.modality !== m).map(({ n }) => n),
            without: { modality: m },
          });
        if (inM.length > 1)
          for (const { n } of inM)
            rows.push({
              request: i,
              members: own.filter((x) => x.n !== n).map((x) => x.n),
              without: { modality: m, token: n },
            });
      }
    });
    const features = new Float32Array(N * F);
    const modality = new Float32Array(N * M);
    tokens.forEach((t, n) => {
      features.set(t.features, n * F);
      modality[n * M + FUSION_MODALITIES.indexOf(t.modality)] = 1;
    });
    const pool = new Float32Array(rows.length * N);
    rows.forEach((r, b) => r.members.forEach((n) => (pool[b * N + n] = 1)));
    let out;
    try {
      out = await this.fusion.run({ tokens: N, rows: rows.length, features, modality, pool });
    } catch (error) {
      return {
        results,
        ms: performance.now() - t0,
        error: { code: 'EXPERT_FAILED', message: (error as Error).message },
      };
    }
    const score = (b: number, c: number) => out.scores[b * C + c]!;
    rows.forEach((r, b) => {
      if (r.without) return;
      const scores = out.scores.slice(b * C, (b + 1) * C);
      const own = rows.map((x, j) => ({ x, j })).filter(({ x }) => x.request === r.request && x.without);
      const attribution: Attribution[][] = [];
      for (let c = 0; c < C; c++) {
        const full = score(b, c);
        const present = [...new Set(r.members.map((n) => tokens[n]!.modality))];
        const drops = present.map((m) => {
          const row = own.find(({ x }) => x.without!.modality === m && x.without!.token === undefined);
          return { m, drop: row ? Math.max(0, full - score(row.j, c)) : full };
        });
        const total = drops.reduce((a, d) => a + d.drop, 0);
        attribution.push(
          drops
            .filter((d) => d.drop > 0 && total > 0)
            .map((d) => {
              // The token inside the modality whose removal drops the score most.
              const candidates = own.filter(
                ({ x }) => x.without!.modality === d.m && x.without!.token !== undefined,
              );
              const top = candidates.sort((p, q) => score(p.j, c) - score(q.j, c))[0];
              const n = top ? top.x.without!.token! : r.members.find((k) => tokens[k]!.modality === d.m)!;
              const t = tokens[n]!;
              return {
                modality: d.m,
                ...(t.media_id ? { media_id: t.media_id } : {}),
                ...(t.timestamp_ms !== undefined ? { timestamp_ms: t.timestamp_ms } : {}),
                ...(t.text && d.m === 'image_text' ? { text: t.text.slice(0, 500) } : {}),
                weight: Math.round((d.drop / total) * 1e4) / 1e4,
              };
            })
            .sort((p, q) => q.weight - p.weight),
        );
      }
      results.set(r.request, { scores, attribution });
    });
    return { results, ms: performance.now() - t0 };
  }
}

function dedupeSkipped(list: readonly SkippedExpert[]): SkippedExpert[] {
  // One entry per expert (the first reason): a result lists each expert once, and moderation stores it
  // under (post, revision, expert). An expert skipped for two reasons (a cached medium and another one)
  // used to appear twice, and the duplicate row failed the result's transaction on every redelivery.
  const seen = new Set<string>();
  return list.filter((s) => {
    if (seen.has(s.expert)) return false;
    seen.add(s.expert);
    return true;
  });
}
