import { REVIEW_REASONS, type ReviewDecision } from '@vigil/contracts';
import { ApiError } from '../http/api-error';
import { TRIAGE_TIERS } from './triage';

/** The urgent triage tier: sexual content involving minors, self-harm with intent, credible threats. */
const URGENT_TIER = TRIAGE_TIERS[0].tier;

/** Reasons that are high severity on any task: they assert the content is illegal (a platform may report it). */
const HIGH_SEVERITY_REASONS: Readonly<Partial<Record<ReviewDecision, readonly string[]>>> = {
  remove: ['illegal_content'],
};

/**
 * Whether a decision is high severity, so that the dashboard asks the moderator to confirm it and the API
 * refuses it without `confirmed: true`: a final decision (approve, remove, age-restrict) on a task in the
 * urgent triage tier (whichever way it goes, content about a child, a life at risk or a credible threat
 * stays up or is taken down, and the platform acts on it once the undo window ends), and a removal as
 * illegal content. Escalating is never high severity: it hands the task to a senior reviewer.
 */
export function isHighSeverity(decision: ReviewDecision, reasonCode: string, triageTier: number): boolean {
  if (decision === 'escalate') return false;
  if (triageTier === URGENT_TIER) return true;
  return HIGH_SEVERITY_REASONS[decision]?.includes(reasonCode) ?? false;
}

/** Every (decision, reason) pair that needs a confirmation on a task of `triageTier` (for the item view). */
export function highSeverityDecisions(
  triageTier: number,
): { decision: ReviewDecision; reason_code: string }[] {
  return Object.entries(REVIEW_REASONS).flatMap(([decision, reasons]) =>
    reasons
      .filter((r) => isHighSeverity(decision as ReviewDecision, r.code, triageTier))
      .map((r) => ({ decision: decision as ReviewDecision, reason_code: r.code })),
  );
}

/**
 * Refuses a high-severity decision the moderator has not confirmed.
 * @throws ApiError 409 CONFIRMATION_REQUIRED when `isHighSeverity` and `confirmed` is not true.
 */
export function requireConfirmation(
  decision: ReviewDecision,
  reasonCode: string,
  triageTier: number,
  confirmed: boolean | undefined,
): void {
  if (confirmed === true || !isHighSeverity(decision, reasonCode, triageTier)) return;
  const why = triageTier === URGENT_TIER ? 'a decision on an urgent task' : `${decision} as ${reasonCode}`;
  throw new ApiError(
    409,
    'CONFIRMATION_REQUIRED',
    `${why} is high severity: decide it on its own and confirm it (confirmed: true)`,
  );
}
