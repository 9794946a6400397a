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

/** Uniform in [0, 1) from the first 48 bits of SHA-256(`seed:key`). */
function unitHash(seed: number, key: string): number {
  return parseInt(createHash('sha256').update(`${seed}:${key}`).digest('hex').slice(0, 12), 16) / 2 ** 48;
}

/**
 * Assigns train/dev/test by split group (`family ?? template`), never by row, so every case of a template — its
 * translations, derived variants and augmented copies — lands in one split and test phrasings are unseen in
 * training. Stratified by functionality: within each `source` + `functionality`, the groups not yet placed are
 * ordered by a seeded hash and cut by systematic sampling (a hashed offset, then every group at position
 * (i + offset) / n goes to test below `test`, dev below `test + dev`), so even a functionality with a handful of
 * templates gets its share of test templates instead of a coin flip per template. Functionalities are visited
 * smallest first; a group shared by several keeps the split it got first. Cases whose functionality is in
 * `holdOutFunctionalities` all go to test. Deterministic for a seed; returns new objects.
 * Throws RangeError when dev or test is negative or dev + test > 1.
 */
export function assignSplits(cases: readonly TextCase[], options: SplitOptions = {}): TextCase[] {
  const dev = options.dev ?? DEFAULT_SPLIT.dev;
  const test = options.test ?? DEFAULT_SPLIT.test;
  const seed = options.seed ?? DEFAULT_SPLIT.seed;
  if (dev < 0 || test < 0 || dev + test > 1) {
    throw new RangeError(`split shares must be ≥ 0 with dev + test ≤ 1, got dev ${dev}, test ${test}`);
  }
  const heldOut = new Set(options.holdOutFunctionalities ?? []);
  const groupsByStratum = new Map<string, Set<string>>();
  for (const c of cases) {
    if (heldOut.has(c.functionality)) continue;
    const stratum = `${c.source}\u0000${c.functionality}`;
    const groups = groupsByStratum.get(stratum) ?? new Set<string>();
    groups.add(splitGroup(c));
    groupsByStratum.set(stratum, groups);
  }
  const splitOf = new Map<string, TextSplit>();
  const strata = [...groupsByStratum.entries()].sort(
    ([a, ga], [b, gb]) => ga.size - gb.size || (a < b ? -1 : 1),
  );
  for (const [stratum, groups] of strata) {
    const open = [...groups]
      .filter((g) => !splitOf.has(g))
      .map((g) => ({ g, h: unitHash(seed, g) }))
      .sort((a, b) => a.h - b.h);
    const offset = unitHash(seed, `offset:${stratum}`);
    open.forEach(({ g }, i) => {
      const u = (i + offset) / open.length;
      splitOf.set(g, u < test ? 'test' : u < test + dev ? 'dev' : 'train');
    });
  }
  return cases.map((c) => ({
    ...c,
    split: heldOut.has(c.functionality) ? 'test' : (splitOf.get(splitGroup(c)) ?? 'train'),
  }));
}
