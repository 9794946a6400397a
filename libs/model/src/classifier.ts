import {
  readBundleManifest,
  type BundleManifest,
  type CategoryId,
  type InferenceRequest,
  type InferenceResult,
} from '@vigil/contracts';
import { classifyBatch, type ClassifyContext, type ClassifyOptions } from './classify';
import type { Expert, ExpertModule } from './experts/contract';
import { isFusionExpert, type FusionExpert } from './experts/fusion';
import { loadExperts } from './experts/registry';
import type { FusionSpec } from './fusion/spec';
import { DEFAULT_ROUTER_PARAMS, ExpertRouter, type RouterParams } from './router';
import type { SessionOptions } from './session';

export type { ClassifyOptions, MediaFrameOutputs } from './classify';

export interface ClassifierOptions {
  readonly session: SessionOptions;
  /** `contrib` uses com.microsoft::MoE; `plain` the standard-operator fallback graph. */
  readonly moe?: 'contrib' | 'plain';
  readonly router?: Partial<RouterParams>;
  /**
   * Experts to run besides the core ones this class loads from the registry: the image experts
   * (`loadExperts(manifest, dir, session)`), a plug-in built elsewhere. One with a core expert's name
   * replaces it.
   */
  readonly experts?: readonly Expert[];
  /** Registry to load the core experts from (default `EXPERT_REGISTRY`). */
  readonly modules?: readonly ExpertModule[];
}

/**
 * Vigil's classifier core: router → experts → fusion → calibrated scores with attribution, for a batch
 * of inference requests. Experts (one `Expert` each, see experts/contract.ts) run batched across the
 * requests of one call; each result records which experts ran, why others were skipped, and the
 * milliseconds each cost (a batched run's time is shared among the requests in proportion to their
 * items). Loading reads everything through the bundle manifest; the stages live in classify/.
 */
export class VigilClassifier {
  private constructor(
    readonly manifest: BundleManifest,
    private readonly context: ClassifyContext,
    /** Every expert this classifier runs (fusion included), in manifest order, then plug-ins. */
    readonly experts: readonly Expert[],
  ) {}

  /**
   * @throws BundleManifestError when the bundle has no valid manifest, Error when a listed file cannot
   *   be loaded, or when the bundle has no `fusion` expert.
   */
  static async load(bundleDir: string, options: ClassifierOptions): Promise<VigilClassifier> {
    const manifest = readBundleManifest(bundleDir);
    const supplied = options.experts ?? [];
    const { experts: core } = await loadExperts(manifest, bundleDir, options.session, {
      which: 'core',
      moe: options.moe ?? 'contrib',
      ...(options.modules ? { modules: options.modules } : {}),
    });
    // Manifest order first (the order experts of one input kind run in), supplied plug-ins after.
    const byName = new Map<string, Expert>(core.map((e) => [e.name, e]));
    for (const e of supplied) byName.set(e.name, e);
    const order = manifest.experts.map((e) => e.name);
    const experts = [...byName.values()].sort((a, b) => rank(order, a.name) - rank(order, b.name));
    const fusion = experts.find(isFusionExpert);
    if (!fusion) throw new Error(`bundle ${manifest.name} has no fusion expert`);
    const items = experts.filter((e) => e !== fusion);
    const routerParams = { ...DEFAULT_ROUTER_PARAMS, ...options.router };
    const informs = (e: Expert) => e.emits.categories;
    const context: ClassifyContext = {
      manifest,
      router: new ExpertRouter(items, routerParams),
      experts: items,
      fusion,
      spec: fusion.spec,
      fusionInforms: new Set<CategoryId>(informs(fusion)),
      textCategories: [...new Set(items.filter((e) => e.reads.includes('ocr_text')).flatMap(informs))],
      provider: options.session.provider,
      altText: routerParams.altText,
    };
    return new VigilClassifier(manifest, context, experts);
  }

  get spec(): FusionSpec {
    return this.context.spec;
  }

  get fusion(): FusionExpert {
    return this.context.fusion;
  }

  /** Execution provider every session of this classifier runs on. */
  get provider(): 'cpu' | 'cuda' {
    return this.context.provider;
  }

  /**
   * Classifies a batch of requests (stages: classify/index.ts).
   * @param mode `routed` (the router decides) or `dense` (every present expert on every frame).
   * @param options media-cache hooks (see `ClassifyOptions`).
   * @returns one InferenceResult per request, in order. Expert failures are recorded per request
   *   (`EXPERT_FAILED`); a request where nothing could be assessed gets status `error`. A batched
   *   expert call that throws is recorded against every request in it (callers that want batch-mates
   *   isolated rerun the failed requests alone); an input an expert cannot read (a frame without its
   *   variant, a corrupt frame for image-stats) fails only its own request.
   */
  classify(
    requests: readonly InferenceRequest[],
    mode: 'routed' | 'dense' = 'routed',
    options: ClassifyOptions = {},
  ): Promise<InferenceResult[]> {
    return classifyBatch(this.context, requests, mode, options);
  }

  /** Releases every expert's onnxruntime sessions. */
  async release(): Promise<void> {
    await Promise.all(this.experts.map((e) => e.release?.()));
  }
}

function rank(order: readonly string[], name: string): number {
  const k = order.indexOf(name);
  return k < 0 ? order.length : k;
}
