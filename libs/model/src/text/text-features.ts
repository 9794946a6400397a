import { LEXICON_FEATURES, foldForMatching, lexiconFeatures } from './lexicon';
import { normalizeText } from './normalize';

/**
 * Sparse features of the text classifier: hashed character n-grams and words of the normalised text,
 * plus the lexicon signals. Character n-grams inside word boundaries carry across languages
 * (shared stems: "suicid", "cocain", "pistol") and survive the spelling variants the normaliser leaves,
 * which a sentence encoder trained on English does not (Joulin et al. 2017, fastText; Weinberger et al.
 * 2009 for the hashing trick).
 *
 * Per text:
 * - text = `normalizeText(raw)` (no dictionary: serving and training give the same reading), folded by
 *   `foldForMatching` (lowercase, accents removed), split into words of letters, digits and emoji;
 * - `w:<word>` and `b:<word> <word>` (word unigrams and bigrams), `c:<n-gram>` for every 2..5-gram of
 *   `<word>` with boundary marks;
 * - each hashed (FNV-1a 32-bit) into `hashBuckets` buckets, counts → `log1p`, then divided by
 *   √max(Σv², `minFeatureMass`): L2-normalised once a text has that much feature mass, damped below it, so
 *   one or two words cannot carry a whole template's weight (without it, "video" alone scored violence
 *   0.99: every training text holding the word was harmful, and a one-word text puts its unit norm on it);
 * - then the `LEXICON_FEATURES.length` lexicon values at indices `hashBuckets..` (not normalised);
 * - then, for a classifier that reads one, the sentence embedding of the text (all-MiniLM-L6-v2, the
 *   `text` expert's encoder), damped by the same factor: meaning that carries past the exact words of the
 *   training templates.
 */
export interface SparseFeatures {
  /** Feature indices, `0 ≤ index < hashBuckets + LEXICON_FEATURES.length`, unique. */
  readonly index: Uint32Array;
  readonly value: Float32Array;
}

const WORD = /[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu;
const MIN_GRAM = 2;
const MAX_GRAM = 5;

/** FNV-1a 32-bit over UTF-16 code units (Fowler, Noll, Vo; IETF draft-eastlake-fnv). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Number of features for `hashBuckets` hash buckets: buckets, then lexicon values, then `embeddingDim`
 * sentence-embedding values (0 when the classifier reads no embedding).
 */
export function textFeatureCount(hashBuckets: number, embeddingDim = 0): number {
  return hashBuckets + LEXICON_FEATURES.length + embeddingDim;
}

/**
 * Sparse features of one raw text (caption, OCR text, transcript). Empty text → only lexicon values.
 * @param hashBuckets a power of two (the classifier's weights say which).
 * @param embedding the text's sentence embedding (`[dim]` float32 unit vector, `SentenceEncoder.encode`
 *   of the normalised text), appended after the lexicon values when the classifier reads one.
 * @param minFeatureMass the squared norm (Σ log1p(count)²) from which n-grams are plainly L2-normalised;
 *   a text with less has its n-grams and embedding scaled by √(mass / minFeatureMass). 0: no damping.
 */
export function textClassifierFeatures(
  raw: string,
  hashBuckets: number,
  embedding?: Float32Array,
  minFeatureMass = 0,
): SparseFeatures {
  const normalized = normalizeText(raw);
  const folded = foldForMatching(normalized.text);
  const words = folded.match(WORD) ?? [];
  const counts = new Map<number, number>();
  const add = (key: string): void => {
    const k = fnv1a(key) & (hashBuckets - 1);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  words.forEach((w, i) => {
    add(`w:${w}`);
    if (i > 0) add(`b:${words[i - 1]} ${w}`);
    const padded = `<${w}>`;
    for (let n = MIN_GRAM; n <= MAX_GRAM; n++)
      for (let s = 0; s + n <= padded.length; s++) add(`c:${padded.slice(s, s + n)}`);
  });
  let norm = 0;
  for (const [k, c] of counts) {
    const v = Math.log1p(c);
    counts.set(k, v);
    norm += v * v;
  }
  const damping = norm > 0 && norm < minFeatureMass ? Math.sqrt(norm / minFeatureMass) : 1;
  norm = Math.sqrt(Math.max(norm, minFeatureMass)) || 1;
  const lexicon = lexiconFeatures(normalized.text, normalized.rewrites, normalized.emoji);
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const dense = embedding?.length ?? 0;
  const index = new Uint32Array(keys.length + lexicon.length + dense);
  const value = new Float32Array(keys.length + lexicon.length + dense);
  keys.forEach((k, j) => {
    index[j] = k;
    value[j] = counts.get(k)! / norm;
  });
  lexicon.forEach((v, j) => {
    index[keys.length + j] = hashBuckets + j;
    value[keys.length + j] = v;
  });
  for (let j = 0; j < dense; j++) {
    index[keys.length + lexicon.length + j] = hashBuckets + lexicon.length + j;
    value[keys.length + lexicon.length + j] = embedding![j]! * damping;
  }
  return { index, value };
}
