import type { MediaErrorCode } from '@vigil/contracts';

/**
 * A medium could not be fetched or decoded. `code` is one of the contract's stable MEDIA_* codes
 * (libs/contracts/src/errors.ts); ingest turns it into a per-media error inside the inference request,
 * so the post still flows on and its verdict says why.
 */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MediaError';
  }
}

/** True when `error` is a MediaError with `code` (or any MediaError when `code` is omitted). */
export function isMediaError(error: unknown, code?: MediaErrorCode): error is MediaError {
  return error instanceof MediaError && (code === undefined || error.code === code);
}
