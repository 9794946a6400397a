import { sql } from 'kysely';
import { ApiError } from '../http/api-error';
import type { Queryable } from '../database/database';
import type { Bank } from './bank-types';

/** A bank by name with its entry counts, in the API shape. @throws ApiError 404 BANK_NOT_FOUND */
export async function findBank(db: Queryable, name: string): Promise<Bank> {
  const row = await bankQuery(db).where('b.name', '=', name).executeTakeFirst();
  if (!row) throw new ApiError(404, 'BANK_NOT_FOUND', `no bank ${name}`);
  return bankOut(row);
}

/** Every bank with its entry counts, by name. */
export async function listAllBanks(db: Queryable): Promise<Bank[]> {
  const rows = await bankQuery(db).orderBy('b.name').execute();
  return rows.map(bankOut);
}

/** Banks with their active and disabled entry counts (removed entries are not counted). */
function bankQuery(db: Queryable) {
  return db
    .selectFrom('hash_banks as b')
    .selectAll('b')
    .select((eb) => [
      eb
        .selectFrom('bank_hashes as h')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('h.bank_id', '=', 'b.bank_id')
        .where('h.removed_at', 'is', null)
        .where('h.enabled', '=', true)
        .as('active_hashes'),
      eb
        .selectFrom('bank_hashes as h')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('h.bank_id', '=', 'b.bank_id')
        .where('h.removed_at', 'is', null)
        .where('h.enabled', '=', false)
        .as('disabled_hashes'),
    ]);
}

/** A bank row as the query returns it (timestamps as Date, counts as bigint strings) → the API shape. */
function bankOut(
  r: Omit<Bank, 'created_at' | 'updated_at' | 'active_hashes' | 'disabled_hashes'> & {
    created_at: Date;
    updated_at: Date;
    active_hashes: string | null;
    disabled_hashes: string | null;
  },
): Bank {
  // Field by field: the row has more columns (e.g. the writing transaction) than the API shows.
  return {
    bank_id: r.bank_id,
    name: r.name,
    source: r.source,
    signal_type: r.signal_type,
    action: r.action,
    enabled: r.enabled,
    description: r.description,
    owner_tenant: r.owner_tenant,
    created_at: r.created_at.toISOString(),
    created_by: r.created_by,
    updated_at: r.updated_at.toISOString(),
    active_hashes: Number(r.active_hashes ?? 0),
    disabled_hashes: Number(r.disabled_hashes ?? 0),
  };
}
