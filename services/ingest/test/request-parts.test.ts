import { randomBytes } from 'node:crypto';
import {
  decodeInternal,
  InferenceRequestSchema,
  type InferenceRequest,
  type MediaPayload,
} from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import { parsePost, storableCaption, truncateCaption } from '../src/post-parser';
import { encodeWithinLimit } from '../src/request-size';
import { traceContext } from '../src/trace';

describe('truncateCaption', () => {
  it('counts code points and never splits a surrogate pair', () => {
    expect(truncateCaption('héllo', 10)).toEqual({ caption: 'héllo', truncated: false });
    expect(truncateCaption('ab🙂🙂🙂', 3)).toEqual({ caption: 'ab🙂', truncated: true });
    expect(truncateCaption('🙂🙂', 2)).toEqual({ caption: '🙂🙂', truncated: false });
  });
});

describe('storableCaption', () => {
  it('removes NUL, replaces lone surrogates, keeps pairs and says whether it changed anything', () => {
    expect(storableCaption('plain 🙂')).toEqual({ caption: 'plain 🙂', sanitized: false });
    expect(storableCaption('a\u0000b\ud800c\udc00d🙂')).toEqual({
      caption: 'ab\ufffdc\ufffdd🙂',
      sanitized: true,
    });
  });
});

describe('parsePost', () => {
  it.each([
    [Buffer.from([0xc3, 0x28]), 'POST_INVALID_UTF8'],
    [Buffer.from('nope'), 'POST_NOT_JSON'],
    [null, 'POST_NOT_JSON'],
    [Buffer.from('{"schema_version":"1"}'), 'POST_UNKNOWN_VERSION'],
    [Buffer.from('{"post_id":"p"}'), 'POST_SCHEMA_INVALID'],
    [Buffer.from('[]'), 'POST_SCHEMA_INVALID'],
  ])('%s → %s', (value, code) => {
    const parsed = parsePost(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.code).toBe(code);
  });

  it('applies defaults to a valid post', () => {
    const parsed = parsePost(
      Buffer.from(
        JSON.stringify({
          schema_version: 1,
          post_id: 'p1',
          tenant_id: 't',
          revision: 0,
          created_at: '2025-01-01T00:00:00+02:00',
          author: 'a',
        }),
      ),
    );
    expect(parsed.ok && parsed.post).toMatchObject({ text: '', media: [], priority: 'normal' });
  });
});

describe('traceContext', () => {
  it('continues a valid W3C traceparent with a new span', () => {
    const t = traceContext('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00');
    expect(t.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(t.traceparent).toMatch(
      /^00-0af7651916cd43dd8448eb211c80319c-(?!b7ad6b7169203331)[0-9a-f]{16}-00$/,
    );
  });

  it.each([
    undefined,
    'garbage',
    'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    `00-${'0'.repeat(32)}-b7ad6b7169203331-01`,
  ])('starts a new sampled trace for %s', (header) => {
    const t = traceContext(header);
    expect(t.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(t.traceId).not.toBe('0'.repeat(32));
    expect(t.traceparent).toMatch(/-01$/);
    expect(t.traceparent.startsWith(`00-${t.traceId}-`)).toBe(true);
  });
});

describe('encodeWithinLimit', () => {
  /** A medium of `frames` frames of incompressible 100×100 RGB noise (30 000 bytes each). */
  function noisy(id: string, frames: number, withAudio = false): MediaPayload {
    return {
      media_id: id,
      kind: 'video',
      status: 'ok',
      frames: Array.from({ length: frames }, (_, i) => ({
        timestamp_ms: i * 1000,
        width: 100,
        height: 100,
        variants: { 'fill:100x100': { width: 100, height: 100, data: randomBytes(30_000) } },
      })),
      ...(withAudio
        ? { audio: { sample_rate: 16000 as const, pcm_s16le: randomBytes(40_000), duration_ms: 1250 } }
        : {}),
    };
  }
  const request = (media: MediaPayload[]): InferenceRequest => ({
    schema_version: 1,
    request_id: 't:p:1',
    tenant_id: 't',
    post_id: 'p',
    revision: 1,
    trace_id: 'a'.repeat(32),
    received_at: 0,
    priority: 'normal',
    text: { caption: '', truncated: false },
    media,
    errors: [],
    timings: {},
    created_at: '2025-01-01T00:00:00Z',
  });

  it('leaves a request that fits untouched', () => {
    const r = request([noisy('a', 2)]);
    const { bytes, request: out } = encodeWithinLimit(r, 1_000_000);
    expect(out).toBe(r);
    expect(decodeInternal(InferenceRequestSchema, bytes).media[0]!.frames).toHaveLength(2);
  });

  it('halves the frames of the heaviest medium, then replaces media that still do not fit', () => {
    const { bytes, request: out } = encodeWithinLimit(
      request([noisy('big', 8), noisy('small', 1, true)]),
      100_000,
    );
    expect(bytes.length).toBeLessThanOrEqual(100_000);
    const decoded = decodeInternal(InferenceRequestSchema, bytes);
    const [big, small] = decoded.media;
    expect(big!.frames.map((f) => f.timestamp_ms)).toEqual([0, 4000]);
    expect(small!.status).toBe('error');
    expect(small!.error).toMatchObject({ code: 'MEDIA_TOO_LARGE', media_id: 'small' });
    expect(small!.audio).toBeUndefined();
    expect(out.media[1]!.frames).toEqual([]);
  });
});
