import { resizeKey, type BundleManifest, type ExpertEntry, type RawImage } from '@vigil/contracts';
import type { FrameExpert } from './classifier';
import { ExpertConfigError, isStrings, outputLabels } from './expert';
import type { FrameInput } from './image';
import { OcrRunner } from './ocr/ocr-runner';
import { NsfwRunner, type NsfwResult } from './runners/nsfw';
import { ObjectsRunner, type Detection } from './runners/objects';
import type { SessionOptions } from './session';

/**
 * Width of the `nsfw` fusion token source: the five class probabilities in the manifest's label order
 * (Drawing, Hentai, Neutral, Porn, Sexy), then the sexual, explicit and drawing sums.
 */
export const NSFW_FEATURE_DIM = 8;

/**
 * Width of the `objects` fusion token source: per label group of the manifest (`params.fusion_groups`,
 * six groups: person, weapon, drink, animal, vehicle, food) the highest detection score, then
 * min(people, 5) / 5 and min(detections, 10) / 10.
 */
export const OBJECTS_FEATURE_DIM = 8;

/** Builds the `FrameExpert` for one manifest entry (creating its onnxruntime sessions). */
export type FrameExpertFactory = (
  entry: ExpertEntry,
  bundleDir: string,
  session: SessionOptions,
) => Promise<FrameExpert>;

/** A variant image as the frame the runners read (boxes and lines come back in variant pixels). */
function asFrame(entry: ExpertEntry, image: RawImage): FrameInput {
  return {
    width: image.width,
    height: image.height,
    variants: { [resizeKey(entry.preprocess!.resize)]: image },
  };
}

/** The `nsfw` token features of one result (see NSFW_FEATURE_DIM). */
export function nsfwFeatures(labels: readonly string[], r: NsfwResult): Float32Array {
  return Float32Array.from([...labels.map((l) => r.probabilities[l] ?? 0), r.sexual, r.explicit, r.drawing]);
}

/** The `objects` token features of one frame's detections (see OBJECTS_FEATURE_DIM). */
export function objectFeatures(
  groups: readonly (readonly string[])[],
  detections: readonly Detection[],
): Float32Array {
  const best = groups.map((g) =>
    Math.max(0, ...detections.filter((d) => g.includes(d.label)).map((d) => d.score)),
  );
  const people = detections.filter((d) => d.label === 'person').length;
  return Float32Array.from([...best, Math.min(people, 5) / 5, Math.min(detections.length, 10) / 10]);
}

const nsfwFactory: FrameExpertFactory = async (entry, bundleDir, session) => {
  const labels = outputLabels(entry, 'probabilities');
  if (labels.length + 3 !== NSFW_FEATURE_DIM)
    throw new ExpertConfigError(entry.name, `${labels.length} labels; the fusion token expects 5`);
  const runner = await NsfwRunner.create(entry, bundleDir, session);
  return {
    name: entry.name,
    variant: entry.preprocess!.resize,
    async run(frames) {
      const out = await runner.run(frames.map((f) => asFrame(entry, f)));
      return out.map((r) => ({
        features: nsfwFeatures(labels, r),
        visualScore: r.sexual,
        alt: { drawing: r.drawing },
      }));
    },
  };
};

const objectsFactory: FrameExpertFactory = async (entry, bundleDir, session) => {
  const groups = Object.values((entry.params.fusion_groups ?? {}) as Record<string, unknown>);
  if (!groups.every(isStrings) || groups.length + 2 !== OBJECTS_FEATURE_DIM)
    throw new ExpertConfigError(entry.name, 'parameter fusion_groups must hold six label lists');
  const runner = await ObjectsRunner.create(entry, bundleDir, session);
  return {
    name: entry.name,
    variant: entry.preprocess!.resize,
    async run(frames) {
      const out = await runner.run(frames.map((f) => asFrame(entry, f)));
      return out.map((detections) => ({
        features: objectFeatures(groups, detections),
        alt: { objects: detections.map(({ label, score }) => ({ label, score })) },
      }));
    },
  };
};

const ocrFactory: FrameExpertFactory = async (entry, bundleDir, session) => {
  const runner = await OcrRunner.create(entry, bundleDir, session);
  return {
    name: entry.name,
    variant: entry.preprocess!.resize,
    async run(frames) {
      const out = await runner.run(frames.map((f) => asFrame(entry, f)));
      return out.map((lines) => ({
        lines: lines.map((l) => l.text),
        alt: { ocr: lines.map(({ text, confidence }) => ({ text, confidence })) },
      }));
    },
  };
};

/**
 * The image experts `VigilClassifier` can run, by the manifest's `runner` name: the one place where a
 * per-frame expert is wired in (the classifier worker and `npm run eval` both load through it). Each
 * factory adapts a runner to `FrameExpert`: it reads the variant the entry's `preprocess.resize` names
 * and returns per frame the fusion features of its token source, a visual-category score 0..1 for
 * routing (`nsfw`: the sexual sum), text lines (`ocr`), and what alt-text is composed from
 * (`nsfw`: drawing likelihood; `objects`: detections; `ocr`: lines with confidence).
 */
export const FRAME_EXPERT_RUNNERS: Readonly<Record<string, FrameExpertFactory>> = {
  nsfw: nsfwFactory,
  'objects-nanodet': objectsFactory,
  ocr: ocrFactory,
};

/** Runners `VigilClassifier` runs itself (text, language, audio, image statistics, fusion). */
const BUILT_IN_RUNNERS = new Set([
  'sentence-encoder',
  'fasttext-lid',
  'silero-vad',
  'image-stats',
  'fusion-moe',
]);

export interface LoadedFrameExperts {
  readonly experts: FrameExpert[];
  /** Experts the bundle lists whose runner is unknown here (they do not run). */
  readonly unsupported: { name: string; runner: string }[];
}

/**
 * Creates a `FrameExpert` for every expert of the manifest whose runner is in `runners`; lists the
 * others that `VigilClassifier` does not run itself.
 * @throws what a factory throws (a missing file, an invalid model, ExpertConfigError): a bundle that
 *   names an expert with a known runner must load.
 */
export async function loadFrameExperts(
  manifest: BundleManifest,
  bundleDir: string,
  session: SessionOptions,
  runners: Readonly<Record<string, FrameExpertFactory>> = FRAME_EXPERT_RUNNERS,
): Promise<LoadedFrameExperts> {
  const experts: FrameExpert[] = [];
  const unsupported: { name: string; runner: string }[] = [];
  for (const entry of manifest.experts) {
    if (BUILT_IN_RUNNERS.has(entry.runner)) continue;
    const factory = runners[entry.runner];
    if (factory) experts.push(await factory(entry, bundleDir, session));
    else unsupported.push({ name: entry.name, runner: entry.runner });
  }
  return { experts, unsupported };
}
