import {
  isStorableText,
  POST_SCHEMA_VERSION,
  PostV1Schema,
  type DeadLetterCode,
  type PostV1,
} from '@vigil/contracts';

/** Why a record cannot become a post: a DLQ code and a message for the `vigil-error-message` header. */
export interface PostRejection {
  readonly code: Extract<DeadLetterCode, `POST_${string}`>;
  readonly message: string;
}

export type ParsedPost =
  { readonly ok: true; readonly post: PostV1 } | { readonly ok: false; readonly reason: PostRejection };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one `vigil.posts.v1` record value: UTF-8 (strict) → JSON → schema version → PostV1 schema.
 * Never throws; the rejection says which step failed:
 * `POST_INVALID_UTF8`, `POST_NOT_JSON`, `POST_UNKNOWN_VERSION` (a `schema_version` other than 1),
 * `POST_SCHEMA_INVALID` (naming up to three fields).
 */
export function parsePost(value: Buffer | null): ParsedPost {
  let text: string;
  try {
    text = utf8.decode(value ?? Buffer.alloc(0));
  } catch (error) {
    return { ok: false, reason: { code: 'POST_INVALID_UTF8', message: (error as Error).message } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: { code: 'POST_NOT_JSON', message: (error as Error).message } };
  }
  const version = (json as { schema_version?: unknown } | null)?.schema_version;
  if (typeof json === 'object' && json !== null && version !== undefined && version !== POST_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: {
        code: 'POST_UNKNOWN_VERSION',
        message: `schema_version ${JSON.stringify(version)}; this ingest reads ${POST_SCHEMA_VERSION}`,
      },
    };
  }
  const parsed = PostV1Schema.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: { code: 'POST_SCHEMA_INVALID', message } };
  }
  return { ok: true, post: parsed.data };
}

/**
 * Cuts `text` to at most `maxChars` Unicode code points, never splitting a surrogate pair.
 * @returns the caption and whether it was cut.
 */
export function truncateCaption(text: string, maxChars: number): { caption: string; truncated: boolean } {
  if (text.length <= maxChars) return { caption: text, truncated: false };
  let end = 0;
  for (let n = 0; n < maxChars && end < text.length; n++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  return { caption: text.slice(0, end), truncated: end < text.length };
}

/**
 * Makes a caption storable in PostgreSQL `text`/`jsonb` and UTF-8 (see `isStorableText` in
 * @vigil/contracts): NUL characters are removed (like other invisible characters they must not split a
 * word the text expert should read) and lone surrogates become U+FFFD, as a UTF-8 encoder would write them
 * (`String.prototype.toWellFormed`). Ingest reports a change as POST_TEXT_SANITIZED.
 * @returns the caption and whether anything was changed.
 */
export function storableCaption(text: string): { caption: string; sanitized: boolean } {
  if (isStorableText(text)) return { caption: text, sanitized: false };
  const caption = text
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return { caption, sanitized: true };
}
