/**
 * Hash-bank matching in the classifier: the index loaded read-only from real PostgreSQL (tables and banks
 * made by the moderation service's own CLI, as an operator would), kept current by NOTIFY; PDQ matches
 * within 31 bits; vPDQ matching of a real video (Meta's vpdq sample, decoded with ffmpeg the way ingest
 * samples frames) against a bank video's frame hashes; and the queue in front of the real classifier:
 * a matched medium is routed away from the image experts and its match becomes the `hash_match` signal.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { InferenceResultSchema, type MediaPayload } from '@vigil/contracts';
import { IMAGE_STATS_VARIANT, VigilClassifier, type Expert } from '@vigil/model';
import { hashFromHex, hashImage, hashToHex, pdqHashRgb, type PdqHash } from '@vigil/pdq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationQueue } from '../src/classification-queue';
import { HashBankIndex } from '../src/hash-banks';
import { matchRequest } from '../src/hash-matcher';
import { MediaCache } from '../src/media-cache';
import { BUNDLE_DIR, PHOTOS, photoMedia, REDIS_URL, request } from './support';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil_test';
/** Meta's PDQ and vPDQ reference vectors, committed with the PDQ kernel (kernels/pdq/test/fixtures/SOURCE.md). */
const PDQ_DATA = resolve(__dirname, '..', '..', '..', 'kernels', 'pdq', 'test', 'fixtures');
const MODERATION = resolve(__dirname, '..', '..', 'moderation');
const schema = `classifier_banks_${randomBytes(4).toString('hex')}`;
const SETTINGS = { maxDistance: 31, minQuality: 50, videoThreshold: 0.8 };

let db: pg.Client;
let index: HashBankIndex;

/** The moderation service's CLI (migrations, bank commands) against this test's schema. */
async function moderationCli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@vigil/source', '--import', 'tsx', 'src/cli/moderation-cli.ts', ...args],
    { cwd: MODERATION, env: { ...process.env, DATABASE_URL, DATABASE_SCHEMA: schema } },
  );
  return stdout;
}

async function eventually<T>(check: () => T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** `hex` with `n` bits flipped (spread over the hash). */
function flip(hex: string, n: number): string {
  const bytes = hashFromHex(hex);
  for (let k = 0; k < n; k++) bytes[(k * 7) % 32]! ^= 1 << (k % 8);
  return hashToHex(bytes);
}

/** Ingest's frame times (libs/media sampleTimesMs): uniform, about one a second, at most `max`. */
function sampleVideoTimes(durationMs: number, max: number): number[] {
  const k = Math.max(1, Math.min(max, Math.ceil(durationMs / 1000)));
  return Array.from({ length: k }, (_, i) => Math.round(((i + 0.5) * durationMs) / k));
}

/** A per-frame expert plugged in as `nsfw` (as the image experts plug in) that records what it read. */
function recordingExpert(): Expert & { frames: number } {
  const expert: Expert & { frames: number } = {
    name: 'nsfw',
    modality: 'image',
    reads: ['frame'],
    variant: IMAGE_STATS_VARIANT,
    emits: { categories: [], features: 0 },
    cost: { tier: 'screen', msPerItem: 1 },
    frames: 0,
    async run(frames: readonly unknown[]) {
      expert.frames += frames.length;
      return frames.map(() => ({ visualScore: 0.01, alt: { drawing: 0.01 } }));
    },
  };
  return expert;
}

/** PDQ of frames sampled from a video as ingest samples them (uniform, about one a second, at most 8). */
function videoFrameHashes(file: string): PdqHash[] {
  const [w, h, duration] = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height:format=duration',
      '-of',
      'csv=p=0',
      file,
    ],
    { encoding: 'utf8' },
  )
    .trim()
    .split(/[\n,]/)
    .map(Number) as [number, number, number];
  return sampleVideoTimes(duration * 1000, 8).map((t) => {
    const raw = execFileSync(
      'ffmpeg',
      [
        '-v',
        'error',
        '-ss',
        (t / 1000).toFixed(3),
        '-i',
        file,
        '-frames:v',
        '1',
        '-sws_flags',
        'area',
        '-pix_fmt',
        'rgb24',
        '-f',
        'rawvideo',
        '-',
      ],
      { maxBuffer: 1 << 28 },
    );
    return pdqHashRgb(raw.subarray(0, w * h * 3), w, h);
  });
}

const usable = (frames: readonly PdqHash[]) => frames.filter((f) => f.quality >= 50).map((f) => f.hash);

const needles = () =>
  readFileSync(join(PDQ_DATA, 'reg-test-input', 'hash-lists', 'needles.txt'), 'utf8')
    .trim()
    .split('\n');

let readerUrl: string;

beforeAll(async () => {
  db = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await db.connect();
  await moderationCli('migrate');
  await moderationCli('bank', 'create', '--name', 'ncmec-test', '--signal', 'pdq', '--action', 'remove');
  await moderationCli(
    'bank',
    'import',
    '--bank',
    'ncmec-test',
    join(PDQ_DATA, 'reg-test-input', 'hash-lists', 'needles.txt'),
  );
  await moderationCli('bank', 'create', '--name', 'videos', '--signal', 'vpdq', '--action', 'review');
  await moderationCli(
    'bank',
    'import',
    '--bank',
    'videos',
    join(PDQ_DATA, 'vpdq', 'sample-hashes', 'doorknob-hd-no-bar.txt'),
    join(PDQ_DATA, 'vpdq', 'sample-hashes', 'pattern-hd-no-bar.txt'),
  );
  // As deployed: the index reads with a login that is a member of vigil_hash_bank_reader (moderation
  // migration 0006: SELECT on the two bank tables, nothing else), not with moderation's own user.
  await db.query(`
    DO $$ BEGIN
      CREATE ROLE vigil_classifier_test LOGIN PASSWORD 'test' IN ROLE vigil_hash_bank_reader;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  const reader = new URL(DATABASE_URL);
  reader.username = 'vigil_classifier_test';
  reader.password = 'test';
  readerUrl = reader.toString();
  index = new HashBankIndex({ url: readerUrl, schema, debounceMs: 20 });
  await index.start();
}, 120_000);

afterAll(async () => {
  await index?.close();
  await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db?.end();
});

describe('HashBankIndex', () => {
  it('loads the enabled banks: every needle within 31 bits matches with its distance, nothing else does', async () => {
    expect(index.counts).toEqual({ banks: 2, pdq_hashes: needles().length, vpdq_videos: 2 });
    const [first] = needles();
    const { rows } = await db.query<{ hash_id: string }>(
      'SELECT hash_id::text FROM bank_hashes WHERE hash = $1',
      [first],
    );
    for (const bits of [0, 5, 16, 31]) {
      const hits = index.matchPdq(flip(first!, bits), 31);
      expect(hits[0]).toMatchObject({
        hashId: rows[0]!.hash_id,
        distance: bits,
        bank: { name: 'ncmec-test', action: 'remove' },
      });
    }
    expect(index.matchPdq(flip(first!, 32), 31).filter((h) => h.hashId === rows[0]!.hash_id)).toEqual([]);
    expect(index.matchPdq(randomBytes(32).toString('hex'), 31)).toEqual([]);
  });

  it('follows changes through NOTIFY: added, disabled, removed hashes and a disabled bank', async () => {
    const extra = randomBytes(32).toString('hex');
    await db.query(
      `INSERT INTO bank_hashes (bank_id, hash, added_by) SELECT bank_id, $1, 'test' FROM hash_banks WHERE name = 'ncmec-test'`,
      [extra],
    );
    const hit = await eventually(() => index.matchPdq(extra, 31)[0]);
    expect(hit.distance).toBe(0);
    await db.query(`UPDATE bank_hashes SET enabled = false WHERE hash = $1`, [extra]);
    await eventually(() => index.matchPdq(extra, 31).length === 0);
    await db.query(`UPDATE bank_hashes SET enabled = true WHERE hash = $1`, [extra]);
    await eventually(() => index.matchPdq(extra, 31).length === 1);

    await moderationCli('bank', 'disable', '--bank', 'ncmec-test');
    await eventually(() => index.counts.pdq_hashes === 0);
    expect(index.matchPdq(needles()[3]!, 31)).toEqual([]);
    await moderationCli('bank', 'enable', '--bank', 'ncmec-test');
    await eventually(() => index.counts.pdq_hashes === needles().length + 1);

    await moderationCli('bank', 'remove', '--bank', 'ncmec-test', '--hashes', extra);
    await eventually(() => index.matchPdq(extra, 31).length === 0);
    expect(index.counts.pdq_hashes).toBe(needles().length);
  });
});

describe('a schema without bank tables', () => {
  it('starts empty (nothing to match) and loads the banks once moderation has migrated and filled it', async () => {
    const later = `classifier_banks_later_${randomBytes(4).toString('hex')}`;
    const cli = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['--conditions=@vigil/source', '--import', 'tsx', 'src/cli/moderation-cli.ts', ...args],
        { cwd: MODERATION, env: { ...process.env, DATABASE_URL, DATABASE_SCHEMA: later } },
      );
    const early = new HashBankIndex({ url: readerUrl, schema: later, debounceMs: 20 });
    try {
      await early.start();
      expect(early.tablesMissing).toBe(true);
      expect(early.counts).toEqual({ banks: 0, pdq_hashes: 0, vpdq_videos: 0 });
      await cli('migrate');
      await cli('bank', 'create', '--name', 'late', '--signal', 'pdq', '--action', 'remove');
      await cli(
        'bank',
        'import',
        '--bank',
        'late',
        join(PDQ_DATA, 'reg-test-input', 'hash-lists', 'needles.txt'),
      );
      await eventually(() => early.counts.pdq_hashes === needles().length, 20_000);
      expect(early.tablesMissing).toBe(false);
      expect(early.matchPdq(needles()[7]!, 31)[0]).toMatchObject({ distance: 0, bank: { name: 'late' } });
    } finally {
      await early.close();
      await db.query(`DROP SCHEMA IF EXISTS ${later} CASCADE`);
    }
  }, 60_000);
});

describe('vPDQ', () => {
  it('a real video matches the bank entry made from its vPDQ features (≥ 80 % of frames), not another video', async () => {
    const doorknob = videoFrameHashes(join(PDQ_DATA, 'vpdq', 'sample-videos', 'doorknob-hd-no-bar.mp4'));
    // About one frame a second; half the clip is too dark for PDQ (quality < 50, as in its vPDQ file).
    expect(doorknob.length).toBe(5);
    expect(usable(doorknob).length).toBeGreaterThanOrEqual(2);
    // One hit: the doorknob entry; the bank's other video (pattern-hd-no-bar) stays far below 80 %.
    const hits = index.matchVideo(usable(doorknob), 31, 0.8);
    expect(hits).toHaveLength(1);
    const { rows } = await db.query<{ hash_id: string }>(
      `SELECT hash_id::text FROM bank_hashes WHERE external_id = 'doorknob-hd-no-bar'`,
    );
    expect(hits[0]).toMatchObject({ hashId: rows[0]!.hash_id, bank: { name: 'videos', action: 'review' } });
    expect(hits[0]!.ratio).toBeGreaterThanOrEqual(0.8);

    const other = videoFrameHashes(join(PDQ_DATA, 'vpdq', 'sample-videos', 'test-padded-dimensions.mp4'));
    expect(index.matchVideo(usable(other), 31, 0.8)).toEqual([]);
    expect(index.matchVideo(usable(other), 31, 0)).toEqual([]);

    // Through matchRequest: the video medium is matched vPDQ-style and routed away.
    const video: MediaPayload = {
      media_id: 'vid',
      kind: 'video',
      status: 'ok',
      frames: doorknob.map((pdq, i) => ({ timestamp_ms: i * 1000, width: 2, height: 2, variants: {}, pdq })),
    };
    const found = matchRequest(index, request('v1', 'clip', [video]), SETTINGS);
    expect(found.matches).toEqual([
      expect.objectContaining({
        media_id: 'vid',
        bank: 'videos',
        signal_type: 'vpdq',
        bank_action: 'review',
        hash_id: rows[0]!.hash_id,
      }),
    ]);
    expect(found.matches[0]!.frame_match_ratio).toBeGreaterThanOrEqual(0.8);
    expect([...found.routedAway]).toEqual(['vid']);
  });
});

describe('ClassificationQueue with hash banks', () => {
  it('a matched photo skips the image experts (routed away, hash_match) while an unmatched one is examined', async () => {
    const nsfw = recordingExpert();
    const classifier = await VigilClassifier.load(BUNDLE_DIR, {
      session: { provider: 'cpu' },
      experts: [nsfw],
    });
    // With the media cache on: a matched medium must not use cached frame outputs either.
    const cache = new MediaCache({
      url: REDIS_URL,
      scope: `hash-banks-test-${randomBytes(4).toString('hex')}`,
      ttlS: 60,
      maxEntryBytes: 256 * 1024,
      timeoutMs: 200,
    });
    await cache.connect();
    const queue = new ClassificationQueue(classifier, {
      routing: 'routed',
      maxBatchSize: 4,
      maxDelayMs: 5,
      cache,
      hashBanks: { index, settings: SETTINGS },
    });
    // Before the coffee photo is listed, it is examined and its frame outputs cached.
    const before = await queue.classify(
      request('hm0', 'look at this', [await photoMedia('coffee.png', 'known')]),
    );
    expect(before.hash_matches).toEqual([]);
    expect(nsfw.frames).toBe(1);
    // The bank lists the coffee photo's PDQ; a near copy (4 bits off) is what the post carries.
    const coffee = await hashImage(readFileSync(join(PHOTOS, 'coffee.png')));
    await moderationCli('bank', 'create', '--name', 'coffee-bank', '--signal', 'pdq', '--action', 'remove');
    await db.query(
      `INSERT INTO bank_hashes (bank_id, hash, added_by) SELECT bank_id, $1, 'test' FROM hash_banks WHERE name = 'coffee-bank'`,
      [coffee.hash],
    );
    await eventually(() => index.matchPdq(coffee.hash, 0).length === 1);
    const matched = await photoMedia('coffee.png', 'known');
    matched.frames = matched.frames.map((f) => ({
      ...f,
      pdq: { hash: flip(coffee.hash, 4), quality: coffee.quality },
    }));
    const rocket = await hashImage(readFileSync(join(PHOTOS, 'rocket.jpg')));
    const other = await photoMedia('rocket.jpg', 'fresh');
    other.frames = other.frames.map((f) => ({ ...f, pdq: { hash: rocket.hash, quality: rocket.quality } }));

    const result = await queue.classify(request('hm1', 'look at this', [matched, other]));
    expect(InferenceResultSchema.parse(result)).toBeTruthy();
    const { rows } = await db.query<{ hash_id: string }>(
      'SELECT hash_id::text FROM bank_hashes WHERE hash = $1',
      [coffee.hash],
    );
    expect(result.hash_matches).toEqual([
      {
        media_id: 'known',
        bank: 'coffee-bank',
        signal_type: 'pdq',
        bank_action: 'remove',
        distance: 4,
        hash_id: rows[0]!.hash_id,
      },
    ]);
    const known = result.media.find((m) => m.media_id === 'known')!;
    expect(known.routed_away).toBe('hash_match');
    expect(known.pdq).toEqual([{ hash: flip(coffee.hash, 4), quality: coffee.quality, timestamp_ms: 0 }]);
    expect(result.media.find((m) => m.media_id === 'fresh')!.routed_away).toBeUndefined();
    // Alt-text for the examined photo only (this stub nsfw recognises nothing in it: decorative); the
    // matched one reached no expert to describe it.
    expect(known.alt_text).toBeUndefined();
    expect(result.media.find((m) => m.media_id === 'fresh')!.alt_text).toMatchObject({
      text: '',
      decorative: true,
    });
    // The image experts read the other photo only (one frame each); the matched one is no cache hit.
    expect(result.experts.find((e) => e.expert === 'image-stats')).toMatchObject({
      ran: true,
      batch_size: 1,
    });
    expect(nsfw.frames).toBe(2);
    expect(known.cached).toBeUndefined();

    // Alone, the matched photo runs no image expert at all: each is reported skipped for hash_match.
    const alone = await queue.classify(request('hm2', 'look at this', [matched]));
    for (const name of ['image-stats', 'nsfw'])
      expect(alone.experts.find((e) => e.expert === name)).toMatchObject({
        ran: false,
        skipped_reason: 'hash_match',
      });
    expect(nsfw.frames).toBe(2);
    expect(alone.hash_matches.map((m) => m.bank)).toEqual(['coffee-bank']);
    await queue.close();
    await cache.close();
  }, 120_000);
});
