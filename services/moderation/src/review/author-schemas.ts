import {
  ACTIONS,
  AUTHOR_ACTION_KINDS,
  AUTHOR_MUTE_MAX_SECONDS,
  AUTHOR_SUSPEND_MAX_SECONDS,
  REVIEW_DECISIONS,
} from '@vigil/contracts';
import { z } from 'zod';
import { requestSchemas, responseSchemas } from '../http/openapi-registry';

/**
 * Request and response shapes of the author routes of the review API (author context and author
 * actions, see authors.ts), registered for the OpenAPI document like the other review shapes.
 */
const time = () => z.string().meta({ format: 'date-time' });

/** Shortest mute or timed suspension, seconds. */
export const AUTHOR_ACTION_MIN_SECONDS = 60;

export const AuthorActionRequest = z
  .object({
    kind: z.enum(AUTHOR_ACTION_KINDS),
    reason_code: z.string().regex(/^[a-z_]{1,64}$/),
    /** For the audit log and other moderators; not sent to the platform. */
    note: z.string().max(2000).optional(),
    /** Required for `mute` (at most 90 days); optional for `suspend` (at most 365 days; none: until lifted). */
    duration_seconds: z.int().min(AUTHOR_ACTION_MIN_SECONDS).max(AUTHOR_SUSPEND_MAX_SECONDS).optional(),
    /** Sending the same key again returns the first action instead of acting twice. */
    idempotency_key: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,128}$/)
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.kind === 'warn' && r.duration_seconds !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['duration_seconds'], message: 'a warning has no duration' });
    }
    if (r.kind === 'mute' && r.duration_seconds === undefined) {
      ctx.addIssue({ code: 'custom', path: ['duration_seconds'], message: 'a mute needs a duration' });
    }
    if (r.kind === 'mute' && (r.duration_seconds ?? 0) > AUTHOR_MUTE_MAX_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration_seconds'],
        message: `a mute lasts at most ${AUTHOR_MUTE_MAX_SECONDS} seconds (90 days)`,
      });
    }
  })
  .meta({ description: "Warn, mute or suspend the author of the task's post" });
export type AuthorActionRequest = z.output<typeof AuthorActionRequest>;
requestSchemas.add(AuthorActionRequest, { id: 'AuthorActionRequest' });

const Moderator = z.object({ moderator_id: z.string(), display_name: z.string().nullable() });

export const AuthorAction = z.object({
  action_id: z.string(),
  kind: z.enum(AUTHOR_ACTION_KINDS),
  reason_code: z.string(),
  note: z.string().nullable(),
  duration_seconds: z.int().nullable(),
  expires_at: time().nullable(),
  post_id: z.string(),
  created_at: time(),
  moderator: Moderator,
  /** When a moderator lifted this mute or suspension, and who (null while it stands). */
  lifted_at: time().nullable(),
  lifted_by: Moderator.nullable(),
});
export type AuthorAction = z.output<typeof AuthorAction>;
responseSchemas.add(AuthorAction, { id: 'AuthorAction' });

export const AuthorContext = z.object({
  /** False when the post's author is not known (the posts topic record was not seen). */
  known: z.boolean(),
  /** A pseudonym of the author within the tenant (the platform's id is never shown or logged). */
  author_ref: z.string().nullable(),
  /** The account's creation time and age, when the platform sent it with the post. */
  account_created_at: time().nullable(),
  account_age_days: z.int().nullable(),
  /** Human `remove` decisions not undone on the author's posts, plus author actions (lifted ones too). */
  strikes: z.int(),
  /** The author's posts of this tenant that Vigil saw (all of them, even those listed only in part). */
  posts_total: z.int(),
  /** The newest 50 posts with the verdict in force. */
  posts: z.array(
    z.object({
      post_id: z.string(),
      /** The post of this task. */
      current: z.boolean(),
      revision: z.int().nullable(),
      strongest_action: z.enum(ACTIONS).nullable(),
      verdict_source: z.enum(['model', 'human']).nullable(),
      /** The category of the strongest action, else the highest-scored category, with its score. */
      top_category: z.string().nullable(),
      top_score: z.number().nullable(),
      decided_at: time().nullable(),
    }),
  ),
  /** Final human decisions (not undone) on the author's posts, newest first (at most 50). */
  decisions: z.array(
    z.object({
      decision_id: z.string(),
      post_id: z.string(),
      decision: z.enum(REVIEW_DECISIONS),
      reason_code: z.string(),
      decided_at: time(),
      moderator: Moderator,
    }),
  ),
  /** Warnings, mutes and suspensions, newest first (at most 50). */
  actions: z.array(AuthorAction),
  /** Reason codes of an author action, in key order (1–9). */
  reasons: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type AuthorContext = z.output<typeof AuthorContext>;
responseSchemas.add(AuthorContext, { id: 'AuthorContext' });

export const AuthorActionResponse = AuthorAction.extend({
  /** Webhook deliveries queued (0 when the post named no registered callback endpoint). */
  deliveries: z.int(),
  /** True when this idempotency key was used before: nothing new was done. */
  replayed: z.boolean(),
});
export type AuthorActionResponse = z.output<typeof AuthorActionResponse>;
responseSchemas.add(AuthorActionResponse, { id: 'AuthorActionResponse' });

export const AuthorLiftRequest = z
  .object({
    /** One of the lift reasons (`appeal_granted`, `issued_in_error`, `other`). */
    reason_code: z
      .string()
      .regex(/^[a-z_]{1,64}$/)
      .optional(),
    /** For the audit log and other moderators; not sent to the platform. */
    note: z.string().max(2000).optional(),
  })
  .strict()
  .meta({ description: "Lift a mute or suspension of the author of the task's post before it runs out" });
export type AuthorLiftRequest = z.output<typeof AuthorLiftRequest>;
requestSchemas.add(AuthorLiftRequest, { id: 'AuthorLiftRequest' });

export const AuthorLiftResponse = AuthorAction.extend({
  /** Webhook deliveries queued (0 when the post named no registered callback endpoint). */
  deliveries: z.int(),
});
export type AuthorLiftResponse = z.output<typeof AuthorLiftResponse>;
responseSchemas.add(AuthorLiftResponse, { id: 'AuthorLiftResponse' });
