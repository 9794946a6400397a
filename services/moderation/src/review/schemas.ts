import {
  CATEGORY_IDS,
  MEDIA_KINDS,
  REVIEW_DECISIONS,
  REVIEW_SOURCES,
  TenantId,
  ExternalId,
} from '@vigil/contracts';
import { z } from 'zod';
import { MODERATOR_ROLES } from '../auth/moderators';

/**
 * Request and response shapes of the review API, defined once in zod: requests are validated with
 * them, and both registries become `components.schemas` of the OpenAPI document (see api/openapi.ts),
 * from which the dashboard generates its client types.
 */
export const requestSchemas = z.registry<{ id: string }>();
export const responseSchemas = z.registry<{ id: string }>();

const time = () => z.string().meta({ format: 'date-time' });
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

export const LoginRequest = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(256),
});
requestSchemas.add(LoginRequest, { id: 'LoginRequest' });

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
  })
  .strict();
export type DecisionRequest = z.output<typeof DecisionRequest>;
requestSchemas.add(DecisionRequest, { id: 'DecisionRequest' });

/** Most tasks one bulk decision takes; checked before any task is touched. */
export const BULK_DECISION_MAX = 100;

export const BulkDecisionRequest = DecisionRequest.omit({ feedback: true })
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
      '(per-category feedback labels are for the item view).',
  });
export type BulkDecisionRequest = z.output<typeof BulkDecisionRequest>;
requestSchemas.add(BulkDecisionRequest, { id: 'BulkDecisionRequest' });

export const SavedFilterRequest = z
  .object({ queue_id: z.string().min(1).max(64), name: z.string().min(1).max(80), filter: QueueFilter })
  .strict();
requestSchemas.add(SavedFilterRequest, { id: 'SavedFilterRequest' });

const Role = z.enum(MODERATOR_ROLES);

export const CreateModeratorRequest = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,127}$/),
    display_name: z.string().max(120).optional(),
    role: Role,
    password: z.string().min(12).max(256),
    queues: z.array(z.string().max(64)).max(100).optional(),
  })
  .strict();
requestSchemas.add(CreateModeratorRequest, { id: 'CreateModeratorRequest' });

export const UpdateModeratorRequest = z
  .object({
    display_name: z.string().max(120).optional(),
    role: Role.optional(),
    queues: z.array(z.string().max(64)).max(100).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(12).max(256).optional(),
  })
  .strict();
requestSchemas.add(UpdateModeratorRequest, { id: 'UpdateModeratorRequest' });

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

// ---- responses ------------------------------------------------------------------------------------

export const Me = z.object({
  moderator_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: Role,
  queues: z.array(z.string()),
});
responseSchemas.add(Me, { id: 'Me' });

export const Catalogue = z.object({
  decisions: z.array(
    z.object({
      decision: z.enum(REVIEW_DECISIONS),
      reasons: z.array(z.object({ code: z.string(), label: z.string(), category: z.string().optional() })),
    }),
  ),
  categories: z.array(z.object({ id: z.enum(CATEGORY_IDS), description: z.string() })),
  sources: z.array(z.enum(REVIEW_SOURCES)),
  sensitive_categories: z.array(z.enum(CATEGORY_IDS)),
});
responseSchemas.add(Catalogue, { id: 'Catalogue' });

export const QueueSummary = z.object({
  queue_id: z.string(),
  name: z.string(),
  description: z.string(),
  filter: z.record(z.string(), z.unknown()),
  sla_seconds: z.int(),
  /** Tasks waiting (open, or claimed with an expired lease). */
  open: z.int(),
  /** Tasks with a live claim. */
  claimed: z.int(),
  /** Open or claimed tasks older than the SLA. */
  overdue: z.int(),
  oldest_created_at: time().nullable(),
});
responseSchemas.add(QueueSummary, { id: 'QueueSummary' });

export const TaskSummary = z.object({
  task_id: z.string(),
  tenant_id: z.string(),
  post_id: z.string(),
  revision: z.int(),
  source: z.enum(REVIEW_SOURCES),
  /** `claimed` only while the lease is live. */
  status: z.enum(['open', 'claimed', 'resolved', 'cancelled']),
  claimed_by: z.string().nullable().meta({ description: 'Display name of the moderator holding it' }),
  claimed_by_me: z.boolean(),
  claim_expires_at: time().nullable(),
  priority: z.int(),
  categories: z.array(z.string()),
  severity: z.int(),
  escalation_level: z.int(),
  lang: z.string().nullable(),
  /** First 200 characters of the caption. */
  caption: z.string(),
  media_kinds: z.array(z.enum(MEDIA_KINDS)),
  created_at: time(),
  /** created_at + the triage tier's response time, at most the queue's SLA. */
  due_at: time(),
  overdue: z.boolean(),
  /** Triage by severity: tier 1 (urgent, minutes) … 4 (routine, a day) from the categories and their severity. */
  triage: z.object({
    tier: z.int().min(1).max(4),
    label: z.enum(['urgent', 'high', 'elevated', 'routine']),
    /** Seconds from created_at to due_at. */
    sla_seconds: z.int(),
  }),
});
export type TaskSummary = z.output<typeof TaskSummary>;
responseSchemas.add(TaskSummary, { id: 'TaskSummary' });

export const TaskList = z.object({ tasks: z.array(TaskSummary) });
responseSchemas.add(TaskList, { id: 'TaskList' });

export const ClaimResponse = z.object({
  task: TaskSummary.nullable().meta({ description: 'null when nothing in the queue can be claimed' }),
});
responseSchemas.add(ClaimResponse, { id: 'ClaimResponse' });

const Attribution = z.object({
  modality: z.string(),
  media_id: z.string().optional(),
  timestamp_ms: z.number().optional(),
  text: z.string().optional(),
  weight: z.number(),
});

export const ScoreItem = z.object({
  category: z.enum(CATEGORY_IDS),
  score: z.number(),
  severity: z.int(),
  attribution: z.array(Attribution),
});
responseSchemas.add(ScoreItem, { id: 'ScoreItem' });

export const MediaItem = z.object({
  media_id: z.string(),
  kind: z.enum(MEDIA_KINDS),
  status: z.enum(['ok', 'error']),
  error_code: z.string().nullable(),
  /** Dashboard URL of the bytes (the media proxy), or null when Vigil has no source for them. */
  src: z.string().nullable(),
  /** Why there is no source (e.g. inline medium over the size limit). */
  src_missing_reason: z.string().nullable(),
  alt_text: z.string().nullable(),
  alt_decorative: z.boolean().nullable(),
  ocr: z.array(z.object({ text: z.string(), confidence: z.number(), timestamp_ms: z.number().optional() })),
  objects: z.array(z.object({ label: z.string(), score: z.number(), timestamp_ms: z.number().optional() })),
  transcript: z.string().nullable(),
  speech: z.array(z.object({ start_ms: z.number(), end_ms: z.number() })),
  /** Frame or audio positions (ms) that scored severity ≥ 1 in some category, with the category. */
  flagged: z.array(z.object({ timestamp_ms: z.number(), category: z.string(), score: z.number() })),
  /** Blur and greyscale until revealed (moderator safety), and why. */
  sensitive: z.object({ blur: z.boolean(), reasons: z.array(z.string()) }),
});
responseSchemas.add(MediaItem, { id: 'MediaItem' });

export const HistoryEntry = z.object({
  at: time(),
  kind: z.enum(['revision', 'verdict', 'task', 'decision']),
  revision: z.int(),
  /** One line a moderator reads, e.g. "model verdict: review (hate.review)". */
  summary: z.string(),
  /** Who: `model`, a moderator's display name, `platform`. */
  actor: z.string(),
  detail: z.string().nullable(),
});
responseSchemas.add(HistoryEntry, { id: 'HistoryEntry' });

/** A hash-bank match of the post, with the bank entry's review state (confirm/reject in the item view). */
export const TaskHashMatch = z.object({
  media_id: z.string(),
  bank: z.string(),
  bank_action: z.string(),
  distance: z.int(),
  hash_id: z.string(),
  /** Video (vpdq): share of the post's frames matched, 0..1. */
  frame_match_ratio: z.number().optional(),
  match_state: z.enum(['unreviewed', 'confirmed', 'rejected']),
  /** false once a moderator rejected a match of this entry, or an admin disabled it (its bank is unchanged). */
  hash_enabled: z.boolean(),
});

export const TaskDetail = z.object({
  queue_id: z.string(),
  task: TaskSummary.extend({
    reasons: z.array(z.record(z.string(), z.unknown())),
    statement: z.string().nullable(),
    external_ref: z.string().nullable(),
  }),
  post: z.object({
    tenant_id: z.string(),
    post_id: z.string(),
    revision: z.int(),
    caption: z.string(),
    lang: z.string().nullable(),
    created_at: time(),
    status: z.enum(['ok', 'error']),
    errors: z.array(z.object({ code: z.string(), message: z.string() })),
    not_covered: z.array(z.string()),
    /** A later revision of the post exists (this decision applies to `revision` only). */
    newer_revision: z.boolean(),
  }),
  media: z.array(MediaItem),
  scores: z.array(ScoreItem),
  /** Known-content matches from hash banks (the `hash_match` signal). */
  hash_matches: z.array(TaskHashMatch),
  /** The verdict in force for this revision (a human one supersedes the model's). */
  verdict: z.object({
    verdict_id: z.string(),
    source: z.enum(['model', 'human']),
    actions: z.array(
      z.object({
        action: z.string(),
        rule: z.string(),
        category: z.string().optional(),
        score: z.number().optional(),
        threshold: z.number().optional(),
      }),
    ),
    policy: z.object({ id: z.string(), version: z.string() }),
    decided_at: time(),
  }),
  history: z.array(HistoryEntry),
});
export type TaskDetail = z.output<typeof TaskDetail>;
responseSchemas.add(TaskDetail, { id: 'TaskDetail' });

export const DecisionResponse = z.object({
  decision_id: z.string(),
  /** The human verdict published (null for `escalate`). */
  verdict_id: z.string().nullable(),
  task_status: z.enum(['open', 'resolved']),
  /** Until when POST /review/decisions/{decision}/undo takes it back (REVIEW_UNDO_WINDOW); null: no undo. */
  undo_until: time().nullable(),
});
responseSchemas.add(DecisionResponse, { id: 'DecisionResponse' });

export const UndoResponse = z.object({
  decision_id: z.string(),
  task_id: z.string(),
  /** Claimed by you again, to decide anew. */
  task_status: z.literal('claimed'),
});
responseSchemas.add(UndoResponse, { id: 'UndoResponse' });

export const BulkDecisionResult = z.object({
  task_id: z.string(),
  /** skipped: left as it was (claimed by someone else, already decided, not in this queue); failed: an error. */
  status: z.enum(['decided', 'skipped', 'failed']),
  decision_id: z.string().optional(),
  verdict_id: z.string().nullable().optional(),
  task_status: z.enum(['open', 'resolved']).optional(),
  undo_until: time().nullable().optional(),
  /** Why it was skipped or failed: the error code a single decision would answer (TASK_CLAIMED_BY_OTHER, …). */
  code: z.string().optional(),
  /** The same in words, e.g. "Mia Moderator has this task". */
  reason: z.string().optional(),
});
responseSchemas.add(BulkDecisionResult, { id: 'BulkDecisionResult' });

export const BulkDecisionResponse = z.object({
  /** One per task, in the order of `task_ids`. */
  results: z.array(BulkDecisionResult),
  decided: z.int(),
  skipped: z.int(),
  failed: z.int(),
});
export type BulkDecisionResponse = z.output<typeof BulkDecisionResponse>;
responseSchemas.add(BulkDecisionResponse, { id: 'BulkDecisionResponse' });

export const SavedFilter = z.object({
  filter_id: z.string(),
  queue_id: z.string(),
  name: z.string(),
  filter: QueueFilter,
});
responseSchemas.add(SavedFilter, { id: 'SavedFilter' });

export const SavedFilterList = z.object({ filters: z.array(SavedFilter) });
responseSchemas.add(SavedFilterList, { id: 'SavedFilterList' });

export const QueueList = z.object({ queues: z.array(QueueSummary) });
responseSchemas.add(QueueList, { id: 'QueueList' });

export const Moderator = z.object({
  moderator_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: Role,
  queues: z.array(z.string()),
  disabled: z.boolean(),
  created_at: time(),
});
responseSchemas.add(Moderator, { id: 'Moderator' });

export const ModeratorList = z.object({ moderators: z.array(Moderator) });
responseSchemas.add(ModeratorList, { id: 'ModeratorList' });

export const AuditEntry = z.object({
  id: z.string(),
  at: time(),
  actor: z.string(),
  tenant_id: z.string().nullable(),
  action: z.string(),
  subject_type: z.string(),
  subject_id: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
responseSchemas.add(AuditEntry, { id: 'AuditEntry' });

export const AuditPage = z.object({ entries: z.array(AuditEntry) });
responseSchemas.add(AuditPage, { id: 'AuditPage' });

export const AuditQuery = z.object({
  subject_type: z.string().max(64).optional(),
  subject_id: z.string().max(300).optional(),
  /** Exact action (`review.decided`) or a prefix ending in `.` (`review.`). */
  action: z.string().max(100).optional(),
  /** `moderator:<id>`, `token:<id>`, `cli`, `system`. */
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

const Seconds = z.number().nullable();
export const TeamStatsResponse = z.object({
  since: time(),
  moderators: z.array(
    z.object({
      moderator_id: z.string(),
      display_name: z.string(),
      decisions: z.int(),
      median_decision_seconds: Seconds,
      undone: z.int(),
    }),
  ),
  queues: z.array(
    z.object({
      queue_id: z.string(),
      name: z.string(),
      decisions: z.int(),
      median_decision_seconds: Seconds,
      sla_breaches: z.int(),
      overdue_open: z.int(),
    }),
  ),
  appeals: z.object({ decided: z.int(), overturned: z.int(), overturn_rate: z.number().nullable() }),
  model_agreement: z.object({ labels: z.int(), agreed: z.int(), rate: z.number().nullable() }),
});
responseSchemas.add(TeamStatsResponse, { id: 'TeamStats' });

export const PlatformTaskResponse = z.object({
  task_id: z.string(),
  /** False when this appeal or report id was already received (the existing task is returned). */
  created: z.boolean(),
  status: z.enum(['open', 'claimed', 'resolved', 'cancelled']),
  revision: z.int(),
  /** The verdict under appeal or report. */
  verdict_id: z.string(),
});
responseSchemas.add(PlatformTaskResponse, { id: 'PlatformTaskResponse' });

const csv = z
  .string()
  .max(2000)
  .transform((s) => s.split(',').filter(Boolean))
  .optional();

/** `GET …/tasks` query: a QueueFilter in comma-separated form (`?categories=hate,spam&min_severity=2`). */
export const TaskListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    tenants: csv,
    categories: csv,
    languages: csv,
    sources: csv,
    min_severity: z.coerce.number().int().optional(),
  })
  .strict()
  .transform(({ limit, ...filter }, ctx) => {
    const parsed = QueueFilter.safeParse(
      Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
    );
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
      return z.NEVER;
    }
    return { limit, filter: parsed.data };
  });
