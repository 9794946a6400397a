import { createHash } from 'node:crypto';
import type { TextCase, TextSplit } from './types';

export interface SplitOptions {
  /** Share of split groups sent to dev, 0..1 (default 0.15). */
  readonly dev?: number;
  /** Share of split groups sent to test, 0..1 (default 0.15). */
  readonly test?: number;
  /** Changes which groups land where; the same seed always gives the same splits (default 0). */
  readonly seed?: number;
  /** Functionalities held out entirely: every case of these goes to test (e.g. `spell_leet_h` to measure evasion). */
  readonly holdOutFunctionalities?: readonly string[];
}

export const DEFAULT_SPLIT: Required<Omit<SplitOptions, 'holdOutFunctionalities'>> = {
  dev: 0.15,
  test: 0.15,
  seed: 0,
};

/** The split group of a case: its `family` when set (template and derived templates), else its `template`. */
export function splitGroup(c: Pick<TextCase, 'template' | 'family'>): string {
  return c.family ?? c.template;
}

/** Text as compared for duplicates: NFKC, lower case, letters and digits only, single spaces. */
export function duplicateKey(c: Pick<TextCase, 'lang' | 'text'>): string {
  const words = c.text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `${c.lang}|${words}`;
}

/**
 * Merges split groups whose cases share a text (after `duplicateKey`): the same tweet posted twice, the same
 * email in two folders, a generated caption that two templates happen to produce. Returns group → merged group.
 */
function mergeDuplicateGroups(cases: readonly TextCase[]): (group: string) => string {
  const parent = new Map<string, string>();
  const find = (g: string): string => {
    let root = g;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(g, root);
    return root;
  };
  const byText = new Map<string, string>();
  for (const c of cases) {
    const group = splitGroup(c);
    const key = duplicateKey(c);
    const seen = byText.get(key);
    if (seen === undefined) byText.set(key, group);
    else if (find(seen) !== find(group)) parent.set(find(group), find(seen));
  }
  return find;
}

/** Uniform in [0, 1) from the first 48 bits of SHA-256(`seed:key`). */
function unitHash(seed: number, key: string): number {
  return parseInt(createHash('sha256').update(`${seed}:${key}`).digest('hex').slice(0, 12), 16) / 2 ** 48;
}

/**
 * Golden-ratio (Weyl) sequence step: frac(offset + i·φ⁻¹) spreads positions evenly over [0, 1), so any run of
 * consecutive groups (one functionality's templates) gets close to its share of each split.
 */
const GOLDEN = 0.6180339887498949;

/** A stratum with this many split groups or more always gets at least one test and one dev group. */
export const MIN_GROUPS_FOR_ALL_SPLITS = 4;

/** The stratum of a case: its source and label signature (positive categories, hard negative or not). */
function stratumOf(c: TextCase): string {
  const positives = Object.entries(c.labels)
    .filter(([, value]) => value === 1)
    .map(([id]) => id)
    .sort();
  return `${c.source}|${positives.join(',')}|${c.hardNegative ? 'hard' : ''}`;
}

/**
 * Assigns train/dev/test by split group (`family ?? template`), never by row, so every case of a template — its
 * translations, derived variants and augmented copies — lands in one split and test phrasings are unseen in
 * training. Groups that share a text (`duplicateKey`) are merged first, so no text is in two splits.
 * Stratified: within each stratum (source + positive categories + hard-negative flag), the groups not yet placed
 * are ordered by functionality, then by a seeded hash; the i-th gets position frac(offset + i·φ⁻¹) (golden-ratio
 * steps from a hashed offset), and the round(n·test) lowest positions go to test, the next round(n·dev) to dev
 * (at least one each once a stratum has MIN_GROUPS_FOR_ALL_SPLITS groups), the rest to train. So every kind of
 * case gets its share of test templates, spread over its functionalities, instead of a coin flip per template.
 * Strata are visited smallest first; a group shared by several keeps the split it got first. Cases
 * whose functionality is in `holdOutFunctionalities` all go to test. Deterministic for a seed; returns new
 * objects. Throws RangeError when dev or test is negative or dev + test > 1.
 */
export function assignSplits(cases: readonly TextCase[], options: SplitOptions = {}): TextCase[] {
  const dev = options.dev ?? DEFAULT_SPLIT.dev;
  const test = options.test ?? DEFAULT_SPLIT.test;
  const seed = options.seed ?? DEFAULT_SPLIT.seed;
  if (dev < 0 || test < 0 || dev + test > 1) {
    throw new RangeError(`split shares must be ≥ 0 with dev + test ≤ 1, got dev ${dev}, test ${test}`);
  }
  const heldOut = new Set(options.holdOutFunctionalities ?? []);
  const mergedGroup = mergeDuplicateGroups(cases);
  const groupOf = (c: TextCase): string => mergedGroup(splitGroup(c));
  // stratum → group → functionality (the first seen), for ordering.
  const strata = new Map<string, Map<string, string>>();
  for (const c of cases) {
    if (heldOut.has(c.functionality)) continue;
    const key = stratumOf(c);
    const groups = strata.get(key) ?? new Map<string, string>();
    if (!groups.has(groupOf(c))) groups.set(groupOf(c), c.functionality);
    strata.set(key, groups);
  }
  const splitOf = new Map<string, TextSplit>();
  const ordered = [...strata.entries()].sort(([a, ga], [b, gb]) => ga.size - gb.size || (a < b ? -1 : 1));
  for (const [stratum, groups] of ordered) {
    const open = [...groups]
      .filter(([g]) => !splitOf.has(g))
      .map(([g, functionality]) => ({ g, functionality, h: unitHash(seed, g) }))
      .sort((a, b) =>
        a.functionality < b.functionality ? -1 : a.functionality > b.functionality ? 1 : a.h - b.h,
      );
    const offset = unitHash(seed, `offset:${stratum}`);
    // Exact counts (at least one test and one dev group once a stratum has MIN_GROUPS_FOR_ALL_SPLITS), given
    // to the groups with the lowest golden-ratio positions, which are spread evenly over the ordering.
    const quota = (share: number): number =>
      Math.max(
        open.length >= MIN_GROUPS_FOR_ALL_SPLITS && share > 0 ? 1 : 0,
        Math.round(open.length * share),
      );
    const nTest = quota(test);
    const nDev = Math.min(quota(dev), open.length - nTest);
    open
      .map(({ g }, i) => ({ g, u: (offset + i * GOLDEN) % 1 }))
      .sort((a, b) => a.u - b.u)
      .forEach(({ g }, rank) =>
        splitOf.set(g, rank < nTest ? 'test' : rank < nTest + nDev ? 'dev' : 'train'),
      );
  }
  return cases.map((c) => ({
    ...c,
    split: heldOut.has(c.functionality) ? 'test' : (splitOf.get(groupOf(c)) ?? 'train'),
  }));
}
