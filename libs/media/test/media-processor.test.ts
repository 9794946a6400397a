import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MediaErrorCode, MediaPayload, PostMedia, RawImage } from '@vigil/contracts';
import { hashImage } from '@vigil/pdq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, DEFAULT_MEDIA_LIMITS, DecodePool, MediaProcessor, type MediaLimits } from '../src';
import {
  makeMediaFixtures,
  SEGMENT_COLOURS,
  startMediaServer,
  TONE_HZ,
  type MediaFixtures,
  type MediaServer,
} from '../src/testing';

const PHOTOS = resolve(__dirname, '..', '..', '..', '.data', 'photos');
/** Meta's PDQ reference vectors, committed with the PDQ kernel (kernels/pdq/test/fixtures/SOURCE.md). */
const PDQ_DATA = resolve(__dirname, '..', '..', '..', 'kernels', 'pdq', 'test', 'fixtures');
const SPECS = [
  { fit: 'fill' as const, width: 224, height: 224 },
  { fit: 'inside' as const, width: 960, height: 960 },
];
const LIMITS: MediaLimits = {
  ...DEFAULT_MEDIA_LIMITS,
  maxBytes: 2 * 1024 * 1024,
  maxInlineBytes: 64 * 1024,
  fetchTimeoutMs: 1_500,
  maxRedirects: 3,
  maxAnimationFrames: 3,
  maxDurationMs: 60_000,
};

let fixtureDir: string;
let tmpRoot: string;
let fixtures: MediaFixtures;
let server: MediaServer;
let processor: MediaProcessor;

beforeAll(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'vigil-media-fixtures-'));
  tmpRoot = mkdtempSync(join(tmpdir(), 'vigil-media-work-'));
  fixtures = await makeMediaFixtures(fixtureDir, PHOTOS);
  server = await startMediaServer(fixtures);
  processor = new MediaProcessor({
    limits: LIMITS,
    specs: SPECS,
    egress: { allow: ['127.0.0.1'] },
    pool: new DecodePool(2, 4),
    tmpDir: tmpRoot,
  });
});

afterAll(async () => {
  await processor?.close();
  await server?.close();
  rmSync(fixtureDir, { recursive: true, force: true });
  rmSync(tmpRoot, { recursive: true, force: true });
});

function media(source: string, kind: PostMedia['kind'] = 'image', extra: Partial<PostMedia> = {}): PostMedia {
  const url = source.startsWith('http') ? source : `${server.origin}${source}`;
  return { media_id: 'm1', kind, source: { url }, ...extra };
}

async function ok(m: PostMedia): Promise<MediaPayload> {
  const { payload } = await processor.process(m);
  expect(payload.error).toBeUndefined();
  expect(payload.status).toBe('ok');
  return payload;
}

/** RGB at (x, y) of a variant. */
function px(img: RawImage, x: number, y: number): number[] {
  const i = (y * img.width + x) * 3;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}

function expectColour(actual: number[], expected: readonly number[], tolerance = 40): void {
  actual.forEach((v, c) =>
    expect(Math.abs(v - expected[c]!), `channel ${c} of ${actual}`).toBeLessThanOrEqual(tolerance),
  );
}

/** Pitch of s16le PCM from its zero crossings, Hz. */
function pitchHz(pcm: Uint8Array, sampleRate: number): number {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const n = Math.floor(pcm.byteLength / 2);
  let crossings = 0;
  for (let i = 1; i < n; i++)
    if (view.getInt16((i - 1) * 2, true) < 0 !== view.getInt16(i * 2, true) < 0) crossings++;
  return crossings / 2 / (n / sampleRate);
}

function expectVariants(frame: MediaPayload['frames'][number], insideSize: [number, number]): void {
  const fill = frame.variants['fill:224x224']!;
  const inside = frame.variants['inside:960x960']!;
  expect([fill.width, fill.height, fill.data.length]).toEqual([224, 224, 224 * 224 * 3]);
  expect([inside.width, inside.height, inside.data.length]).toEqual([
    ...insideSize,
    insideSize[0] * insideSize[1] * 3,
  ]);
}

describe('images', () => {
  it.each(['jpeg', 'png', 'webp', 'avif'])(
    '%s: EXIF orientation applied, one RGB variant per manifest size',
    async (format) => {
      const payload = await ok(media(`/media/rotated.${format}`));
      expect(payload.mime).toBe(`image/${format}`);
      expect(payload.frames).toHaveLength(1);
      const [frame] = payload.frames;
      // Stored 64×32 (red left, blue right) with orientation 6: displayed 32×64, red on top.
      expect([frame!.width, frame!.height, frame!.timestamp_ms]).toEqual([32, 64, 0]);
      expectVariants(frame!, [32, 64]);
      const inside = frame!.variants['inside:960x960']!;
      expectColour(px(inside, 16, 8), [255, 0, 0], 60);
      expectColour(px(inside, 16, 56), [0, 0, 255], 60);
      // PDQ as shown and of the stored grid (what reference tools hash): both travel, they differ.
      const hashed = await hashImage(fixtures[`rotated.${format}`]!);
      expect(frame!.pdq).toEqual({ hash: hashed.hash, quality: hashed.quality });
      expect(frame!.pdq_unoriented).toEqual(hashed.stored);
      // AVIF's rotation (irot) is applied by the HEIF decoder itself: there is no other grid to hash.
      if (format === 'avif') expect(frame!.pdq_unoriented).toBeUndefined();
      else expect(frame!.pdq_unoriented!.hash).not.toBe(frame!.pdq!.hash);
    },
  );

  it('PDQ of a reference image is the reference hash (Meta pdq expected.csv), no EXIF → no second hash', async () => {
    const [file, hash, quality] = readFileSync(join(PDQ_DATA, 'expected.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('reg-test-input/dih/bridge-1-original.jpg,'))!
      .split(',');
    const visual = await decodeImage(readFileSync(join(PDQ_DATA, file!)), SPECS, LIMITS);
    expect(visual.frames[0]!.pdq).toEqual({ hash, quality: Number(quality) });
    expect(visual.frames[0]!.pdq_unoriented).toBeUndefined();
  });

  it('a real photo: sha256 and size of what was fetched, no enlargement for `inside`', async () => {
    const payload = await ok(media('/media/rocket.jpg'));
    expect(payload.sha256).toBe(createHash('sha256').update(fixtures['rocket.jpg']!).digest('hex'));
    expect(payload.bytes).toBe(fixtures['rocket.jpg']!.length);
    expect([payload.frames[0]!.width, payload.frames[0]!.height]).toEqual([640, 427]);
    expectVariants(payload.frames[0]!, [640, 427]);
  });

  it('CMYK JPEG converts to sRGB', async () => {
    const payload = await ok(media('/media/cmyk.jpeg'));
    expectColour(px(payload.frames[0]!.variants['fill:224x224']!, 112, 112), [255, 0, 0], 50);
  });

  it('PNG alpha is flattened on white, three channels out', async () => {
    const inside = (await ok(media('/media/alpha.png'))).frames[0]!.variants['inside:960x960']!;
    expect(inside.data.length).toBe(32 * 16 * 3);
    expectColour(px(inside, 4, 8), [255, 255, 255], 2);
    expectColour(px(inside, 28, 8), [0, 255, 0], 2);
  });

  it('sniffs the bytes, not the extension or Content-Type: a PNG named .jpg decodes as PNG', async () => {
    const payload = await ok(media('/media/png-named.jpg', 'image', { mime: 'image/jpeg' }));
    expect(payload.mime).toBe('image/png');
    expect([payload.frames[0]!.width, payload.frames[0]!.height]).toEqual([451, 300]);
  });

  it.each(['gif', 'webp'])('animated %s: evenly sampled frames with their timestamps', async (ext) => {
    const payload = await ok(media(`/media/animated.${ext}`, 'gif'));
    expect(payload.duration_ms).toBe(900);
    // 9 frames of 100 ms, at most 3 sampled: frames 0, 3, 6 → red, green, blue.
    expect(payload.frames.map((f) => f.timestamp_ms)).toEqual([0, 300, 600]);
    payload.frames.forEach((frame, i) => {
      expect([frame.width, frame.height]).toEqual([16, 16]);
      expectColour(px(frame.variants['fill:224x224']!, 112, 112), SEGMENT_COLOURS[i]!, 2);
    });
  });
});

describe('video and audio', () => {
  it('H.264 MP4 with AAC: uniform frames at their timestamps and 16 kHz mono PCM', async () => {
    const payload = await ok(media('/media/clip.mp4', 'video'));
    expect(payload.mime).toBe('video/mp4');
    expect(payload.duration_ms).toBeGreaterThanOrEqual(2990);
    expect(payload.duration_ms).toBeLessThanOrEqual(3100);
    expect(payload.frames.map((f) => f.timestamp_ms)).toEqual([500, 1500, 2500]);
    payload.frames.forEach((frame, i) => {
      expect([frame.width, frame.height]).toEqual([320, 240]);
      expectVariants(frame, [320, 240]);
      expectColour(px(frame.variants['fill:224x224']!, 112, 112), SEGMENT_COLOURS[i]!);
      // Every sampled frame is hashed (flat colour: quality under 50, so never matched).
      expect(frame.pdq!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(frame.pdq!.quality).toBeLessThan(50);
    });
    const audio = payload.audio!;
    expect(audio.sample_rate).toBe(16_000);
    expect(audio.pcm_s16le.length).toBe((audio.duration_ms / 1000) * 16_000 * 2);
    expect(audio.duration_ms).toBeGreaterThan(2900);
    expect(audio.duration_ms).toBeLessThan(3150);
    expect(Math.abs(pitchHz(audio.pcm_s16le, 16_000) - TONE_HZ)).toBeLessThan(10);
  });

  it('portrait phone video: the display rotation is applied to the frames', async () => {
    const payload = await ok(media('/media/portrait.mp4', 'video'));
    expect(payload.audio).toBeUndefined();
    expect(payload.frames.map((f) => [f.timestamp_ms, f.width, f.height])).toEqual([
      [500, 240, 320],
      [1500, 240, 320],
    ]);
    const first = payload.frames[0]!.variants['inside:960x960']!;
    expect([first.width, first.height]).toEqual([240, 320]);
    expectColour(px(first, 120, 40), [0, 255, 0]);
    expectColour(px(first, 120, 280), [255, 0, 0]);
    expectColour(px(payload.frames[1]!.variants['inside:960x960']!, 120, 280), [0, 0, 255]);
  });

  it('VP9 WebM without sound: frames, no audio', async () => {
    const payload = await ok(media('/media/clip.webm', 'video'));
    expect(payload.mime).toBe('video/webm');
    expect(payload.audio).toBeUndefined();
    expect(payload.frames.map((f) => f.timestamp_ms)).toEqual([500, 1500, 2500]);
    payload.frames.forEach((frame, i) =>
      expectColour(px(frame.variants['fill:224x224']!, 112, 112), SEGMENT_COLOURS[i]!),
    );
  });

  it('follows the bytes: an MP4 posted as a "gif" is decoded as video, a video posted as audio gives its sound only', async () => {
    expect((await ok(media('/media/clip.mp4', 'gif'))).frames).toHaveLength(3);
    const asAudio = await ok(media('/media/clip.mp4', 'audio'));
    expect(asAudio.frames).toEqual([]);
    expect(asAudio.audio?.sample_rate).toBe(16_000);
  });

  it.each([
    ['tone.mp3', 'audio/mpeg'],
    ['tone.ogg', 'audio/ogg'],
    ['tone.opus', 'audio/ogg; codecs=opus'],
    ['tone.wav', 'audio/wav'],
    ['tone.flac', 'audio/flac'],
    ['tone.m4a', 'audio/x-m4a'],
  ])('%s → 16 kHz mono PCM of the right length and pitch', async (name, mime) => {
    const payload = await ok(media(`/media/${name}`, 'audio'));
    expect(payload.mime).toBe(mime);
    expect(payload.frames).toEqual([]);
    const audio = payload.audio!;
    expect(audio.duration_ms).toBeGreaterThan(1950);
    expect(audio.duration_ms).toBeLessThan(2150);
    expect(Math.abs(pitchHz(audio.pcm_s16le, 16_000) - TONE_HZ)).toBeLessThan(10);
  });
});

describe('sources and integrity', () => {
  it('follows redirects up to the limit', async () => {
    expect((await ok(media('/redirect/3/rocket.jpg'))).frames).toHaveLength(1);
    const { payload } = await processor.process(media('/redirect/4/rocket.jpg'));
    expect(payload.error?.code).toBe('MEDIA_FETCH_HTTP_STATUS');
  });

  it('decodes inline base64 media and checks the declared sha256', async () => {
    const bytes = fixtures['alpha.png']!;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const inline = (extra: Partial<PostMedia>) =>
      processor.process({
        media_id: 'i1',
        kind: 'image',
        source: { inline: bytes.toString('base64') },
        ...extra,
      });
    expect((await inline({ sha256 })).payload.status).toBe('ok');
    const mismatch = (await inline({ sha256: 'f'.repeat(64) })).payload;
    expect(mismatch.error?.code).toBe('MEDIA_CHECKSUM_MISMATCH');
    expect(mismatch.sha256).toBe(sha256);
  });

  it('refuses inline media over the inline limit before decoding base64', async () => {
    const { payload } = await processor.process({
      media_id: 'big',
      kind: 'image',
      source: { inline: Buffer.alloc(LIMITS.maxInlineBytes + 10).toString('base64') },
    });
    expect(payload.error?.code).toBe('MEDIA_TOO_LARGE');
  });
});

describe('bad input becomes a typed per-media error', () => {
  let closedPort: number;
  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
  });

  const cases: Array<{ name: string; source: string; kind: PostMedia['kind']; code: MediaErrorCode }> = [
    { name: 'truncated JPEG', source: '/media/truncated.jpg', kind: 'image', code: 'MEDIA_CORRUPT' },
    { name: 'zero bytes', source: '/media/empty.jpg', kind: 'image', code: 'MEDIA_CORRUPT' },
    {
      name: 'PNG declaring 30000×30000 pixels',
      source: '/media/bomb.png',
      kind: 'image',
      code: 'MEDIA_TOO_MANY_PIXELS',
    },
    {
      name: 'a ZIP whose extension says .jpg',
      source: '/media/lies.jpg',
      kind: 'image',
      code: 'MEDIA_UNSUPPORTED_TYPE',
    },
    {
      name: 'two-hour video (header only is read)',
      source: '/media/two-hours.mp4',
      kind: 'video',
      code: 'MEDIA_TOO_LONG',
    },
    {
      name: 'MP4 header followed by garbage',
      source: '/media/garbage.mp4',
      kind: 'video',
      code: 'MEDIA_CORRUPT',
    },
    {
      name: 'cloud metadata address',
      source: 'http://169.254.169.254/latest/meta-data/',
      kind: 'image',
      code: 'MEDIA_FETCH_FORBIDDEN',
    },
    {
      name: 'private address',
      source: 'http://10.0.0.1/photo.jpg',
      kind: 'image',
      code: 'MEDIA_FETCH_FORBIDDEN',
    },
    {
      name: 'redirect to the metadata address',
      source: '/to?url=http://169.254.169.254/latest/',
      kind: 'image',
      code: 'MEDIA_FETCH_FORBIDDEN',
    },
    { name: 'server that never answers', source: '/hang', kind: 'image', code: 'MEDIA_FETCH_TIMEOUT' },
    { name: 'server that streams forever', source: '/forever', kind: 'video', code: 'MEDIA_TOO_LARGE' },
    { name: 'Content-Length over the cap', source: '/declares-huge', kind: 'video', code: 'MEDIA_TOO_LARGE' },
    { name: 'HTTP 404', source: '/status/404', kind: 'image', code: 'MEDIA_FETCH_HTTP_STATUS' },
    { name: 'redirect loop', source: '/loop', kind: 'image', code: 'MEDIA_FETCH_HTTP_STATUS' },
    {
      name: 'nothing listening',
      source: 'http://127.0.0.1:{closed}/x.jpg',
      kind: 'image',
      code: 'MEDIA_FETCH_FAILED',
    },
  ];

  it.each(cases)('$name → $code', async ({ source, kind, code }) => {
    const m = media(source.replace('{closed}', String(closedPort)), kind);
    const { payload } = await processor.process(m);
    expect(payload.status).toBe('error');
    expect(payload.error).toMatchObject({ code, media_id: 'm1' });
    expect(payload.frames).toEqual([]);
  });

  it('never leaves temp files behind', () => {
    expect(readdirSync(tmpRoot)).toEqual([]);
  });
});
