import type { BundleManifest } from '@vigil/contracts';
import type { SessionOptions } from '../session';
import { audioVadModule } from './audio-vad';
import type { Expert, ExpertModule } from './contract';
import { fusionModule } from './fusion';
import { imageStatsModule } from './image-stats';
import { nsfwModule } from './nsfw';
import { objectsModule } from './objects';
import { ocrModule } from './ocr';
import { languageModule, textModule } from './text';

/**
 * Every expert Vigil can run, one module each, by the manifest's `runner`: the one list the classifier
 * loads from (and so the one list its router reads). Add a module here and its entry to the bundle
 * manifest (libs/model-build) to add an expert; see docs/writing-an-expert.md.
 */
export const EXPERT_REGISTRY: readonly ExpertModule[] = [
  languageModule,
  textModule,
  imageStatsModule,
  audioVadModule,
  nsfwModule,
  objectsModule,
  ocrModule,
  fusionModule,
];

export interface LoadedExperts {
  /** In manifest order. */
  readonly experts: Expert[];
  /** Experts the bundle lists whose runner no module implements (they do not run). */
  readonly unsupported: { name: string; runner: string }[];
}

export interface LoadExpertsOptions {
  /** Modules to load from (default `EXPERT_REGISTRY`). */
  readonly modules?: readonly ExpertModule[];
  /**
   * Which modules: `plug-in` (default) the ones `VigilClassifier.load` leaves to its caller (the image
   * experts), `core` the ones it loads itself, `all` both.
   */
  readonly which?: 'plug-in' | 'core' | 'all';
  /** Fusion graph variant (`contrib` default). */
  readonly moe?: 'contrib' | 'plain';
}

/**
 * Loads an `Expert` for every manifest entry whose runner a module implements.
 * @throws what a module throws (a missing file, an invalid model, ExpertConfigError): a bundle that
 *   names an expert with a known runner must load.
 */
export async function loadExperts(
  manifest: BundleManifest,
  bundleDir: string,
  session: SessionOptions,
  options: LoadExpertsOptions = {},
): Promise<LoadedExperts> {
  const modules = options.modules ?? EXPERT_REGISTRY;
  const which = options.which ?? 'plug-in';
  const wanted = (m: ExpertModule) => which === 'all' || m.core === (which === 'core');
  const experts: Expert[] = [];
  const unsupported: { name: string; runner: string }[] = [];
  for (const entry of manifest.experts) {
    const module = modules.find((m) => m.runner === entry.runner);
    if (!module) {
      // A runner no module knows is reported once, by the plug-in pass (the classifier's own is silent).
      if (which !== 'core' && !EXPERT_REGISTRY.some((m) => m.runner === entry.runner && m.core))
        unsupported.push({ name: entry.name, runner: entry.runner });
      continue;
    }
    if (!wanted(module)) continue;
    experts.push(await module.load({ entry, manifest, bundleDir, session, moe: options.moe ?? 'contrib' }));
  }
  return { experts, unsupported };
}
