import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  BundleManifestError,
  imageVariantSpecs,
  readBundleManifest,
  resizeKey,
  type BundleManifest,
  type InferenceRequest,
  type RawImage,
} from '@vigil/contracts';
import { loadExperts, VigilClassifier, type ExpertModule } from '@vigil/model';
import type { ResolvedProvider } from './execution-provider';

export interface RuntimeOptions {
  readonly bundleDir: string;
  /** Refuse a bundle of another version; empty accepts any. */
  readonly expectedVersion?: string;
  readonly provider: ResolvedProvider;
  readonly intraOpThreads: number;
  readonly interOpThreads: number;
  readonly moe: 'contrib' | 'plain';
  /** Compose alt-text per image, GIF and video (runs the object detector on frame 0); default true. */
  readonly altText?: boolean;
  /** Expert modules to load the bundle's experts from (default: @vigil/model's EXPERT_REGISTRY). */
  readonly modules?: readonly ExpertModule[];
}

/** A loaded, warmed-up classifier and what `/readyz` reports about it. */
export interface ClassifierRuntime {
  readonly classifier: VigilClassifier;
  readonly provider: ResolvedProvider;
  readonly bundleDir: string;
  /** Names of the plug-in (image) experts wired in. */
  readonly frameExperts: string[];
  readonly unsupported: { name: string; runner: string }[];
  /** Wall time of the warm-up batch, ms. */
  readonly warmupMs: number;
}

/**
 * Reads the bundle manifest (checking its version), creates one onnxruntime session per expert on the
 * resolved provider, and runs a warm-up batch in `dense` mode so every expert has run once (first runs
 * allocate and pick kernels) before the worker reports ready.
 * @throws BundleManifestError when the manifest is missing, invalid or of another version; Error when a
 *   model cannot be loaded.
 */
export async function loadClassifierRuntime(options: RuntimeOptions): Promise<ClassifierRuntime> {
  const manifest = readBundleManifest(options.bundleDir);
  if (options.expectedVersion && manifest.version !== options.expectedVersion)
    throw new BundleManifestError(
      `bundle ${manifest.name} at ${options.bundleDir} is version ${manifest.version}; VIGIL_BUNDLE_VERSION asks for ${options.expectedVersion}`,
    );
  const session = {
    provider: options.provider.provider,
    intraOpThreads: options.intraOpThreads,
    interOpThreads: options.interOpThreads,
  };
  const { experts, unsupported } = await loadExperts(manifest, options.bundleDir, session, {
    ...(options.modules ? { modules: options.modules } : {}),
  });
  const classifier = await VigilClassifier.load(options.bundleDir, {
    session,
    moe: options.moe,
    experts,
    router: { altText: options.altText ?? true },
  });
  const t0 = performance.now();
  await classifier.classify(warmupRequests(manifest, 2), 'dense');
  return {
    classifier,
    provider: options.provider,
    bundleDir: options.bundleDir,
    frameExperts: experts.map((e) => e.name),
    unsupported,
    warmupMs: performance.now() - t0,
  };
}

/** The ONNX file the CUDA provider is tried on at start-up: the bundle's fusion graph (small). */
export function probeModelOf(bundleDir: string): string {
  const manifest = readBundleManifest(bundleDir);
  const file =
    manifest.experts.find((e) => e.name === 'fusion')?.files.model ??
    manifest.experts.flatMap((e) => Object.values(e.files)).find((f) => f.endsWith('.onnx'));
  if (!file) throw new BundleManifestError(`bundle ${manifest.name} lists no ONNX file`);
  return join(bundleDir, file);
}

/**
 * Synthetic requests that touch every expert: a caption, one image frame with every variant the
 * manifest asks for (a gradient with dark stripes, so the text gate sees strokes), one second of a
 * 440 Hz tone at 16 kHz.
 */
export function warmupRequests(manifest: BundleManifest, count: number): InferenceRequest[] {
  const variants = Object.fromEntries(
    imageVariantSpecs(manifest).map((spec) => [resizeKey(spec), pattern(spec.width, spec.height)]),
  );
  const pcm = new Int16Array(16000).map((_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000)),
  );
  return Array.from({ length: count }, (_, i) => ({
    schema_version: 1 as const,
    request_id: `warmup:${i}:0`,
    tenant_id: 'warmup',
    post_id: `warmup-${i}`,
    revision: 0,
    trace_id: '0'.repeat(32),
    received_at: Date.now(),
    priority: 'normal' as const,
    text: { caption: 'warm-up caption for the text expert', truncated: false },
    media: [
      {
        media_id: 'image',
        kind: 'image' as const,
        status: 'ok' as const,
        frames: [{ timestamp_ms: 0, width: 640, height: 480, variants }],
      },
      {
        media_id: 'audio',
        kind: 'audio' as const,
        status: 'ok' as const,
        frames: [],
        audio: { sample_rate: 16000 as const, pcm_s16le: new Uint8Array(pcm.buffer), duration_ms: 1000 },
      },
    ],
    errors: [],
    timings: {},
    created_at: new Date(0).toISOString(),
  }));
}

function pattern(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const stripe = y % 16 < 8 && x % 6 < 3 ? 0 : 1;
      const v = stripe ? Math.round((255 * x) / width) : 20;
      data.set([v, Math.round((255 * y) / height), 255 - v], (y * width + x) * 3);
    }
  return { width, height, data };
}
