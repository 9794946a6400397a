import { sql, type Kysely } from 'kysely';

/**
 * The moderation schema. Posts are revision-aware (one row per tenant + post + revision); a model
 * verdict is unique per revision (partial unique index), human verdicts add rows that supersede it.
 * The transactional outbox (`outbox`, `webhook_deliveries`) is written in the verdict's transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE posts (
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL CHECK (revision >= 0),
      request_id text NOT NULL,
      trace_id text,
      caption text NOT NULL DEFAULT '',
      lang text,
      priority text NOT NULL,
      status text NOT NULL CHECK (status IN ('ok', 'error')),
      errors jsonb NOT NULL DEFAULT '[]',
      not_covered text[] NOT NULL DEFAULT '{}',
      hash_matches jsonb NOT NULL DEFAULT '[]',
      bundle_name text,
      bundle_version text,
      routing text,
      provider text,
      timings jsonb NOT NULL DEFAULT '{}',
      callback_endpoint_id text,
      correlation_id text,
      created_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      stored_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, post_id, revision)
    );
    CREATE INDEX posts_stored_at ON posts (tenant_id, stored_at);

    CREATE TABLE media (
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      media_id text NOT NULL,
      kind text NOT NULL,
      status text NOT NULL CHECK (status IN ('ok', 'error')),
      sha256 text,
      error_code text,
      error_message text,
      alt_text text,
      alt_decorative boolean,
      alt_confidence real,
      ocr jsonb,
      objects jsonb,
      transcript text,
      pdq jsonb,
      cached boolean,
      PRIMARY KEY (tenant_id, post_id, revision, media_id),
      FOREIGN KEY (tenant_id, post_id, revision) REFERENCES posts ON DELETE CASCADE
    );
    CREATE INDEX media_sha256 ON media (sha256) WHERE sha256 IS NOT NULL;

    CREATE TABLE expert_outputs (
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      expert text NOT NULL,
      ran boolean NOT NULL,
      skipped_reason text,
      ms real NOT NULL,
      batch_size integer,
      queue_delay_ms real,
      error_code text,
      error_message text,
      PRIMARY KEY (tenant_id, post_id, revision, expert),
      FOREIGN KEY (tenant_id, post_id, revision) REFERENCES posts ON DELETE CASCADE
    );

    CREATE TABLE category_scores (
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      category text NOT NULL,
      score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
      severity smallint NOT NULL,
      attribution jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (tenant_id, post_id, revision, category),
      FOREIGN KEY (tenant_id, post_id, revision) REFERENCES posts ON DELETE CASCADE
    );

    CREATE TABLE policy_versions (
      policy_id text NOT NULL,
      version text NOT NULL,
      document jsonb NOT NULL,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (policy_id, version)
    );

    CREATE TABLE verdicts (
      verdict_id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      source text NOT NULL CHECK (source IN ('model', 'human')),
      status text NOT NULL CHECK (status IN ('ok', 'error')),
      strongest_action text NOT NULL,
      actions jsonb NOT NULL,
      policy_id text NOT NULL,
      policy_version text NOT NULL,
      payload jsonb NOT NULL,
      supersedes uuid REFERENCES verdicts,
      decided_at timestamptz NOT NULL,
      seq bigserial NOT NULL,
      txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      FOREIGN KEY (tenant_id, post_id, revision) REFERENCES posts ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX verdicts_one_model_verdict ON verdicts (tenant_id, post_id, revision) WHERE source = 'model';
    CREATE INDEX verdicts_latest ON verdicts (tenant_id, post_id, revision DESC, decided_at DESC, seq DESC);
    CREATE INDEX verdicts_feed ON verdicts (tenant_id, txid, seq);
    CREATE INDEX verdicts_decided_at ON verdicts (tenant_id, decided_at);

    CREATE TABLE review_tasks (
      task_id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      verdict_id uuid NOT NULL REFERENCES verdicts,
      kind text NOT NULL CHECK (kind IN ('policy', 'appeal')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'resolved', 'cancelled')),
      priority integer NOT NULL DEFAULT 0,
      reasons jsonb NOT NULL,
      claimed_by text,
      claim_expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      FOREIGN KEY (tenant_id, post_id, revision) REFERENCES posts ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX review_tasks_one_policy_task ON review_tasks (verdict_id) WHERE kind = 'policy';
    CREATE INDEX review_tasks_queue ON review_tasks (tenant_id, priority DESC, created_at)
      WHERE status IN ('open', 'claimed');

    CREATE TABLE human_decisions (
      decision_id uuid PRIMARY KEY,
      task_id uuid REFERENCES review_tasks,
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      moderator_id text NOT NULL,
      decision text NOT NULL,
      reason_code text NOT NULL,
      notes text,
      verdict_id uuid UNIQUE REFERENCES verdicts,
      decided_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, post_id, revision) REFERENCES posts ON DELETE CASCADE
    );

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      tenant_id text,
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      before jsonb,
      after jsonb
    );
    CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, at);
    CREATE INDEX audit_log_tenant ON audit_log (tenant_id, at);

    CREATE TABLE api_tokens (
      token_id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );

    CREATE TABLE webhook_endpoints (
      endpoint_id text PRIMARY KEY,
      tenant_id text NOT NULL,
      url text NOT NULL,
      description text NOT NULL DEFAULT '',
      max_concurrency integer NOT NULL CHECK (max_concurrency > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      failing_since timestamptz,
      disabled_at timestamptz,
      disabled_reason text
    );
    CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id);

    CREATE TABLE webhook_secrets (
      secret_id bigserial PRIMARY KEY,
      endpoint_id text NOT NULL REFERENCES webhook_endpoints ON DELETE CASCADE,
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz
    );
    CREATE INDEX webhook_secrets_endpoint ON webhook_secrets (endpoint_id);

    CREATE TABLE webhook_deliveries (
      delivery_id bigserial PRIMARY KEY,
      message_id text NOT NULL,
      endpoint_id text NOT NULL REFERENCES webhook_endpoints ON DELETE CASCADE,
      tenant_id text NOT NULL,
      verdict_id uuid REFERENCES verdicts,
      event_type text NOT NULL,
      payload text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      last_status integer,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      UNIQUE (endpoint_id, message_id)
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (endpoint_id, next_attempt_at)
      WHERE status = 'pending';

    CREATE TABLE webhook_attempts (
      delivery_id bigint NOT NULL REFERENCES webhook_deliveries ON DELETE CASCADE,
      attempt integer NOT NULL,
      started_at timestamptz NOT NULL,
      duration_ms real NOT NULL,
      status_code integer,
      error text,
      PRIMARY KEY (delivery_id, attempt)
    );

    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      message_key text,
      payload text NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      verdict_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      sent_at timestamptz
    );
    CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE outbox, webhook_attempts, webhook_deliveries, webhook_secrets, webhook_endpoints, api_tokens,
      audit_log, human_decisions, review_tasks, verdicts, policy_versions, category_scores, expert_outputs,
      media, posts;
  `.execute(db);
}
