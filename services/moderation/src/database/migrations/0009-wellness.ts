import { sql, type Kysely } from 'kysely';

/**
 * Moderator wellness (issue 21): each moderator's own media display and break settings, and the graphic
 * items they opened, counted from the later of their login and their last break.
 *
 * `moderator_wellness`: one row per moderator once they save a setting or take a break; a null setting
 * follows the service default (`REVIEW_BREAK_AFTER`, blur 28 px, greyscale on). `moderator_exposures`:
 * one row per (moderator, task) opened in the item view whose task is graphic, with when; rows before the
 * current count window are deleted as the moderator goes on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE moderator_wellness (
      moderator_id uuid PRIMARY KEY REFERENCES moderators ON DELETE CASCADE,
      blur_px int CHECK (blur_px BETWEEN 0 AND 40),
      greyscale boolean,
      break_after int CHECK (break_after BETWEEN 1 AND 200),
      break_taken_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE moderator_exposures (
      moderator_id uuid NOT NULL REFERENCES moderators ON DELETE CASCADE,
      task_id uuid NOT NULL REFERENCES review_tasks ON DELETE CASCADE,
      categories text[] NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (moderator_id, task_id)
    );
    CREATE INDEX moderator_exposures_opened ON moderator_exposures (moderator_id, opened_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE moderator_exposures, moderator_wellness`.execute(db);
}
