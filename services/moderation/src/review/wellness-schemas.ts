import { z } from 'zod';
import { requestSchemas, responseSchemas } from '../http/openapi-registry';

/**
 * Shapes of the moderator-wellness routes (`/review/me/…`), defined once in zod and registered for the
 * OpenAPI document. Zod and the registry only: config.ts reads the bounds from here (no NestJS).
 */

/** Blur of sensitive media, CSS px: 0 (none) up to 40. */
export const BLUR_PX = { min: 0, max: 40, default: 28 } as const;
/** Graphic items opened before the dashboard suggests a break. The default is REVIEW_BREAK_AFTER. */
export const BREAK_AFTER = { min: 1, max: 200 } as const;

export const WellnessPreferencesRequest = z
  .object({
    /** Blur of sensitive images and video until revealed, CSS px (0: none). */
    blur_px: z.int().min(BLUR_PX.min).max(BLUR_PX.max),
    /** Sensitive images and video in greyscale until revealed. */
    greyscale: z.boolean(),
    /** Suggest a break after this many graphic items since login or the last break. */
    break_after: z.int().min(BREAK_AFTER.min).max(BREAK_AFTER.max),
  })
  .strict()
  .meta({ description: 'Your own media display and break settings (replaces all three).' });
export type WellnessPreferencesRequest = z.output<typeof WellnessPreferencesRequest>;
requestSchemas.add(WellnessPreferencesRequest, { id: 'WellnessPreferencesRequest' });

export const WellnessPreferences = WellnessPreferencesRequest.extend({
  /** true for each setting that follows the service default (never saved by you). */
  defaults: z.object({ blur_px: z.boolean(), greyscale: z.boolean(), break_after: z.boolean() }),
  updated_at: z.string().meta({ format: 'date-time' }).nullable(),
});
export type WellnessPreferences = z.output<typeof WellnessPreferences>;
responseSchemas.add(WellnessPreferences, { id: 'WellnessPreferences' });

export const Exposure = z.object({
  /** Graphic items (distinct tasks) you opened in the item view since `since`. */
  graphic_items: z.int(),
  /** Your break setting (WellnessPreferences.break_after). */
  break_after: z.int(),
  /** graphic_items ≥ break_after: the dashboard suggests a break. */
  break_due: z.boolean(),
  /** Start of the count: your login or your last break, whichever is later. */
  since: z.string().meta({ format: 'date-time' }),
});
export type Exposure = z.output<typeof Exposure>;
responseSchemas.add(Exposure, { id: 'Exposure' });
