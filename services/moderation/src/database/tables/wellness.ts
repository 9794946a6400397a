import type { Timestamp, DefaultedTimestamp } from './columns';

// Row types: moderator wellness settings and graphic-item exposure (migrations/0009-wellness.ts).

export interface ModeratorWellnessTable {
  moderator_id: string;
  /** Blur of sensitive media, CSS px 0..40; null: the default. */
  blur_px: number | null;
  /** Greyscale for sensitive media; null: the default (on). */
  greyscale: boolean | null;
  /** Graphic items opened before the dashboard suggests a break, 1..200; null: REVIEW_BREAK_AFTER. */
  break_after: number | null;
  /** The last "take a break": the exposure count starts again from here. */
  break_taken_at: Timestamp | null;
  updated_at: DefaultedTimestamp;
}

/** A graphic task the moderator opened in the item view (once per task; reopening moves `opened_at`). */
export interface ModeratorExposuresTable {
  moderator_id: string;
  task_id: string;
  /** The graphic categories that made it count. */
  categories: string[];
  opened_at: DefaultedTimestamp;
}
