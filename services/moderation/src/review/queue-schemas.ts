import { CATEGORY_IDS, MEDIA_KINDS, REVIEW_DECISIONS, REVIEW_SOURCES } from '@vigil/contracts';
import { z } from 'zod';
import { responseSchemas } from '../http/openapi-registry';

/**
 * Response shapes of the queue views (the decision catalogue, queue summaries, task summaries and
 * claims), registered for the OpenAPI document like the rest of response-schemas.ts, which re-exports
 * them. Loaded (and so registered) first, as the document has always listed them.
 */
export const time = () => z.string().meta({ format: 'date-time' });

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
  /** Open or claimed tasks past their due time (see TaskSummary.due_at). */
  overdue: z.int(),
  oldest_created_at: time().nullable(),
  /** Waiting tasks in the urgent triage tier (tier 1: minutes, e.g. self-harm with stated intent). */
  urgent: z.int(),
  /** The soonest due_at among waiting tasks (in the past when one is overdue); null when none wait. */
  next_due_at: time().nullable(),
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
  /** When the holder claimed it (renewals keep it); null unless claimed. */
  claimed_at: time().nullable(),
  /** Queue order weight (higher first among tasks of the same tier and due time). */
  priority: z.int(),
  /** The urgency the platform sent with an appeal or report (`normal` when none); null for model flags. */
  platform_priority: z.enum(['low', 'normal', 'high']).nullable(),
  categories: z.array(z.string()),
  severity: z.int(),
  escalation_level: z.int(),
  lang: z.string().nullable(),
  /** First 200 characters of the caption. */
  caption: z.string(),
  media_kinds: z.array(z.enum(MEDIA_KINDS)),
  created_at: time(),
  /**
   * When the task arrived in its queue (created_at, or its latest escalation that was not undone) + the
   * triage tier's response time, at most the queue's SLA: an escalated task gets the full time again.
   */
  due_at: time(),
  overdue: z.boolean(),
  /** Triage by severity: tier 1 (urgent, minutes) … 4 (routine, a day) from the categories and their severity. */
  triage: z.object({
    tier: z.int().min(1).max(4),
    label: z.enum(['urgent', 'high', 'elevated', 'routine']),
    /** Seconds from the task's arrival in its queue (creation or latest escalation) to due_at. */
    sla_seconds: z.int(),
  }),
});
export type TaskSummary = z.output<typeof TaskSummary>;
responseSchemas.add(TaskSummary, { id: 'TaskSummary' });

export const ClaimResponse = z.object({
  task: TaskSummary.nullable().meta({ description: 'null when nothing in the queue can be claimed' }),
});
responseSchemas.add(ClaimResponse, { id: 'ClaimResponse' });
