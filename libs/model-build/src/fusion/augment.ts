import type { CategoryId } from '@vigil/contracts';
import { withInterplay, type FusionSpec } from '@vigil/model';
import { mulberry32 } from './random';
import type { TrainExample, TrainToken } from './train-example';

/**
 * Image-borne signals the skimage photos cannot teach (none shows nudity or a weapon), taught in
 * feature space on the frame tokens of the real photos, each synthetic positive with benign mirrors:
 * - `sexual` from the nsfw block: the photo's nsfw probabilities (Drawing, Hentai, Neutral, Porn, Sexy)
 *   replaced by a seeded draw from the simplex; target `sexual` = 1 exactly when the explicit sum
 *   (Porn + Hentai) is ≥ 0.5, the nsfw model's own decision boundary (GantMan/nsfw_model reports ≈ 93 %
 *   accuracy on its classes; no labelled photo here can calibrate it further). Suggestive (`Sexy`-dominant)
 *   and neutral draws are the mirrors, target 0.
 * - weapons as a weak cue: a knife, scissors or baseball bat detected (the `objects` weapon group) with
 *   no caption, or with a harmless caption, is target 0 for every category (a weapon in a photo is never
 *   an action alone); with a caption that threatens, the caption's own targets, so the cue may only add
 *   to a threat the caption carries. The `interplay` block is recomputed for the edited token.
 * Deterministic for a seed.
 */

/** Offsets of the nsfw five class probabilities, sums, and the objects weapon / count fields. */
function blocks(spec: FusionSpec) {
  const at = (name: string) => {
    const s = spec.tokenSources.find((t) => t.expert === name);
    if (!s) throw new Error(`augment: the fusion spec has no ${name} token source`);
    return s.offset;
  };
  return { nsfw: at('nsfw'), objects: at('objects') };
}

/** A draw from the 5-class simplex leaning towards class `lean` (index into the nsfw labels). */
function simplex(rand: () => number, lean: number): number[] {
  const raw = Array.from({ length: 5 }, (_, i) => -Math.log(1 - rand()) * (i === lean ? 6 : 1));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}

/** Frame token with the nsfw block set to probabilities `p` (Drawing, Hentai, Neutral, Porn, Sexy). */
export function withNsfw(
  spec: FusionSpec,
  token: TrainToken,
  p: readonly number[],
  caption: string,
): TrainToken {
  const { nsfw } = blocks(spec);
  const f = Float32Array.from(token.features);
  const [drawing, hentai, , porn, sexy] = p as [number, number, number, number, number];
  f.set([...p, porn + hentai + sexy, porn + hentai, drawing + hentai], nsfw);
  return { modality: token.modality, features: withInterplay(spec, f, caption, false) };
}

/** Frame token with a weapon detected at `score` (one more detection in the count field). */
export function withWeapon(spec: FusionSpec, token: TrainToken, score: number, caption: string): TrainToken {
  const { objects } = blocks(spec);
  const f = Float32Array.from(token.features);
  f[objects + 1] = Math.max(f[objects + 1]!, score);
  f[objects + 7] = Math.min(1, f[objects + 7]! + 0.1);
  return { modality: token.modality, features: withInterplay(spec, f, caption, false) };
}

export interface CaptionExample {
  readonly example: TrainExample;
  readonly text: string;
}

/**
 * Synthetic image-signal examples (see the module docstring).
 * @param photos frame tokens of plain photos (no text, no caption).
 * @param benign caption-only training examples without positive targets, with their text.
 * @param threats caption-only training examples that threaten (harassment/threatening positive).
 */
export function imageSignalExamples(
  spec: FusionSpec,
  photos: readonly TrainToken[],
  benign: readonly CaptionExample[],
  threats: readonly CaptionExample[],
  seed: number,
  perKind = 32,
): TrainExample[] {
  const rand = mulberry32(seed);
  const C = spec.categories.length;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const zeros = () => new Float32Array(C);
  const ones = () => new Float32Array(C).fill(1);
  const target = (cats: readonly CategoryId[]) => {
    const t = zeros();
    for (const c of cats) t[spec.categories.indexOf(c)] = 1;
    return t;
  };
  const out: TrainExample[] = [];
  if (photos.length === 0) return out;
  for (let n = 0; n < perKind; n++) {
    // Explicit (Porn or Hentai leaning), suggestive (Sexy) and neutral (Neutral or Drawing) draws.
    for (const lean of [3, 1, 4, 2, 0]) {
      const p = simplex(rand, lean);
      const positive = p[3]! + p[1]! >= 0.5;
      const withCaption = rand() < 0.4 && benign.length > 0;
      const cap = withCaption ? pick(benign) : undefined;
      const token = withNsfw(spec, pick(photos), p, cap?.text ?? '');
      out.push({
        id: `synthetic-nsfw-${lean}-${n}`,
        tokens: cap ? [...cap.example.tokens, token] : [token],
        targets: positive ? target(['sexual']) : zeros(),
        mask: ones(),
      });
    }
    // Weapon cue: alone, beside a harmless caption, beside a threatening one.
    const score = 0.35 + 0.6 * rand();
    out.push({
      id: `synthetic-weapon-alone-${n}`,
      tokens: [withWeapon(spec, pick(photos), score, '')],
      targets: zeros(),
      mask: ones(),
    });
    if (benign.length > 0) {
      const cap = pick(benign);
      out.push({
        id: `synthetic-weapon-benign-${n}`,
        tokens: [...cap.example.tokens, withWeapon(spec, pick(photos), score, cap.text)],
        targets: zeros(),
        mask: ones(),
      });
    }
    if (threats.length > 0) {
      const cap = pick(threats);
      out.push({
        id: `synthetic-weapon-threat-${n}`,
        tokens: [...cap.example.tokens, withWeapon(spec, pick(photos), score, cap.text)],
        targets: cap.example.targets,
        mask: ones(),
      });
    }
  }
  return out;
}
