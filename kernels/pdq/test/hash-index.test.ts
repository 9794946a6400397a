/** The multi-index hash index against brute force, on the reference hash lists and random banks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HASH_BYTES,
  HashIndex,
  PdqError,
  hammingDistance,
  hammingDistances,
  hashFromHex,
  hashToHex,
  parseBankFile,
} from '../src';
import { PDQ_FIXTURES } from './data';

const list = (f: string) =>
  parseBankFile(readFileSync(join(PDQ_FIXTURES, 'reg-test-input', 'hash-lists', f), 'utf8')).entries.map(
    (e) => e.hash,
  );
const haystack = list('haystack.txt');
const needles = list('needles.txt');
const native = process.env.VIGIL_PDQ_NATIVE !== '0';
const impls = native ? (['native', 'typescript'] as const) : (['typescript'] as const);

/** Every live hash within d of q by a linear scan (batched Hamming over all bank bytes). */
function bruteForce(bank: Uint8Array, live: boolean[], q: string, d: number) {
  return Array.from(hammingDistances(q, bank), (distance, i) => ({ id: `h${i}`, distance }))
    .filter((x, i) => live[i] && x.distance <= d)
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1));
}

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 255;
  }
  return out;
}

describe.each(impls)('HashIndex (%s)', (implementation) => {
  it('finds exactly what brute force finds: 100 needles in the 1,350-hash haystack, d = 31, 47, 63', () => {
    // 10,000 random hashes beside the haystack push the bulk load past the pending list into the tables.
    const filler = randomBytes(10_000 * HASH_BYTES, 3);
    const bank = [
      ...haystack,
      ...Array.from({ length: 10_000 }, (_, i) => hashToHex(filler, i * HASH_BYTES)),
    ];
    const index = new HashIndex({ implementation });
    expect(index.native).toBe(implementation === 'native');
    const bytes = Buffer.concat(bank.map(hashFromHex));
    index.addMany(
      bank.map((_, i) => `h${i}`),
      bytes,
    );
    const compare = (live: boolean[]) => {
      let hits = 0;
      for (const d of [31, 47, 63]) {
        for (const q of needles) {
          const expected = bruteForce(bytes, live, q, d);
          expect(index.query(q, d)).toEqual(expected);
          hits += expected.length;
        }
      }
      return hits;
    };
    const live = bank.map(() => true);
    expect(compare(live)).toBeGreaterThan(100); // the lists are built so that needles have neighbours

    // Remove every other haystack hash (dead table entries) and add a third of those back one by one
    // (the pending list, on reused or fresh slots): still exactly brute force.
    for (let i = 0; i < haystack.length; i += 2) {
      expect(index.remove(`h${i}`)).toBe(true);
      live[i] = false;
    }
    for (let i = 0; i < haystack.length; i += 6) {
      index.add(`h${i}`, haystack[i]!);
      live[i] = true;
    }
    expect(index.size).toBe(live.filter(Boolean).length);
    compare(live);
  });

  it('finds every planted near-duplicate in a 100,000-hash random bank and nothing beyond the distance', () => {
    const n = 100_000;
    const bank = randomBytes(n * HASH_BYTES, 7);
    const index = new HashIndex({ implementation });
    index.addMany(
      Array.from({ length: n }, (_, i) => `r${i}`),
      bank,
    );
    expect(index.size).toBe(n);
    const noise = randomBytes(500 * 64, 11);
    for (let k = 0; k < 500; k++) {
      const target = (noise[k * 64]! | (noise[k * 64 + 1]! << 8) | (noise[k * 64 + 2]! << 16)) % n;
      const q = bank.slice(target * HASH_BYTES, (target + 1) * HASH_BYTES);
      const flips = k % 32; // 0..31 distinct bits
      const bits = new Set<number>();
      for (let j = 3; bits.size < flips; j++) bits.add(noise[k * 64 + (j % 64)]! ^ ((j * 37) % 256));
      for (const b of bits) q[b >> 3]! ^= 1 << (b & 7);
      const hits = index.query(q, 31);
      expect(hits).toContainEqual({ id: `r${target}`, distance: flips });
      for (const h of hits) {
        expect(h.distance).toBeLessThanOrEqual(31);
        const slot = Number(h.id.slice(1));
        expect(hammingDistance(bank.subarray(slot * HASH_BYTES, (slot + 1) * HASH_BYTES), q)).toBe(
          h.distance,
        );
      }
    }
  });

  it('add replaces, remove forgets, freed slots are reused', () => {
    const index = new HashIndex({ implementation });
    const [a, b, c] = haystack;
    index.add('x', a!);
    index.add('y', b!);
    expect(index.query(a!, 0)).toEqual([{ id: 'x', distance: 0 }]);
    index.add('x', c!); // replace
    expect(index.query(a!, 0)).toEqual([]);
    expect(index.query(c!, 0)).toEqual([{ id: 'x', distance: 0 }]);
    expect(index.remove('y')).toBe(true);
    expect(index.remove('y')).toBe(false);
    expect(index.query(b!, 0)).toEqual([]);
    index.add('z', b!);
    expect(index.query(b!, 0)).toEqual([{ id: 'z', distance: 0 }]);
    expect(index.size).toBe(2);
    index.addMany(['d', 'd'], Buffer.concat([hashFromHex(a!), hashFromHex(b!)]));
    expect(index.query(a!, 0)).toEqual([]);
    expect(
      index
        .query(b!, 0)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['d', 'z']);
  });

  it('rejects bad queries with stable codes', () => {
    const index = new HashIndex({ implementation });
    expect(() => index.query('abc')).toThrow(expect.objectContaining({ code: 'PDQ_INVALID_HASH' }));
    expect(() => index.query(haystack[0]!, 300)).toThrow(
      expect.objectContaining({ code: 'PDQ_INVALID_ARGUMENT' }),
    );
    expect(() => index.addMany(['a'], new Uint8Array(31))).toThrow(PdqError);
  });
});

describe('hashes and batched Hamming distance', () => {
  it('hex round-trips; bit k of the hex integer is DCT row k>>4, column k&15', () => {
    for (const h of haystack.slice(0, 50)) expect(hashToHex(hashFromHex(h))).toBe(h);
    const one = hashFromHex('0'.repeat(63) + '1');
    expect(one[0]).toBe(1); // bit 0 = row 0, column 0 = the last hex digit's LSB
    expect(hashFromHex('8' + '0'.repeat(63))[31]).toBe(0x80); // bit 255 = row 15, column 15
  });

  it.each(impls)('hammingDistances (%s) equals pairwise distances', (impl) => {
    const bank = Buffer.concat(haystack.map(hashFromHex));
    const d = hammingDistances(needles[0]!, bank, impl);
    expect(Array.from(d)).toEqual(haystack.map((h) => hammingDistance(h, needles[0]!)));
  });
});
