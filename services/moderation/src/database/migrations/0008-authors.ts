import { sql, type Kysely } from 'kysely';

/**
 * Author context and author actions (issue 21). `post_authors`: the author of each post as the posts
 * topic carried it (the `media` role records it beside the media sources), scoped by tenant, so the item
 * view can show the author's other posts; never logged. `author_actions`: moderators' warnings, mutes and
 * suspensions of an author, each delivered to the platform as an `author.action` webhook; a repeated
 * request with the same idempotency key of the same moderator finds the first one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE post_authors (
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      author text NOT NULL,
      author_created_at timestamptz,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, post_id)
    );
    CREATE INDEX post_authors_author ON post_authors (tenant_id, author);

    CREATE TABLE author_actions (
      action_id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      author text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('warn', 'mute', 'suspend')),
      reason_code text NOT NULL,
      note text,
      duration_seconds integer CHECK (duration_seconds > 0),
      expires_at timestamptz,
      post_id text NOT NULL,
      revision integer NOT NULL,
      task_id uuid REFERENCES review_tasks ON DELETE SET NULL,
      moderator_id uuid NOT NULL REFERENCES moderators,
      idempotency_key text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (moderator_id, idempotency_key)
    );
    CREATE INDEX author_actions_author ON author_actions (tenant_id, author, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE author_actions;
    DROP TABLE post_authors;
  `.execute(db);
}
