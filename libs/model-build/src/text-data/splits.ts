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
 * Assigns train/dev/test by a hash of each case's split group (`family ?? template`), never by row, so every
 * case of a template — and its augmented copies — lands in one split and test phrasings are unseen in
 * training. Deterministic for a seed; shares are of groups, not of cases. Cases whose functionality is in
 * `holdOutFunctionalities` all go to test. Returns new objects; the input is not changed.
 * Throws RangeError when dev + test is outside 0..1.
 */
export function assignSplits(cases: readonly TextCase[], options: SplitOptions = {}): TextCase[] {
  const dev = options.dev ?? DEFAULT_SPLIT.dev;
  const test = options.test ?? DEFAULT_SPLIT.test;
  const seed = options.seed ?? DEFAULT_SPLIT.seed;
  if (dev < 0 || test < 0 || dev + test > 1) {
    throw new RangeError(`split shares must be ≥ 0 with dev + test ≤ 1, got dev ${dev}, test ${test}`);
  }
  const heldOut = new Set(options.holdOutFunctionalities ?? []);
  const memo = new Map<string, TextSplit>();
  return cases.map((c) => {
    if (heldOut.has(c.functionality)) return { ...c, split: 'test' };
    const group = splitGroup(c);
    let split = memo.get(group);
    if (split === undefined) {
      const u = unitHash(seed, group);
      split = u < test ? 'test' : u < test + dev ? 'dev' : 'train';
      memo.set(group, split);
    }
    return { ...c, split };
  });
}
