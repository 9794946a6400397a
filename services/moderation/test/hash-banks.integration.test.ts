/**
 * Hash banks (migration 0003): import from Meta's hash-list files and a CSV through the CLI, the admin
 * API (create, add, import vPDQ, remove, enable/disable), NOTIFY on every change, and confirm/reject of a
 * match from the review flow (a rejected match disables the hash, not its bank, and only when the post's
 * tenant owns the bank), and the classifier's read-only role. Real PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { HASH_BANKS_CHANNEL } from '@vigil/contracts';
import { PolicySet } from '@vigil/policy';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { DATABASE_URL, eventually, freshSchema, makeResult } from './support';
import { moderatorSession, startModeration, type Session } from './review-support';

/** Meta's PDQ and vPDQ reference vectors, committed with the PDQ kernel (kernels/pdq/test/fixtures/SOURCE.md). */
const PDQ_FIXTURES = resolve(__dirname, '..', '..', '..', 'kernels', 'pdq', 'test', 'fixtures');
const HASH_LISTS = join(PDQ_FIXTURES, 'reg-test-input', 'hash-lists');
const VPDQ_HASHES = join(PDQ_FIXTURES, 'vpdq', 'sample-hashes');
const lines = (file: string) => readFileSync(join(HASH_LISTS, file), 'utf8').trim().split('\n');

let db: Db;
let schema: string;
let drop: () => Promise<void>;
let app: INestApplication;
let baseUrl: string;
let admin: Session;
let listener: pg.Client;
const notifications: string[] = [];

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@vigil/source', '--import', 'tsx', 'src/cli/moderation-cli.ts', ...args],
    { cwd: join(__dirname, '..'), env: { ...process.env, DATABASE_URL, DATABASE_SCHEMA: schema } },
  );
  return stdout;
}

/** Waits for a NOTIFY from this schema after `action`. */
async function notified(action: () => Promise<unknown>): Promise<void> {
  const before = notifications.length;
  await action();
  await eventually(async () => notifications.slice(before).includes(schema), 5_000);
}

beforeAll(async () => {
  ({ db, schema, drop } = await freshSchema());
  ({ app, baseUrl } = await startModeration({ DATABASE_SCHEMA: schema, MODERATION_ROLES: 'api' }));
  admin = await moderatorSession(db, baseUrl, { username: 'root', role: 'admin' });
  listener = new pg.Client({ connectionString: DATABASE_URL });
  await listener.connect();
  listener.on('notification', (n) => notifications.push(n.payload ?? ''));
  await listener.query(`LISTEN ${HASH_BANKS_CHANNEL}`);
});

afterAll(async () => {
  await listener?.end();
  await app?.close();
  await drop?.();
});

describe('bank CLI', () => {
  it('creates a bank, imports Meta hash lists and a CSV, reports rejected lines, lists and disables', async () => {
    expect(
      await cli(
        'bank',
        'create',
        '--name',
        'te-needles',
        '--signal',
        'pdq',
        '--action',
        'remove',
        '--source',
        'threatexchange',
      ),
    ).toMatch(/^bank te-needles \(pdq, action remove\) id [0-9a-f-]{36}/);
    const needles = lines('needles.txt');
    const short = lines('short256.dat');
    const all = new Set([...needles, ...short].map((h) => h.toLowerCase()));
    const out = await cli(
      'bank',
      'import',
      '--bank',
      'te-needles',
      join(HASH_LISTS, 'needles.txt'),
      join(HASH_LISTS, 'short256.dat'),
    );
    const distinctShort = all.size - needles.length;
    expect(out).toContain(
      `needles.txt: ${needles.length} read, ${needles.length} added, 0 already there, 0 rejected`,
    );
    expect(out).toContain(
      `short256.dat: ${short.length} read, ${distinctShort} added, ${short.length - distinctShort} already there, 0 rejected`,
    );
    // Importing again adds nothing.
    expect(await cli('bank', 'import', '--bank', 'te-needles', join(HASH_LISTS, 'needles.txt'))).toContain(
      `${needles.length} read, 0 added, ${needles.length} already there`,
    );
    // 64-bit hashes are not PDQ: nothing usable, the command fails naming the first line.
    await expect(
      cli('bank', 'import', '--bank', 'te-needles', join(HASH_LISTS, 'long64.dat')),
    ).rejects.toThrow(/line 1: a 64-bit hash/);

    // A CSV with a header: id, quality and other columns as metadata; one bad row reported, not lost.
    const dir = mkdtempSync(join(tmpdir(), 'vigil-banks-'));
    const csv = join(dir, 'partner.csv');
    writeFileSync(
      csv,
      [
        'signal_id,hash,quality,label',
        `p-1,${needles[0]},90,"known, violating"`,
        `p-2,${lines('haystack.txt')[0]},100,spam`,
        'p-3,not-a-hash,100,bad',
      ].join('\n'),
    );
    await cli('bank', 'create', '--name', 'partner', '--signal', 'pdq', '--action', 'review');
    const csvOut = await cli('bank', 'import', '--bank', 'partner', csv);
    expect(csvOut).toContain('partner.csv: 2 read, 2 added, 0 already there, 1 rejected');
    expect(csvOut).toContain('line 4: not a 64-digit hex PDQ hash');
    const row = await db
      .selectFrom('bank_hashes')
      .select(['hash', 'quality', 'external_id', 'metadata', 'added_by', 'match_state', 'enabled'])
      .where('external_id', '=', 'p-1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      hash: needles[0],
      quality: 90,
      external_id: 'p-1',
      metadata: { label: 'known, violating', file: 'partner.csv' },
      added_by: 'cli',
      match_state: 'unreviewed',
      enabled: true,
    });

    await notified(() => cli('bank', 'disable', '--bank', 'partner'));
    const list = await cli('bank', 'list');
    expect(list).toContain(`partner\tpdq\treview\tdisabled\t2 active\t0 disabled\t-`);
    expect(list).toContain(`te-needles\tpdq\tremove\tenabled\t${all.size} active`);
  });
});

describe('admin API', () => {
  it('creates banks, adds and removes hashes, imports a vPDQ file; every change records its transaction and NOTIFYs', async () => {
    const created = await admin.json<{ name: string; enabled: boolean; active_hashes: number }>(
      '/review/admin/banks',
      {
        method: 'POST',
        body: { name: 'api-bank', signal_type: 'pdq', action: 'remove', source: 'internal' },
      },
    );
    expect(created).toMatchObject({ name: 'api-bank', enabled: true, active_hashes: 0 });
    const dup = await admin.call('/review/admin/banks', {
      method: 'POST',
      body: { name: 'api-bank', signal_type: 'pdq', action: 'remove' },
    });
    expect([dup.status, ((await dup.json()) as { code: string }).code]).toEqual([409, 'BANK_EXISTS']);

    const [a, b] = lines('haystack.txt');
    await notified(() =>
      admin.json('/review/admin/banks/api-bank/hashes', {
        method: 'POST',
        body: { hashes: [{ hash: a, quality: 100, external_id: 'x1' }, { hash: b!.toUpperCase() }] },
      }),
    );
    const written = await db
      .selectFrom('bank_hashes')
      .select(['change_txid'])
      .where('hash', '=', a!)
      .executeTakeFirstOrThrow();
    expect(Number(written.change_txid)).toBeGreaterThan(0);
    const { hashes } = await admin.json<{
      hashes: { hash_id: string; hash: string; removed_at: string | null }[];
    }>('/review/admin/banks/api-bank/hashes');
    expect(hashes.map((h) => h.hash)).toEqual([a, b]);

    await notified(async () =>
      expect(
        await admin.json('/review/admin/banks/api-bank/hashes/remove', {
          method: 'POST',
          body: { hash_ids: [hashes[0]!.hash_id] },
        }),
      ).toEqual({ removed: 1 }),
    );
    expect((await admin.json<{ active_hashes: number }>('/review/admin/banks/api-bank')).active_hashes).toBe(
      1,
    );
    // Adding a removed hash again brings it back.
    expect(
      await admin.json('/review/admin/banks/api-bank/hashes', {
        method: 'POST',
        body: { hashes: [{ hash: a }] },
      }),
    ).toMatchObject({ read: 1, added: 1, existing: 0 });

    // Disable / enable the bank.
    await notified(() =>
      admin.json('/review/admin/banks/api-bank', { method: 'PATCH', body: { enabled: false } }),
    );
    expect((await admin.json<{ enabled: boolean }>('/review/admin/banks/api-bank')).enabled).toBe(false);

    // A vpdq bank takes feature files, one video each; PDQ hashes are refused there.
    await admin.json('/review/admin/banks', {
      method: 'POST',
      body: { name: 'videos', signal_type: 'vpdq', action: 'remove' },
    });
    const content = readFileSync(join(VPDQ_HASHES, 'chair-19-sd-bar.txt'), 'utf8');
    expect(
      await admin.json('/review/admin/banks/videos/import', {
        method: 'POST',
        body: { content, file_name: 'chair-19-sd-bar.txt' },
      }),
    ).toMatchObject({ read: 1, added: 1 });
    const video = await db
      .selectFrom('bank_hashes')
      .select(['external_id', 'hash', (eb) => eb.fn<number>('jsonb_array_length', ['frames']).as('n')])
      .where('external_id', '=', 'chair-19-sd-bar')
      .executeTakeFirstOrThrow();
    expect(video).toEqual({
      external_id: 'chair-19-sd-bar',
      hash: null,
      n: content.trim().split('\n').length,
    });
    const mismatch = await admin.call('/review/admin/banks/videos/hashes', {
      method: 'POST',
      body: { hashes: [{ hash: a }] },
    });
    expect(((await mismatch.json()) as { code: string }).code).toBe('BANK_SIGNAL_MISMATCH');

    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'hash_bank')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'hash_bank.create',
        'hash_bank.add_hashes',
        'hash_bank.remove_hashes',
        'hash_bank.disable',
        'hash_bank.add_video',
      ]),
    );
  });

  it('takes 10,000 hashes in one call (a body far over the Express default of 100 kB)', async () => {
    await admin.json('/review/admin/banks', {
      method: 'POST',
      body: { name: 'bulk', signal_type: 'pdq', action: 'review' },
    });
    const hashes = Array.from({ length: 10_000 }, (_, i) => ({
      hash: createHash('sha256').update(`bulk ${i}`).digest('hex'),
      metadata: { n: i },
    }));
    expect(JSON.stringify({ hashes }).length).toBeGreaterThan(900_000);
    expect(
      await admin.json('/review/admin/banks/bulk/hashes', { method: 'POST', body: { hashes } }),
    ).toMatchObject({ read: 10_000, added: 10_000, existing: 0 });
    expect((await admin.json<{ active_hashes: number }>('/review/admin/banks/bulk')).active_hashes).toBe(
      10_000,
    );
  });

  it('is for admins only', async () => {
    const mod = await moderatorSession(db, baseUrl, { username: 'mo', role: 'moderator' });
    const res = await mod.call('/review/admin/banks');
    expect(res.status).toBe(403);
  });
});

describe('match review in the review flow', () => {
  it('shows the match in the item view; reject disables the hash but not its bank; confirm marks it confirmed', async () => {
    await admin.json('/review/admin/banks', {
      method: 'POST',
      body: { name: 'partner-review', signal_type: 'pdq', action: 'review', owner_tenant: 'hm' },
    });
    const [h1, h2] = lines('haystack.txt').slice(10, 12);
    await admin.json('/review/admin/banks/partner-review/hashes', {
      method: 'POST',
      body: { hashes: [{ hash: h1 }, { hash: h2 }] },
    });
    const ids = await db
      .selectFrom('bank_hashes')
      .select(['hash_id', 'hash'])
      .where('hash', 'in', [h1!, h2!])
      .execute();
    const idOf = (h: string) => ids.find((r) => r.hash === h)!.hash_id;
    await admin.json('/review/admin/queues', {
      method: 'POST',
      body: { queue_id: 'matches', name: 'Matches', filter: { tenants: ['hm'] } },
    });
    const recorder = new ResultRecorder(db, new PolicySet([]));
    const taskFor = async (hashId: string) => {
      const recorded = await recorder.record(
        makeResult(
          { tenant: 'hm' },
          {
            hash_matches: [
              {
                media_id: 'm1',
                bank: 'partner-review',
                bank_action: 'review',
                distance: 4,
                hash_id: hashId,
                signal_type: 'pdq',
              },
            ],
          },
        ),
      );
      if (recorded.outcome !== 'created' || !recorded.reviewTask) throw new Error('expected a review task');
      expect(recorded.verdict.actions[0]).toMatchObject({
        action: 'review',
        rule: 'hash_match.review',
        category: 'hash_match',
      });
      return recorded.reviewTask;
    };
    const rejectTask = await taskFor(idOf(h1!));
    const confirmTask = await taskFor(idOf(h2!));
    const mo = await moderatorSession(db, baseUrl, {
      username: 'hm-mo',
      role: 'moderator',
      queues: ['matches'],
    });

    const item = await mo.json<{ hash_matches: unknown[] }>(`/review/queues/matches/tasks/${rejectTask}`);
    expect(item.hash_matches).toEqual([
      {
        media_id: 'm1',
        bank: 'partner-review',
        bank_action: 'review',
        distance: 4,
        hash_id: idOf(h1!),
        match_state: 'unreviewed',
        hash_enabled: true,
      },
    ]);

    await notified(async () =>
      expect(
        await mo.json(`/review/queues/matches/tasks/${rejectTask}/hash-matches/${idOf(h1!)}/review`, {
          method: 'POST',
          body: { decision: 'reject', note: 'a meme template, not the listed image' },
        }),
      ).toEqual({
        hash_id: idOf(h1!),
        media_id: 'm1',
        bank: 'partner-review',
        match_state: 'rejected',
        enabled: false,
      }),
    );
    await mo.json(`/review/queues/matches/tasks/${confirmTask}/hash-matches/${idOf(h2!)}/review`, {
      method: 'POST',
      body: { decision: 'confirm' },
    });
    const after = await mo.json<{ hash_matches: { match_state: string; hash_enabled: boolean }[] }>(
      `/review/queues/matches/tasks/${rejectTask}`,
    );
    expect(after.hash_matches[0]).toMatchObject({ match_state: 'rejected', hash_enabled: false });
    const bank = await admin.json<{ enabled: boolean; active_hashes: number; disabled_hashes: number }>(
      '/review/admin/banks/partner-review',
    );
    expect(bank).toMatchObject({ enabled: true, active_hashes: 1, disabled_hashes: 1 });
    const rows = await db
      .selectFrom('bank_hashes')
      .select(['hash', 'match_state', 'enabled', 'disabled_reason', 'confirmed_matches', 'rejected_matches'])
      .where('hash', 'in', [h1!, h2!])
      .orderBy('hash_id')
      .execute();
    expect(rows).toEqual([
      {
        hash: h1,
        match_state: 'rejected',
        enabled: false,
        disabled_reason: 'match_rejected',
        confirmed_matches: 0,
        rejected_matches: 1,
      },
      {
        hash: h2,
        match_state: 'confirmed',
        enabled: true,
        disabled_reason: null,
        confirmed_matches: 1,
        rejected_matches: 0,
      },
    ]);
    const reviews = await db
      .selectFrom('hash_match_reviews')
      .select(['decision', 'note', 'moderator_id'])
      .orderBy('decided_at')
      .execute();
    expect(reviews).toEqual([
      { decision: 'reject', note: 'a meme template, not the listed image', moderator_id: mo.moderatorId },
      { decision: 'confirm', note: null, moderator_id: mo.moderatorId },
    ]);

    // A hash the post did not match: 404.
    const wrong = await mo.call(
      `/review/queues/matches/tasks/${rejectTask}/hash-matches/${idOf(h2!)}/review`,
      {
        method: 'POST',
        body: { decision: 'confirm' },
      },
    );
    expect([wrong.status, ((await wrong.json()) as { code: string }).code]).toEqual([
      404,
      'HASH_MATCH_NOT_FOUND',
    ]);
  });
});

describe('tenant scope of a rejected match (issue 19)', () => {
  const recorder = () => new ResultRecorder(db, new PolicySet([]));
  const hashRow = (hash: string) =>
    db
      .selectFrom('bank_hashes')
      .select(['hash_id', 'match_state', 'enabled', 'rejected_matches'])
      .where('hash', '=', hash)
      .executeTakeFirstOrThrow();
  /** A review task for `tenant`'s post that matched `hashId` of `bank`, in the queue `tenant-q`. */
  const matchTask = async (tenant: string, bank: string, hashId: string) => {
    const recorded = await recorder().record(
      makeResult(
        { tenant },
        {
          hash_matches: [
            { media_id: 'm1', bank, bank_action: 'review', distance: 2, hash_id: hashId, signal_type: 'pdq' },
          ],
        },
      ),
    );
    if (recorded.outcome !== 'created' || !recorded.reviewTask) throw new Error('expected a review task');
    return recorded.reviewTask;
  };
  const reject = (mo: Session, tenant: string, task: string, hashId: string) =>
    mo.json<{ match_state: string; enabled: boolean }>(
      `/review/queues/${tenant}-q/tasks/${task}/hash-matches/${hashId}/review`,
      { method: 'POST', body: { decision: 'reject' } },
    );

  it("tenant B's moderator cannot disable an entry of tenant A's bank (nor of a shared bank); A's can", async () => {
    await admin.json('/review/admin/banks', {
      method: 'POST',
      body: { name: 'alpha-list', signal_type: 'pdq', action: 'review', owner_tenant: 'alpha' },
    });
    await admin.json('/review/admin/banks', {
      method: 'POST',
      body: { name: 'shared-list', signal_type: 'pdq', action: 'review' },
    });
    const [owned, shared] = lines('haystack.txt').slice(20, 22);
    await admin.json('/review/admin/banks/alpha-list/hashes', {
      method: 'POST',
      body: { hashes: [{ hash: owned }] },
    });
    await admin.json('/review/admin/banks/shared-list/hashes', {
      method: 'POST',
      body: { hashes: [{ hash: shared }] },
    });
    const ownedId = (await hashRow(owned!)).hash_id;
    const sharedId = (await hashRow(shared!)).hash_id;
    const mos: Record<string, Session> = {};
    for (const tenant of ['alpha', 'beta']) {
      await admin.json('/review/admin/queues', {
        method: 'POST',
        body: { queue_id: `${tenant}-q`, name: tenant, filter: { tenants: [tenant] } },
      });
      mos[tenant] = await moderatorSession(db, baseUrl, {
        username: `${tenant}-mo`,
        role: 'moderator',
        queues: [`${tenant}-q`],
      });
    }
    const bank = await admin.json<{ owner_tenant: string | null }>('/review/admin/banks/alpha-list');
    expect(bank.owner_tenant).toBe('alpha');

    // Beta's post matched alpha's entry: beta's rejection is recorded, the entry keeps matching.
    const betaTask = await matchTask('beta', 'alpha-list', ownedId);
    expect(await reject(mos.beta!, 'beta', betaTask, ownedId)).toMatchObject({
      match_state: 'unreviewed',
      enabled: true,
    });
    expect(await hashRow(owned!)).toMatchObject({
      enabled: true,
      match_state: 'unreviewed',
      rejected_matches: 1,
    });
    // Nor can any tenant's moderator switch off a shared entry.
    const sharedTask = await matchTask('beta', 'shared-list', sharedId);
    expect(await reject(mos.beta!, 'beta', sharedTask, sharedId)).toMatchObject({ enabled: true });
    expect(await hashRow(shared!)).toMatchObject({ enabled: true, rejected_matches: 1 });
    // The owner's moderator decides for the bank.
    const alphaTask = await matchTask('alpha', 'alpha-list', ownedId);
    expect(await reject(mos.alpha!, 'alpha', alphaTask, ownedId)).toMatchObject({
      match_state: 'rejected',
      enabled: false,
    });
    expect(await hashRow(owned!)).toMatchObject({
      enabled: false,
      match_state: 'rejected',
      rejected_matches: 2,
    });
    const reviews = await db
      .selectFrom('hash_match_reviews')
      .select(['tenant_id', 'decision'])
      .where('hash_id', 'in', [ownedId, sharedId])
      .orderBy('decided_at')
      .execute();
    expect(reviews.map((r) => r.tenant_id)).toEqual(['beta', 'beta', 'alpha']);
  });
});

describe("the classifier's database role (issue 19)", () => {
  it('vigil_hash_bank_reader may read the hash-bank tables and nothing else, and write none', async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      await client.query('SET ROLE vigil_hash_bank_reader');
      await client.query('SELECT hash_id, hash, enabled FROM bank_hashes LIMIT 1');
      await client.query('SELECT name, action, owner_tenant FROM hash_banks LIMIT 1');
      const refused = async (statement: string) => {
        await client.query('SAVEPOINT s');
        await expect(client.query(statement)).rejects.toMatchObject({ code: '42501' }); // insufficient_privilege
        await client.query('ROLLBACK TO SAVEPOINT s');
      };
      await client.query('BEGIN');
      await refused(`INSERT INTO hash_banks (bank_id, name, signal_type, action, created_by)
                     VALUES (gen_random_uuid(), 'evil', 'pdq', 'allow', 'x')`);
      await refused('UPDATE bank_hashes SET enabled = false');
      await refused('DELETE FROM bank_hashes');
      await refused('UPDATE hash_banks SET enabled = false');
      await refused('SELECT * FROM verdicts LIMIT 1');
      await refused('SELECT * FROM api_tokens LIMIT 1');
      await refused('SELECT * FROM moderators LIMIT 1');
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
