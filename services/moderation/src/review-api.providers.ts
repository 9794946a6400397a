import type { Provider, Type } from '@nestjs/common';
import { ReviewRequestsController } from './api/review-requests.controller';
import { LoginThrottle } from './auth/login-throttle';
import { ModeratorGuard } from './auth/moderator.guard';
import { ModeratorStore } from './auth/moderators';
import { SessionController } from './auth/session.controller';
import { SessionStore } from './auth/sessions';
import type { ModerationConfig } from './config';
import { DATABASE, type Db } from './database/database';
import { HashBankStore } from './hash-banks/bank-store';
import { HashBanksController, HashMatchReviewController } from './hash-banks/hash-banks.controller';
import { MediaController } from './media/media.controller';
import { MediaProxy } from './media/media-proxy';
import { AdminController } from './review/admin.controller';
import { AuthorsController } from './review/authors.controller';
import { AuthorActions } from './review/authors';
import { BulkDecisions } from './review/bulk-decisions';
import { ReviewClaims } from './review/claims';
import { ReviewDecisions } from './review/decisions';
import { TaskGrouping } from './review/grouping';
import { QueueStore } from './review/queues';
import { ReviewController } from './review/review.controller';
import { SavedFilters } from './review/saved-filters';
import { SavedFiltersController } from './review/saved-filters.controller';
import { WellnessController } from './review/wellness.controller';
import { WellnessStore } from './review/wellness';

/**
 * Controllers and providers of the review API (role `api`): sessions, queues, claims, decisions, media,
 * admin, hash banks and match review. Wired here, beside the root module, because they come from several
 * folders (auth, review, media, hash-banks, api) and review/ must not import the folders built on it.
 */
export function reviewApi(config: ModerationConfig): { controllers: Type[]; providers: Provider[] } {
  const withDb = <T>(token: Type<T>, make: (db: Db) => T): Provider => ({
    provide: token,
    inject: [DATABASE],
    useFactory: make,
  });
  return {
    controllers: [
      SessionController,
      ReviewController,
      SavedFiltersController,
      AdminController,
      MediaController,
      ReviewRequestsController,
      HashBanksController,
      HashMatchReviewController,
      AuthorsController,
      WellnessController,
    ],
    providers: [
      ModeratorGuard,
      {
        provide: LoginThrottle,
        useValue: new LoginThrottle({
          failuresPerUserSource: config.LOGIN_MAX_FAILURES,
          failuresPerSource: config.LOGIN_MAX_FAILURES_PER_SOURCE,
          windowMs: config.LOGIN_LOCKOUT,
          hashConcurrency: config.LOGIN_HASH_CONCURRENCY,
          hashQueue: config.LOGIN_HASH_QUEUE,
        }),
      },
      withDb(ModeratorStore, (db) => new ModeratorStore(db)),
      withDb(
        SessionStore,
        (db) => new SessionStore(db, { ttlMs: config.SESSION_TTL, idleMs: config.SESSION_IDLE_TIMEOUT }),
      ),
      withDb(QueueStore, (db) => new QueueStore(db)),
      withDb(TaskGrouping, (db) => new TaskGrouping(db)),
      withDb(SavedFilters, (db) => new SavedFilters(db)),
      withDb(WellnessStore, (db) => new WellnessStore(db, { breakAfter: config.REVIEW_BREAK_AFTER })),
      withDb(HashBankStore, (db) => new HashBankStore(db)),
      {
        provide: AuthorActions,
        inject: [DATABASE, QueueStore],
        useFactory: (db: Db, queues: QueueStore) => new AuthorActions(db, queues),
      },
      {
        provide: ReviewClaims,
        inject: [DATABASE, QueueStore],
        useFactory: (db: Db, queues: QueueStore) => new ReviewClaims(db, queues, config.REVIEW_CLAIM_LEASE),
      },
      {
        provide: ReviewDecisions,
        inject: [DATABASE, QueueStore],
        useFactory: (db: Db, queues: QueueStore) =>
          new ReviewDecisions(db, queues, {
            undoWindowMs: config.REVIEW_UNDO_WINDOW,
            claimLeaseMs: config.REVIEW_CLAIM_LEASE,
          }),
      },
      {
        provide: BulkDecisions,
        inject: [DATABASE, QueueStore, ReviewClaims, ReviewDecisions],
        useFactory: (db: Db, queues: QueueStore, claims: ReviewClaims, decisions: ReviewDecisions) =>
          new BulkDecisions(db, queues, claims, decisions),
      },
      withDb(
        MediaProxy,
        (db) =>
          new MediaProxy(db, {
            maxBytes: config.REVIEW_MEDIA_MAX_BYTES,
            timeoutMs: config.REVIEW_MEDIA_TIMEOUT,
            egressAllow: config.REVIEW_MEDIA_EGRESS_ALLOW,
          }),
      ),
    ],
  };
}
