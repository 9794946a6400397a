import {
  activeBankHashesPageQuery,
  CHANGED_BANK_HASHES_QUERY,
  HASH_BANKS_CHANNEL,
  HASH_BANKS_QUERY,
  type BankHashRow,
  type HashBankRow,
} from '@vigil/contracts';
import pg from 'pg';
import { BankEntryIndex, type PdqBankHit, type VideoBankHit } from './bank-entry-index';

export type { BankInfo, PdqBankHit, VideoBankHit } from './bank-entry-index';

export interface HashBankIndexOptions {
  /** `postgres://…` of the moderation database (read-only use). */
  readonly url: string;
  /** Schema of the bank tables (the moderation service's `DATABASE_SCHEMA`). */
  readonly schema: string;
  /** Bank video frames below this PDQ quality are not indexed (default 50). */
  readonly minQuality?: number;
  /** Wait after a NOTIFY before reading, ms, so a burst of statements costs one read (default 100). */
  readonly debounceMs?: number;
  /** Rows per page of the first load (default 50,000). */
  readonly pageSize?: number;
  readonly onRefresh?: (r: { full: boolean; rows: number; ms: number }) => void;
  readonly onError?: (error: Error) => void;
}

/** PostgreSQL `undefined_table`: the schema has not been migrated by the moderation service. */
function isMissingTable(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '42P01';
}

/**
 * The enabled hash banks in memory, for matching before routing. Loaded read-only from PostgreSQL (the
 * moderation service owns the tables; the queries and rows are @vigil/contracts' HASH_BANKS_QUERY and
 * BANK_HASHES_QUERY) and kept current by LISTEN HASH_BANKS_CHANNEL: after each NOTIFY from its schema it
 * reads only the rows of transactions not yet visible at its previous read (`change_txid >=
 * pg_snapshot_xmin` of that read, inside one REPEATABLE READ transaction), so a change committed late is
 * never skipped. A lost listener connection is re-opened after a second and followed
 * by a read, so nothing is missed in between.
 *
 * Matching runs in memory (BankEntryIndex): PDQ entries live in a multi-index hash index (@vigil/pdq
 * HashIndex: exact "all within d"); vPDQ entries' frames (quality ≥ minQuality, distinct) in a second one.
 */
export class HashBankIndex {
  private readonly pool: pg.Pool;
  private listener?: pg.Client;
  private readonly entries: BankEntryIndex;
  private xmin?: string;
  private refreshing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private reconnect?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private closed = false;
  /** When the index last caught up with the database. */
  lastRefresh?: Date;

  constructor(private readonly options: HashBankIndexOptions) {
    this.entries = new BankEntryIndex(options.minQuality ?? 50);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: 2,
      options: `-c search_path=${options.schema}`,
    });
    this.pool.on('error', (error) => options.onError?.(error));
  }

  /**
   * Loads every enabled bank, then listens for changes; may be called again after a failure. A schema
   * without the bank tables (moderation has not migrated it yet) holds no banks: the index starts empty
   * and loads them once they appear (on NOTIFY, and every 5 s until then).
   * @throws the database error when it cannot read (connection refused, authentication, …).
   */
  async start(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      if (!isMissingTable(error)) throw error;
      this.tablesMissing = true;
      this.options.onError?.(
        new Error(
          `no hash-bank tables in schema ${this.options.schema} yet; matching starts when they appear`,
        ),
      );
      this.retryFirstLoad();
    }
    if (!this.listener) await this.listen();
  }

  /** True while the schema has no bank tables (nothing to match). */
  tablesMissing = false;

  private retryFirstLoad(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.refresh().then(
        () => (this.tablesMissing = false),
        (error: Error) => {
          if (!isMissingTable(error)) this.options.onError?.(error);
          this.retryFirstLoad();
        },
      );
    }, 5000);
  }

  /** Stops listening and closes the connections. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.reconnect);
    clearTimeout(this.retry);
    await this.refreshing.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** Entries indexed: PDQ hashes and vPDQ videos, and the enabled banks. */
  get counts(): { banks: number; pdq_hashes: number; vpdq_videos: number } {
    return this.entries.counts;
  }

  /**
   * Reads what changed since the last read (everything, the first time). Calls are serialised.
   * @throws the database error.
   */
  refresh(): Promise<void> {
    const next = this.refreshing.catch(() => undefined).then(() => this.read());
    this.refreshing = next;
    return next;
  }

  /** Every PDQ entry within `maxDistance` of `hash` (hex), nearest first. */
  matchPdq(hash: string, maxDistance: number): PdqBankHit[] {
    return this.entries.matchPdq(hash, maxDistance);
  }

  /** vPDQ matching of a video's frame hashes: {@link BankEntryIndex.matchVideo}. */
  matchVideo(frameHashes: readonly string[], maxDistance: number, threshold: number): VideoBankHit[] {
    return this.entries.matchVideo(frameHashes, maxDistance, threshold);
  }

  private async read(): Promise<void> {
    if (this.closed) return;
    const started = performance.now();
    const full = this.xmin === undefined;
    const client = await this.pool.connect();
    let rows = 0;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows: snap } = await client.query<{ xmin: string }>(
        'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
      );
      const { rows: bankRows } = await client.query<HashBankRow>(HASH_BANKS_QUERY);
      const previous = this.entries.replaceBanks(bankRows);
      if (full) {
        rows += await this.loadPages(client, null);
      } else {
        // Banks switched off (or gone) drop their entries; banks switched on load theirs.
        for (const [bankId, before] of previous) {
          const now = this.entries.banks.get(bankId);
          if (before.enabled && !now?.enabled) this.entries.dropBank(bankId);
        }
        for (const [bankId, now] of this.entries.banks) {
          if (now.enabled && !previous.get(bankId)?.enabled) rows += await this.loadPages(client, bankId);
        }
        const { rows: changed } = await client.query<BankHashRow>(CHANGED_BANK_HASHES_QUERY, [this.xmin]);
        for (const row of changed) this.entries.apply(row);
        rows += changed.length;
      }
      await client.query('COMMIT');
      this.xmin = snap[0]!.xmin;
      this.lastRefresh = new Date();
      this.tablesMissing = false;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.options.onRefresh?.({ full, rows, ms: performance.now() - started });
  }

  /**
   * Loads active rows page by page (keyset on hash_id), of one bank or all; PDQ hashes go in with one
   * bulk add per page.
   */
  private async loadPages(client: pg.PoolClient, bankId: string | null): Promise<number> {
    const size = this.options.pageSize ?? 50_000;
    const query = activeBankHashesPageQuery(size);
    let after = '0';
    let total = 0;
    for (;;) {
      const { rows } = await client.query<BankHashRow>(query, [after, bankId]);
      this.entries.addPage(rows);
      total += rows.length;
      if (rows.length < size) return total;
      after = rows[rows.length - 1]!.hash_id;
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url });
    client.on('notification', (n) => {
      if (n.channel === HASH_BANKS_CHANNEL && n.payload === this.options.schema) this.schedule();
    });
    client.on('error', (error) => {
      this.options.onError?.(error);
      void client.end().catch(() => undefined);
      this.relisten();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${HASH_BANKS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  /** Re-opens the listener every second until it works, then reads what changed meanwhile. */
  private relisten(): void {
    if (this.closed) return;
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => {
      this.listen().then(
        () => this.schedule(),
        (error: Error) => {
          this.options.onError?.(error);
          this.relisten();
        },
      );
    }, 1000);
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh().catch((error: Error) => this.options.onError?.(error));
    }, this.options.debounceMs ?? 100);
  }
}
