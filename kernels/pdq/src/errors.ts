/**
 * The media codes @vigil/pdq throws when an image cannot be decoded for hashing. They are spelled as
 * literals here because kernels import nothing from libs, and are the same strings as the contract's
 * `MediaErrorCode`s (libs/contracts/src/errors.ts), so ingest can put them on the wire unchanged;
 * libs/media checks at compile time that each one still is a contract code.
 * - `MEDIA_CORRUPT`: truncated or invalid image data.
 * - `MEDIA_UNSUPPORTED_TYPE`: not an image format sharp reads.
 * - `MEDIA_TOO_MANY_PIXELS`: width × height over the pixel limit.
 */
export const PDQ_MEDIA_ERROR_CODES = [
  'MEDIA_CORRUPT',
  'MEDIA_UNSUPPORTED_TYPE',
  'MEDIA_TOO_MANY_PIXELS',
] as const;
export type PdqMediaErrorCode = (typeof PDQ_MEDIA_ERROR_CODES)[number];

/**
 * Stable codes of @vigil/pdq errors: the media codes above, and
 * - `PDQ_INVALID_HASH`: not a 64-digit hex PDQ hash (or a bank file names no hash column).
 * - `PDQ_INVALID_PIXELS`: a pixel buffer whose length is not width × height × channels.
 * - `PDQ_INVALID_BANK_FILE`: a bank or vPDQ feature file line that cannot be parsed.
 * - `PDQ_INVALID_ARGUMENT`: an option out of range (distance, threshold, …).
 */
export type PdqErrorCode =
  | 'PDQ_INVALID_HASH'
  | 'PDQ_INVALID_PIXELS'
  | 'PDQ_INVALID_BANK_FILE'
  | 'PDQ_INVALID_ARGUMENT'
  | PdqMediaErrorCode;

/** Error thrown by @vigil/pdq; `code` never changes meaning. */
export class PdqError extends Error {
  constructor(
    readonly code: PdqErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PdqError';
  }
}

/** True when `error` is a PdqError carrying one of the {@link PDQ_MEDIA_ERROR_CODES}. */
export function isPdqMediaError(error: unknown): error is PdqError & { readonly code: PdqMediaErrorCode } {
  return error instanceof PdqError && (PDQ_MEDIA_ERROR_CODES as readonly string[]).includes(error.code);
}
