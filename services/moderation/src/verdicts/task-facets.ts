import { CATEGORY_IDS, type VerdictAction } from '@vigil/contracts';

const CATEGORY_SET = new Set<string>(CATEGORY_IDS);

/** What queues filter a task on, derived once when the task opens. */
export interface TaskFacets {
  /** Taxonomy categories the task is about (the actions' categories), sorted. */
  readonly categories: string[];
  /** Highest severity (0..3) among the post's scores in those categories; among all scores when none. */
  readonly severity: number;
}

/**
 * Facets of a review task from the actions that opened it (the `review` actions of a model verdict, or
 * the appealed verdict's actions) and the revision's category scores.
 */
export function taskFacets(
  actions: readonly Pick<VerdictAction, 'category'>[],
  scores: readonly { category: string; severity: number }[],
): TaskFacets {
  const categories = [
    ...new Set(actions.map((a) => a.category).filter((c): c is string => !!c && CATEGORY_SET.has(c))),
  ].sort();
  const relevant = categories.length > 0 ? scores.filter((s) => categories.includes(s.category)) : scores;
  return { categories, severity: Math.max(0, ...relevant.map((s) => s.severity)) };
}

/**
 * Facets of the review task a model verdict opens: its `review` actions and every other category the verdict
 * acts on (remove, age-restrict, blur, label). A post the model removed for a credible threat and sent to
 * review for harassment is about the threat too: its queue filters, severity and triage tier (urgent) count
 * it, although "why in review" lists only the review actions.
 */
export function modelTaskFacets(
  actions: readonly Pick<VerdictAction, 'action' | 'category'>[],
  scores: readonly { category: string; severity: number }[],
): TaskFacets {
  return taskFacets(
    actions.filter((a) => a.action !== 'allow'),
    scores,
  );
}
