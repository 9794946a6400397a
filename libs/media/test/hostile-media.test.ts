/**
 * Issue 18, untrusted bytes: each case is an attack (or a valid file once refused), generated on the spot.
 * Every case failed on the code before the fix (crash, a local file read, a refusal or a silent clean).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MediaPayload, PostMedia } from '@vigil/contracts';
import { hammingDistance, hashImage } from '@vigil/pdq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeAv,
  decodeImage,
  DEFAULT_MEDIA_LIMITS,
  DecodePool,
  isMediaError,
  lastTimestamp,
  MediaProcessor,
  probeMedia,
  sniffType,
  type MediaLimits,
} from '../src';
import {
  corruptedMiddleMp4,
  dashManifest,
  ffconcatScript,
  hlsPlaylist,
  hugeJpeg,
  id3FooterDisguise,
  id3Tagged,
  manyPacketWebm,
  oneFrameMp4,
  toneMp3,
} from '../src/testing';

const PHOTOS = resolve(__dirname, '..', '..', '..', '.data', 'photos');
const SPECS = [
  { fit: 'fill' as const, width: 224, height: 224 },
  { fit: 'inside' as const, width: 960, height: 960 },
];
// A generous decode budget: the 180,000-packet WebM is listed packet by packet on a shared 2-core machine.
const LIMITS: MediaLimits = {
  ...DEFAULT_MEDIA_LIMITS,
  maxInlineBytes: 16 * 1024 * 1024,
  decodeTimeoutMs: 120_000,
};

let dir: string;
let processor: MediaProcessor;
/** A "private" local file (another tenant's upload) that playlists try to pull in. */
let secret: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-hostile-test-'));
  secret = join(dir, 'other-tenant.mp3');
  writeFileSync(secret, toneMp3());
  processor = new MediaProcessor({ limits: LIMITS, specs: SPECS, pool: new DecodePool(2, 4), tmpDir: dir });
});

afterAll(async () => {
  await processor?.close();
  rmSync(dir, { recursive: true, force: true });
});

function inline(bytes: Buffer, kind: PostMedia['kind'] = 'video'): PostMedia {
  return { media_id: 'm1', kind, source: { inline: bytes.toString('base64') } };
}

async function processed(bytes: Buffer, kind: PostMedia['kind'] = 'video'): Promise<MediaPayload> {
  return (await processor.process(inline(bytes, kind))).payload;
}

describe('packet timestamps', () => {
  it('a WebM of 180,000 packets and no duration is probed without a stack overflow and decoded', async () => {
    const payload = await processed(manyPacketWebm(180_000));
    expect(payload.status, JSON.stringify(payload.error)).toBe('ok');
    expect(payload.mime).toBe('video/webm');
    expect(payload.duration_ms).toBe(179_999);
  }, 240_000);

  it('lastTimestamp reads a million lines without spreading them', () => {
    const lines = Array.from({ length: 1_000_000 }, (_, i) => (i / 1000).toFixed(3)).join('\n');
    expect(lastTimestamp(`${lines}\nN/A\n`)).toBe(999.999);
    expect(lastTimestamp('')).toBe(0);
  });
});

describe('ffmpeg reads only the container the sniffer saw', () => {
  const disguises: Array<[string, (target: string) => Buffer]> = [
    ['HLS playlist', (t) => hlsPlaylist(t)],
    ['DASH manifest', (t) => dashManifest(t)],
    ['ffconcat script', (t) => ffconcatScript(t)],
  ];

  it.each(disguises)(
    '%s behind an ID3v2.4 footer tag is refused, nothing local is read',
    async (_name, make) => {
      const payload = await processed(id3FooterDisguise(make(secret)), 'audio');
      expect(payload.status).toBe('error');
      expect(payload.error?.code).toBe('MEDIA_UNSUPPORTED_TYPE');
      expect(payload.error?.message).toMatch(/behind 20 bytes of ID3 tags/);
      expect(payload.audio).toBeUndefined();
    },
  );

  it.each(disguises)(
    '%s: even with the sniffer fooled, ffmpeg forced to mp3 never opens the playlist',
    async (_name, make) => {
      const file = join(dir, 'disguised.mp3');
      writeFileSync(file, id3FooterDisguise(make(secret)));
      const work = mkdtempSync(join(dir, 'work-'));
      const error = await decodeAv(file, work, [], LIMITS, { wantFrames: false, demuxer: 'mp3' }).catch(
        (e: unknown) => e,
      );
      expect(isMediaError(error, 'MEDIA_CORRUPT'), String(error)).toBe(true);
    },
  );

  it('refuses a demuxer outside the accepted containers', async () => {
    const file = join(dir, 'list.m3u8');
    writeFileSync(file, hlsPlaylist(secret));
    const error = await probeMedia(file, 'hls', 5_000).catch((e: unknown) => e);
    expect(isMediaError(error, 'MEDIA_UNSUPPORTED_TYPE'), String(error)).toBe(true);
  });

  it('an ID3 tag longer than the file is corrupt, not an MP3', async () => {
    const bytes = id3Tagged(Buffer.alloc(0), 1000).subarray(0, 200);
    await expect(sniffType(bytes)).rejects.toMatchObject({ code: 'MEDIA_CORRUPT' });
  });
});

describe('valid media are accepted', () => {
  it('a one-frame video gives its frame', async () => {
    const payload = await processed(oneFrameMp4());
    expect(payload.status).toBe('ok');
    expect(payload.error).toBeUndefined();
    expect(payload.frames).toHaveLength(1);
    const fill = payload.frames[0]!.variants['fill:224x224']!;
    const [r, g, b] = fill.data.subarray(0, 3);
    expect(r).toBeGreaterThan(200);
    expect(Math.max(g!, b!)).toBeLessThan(60);
  });

  it('an MP3 behind a 200 KB ID3v2 tag is audio', async () => {
    const payload = await processed(id3Tagged(toneMp3(), 200_000), 'audio');
    expect(payload.status).toBe('ok');
    expect(payload.mime).toBe('audio/mpeg');
    expect(payload.audio!.duration_ms).toBeGreaterThan(3000);
  });

  it('a Matroska video (file-type 21 names it video/matroska) is decoded', async () => {
    const file = join(dir, 'clip.mkv');
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=blue:s=64x48:r=25:d=1'],
      ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', file],
    ]);
    const payload = await processed(readFileSync(file));
    expect(payload.status).toBe('ok');
    expect(payload.frames.length).toBeGreaterThan(0);
  });

  it('a video corrupted in the middle is analysed and says it was only partly readable', async () => {
    const payload = await processed(corruptedMiddleMp4());
    expect(payload.status).toBe('ok');
    expect(payload.frames.length).toBeGreaterThan(0);
    expect(payload.error?.code).toBe('MEDIA_PARTIALLY_DECODED');
    expect(payload.error?.message).toMatch(/decode error|sampled frames/);
  });
});

describe('PDQ inside the pixel budget', () => {
  it.each(['astronaut.png', 'coffee.png'])(
    '%s as a 2500×2500 JPEG (over the full-decode budget) hashes within 10 bits of its full-size hash',
    async (photo) => {
      const bytes = await hugeJpeg(2500, readFileSync(join(PHOTOS, photo)));
      const reference = await hashImage(bytes);
      const visual = await decodeImage(bytes, SPECS, LIMITS);
      expect(visual.width).toBe(2500);
      expect(hammingDistance(visual.frames[0]!.pdq!.hash, reference.hash)).toBeLessThanOrEqual(10);
    },
  );

  it('decoding a 7071×7071 JPEG adds < 200 MiB of peak RSS (it added 536 MiB when PDQ decoded it at full size)', async () => {
    const file = join(dir, 'huge.jpg');
    writeFileSync(file, await hugeJpeg(7071));
    // Peak memory of one decode, in a fresh process; image.ts alone (index.ts pulls in Nest decorators).
    const script = join(dir, 'peak-rss.mts');
    const src = resolve(__dirname, '..', 'src');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
      import * as image from ${JSON.stringify(join(src, 'image.ts'))};
      import * as limits from ${JSON.stringify(join(src, 'limits.ts'))};
      const { decodeImage } = (image.default ?? image), { DEFAULT_MEDIA_LIMITS } = (limits.default ?? limits);
      const bytes = readFileSync(${JSON.stringify(file)});
      const before = process.resourceUsage().maxRSS;
      await decodeImage(bytes, ${JSON.stringify(SPECS)}, DEFAULT_MEDIA_LIMITS);
      console.log(JSON.stringify({ before, after: process.resourceUsage().maxRSS }));`,
    );
    const out = execFileSync('node', ['--conditions=@vigil/source', '--import', 'tsx', script], {
      cwd: resolve(__dirname, '..'),
      encoding: 'utf8',
    });
    const { before, after } = JSON.parse(out.trim().split('\n').pop()!) as { before: number; after: number };
    // maxRSS is in KiB.
    expect((after - before) / 1024).toBeLessThan(200);
  }, 120_000);
});
