import {
  imageVariantSpecs,
  readBundleManifest,
  type InferenceRequest,
  type Modality,
} from '@vigil/contracts';
import { loadExperts, VigilClassifier, withInterplay, type FusionSpec } from '@vigil/model';
import { targetsOf, type CorpusRecord } from '../corpus/corpus';
import { requestFor } from '../corpus/media';
import { mulberry32 } from './random';
import type { TrainExample, TrainToken } from './train-example';

/**
 * The classifier training reads its features through: every expert of a bundle folder (image experts
 * included, single-threaded sessions for reproducible features) behind `VigilClassifier`, so training
 * sees exactly the tokens serving fuses — same router, same OCR lines, same feature rows.
 */
export async function loadFeatureClassifier(bundleDir: string): Promise<VigilClassifier> {
  const manifest = readBundleManifest(bundleDir);
  const session = { provider: 'cpu' as const, intraOpThreads: 1 };
  const { experts } = await loadExperts(manifest, bundleDir, session);
  return VigilClassifier.load(bundleDir, { session, experts });
}

const ORDER: Modality[] = ['caption', 'image_text', 'image', 'video_frames', 'audio'];

/**
 * Fusion tokens of requests as the classifier builds them in `mode`, 16 requests per call.
 * @throws Error when the classifier's fusion spec has another feature layout than `spec`.
 */
export async function requestTokens(
  spec: FusionSpec,
  classifier: VigilClassifier,
  requests: readonly InferenceRequest[],
  mode: 'routed' | 'dense',
): Promise<TrainToken[][]> {
  if (JSON.stringify(classifier.spec.tokenSources) !== JSON.stringify(spec.tokenSources))
    throw new Error('the feature bundle fusion spec has other token sources than the training spec');
  const out: TrainToken[][] = requests.map(() => []);
  for (let start = 0; start < requests.length; start += 16)
    await classifier.classify(requests.slice(start, start + 16), mode, {
      onFusionTokens: (i, tokens) => {
        out[start + i] = tokens
          .map((t) => ({ modality: t.modality, features: Float32Array.from(t.features) }))
          .sort((a, b) => ORDER.indexOf(a.modality) - ORDER.indexOf(b.modality));
      },
    });
  return out;
}

/**
 * Fusion training examples for corpus cases: caption → text token; photo or video frames → frame tokens
 * (image-stats ‖ nsfw ‖ objects, whichever ran) and, where OCR read text, an image_text token; audio →
 * voice-activity token. Media are rendered as ingest would decode them (meme text drawn onto the photos).
 * @param mode routed (what serving runs by default) or dense (every expert on every frame).
 */
export async function corpusExamples(
  spec: FusionSpec,
  records: readonly CorpusRecord[],
  classifier: VigilClassifier,
  mode: 'routed' | 'dense' = 'routed',
): Promise<TrainExample[]> {
  const variants = imageVariantSpecs(classifier.manifest);
  const requests: InferenceRequest[] = [];
  for (const r of records) requests.push(await requestFor(r, variants));
  const tokens = await requestTokens(spec, classifier, requests, mode);
  return records.map((r, i) => ({
    id: r.id,
    tokens: tokens[i]!,
    targets: targetsOf(r, spec.categories),
    mask: new Float32Array(spec.categories.length).fill(1),
  }));
}

/**
 * Frame tokens of every plain photo the corpus uses (no meme text, no caption), routed and dense:
 * benign visual context for augmentation.
 */
export async function photoTokens(
  spec: FusionSpec,
  classifier: VigilClassifier,
  photos: readonly string[],
): Promise<TrainToken[]> {
  const records: CorpusRecord[] = photos.map((photo, i) => ({
    id: `photo-${i}`,
    lang: 'en',
    block: 'benign',
    kind: 'benign',
    text: '',
    image: { photo },
    labels: {},
    split: 'train',
  }));
  const out: TrainToken[] = [];
  for (const mode of ['routed', 'dense'] as const)
    for (const e of await corpusExamples(spec, records, classifier, mode))
      out.push(...e.tokens.filter((t) => t.modality === 'image'));
  return out;
}

/**
 * Augmentation: adds, for a seeded `share` of text-only examples, a copy with a benign photo token, so
 * fusion learns that an unremarkable image neither adds nor hides harm carried by the caption. The
 * photo token's `interplay` block is recomputed for the example's caption (`textOf`), as serving would.
 */
export function augmentWithPhotos(
  spec: FusionSpec,
  examples: readonly TrainExample[],
  photos: readonly TrainToken[],
  share: number,
  seed: number,
  textOf: (id: string) => string = () => '',
): TrainExample[] {
  const rand = mulberry32(seed);
  const extra: TrainExample[] = [];
  for (const e of examples) {
    if (photos.length === 0 || e.tokens.some((t) => t.modality !== 'caption') || rand() >= share) continue;
    const photo = photos[Math.floor(rand() * photos.length)]!;
    const token = { ...photo, features: withInterplay(spec, photo.features, textOf(e.id), false) };
    extra.push({ ...e, id: `${e.id}+photo`, tokens: [...e.tokens, token] });
  }
  return [...examples, ...extra];
}
