import { PdqError } from './errors';

/** A PDQ hash is 256 bits: 32 bytes here, 64 lowercase hex digits on the wire. */
export const HASH_BYTES = 32;
export const HASH_HEX_LENGTH = 64;
/** Distance at or under which two PDQ hashes match (pdq/README.md; python-threatexchange
 * `PDQ_CONFIDENT_MATCH_THRESHOLD = 31`, compared with `<=`). */
export const PDQ_MATCH_DISTANCE = 31;
/** Hashes below this quality should not be matched (python-threatexchange `PdqSignal.QUALITY_THRESHOLD`;
 * pdq/README.md recommends discarding quality <= 49). */
export const PDQ_MIN_QUALITY = 50;

const HEX = /^[0-9a-fA-F]{64}$/;

/**
 * Parses a 64-digit hex PDQ hash into 32 bytes. The hex string is the 256-bit hash as a big-endian
 * integer in which bit k (DCT row k>>4, column k&15) has value 2^k (pdqhashtypes.cpp); byte b of the
 * result holds bits 8b..8b+7, so the bytes are that integer little-endian.
 * @throws PdqError `PDQ_INVALID_HASH` unless `hex` is exactly 64 hex digits.
 */
export function hashFromHex(hex: string): Uint8Array {
  if (!HEX.test(hex))
    throw new PdqError(
      'PDQ_INVALID_HASH',
      `not a 64-digit hex PDQ hash: ${JSON.stringify(hex.slice(0, 80))}`,
    );
  const out = new Uint8Array(HASH_BYTES);
  for (let b = 0; b < HASH_BYTES; b++) {
    const at = 2 * (HASH_BYTES - 1 - b);
    out[b] = parseInt(hex.slice(at, at + 2), 16);
  }
  return out;
}

/** Formats 32 hash bytes (see {@link hashFromHex}) as 64 lowercase hex digits. */
export function hashToHex(bytes: Uint8Array, offset = 0): string {
  let s = '';
  for (let b = HASH_BYTES - 1; b >= 0; b--) s += (bytes[offset + b] ?? 0).toString(16).padStart(2, '0');
  return s;
}

/** True when `s` is a well-formed 64-digit hex hash. */
export function isHashHex(s: string): boolean {
  return HEX.test(s);
}

const POPCOUNT8 = Uint8Array.from({ length: 256 }, (_, i) => {
  let n = 0;
  for (let v = i; v; v >>= 1) n += v & 1;
  return n;
});

/**
 * Hamming distance (0..256) between two hashes given as hex or bytes.
 * @throws PdqError `PDQ_INVALID_HASH` for a malformed hex hash.
 */
export function hammingDistance(a: string | Uint8Array, b: string | Uint8Array): number {
  const x = typeof a === 'string' ? hashFromHex(a) : a;
  const y = typeof b === 'string' ? hashFromHex(b) : b;
  return hammingAt(x, 0, y, 0);
}

/** Distance between the hash at byte `i` of `a` and the one at byte `j` of `b` (TypeScript popcount). */
export function hammingAt(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  let d = 0;
  for (let k = 0; k < HASH_BYTES; k++) d += POPCOUNT8[(a[i + k]! ^ b[j + k]!) & 255]!;
  return d;
}
