import { randomUUID } from 'node:crypto';
import { TenantId } from '@vigil/contracts';
import { ApiError } from '../http/api-error';
import type { Db, Queryable } from '../database/database';
import { audit } from '../audit/audit';
import {
  addBankHashes,
  addBankVideo,
  listBankHashes,
  removeBankHashes,
  setBankHashEnabled,
} from './bank-entries';
import { importBankFile } from './bank-import';
import { findBank, listAllBanks } from './bank-query';
import {
  SIGNAL_TYPES,
  type Bank,
  type BankChange,
  type BankHash,
  type ImportReport,
  type NewBankHash,
  type NewBankVideo,
  type SignalType,
} from './bank-types';
import { reviewHashMatch, type HashMatchReview, type HashMatchReviewOutcome } from './match-review';

const BANK_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ACTION = /^[a-z_]{1,32}$/;

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
    return listAllBanks(this.db);
  }

  /** @throws ApiError 404 BANK_NOT_FOUND */
  async bank(name: string, db: Queryable = this.db): Promise<Bank> {
    return findBank(db, name);
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

  /** Adds PDQ hashes to a `pdq` bank: {@link addBankHashes}. */
  async addHashes(bankName: string, hashes: readonly NewBankHash[], actor: string): Promise<ImportReport> {
    return addBankHashes(this.db, bankName, hashes, actor);
  }

  /** Imports a hash list, CSV or vPDQ feature file into a bank: {@link importBankFile}. */
  async importFile(
    bankName: string,
    text: string,
    options: { fileName?: string; externalId?: string; actor: string },
  ): Promise<ImportReport> {
    return importBankFile(this.db, bankName, text, options);
  }

  /** Adds one video to a `vpdq` bank: {@link addBankVideo}. */
  async addVideo(bankName: string, input: NewBankVideo): Promise<ImportReport> {
    return addBankVideo(this.db, bankName, input);
  }

  /** Removes entries of a bank by id or by hash (soft): {@link removeBankHashes}. */
  async removeHashes(
    bankName: string,
    which: { hashIds?: readonly string[]; hashes?: readonly string[] },
    actor: string,
  ): Promise<number> {
    return removeBankHashes(this.db, bankName, which, actor);
  }

  /** A page of a bank's entries in id order: {@link listBankHashes}. */
  async hashes(bankName: string, options: { after?: string; limit: number }): Promise<BankHash[]> {
    return listBankHashes(this.db, bankName, options);
  }

  /** Enables or disables one entry: {@link setBankHashEnabled}. */
  async setHashEnabled(hashId: string, enabled: boolean, actor: string): Promise<void> {
    return setBankHashEnabled(this.db, hashId, enabled, actor);
  }

  /** A moderator's confirm or reject of a match: {@link reviewHashMatch}. */
  async reviewMatch(input: HashMatchReview): Promise<HashMatchReviewOutcome> {
    return reviewHashMatch(this.db, input);
  }
}
