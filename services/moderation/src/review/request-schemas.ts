import { CATEGORY_IDS, REVIEW_DECISIONS, REVIEW_SOURCES, TenantId, ExternalId } from '@vigil/contracts';
import { z } from 'zod';
import { requestSchemas } from '../http/openapi-registry';

/**
 * Request shapes of the review API (bodies and queries), defined once in zod: requests are validated
 * with them, and those with an id are registered for the OpenAPI document (see http/openapi-registry.ts).
 */
const LanguageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

// ---- shared ---------------------------------------------------------------------------------------

export const QueueFilter = z
  .object({
    tenants: z.array(TenantId).max(100).optional(),
    categories: z.array(z.enum(CATEGORY_IDS)).max(CATEGORY_IDS.length).optional(),
    /** Tasks whose severity (0..3) is at least this. */
    min_severity: z.int().min(0).max(3).optional(),
    /** BCP 47 tags; `de` also matches `de-AT`. */
    languages: z.array(LanguageTag).max(50).optional(),
    sources: z.array(z.enum(REVIEW_SOURCES)).max(REVIEW_SOURCES.length).optional(),
    /** true: escalated tasks only (senior queues); false: first-line tasks only. */
    escalated: z.boolean().optional(),
  })
  .strict()
  .meta({ description: 'Which review tasks a queue or a saved filter selects; every field narrows.' });
export type QueueFilter = z.output<typeof QueueFilter>;
requestSchemas.add(QueueFilter, { id: 'QueueFilter' });

// ---- requests -------------------------------------------------------------------------------------

export const ClaimRequest = z
  .object({ filter: QueueFilter.optional() })
  .strict()
  .meta({ description: 'Narrow the claim to tasks matching this filter as well as the queue' });
requestSchemas.add(ClaimRequest, { id: 'ClaimRequest' });

export const FeedbackLabel = z.object({
  category: z.enum(CATEGORY_IDS),
  /** Whether the moderator agrees with the model's score for this category. */
  agrees: z.boolean(),
});

export const DecisionRequest = z
  .object({
    decision: z.enum(REVIEW_DECISIONS),
    reason_code: z.string().regex(/^[a-z_]{1,64}$/),
    note: z.string().max(2000).optional(),
    feedback: z.array(FeedbackLabel).max(CATEGORY_IDS.length).optional(),
    /**
     * true once the moderator confirmed a high-severity decision (a final decision on an urgent task, or a
     * removal as illegal content; see review/high-severity.ts): without it those answer 409
     * CONFIRMATION_REQUIRED.
     */
    confirmed: z.boolean().optional(),
  })
  .strict();
export type DecisionRequest = z.output<typeof DecisionRequest>;
requestSchemas.add(DecisionRequest, { id: 'DecisionRequest' });

/** Most tasks one bulk decision takes; checked before any task is touched. */
export const BULK_DECISION_MAX = 100;

export const BulkDecisionRequest = DecisionRequest.omit({ feedback: true, confirmed: true })
  .extend({
    task_ids: z
      .array(z.uuid())
      .min(1, 'select at least one task')
      .max(BULK_DECISION_MAX, `at most ${BULK_DECISION_MAX} tasks per bulk decision`)
      .refine((ids) => new Set(ids).size === ids.length, 'each task may be listed only once')
      .meta({ uniqueItems: true }),
  })
  .strict()
  .meta({
    description:
      'One decision and reason for many tasks of a queue; each task is decided as if decided alone ' +
      '(per-category feedback labels are for the item view; a high-severity decision is skipped with ' +
      'CONFIRMATION_REQUIRED: confirm it in the item view).',
  });
export type BulkDecisionRequest = z.output<typeof BulkDecisionRequest>;
requestSchemas.add(BulkDecisionRequest, { id: 'BulkDecisionRequest' });

export const SavedFilterRequest = z
  .object({ queue_id: z.string().min(1).max(64), name: z.string().min(1).max(80), filter: QueueFilter })
  .strict();
requestSchemas.add(SavedFilterRequest, { id: 'SavedFilterRequest' });

export const QueueRequest = z
  .object({
    queue_id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    name: z.string().min(1).max(80),
    description: z.string().max(500).optional(),
    filter: QueueFilter,
    /** Service-level target: tasks older than this are overdue and come first. */
    sla_seconds: z
      .int()
      .min(60)
      .max(30 * 86_400)
      .optional(),
  })
  .strict();
requestSchemas.add(QueueRequest, { id: 'QueueRequest' });

export const UpdateQueueRequest = QueueRequest.omit({ queue_id: true }).partial().strict();
requestSchemas.add(UpdateQueueRequest, { id: 'UpdateQueueRequest' });

const PlatformTaskFields = {
  /** The revision concerned; default: the latest revision with a verdict. */
  revision: z.int().min(0).optional(),
  /** What the author or reporter wrote, shown to the moderator. */
  statement: z.string().max(5000).optional(),
  priority: z.enum(['low', 'normal', 'high']).optional(),
};

export const AppealRequest = z
  .object({
    /** The platform's id of this appeal: sending it again returns the same task. */
    appeal_id: ExternalId,
    ...PlatformTaskFields,
  })
  .strict();
requestSchemas.add(AppealRequest, { id: 'AppealRequest' });

export const ReportRequest = z
  .object({
    /** The platform's id of this report: sending it again returns the same task. */
    report_id: ExternalId,
    /** The category the user reported, when the platform's report form asks for one. */
    category: z.enum(CATEGORY_IDS).optional(),
    ...PlatformTaskFields,
  })
  .strict();
requestSchemas.add(ReportRequest, { id: 'ReportRequest' });

// ---- queries --------------------------------------------------------------------------------------

export const AuditQuery = z.object({
  subject_type: z.string().max(64).optional(),
  subject_id: z.string().max(300).optional(),
  /** Exact action (`review.decided`) or a prefix ending in `.` (`review.`). */
  action: z.string().max(100).optional(),
  /**
   * `moderator:<id>`, `token:<id>`, `login:<address>` (failed logins), `cli`, `system`, or a moderator's username or display name or an API
   * token's name (case-insensitive), resolved to the ids.
   */
  actor: z.string().max(200).optional(),
  tenant_id: z.string().max(200).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  before_id: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const StatsQuery = z.object({
  /** Start of the period; default 7 days ago. */
  since: z.iso.datetime({ offset: true }).optional(),
});
const csv = z
  .string()
  .max(2000)
  .transform((s) => s.split(',').filter(Boolean))
  .optional();

/** A task group id (grouping.ts): `m-` (same media) or `c-` (same caption) and 32 hex digits. */
export const GROUP_ID = /^[mc]-[0-9a-f]{32}$/;

/** `GET …/tasks` query: a QueueFilter in comma-separated form (`?categories=hate,spam&min_severity=2`). */
export const TaskListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    tenants: csv,
    categories: csv,
    languages: csv,
    sources: csv,
    min_severity: z.coerce.number().int().optional(),
    /** Only the tasks of this group (TaskGroup.group_id). */
    group: z.string().regex(GROUP_ID, 'a group id from the task list').optional(),
  })
  .strict()
  .transform(({ limit, group, ...filter }, ctx) => {
    const parsed = QueueFilter.safeParse(
      Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
    );
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
      return z.NEVER;
    }
    return { limit, filter: parsed.data, ...(group ? { group } : {}) };
  });
