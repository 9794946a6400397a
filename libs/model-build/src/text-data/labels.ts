import { CATEGORY_IDS, type CategoryId } from '@vigil/contracts';

export type TextLabels = Partial<Record<CategoryId, 0 | 1>>;

/** Every category a hand-written case can speak to. `sexual/minors` stays unknown everywhere (never generated). */
export const KNOWN_CATEGORIES: readonly CategoryId[] = CATEGORY_IDS.filter((id) => id !== 'sexual/minors');

/** Labels that are 0 for `known` and 1 for `positives` (positives win). */
export function labelsOf(positives: readonly CategoryId[], known: readonly CategoryId[]): TextLabels {
  const labels: TextLabels = {};
  for (const id of known) labels[id] = 0;
  for (const id of positives) labels[id] = 1;
  return labels;
}

/** True when no category is labelled 1. */
export function isNegative(labels: TextLabels): boolean {
  return !Object.values(labels).includes(1);
}
