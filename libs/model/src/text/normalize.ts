import { resolveConfusablesTransformer } from 'obscenity';

/**
 * Text normalisation applied before language identification, lexicon matching and the sentence
 * encoder: undoes the usual evasions so that "ｆ r e e  m0ney", "frrreee" or a Cyrillic "а" inside a
 * Latin word read as the plain words.
 *
 * Steps, in order:
 * 1. Unicode NFKC (fullwidth, ligatures, mathematical alphanumerics → plain letters; UAX #15).
 * 2. Zero-width and bidi-control removal (U+200B–U+200F, U+202A–U+202E, U+2060–U+2069, U+FEFF, U+00AD,
 *    U+061C); a zero-width joiner between two emoji is kept (emoji ZWJ sequences, UTS #51).
 * 3. Other control characters become spaces; runs of whitespace collapse.
 * 4. Confusable folding (Unicode TR39 confusables through `obscenity`'s table) for non-Latin letters
 *    inside words that also hold Latin letters (a lone Cyrillic or Greek word is left alone).
 * 5. Spaced letters: three or more single letters separated by spaces, dots, dashes, underscores or
 *    asterisks are joined ("f r e e", "s.e.l.l" → "free", "sell").
 * 6. Leetspeak (0→o, 1→i/l, 3→e, 4→a, 5→s, 7→t, @→a, $→s, !→i) in words that mix letters with those
 *    characters; pure numbers ("2026", "4th") stay.
 * 7. Stretched letters: runs of three or more equal letters become one or two ("frrreee" → "free").
 * Steps 6 and 7 pick, among the candidate spellings, the first that `isWord` accepts (the text encoder
 * passes its WordPiece vocabulary); without a match they keep the most likely candidate.
 * Emoji are kept as they are (they are tokens for the lexicon and the encoder).
 */
export interface NormalizedText {
  /** The normalised text (case kept). */
  readonly text: string;
  /** How many evasion rewrites were applied (steps 4–7): an obfuscation signal for the fusion model. */
  readonly rewrites: number;
  /** Emoji found, in order (ZWJ sequences as one). */
  readonly emoji: readonly string[];
}

export type WordPredicate = (lowercaseWord: string) => boolean;

const INVISIBLE = /[\u00AD\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;
const ZWJ_OUTSIDE_EMOJI = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
const EMOJI =
  /\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*)*/gu;
const SPACED_LETTERS = /(?<![\p{L}\p{N}])\p{L}([ .\-_*]{1,2})\p{L}(?:\1\p{L})+(?![\p{L}\p{N}])/gu;
const LATIN = /\p{Script=Latin}/u;
const LEET: Readonly<Record<string, readonly string[]>> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '7': ['t'],
  '@': ['a'],
  $: ['s'],
  '!': ['i'],
};
const LEET_CHARS = /[013457@$!]/u;
const MAX_CANDIDATES = 64;

const confusables = resolveConfusablesTransformer();

function foldConfusables(word: string): { word: string; changed: boolean } {
  if (!LATIN.test(word)) return { word, changed: false };
  let changed = false;
  let out = '';
  for (const ch of word) {
    if (/\p{L}/u.test(ch) && !LATIN.test(ch)) {
      const mapped = confusables.transform(ch.codePointAt(0)!);
      if (typeof mapped === 'number' && mapped < 0x80 && mapped !== ch.codePointAt(0)) {
        out += String.fromCodePoint(mapped);
        changed = true;
        continue;
      }
    }
    out += ch;
  }
  return { word: out, changed };
}

/** Cartesian expansion of per-position alternatives, capped at MAX_CANDIDATES, in priority order. */
function expand(parts: readonly (readonly string[])[]): string[] {
  let acc = [''];
  for (const alternatives of parts) {
    const next: string[] = [];
    for (const prefix of acc)
      for (const alt of alternatives) if (next.length < MAX_CANDIDATES) next.push(prefix + alt);
    acc = next;
  }
  return acc;
}

function resolveLeet(core: string, isWord: WordPredicate | undefined): { word: string; changed: boolean } {
  if (!LEET_CHARS.test(core) || !/\p{L}/u.test(core) || /^\d+(st|nd|rd|th|s|am|pm|k|m|x|d)?$/iu.test(core))
    return { word: core, changed: false };
  // A trailing "!" is punctuation, not a letter.
  const trailing = /[!]+$/u.exec(core)?.[0] ?? '';
  const body = core.slice(0, core.length - trailing.length);
  if (!LEET_CHARS.test(body)) return { word: core, changed: false };
  const candidates = expand([...body].map((ch) => LEET[ch] ?? [ch]));
  const pick = candidates.find((c) => isWord?.(c.toLowerCase())) ?? candidates[0]!;
  return { word: pick + trailing, changed: pick !== body };
}

function resolveStretch(word: string, isWord: WordPredicate | undefined): { word: string; changed: boolean } {
  const runs = [...word.matchAll(/(\p{L})\1{2,}/gu)];
  if (runs.length === 0) return { word, changed: false };
  // Alternatives per run: doubled first, then single (more doubled runs are tried first overall).
  const parts: string[][] = [];
  let last = 0;
  for (const run of runs) {
    parts.push([word.slice(last, run.index)]);
    parts.push([run[1]! + run[1]!, run[1]!]);
    last = run.index + run[0].length;
  }
  parts.push([word.slice(last)]);
  const candidates = expand(parts).sort(
    (a, b) => b.length - a.length, // stable: keeps the doubled-first order among equal lengths
  );
  const pick = isWord ? candidates.find((c) => isWord(c.toLowerCase())) : undefined;
  return { word: pick ?? candidates[0]!, changed: true };
}

/**
 * Normalises one text (see the module comment for the steps).
 * @param isWord optional dictionary check on lowercase words, used to choose between leetspeak and
 *   stretched-letter readings.
 */
export function normalizeText(input: string, isWord?: WordPredicate): NormalizedText {
  let rewrites = 0;
  let text = input.normalize('NFKC');
  text = text.replace(ZWJ_OUTSIDE_EMOJI, '').replace(INVISIBLE, (ch) => (ch === '\u200D' ? ch : ''));
  text = text.replace(CONTROL, ' ');
  text = text.replace(SPACED_LETTERS, (m: string, sep: string) => {
    rewrites++;
    return m.split(sep).join('');
  });
  const words = text.split(/\s+/u).filter((w) => w.length > 0);
  const out: string[] = [];
  for (const raw of words) {
    // Keep surrounding punctuation aside; rewrite the core.
    const match = /^([^\p{L}\p{N}@$]*)(.*?)([^\p{L}\p{N}!]*)$/u.exec(raw);
    const [lead, core0, tail] = match ? [match[1]!, match[2]!, match[3]!] : ['', raw, ''];
    let core = core0;
    for (const step of [
      (w: string) => foldConfusables(w),
      (w: string) => resolveLeet(w, isWord),
      (w: string) => resolveStretch(w, isWord),
    ]) {
      const r = step(core);
      if (r.changed) rewrites++;
      core = r.word;
    }
    out.push(lead + core + tail);
  }
  text = out.join(' ');
  return { text, rewrites, emoji: text.match(EMOJI) ?? [] };
}
