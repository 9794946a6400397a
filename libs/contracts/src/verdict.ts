import { z } from 'zod';
import { MEDIA_ERROR_CODES, POST_ERROR_CODES, INFERENCE_ERROR_CODES } from './errors';
import { ExternalId, TenantId } from './post';
import { CATEGORY_IDS, MODALITIES } from './taxonomy';

/**
 * VerdictV1: what Vigil decided about one revision of one post. JSON on `vigil.verdicts.v1`
 * (key `tenant_id:post_id`), in webhook bodies and from the lookup API. Published as JSON Schema at
 * `libs/contracts/schemas/verdict.v1.schema.json`.
 */
export const VERDICT_SCHEMA_VERSION = 1;

export const ACTIONS = ['allow', 'label', 'blur', 'age_restrict', 'review', 'remove'] as const;
export type Action = (typeof ACTIONS)[number];

export const ErrorDetailSchema = z.object({
  code: z.enum([...MEDIA_ERROR_CODES, ...POST_ERROR_CODES, ...INFERENCE_ERROR_CODES]),
  message: z.string(),
  media_id: z.string().optional(),
  expert: z.string().optional(),
});

/** Which part of the post drove a score: modality, medium, frame time or OCR line. */
export const AttributionSchema = z.object({
  modality: z.enum(MODALITIES),
  media_id: z.string().optional(),
  /** Video frame or audio position, ms from the start. */
  timestamp_ms: z.number().nonnegative().optional(),
  /** The OCR line that drove it, for image text. */
  text: z.string().optional(),
  /** Share of the score this modality explains (leave-one-modality-out), 0..1. */
  weight: z.number().min(0).max(1),
});
export type Attribution = z.infer<typeof AttributionSchema>;

export const CategoryScoreSchema = z.object({
  category: z.enum(CATEGORY_IDS),
  /** Calibrated probability 0..1. */
  score: z.number().min(0).max(1),
  severity: z.int().min(0).max(3),
  attribution: z.array(AttributionSchema),
});
export type CategoryScore = z.infer<typeof CategoryScoreSchema>;

/** One action and the rule that produced it. */
export const VerdictActionSchema = z.object({
  action: z.enum(ACTIONS),
  /** Policy rule id that fired (e.g. `sexual.remove`, `hash_match.remove`, `default.allow`). */
  rule: z.string(),
  /** The category or signal (`hash_match`, `error`) the rule looked at. */
  category: z.string().optional(),
  /** The calibrated score that crossed the threshold, and the threshold. */
  score: z.number().optional(),
  threshold: z.number().optional(),
  /** For `hash_match` rules: the hash banks whose matches asked for this action, by name. */
  banks: z.array(z.string()).optional(),
});
export type VerdictAction = z.infer<typeof VerdictActionSchema>;

export const VerdictV1Schema = z.object({
  schema_version: z.literal(VERDICT_SCHEMA_VERSION),
  verdict_id: z.uuid(),
  tenant_id: TenantId,
  post_id: ExternalId,
  revision: z.int().min(0),
  /** `error`: part or all of the post could not be analysed; `errors` says why, actions still apply. */
  status: z.enum(['ok', 'error']),
  errors: z.array(ErrorDetailSchema),
  source: z.enum(['model', 'human']),
  actions: z.array(VerdictActionSchema).min(1),
  scores: z.array(CategoryScoreSchema),
  /** Alt-text per image, GIF and video medium the classifier described (WCAG 1.1.1 style, ≤ 125 chars; empty + decorative when nothing recognisable). */
  alt_text: z.array(z.object({ media_id: z.string(), text: z.string().max(125), decorative: z.boolean() })),
  /** Categories the model bundle cannot assess for this post's modalities. */
  coverage: z.object({ not_covered: z.array(z.enum(CATEGORY_IDS)) }),
  /** Known-content matches (hash banks), when any. */
  hash_matches: z
    .array(
      z.object({
        media_id: z.string(),
        bank: z.string(),
        distance: z.int().min(0).max(256),
        hash_id: z.string(),
      }),
    )
    .default([]),
  policy: z.object({ id: z.string(), version: z.string() }),
  bundle: z.object({ name: z.string(), version: z.string() }).optional(),
  /** Stage timings, ms. */
  timings: z.record(z.string(), z.number().nonnegative()),
  decided_at: z.iso.datetime(),
  /** The human decision's moderator and reason, for `source: human`. */
  review: z.object({ decision: z.string(), reason_code: z.string(), moderator_id: z.string() }).optional(),
  correlation_id: z.string().optional(),
  trace_id: z.string().optional(),
});
export type VerdictV1 = z.infer<typeof VerdictV1Schema>;
