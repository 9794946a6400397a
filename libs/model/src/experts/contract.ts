import type {
  BundleManifest,
  CategoryId,
  ExpertEntry,
  Modality,
  RawImage,
  ResizeSpec,
} from '@vigil/contracts';
import type { AltTextInput } from '../alt-text';
import type { SpeechSegment } from '../audio/vad';
import type { FusionOutputs } from '../fusion/fusion-model';
import type { FusionInputs } from '../fusion/reference';
import type { SessionOptions } from '../session';

/** What an expert can read, by kind. */
export interface ExpertInputs {
  /** The post's caption, as posted. */
  readonly caption: string;
  /** Text read from a post's images (its media's OCR lines, joined with `\n`, media in post order). */
  readonly ocr_text: string;
  /** One frame: the resize variant the expert declares (`Expert.variant`), RGB u8, as ingest made it. */
  readonly frame: RawImage;
  /** One audio track: 16 kHz mono s16le PCM, as ingest made it. */
  readonly audio: Uint8Array;
  /**
   * The words heard in one audio track: the transcript a speech-to-text expert returned for it
   * (`ExpertOutput.transcript`), one input per medium. Judged like text read from images (the text
   * classifier reads it); fusion has no token source for it, so `features` of such an input are unused.
   */
  readonly transcript: string;
  /** One fusion call over the tokens of every request of a batch (the fusion expert only). */
  readonly tokens: FusionInputs;
}
export type ExpertInputKind = keyof ExpertInputs;

/** What a frame expert contributes to a medium's alt-text (nsfw: drawing; objects: detections; ocr: lines). */
export type FrameAltInput = Pick<AltTextInput, 'drawing' | 'objects' | 'ocr'>;

/** Text lines (box: quad TL, TR, BR, BL) and objects (box: `[x1, y1, x2, y2]`) found in one frame. */
export interface FrameSeen {
  readonly ocr?: readonly {
    readonly text: string;
    readonly confidence: number;
    readonly box: readonly (readonly [number, number])[];
  }[];
  readonly objects?: readonly {
    readonly label: string;
    readonly score: number;
    readonly box: readonly [number, number, number, number];
  }[];
}

/**
 * What an expert returns for one input. Every field is optional; the classify stages read each one
 * the same way whichever expert gave it.
 */
export interface ExpertOutput {
  /** Features of its fusion token source (`FusionSpec.tokenSources` entry of the expert's name). */
  readonly features?: Float32Array;
  /**
   * Calibrated scores 0..1 of categories it emits (`emits.categories`). Reported as the post's score
   * for categories the fusion model does not inform; for the others only under `combine: 'max'`.
   */
  readonly scores?: Partial<Record<CategoryId, number>>;
  /** Visual-category score 0..1 of a frame; the router runs more frames when it is uncertain. */
  readonly visualScore?: number;
  /** Likelihood 0..1 that a frame holds text; the router's OCR gate reads it. */
  readonly textLikelihood?: number;
  /** Text lines read from a frame, in reading order (they become the post's `ocr_text`). */
  readonly lines?: readonly string[];
  /** What alt-text is composed from. */
  readonly alt?: FrameAltInput;
  /**
   * What a frame expert read or detected, with boxes in the pixels of the frame it was given (its resize
   * variant): kept per medium and frame in the result, so a moderator sees the text and objects found.
   */
  readonly seen?: FrameSeen;
  /** Language of a caption: ISO 639-1 code (else 639-3), confidence 0..1. */
  readonly language?: { readonly lang: string; readonly confidence: number };
  /** Speech found in an audio track (ms from its start); empty: no speech. */
  readonly speech?: readonly SpeechSegment[];
  /**
   * What a speech-to-text expert heard in an audio track (`audio` inputs only; ignored for other kinds):
   * the words in spoken order as one plain-text string (UTF-8, no timestamps; speech times come from
   * `speech`). It becomes the medium's `MediaResult.transcript` (trimmed) and the `transcript` input
   * of the experts that read one. Absent or blank: no words heard (the medium then has no transcript
   * and its spoken words count as not assessed). Where several experts give one for the same medium,
   * the first non-blank one stands: stage one before stage two, and within a stage in the classifier's
   * expert order (manifest order, supplied plug-ins after).
   */
  readonly transcript?: string;
  /** The fusion expert's output (`reads: ['tokens']`). */
  readonly fused?: FusionOutputs;
}

/** One input the expert could not read (the others of its batch still count). */
export interface ExpertItemFailure {
  readonly failed: string;
}

/**
 * The stage-one signal that sends an `escalation` expert its inputs, as the built-in gates do:
 * `text_likelihood` — each examined frame whose text likelihood reaches the router's OCR gate (a second
 * OCR engine); `visual_uncertain` — frame 0 of a medium whose visual score is uncertain (a costlier
 * image classifier); `speech_detected` — each audio track where voice activity found speech
 * (speech-to-text).
 */
export type EscalationGate = 'text_likelihood' | 'visual_uncertain' | 'speech_detected';

/**
 * When the router runs an expert. `screen`: cheap, in stage one on every input of a kind it reads
 * (the caption, the first frames of each medium, each audio track). `escalation`: costly, only when
 * a stage-one signal asks for it (the router's gates for `ocr`, `objects`, `stt`; for any other expert
 * its `escalateOn`) or in dense mode.
 */
export interface ExpertCost {
  readonly tier: 'screen' | 'escalation';
  /**
   * For an `escalation` expert the router has no rules of its own for: the signal that runs it in
   * routed mode (without one it runs in dense mode only).
   */
  readonly escalateOn?: EscalationGate;
  /** Rough CPU milliseconds per input (documentation and planning only; measured: `npm run bench:experts`). */
  readonly msPerItem: number;
}

/**
 * The one contract every expert implements (text, language, image statistics, voice activity, NSFW,
 * objects, OCR, fusion, and any plug-in). The classify stages own everything around it: batching
 * across requests, timing, errors, caching and routing; an expert only declares what it reads and
 * emits, and predicts on a batch.
 */
export interface Expert {
  /** Its name in the bundle manifest (and in results, metrics and the router). */
  readonly name: string;
  /** The fusion modality of its tokens (`image` covers video frames too; `fusion` for the fusion expert). */
  readonly modality: Modality | 'fusion';
  /**
   * Inputs it runs on; the text expert reads both `caption` and `ocr_text`, the text classifier also
   * `transcript`.
   */
  readonly reads: readonly ExpertInputKind[];
  /** The resize variant of each frame it reads (experts reading `frame`); ingest produces it. */
  readonly variant?: ResizeSpec;
  /**
   * What it emits: the categories its output informs (coverage: an input it read is assessed for these
   * on its channel) and the width of its fusion features (0: none).
   */
  readonly emits: { readonly categories: readonly CategoryId[]; readonly features: number };
  readonly cost: ExpertCost;
  /**
   * How its `scores` meet fusion's. Default: reported only for categories fusion does not inform.
   * `max`: also for the categories fusion informs, where the higher of the two stands (with this
   * expert's input as the attribution) — for an expert trained on far more data than fusion sees.
   */
  readonly combine?: 'max';
  /**
   * Name of the expert whose call produces this one's output (language identification runs inside
   * the text expert): reported as a run of its own, with that call's inputs and errors and 0 ms.
   */
  readonly partOf?: string;
  /**
   * Predicts on a batch of inputs of one kind (all inputs of a call have the kind `kind`).
   * @returns one output per input, in order; an `ExpertItemFailure` for an input it could not read.
   * @throws anything: the whole call failed, recorded against every request in it (`EXPERT_FAILED`).
   */
  run(
    inputs: readonly ExpertInputs[ExpertInputKind][],
    kind: ExpertInputKind,
  ): Promise<(ExpertOutput | ExpertItemFailure)[]>;
  /** Releases its onnxruntime sessions. */
  release?(): Promise<void>;
}

/** What a module gets to build its expert from the bundle. */
export interface ExpertLoadContext {
  readonly bundleDir: string;
  readonly session: SessionOptions;
  readonly manifest: BundleManifest;
  /** The manifest entry of the expert to load. */
  readonly entry: ExpertEntry;
  /** Fusion graph variant: `contrib` uses com.microsoft::MoE; `plain` the standard-operator fallback. */
  readonly moe: 'contrib' | 'plain';
}

/**
 * One module of the registry: the manifest `runner` it implements and how it loads. Adding an expert:
 * write one module, add it to `EXPERT_REGISTRY`, add its entry to the bundle manifest.
 */
export interface ExpertModule {
  readonly runner: string;
  /**
   * Loaded by `VigilClassifier.load` itself (cheap, always wanted). The others (heavy image models) are
   * loaded by the caller with `loadExperts` and passed in, so a text-only classifier stays light.
   */
  readonly core: boolean;
  /** @throws ExpertConfigError or a file/model error: a bundle naming a known runner must load. */
  load(context: ExpertLoadContext): Promise<Expert>;
}

export function isItemFailure(o: ExpertOutput | ExpertItemFailure): o is ExpertItemFailure {
  return 'failed' in o;
}
