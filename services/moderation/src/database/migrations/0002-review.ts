import { sql, type Kysely } from 'kysely';

/**
 * The review dashboard: moderator accounts with pluggable identities (local passwords now, OIDC later),
 * server-side sessions, queues (saved filters over tasks) with per-queue membership, reviewer feedback
 * labels for recalibration, appeals and user reports as task kinds, and the media sources the dashboard
 * shows (the platform's URL or small inline bytes, read from the posts topic).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE review_tasks DROP CONSTRAINT review_tasks_kind_check;
    ALTER TABLE review_tasks ADD CONSTRAINT review_tasks_kind_check CHECK (kind IN ('policy', 'appeal', 'report'));
    ALTER TABLE review_tasks
      ADD COLUMN categories text[] NOT NULL DEFAULT '{}',
      ADD COLUMN severity smallint NOT NULL DEFAULT 0,
      ADD COLUMN escalation_level smallint NOT NULL DEFAULT 0,
      ADD COLUMN external_ref text,
      ADD COLUMN statement text,
      ADD COLUMN opened_by text NOT NULL DEFAULT 'system';
    CREATE UNIQUE INDEX review_tasks_external_ref ON review_tasks (tenant_id, kind, external_ref)
      WHERE external_ref IS NOT NULL;
    CREATE INDEX review_tasks_claimable ON review_tasks (priority DESC, created_at)
      WHERE status IN ('open', 'claimed');
    CREATE INDEX review_tasks_post ON review_tasks (tenant_id, post_id);
    UPDATE review_tasks t SET
      categories = coalesce((SELECT array_agg(DISTINCT r->>'category') FROM jsonb_array_elements(t.reasons) r
                             WHERE r->>'category' IS NOT NULL), '{}'),
      severity = coalesce((SELECT max(s.severity) FROM category_scores s
                           WHERE (s.tenant_id, s.post_id, s.revision) = (t.tenant_id, t.post_id, t.revision)), 0);

    ALTER TABLE media ADD COLUMN speech jsonb;

    CREATE TABLE moderators (
      moderator_id uuid PRIMARY KEY,
      username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,127}$'),
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('viewer', 'moderator', 'admin')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz
    );

    CREATE TABLE moderator_identities (
      provider text NOT NULL,
      subject text NOT NULL,
      moderator_id uuid NOT NULL REFERENCES moderators ON DELETE CASCADE,
      secret_hash text,
      failed_attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz,
      PRIMARY KEY (provider, subject)
    );
    CREATE INDEX moderator_identities_moderator ON moderator_identities (moderator_id);

    CREATE TABLE moderator_sessions (
      session_hash text PRIMARY KEY,
      moderator_id uuid NOT NULL REFERENCES moderators ON DELETE CASCADE,
      provider text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      user_agent text,
      ip text
    );
    CREATE INDEX moderator_sessions_moderator ON moderator_sessions (moderator_id);

    CREATE TABLE review_queues (
      queue_id text PRIMARY KEY CHECK (queue_id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      filter jsonb NOT NULL DEFAULT '{}',
      sla_seconds integer NOT NULL DEFAULT 86400 CHECK (sla_seconds > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO review_queues (queue_id, name, description, filter, sla_seconds) VALUES
      ('flagged', 'Model flags', 'Posts the policy sent to review', '{"sources": ["model"], "escalated": false}', 86400),
      ('reports', 'User reports', 'Posts reported by users on the platform', '{"sources": ["report"], "escalated": false}', 86400),
      ('appeals', 'Appeals', 'Decisions appealed by the author', '{"sources": ["appeal"], "escalated": false}', 259200),
      ('senior', 'Senior review', 'Escalated by a moderator', '{"escalated": true}', 14400);

    CREATE TABLE queue_members (
      queue_id text NOT NULL REFERENCES review_queues ON DELETE CASCADE,
      moderator_id uuid NOT NULL REFERENCES moderators ON DELETE CASCADE,
      PRIMARY KEY (queue_id, moderator_id)
    );

    CREATE TABLE saved_filters (
      filter_id uuid PRIMARY KEY,
      moderator_id uuid NOT NULL REFERENCES moderators ON DELETE CASCADE,
      queue_id text NOT NULL REFERENCES review_queues ON DELETE CASCADE,
      name text NOT NULL,
      filter jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (moderator_id, queue_id, name)
    );

    CREATE TABLE review_feedback (
      decision_id uuid NOT NULL REFERENCES human_decisions ON DELETE CASCADE,
      category text NOT NULL,
      agrees boolean NOT NULL,
      model_score double precision,
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      moderator_id text NOT NULL,
      bundle_version text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (decision_id, category)
    );
    CREATE INDEX review_feedback_category ON review_feedback (category, created_at);

    CREATE TABLE media_sources (
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      media_id text NOT NULL,
      kind text NOT NULL,
      url text,
      inline bytea,
      declared_mime text,
      omitted_reason text,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, post_id, revision, media_id)
    );
    CREATE INDEX media_sources_recorded_at ON media_sources (recorded_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE media_sources, review_feedback, saved_filters, queue_members, review_queues,
      moderator_sessions, moderator_identities, moderators;
    ALTER TABLE media DROP COLUMN speech;
    DROP INDEX review_tasks_external_ref, review_tasks_claimable, review_tasks_post;
    ALTER TABLE review_tasks DROP COLUMN categories, DROP COLUMN severity, DROP COLUMN escalation_level,
      DROP COLUMN external_ref, DROP COLUMN statement, DROP COLUMN opened_by;
    DELETE FROM review_tasks WHERE kind = 'report';
    ALTER TABLE review_tasks DROP CONSTRAINT review_tasks_kind_check;
    ALTER TABLE review_tasks ADD CONSTRAINT review_tasks_kind_check CHECK (kind IN ('policy', 'appeal'));
  `.execute(db);
}
