import { ACTIONS, CATEGORY_IDS, ErrorDetailSchema, TenantId } from '@vigil/contracts';
import { z } from 'zod';

/**
 * The policy document: what a tenant wants done for each category score. Written as YAML or JSON,
 * validated by this schema, versioned by `version` (any string; dates work well: `2026-11-29.1`).
 *
 * Thresholds are on the calibrated score 0..1 and are inclusive: a rule is crossed when
 * `score >= min_score`. A category's rules form a ladder: of the crossed rules, the one with the highest
 * threshold fires (one action per category). Verdicts list actions strongest first, strength following
 * `ACTIONS`: allow < label < blur < age_restrict < review < remove.
 */
export const PolicyAction = z.enum(ACTIONS);
export const PolicyCategory = z.enum(CATEGORY_IDS);

/** Rule ids appear in verdicts: letters, digits and `. _ - / : @`. */
const RuleId = z.string().regex(/^[A-Za-z0-9._:@/-]{1,128}$/, 'rule id: 1-128 of [A-Za-z0-9._:@/-]');

export const CategoryRuleSchema = z
  .object({
    /** Rule id in verdicts; default `<category>.<action>` (`<category>.<action>@<lang>` in overrides). */
    id: RuleId.optional(),
    action: PolicyAction.exclude(['allow']),
    /** Calibrated score at or above which the rule fires, 0..1. */
    min_score: z.number().min(0).max(1),
  })
  .strict();
export type CategoryRule = z.infer<typeof CategoryRuleSchema>;

const CategoryRules = z
  .array(CategoryRuleSchema)
  .refine((rules) => new Set(rules.map((r) => r.action)).size === rules.length, {
    message: 'one rule per action within a category',
  });

const CategoryTable = z.partialRecord(PolicyCategory, CategoryRules);

/** BCP 47 tag as in PostV1 `lang` (`de`, `pt-BR`); matched case-insensitively, then by primary subtag. */
const LanguageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

export const PolicyDocumentSchema = z
  .object({
    /** Stable policy id, named in every verdict (`policy.id`). */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'policy id: lower-case [a-z0-9._-], ≤ 64'),
    /** Version named in every verdict (`policy.version`); change it whenever the document changes. */
    version: z.string().min(1).max(64),
    description: z.string().optional(),
    /** Tenants this document applies to; omitted = the default for every tenant without its own. */
    tenants: z.array(TenantId).min(1).optional(),
    /** Per-category threshold rules. A category without rules never acts on its score. */
    categories: CategoryTable,
    /** Per-language replacements of whole category rule lists, keyed by BCP 47 tag. */
    languages: z.record(LanguageTag, z.object({ categories: CategoryTable }).strict()).default({}),
    /** Categories the model bundle could not assess for this post (`coverage.not_covered`). */
    uncovered: z
      .object({
        /** Action for any uncovered category not listed below. */
        action: PolicyAction.default('allow'),
        categories: z.partialRecord(PolicyCategory, PolicyAction).default({}),
      })
      .strict()
      .default({ action: 'allow', categories: {} }),
    /** Error handling: the whole post unassessable (`status: error`) or single media / experts failed. */
    errors: z
      .object({
        /** When the result's status is `error` (no expert could assess anything). */
        on_status_error: PolicyAction.default('review'),
        /** Per error code found in `errors` (partial failures), e.g. `MEDIA_CORRUPT: review`. */
        on_codes: z.partialRecord(ErrorDetailSchema.shape.code, PolicyAction).default({}),
        /** Any other partial error. Fails closed: a medium nobody could assess goes to people. */
        on_other: PolicyAction.default('review'),
      })
      .strict()
      .default({ on_status_error: 'review', on_codes: {}, on_other: 'review' }),
    /** Known-content matches from hash banks (`hash_matches`). */
    hash_match: z
      .object({
        /** Action per bank-requested action (`bank_action`), e.g. `remove: remove`. */
        bank_actions: z.record(z.string(), PolicyAction).default({ remove: 'remove', review: 'review' }),
        /** Action per bank name; wins over `bank_actions`. */
        banks: z.record(z.string(), PolicyAction).default({}),
        /** A match whose bank and bank action are both unlisted. */
        otherwise: PolicyAction.default('review'),
      })
      .strict()
      .default({ bank_actions: { remove: 'remove', review: 'review' }, banks: {}, otherwise: 'review' }),
  })
  .strict();

/** A validated policy document with defaults filled in. */
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
/** A policy document as written (defaults may be omitted). */
export type PolicyDocumentInput = z.input<typeof PolicyDocumentSchema>;
