import type { DefaultedTimestamp, Timestamp } from './columns';

// Row types: post authors and moderators' actions on authors (migrations 0008, 0011).

/** The author of a post (any revision), as the posts topic carried it. Never logged. */
export interface PostAuthorsTable {
  tenant_id: string;
  post_id: string;
  author: string;
  /** The author's account creation time, when the platform sent it. */
  author_created_at: Timestamp | null;
  recorded_at: DefaultedTimestamp;
}

/** A moderator's warning, mute or suspension of an author. */
export interface AuthorActionsTable {
  action_id: string;
  tenant_id: string;
  author: string;
  kind: 'warn' | 'mute' | 'suspend';
  reason_code: string;
  note: string | null;
  duration_seconds: number | null;
  expires_at: Timestamp | null;
  /** The post and task the moderator acted from. */
  post_id: string;
  revision: number;
  task_id: string | null;
  moderator_id: string;
  /** The client's key: the same moderator sending it again gets this action back. */
  idempotency_key: string | null;
  created_at: DefaultedTimestamp;
  /** When a moderator lifted this mute or suspension, and who (both null while it stands; 0011). */
  lifted_at: Timestamp | null;
  lifted_by: string | null;
}
