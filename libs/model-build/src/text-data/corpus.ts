import { existsSync } from 'node:fs';
import { loadDavidson } from './davidson';
import { generateTextCases } from './generators';
import { loadHateCheck, loadMultilingualHateCheck } from './hatecheck';
import { augmentEvasion } from './obfuscate';
import { loadSpamAssassin } from './spam-assassin';
import { assignSplits, type SplitOptions } from './splits';
import type { TextCase } from './types';

export const TEXT_SOURCES = ['hatecheck', 'mhc', 'davidson', 'spam-assassin', 'generated'] as const;
export type TextSource = (typeof TEXT_SOURCES)[number];

export interface TextCorpusOptions {
  /** Folder holding hatecheck/, multilingual-hatecheck/, davidson/ (default: env VIGIL_TEXT_DATA; none = skip them). */
  readonly dataDir?: string;
  /** Sources to load (default all). */
  readonly include?: readonly TextSource[];
  /** MHC languages (default fr, de, es, pt). */
  readonly mhcLangs?: readonly string[];
  /** Share of generated positives and hard negatives that get an evasion-augmented copy (default 0.25). */
  readonly evasionShare?: number;
  readonly split?: SplitOptions;
}

/**
 * The whole text corpus: the public sets found in `dataDir` (HateCheck, MHC, Davidson; skipped when no folder
 * is given or it does not exist), SpamAssassin from its npm package, the generated cases with their evasion
 * copies, and splits assigned over everything at once by split group. Ids are unique across sources.
 * Throws TextDataError when a data file exists but is malformed.
 */
export async function loadTextCorpus(options: TextCorpusOptions = {}): Promise<TextCase[]> {
  const include = new Set(options.include ?? TEXT_SOURCES);
  const dataDir = options.dataDir ?? process.env.VIGIL_TEXT_DATA;
  const hasData = dataDir !== undefined && dataDir !== '' && existsSync(dataDir);
  const cases: TextCase[] = [];
  if (hasData && include.has('hatecheck')) cases.push(...loadHateCheck(dataDir));
  if (hasData && include.has('mhc')) cases.push(...loadMultilingualHateCheck(dataDir, options.mhcLangs));
  if (hasData && include.has('davidson')) cases.push(...loadDavidson(dataDir));
  if (include.has('spam-assassin')) cases.push(...(await loadSpamAssassin()));
  if (include.has('generated')) {
    cases.push(...augmentEvasion(generateTextCases(), options.evasionShare ?? 0.25));
  }
  return assignSplits(cases, options.split);
}
