import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_IDS,
  decodeInternal,
  encodeInternal,
  InferenceRequestSchema,
  isStorableText,
  MAX_MEDIA_PER_POST,
  MessageDecodeError,
  PostV1Schema,
  publishedJsonSchemas,
  reasonFor,
  requestId,
  REVIEW_DECISIONS,
  REVIEW_REASONS,
  resizeKey,
  severityOf,
  TAXONOMY,
  VerdictV1Schema,
  type InferenceRequest,
} from '../src';

const validPost = {
  schema_version: 1,
  post_id: 'p-1',
  tenant_id: 'acme',
  revision: 0,
  created_at: '2026-11-29T12:00:00Z',
  author: 'u-9',
  text: 'hello',
  media: [{ media_id: 'm1', kind: 'image', source: { url: 'https://cdn.example.com/a.jpg' } }],
};

describe('PostV1', () => {
  it('accepts a valid post and fills defaults', () => {
    const post = PostV1Schema.parse({ ...validPost, text: undefined, media: undefined });
    expect(post.text).toBe('');
    expect(post.media).toEqual([]);
    expect(post.priority).toBe('normal');
  });

  it.each([
    ['unknown version', { schema_version: 2 }],
    ['colon in post id', { post_id: 'a:b' }],
    ['ftp media url', { media: [{ media_id: 'm', kind: 'image', source: { url: 'ftp://x/y' } }] }],
    ['unknown media kind', { media: [{ media_id: 'm', kind: 'pdf', source: { url: 'https://x/y' } }] }],
    [
      'both url and inline',
      { media: [{ media_id: 'm', kind: 'image', source: { url: 'https://x', inline: 'AA==' } }] },
    ],
    ['unknown field', { extra: true }],
    ['33 media (over MAX_MEDIA_PER_POST)', { media: Array(MAX_MEDIA_PER_POST + 1).fill(validPost.media[0]) }],
    ['NUL in the post id', { post_id: 'p\u0000' }],
    ['a control character in a media id', { media: [{ ...validPost.media[0], media_id: 'm\u0007' }] }],
    ['a lone surrogate in the author', { author: 'u\ud800' }],
    ['NUL in the correlation id', { callback: { correlation_id: 'c\u0000' } }],
  ])('rejects %s', (_name, change) => {
    expect(PostV1Schema.safeParse({ ...validPost, ...change }).success).toBe(false);
  });

  it('accepts MAX_MEDIA_PER_POST media, a caption with NUL (ingest cleans it) and emoji in the author', () => {
    const post = PostV1Schema.parse({
      ...validPost,
      media: Array(MAX_MEDIA_PER_POST).fill(validPost.media[0]),
      text: 'a\u0000b',
      author: 'u🙂',
    });
    expect(post.media).toHaveLength(32);
    expect(isStorableText(post.text)).toBe(false);
    expect(isStorableText(post.author)).toBe(true);
  });
});

describe('internal codec', () => {
  const request: InferenceRequest = {
    schema_version: 1,
    request_id: requestId('acme', 'p-1', 0),
    tenant_id: 'acme',
    post_id: 'p-1',
    revision: 0,
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    received_at: 1_700_000_000_000,
    priority: 'normal',
    created_at: '2026-11-29T12:00:00Z',
    text: { caption: 'hi', truncated: false },
    media: [
      {
        media_id: 'm1',
        kind: 'image',
        status: 'ok',
        frames: [
          {
            timestamp_ms: 0,
            width: 640,
            height: 480,
            variants: { 'fill:2x2': { width: 2, height: 2, data: new Uint8Array(12).fill(200) } },
          },
        ],
      },
    ],
    errors: [],
    timings: { fetch_ms: 3.5 },
  };

  it('round-trips pixels as bytes and validates on decode', () => {
    const bytes = encodeInternal(request);
    const back = decodeInternal(InferenceRequestSchema, bytes);
    expect(back.request_id).toBe('acme:p-1:0');
    const data = back.media[0]!.frames[0]!.variants['fill:2x2']!.data;
    expect(data).toBeInstanceOf(Uint8Array);
    expect([...data]).toEqual(new Array(12).fill(200));
  });

  it('throws a typed error on garbage and on schema mismatch', () => {
    expect(() => decodeInternal(InferenceRequestSchema, Buffer.from('not lz4'))).toThrow(MessageDecodeError);
    const wrong = encodeInternal({ ...request, schema_version: 9 });
    expect(() => decodeInternal(InferenceRequestSchema, wrong)).toThrow(/schema_version/);
  });

  it('keys resize specs stably', () => {
    expect(resizeKey({ fit: 'fill', width: 224, height: 224 })).toBe('fill:224x224');
  });
});

describe('taxonomy', () => {
  it('defines every category once with four severity steps', () => {
    expect(Object.keys(TAXONOMY).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const id of CATEGORY_IDS) expect(TAXONOMY[id].severities).toHaveLength(4);
  });

  it('maps scores to severity at 0.2 / 0.5 / 0.8', () => {
    expect([0, 0.19, 0.2, 0.49, 0.5, 0.79, 0.8, 1].map(severityOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});

describe('published JSON Schemas', () => {
  it('match what the zod schemas generate (run `npm run schemas -w @vigil/contracts`)', () => {
    for (const [file, schema] of Object.entries(publishedJsonSchemas())) {
      const committed = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', file), 'utf8'));
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('verdict schema requires at least one action', () => {
    const verdict = {
      schema_version: 1,
      verdict_id: '0d9f1e1c-6b7a-4a53-9a7e-6a1f5b7c2d11',
      tenant_id: 'acme',
      post_id: 'p-1',
      revision: 0,
      status: 'ok',
      errors: [],
      source: 'model',
      actions: [],
      scores: [],
      alt_text: [],
      coverage: { not_covered: [] },
      policy: { id: 'default', version: '1' },
      timings: {},
      decided_at: '2026-11-29T12:00:01.000Z',
    };
    expect(VerdictV1Schema.safeParse(verdict).success).toBe(false);
    expect(
      VerdictV1Schema.safeParse({ ...verdict, actions: [{ action: 'allow', rule: 'default.allow' }] })
        .success,
    ).toBe(true);
  });
});

describe('review vocabulary', () => {
  it('has at most nine reasons per decision (two-keystroke shortcuts), unique stable codes, taxonomy categories', () => {
    const codes = new Set<string>();
    for (const decision of REVIEW_DECISIONS) {
      const reasons = REVIEW_REASONS[decision];
      expect(reasons.length).toBeGreaterThan(0);
      expect(reasons.length).toBeLessThanOrEqual(9);
      for (const r of reasons) {
        expect(r.code).toMatch(/^[a-z_]+$/);
        expect(codes.has(`${decision}:${r.code}`)).toBe(false);
        codes.add(`${decision}:${r.code}`);
        if (r.category) expect(CATEGORY_IDS).toContain(r.category);
      }
    }
    expect(reasonFor('remove', 'hate')?.category).toBe('hate');
    expect(reasonFor('approve', 'hate')).toBeUndefined();
  });
});
