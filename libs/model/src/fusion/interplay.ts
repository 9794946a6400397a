import type { FusionSpec } from './spec';
import { CAPTION_CUES, CUE_PATTERNS } from './interplay-lexicon';

export { CAPTION_CUES } from './interplay-lexicon';

/**
 * Caption × image cross features ("interplay"): what the caption says (a target and an intent) times
 * what the image shows (a person, a place or vehicle, an animal, a weapon, text). A post such as
 * "@sam found your twin" with a photo of a horse, or "I know which one is yours now" with a photo of a
 * motorbike, is harmless in each part and harmful together; mean and max pooling over per-token
 * features cannot form such a product, so the classifier writes it into each frame token's `interplay`
 * block (the idea of explicit feature crosses: Cheng et al. 2016, "Wide & Deep Learning"; the task:
 * Kiela et al. 2020, "The Hateful Memes Challenge", benign confounders ↔ our benign mirrors).
 *
 * Caption cues are a small hand-written lexicon in en, de, es, fr and pt (regular expressions over the
 * lower-cased, accent-folded caption), deliberately generic (pronouns, group nouns, comparison and
 * veiled-threat phrasing, sale phrasing), not the training captions. Image cues come from the frame
 * token's own `objects` block and from whether OCR read text on the medium.
 * Pure functions: no I/O, deterministic.
 */

/** Image cues, in feature order. */
export const IMAGE_CUES = ['person', 'place_or_vehicle', 'animal', 'weapon', 'text'] as const;

/** Width of the `interplay` token source: caption cues × image cues, caption-major. */
export const INTERPLAY_FEATURE_DIM = CAPTION_CUES.length * IMAGE_CUES.length;

/**
 * Positions inside the `objects` block (see OBJECTS_FEATURE_DIM in frame-experts.ts: best score per label
 * group in the order of the build's OBJECT_FUSION_GROUPS: person, weapon, drink, animal, vehicle, food).
 */
const OBJECT_GROUP_INDEX = { person: 0, weapon: 1, animal: 3, vehicle: 4 } as const;

/** Lower-cases and strips accents (NFD, combining marks removed) so one pattern serves "weiß"/"weiss". */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’`´]/g, "'");
}

/**
 * Caption cues of a caption: `[CAPTION_CUES.length]` float32, each 0 or 1, in CAPTION_CUES order.
 * An empty caption gives zeros.
 */
export function captionCues(caption: string): Float32Array {
  const folded = fold(caption);
  return Float32Array.from(CAPTION_CUES.map((c) => (CUE_PATTERNS[c].test(folded) ? 1 : 0)));
}

/**
 * Image cues of one frame: `[IMAGE_CUES.length]` float32, 0..1 — the best detection score of the
 * person, vehicle (place or vehicle: COCO-80 has no house), animal and weapon groups read from the
 * frame's `objects` block (zeros when the detector did not run on it), and 1 when OCR read text on the
 * medium.
 */
export function imageCues(objects: Float32Array | undefined, hasText: boolean): Float32Array {
  const at = (i: number) => objects?.[i] ?? 0;
  return Float32Array.from([
    at(OBJECT_GROUP_INDEX.person),
    at(OBJECT_GROUP_INDEX.vehicle),
    at(OBJECT_GROUP_INDEX.animal),
    at(OBJECT_GROUP_INDEX.weapon),
    hasText ? 1 : 0,
  ]);
}

/** Outer product of caption cues and image cues: `[INTERPLAY_FEATURE_DIM]`, caption-major. */
export function interplayFeatures(caption: Float32Array, image: Float32Array): Float32Array {
  const out = new Float32Array(INTERPLAY_FEATURE_DIM);
  for (let c = 0; c < CAPTION_CUES.length; c++)
    for (let i = 0; i < IMAGE_CUES.length; i++) out[c * IMAGE_CUES.length + i] = caption[c]! * image[i]!;
  return out;
}

/**
 * A frame token's feature row with its `interplay` block (re)written from the post's caption, the
 * row's own `objects` block and whether OCR read text on the medium. Returns `row` unchanged when the
 * spec has no `interplay` token source (older bundles), else a copy.
 * @param row `[spec.featureDim]` float32 frame token features.
 */
export function withInterplay(
  spec: FusionSpec,
  row: Float32Array,
  caption: string,
  hasText: boolean,
): Float32Array {
  const target = spec.tokenSources.find((s) => s.expert === 'interplay');
  if (!target) return row;
  const objects = spec.tokenSources.find((s) => s.expert === 'objects');
  const out = Float32Array.from(row);
  const block = objects ? row.subarray(objects.offset, objects.offset + objects.dim) : undefined;
  out.set(interplayFeatures(captionCues(caption), imageCues(block, hasText)), target.offset);
  return out;
}
