/**
 * Seeded mutations of media, captions and posts-topic messages for `npm run fuzz`. Every choice comes
 * from one PRNG, so a seed replays the same inputs (given the same corpus).
 */
import {
  dashManifest,
  ffconcatScript,
  hlsPlaylist,
  id3FooterDisguise,
  id3Tagged,
  pngDeclaring,
} from '@vigil/media/testing';

/** mulberry32 (Tommy Ettinger, public domain): a small, fast 32-bit PRNG, good enough for fuzzing. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** A mutated input and the name of what was done to it (printed with any crash or stall). */
export interface Mutant {
  readonly name: string;
  readonly bytes: Buffer;
}

/** What media mutations may splice in: other corpus files and a local file playlists point at. */
export interface MutationContext {
  readonly corpus: ReadonlyArray<{ readonly name: string; readonly bytes: Buffer }>;
  readonly localFile: string;
}

type MediaMutation = (bytes: Buffer, rng: Rng, ctx: MutationContext) => Mutant;

const MEDIA_MUTATIONS: Readonly<Record<string, MediaMutation>> = {
  'bit flips': (bytes, rng) => {
    const out = Buffer.from(bytes);
    const flips = 1 + rng.int(32);
    // Most container headers sit in the first 4 KiB: aim half the flips there.
    for (let i = 0; i < flips; i++) {
      const at = rng.next() < 0.5 ? rng.int(Math.min(4096, out.length)) : rng.int(out.length);
      out[at]! ^= 1 << rng.int(8);
    }
    return { name: `bit flips ×${flips}`, bytes: out };
  },
  truncation: (bytes, rng) => {
    const keep = rng.int(bytes.length);
    return { name: `truncated to ${keep} of ${bytes.length} bytes`, bytes: bytes.subarray(0, keep) };
  },
  'zeroed run': (bytes, rng) => {
    const out = Buffer.from(bytes);
    const start = rng.int(out.length);
    const length = 1 + rng.int(Math.max(1, out.length >> 2));
    out.fill(0, start, Math.min(out.length, start + length));
    return { name: `zeroed ${length} bytes at ${start}`, bytes: out };
  },
  'header splice': (bytes, rng, ctx) => {
    const other = rng.pick(ctx.corpus);
    const head = 8 + rng.int(512);
    return {
      name: `first ${head} bytes of ${other.name} spliced on`,
      bytes: Buffer.concat([other.bytes.subarray(0, head), bytes.subarray(Math.min(head, bytes.length))]),
    };
  },
  'playlist behind ID3': (_bytes, rng, ctx) => {
    const [kind, payload] = rng.pick([
      ['HLS', hlsPlaylist(ctx.localFile)],
      ['DASH', dashManifest(ctx.localFile)],
      ['ffconcat', ffconcatScript(ctx.localFile)],
    ] as const);
    return rng.next() < 0.5
      ? { name: `${kind} behind an ID3 footer tag`, bytes: id3FooterDisguise(payload) }
      : { name: `${kind} behind a plain ID3 tag`, bytes: id3Tagged(payload, rng.int(64)) };
  },
  'huge dimensions': (bytes, rng) => {
    if (rng.next() < 0.5) {
      const side = 20_000 + rng.int(45_000);
      return { name: `PNG header declaring ${side}×${side}`, bytes: pngDeclaring(side, side) };
    }
    // Patch the first JPEG/PNG-looking size field: SOFn (FFC0..FFC2) height/width, or PNG IHDR.
    const out = Buffer.from(bytes);
    const sof = out.findIndex(
      (b, i) => b === 0xff && i + 8 < out.length && [0xc0, 0xc1, 0xc2].includes(out[i + 1]!),
    );
    if (sof >= 0) {
      out.writeUInt16BE(65_000, sof + 5);
      out.writeUInt16BE(65_000, sof + 7);
      return { name: 'JPEG SOF patched to 65000×65000', bytes: out };
    }
    const ihdr = out.indexOf('IHDR');
    if (ihdr >= 0) {
      out.writeUInt32BE(1 << 20, ihdr + 4);
      out.writeUInt32BE(1 << 20, ihdr + 8);
      return { name: 'PNG IHDR patched to 1048576² (CRC now wrong)', bytes: out };
    }
    return { name: 'no size field found: unchanged', bytes: out };
  },
  'duplicated chunk': (bytes, rng) => {
    const start = rng.int(bytes.length);
    const chunk = bytes.subarray(start, start + 1 + rng.int(65_536));
    const copies = 1 + rng.int(16);
    return {
      name: `${chunk.length} bytes at ${start} repeated ${copies}×`,
      bytes: Buffer.concat([bytes.subarray(0, start), ...Array(copies).fill(chunk), bytes.subarray(start)]),
    };
  },
};

/** One mutation of `bytes`, chosen by `rng`. */
export function mutateMedia(bytes: Buffer, rng: Rng, ctx: MutationContext): Mutant {
  const name = rng.pick(Object.keys(MEDIA_MUTATIONS));
  return MEDIA_MUTATIONS[name]!(bytes, rng, ctx);
}

/** A hostile caption: NUL, lone surrogates, control and bidi characters, or a very long one. */
export function mutateCaption(rng: Rng): { name: string; text: string } {
  const pieces = [
    'ki\u0000ll',
    '\ud800',
    '\udfff',
    'a\u202eb',
    '\u0007\u001b[31m',
    '🙂',
    'nice post',
    '\ufeff',
    'ǅ',
  ];
  if (rng.next() < 0.2) {
    const n = 10_000 + rng.int(200_000);
    return { name: `${n}-character caption`, text: 'x\u0000'.repeat(n >> 1) };
  }
  const count = 1 + rng.int(12);
  const chosen = Array.from({ length: count }, () => rng.pick(pieces));
  return { name: `caption of ${count} hostile pieces`, text: chosen.join(' ') };
}

/** A broken posts-topic message built from a valid post (as JSON-able object). */
export function mutateMessage(post: Record<string, unknown>, rng: Rng): Mutant {
  const json = JSON.stringify(post);
  const kinds: Array<() => Mutant> = [
    () => ({
      name: 'invalid UTF-8',
      bytes: Buffer.concat([
        Buffer.from(json.slice(0, 20)),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(json.slice(20)),
      ]),
    }),
    () => ({ name: 'truncated JSON', bytes: Buffer.from(json.slice(0, rng.int(json.length))) }),
    () => ({ name: 'nested 100,000 deep', bytes: Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)) }),
    () => ({
      name: '33 media',
      bytes: Buffer.from(
        JSON.stringify({
          ...post,
          media: Array(33).fill({ media_id: 'm', kind: 'image', source: { url: 'https://x.example/a.jpg' } }),
        }),
      ),
    }),
    () => ({
      name: '10,000 media',
      bytes: Buffer.from(
        JSON.stringify({
          ...post,
          media: Array(10_000).fill({
            media_id: 'm',
            kind: 'image',
            source: { url: 'https://x.example/a.jpg' },
          }),
        }),
      ),
    }),
    () => ({ name: 'NUL in post_id', bytes: Buffer.from(JSON.stringify({ ...post, post_id: 'p\u0000' })) }),
    () => ({ name: 'schema_version 2', bytes: Buffer.from(JSON.stringify({ ...post, schema_version: 2 })) }),
    () => ({ name: 'null body', bytes: Buffer.alloc(0) }),
    () => ({ name: 'JSON null', bytes: Buffer.from('null') }),
    () => ({ name: '__proto__ key', bytes: Buffer.from(json.replace('{', '{"__proto__":{"polluted":1},')) }),
  ];
  return rng.pick(kinds)();
}
