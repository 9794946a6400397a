import { CATEGORY_IDS, MEDIA_KINDS, REVIEW_DECISIONS } from '@vigil/contracts';
import { z } from 'zod';
import { responseSchemas } from '../http/openapi-registry';
import { QueueSummary, TaskSummary, time } from './queue-schemas';
import { QueueFilter } from './request-schemas';

export { Catalogue, ClaimResponse, QueueSummary, TaskSummary } from './queue-schemas';

/**
 * Response shapes of the review API, defined once in zod and registered for the OpenAPI document (see
 * http/openapi-registry.ts), from which the dashboard generates its client types. The queue views'
 * shapes are in queue-schemas.ts.
 */

// ---- responses ------------------------------------------------------------------------------------

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
  /** The decisions (with reason) that are high severity on this task: decide them with confirmed: true. */
  confirm: z.array(z.object({ decision: z.enum(REVIEW_DECISIONS), reason_code: z.string() })),
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

/** An audit record as recorded, with what a person reads beside the ids (review/audit-log.ts). */
export const AuditEntry = z.object({
  id: z.string(),
  at: time(),
  /** As recorded: `moderator:<id>`, `token:<id>`, `cli`, `system`. */
  actor: z.string(),
  /** The moderator's display name and username, for a `moderator:<id>` actor that still exists. */
  actor_name: z.string().nullable(),
  actor_username: z.string().nullable(),
  tenant_id: z.string().nullable(),
  action: z.string(),
  subject_type: z.string(),
  subject_id: z.string(),
  /** The post a `review_task` subject is about. */
  subject_post: z.object({ tenant_id: z.string(), post_id: z.string(), revision: z.int() }).nullable(),
  /** `tenant/post_id (rev n)` for a review task, `Name (username)` for a moderator account. */
  subject_label: z.string().nullable(),
  /** What happened, in a line: `remove (hate)`, `escalate (credible_threat) → level 1`, `mute 1d (spam_or_scam)`. */
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
responseSchemas.add(AuditEntry, { id: 'AuditEntry' });

export const AuditPage = z.object({ entries: z.array(AuditEntry) });
responseSchemas.add(AuditPage, { id: 'AuditPage' });

const Seconds = z.number().nullable();
export const TeamStatsResponse = z.object({
  since: time(),
  moderators: z.array(
    z.object({
      moderator_id: z.string(),
      display_name: z.string(),
      /** Final decisions (approve, remove, age restrict), not undone. */
      decisions: z.int(),
      /** Escalations to a senior queue, not undone. */
      escalations: z.int(),
      /** Median seconds from the task's creation to the decision or escalation. */
      median_decision_seconds: Seconds,
      undone: z.int(),
    }),
  ),
  queues: z.array(
    z.object({
      queue_id: z.string(),
      name: z.string(),
      /** Final decisions made while the task was in this queue. */
      decisions: z.int(),
      /** Escalations made from this queue (counted where made, not in the senior queue). */
      escalations: z.int(),
      /** Median seconds from the task's creation to its decision or escalation in this queue. */
      median_decision_seconds: Seconds,
      /** Decisions and escalations made in this queue after the task was due. */
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
