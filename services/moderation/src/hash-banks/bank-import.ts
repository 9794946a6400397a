import { basename } from 'node:path';
import { parseBankFile, parseVpdqFeatures, PdqError } from '@vigil/pdq';
import { ApiError } from '../http/api-error';
import type { Db } from '../database/database';
import { findBank } from './bank-query';
import { addBankHashes, addBankVideo } from './bank-entries';
import type { ImportReport } from './bank-types';

/**
 * Imports a file into a bank. `pdq` banks: a plain hash list or a CSV (`parseBankFile`: header with a
 * `hash`/`pdq`/`signal_value` column, optional id and quality, other columns become metadata).
 * `vpdq` banks: one vPDQ feature file (`frame,quality,hash,timestamp` per line) = one video entry,
 * whose id is the file's base name unless `externalId` is given.
 * @throws ApiError 404 BANK_NOT_FOUND, 400 BANK_FILE_INVALID (nothing usable, or a bad vPDQ line).
 */
export async function importBankFile(
  db: Db,
  bankName: string,
  text: string,
  options: { fileName?: string; externalId?: string; actor: string },
): Promise<ImportReport> {
  const bank = await findBank(db, bankName);
  if (bank.signal_type === 'vpdq') {
    let frames;
    try {
      frames = parseVpdqFeatures(text);
    } catch (error) {
      if (error instanceof PdqError) throw new ApiError(400, 'BANK_FILE_INVALID', error.message);
      throw error;
    }
    if (frames.length === 0) throw new ApiError(400, 'BANK_FILE_INVALID', 'no frames in the vPDQ file');
    const externalId =
      options.externalId ?? (options.fileName ? basename(options.fileName).replace(/\.[^.]*$/, '') : null);
    return addBankVideo(db, bankName, { frames, externalId, actor: options.actor });
  }
  const file = parseBankFile(text);
  if (file.entries.length === 0 && file.rejected.length > 0)
    throw new ApiError(
      400,
      'BANK_FILE_INVALID',
      `no PDQ hash in the file; line ${file.rejected[0]!.line}: ${file.rejected[0]!.reason}`,
    );
  const report = await addBankHashes(
    db,
    bankName,
    file.entries.map((e) => ({
      hash: e.hash,
      ...(e.quality !== undefined ? { quality: e.quality } : {}),
      ...(e.id ? { external_id: e.id } : {}),
      metadata: { ...e.metadata, ...(options.fileName ? { file: basename(options.fileName) } : {}) },
    })),
    options.actor,
  );
  return { ...report, rejected: file.rejected };
}
