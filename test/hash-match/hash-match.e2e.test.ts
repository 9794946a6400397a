/**
 * Known content end to end: ingest, classifier and moderation as their own processes (as built, like
 * the demo runs them), the real broker and PostgreSQL, a platform serving the post's image on
 * 127.0.0.1. An operator creates a `remove` bank with the moderation CLI and imports the PDQ of one of
 * Meta's reference images (the hash from pdq's expected.csv, as a shared hash list would carry it). A
 * post then arrives whose image is an EXIF-rotated JPEG variant of that reference image: the pixels are
 * stored turned a quarter and EXIF orientation 6 turns them back for display, so only a hash of the image
 * as shown matches. The verdict must be `remove` by `hash_match.remove` naming the bank, and no image
 * expert may have run on the image (each is recorded skipped with `hash_match`).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  postKey,
  TOPICS,
  topicName,
  topicsWithPrefix,
  type PostV1Input,
  type VerdictV1,
} from '@vigil/contracts';
import { RecordProducer, TopicAdmin } from '@vigil/kafka';
import { testBroker, uniqueName } from '@vigil/kafka/testing';
import { eventually, freePort, ServiceProcess } from '@vigil/platform/testing';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REQUEST_BINDING_KEYS, moderationCli, ROOT } from '../../infra/stack/pipeline';

/** Meta's PDQ reference vectors, committed with the PDQ kernel (kernels/pdq/test/fixtures/SOURCE.md). */
const PDQ_DATA = resolve(ROOT, 'kernels', 'pdq', 'test', 'fixtures');
const REFERENCE = 'reg-test-input/dih/bridge-1-original.jpg';
const ARTIFACTS = join(ROOT, 'test-artifacts', 'hash-match');
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil_test';
const TENANT = 'northwind';
const BANK = 'e2e-known-content';

const prefix = `${uniqueName('hashmatch')}.`;
const schema = `hash_match_e2e_${randomBytes(4).toString('hex')}`;
const broker = testBroker(BROKERS.split(','));
const settings = broker.settings('hash-match-e2e');
const services: ServiceProcess[] = [];
let db: pg.Client;
let platform: Server;
let platformUrl: string;
let referenceHash: string;

const baseEnv = () => ({
  ...broker.env(),
  KAFKA_TOPIC_PREFIX: prefix,
  DATABASE_URL,
  DATABASE_SCHEMA: schema,
  REQUEST_BINDING_KEYS: LOCAL_REQUEST_BINDING_KEYS,
  LOG_LEVEL: 'info',
});

/** Starts a service as built (`dist/main.js`, `npm run build`) and waits for its `/readyz`. */
async function startService(name: string, env: Record<string, string>): Promise<void> {
  const service = new ServiceProcess({
    name,
    entry: join(ROOT, 'services', name, 'dist', 'main.js'),
    cwd: ROOT,
    port: await freePort(),
    env: { ...baseEnv(), ...env },
    logFile: join(ARTIFACTS, `${name}.log`),
  });
  services.push(service);
  await service.start();
}

/** The moderation CLI, as an operator runs it; returns stdout. */
const cli = (...args: string[]): Promise<string> => moderationCli(baseEnv(), args);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  referenceHash = readFileSync(join(PDQ_DATA, 'expected.csv'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${REFERENCE},`))!
    .split(',')[1]!;

  // The post's image: the reference photo's pixels stored turned 90° anticlockwise, with EXIF
  // orientation 6 (turn 90° clockwise to display), re-encoded at JPEG quality 85.
  const variant = await sharp(readFileSync(join(PDQ_DATA, REFERENCE)))
    .rotate(270)
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  expect((await sharp(variant).metadata()).orientation).toBe(6);
  platform = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/media/bridge.jpg')
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(variant);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;

  await new TopicAdmin(settings).ensureTopics(topicsWithPrefix(prefix));
  // Moderation first (it migrates the schema), then the operator's bank, then the workers.
  await startService('moderation', {
    MODERATION_ROLES: 'api,results,relay',
    RESULTS_GROUP_ID: uniqueName('results'),
    OUTBOX_POLL_INTERVAL: '50ms',
    SESSION_COOKIE_SECURE: 'false',
  });
  db = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await db.connect();
  expect(await cli('bank', 'create', '--name', BANK, '--signal', 'pdq', '--action', 'remove')).toContain(
    `bank ${BANK} (pdq, action remove)`,
  );
  const list = join(mkdtempSync(join(tmpdir(), 'vigil-e2e-bank-')), 'known.csv');
  writeFileSync(list, `hash,id,label\n${referenceHash},ref-bridge-1,reference photo\n`);
  expect(await cli('bank', 'import', '--bank', BANK, list)).toContain('1 read, 1 added');
  await startService('classifier', {
    CLASSIFIER_GROUP_ID: uniqueName('classifier'),
    VIGIL_EXECUTION_PROVIDER: 'cpu',
    VIGIL_BUNDLE_DIR: join(ROOT, '.models', 'vigil-base'),
    CLASSIFIER_INTRA_OP_THREADS: '1',
    CLASSIFIER_INTER_OP_THREADS: '1',
    MEDIA_CACHE_URL: '',
  });
  await startService('ingest', {
    INGEST_GROUP_ID: uniqueName('ingest'),
    INGEST_MEDIA_ALLOW: '127.0.0.1',
    INGEST_DECODE_CONCURRENCY: '1',
  });
}, 300_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.kill('SIGTERM')));
  await new Promise((r) => platform?.close(r));
  await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db?.end();
  await new TopicAdmin(settings).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
}, 60_000);

describe('a post with known content', () => {
  it('is removed by the hash-bank match, naming the bank, without running the image experts', async () => {
    const post: PostV1Input = {
      schema_version: 1,
      post_id: 'p-bridge',
      tenant_id: TENANT,
      revision: 0,
      created_at: new Date().toISOString(),
      author: 'user-77',
      text: 'view from the bridge',
      media: [{ media_id: 'photo-1', kind: 'image', source: { url: `${platformUrl}/media/bridge.jpg` } }],
    };
    const producer = new RecordProducer(settings);
    await producer.send(topicName(TOPICS.posts, prefix), [
      { key: postKey(TENANT, post.post_id), value: JSON.stringify(post) },
    ]);
    await producer.disconnect();

    const row = await eventually(
      async () => {
        const { rows } = await db.query<{ payload: VerdictV1 }>(
          `SELECT payload FROM verdicts WHERE tenant_id = $1 AND post_id = $2 AND source = 'model'`,
          [TENANT, post.post_id],
        );
        return rows[0];
      },
      'the model verdict',
      120_000,
    );
    const verdict = row.payload;
    const { rows: hashRows } = await db.query<{ hash_id: string }>(
      'SELECT hash_id::text FROM bank_hashes WHERE hash = $1',
      [referenceHash],
    );
    expect(verdict.actions[0]).toEqual({
      action: 'remove',
      rule: 'hash_match.remove',
      category: 'hash_match',
      banks: [BANK],
    });
    expect(verdict.hash_matches).toEqual([
      { media_id: 'photo-1', bank: BANK, distance: expect.any(Number), hash_id: hashRows[0]!.hash_id },
    ]);
    expect(verdict.hash_matches[0]!.distance).toBeLessThanOrEqual(31);

    // The image experts never saw the image: none ran, and each one this worker runs is recorded skipped
    // because of the match (experts the bundle lists but the worker lacks say `not_in_bundle`).
    const { rows: experts } = await db.query<{ expert: string; ran: boolean; skipped_reason: string | null }>(
      `SELECT expert, ran, skipped_reason FROM expert_outputs WHERE tenant_id = $1 AND post_id = $2`,
      [TENANT, post.post_id],
    );
    const image = experts.filter(
      (e) => !['text', 'text-classifier', 'language', 'fusion', 'audio-vad'].includes(e.expert),
    );
    for (const e of image) expect(e.ran).toBe(false);
    expect(image.filter((e) => e.skipped_reason !== 'not_in_bundle')).toEqual(
      expect.arrayContaining([{ expert: 'image-stats', ran: false, skipped_reason: 'hash_match' }]),
    );
    for (const e of image.filter((x) => x.skipped_reason !== 'not_in_bundle'))
      expect(e.skipped_reason).toBe('hash_match');
    expect(experts.find((e) => e.expert === 'text')).toMatchObject({ ran: true });

    // Both hashes are stored with the medium: as shown (matched) and of the stored grid (far off).
    const { rows: media } = await db.query<{ pdq: { hash: string; unoriented?: boolean }[] }>(
      `SELECT pdq FROM media WHERE tenant_id = $1 AND post_id = $2`,
      [TENANT, post.post_id],
    );
    expect(media[0]!.pdq).toHaveLength(2);
    expect(media[0]!.pdq.filter((h) => h.unoriented)).toHaveLength(1);
  }, 180_000);
});
