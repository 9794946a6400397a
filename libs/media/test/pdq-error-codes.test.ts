/**
 * @vigil/pdq spells the media codes it throws as literals (kernels import nothing from libs); they must
 * stay codes of the contract, which ingest puts on the wire (libs/contracts/src/errors.ts).
 */
import { MEDIA_ERROR_CODES, type MediaErrorCode } from '@vigil/contracts';
import { PDQ_MEDIA_ERROR_CODES, type PdqMediaErrorCode } from '@vigil/pdq';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isMediaError, stillImagePdq } from '../src';

describe('media codes of @vigil/pdq', () => {
  it('are contract MediaErrorCodes', () => {
    expectTypeOf<PdqMediaErrorCode>().toExtend<MediaErrorCode>();
    expect(MEDIA_ERROR_CODES).toEqual(expect.arrayContaining([...PDQ_MEDIA_ERROR_CODES]));
  });

  it('become MediaErrors with the same code', async () => {
    const error = await stillImagePdq(Buffer.from('not an image'), 1_000_000).catch((e: unknown) => e);
    expect(isMediaError(error, 'MEDIA_UNSUPPORTED_TYPE'), String(error)).toBe(true);
  });
});
