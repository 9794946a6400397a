import type { RawImage } from '@vigil/contracts';
import { OCR_LANGUAGES, type OcrLanguage, type WordSegmenter } from './segment';
import type { TesseractRead, TesseractReader } from './tesseract';

/** One line after refinement: text, confidence 0..1, the engine whose read was kept, its language. */
export interface RefinedLine {
  readonly text: string;
  readonly confidence: number;
  /** `paddle`, `tesseract`, or `both` (PaddleOCR's words with Tesseract's accents). */
  readonly engine: 'paddle' | 'tesseract' | 'both';
  readonly lang: OcrLanguage;
  /** Why Tesseract's read was not available (its error code), when it was asked and failed. */
  readonly error?: string;
}

/** Tesseract's accented word replaces PaddleOCR's unaccented one from this word confidence on. */
const ACCENT_CONFIDENCE = 0.7;

/** Lowercase without diacritics ("Schön" → "schon"). */
const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Refines PaddleOCR's read of a line in the frame's language (WordSegmenter.language over all its lines):
 * 1. when the language is not English, or some letters are in no word of the list (PaddleOCR has no ß,
 *    ç, ñ, ã, õ, ê, â, ô and reads "Scheiße" as "ScheiB"), Tesseract reads the crop in that language
 *    (all five when the frame looked English);
 * 2. glued words are split in both reads (WordSegmenter.segment);
 * 3. when both have as many words, each PaddleOCR word that Tesseract read as the same letters with
 *    accents (at word confidence ≥ 0.7) takes Tesseract's ("SCHON" → "SCHÖN", "CA" → "ÇA");
 *    otherwise Tesseract's whole read replaces PaddleOCR's when more of it is words, or as much and it
 *    has letters PaddleOCR cannot produce.
 * A Tesseract failure keeps PaddleOCR's read and reports the error code.
 */
export class LineRefiner {
  constructor(
    private readonly segmenter: WordSegmenter,
    private readonly tesseract: TesseractReader | undefined,
    /** Whether PaddleOCR's recogniser can output a character. */
    private readonly paddleHas: (ch: string) => boolean,
  ) {}

  /** The language of a frame: the one its lines read best as. */
  language(lines: readonly string[]): OcrLanguage {
    return this.segmenter.language(lines.join(' '));
  }

  async refine(text: string, confidence: number, crop: RawImage, lang: OcrLanguage): Promise<RefinedLine> {
    const seg = this.segmenter;
    const paddle: RefinedLine = { text: seg.segment(text, lang), confidence, engine: 'paddle', lang };
    const score = seg.score(text, lang);
    if (!this.tesseract || (lang === 'en' && score >= 1)) return paddle;
    let t: TesseractRead;
    try {
      t = await this.tesseract.read(crop, lang === 'en' ? OCR_LANGUAGES : [lang]);
    } catch (error) {
      return { ...paddle, error: (error as { code?: string }).code ?? 'OCR_TESSERACT_FAILED' };
    }
    const pWords = paddle.text.split(' ');
    const tWords = t.words.flatMap((w) =>
      seg
        .segment(w.text, lang)
        .split(' ')
        .map((text) => ({ text, confidence: w.confidence })),
    );
    if (pWords.length === tWords.length) {
      let changed = false;
      const words = pWords.map((p, k) => {
        const w = tWords[k]!;
        const accented = w.text !== p && fold(w.text) === fold(p) && w.confidence >= ACCENT_CONFIDENCE;
        changed ||= accented;
        return accented ? w.text : p;
      });
      if (changed) return { ...paddle, text: words.join(' '), engine: 'both' };
    }
    const tText = tWords.map((w) => w.text).join(' ');
    const tScore = seg.score(t.text, lang);
    const newLetters = [...tText].some((ch) => /\p{L}/u.test(ch) && !this.paddleHas(ch));
    if (tScore > score || (tScore === score && tScore > 0 && newLetters))
      return { text: tText, confidence: t.confidence, engine: 'tesseract', lang };
    return paddle;
  }
}
