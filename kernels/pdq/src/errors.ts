import { type MediaErrorCode } from '@vigil/contracts';

/**
 * Stable codes of @vigil/pdq errors. Decoding failures reuse the media codes of
 * libs/contracts/src/errors.ts, so ingest can put them on the wire unchanged.
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
  | Extract<MediaErrorCode, 'MEDIA_CORRUPT' | 'MEDIA_UNSUPPORTED_TYPE' | 'MEDIA_TOO_MANY_PIXELS'>;

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
