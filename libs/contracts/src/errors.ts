/**
 * Stable error codes. A code appears in the contract, the log line, the verdict and the test;
 * its meaning never changes.
 */

/** Per-media failures: the post still flows on and its verdict names the code. */
export const MEDIA_ERROR_CODES = [
  'MEDIA_FETCH_TIMEOUT',
  'MEDIA_FETCH_FORBIDDEN',
  'MEDIA_FETCH_HTTP_STATUS',
  'MEDIA_FETCH_FAILED',
  'MEDIA_TOO_LARGE',
  'MEDIA_TOO_MANY_PIXELS',
  'MEDIA_TOO_LONG',
  'MEDIA_UNSUPPORTED_TYPE',
  'MEDIA_CORRUPT',
  'MEDIA_DECODE_TIMEOUT',
  'MEDIA_CHECKSUM_MISMATCH',
  /** Only part of the medium could be read; it was still analysed (`status: ok`), the message says what was lost. */
  'MEDIA_PARTIALLY_DECODED',
  /** An unexpected failure (a bug) while handling this medium; the post still gets its verdict. */
  'MEDIA_INTERNAL',
] as const;
export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

/** Post-level problems that still yield a verdict (the post is valid JSON and schema). */
export const POST_ERROR_CODES = [
  'POST_TEXT_TOO_LONG',
  'POST_TOO_MANY_MEDIA',
  /** The caption held characters PostgreSQL and JSON consumers cannot store (NUL, lone surrogates); they were replaced. */
  'POST_TEXT_SANITIZED',
  // The database refused the analysis as it was (e.g. two media with one media_id): the verdict has no scores.
  'POST_NOT_STORED',
] as const;
export type PostErrorCode = (typeof POST_ERROR_CODES)[number];

/** Failures inside the classifier, per expert or for the whole request. */
export const INFERENCE_ERROR_CODES = ['EXPERT_FAILED', 'EXPERT_TIMEOUT', 'BUNDLE_UNAVAILABLE'] as const;
export type InferenceErrorCode = (typeof INFERENCE_ERROR_CODES)[number];

/** Messages that cannot be processed at all: they go to the dead-letter topic with this code. */
export const DEAD_LETTER_CODES = [
  'POST_NOT_JSON',
  'POST_INVALID_UTF8',
  'POST_SCHEMA_INVALID',
  'POST_UNKNOWN_VERSION',
  'MESSAGE_UNDECODABLE',
  'RESULT_DATA_INVALID',
  'RESULT_CONSTRAINT_VIOLATION',
  // The database refused the statement as too large or malformed (SQLSTATE 08P01, class 54).
  'RESULT_DATABASE_LIMIT',
  // An inference result whose request binding is missing or wrong: no request ingest issued matches it.
  'RESULT_BINDING_INVALID',
  // A handler failed with an unknown error on every try, or transiently past the retry budget.
  'RETRIES_EXHAUSTED',
] as const;
export type DeadLetterCode = (typeof DEAD_LETTER_CODES)[number];

export type ErrorCode = MediaErrorCode | PostErrorCode | InferenceErrorCode;

/** An error as it travels in messages and verdicts. */
export interface ErrorDetail {
  readonly code: ErrorCode;
  readonly message: string;
  /** The medium it concerns, when it concerns one. */
  readonly media_id?: string;
  /** The expert it concerns, for inference errors. */
  readonly expert?: string;
}
