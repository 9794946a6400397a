import { sql } from 'kysely';
import type { CategoryId } from '@vigil/contracts';
import type { ModeratorPrincipal } from '../auth/sessions';
import type { Db, Queryable } from '../database/database';
import {
  BLUR_PX,
  type Exposure,
  type WellnessPreferences,
  type WellnessPreferencesRequest,
} from './wellness-schemas';

/**
 * Categories whose items count as graphic for a moderator's exposure: the media-safety categories
 * (`sexual`, `sexual/minors`, `violence/graphic`, blurred in the item view) and self-harm, which the
 * triage rules put in the urgent and high tiers.
 */
export const GRAPHIC_CATEGORIES: readonly CategoryId[] = [
  'sexual',
  'sexual/minors',
  'violence/graphic',
  'self-harm',
  'self-harm/intent',
];

/** Least score severity (0..3, medium) at which a graphic category counts when the task is not about it. */
const GRAPHIC_MIN_SEVERITY = 2;

/**
 * The graphic categories of an item: those the task is about (why it is in review), and those the post
 * scored medium or higher in. Empty: the item is not graphic.
 */
export function graphicCategories(
  taskCategories: readonly string[],
  scores: readonly { category: string; severity: number }[],
): string[] {
  return GRAPHIC_CATEGORIES.filter(
    (c) =>
      taskCategories.includes(c) ||
      scores.some((s) => s.category === c && s.severity >= GRAPHIC_MIN_SEVERITY),
  );
}

/**
 * A moderator's own wellness settings and exposure count (issue 21). Settings: blur strength and
 * greyscale of sensitive media, and after how many graphic items the dashboard suggests a break; an
 * unsaved setting follows the service default. Exposure: the distinct graphic tasks the moderator opened
 * in the item view since the later of this session's login and their last break. Every method acts on
 * the moderator given (from the session): there is no way to read or change another moderator's.
 */
export class WellnessStore {
  constructor(
    private readonly db: Db,
    private readonly defaults: { readonly breakAfter: number },
  ) {}

  /** The moderator's settings, defaults filled in. */
  async preferences(moderatorId: string): Promise<WellnessPreferences> {
    const row = await this.db
      .selectFrom('moderator_wellness')
      .select(['blur_px', 'greyscale', 'break_after', 'updated_at'])
      .where('moderator_id', '=', moderatorId)
      .executeTakeFirst();
    return {
      blur_px: row?.blur_px ?? BLUR_PX.default,
      greyscale: row?.greyscale ?? true,
      break_after: row?.break_after ?? this.defaults.breakAfter,
      defaults: {
        blur_px: (row?.blur_px ?? null) === null,
        greyscale: (row?.greyscale ?? null) === null,
        break_after: (row?.break_after ?? null) === null,
      },
      // A row made only by a break has no saved setting.
      updated_at: row && row.blur_px !== null ? row.updated_at.toISOString() : null,
    };
  }

  /** Replaces the moderator's settings (validated by WellnessPreferencesRequest; the table checks bounds too). */
  async savePreferences(
    moderatorId: string,
    input: WellnessPreferencesRequest,
  ): Promise<WellnessPreferences> {
    const values = { blur_px: input.blur_px, greyscale: input.greyscale, break_after: input.break_after };
    await this.db
      .insertInto('moderator_wellness')
      .values({ moderator_id: moderatorId, ...values })
      .onConflict((oc) => oc.column('moderator_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
    return this.preferences(moderatorId);
  }

  /**
   * Counts an item the moderator opened when it is graphic (once per task; opening it again after a
   * break counts again). Rows from before the current count window are dropped on the way.
   * @returns the graphic categories that made it count (empty: not counted).
   */
  async recordOpened(
    moderator: ModeratorPrincipal,
    taskId: string,
    item: { categories: readonly string[]; scores: readonly { category: string; severity: number }[] },
  ): Promise<string[]> {
    const graphic = graphicCategories(item.categories, item.scores);
    if (graphic.length === 0) return graphic;
    const since = await this.windowStart(this.db, moderator);
    await this.db
      .deleteFrom('moderator_exposures')
      .where('moderator_id', '=', moderator.moderatorId)
      .where('opened_at', '<', since)
      .execute();
    await this.db
      .insertInto('moderator_exposures')
      .values({ moderator_id: moderator.moderatorId, task_id: taskId, categories: graphic })
      .onConflict((oc) =>
        oc.columns(['moderator_id', 'task_id']).doUpdateSet({ categories: graphic, opened_at: sql`now()` }),
      )
      .execute();
    return graphic;
  }

  /** The moderator's exposure count in the current window, with their break setting. */
  async exposure(moderator: ModeratorPrincipal): Promise<Exposure> {
    const since = await this.windowStart(this.db, moderator);
    const [{ n }, prefs] = await Promise.all([
      this.db
        .selectFrom('moderator_exposures')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('moderator_id', '=', moderator.moderatorId)
        .where('opened_at', '>=', since)
        .executeTakeFirstOrThrow(),
      this.preferences(moderator.moderatorId),
    ]);
    const graphicItems = Number(n);
    return {
      graphic_items: graphicItems,
      break_after: prefs.break_after,
      break_due: graphicItems >= prefs.break_after,
      since: since.toISOString(),
    };
  }

  /** "Take a break": the count starts again from now (the moderator's earlier exposure rows are deleted). */
  async takeBreak(moderator: ModeratorPrincipal): Promise<Exposure> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('moderator_wellness')
        .values({ moderator_id: moderator.moderatorId, break_taken_at: sql`now()` })
        .onConflict((oc) => oc.column('moderator_id').doUpdateSet({ break_taken_at: sql`now()` }))
        .execute();
      await trx.deleteFrom('moderator_exposures').where('moderator_id', '=', moderator.moderatorId).execute();
    });
    return this.exposure(moderator);
  }

  /** Start of the count: the later of this session's login and the moderator's last break. */
  private async windowStart(db: Queryable, moderator: ModeratorPrincipal): Promise<Date> {
    const row = await db
      .selectFrom('moderator_sessions as s')
      .leftJoin('moderator_wellness as w', 'w.moderator_id', 's.moderator_id')
      .select(sql<Date>`greatest(s.created_at, w.break_taken_at)`.as('since'))
      .where('s.session_hash', '=', moderator.sessionHash)
      .executeTakeFirst();
    return row?.since ?? new Date();
  }
}
