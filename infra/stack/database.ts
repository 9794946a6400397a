/**
 * PostgreSQL for a local run of the pipeline: the server named by a URL when it answers, otherwise an
 * embedded PGlite (PostgreSQL compiled to WebAssembly, in this process) served over the PostgreSQL wire
 * protocol by `@electric-sql/pglite-socket`, so the services keep their one code path through `pg`.
 */
import { createServer, type Server } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import pg from 'pg';

/** A database the services can reach at `url`; `close` drops what the run made and stops PGlite. */
export interface LocalDatabase {
  readonly url: string;
  readonly kind: 'postgres' | 'pglite';
  /** Drops `schema` (on a real server) and stops the embedded server (PGlite). */
  close(schema?: string): Promise<void>;
}

/** Whether a PostgreSQL server answers at `url` within `timeoutMs`. */
async function reachable(url: string, timeoutMs = 3_000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

type QueryQueue = ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'];

interface QueuedMessage {
  readonly handlerId: number;
  readonly message: Uint8Array;
  readonly onData: (data: Uint8Array) => void;
  readonly resolve: (bytes: number) => void;
  readonly reject: (error: unknown) => void;
}

/** Frontend message types that end a protocol cycle (PostgreSQL protocol 3.0): Sync, Query, Terminate. */
const CYCLE_END = new Set([0x53, 0x51, 0x58]);

/**
 * Runs the clients' protocol messages on the one PGlite session, one client's whole cycle at a time.
 * pglite-socket's own queue interleaves clients message by message outside transactions, so two `pg`
 * clients' extended-protocol messages (Parse, Bind, Execute, Sync with the unnamed statement) mix
 * ("unnamed prepared statement does not exist"). Here a client owns the session from its first message
 * until a Sync, Query or Terminate leaves no transaction open; the others' messages wait.
 * Same interface as pglite-socket's QueryQueueManager, which PGLiteSocketHandler calls.
 */
export class ProtocolCycleQueue {
  private readonly queue: QueuedMessage[] = [];
  private owner: number | null = null;
  private running = false;
  private closed = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.closed) return Promise.reject(new Error('database closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  /** Refuses every later message (the database is about to close); waits for the one running. */
  async close(): Promise<void> {
    this.closed = true;
    for (const m of this.queue.splice(0)) m.reject(new Error('database closed'));
    while (this.running) await new Promise((r) => setTimeout(r, 5));
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** A client went away: drop its waiting messages. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.handlerId !== handlerId) continue;
      this.queue.splice(i, 1)[0]!.reject(new Error('client disconnected'));
    }
  }

  /** A client went away: roll back its open transaction and let the others run. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId || this.closed) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index =
          this.owner === null
            ? this.queue.length > 0
              ? 0
              : -1
            : this.queue.findIndex((m) => m.handlerId === this.owner);
        if (index < 0) return;
        const item = this.queue.splice(index, 1)[0]!;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = this.db.isInTransaction() ? item.handlerId : null;
          item.reject(error);
          continue;
        }
        const startup = item.message.length >= 8 && Buffer.from(item.message).readInt32BE(4) === 196608;
        const ends = startup || CYCLE_END.has(item.message[0]!);
        this.owner = ends && !this.db.isInTransaction() ? null : item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }
}

/** Serves `db` over the PostgreSQL protocol on 127.0.0.1 (free port). */
async function servePglite(db: PGlite, queue: ProtocolCycleQueue): Promise<Server> {
  const server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as QueryQueue,
      closeOnDetach: true,
    });
    handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/**
 * The server at `url` when it answers; otherwise an in-memory PGlite on a free 127.0.0.1 port.
 * PGlite is one PostgreSQL session shared by every connection (ProtocolCycleQueue): enough for a demo,
 * not for production load.
 */
export async function openDatabase(url: string): Promise<LocalDatabase> {
  if (await reachable(url)) {
    return {
      url,
      kind: 'postgres',
      close: async (schema) => {
        if (!schema) return;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
      },
    };
  }
  const db = await PGlite.create();
  const queue = new ProtocolCycleQueue(db);
  const server = await servePglite(db, queue);
  const { port } = server.address() as { port: number };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    kind: 'pglite',
    close: async () => {
      server.close();
      await queue.close();
      await db.close();
    },
  };
}

/** The classifier's database login in local runs: a member of `vigil_hash_bank_reader` (moderation migration 0006). */
export const CLASSIFIER_DB_USER = 'vigil_classifier';
/** Local runs only (PostgreSQL on 127.0.0.1); compose and k8s set their own. */
const CLASSIFIER_DB_PASSWORD = 'vigil_classifier_local';

/**
 * The URL the classifier reads the hash banks with in a local run: `url` with the login
 * `vigil_classifier`, a member of `vigil_hash_bank_reader` (SELECT on the two bank tables only), both made
 * here when missing. Where they cannot be made (a user without CREATEROLE) or that login does not
 * connect, returns `url` itself with `readOnly: false`: the classifier then reads with moderation's
 * credentials, as before issue 19, and the run goes on.
 */
export async function hashBankReaderUrl(url: string): Promise<{ url: string; readOnly: boolean }> {
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
    await admin.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vigil_hash_bank_reader') THEN
          CREATE ROLE vigil_hash_bank_reader NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${CLASSIFIER_DB_USER}') THEN
          CREATE ROLE ${CLASSIFIER_DB_USER} LOGIN PASSWORD '${CLASSIFIER_DB_PASSWORD}' IN ROLE vigil_hash_bank_reader;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- a concurrent run made them
      END $$`);
    const reader = new URL(url);
    reader.username = CLASSIFIER_DB_USER;
    reader.password = CLASSIFIER_DB_PASSWORD;
    const readerUrl = reader.toString();
    if (!(await reachable(readerUrl))) throw new Error(`${CLASSIFIER_DB_USER} cannot connect`);
    return { url: readerUrl, readOnly: true };
  } catch (error) {
    console.warn(
      `stack: the classifier reads the hash banks with moderation's database user (${(error as Error).message})`,
    );
    return { url, readOnly: false };
  } finally {
    await admin.end().catch(() => undefined);
  }
}
