import { existsSync, readFileSync } from 'node:fs';

/** Languages the OCR post-processing knows words of (the design card's five). */
export const OCR_LANGUAGES = ['en', 'fr', 'de', 'es', 'pt'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/**
 * Debian's word lists (packages wamerican, wbritish, wfrench, wngerman, wspanish, wportuguese): one inflected
 * word form a line, UTF-8. English reads both spellings: with the American list alone, "COLOURS" split into
 * "COL OURS".
 */
export const DEBIAN_WORD_LISTS: Readonly<Record<OcrLanguage, string | readonly string[]>> = {
  en: ['/usr/share/dict/american-english', '/usr/share/dict/british-english'],
  fr: '/usr/share/dict/french',
  de: '/usr/share/dict/ngerman',
  es: '/usr/share/dict/spanish',
  pt: '/usr/share/dict/portuguese',
};

/**
 * The words of one or two letters a split may produce (function words, written for Vigil): the lists
 * hold hundreds of rare short entries ("gal", "ana", "cu") that would otherwise chop misread words.
 */
const SHORT_WORDS: Readonly<Record<OcrLanguage, readonly string[]>> = {
  en: 'a i am an as at be by do go he if in is it me my no of oh ok on or so to up us we'.split(' '),
  fr: 'a à y au ce de du en et il je la le ma me ne ni on ou où sa se si ta te tu un va vu'.split(' '),
  de: 'ab am an da du er es ja im in ob so um wo zu'.split(' '),
  es: 'a e o u y al da de el en es ha la le lo me mi ni no se sé si sí su te tu tú un va ya yo'.split(' '),
  pt: 'a à e é o ao as da de do em eu há já lá me na no os se só te tu um vá vi'.split(' '),
};

/** A word list file is missing or empty. */
export class WordListError extends Error {
  readonly code = 'OCR_WORD_LIST_MISSING';
  constructor(
    readonly lang: string,
    readonly file: string,
  ) {
    super(`ocr: word list for ${lang} not found or empty: ${file}`);
    this.name = 'WordListError';
  }
}

/** Longest word a split considers, in letters. */
const MAX_WORD = 24;
/** Runs shorter than this are left as they are (OCR fragments such as "AIS" are not split). */
const MIN_RUN = 4;
/** A split whose words average fewer letters than this is a misread, not glued words ("ma han a"). */
const MIN_MEAN_WORD = 2;

const LETTERS = /\p{L}+/gu;
/** First or last part of a web address ("WWW.SHOP.COM"): its dots are dots. */
const DOMAIN_PART = /^(www|com|net|org|info|biz|io|ly|co|uk|de|fr|es|pt|br|eu|me)$/i;

/**
 * Splits glued words in OCR lines ("IKNOW WHEREYOU LIVE" → "I KNOW WHERE YOU LIVE") with a word list per
 * language: a run of letters that is not a word is split into the fewest words that spell it exactly
 * (dynamic programming over the run, cost 1 per word plus 0.5 per two-letter and 0.6 per one-letter
 * word, so "where you" beats "where yo u" and "eu sei" beats "e usei"); a run shorter than 5 letters,
 * one with no such split, or one whose split averages under 2 letters a word is left alone. Punctuation, digits, case and existing spaces
 * are kept. The minimum-word-count rule is the classic maximum-matching segmentation (Wong & Chan 1996);
 * word lists are Debian's (no frequencies), so ties between equally short splits go to the earliest
 * longer first word.
 */
/** Lowercase without diacritics ("Schön" → "schon"); ß stays. */
export const foldAccents = (w: string): string =>
  w.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();

/** One language's lists: split pieces, whole words, and accent restorations by folded form. */
interface Lexicon {
  /** Words a split may produce (lowercase entries; German: all, its nouns are capitalised). */
  readonly pieces: ReadonlySet<string>;
  /** Words a whole run may be (every entry lowercased, names and days included). */
  readonly words: ReadonlySet<string>;
  /** Folded form → the one accented word it folds from (null when several words fold to it). */
  readonly accents: ReadonlyMap<string, string | null>;
}

export class WordSegmenter {
  private constructor(private readonly lexicons: ReadonlyMap<OcrLanguage, Lexicon>) {}

  /**
   * Loads word lists, one file or several a language (apostrophe forms left out). German entries with ß also count in their capitals
   * spelling with SS ("weiß" → "weiss"), since "ß".toUpperCase() is "SS".
   * @throws WordListError when a file is missing or has no words.
   */
  static fromFiles(
    files: Readonly<Partial<Record<OcrLanguage, string | readonly string[]>>> = DEBIAN_WORD_LISTS,
  ): WordSegmenter {
    const lexicons = new Map<OcrLanguage, Lexicon>();
    for (const lang of OCR_LANGUAGES) {
      const paths = [files[lang] ?? []].flat();
      if (paths.length === 0) continue;
      const file = paths.join(', ');
      const missing = paths.find((path) => !existsSync(path));
      if (missing !== undefined) throw new WordListError(lang, missing);
      const pieces = new Set<string>(SHORT_WORDS[lang]);
      const words = new Set<string>(SHORT_WORDS[lang]);
      for (const raw of paths.flatMap((path) => readFileSync(path, 'utf8').split('\n'))) {
        const w = raw.trim().normalize('NFC');
        if (w.length < 2 || w.includes("'")) continue;
        const lower = w.toLowerCase();
        for (const form of lang === 'de' && lower.includes('ß')
          ? [lower, lower.replace(/ß/g, 'ss')]
          : [lower]) {
          words.add(form);
          if (lang === 'de' || w === lower) pieces.add(form);
        }
      }
      if (words.size <= SHORT_WORDS[lang].length) throw new WordListError(lang, file);
      const accents = new Map<string, string | null>();
      for (const w of words) {
        const f = foldAccents(w);
        if (f === w) continue;
        accents.set(f, words.has(f) || (accents.has(f) && accents.get(f) !== w) ? null : w);
      }
      lexicons.set(lang, { pieces, words, accents });
    }
    return new WordSegmenter(lexicons);
  }

  /** Languages with a word list loaded. */
  get languages(): OcrLanguage[] {
    return [...this.lexicons.keys()];
  }

  /** Whether `word` (any case) is a word of `lang`; of one or two letters, only the short words. */
  has(lang: OcrLanguage, word: string, as: 'words' | 'pieces' = 'words'): boolean {
    const w = word.toLowerCase();
    const lex = this.lexicons.get(lang);
    if (!lex) return false;
    return w.length <= 2 ? SHORT_WORDS[lang].includes(w) : lex[as].has(w);
  }

  /**
   * The word of `lang` that `run` spells without its accents, in `run`'s case ("MUNCHEN" → "MÜNCHEN",
   * "opiniao" → "opinião"), when exactly one word folds to it and `run` itself is no word.
   */
  restoreAccents(lang: OcrLanguage, run: string): string | undefined {
    const lex = this.lexicons.get(lang);
    if (!lex || this.has(lang, run)) return undefined;
    const word = lex.accents.get(foldAccents(run));
    if (!word || [...word].length !== [...run].length) return undefined;
    const chars = [...run];
    return [...word].map((c, k) => (chars[k] === chars[k]!.toLowerCase() ? c : c.toUpperCase())).join('');
  }

  /**
   * Split points of one run of letters into words of `lang` (indices where a new word starts, 0
   * excluded), or undefined when the run is a word or cannot be spelt with words.
   */
  private split(lang: OcrLanguage, run: string): number[] | undefined {
    if (run.length < MIN_RUN || this.has(lang, run) || this.restoreAccents(lang, run)) return undefined;
    const n = run.length;
    const cost = new Array<number>(n + 1).fill(Infinity);
    const from = new Array<number>(n + 1).fill(-1);
    cost[0] = 0;
    for (let j = 1; j <= n; j++)
      for (let i = Math.max(0, j - MAX_WORD); i < j; i++) {
        if (cost[i] === Infinity || !this.has(lang, run.slice(i, j), 'pieces')) continue;
        const c = cost[i]! + 1 + (j - i === 2 ? 0.5 : j - i === 1 ? 0.6 : 0);
        if (c < cost[j]!) {
          cost[j] = c;
          from[j] = i;
        }
      }
    if (cost[n] === Infinity) return undefined;
    const starts: number[] = [];
    for (let j = n; j > 0; j = from[j]!) if (from[j]! > 0) starts.push(from[j]!);
    return n / (starts.length + 1) >= MIN_MEAN_WORD ? starts.reverse() : undefined;
  }

  /**
   * How well `text` reads as `lang`, 0..1: the share of its letters (in runs of 2 or more) that are in
   * words of the list, counting a run that is a word fully and one that splits into words half.
   */
  score(text: string, lang: OcrLanguage): number {
    let total = 0;
    let known = 0;
    for (const [run] of text.normalize('NFC').matchAll(LETTERS)) {
      if (run.length < 2) continue;
      total += run.length;
      if (this.has(lang, run) || this.restoreAccents(lang, run)) known += run.length;
      else if (this.split(lang, run)) known += run.length / 2;
    }
    return total ? known / total : 0;
  }

  /** The language `text` reads best as (ties: the earlier of OCR_LANGUAGES, so English first). */
  language(text: string): OcrLanguage {
    let best: OcrLanguage = this.languages[0] ?? 'en';
    let bestScore = -1;
    for (const lang of this.languages) {
      const s = this.score(text, lang);
      if (s > bestScore) [best, bestScore] = [lang, s];
    }
    return best;
  }

  /**
   * `text` with accents restored where a run is a word without them ("MUNCHEN" → "MÜNCHEN"), glued
   * words of `lang` split by spaces, and a space after , ; : ! ? between letters ("Warning:wet" →
   * "Warning: wet"), and dots read for spaces in a capitals run of three or more words of `lang`, one of
   * three letters or more ("I.WILL.BEAT" → "I WILL BEAT"; "U.S.A" and "WWW.SHOP.COM" stay), and a word
   * read lower-case only in its first letter capitalised ("vENDO" → "VENDO": v, w, s, o, c, x, z look the
   * same in both cases); everything else unchanged.
   */
  segment(text: string, lang: OcrLanguage): string {
    const nfc = text
      .normalize('NFC')
      .replace(/(\p{L})([,;:!?])(?=\p{L})/gu, '$1$2 ')
      .replace(/(?<!\p{L})(\p{Ll})(?=\p{Lu}{2,}(?!\p{L}))/gu, (first) => first.toUpperCase())
      .replace(/\p{Lu}+(?:\.\p{Lu}+){2,}/gu, (run) => {
        const words = run.split('.');
        const dotsForSpaces =
          words.every((w) => this.has(lang, w)) &&
          words.some((w) => w.length >= 3) &&
          !DOMAIN_PART.test(words[0]!) &&
          !DOMAIN_PART.test(words.at(-1)!);
        return dotsForSpaces ? words.join(' ') : run;
      });
    return nfc.replace(LETTERS, (run) => {
      const restored = this.restoreAccents(lang, run);
      if (restored) return restored;
      const starts = this.split(lang, run);
      if (!starts) return run;
      let out = '';
      let prev = 0;
      for (const s of starts) {
        out += `${run.slice(prev, s)} `;
        prev = s;
      }
      return out + run.slice(prev);
    });
  }
}
