import { sql } from 'kysely';
import { ApiError } from '../http/api-error';
import type { Db } from '../database/database';
import { audit } from '../audit/audit';
import { findBank } from './bank-query';
import type { BankHash, ImportReport, NewBankHash, NewBankVideo } from './bank-types';

const CHUNK = 1000;

/**
 * Adds PDQ hashes to a `pdq` bank. A hash the bank holds stays as it is (its review state too); one
 * that was removed is added again.
 * @throws ApiError 404 BANK_NOT_FOUND, 400 BANK_SIGNAL_MISMATCH (a vpdq bank), 400 REQUEST_INVALID
 *   (a malformed hash).
 */
export async function addBankHashes(
  db: Db,
  bankName: string,
  hashes: readonly NewBankHash[],
  actor: string,
): Promise<ImportReport> {
  const bank = await findBank(db, bankName);
  if (bank.signal_type !== 'pdq')
    throw new ApiError(400, 'BANK_SIGNAL_MISMATCH', `bank ${bankName} holds ${bank.signal_type} entries`);
  const bad = hashes.find((h) => !/^[0-9a-fA-F]{64}$/.test(h.hash));
  if (bad)
    throw new ApiError(400, 'REQUEST_INVALID', `not a 64-digit hex PDQ hash: ${bad.hash.slice(0, 80)}`);
  let added = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < hashes.length; i += CHUNK) {
      const rows = hashes.slice(i, i + CHUNK).map((h) => ({
        bank_id: bank.bank_id,
        hash: h.hash.toLowerCase(),
        quality: h.quality ?? null,
        external_id: h.external_id ?? null,
        metadata: JSON.stringify(h.metadata ?? {}),
        added_by: actor,
      }));
      const result = await trx
        .insertInto('bank_hashes')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['bank_id', 'hash'])
            .where('hash', 'is not', null)
            .doUpdateSet({ removed_at: null, added_at: new Date(), added_by: actor })
            .where('bank_hashes.removed_at', 'is not', null),
        )
        .returning('hash_id')
        .execute();
      added += result.length;
    }
    await audit(trx, {
      actor,
      tenantId: null,
      action: 'hash_bank.add_hashes',
      subjectType: 'hash_bank',
      subjectId: bankName,
      after: { read: hashes.length, added },
    });
  });
  return { bank: bankName, read: hashes.length, added, existing: hashes.length - added, rejected: [] };
}

/**
 * Adds one video (its frame hashes) to a `vpdq` bank; the same `externalId` again replaces its frames.
 * @throws ApiError 404 BANK_NOT_FOUND, 400 BANK_SIGNAL_MISMATCH
 */
export async function addBankVideo(db: Db, bankName: string, input: NewBankVideo): Promise<ImportReport> {
  const bank = await findBank(db, bankName);
  if (bank.signal_type !== 'vpdq')
    throw new ApiError(400, 'BANK_SIGNAL_MISMATCH', `bank ${bankName} holds ${bank.signal_type} entries`);
  const frames = JSON.stringify(
    input.frames.map(({ hash, quality, timestamp }) => ({ hash, quality, timestamp })),
  );
  const row = {
    bank_id: bank.bank_id,
    frames,
    external_id: input.externalId,
    metadata: JSON.stringify(input.metadata ?? {}),
    added_by: input.actor,
  };
  await db.transaction().execute(async (trx) => {
    const insert = trx.insertInto('bank_hashes').values(row);
    await (
      input.externalId
        ? insert.onConflict((oc) =>
            oc
              .columns(['bank_id', 'external_id'])
              .where('external_id', 'is not', null)
              .doUpdateSet({ frames, removed_at: null, added_at: new Date(), added_by: input.actor }),
          )
        : insert
    ).execute();
    await audit(trx, {
      actor: input.actor,
      tenantId: null,
      action: 'hash_bank.add_video',
      subjectType: 'hash_bank',
      subjectId: bankName,
      after: { external_id: input.externalId, frames: input.frames.length },
    });
  });
  return { bank: bankName, read: 1, added: 1, existing: 0, rejected: [] };
}

/**
 * Removes entries of a bank by id or by hash (soft: `removed_at` is set).
 * @returns how many entries were removed now.
 * @throws ApiError 404 BANK_NOT_FOUND
 */
export async function removeBankHashes(
  db: Db,
  bankName: string,
  which: { hashIds?: readonly string[]; hashes?: readonly string[] },
  actor: string,
): Promise<number> {
  const bank = await findBank(db, bankName);
  const ids = (which.hashIds ?? []).filter((id) => /^\d{1,18}$/.test(id));
  const hashes = (which.hashes ?? []).map((h) => h.toLowerCase());
  if (ids.length === 0 && hashes.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .updateTable('bank_hashes')
      .set({ removed_at: new Date() })
      .where('bank_id', '=', bank.bank_id)
      .where('removed_at', 'is', null)
      .where((eb) =>
        eb.or([
          ...(ids.length > 0 ? [eb('hash_id', 'in', ids as never)] : []),
          ...(hashes.length > 0 ? [eb('hash', 'in', hashes)] : []),
        ]),
      )
      .returning('hash_id')
      .execute();
    await audit(trx, {
      actor,
      tenantId: null,
      action: 'hash_bank.remove_hashes',
      subjectType: 'hash_bank',
      subjectId: bankName,
      after: { hash_ids: removed.map((r) => r.hash_id) },
    });
    return removed.length;
  });
}

/**
 * A page of a bank's entries in id order (removed ones included, marked).
 * @throws ApiError 404 BANK_NOT_FOUND
 */
export async function listBankHashes(
  db: Db,
  bankName: string,
  options: { after?: string; limit: number },
): Promise<BankHash[]> {
  const bank = await findBank(db, bankName);
  let q = db
    .selectFrom('bank_hashes')
    .selectAll()
    .select(sql<number | null>`jsonb_array_length(frames)`.as('frame_count'))
    .where('bank_id', '=', bank.bank_id);
  if (options.after && /^\d{1,18}$/.test(options.after)) q = q.where('hash_id', '>', options.after);
  const rows = await q.orderBy('hash_id').limit(options.limit).execute();
  return rows.map((r) => ({
    hash_id: r.hash_id,
    hash: r.hash,
    frames: r.frame_count,
    quality: r.quality,
    external_id: r.external_id,
    metadata: r.metadata,
    added_at: r.added_at.toISOString(),
    added_by: r.added_by,
    enabled: r.enabled,
    disabled_reason: r.disabled_reason,
    removed_at: r.removed_at?.toISOString() ?? null,
    match_state: r.match_state,
    confirmed_matches: r.confirmed_matches,
    rejected_matches: r.rejected_matches,
  }));
}

/**
 * Enables or disables one entry (its bank stays as it is).
 * @throws ApiError 404 BANK_HASH_NOT_FOUND
 */
export async function setBankHashEnabled(
  db: Db,
  hashId: string,
  enabled: boolean,
  actor: string,
): Promise<void> {
  if (!/^\d{1,18}$/.test(hashId)) throw new ApiError(404, 'BANK_HASH_NOT_FOUND', `no bank hash ${hashId}`);
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('bank_hashes')
      .set({ enabled, disabled_reason: enabled ? null : 'disabled_by_admin' })
      .where('hash_id', '=', hashId)
      .returning(['hash_id'])
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'BANK_HASH_NOT_FOUND', `no bank hash ${hashId}`);
    await audit(trx, {
      actor,
      tenantId: null,
      action: enabled ? 'bank_hash.enable' : 'bank_hash.disable',
      subjectType: 'bank_hash',
      subjectId: hashId,
    });
  });
}
