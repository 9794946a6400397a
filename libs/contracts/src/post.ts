import { z } from 'zod';

/**
 * PostV1: what a platform publishes to `vigil.posts.v1` (JSON, UTF-8, key `tenant_id:post_id`).
 * Published as JSON Schema at `libs/contracts/schemas/post.v1.schema.json`.
 *
 * Structural rules live here; size limits (caption length, inline bytes, media count, pixels,
 * duration) are operator configuration enforced by ingest with typed error codes.
 */
export const POST_SCHEMA_VERSION = 1;

/**
 * Most media one post may carry. Larger posts are schema-invalid and dead-lettered before any work
 * (a post with thousands of media would be thousands of fetches, decodes and database rows). Ingest
 * analyses at most `INGEST_MAX_MEDIA` of them (default 8, at most this), and says so in the verdict.
 */
export const MAX_MEDIA_PER_POST = 32;

/** Lone UTF-16 surrogates: JSON can carry them (`"\ud800"`), UTF-8 and PostgreSQL cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when PostgreSQL can store `s` in a `text` or `jsonb` column: no NUL (U+0000) and no lone
 * surrogate (PostgreSQL docs §8.3 "the character with code zero cannot be stored"; §8.14 jsonb rejects
 * `\u0000`). Every identifier and label of a post must pass; the caption is cleaned by ingest instead.
 */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** A string PostgreSQL can store (see {@link isStorableText}). */
const storable = (schema: z.ZodString) =>
  schema.refine(isStorableText, 'contains NUL (U+0000) or a lone surrogate, which cannot be stored');

/** Tenant ids: 1–64 chars of letters, digits, `.`, `_`, `-` (they appear in keys, URLs and metrics labels). */
export const TenantId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'tenant_id: 1-64 of [A-Za-z0-9._-]');
/** Post and media ids: 1–256 printable chars (no control characters), no `:` (the key separator). */
export const ExternalId = storable(
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the id must not hold
  z.string().regex(/^[^\s:\u0000-\u001f\u007f]{1,256}$/, 'id: 1-256 printable characters, no ":" or spaces'),
);

export const MEDIA_KINDS = ['image', 'gif', 'video', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const MediaSourceSchema = z.union([
  z
    .object({ url: z.url({ protocol: /^https?$/ }).describe('http(s) URL Vigil fetches the medium from') })
    .strict(),
  z
    .object({
      inline: z.base64().describe('The medium itself, base64; small files only (ingest limits the size)'),
    })
    .strict(),
]);
export type MediaSource = z.infer<typeof MediaSourceSchema>;

export const PostMediaSchema = z
  .object({
    media_id: ExternalId,
    kind: z.enum(MEDIA_KINDS),
    source: MediaSourceSchema,
    /** What the platform believes the type is; Vigil sniffs the bytes and trusts those instead. */
    mime: storable(z.string().max(128)).optional(),
    /** Hex SHA-256 of the bytes, when the platform knows it; a mismatch is MEDIA_CHECKSUM_MISMATCH. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();
export type PostMedia = z.infer<typeof PostMediaSchema>;

export const PostV1Schema = z
  .object({
    schema_version: z.literal(POST_SCHEMA_VERSION),
    post_id: ExternalId,
    tenant_id: TenantId,
    /** Increases on every edit; each revision is moderated again, and verdicts are unique per revision. */
    revision: z.int().min(0),
    created_at: z.iso.datetime({ offset: true }),
    /** Opaque author id. Never logged raw. */
    author: storable(z.string().min(1).max(256)),
    /** When the author's account was created, if the platform shares it (the dashboard shows its age). */
    author_created_at: z.iso.datetime({ offset: true }).optional(),
    /**
     * Caption, any language. NUL and lone surrogates are accepted here and replaced by ingest
     * (POST_TEXT_SANITIZED in the verdict), so such a post still gets its verdict.
     */
    text: z.string().default(''),
    /** BCP 47 language hint from the platform (e.g. `en`, `pt-BR`). */
    lang: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .optional(),
    media: z
      .array(PostMediaSchema)
      .max(MAX_MEDIA_PER_POST)
      .default([])
      .describe(
        `At most ${MAX_MEDIA_PER_POST} media (more: the post is dead-lettered as POST_SCHEMA_INVALID); ` +
          'ingest analyses the first INGEST_MAX_MEDIA (default 8) and reports the rest as POST_TOO_MANY_MEDIA.',
      ),
    /** Where and how the verdict is delivered back. */
    callback: z
      .object({
        /** Id of a registered webhook endpoint of this tenant; none → Kafka only. */
        endpoint_id: storable(z.string().max(128)).optional(),
        /** Echoed in the verdict so the platform can match it to its own request. */
        correlation_id: storable(z.string().max(256)).optional(),
      })
      .strict()
      .optional(),
    priority: z.enum(['low', 'normal', 'high']).default('normal'),
  })
  .strict();

/** A post after validation and defaults. */
export type PostV1 = z.infer<typeof PostV1Schema>;
/** A post as a platform may write it (defaults omitted). */
export type PostV1Input = z.input<typeof PostV1Schema>;
