import { z } from 'zod';
import { ExternalId, TenantId } from './post';
import type { ReasonCode } from './review';

/**
 * Author actions: what a moderator does to a post's author (not the post) from the review dashboard.
 * Each one reaches the platform as a signed webhook event `author.action` (the same delivery path as
 * verdicts) whose `data` is an AuthorActionV1; Vigil records the action, the platform enforces it.
 * Kinds and reason codes never change meaning; new ones are only added.
 */
export const AUTHOR_ACTION_SCHEMA_VERSION = 1;

/** Webhook event type of an author action (Standard Webhooks `type`). */
export const AUTHOR_ACTION_EVENT_TYPE = 'author.action';

/** `warn`: a warning; `mute`: may not post for `duration_seconds`; `suspend`: account suspended. */
export const AUTHOR_ACTION_KINDS = ['warn', 'mute', 'suspend'] as const;
export type AuthorActionKind = (typeof AUTHOR_ACTION_KINDS)[number];

/** Longest mute, seconds (90 days). */
export const AUTHOR_MUTE_MAX_SECONDS = 90 * 86_400;
/** Longest timed suspension, seconds (365 days); a suspension without a duration lasts until lifted. */
export const AUTHOR_SUSPEND_MAX_SECONDS = 365 * 86_400;

/**
 * Reason codes of an author action, in the order the dashboard numbers them (keys 1–9); the same list
 * for every kind.
 */
export const AUTHOR_ACTION_REASONS: readonly ReasonCode[] = [
  { code: 'repeated_violations', label: 'Repeated violations' },
  { code: 'hate', label: 'Hate speech', category: 'hate' },
  { code: 'harassment', label: 'Harassment or bullying', category: 'harassment' },
  { code: 'threat', label: 'Threats of violence', category: 'harassment/threatening' },
  { code: 'sexual', label: 'Sexual content', category: 'sexual' },
  { code: 'spam_or_scam', label: 'Spam or scam', category: 'spam' },
  { code: 'impersonation', label: 'Impersonation or fake account' },
  { code: 'ban_evasion', label: 'Ban evasion' },
  { code: 'other_terms', label: 'Other terms-of-service breach' },
];

/** The reason code entry of an author action, or undefined when there is none with this code. */
export function authorReasonFor(code: string): ReasonCode | undefined {
  return AUTHOR_ACTION_REASONS.find((r) => r.code === code);
}

/** The `data` of an `author.action` webhook event. */
export const AuthorActionV1Schema = z.object({
  schema_version: z.literal(AUTHOR_ACTION_SCHEMA_VERSION),
  /** Unique per action; the webhook's `webhook-id` derives from it (deduplicate on either). */
  action_id: z.uuid(),
  tenant_id: TenantId,
  /** The platform's author id, as the post carried it. */
  author: z.string().min(1).max(256),
  kind: z.enum(AUTHOR_ACTION_KINDS),
  reason_code: z.string(),
  /** The taxonomy category the reason names, when it names one. */
  category: z.string().optional(),
  /** How long a mute or timed suspension lasts; absent for warnings and open-ended suspensions. */
  duration_seconds: z.int().positive().optional(),
  /** When a mute or timed suspension ends (`created_at` + `duration_seconds`). */
  expires_at: z.iso.datetime().optional(),
  /** The post the moderator acted from. */
  post: z.object({ post_id: ExternalId, revision: z.int().min(0) }),
  /** The moderator's opaque id, never a name. */
  moderator_id: z.string(),
  created_at: z.iso.datetime(),
});
export type AuthorActionV1 = z.infer<typeof AuthorActionV1Schema>;

/** Webhook event type of a lifted mute or suspension (Standard Webhooks `type`). */
export const AUTHOR_ACTION_LIFTED_EVENT_TYPE = 'author.action.lifted';

/** Kinds of author action that can be lifted before they run out (a warning cannot). */
export const LIFTABLE_AUTHOR_ACTION_KINDS = [
  'mute',
  'suspend',
] as const satisfies readonly AuthorActionKind[];

/** Reason codes of lifting a mute or suspension (optional when lifting). */
export const AUTHOR_LIFT_REASONS: readonly ReasonCode[] = [
  { code: 'appeal_granted', label: 'Appeal granted' },
  { code: 'issued_in_error', label: 'Issued in error' },
  { code: 'other', label: 'Other' },
];

/**
 * The `data` of an `author.action.lifted` webhook event: the mute or suspension `action_id` (sent
 * earlier as an `author.action` event) ends now, before its `expires_at` (if any).
 */
export const AuthorActionLiftedV1Schema = z.object({
  schema_version: z.literal(AUTHOR_ACTION_SCHEMA_VERSION),
  /** The lifted action, as its `author.action` event named it. */
  action_id: z.uuid(),
  tenant_id: TenantId,
  /** The platform's author id, as the post carried it. */
  author: z.string().min(1).max(256),
  kind: z.enum(LIFTABLE_AUTHOR_ACTION_KINDS),
  /** Why the action was lifted (one of AUTHOR_LIFT_REASONS), when the moderator gave a reason. */
  reason_code: z.string().optional(),
  /** The moderator's opaque id, never a name. */
  moderator_id: z.string(),
  lifted_at: z.iso.datetime(),
});
export type AuthorActionLiftedV1 = z.infer<typeof AuthorActionLiftedV1Schema>;
