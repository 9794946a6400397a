import type { Insertable, Selectable } from 'kysely';
import type {
  PostsTable,
  MediaTable,
  ExpertOutputsTable,
  CategoryScoresTable,
  PolicyVersionsTable,
} from './results';
import type { VerdictsTable, OutboxTable } from './verdicts';
import type {
  ReviewTasksTable,
  HumanDecisionsTable,
  ReviewQueuesTable,
  QueueMembersTable,
  SavedFiltersTable,
  ReviewFeedbackTable,
} from './review';
import type { AuditLogTable } from './audit';
import type { ApiTokensTable } from './api-tokens';
import type {
  WebhookEndpointsTable,
  WebhookSecretsTable,
  WebhookDeliveriesTable,
  WebhookAttemptsTable,
} from './webhooks';
import type { ModeratorsTable, ModeratorIdentitiesTable, ModeratorSessionsTable } from './moderators';
import type { MediaSourcesTable } from './media-sources';
import type { HashBanksTable, BankHashesTable, HashMatchReviewsTable } from './hash-banks';
import type { ModeratorWellnessTable, ModeratorExposuresTable } from './wellness';
import type { PostAuthorsTable, AuthorActionsTable } from './authors';

/**
 * Row types of the moderation schema (migrations/0001-initial.ts, 0002-review.ts, 0003-hash-banks.ts), for
 * kysely's typed queries.
 * `timestamptz` reads as Date and accepts Date or ISO text; `bigint`/`bigserial`/`xid8` read as strings.
 * One file of row types per feature; this index assembles the Database interface and re-exports them.
 */
export type * from './results';
export type * from './verdicts';
export type * from './review';
export type * from './audit';
export type * from './api-tokens';
export type * from './webhooks';
export type * from './moderators';
export type * from './media-sources';
export type * from './hash-banks';
export type * from './wellness';
export type * from './authors';

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
  moderator_wellness: ModeratorWellnessTable;
  moderator_exposures: ModeratorExposuresTable;
  post_authors: PostAuthorsTable;
  author_actions: AuthorActionsTable;
}

export type Verdict = Selectable<VerdictsTable>;
export type NewPost = Insertable<PostsTable>;
export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
