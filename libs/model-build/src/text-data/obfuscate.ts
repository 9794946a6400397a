import { createHash } from 'node:crypto';
import { mulberry32 } from '../fusion/random';
import { isNegative } from './labels';
import type { TextCase } from './types';

/** Leetspeak substitutions (the common ones in evasion lists, e.g. HateCheck's `spell_leet_h`). */
const LEET: Readonly<Record<string, readonly string[]>> = {
  a: ['4', '@'],
  e: ['3'],
  i: ['1', '!'],
  o: ['0'],
  s: ['5', '$'],
  t: ['7'],
  l: ['1'],
  g: ['9'],
  b: ['8'],
};

/**
 * Look-alike letters from Cyrillic and Greek (Unicode confusables, UTS #39 confusables.txt): Latin → one that
 * renders the same in most fonts.
 */
const HOMOGLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: ['\u0430', '\u03b1'],
  c: ['\u0441'],
  e: ['\u0435'],
  i: ['\u0456', '\u03b9'],
  j: ['\u0458'],
  k: ['\u03ba'],
  o: ['\u043e', '\u03bf'],
  p: ['\u0440', '\u03c1'],
  s: ['\u0455'],
  u: ['\u03c5'],
  v: ['\u03bd'],
  x: ['\u0445'],
  y: ['\u0443'],
  A: ['\u0410', '\u0391'],
  B: ['\u0412'],
  E: ['\u0415'],
  H: ['\u041d'],
  K: ['\u041a'],
  M: ['\u041c'],
  O: ['\u041e'],
  P: ['\u0420'],
  T: ['\u0422'],
  X: ['\u0425'],
};

export const EVASION_TECHNIQUES = ['spacing', 'dots', 'leet', 'homoglyph', 'repeat', 'mask'] as const;
export type EvasionTechnique = (typeof EVASION_TECHNIQUES)[number];

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

function substitute(
  word: string,
  table: Readonly<Record<string, readonly string[]>>,
  rand: () => number,
): string {
  const out = [...word].map((ch) => {
    const options = table[ch];
    return options !== undefined && rand() < 0.6 ? pick(options, rand) : ch;
  });
  const changed = out.join('');
  if (changed !== word) return changed;
  // Force at least one substitution where the word allows it.
  const index = [...word].findIndex((ch) => table[ch] !== undefined);
  if (index < 0) return word;
  out[index] = pick(table[[...word][index]!]!, rand);
  return out.join('');
}

/** Applies one evasion technique to one word. */
export function obfuscateWord(word: string, technique: EvasionTechnique, rand: () => number): string {
  const letters = [...word];
  switch (technique) {
    case 'spacing':
      return letters.join(' ');
    case 'dots':
      return letters.join(pick(['.', '-', '_', '*'], rand));
    case 'leet':
      return substitute(word, LEET, rand);
    case 'homoglyph':
      return substitute(word, HOMOGLYPHS, rand);
    case 'repeat': {
      const vowels = letters.map((ch, i) => (/[aeiouy]/i.test(ch) ? i : -1)).filter((i) => i >= 0);
      const at = vowels.length > 0 ? pick(vowels, rand) : letters.length - 1;
      letters[at] = letters[at]!.repeat(2 + Math.floor(rand() * 3));
      return letters.join('');
    }
    case 'mask': {
      const inner = letters.map((_, i) => i).filter((i) => i > 0 && i < letters.length - 1);
      if (inner.length === 0) return word;
      letters[pick(inner, rand)] = '*';
      return letters.join('');
    }
  }
}

/**
 * Disguises a text the way evaders do (spacing "k i l l", dots "k.i.l.l", leetspeak "k1ll", Cyrillic/Greek
 * homoglyphs "kіll", repeated letters "kiiill", masking "k*ll"): one technique, applied to the longest word of
 * three or more letters and, half of the time, one more such word. Deterministic for a given `rand`
 * (e.g. `mulberry32(seed)`); returns the text unchanged when it has no such word.
 */
export function obfuscate(text: string, rand: () => number): string {
  const technique = pick(EVASION_TECHNIQUES, rand);
  const words = text.split(/(\s+)/);
  const candidates = words.map((w, i) => (/^\p{L}{3,}$/u.test(w) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const longest = candidates.reduce((a, b) => (words[b]!.length > words[a]!.length ? b : a));
  const chosen = new Set([longest]);
  if (rand() < 0.5) chosen.add(pick(candidates, rand));
  return words.map((w, i) => (chosen.has(i) ? obfuscateWord(w, technique, rand) : w)).join('');
}

function unitHash(key: string): number {
  return parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) / 2 ** 32;
}

/**
 * Adds an evasion copy (`<id>-evasion`, `augmentation: 'evasion'`, same labels, template and functionality, so
 * it lands in its template's split) for a deterministic `share` (0..1, by hash of the id) of the positives and
 * hard negatives; plain negatives are not copied. Returns the originals followed by the copies.
 */
export function augmentEvasion(cases: readonly TextCase[], share: number): TextCase[] {
  const copies: TextCase[] = [];
  for (const c of cases) {
    if (!c.hardNegative && isNegative(c.labels)) continue;
    if (unitHash(`evasion:${c.id}`) >= share) continue;
    const text = obfuscate(c.text, mulberry32(Math.floor(unitHash(`seed:${c.id}`) * 2 ** 32)));
    if (text !== c.text) copies.push({ ...c, id: `${c.id}-evasion`, text, augmentation: 'evasion' });
  }
  return [...cases, ...copies];
}
