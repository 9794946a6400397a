import { join } from 'node:path';
import { readCsv, textDataDir } from './csv';
import { TextDataError } from './errors';
import type { TextLabels } from './labels';
import { assignSplits } from './splits';
import type { TextCase } from './types';

/**
 * Davidson et al. (ICWSM 2017) `class` → Vigil labels. 0 hate speech → hate; 1 offensive language → profanity,
 * not hate (the annotators judged it offensive but not hateful; it is mostly swearing and sexist insults, so
 * harassment stays unknown); 2 neither → 0 for hate, profanity and harassment, the three things annotators were
 * asked about. See docs/text-data.md.
 */
const DAVIDSON_LABELS: Readonly<Record<string, TextLabels>> = {
  '0': { hate: 1 },
  '1': { hate: 0, profanity: 1 },
  '2': { hate: 0, profanity: 0, harassment: 0 },
};

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the HTML entities the tweets carry (`&amp;`, `&#8220;`), masks @handles and URLs. */
export function cleanTweet(text: string): string {
  return text
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/&#(\d+);?/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/@\w+/g, '@user')
    .replace(/https?:\/\/\S+/g, 'http://url')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Davidson et al. 2017 (MIT): `<dir>/davidson/labeled_data.csv`, 24,783 English tweets with a majority `class`.
 * `dir` defaults to env VIGIL_TEXT_DATA. One case per tweet (id `davidson-<row>`, its own template). Throws TextDataError when the file is missing,
 * lacks a column or a class is not 0, 1 or 2.
 */
export function loadDavidson(dir?: string): TextCase[] {
  const rows = readCsv(join(textDataDir(dir), 'davidson', 'labeled_data.csv'), ['class', 'tweet']);
  return assignSplits(
    rows.map((row, index) => {
      const rowId = row._col0 ?? String(index);
      const labels = DAVIDSON_LABELS[row.class ?? ''];
      if (labels === undefined) {
        throw new TextDataError('TEXT_DATA_FORMAT', `davidson row ${rowId}: unknown class "${row.class}"`);
      }
      const functionality = { '0': 'hate_speech', '1': 'offensive_language', '2': 'neither' }[row.class!]!;
      return {
        id: `davidson-${rowId}`,
        text: cleanTweet(row.tweet ?? ''),
        lang: 'en',
        labels,
        source: 'davidson',
        template: `davidson:${rowId}`,
        functionality,
        hardNegative: false,
        split: 'train',
      };
    }),
  );
}
