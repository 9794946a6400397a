/**
 * The demo's embedded database (infra/stack/database.ts): with no PostgreSQL at the URL, an in-memory
 * PGlite is served over the PostgreSQL protocol. Several `pg` clients at once must each get whole
 * protocol cycles (Parse/Bind/Execute/Sync with the unnamed statement) and whole transactions, as the
 * moderation service's pool does (pglite-socket's own queue switches clients between any two messages
 * outside a transaction; ProtocolCycleQueue only at a Sync or simple Query with no transaction open).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../infra/stack/database';

let database: LocalDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await openDatabase('postgres://postgres@127.0.0.1:1/nothing-listens-here');
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
  await pool.query('CREATE TABLE posts (id int PRIMARY KEY, caption text NOT NULL)');
  await pool.query('CREATE TABLE runs (id int REFERENCES posts, expert text, PRIMARY KEY (id, expert))');
});

afterAll(async () => {
  await pool?.end();
  await database?.close();
});

describe('embedded PGlite over the PostgreSQL protocol', () => {
  it('answers each client’s own statement when different statements run at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) =>
        i % 2 === 0
          ? (await pool.query('SELECT $1::int * 2 AS n', [i])).rows[0].n === i * 2
          : (await pool.query('SELECT $1::text || $2::text AS s', [`a${i}`, 'b'])).rows[0].s === `a${i}b`,
      ),
    );
    expect(answers.every(Boolean)).toBe(true);
  });

  it('falls back to PGlite when nothing answers at the URL', () => {
    expect(database.kind).toBe('pglite');
    expect(database.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  it('keeps concurrent clients’ parameterised statements and transactions apart', async () => {
    const errors: string[] = [];
    let committed = 0;
    await Promise.all(
      Array.from({ length: 120 }, async (_, i) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          // Every third post arrives twice: the second insert finds it and the transaction rolls back.
          const fresh = await client.query(
            'INSERT INTO posts VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
            [i % 80, `post ${i % 80}`],
          );
          if (fresh.rowCount === 0) {
            await client.query('ROLLBACK');
            return;
          }
          await client.query('INSERT INTO runs VALUES ($1, $2), ($1, $3)', [i % 80, 'text', 'fusion']);
          if (i % 7 === 0) throw new Error('rolled back on purpose');
          await client.query('COMMIT');
          committed += 1;
        } catch (error) {
          await client.query('ROLLBACK');
          errors.push((error as Error).message);
        } finally {
          client.release();
        }
      }),
    );
    expect(new Set(errors)).toEqual(new Set(['rolled back on purpose']));
    const posts = await pool.query<{ n: string }>('SELECT count(*) AS n FROM posts');
    const runs = await pool.query<{ n: string }>('SELECT count(*) AS n FROM runs');
    // Exactly the committed transactions' rows: none lost, none left by a rolled-back one.
    expect(committed).toBeGreaterThan(60);
    expect(Number(posts.rows[0]!.n)).toBe(committed);
    expect(Number(runs.rows[0]!.n)).toBe(2 * committed);
  });
});
