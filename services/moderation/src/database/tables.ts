import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Row types of the moderation schema (migrations/0001-initial.ts, 0002-review.ts, 0003-hash-banks.ts), for
 * kysely's typed queries.
 * `timestamptz` reads as Date and accepts Date or ISO text; `bigint`/`bigserial`/`xid8` read as strings.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type DefaultedJson<T> = ColumnType<T, string | undefined, string>;
type BigSerial = ColumnType<string, never, never>;

export interface PostsTable {
  tenant_id: string;
  post_id: string;
  revision: number;
  request_id: string;
  trace_id: string | null;
  caption: Generated<string>;
  lang: string | null;
  priority: string;
  status: 'ok' | 'error';
  errors: DefaultedJson<{ code: string; message: string; media_id?: string; expert?: string }[]>;
  not_covered: ColumnType<string[], string[] | undefined, string[]>;
  hash_matches: DefaultedJson<
    {
      media_id: string;
      bank: string;
      bank_action: string;
      distance: number;
      hash_id: string;
      signal_type?: 'pdq' | 'vpdq';
      frame_match_ratio?: number;
    }[]
  >;
  bundle_name: string | null;
  bundle_version: string | null;
  routing: string | null;
  provider: string | null;
  timings: DefaultedJson<Record<string, number>>;
  callback_endpoint_id: string | null;
  correlation_id: string | null;
  created_at: Timestamp;
  received_at: Timestamp;
  stored_at: DefaultedTimestamp;
}

export interface MediaTable {
  tenant_id: string;
  post_id: string;
  revision: number;
  media_id: string;
  kind: string;
  status: 'ok' | 'error';
  sha256: string | null;
  error_code: string | null;
  error_message: string | null;
  alt_text: string | null;
  alt_decorative: boolean | null;
  alt_confidence: number | null;
  ocr: Json<unknown> | null;
  objects: Json<unknown> | null;
  transcript: string | null;
  pdq: Json<unknown> | null;
  cached: boolean | null;
  /** Speech segments from voice-activity detection, ms (migration 0002). */
  speech: ColumnType<{ start_ms: number; end_ms: number }[] | null, string | null | undefined, string | null>;
}

export interface ExpertOutputsTable {
  tenant_id: string;
  post_id: string;
  revision: number;
  expert: string;
  ran: boolean;
  skipped_reason: string | null;
  ms: number;
  batch_size: number | null;
  queue_delay_ms: number | null;
  error_code: string | null;
  error_message: string | null;
}

export interface CategoryScoresTable {
  tenant_id: string;
  post_id: string;
  revision: number;
  category: string;
  score: number;
  severity: number;
  attribution: DefaultedJson<unknown[]>;
}

export interface PolicyVersionsTable {
  policy_id: string;
  version: string;
  document: Json<unknown>;
  first_seen_at: DefaultedTimestamp;
}

export interface VerdictsTable {
  verdict_id: string;
  tenant_id: string;
  post_id: string;
  revision: number;
  source: 'model' | 'human';
  status: 'ok' | 'error';
  strongest_action: string;
  actions: Json<unknown[]>;
  policy_id: string;
  policy_version: string;
  /** The VerdictV1 as published. */
  payload: Json<unknown>;
  supersedes: string | null;
  decided_at: Timestamp;
  seq: BigSerial;
  txid: BigSerial;
}

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
  reasons: Json<unknown[]>;
  claimed_by: string | null;
  claim_expires_at: Timestamp | null;
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

export interface AuditLogTable {
  id: BigSerial;
  at: DefaultedTimestamp;
  /** `system`, `token:<token_id>`, `moderator:<id>`, `cli`. */
  actor: string;
  tenant_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface ApiTokensTable {
  token_id: string;
  tenant_id: string;
  name: string;
  /** Hex SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  scopes: string[];
  created_at: DefaultedTimestamp;
  revoked_at: Timestamp | null;
  /** Migration 0004; updated at most once a minute per token. */
  last_used_at: Generated<Date | null>;
}

export interface WebhookEndpointsTable {
  endpoint_id: string;
  tenant_id: string;
  url: string;
  description: Generated<string>;
  max_concurrency: number;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  failing_since: Timestamp | null;
  disabled_at: Timestamp | null;
  disabled_reason: string | null;
}

export interface WebhookSecretsTable {
  secret_id: BigSerial;
  endpoint_id: string;
  /** `whsec_` + base64 key (Standard Webhooks format). */
  secret: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp | null;
}

export interface WebhookDeliveriesTable {
  delivery_id: BigSerial;
  /** The `webhook-id` header: stable across retries so receivers deduplicate. */
  message_id: string;
  endpoint_id: string;
  tenant_id: string;
  verdict_id: string | null;
  event_type: string;
  /** The exact JSON body sent on every attempt. */
  payload: string;
  status: ColumnType<
    'pending' | 'succeeded' | 'failed',
    'pending' | undefined,
    'pending' | 'succeeded' | 'failed'
  >;
  attempts: Generated<number>;
  next_attempt_at: DefaultedTimestamp;
  lease_until: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  created_at: DefaultedTimestamp;
  finished_at: Timestamp | null;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  started_at: Timestamp;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}

export interface OutboxTable {
  id: BigSerial;
  /** Manifest topic name without the environment prefix (`vigil.verdicts.v1`). */
  topic: string;
  message_key: string | null;
  payload: string;
  headers: DefaultedJson<Record<string, string>>;
  verdict_id: string | null;
  created_at: DefaultedTimestamp;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  /** The relay leaves the row alone until then (a human verdict in its undo window). */
  not_before: Timestamp | null;
}

export type ModeratorRole = 'viewer' | 'moderator' | 'admin';

export interface ModeratorsTable {
  moderator_id: string;
  /** Lower-case login name. */
  username: string;
  display_name: string;
  role: ModeratorRole;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  disabled_at: Timestamp | null;
}

/** How a moderator proves who they are: `local` (username + scrypt hash) now; an OIDC issuer later. */
export interface ModeratorIdentitiesTable {
  provider: string;
  subject: string;
  moderator_id: string;
  /** PHC-style scrypt string for `local`; null for external providers. */
  secret_hash: string | null;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  created_at: DefaultedTimestamp;
  last_login_at: Timestamp | null;
}

export interface ModeratorSessionsTable {
  /** Hex SHA-256 of the session cookie value (the value itself is never stored). */
  session_hash: string;
  moderator_id: string;
  provider: string;
  created_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  user_agent: string | null;
  ip: string | null;
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

/** Where the dashboard gets a medium's bytes: the platform's URL, or the inline bytes of the post. */
export interface MediaSourcesTable {
  tenant_id: string;
  post_id: string;
  revision: number;
  media_id: string;
  kind: string;
  url: string | null;
  inline: Buffer | null;
  declared_mime: string | null;
  /** Why neither URL nor bytes are kept (inline medium over the size limit). */
  omitted_reason: string | null;
  recorded_at: DefaultedTimestamp;
}

/** A bank of known-content hashes (migration 0003). */
export interface HashBanksTable {
  bank_id: string;
  /** Lowercase, `[a-z0-9._-]`, named in verdicts. */
  name: string;
  /** Where the list came from (e.g. `ncmec`, `threatexchange:123`). */
  source: Generated<string>;
  signal_type: 'pdq' | 'vpdq';
  /** What the bank asks policy for (`remove`, `review`, …; policy `hash_match.bank_actions` maps it). */
  action: string;
  enabled: Generated<boolean>;
  description: string | null;
  created_at: DefaultedTimestamp;
  created_by: string;
  updated_at: DefaultedTimestamp;
  /** Transaction that last wrote the row (xid8, read as text). */
  change_txid: BigSerial;
  /**
   * Migration 0005: the tenant that owns the bank (only its moderators disable entries by rejecting a
   * match); null = shared (an admin disables entries).
   */
  owner_tenant: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Per-hash review state of an entry: how moderators judged the matches it produced. */
export type HashMatchState = 'unreviewed' | 'confirmed' | 'rejected';

/** One entry of a bank: a PDQ hash, or a vPDQ frame set (migration 0003). */
export interface BankHashesTable {
  hash_id: BigSerial;
  bank_id: string;
  hash: string | null;
  frames: Json<{ hash: string; quality: number; timestamp: number }[]> | null;
  quality: number | null;
  external_id: string | null;
  metadata: DefaultedJson<Record<string, unknown>>;
  added_at: DefaultedTimestamp;
  added_by: string;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  removed_at: Timestamp | null;
  match_state: ColumnType<HashMatchState, HashMatchState | undefined, HashMatchState>;
  confirmed_matches: Generated<number>;
  rejected_matches: Generated<number>;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  /** Transaction that last wrote the row (xid8, read as text). */
  change_txid: BigSerial;
}

/** A moderator's confirm/reject of one match seen in the review flow (migration 0003). */
export interface HashMatchReviewsTable {
  review_id: string;
  hash_id: string;
  tenant_id: string;
  post_id: string;
  revision: number;
  media_id: string;
  decision: 'confirm' | 'reject';
  moderator_id: string;
  note: string | null;
  decided_at: DefaultedTimestamp;
}

export interface Database {
  posts: PostsTable;
  media: MediaTable;
  expert_outputs: ExpertOutputsTable;
  category_scores: CategoryScoresTable;
  policy_versions: PolicyVersionsTable;
  verdicts: VerdictsTable;
  review_tasks: ReviewTasksTable;
  human_decisions: HumanDecisionsTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokensTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_secrets: WebhookSecretsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  outbox: OutboxTable;
  moderators: ModeratorsTable;
  moderator_identities: ModeratorIdentitiesTable;
  moderator_sessions: ModeratorSessionsTable;
  review_queues: ReviewQueuesTable;
  queue_members: QueueMembersTable;
  saved_filters: SavedFiltersTable;
  review_feedback: ReviewFeedbackTable;
  media_sources: MediaSourcesTable;
  hash_banks: HashBanksTable;
  bank_hashes: BankHashesTable;
  hash_match_reviews: HashMatchReviewsTable;
}

export type Verdict = Selectable<VerdictsTable>;
export type NewPost = Insertable<PostsTable>;
export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
