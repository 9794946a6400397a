import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, DefaultedTimestamp, Json, DefaultedJson } from './columns';

// Row types: what recording inference results writes (posts, media results, expert outputs, category
// scores) and the policy versions verdicts refer to.

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
