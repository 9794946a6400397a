import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, DefaultedTimestamp, BigSerial } from './columns';

// Row types: webhook endpoints, their signing secrets, deliveries and delivery attempts.

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
