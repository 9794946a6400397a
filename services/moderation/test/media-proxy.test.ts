/**
 * The media proxy streams: a 40 MiB medium goes through a spool file, never whole into memory (it used
 * to be buffered twice, chunks and `Buffer.concat`, up to REVIEW_MEDIA_MAX_BYTES per request).
 */
import { createHash } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { MediaProxy } from '../src/media/media-proxy';
import { recordMediaSources } from '../src/media/media-sources';
import { freshSchema } from './support';

const MiB = 1024 * 1024;
// A collector to call, so the sampler sees the buffers still held, not garbage waiting for a GC.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
const BODY_MIB = 40;

let db: Db;
let drop: () => Promise<void>;
let origin: ChildProcess;
let base: string;
let png: Buffer;

/** The served body: a real PNG, then filler. */
function* body(): Generator<Buffer> {
  yield png;
  const filler = Buffer.alloc(MiB, 7);
  for (let i = 0; i < BODY_MIB; i++) yield filler;
}
const size = () => png.length + BODY_MIB * MiB;

beforeAll(async () => {
  ({ db, drop } = await freshSchema());
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })
    .png()
    .toBuffer();
  // The origin runs in its own process, so only the proxy's buffers count in this one.
  origin = spawn(
    process.execPath,
    [
      '-e',
      `const png = Buffer.from(${JSON.stringify(png.toString('base64'))}, 'base64');
      const filler = Buffer.alloc(${MiB}, 7);
      require('node:http').createServer((req, res) => {
        if (req.url === '/page.html') return res.end('<html>hi</html>');
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': ${size()} });
        let sent = -1;
        const pump = () => {
          while (sent < ${BODY_MIB}) if (!res.write(sent++ < 0 ? png : filler)) return;
          res.end();
        };
        res.on('drain', pump);
        pump();
      }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [port] = (await once(origin.stdout!, 'data')) as [Buffer];
  base = `http://127.0.0.1:${port.toString().trim()}`;
  await recordMediaSources(
    db,
    {
      schema_version: 1,
      tenant_id: 'acme',
      post_id: 'big',
      revision: 0,
      created_at: '2026-12-07T12:00:00Z',
      author: 'a',
      text: '',
      priority: 'normal',
      media: [
        { media_id: 'm1', kind: 'image', source: { url: `${base}/big.png` } },
        { media_id: 'm2', kind: 'image', source: { url: `${base}/page.html` } },
        // Nothing listens on port 9 (discard); 10.x is private and not allowed.
        { media_id: 'm3', kind: 'image', source: { url: 'http://127.0.0.1:9/gone.png' } },
        { media_id: 'm4', kind: 'image', source: { url: 'http://10.20.30.40/inside.png' } },
      ],
    },
    1024,
  );
});

afterAll(async () => {
  origin?.kill();
  await drop?.();
});

describe('media proxy', () => {
  it(`serves a ${BODY_MIB} MiB medium with < 16 MiB of buffers held (it held the whole body, twice), ranges included`, async () => {
    const proxy = new MediaProxy(db, { maxBytes: 64 * MiB, timeoutMs: 30_000, egressAllow: ['127.0.0.1'] });
    gc();
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    const sampler = setInterval(() => {
      gc({ type: 'minor' });
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 20);
    try {
      const media = await proxy.load('acme', 'big', 0, 'm1');
      expect(media.mime).toBe('image/png');
      expect(media.size).toBe(size());
      expect(media.sameAsScored).toBeNull();
      const hash = createHash('sha256');
      for await (const chunk of media.read(0, media.size - 1)) hash.update(chunk as Buffer);
      const expected = createHash('sha256');
      for (const chunk of body()) expected.update(chunk);
      expect(hash.digest('hex')).toBe(expected.digest('hex'));
      const head: Buffer[] = [];
      for await (const chunk of media.read(1, 3)) head.push(chunk as Buffer);
      expect(Buffer.concat(head).toString('latin1')).toBe('PNG');
    } finally {
      clearInterval(sampler);
      await proxy.onApplicationShutdown();
    }
    expect((peak - baseline) / MiB).toBeLessThan(16);
  }, 60_000);

  it('refuses a medium over maxBytes and a source that is not media', async () => {
    const proxy = new MediaProxy(db, { maxBytes: 4 * MiB, timeoutMs: 30_000, egressAllow: ['127.0.0.1'] });
    try {
      await expect(proxy.load('acme', 'big', 0, 'm1')).rejects.toMatchObject({ code: 'MEDIA_UNAVAILABLE' });
      const error = await proxy.load('acme', 'big', 0, 'm2').catch((e: Error) => e);
      expect(error).toMatchObject({
        code: 'MEDIA_UNAVAILABLE',
        message: expect.stringMatching(/not an image/),
      });
    } finally {
      await proxy.onApplicationShutdown();
    }
  });

  it('tells moderators what failed without internal addresses or socket errors (the log keeps them)', async () => {
    const proxy = new MediaProxy(db, { maxBytes: 4 * MiB, timeoutMs: 5_000, egressAllow: ['127.0.0.1'] });
    try {
      for (const [id, words] of [
        ['m3', /could not be reached/],
        ['m4', /may not fetch from/],
      ] as const) {
        const error = (await proxy.load('acme', 'big', 0, id).catch((e: Error) => e)) as Error;
        expect(error).toMatchObject({ code: 'MEDIA_UNAVAILABLE', message: expect.stringMatching(words) });
        expect(error.message).not.toMatch(/127\.0\.0\.1|10\.20|ECONNREFUSED|:9\b/);
      }
    } finally {
      await proxy.onApplicationShutdown();
    }
  });
});
