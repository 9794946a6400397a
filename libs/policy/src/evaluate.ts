import {
  ACTIONS,
  type Action,
  type CategoryId,
  type ErrorDetail,
  type InferenceResult,
  type VerdictAction,
} from '@vigil/contracts';
import type { CategoryRule, PolicyDocument } from './schema';

/** What a policy looks at: the parts of an inference result that decisions depend on. */
export interface PolicyInput {
  /** `error` when nothing could be assessed. */
  readonly status: 'ok' | 'error';
  readonly errors: readonly Pick<ErrorDetail, 'code'>[];
  /** BCP 47 language of the caption (detected or the platform's hint), when known. */
  readonly lang?: string;
  /** Calibrated category scores, 0..1. */
  readonly scores: readonly { readonly category: CategoryId; readonly score: number }[];
  readonly not_covered: readonly CategoryId[];
  readonly hash_matches: readonly { readonly bank: string; readonly bank_action: string }[];
}

/** The policy's decision: which policy version decided, and every action with the rule that fired. */
export interface PolicyDecision {
  readonly policy: { readonly id: string; readonly version: string };
  /** Strongest first (then higher score first); never empty — `default.allow` when no rule fired. */
  readonly actions: VerdictAction[];
}

/** Rank of an action: allow 0 < label < blur < age_restrict < review < remove 5 (the order of `ACTIONS`). */
export function actionStrength(action: Action): number {
  return ACTIONS.indexOf(action);
}

/** The strongest action of a list (`allow` for an empty one). */
export function strongestAction(actions: readonly Pick<VerdictAction, 'action'>[]): Action {
  let best: Action = 'allow';
  for (const a of actions) if (actionStrength(a.action) > actionStrength(best)) best = a.action;
  return best;
}

/** The policy input of a classifier result. */
export function policyInputFromResult(result: InferenceResult): PolicyInput {
  return {
    status: result.status,
    errors: result.errors,
    lang: result.caption.lang,
    scores: result.scores,
    not_covered: result.coverage.not_covered,
    hash_matches: result.hash_matches,
  };
}

/** The language override entry for `lang`: exact tag first (case-insensitive), then its primary subtag. */
function languageOverride(policy: PolicyDocument, lang: string | undefined) {
  if (!lang) return undefined;
  const entries = Object.entries(policy.languages);
  const wanted = lang.toLowerCase();
  const primary = wanted.split('-')[0];
  const exact = entries.find(([tag]) => tag.toLowerCase() === wanted);
  if (exact) return { tag: exact[0], categories: exact[1].categories };
  const byPrimary = entries.find(([tag]) => tag.toLowerCase() === primary);
  return byPrimary ? { tag: byPrimary[0], categories: byPrimary[1].categories } : undefined;
}

/**
 * The rule a score falls under: the crossed rule (`score >= min_score`) with the highest threshold, so
 * a category's rules read as a ladder ("from 0.5 age-restrict, from 0.75 blur, from 0.92 remove");
 * equal thresholds go to the stronger action. Undefined when no threshold is reached.
 */
function firingRule(rules: readonly CategoryRule[], score: number): CategoryRule | undefined {
  let best: CategoryRule | undefined;
  for (const rule of rules) {
    if (score < rule.min_score) continue;
    if (
      !best ||
      rule.min_score > best.min_score ||
      (rule.min_score === best.min_score && actionStrength(rule.action) > actionStrength(best.action))
    ) {
      best = rule;
    }
  }
  return best;
}

/**
 * Applies a policy to one post revision's scores and signals. Pure and deterministic.
 *
 * - Category scores: per category the crossed rule with the highest threshold fires (thresholds are
 *   inclusive: `score >= min_score`); a language override replaces that category's rules when the caption language matches.
 * - Uncovered categories (`not_covered`): the `uncovered` rule per category, else its `action`.
 * - Hash matches: per bank name, else per the bank's requested action, else `otherwise`.
 * - Errors: `errors.on_status_error` when the status is `error`; per partial error code otherwise.
 * - `allow` from a signal rule is not listed; when nothing fires the only action is `default.allow`.
 *
 * @returns actions sorted strongest first, each naming its rule, category or signal, and for scores the
 *   score and the threshold it crossed.
 */
export function evaluatePolicy(policy: PolicyDocument, input: PolicyInput): PolicyDecision {
  const actions: VerdictAction[] = [];
  const override = languageOverride(policy, input.lang);

  for (const { category, score } of input.scores) {
    const overridden = override?.categories[category];
    const rules = overridden ?? policy.categories[category] ?? [];
    const rule = firingRule(rules, score);
    if (!rule) continue;
    const suffix = overridden ? `@${override!.tag}` : '';
    actions.push({
      action: rule.action,
      rule: rule.id ?? `${category}.${rule.action}${suffix}`,
      category,
      score,
      threshold: rule.min_score,
    });
  }

  for (const category of new Set(input.not_covered)) {
    const action = policy.uncovered.categories[category] ?? policy.uncovered.action;
    if (action !== 'allow') actions.push({ action, rule: `uncovered.${action}`, category });
  }

  // One action per distinct action, naming every bank that asked for it.
  const hashActions = new Map<Action, { rule: string; banks: string[] }>();
  for (const match of input.hash_matches) {
    const byBank = policy.hash_match.banks[match.bank];
    const action = byBank ?? policy.hash_match.bank_actions[match.bank_action] ?? policy.hash_match.otherwise;
    const rule = byBank ? `hash_match.${match.bank}.${action}` : `hash_match.${action}`;
    if (action === 'allow') continue;
    const entry = hashActions.get(action) ?? { rule, banks: [] };
    if (!entry.banks.includes(match.bank)) entry.banks.push(match.bank);
    hashActions.set(action, entry);
  }
  for (const [action, { rule, banks }] of hashActions)
    actions.push({ action, rule, category: 'hash_match', banks: banks.sort() });

  if (input.status === 'error') {
    const action = policy.errors.on_status_error;
    if (action !== 'allow') actions.push({ action, rule: `error.${action}`, category: 'error' });
  } else {
    const seen = new Set<string>();
    for (const { code } of input.errors) {
      const byCode = policy.errors.on_codes[code];
      const action = byCode ?? policy.errors.on_other;
      const rule = byCode ? `error.${code}.${action}` : `error.other.${action}`;
      if (action === 'allow' || seen.has(rule)) continue;
      seen.add(rule);
      actions.push({ action, rule, category: 'error' });
    }
  }

  if (actions.length === 0) actions.push({ action: 'allow', rule: 'default.allow' });
  actions.sort(
    (a, b) => actionStrength(b.action) - actionStrength(a.action) || (b.score ?? -1) - (a.score ?? -1),
  );
  return { policy: { id: policy.id, version: policy.version }, actions };
}
