import { PdqError } from './errors';
import { HASH_BYTES, hammingAt, hashFromHex } from './hash';
import { nativePdq } from './native';
import { type Implementation } from './pdq';

/**
 * Batched Hamming distance: one query hash against N hashes.
 * @param query 64-digit hex or 32 bytes.
 * @param hashes N concatenated 32-byte hashes (`[N, 32]` uint8).
 * @returns `Uint16Array(N)` of distances 0..256. Native: popcount on 64-bit words.
 * @throws PdqError `PDQ_INVALID_HASH` for a malformed query or a length not a multiple of 32.
 */
export function hammingDistances(
  query: string | Uint8Array,
  hashes: Uint8Array,
  impl: Implementation = 'auto',
): Uint16Array {
  const q = typeof query === 'string' ? hashFromHex(query) : query;
  if (q.length !== HASH_BYTES || hashes.length % HASH_BYTES !== 0) {
    throw new PdqError(
      'PDQ_INVALID_HASH',
      `query must be 32 bytes and hashes a multiple of 32, got ${q.length} and ${hashes.length}`,
    );
  }
  const addon = impl === 'typescript' ? null : nativePdq();
  if (!addon && impl === 'native') throw new Error('PDQ native addon is not available');
  if (addon) return addon.hammingMany(q, hashes);
  const out = new Uint16Array(hashes.length / HASH_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = hammingAt(q, 0, hashes, i * HASH_BYTES);
  return out;
}
