import type { Action } from './verdict';
import type { CategoryId } from './taxonomy';

/**
 * Human review vocabulary: the decisions a moderator can take and the reason codes each one allows.
 * A human verdict (`source: human`) carries them in `review.decision` and `review.reason_code`, so
 * platforms can rely on these codes; they never change meaning, new ones are only added.
 */

/** What a moderator decides about a post in review. `escalate` hands it to a senior queue (no verdict). */
export const REVIEW_DECISIONS = ['approve', 'remove', 'age_restrict', 'escalate'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The action a final decision publishes in its verdict; `escalate` publishes none. */
export const DECISION_ACTIONS: Readonly<Record<Exclude<ReviewDecision, 'escalate'>, Action>> = {
  approve: 'allow',
  remove: 'remove',
  age_restrict: 'age_restrict',
};

export interface ReasonCode {
  /** Stable code, `[a-z_]+`. */
  readonly code: string;
  /** What a moderator reads. */
  readonly label: string;
  /** The taxonomy category the reason names, copied into the verdict's action. */
  readonly category?: CategoryId;
}

/**
 * Reason codes per decision, in the order the dashboard numbers them (keys 1–9). At most nine per
 * decision so every decision is two keystrokes. Loosely follow the statement-of-reasons grounds of the
 * EU DSA transparency database (illegal content vs. terms-of-service ground, content category).
 */
export const REVIEW_REASONS: Readonly<Record<ReviewDecision, readonly ReasonCode[]>> = {
  approve: [
    { code: 'no_violation', label: 'No violation' },
    { code: 'model_error', label: 'Model mistake (false positive)' },
    { code: 'newsworthy', label: 'Newsworthy or documentary' },
    { code: 'educational_or_artistic', label: 'Educational, artistic or scientific' },
    { code: 'counter_speech', label: 'Counter-speech or condemnation' },
    { code: 'satire_or_fiction', label: 'Satire or fiction' },
  ],
  remove: [
    { code: 'hate', label: 'Hate speech', category: 'hate' },
    { code: 'harassment', label: 'Harassment or bullying', category: 'harassment' },
    { code: 'threat', label: 'Threat of violence', category: 'harassment/threatening' },
    { code: 'sexual', label: 'Sexual content', category: 'sexual' },
    { code: 'graphic_violence', label: 'Graphic violence', category: 'violence/graphic' },
    { code: 'self_harm', label: 'Self-harm promotion', category: 'self-harm' },
    { code: 'illicit_goods', label: 'Drugs or weapons trade', category: 'illicit/drugs' },
    { code: 'spam_or_scam', label: 'Spam or scam', category: 'spam' },
    { code: 'illegal_content', label: 'Other illegal content' },
  ],
  age_restrict: [
    { code: 'sexual_suggestive', label: 'Suggestive or partial nudity', category: 'sexual' },
    { code: 'graphic_content', label: 'Graphic but documentary', category: 'violence/graphic' },
    { code: 'mature_themes', label: 'Mature themes' },
    { code: 'drugs_or_alcohol', label: 'Drugs or alcohol use', category: 'illicit/drugs' },
  ],
  escalate: [
    { code: 'needs_senior_review', label: 'Needs a senior reviewer' },
    { code: 'child_safety', label: 'Possible child safety issue', category: 'sexual/minors' },
    { code: 'credible_threat', label: 'Credible threat to life', category: 'harassment/threatening' },
    { code: 'legal_review', label: 'Legal review (court order, law enforcement)' },
    { code: 'policy_unclear', label: 'Policy unclear' },
  ],
};

/** Where a review task came from: the model's policy, a platform's appeal, or a user report. */
export const REVIEW_SOURCES = ['model', 'appeal', 'report'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/** Categories whose media the dashboard blurs and greys out until a moderator reveals them. */
export const SENSITIVE_MEDIA_CATEGORIES: readonly CategoryId[] = [
  'sexual',
  'sexual/minors',
  'violence/graphic',
];

/** The reason code entry for a decision, or undefined when the code does not belong to it. */
export function reasonFor(decision: ReviewDecision, code: string): ReasonCode | undefined {
  return REVIEW_REASONS[decision].find((r) => r.code === code);
}
