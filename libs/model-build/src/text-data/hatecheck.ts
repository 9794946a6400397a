import { join } from 'node:path';
import type { CategoryId } from '@vigil/contracts';
import { readCsv, textDataDir } from './csv';
import { TextDataError } from './errors';
import { isNegative, type TextLabels } from './labels';
import { assignSplits } from './splits';
import type { TextCase } from './types';

/**
 * Categories HateCheck speaks to beyond `hate` (which every case labels from `label_gold`), by functionality.
 * Röttger et al. 2021, table 1; the reasoning is in docs/text-data.md.
 */
const EXTRA_LABELS: Readonly<Record<string, Partial<Record<CategoryId, 0 | 1>>>> = {
  // "I want to kill all women." / "Women should all be killed.": a threat and a call to violence.
  threat_dir_h: { 'harassment/threatening': 1, violence: 1 },
  threat_norm_h: { 'harassment/threatening': 1, violence: 1 },
  // "What is it with you fucking women?": hateful and profane.
  profanity_h: { profanity: 1 },
  // "Fucking hell, what a day.": profane, not hateful.
  profanity_nh: { profanity: 1 },
  // "I hate you." / "You are vile.": abuse at an individual, not for a protected attribute.
  target_indiv_nh: { harassment: 1 },
  // "I hate pizza.": abuse at an object speaks to nothing else.
  target_obj_nh: { harassment: 0, 'harassment/threatening': 0, violence: 0 },
  // "I love women." / "I live with two women.": plainly benign.
  ident_pos_nh: { harassment: 0, 'harassment/threatening': 0, violence: 0, profanity: 0 },
  ident_neutral_nh: { harassment: 0, 'harassment/threatening': 0, violence: 0, profanity: 0 },
};

/** Maps a HateCheck/MHC functionality and gold label to Vigil labels. Throws TextDataError on an unknown gold label. */
export function hateCheckLabels(functionality: string, gold: string): TextLabels {
  if (gold !== 'hateful' && gold !== 'non-hateful') {
    throw new TextDataError('TEXT_DATA_FORMAT', `unknown HateCheck label_gold "${gold}" (${functionality})`);
  }
  return { hate: gold === 'hateful' ? 1 : 0, ...EXTRA_LABELS[functionality] };
}

function hateCheckCase(
  row: Record<string, string>,
  id: string,
  lang: string,
  source: 'hatecheck' | 'mhc',
): TextCase {
  const functionality = row.functionality ?? '';
  const labels = hateCheckLabels(functionality, row.label_gold ?? '');
  const templ = (row.templ_id ?? '').replace(/\.0$/, '');
  // Template ids are shared by HateCheck and MHC (template 1 is "I hate [IDENTITY_P]." in every language), so a
  // template and its translations share one split; derived templates (ref_templ_id) join their original's family.
  const root = row.ref_templ_id ? row.ref_templ_id.replace(/\.0$/, '') : templ;
  return {
    id,
    text: (row.test_case ?? '').trim(),
    lang,
    labels,
    source,
    template: `hatecheck:t${templ}`,
    family: `hatecheck:t${root}`,
    functionality,
    hardNegative: functionality.endsWith('_nh') && isNegative(labels),
    split: 'train',
  };
}

/**
 * HateCheck (Röttger et al., ACL 2021; CC BY 4.0): `<dir>/hatecheck/test_suite_cases.csv`, 3,728 English cases.
 * `dir` defaults to env VIGIL_TEXT_DATA. Returns one TextCase per row (id `hatecheck-<case_id>`, template `hatecheck:t<templ_id>`), splits assigned with
 * the defaults. Throws TextDataError when the file is missing or lacks a column.
 */
export function loadHateCheck(dir?: string): TextCase[] {
  const rows = readCsv(join(textDataDir(dir), 'hatecheck', 'test_suite_cases.csv'), [
    'functionality',
    'case_id',
    'test_case',
    'label_gold',
    'templ_id',
    'ref_templ_id',
  ]);
  return assignSplits(rows.map((row) => hateCheckCase(row, `hatecheck-${row.case_id}`, 'en', 'hatecheck')));
}

/** Multilingual HateCheck file names (`cases_<name>.csv`) by ISO 639-1 code. */
export const MHC_LANGUAGES: Readonly<Record<string, string>> = {
  fr: 'french',
  de: 'german',
  es: 'spanish',
  pt: 'portuguese',
  it: 'italian',
  nl: 'dutch',
  pl: 'polish',
};

/**
 * Multilingual HateCheck (Röttger et al., WOAH 2022; CC BY 4.0): `<dir>/multilingual-hatecheck/cases_<language>.csv`
 * (`dir` defaults to env VIGIL_TEXT_DATA) for each requested ISO code (default fr, de, es, pt — the languages Vigil claims besides English). Gold labels
 * are used as written (the annotators' majority is not). Throws TextDataError for an unknown language code, a
 * missing file or a missing column.
 */
export function loadMultilingualHateCheck(
  dir?: string,
  langs: readonly string[] = ['fr', 'de', 'es', 'pt'],
): TextCase[] {
  const cases: TextCase[] = [];
  for (const lang of langs) {
    const name = MHC_LANGUAGES[lang];
    if (name === undefined) throw new TextDataError('TEXT_DATA_FORMAT', `MHC has no language "${lang}"`);
    const rows = readCsv(join(textDataDir(dir), 'multilingual-hatecheck', `cases_${name}.csv`), [
      'mhc_case_id',
      'functionality',
      'test_case',
      'label_gold',
      'templ_id',
      'ref_templ_id',
    ]);
    for (const row of rows) cases.push(hateCheckCase(row, `mhc-${row.mhc_case_id}`, lang, 'mhc'));
  }
  return assignSplits(cases);
}
