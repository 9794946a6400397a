import { z } from 'zod';

/**
 * PostV1: what a platform publishes to `vigil.posts.v1` (JSON, UTF-8, key `tenant_id:post_id`).
 * Published as JSON Schema at `libs/contracts/schemas/post.v1.schema.json`.
 *
 * Structural rules live here; size limits (caption length, inline bytes, media count, pixels,
 * duration) are operator configuration enforced by ingest with typed error codes.
 */
export const POST_SCHEMA_VERSION = 1;

/** Tenant ids: 1–64 chars of letters, digits, `.`, `_`, `-` (they appear in keys, URLs and metrics labels). */
export const TenantId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'tenant_id: 1-64 of [A-Za-z0-9._-]');
/** Post and media ids: 1–256 printable chars, no `:` (the key separator). */
export const ExternalId = z
  .string()
  .regex(/^[^\s:]{1,256}$/, 'id: 1-256 printable characters, no ":" or spaces');

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
    mime: z.string().max(128).optional(),
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
    author: z.string().min(1).max(256),
    /** Caption, any language. */
    text: z.string().default(''),
    /** BCP 47 language hint from the platform (e.g. `en`, `pt-BR`). */
    lang: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .optional(),
    media: z.array(PostMediaSchema).default([]),
    /** Where and how the verdict is delivered back. */
    callback: z
      .object({
        /** Id of a registered webhook endpoint of this tenant; none → Kafka only. */
        endpoint_id: z.string().max(128).optional(),
        /** Echoed in the verdict so the platform can match it to its own request. */
        correlation_id: z.string().max(256).optional(),
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
