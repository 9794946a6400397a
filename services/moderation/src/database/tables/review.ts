import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, DefaultedTimestamp, Json, DefaultedJson } from './columns';

// Row types: review tasks, human decisions, queues, saved filters and review feedback.

export interface ReviewTasksTable {
  task_id: string;
  tenant_id: string;
  post_id: string;
  revision: number;
  verdict_id: string;
  /** `policy`: the model's policy asked for review; `appeal`, `report`: opened by a platform. */
  kind: 'policy' | 'appeal' | 'report';
  status: ColumnType<
    'open' | 'claimed' | 'resolved' | 'cancelled',
    'open' | 'claimed' | undefined,
    'open' | 'claimed' | 'resolved' | 'cancelled'
  >;
  priority: Generated<number>;
  /** The urgency a platform sent with an appeal or report (`normal` when none); null for model flags (migration 0010). */
  platform_priority: 'low' | 'normal' | 'high' | null;
  reasons: Json<unknown[]>;
  claimed_by: string | null;
  claim_expires_at: Timestamp | null;
  /** When the current holder claimed it (kept on renewal; migration 0010). */
  claimed_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  resolved_at: Timestamp | null;
  /** Categories the task is about (its reasons', or the appealed actions'), for queue filters. */
  categories: ColumnType<string[], string[] | undefined, string[]>;
  /** Highest severity 0..3 among the revision's scores in those categories. */
  severity: Generated<number>;
  /** 0 = first-line queues; each escalation adds one (senior queues filter on it). */
  escalation_level: Generated<number>;
  /** The platform's id of the appeal or report (idempotency: one task per id). */
  external_ref: string | null;
  /** The appellant's or reporter's words. */
  statement: string | null;
  /** `system`, `token:<id>`, `moderator:<id>`. */
  opened_by: Generated<string>;
}

export interface HumanDecisionsTable {
  decision_id: string;
  task_id: string | null;
  tenant_id: string;
  post_id: string;
  revision: number;
  moderator_id: string;
  decision: string;
  reason_code: string;
  notes: string | null;
  verdict_id: string | null;
  decided_at: DefaultedTimestamp;
  /** Until when the moderator may undo it (its verdict is held in the outbox until then). */
  undo_until: Timestamp | null;
  /** When it was undone (its verdict withdrawn before it was published). */
  undone_at: Timestamp | null;
}

export interface ReviewQueuesTable {
  queue_id: string;
  name: string;
  description: Generated<string>;
  filter: DefaultedJson<unknown>;
  sla_seconds: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface QueueMembersTable {
  queue_id: string;
  moderator_id: string;
}

export interface SavedFiltersTable {
  filter_id: string;
  moderator_id: string;
  queue_id: string;
  name: string;
  filter: Json<unknown>;
  created_at: DefaultedTimestamp;
}

/** One moderator's agreement with the model on one category of one decided post (recalibration labels). */
export interface ReviewFeedbackTable {
  decision_id: string;
  category: string;
  agrees: boolean;
  model_score: number | null;
  tenant_id: string;
  post_id: string;
  revision: number;
  moderator_id: string;
  bundle_version: string | null;
  created_at: DefaultedTimestamp;
}
