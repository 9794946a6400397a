import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { TenantId } from '@vigil/contracts';
import { parseBankFile, parseVpdqFeatures, PdqError, type BankFileRejection } from '@vigil/pdq';
import { sql } from 'kysely';
import { ApiError } from '../http/api-error';
import type { Db, Queryable } from '../database/database';
import type { HashMatchState } from '../database/tables';
import { audit } from '../audit/audit';

/** What a bank's entries are: single PDQ hashes (images, frames) or vPDQ frame sets (videos). */
export const SIGNAL_TYPES = ['pdq', 'vpdq'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/** A bank as the API and the CLI show it. */
export interface Bank {
  bank_id: string;
  name: string;
  source: string;
  signal_type: SignalType;
  /** What the bank asks policy for (`remove`, `review`, …). */
  action: string;
  enabled: boolean;
  description: string | null;
  /**
   * The tenant that owns the bank: a rejected match disables an entry only when the post is this
   * tenant's. Null: a shared bank, whose entries only an admin disables.
   */
  owner_tenant: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** Entries neither removed nor disabled (the ones the classifier matches). */
  active_hashes: number;
  /** Entries disabled one by one (e.g. a moderator rejected a match), not removed. */
  disabled_hashes: number;
}

/** One entry of a bank. */
export interface BankHash {
  hash_id: string;
  /** PDQ hex (pdq banks); null for vpdq entries. */
  hash: string | null;
  /** Frame count of a vpdq entry. */
  frames: number | null;
  quality: number | null;
  external_id: string | null;
  metadata: Record<string, unknown>;
  added_at: string;
  added_by: string;
  enabled: boolean;
  disabled_reason: string | null;
  removed_at: string | null;
  match_state: HashMatchState;
  confirmed_matches: number;
  rejected_matches: number;
}

/** A PDQ hash to add: 64 hex digits, optional quality, the list's id and free-form metadata. */
export interface NewBankHash {
  hash: string;
  quality?: number;
  external_id?: string;
  metadata?: Record<string, unknown>;
}

/** Outcome of adding or importing hashes. */
export interface ImportReport {
  bank: string;
  /** Entries read from the input. */
  read: number;
  /** New entries, plus removed ones added again. */
  added: number;
  /** Entries the bank already held (unchanged). */
  existing: number;
  /** Records that are not usable hashes, with line and reason (nothing is dropped silently). */
  rejected: BankFileRejection[];
}

export interface BankChange {
  enabled?: boolean;
  action?: string;
  source?: string;
  description?: string | null;
}

const BANK_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ACTION = /^[a-z_]{1,32}$/;
const CHUNK = 1000;

/**
 * Hash banks in PostgreSQL (migration 0003-hash-banks): create and change banks, add, import and remove
 * entries, and record moderators' confirm/reject decisions on matches. Every write is audited
 * (`audit_log`, subject `hash_bank` or `bank_hash`) and, through the table triggers, NOTIFYs
 * HASH_BANKS_CHANNEL (@vigil/contracts) so classifiers refresh their index. Removal is soft (`removed_at`).
 */
export class HashBankStore {
  constructor(private readonly db: Db) {}

  /**
   * Creates a bank.
   * @throws ApiError 400 REQUEST_INVALID (name or action malformed), 409 BANK_EXISTS.
   */
  async createBank(input: {
    name: string;
    signalType: SignalType;
    action: string;
    source?: string;
    description?: string;
    enabled?: boolean;
    ownerTenant?: string;
    actor: string;
  }): Promise<Bank> {
    if (!BANK_NAME.test(input.name))
      throw new ApiError(400, 'REQUEST_INVALID', `bank name must match ${BANK_NAME.source}`);
    if (!ACTION.test(input.action))
      throw new ApiError(400, 'REQUEST_INVALID', `action must match ${ACTION.source}`);
    if (input.ownerTenant !== undefined && !TenantId.safeParse(input.ownerTenant).success)
      throw new ApiError(400, 'REQUEST_INVALID', 'owner tenant: 1-64 of [A-Za-z0-9._-]');
    if (!(SIGNAL_TYPES as readonly string[]).includes(input.signalType))
      throw new ApiError(400, 'REQUEST_INVALID', `signal type must be one of ${SIGNAL_TYPES.join(', ')}`);
    await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('hash_banks')
        .values({
          bank_id: randomUUID(),
          name: input.name,
          source: input.source ?? '',
          signal_type: input.signalType,
          action: input.action,
          enabled: input.enabled ?? true,
          description: input.description ?? null,
          owner_tenant: input.ownerTenant ?? null,
          created_by: input.actor,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning(['bank_id'])
        .executeTakeFirst();
      if (!inserted) throw new ApiError(409, 'BANK_EXISTS', `bank ${input.name} exists`);
      await audit(trx, {
        actor: input.actor,
        tenantId: null,
        action: 'hash_bank.create',
        subjectType: 'hash_bank',
        subjectId: input.name,
        after: {
          signal_type: input.signalType,
          action: input.action,
          source: input.source ?? '',
          owner_tenant: input.ownerTenant ?? null,
        },
      });
    });
    return this.bank(input.name);
  }

  /** Every bank with its entry counts, by name. */
  async listBanks(): Promise<Bank[]> {
    const rows = await this.bankQuery(this.db).orderBy('b.name').execute();
    return rows.map(bankOut);
  }

  /** @throws ApiError 404 BANK_NOT_FOUND */
  async bank(name: string, db: Queryable = this.db): Promise<Bank> {
    const row = await this.bankQuery(db).where('b.name', '=', name).executeTakeFirst();
    if (!row) throw new ApiError(404, 'BANK_NOT_FOUND', `no bank ${name}`);
    return bankOut(row);
  }

  /**
   * Enables or disables a bank, or changes its action, source or description.
   * @throws ApiError 404 BANK_NOT_FOUND, 400 REQUEST_INVALID
   */
  async updateBank(name: string, change: BankChange, actor: string): Promise<Bank> {
    if (change.action !== undefined && !ACTION.test(change.action))
      throw new ApiError(400, 'REQUEST_INVALID', `action must match ${ACTION.source}`);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.bank(name, trx);
      const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length > 0)
        await trx
          .updateTable('hash_banks')
          .set({ ...set, updated_at: new Date() })
          .where('name', '=', name)
          .execute();
      await audit(trx, {
        actor,
        tenantId: null,
        action:
          change.enabled === false
            ? 'hash_bank.disable'
            : change.enabled
              ? 'hash_bank.enable'
              : 'hash_bank.update',
        subjectType: 'hash_bank',
        subjectId: name,
        before: { enabled: before.enabled, action: before.action, source: before.source },
        after: set,
      });
      return this.bank(name, trx);
    });
  }

  /**
   * Adds PDQ hashes to a `pdq` bank. A hash the bank holds stays as it is (its review state too); one
   * that was removed is added again.
   * @throws ApiError 404 BANK_NOT_FOUND, 400 BANK_SIGNAL_MISMATCH (a vpdq bank), 400 REQUEST_INVALID
   *   (a malformed hash).
   */
  async addHashes(bankName: string, hashes: readonly NewBankHash[], actor: string): Promise<ImportReport> {
    const bank = await this.bank(bankName);
    if (bank.signal_type !== 'pdq')
      throw new ApiError(400, 'BANK_SIGNAL_MISMATCH', `bank ${bankName} holds ${bank.signal_type} entries`);
    const bad = hashes.find((h) => !/^[0-9a-fA-F]{64}$/.test(h.hash));
    if (bad)
      throw new ApiError(400, 'REQUEST_INVALID', `not a 64-digit hex PDQ hash: ${bad.hash.slice(0, 80)}`);
    let added = 0;
    await this.db.transaction().execute(async (trx) => {
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
   * Imports a file into a bank. `pdq` banks: a plain hash list or a CSV (`parseBankFile`: header with a
   * `hash`/`pdq`/`signal_value` column, optional id and quality, other columns become metadata).
   * `vpdq` banks: one vPDQ feature file (`frame,quality,hash,timestamp` per line) = one video entry,
   * whose id is the file's base name unless `externalId` is given.
   * @throws ApiError 404 BANK_NOT_FOUND, 400 BANK_FILE_INVALID (nothing usable, or a bad vPDQ line).
   */
  async importFile(
    bankName: string,
    text: string,
    options: { fileName?: string; externalId?: string; actor: string },
  ): Promise<ImportReport> {
    const bank = await this.bank(bankName);
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
      return this.addVideo(bankName, { frames, externalId, actor: options.actor });
    }
    const file = parseBankFile(text);
    if (file.entries.length === 0 && file.rejected.length > 0)
      throw new ApiError(
        400,
        'BANK_FILE_INVALID',
        `no PDQ hash in the file; line ${file.rejected[0]!.line}: ${file.rejected[0]!.reason}`,
      );
    const report = await this.addHashes(
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

  /**
   * Adds one video (its frame hashes) to a `vpdq` bank; the same `externalId` again replaces its frames.
   * @throws ApiError 404 BANK_NOT_FOUND, 400 BANK_SIGNAL_MISMATCH
   */
  async addVideo(
    bankName: string,
    input: {
      frames: readonly { hash: string; quality: number; timestamp: number }[];
      externalId: string | null;
      metadata?: Record<string, unknown>;
      actor: string;
    },
  ): Promise<ImportReport> {
    const bank = await this.bank(bankName);
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
    await this.db.transaction().execute(async (trx) => {
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
  async removeHashes(
    bankName: string,
    which: { hashIds?: readonly string[]; hashes?: readonly string[] },
    actor: string,
  ): Promise<number> {
    const bank = await this.bank(bankName);
    const ids = (which.hashIds ?? []).filter((id) => /^\d{1,18}$/.test(id));
    const hashes = (which.hashes ?? []).map((h) => h.toLowerCase());
    if (ids.length === 0 && hashes.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
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
  async hashes(bankName: string, options: { after?: string; limit: number }): Promise<BankHash[]> {
    const bank = await this.bank(bankName);
    let q = this.db
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
  async setHashEnabled(hashId: string, enabled: boolean, actor: string): Promise<void> {
    if (!/^\d{1,18}$/.test(hashId)) throw new ApiError(404, 'BANK_HASH_NOT_FOUND', `no bank hash ${hashId}`);
    await this.db.transaction().execute(async (trx) => {
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

  /**
   * A moderator's judgement of a match shown in the review flow. When the bank is owned by the post's
   * tenant, `confirm` marks the entry confirmed and `reject` marks it rejected and disables it
   * (`disabled_reason: match_rejected`), so a bad hash stops matching without disabling its bank.
   * For a shared bank, or one another tenant owns, the decision is recorded (review row, audit, the
   * entry's confirmed/rejected counts) and the entry is left as it is: one tenant's moderators never
   * switch off matching that protects another tenant (issue 19); an admin disables shared entries. The
   * match must be one recorded for that post revision.
   * @throws ApiError 404 HASH_MATCH_NOT_FOUND
   */
  async reviewMatch(input: {
    tenantId: string;
    postId: string;
    revision: number;
    hashId: string;
    decision: 'confirm' | 'reject';
    moderatorId: string;
    note?: string;
  }): Promise<{
    hash_id: string;
    media_id: string;
    bank: string;
    match_state: HashMatchState;
    enabled: boolean;
  }> {
    const post = await this.db
      .selectFrom('posts')
      .select('hash_matches')
      .where('tenant_id', '=', input.tenantId)
      .where('post_id', '=', input.postId)
      .where('revision', '=', input.revision)
      .executeTakeFirst();
    const match = post?.hash_matches.find((m) => m.hash_id === input.hashId);
    if (!match || !/^\d{1,18}$/.test(input.hashId))
      throw new ApiError(404, 'HASH_MATCH_NOT_FOUND', `post has no match with bank hash ${input.hashId}`);
    const actor = `moderator:${input.moderatorId}`;
    return this.db.transaction().execute(async (trx) => {
      const reject = input.decision === 'reject';
      // Only the tenant that owns the bank decides for everyone: a rejection from another tenant's post
      // (or on a shared bank) is recorded and counted, and the entry keeps matching.
      const owner = await trx
        .selectFrom('bank_hashes as h')
        .innerJoin('hash_banks as b', 'b.bank_id', 'h.bank_id')
        .select('b.owner_tenant')
        .where('h.hash_id', '=', input.hashId)
        .executeTakeFirst();
      const decides = owner !== undefined && owner.owner_tenant === input.tenantId;
      const row = await trx
        .updateTable('bank_hashes')
        .set((eb) => ({
          reviewed_at: new Date(),
          reviewed_by: actor,
          ...(reject
            ? {
                rejected_matches: eb('rejected_matches', '+', 1),
                ...(decides
                  ? { match_state: 'rejected' as const, enabled: false, disabled_reason: 'match_rejected' }
                  : {}),
              }
            : {
                confirmed_matches: eb('confirmed_matches', '+', 1),
                ...(decides ? { match_state: 'confirmed' as const } : {}),
              }),
        }))
        .where('hash_id', '=', input.hashId)
        .returning(['hash_id', 'match_state', 'enabled'])
        .executeTakeFirst();
      if (!row) throw new ApiError(404, 'HASH_MATCH_NOT_FOUND', `bank hash ${input.hashId} no longer exists`);
      await trx
        .insertInto('hash_match_reviews')
        .values({
          review_id: randomUUID(),
          hash_id: input.hashId,
          tenant_id: input.tenantId,
          post_id: input.postId,
          revision: input.revision,
          media_id: match.media_id,
          decision: input.decision,
          moderator_id: input.moderatorId,
          note: input.note ?? null,
        })
        .execute();
      await audit(trx, {
        actor,
        tenantId: input.tenantId,
        action: `hash_match.${input.decision}`,
        subjectType: 'bank_hash',
        subjectId: input.hashId,
        after: {
          post_id: input.postId,
          revision: input.revision,
          media_id: match.media_id,
          bank: match.bank,
          owner_decides: decides,
        },
      });
      return {
        hash_id: row.hash_id,
        media_id: match.media_id,
        bank: match.bank,
        match_state: row.match_state,
        enabled: row.enabled,
      };
    });
  }

  private bankQuery(db: Queryable) {
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
