import type { BundleManifest, ExpertEntry } from '@vigil/contracts';
import type { FrameExpert, SessionOptions } from '@vigil/model';

/** Builds the `FrameExpert` for one manifest entry (creating its onnxruntime sessions). */
export type FrameExpertFactory = (
  entry: ExpertEntry,
  bundleDir: string,
  session: SessionOptions,
) => Promise<FrameExpert>;

/**
 * The image experts this worker can run, by the manifest's `runner` name: the one place where a new
 * per-frame expert is wired in. A factory adapts the expert's runner to `FrameExpert` — it reads the
 * frame variant the entry's `preprocess.resize` names and returns, per frame, the fusion features of its
 * token source, a visual-category score 0..1 for routing (NSFW), and text lines (OCR).
 */
export const FRAME_EXPERT_RUNNERS: Readonly<Record<string, FrameExpertFactory>> = {};

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
  /** Experts the bundle lists whose runner this worker does not know (they do not run). */
  readonly unsupported: { name: string; runner: string }[];
}

/**
 * Creates a `FrameExpert` for every expert of the manifest whose runner is in `runners`; lists the
 * others that `VigilClassifier` does not run itself.
 * @throws what a factory throws (a missing file, an invalid model): a bundle that names an expert this
 *   worker knows must load.
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
