import { Kysely, Migrator, PostgresDialect, sql, type Migration, type Transaction } from 'kysely';
import pg from 'pg';
import * as initial from './migrations/0001-initial';
import * as review from './migrations/0002-review';
import * as hashBanks from './migrations/0003-hash-banks';
import * as apiTokenUsage from './migrations/0004-api-token-usage';
import * as hashBankOwner from './migrations/0005-hash-bank-owner';
import * as hashBankReader from './migrations/0006-hash-bank-reader';
import * as reviewShift from './migrations/0007-review-shift';
import * as authors from './migrations/0008-authors';
import * as wellness from './migrations/0009-wellness';
import * as claimStart from './migrations/0010-claim-start';
import * as authorLift from './migrations/0011-author-lift';
import * as escalationIndex from './migrations/0012-escalation-index';
import type { Database } from './tables';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A database handle or an open transaction: repository functions accept either. */
export type Queryable = Db | Tx;

/** DI token for the Kysely instance. */
export const DATABASE = Symbol('DATABASE');

/** Every migration, in order. Static imports so compiled and test builds see the same list. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-review': review,
  '0003-hash-banks': hashBanks,
  '0004-api-token-usage': apiTokenUsage,
  '0005-hash-bank-owner': hashBankOwner,
  '0006-hash-bank-reader': hashBankReader,
  '0007-review-shift': reviewShift,
  '0008-authors': authors,
  '0009-wellness': wellness,
  '0010-claim-start': claimStart,
  '0011-author-lift': authorLift,
  '0012-escalation-index': escalationIndex,
};

export interface DatabaseSettings {
  /** `postgres://user:pass@host:port/db` */
  readonly url: string;
  /** Schema for Vigil's tables; every connection's `search_path` points at it. */
  readonly schema: string;
  /** Most connections in the pool. */
  readonly poolSize: number;
  /** A new connection (TCP + startup) that takes longer fails, ms. Default 5000; 0 = no limit. */
  readonly connectTimeoutMs?: number;
  /**
   * The server cancels a statement running longer (`statement_timeout`, SQLSTATE 57014), and the
   * client gives up on an answer 1 s after that (a server that stopped answering), ms. Default 30000;
   * 0 = no limit. An idle transaction is ended after the same time (`idle_in_transaction_session_timeout`).
   */
  readonly statementTimeoutMs?: number;
}

/**
 * A Kysely instance over a node-postgres pool whose connections use `schema` (via the `search_path`
 * startup option), so the same code runs in `public` or in a per-test schema. Connect and statement
 * timeouts bound every wait on the database (see `DatabaseSettings`).
 */
export function createDatabase(settings: DatabaseSettings): Db {
  const statementMs = settings.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    options: `-c search_path=${settings.schema}`,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 5000,
    ...(statementMs > 0
      ? {
          statement_timeout: statementMs,
          idle_in_transaction_session_timeout: statementMs,
          query_timeout: statementMs + 1000,
        }
      : {}),
  });
  // A client whose server went away (a restart, a failover) emits 'error': idle ones through the
  // pool, checked-out ones (between statements of a transaction) on themselves. Without a listener that
  // event crashes the process; with one, the next statement fails (transient, retried) and the pool
  // drops the dead client when it is released.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Thrown when a migration fails; names the migration. */
export class MigrationError extends Error {
  readonly code = 'DATABASE_MIGRATION_FAILED';
  constructor(migration: string, options: { cause: unknown }) {
    super(
      `migration ${migration} failed: ${(options.cause as Error)?.message ?? String(options.cause)}`,
      options,
    );
    this.name = 'MigrationError';
  }
}

/**
 * Creates the schema when missing and applies pending migrations with kysely's Migrator (which takes a
 * lock table, so instances starting together migrate once).
 * @returns names of the migrations applied now.
 * @throws MigrationError
 */
export async function migrateToLatest(db: Db, schema: string): Promise<string[]> {
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableSchema: schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error) throw new MigrationError(failed?.migrationName ?? '(unknown)', { cause: error });
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
