import { PdqError } from './errors';
import { HASH_BYTES, PDQ_MATCH_DISTANCE, hammingAt, hashFromHex } from './hash';
import { type NativeMihIndex, nativePdq } from './native';
import { type Implementation } from './pdq';

/** One hash of the index within the query distance. */
export interface IndexHit {
  id: string;
  distance: number;
}

const CHUNKS = 16;
const BUCKETS = 1 << 16;
/** Largest distance answered through the chunk tables (chunk radius 2); larger ones scan everything. */
export const MAX_INDEXED_DISTANCE = 47;

/**
 * In-memory PDQ hash index answering "every hash within distance d" (d ≤ 31 for matches) by
 * multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming Space with Multi-Index
 * Hashing", CVPR 2012): the 256 bits are 16 chunks of 16 bits (the DCT rows), each with a table of
 * 65,536 buckets. If two hashes are within d, by pigeonhole some chunk differs by at most
 * floor(d/16) bits (1 for d ≤ 31), so the query probes 17 buckets per table (272 in all) and checks
 * each candidate on all 256 bits. Exact: it returns the same hits as a linear scan.
 *
 * Runs on the native addon (native/mih_index.cc) or, when it is unavailable, on a TypeScript twin
 * with the same results. Native layout: each table is one bucket-sorted array of 16-byte entries
 * (slot + 96 other bits of the hash, which reject almost every random candidate without touching the
 * full hash), so memory is 16 × 16 B + 32 B hash + 1 B ≈ 289 B per hash; lookups scan about
 * 272 × n / 65,536 entries sequentially (≈ 41,500 at 10 M). Hashes added after the last bulk load
 * wait in a short list (up to 8,192) before the tables are rebuilt. Ids live in JavaScript (slot → id
 * array and id → slot map), tens of bytes more per hash depending on the id length.
 */
export class HashIndex {
  private readonly mih: MihBackend;
  private readonly ids: (string | undefined)[] = [];
  private readonly slots = new Map<string, number>();

  constructor(options: { implementation?: Implementation } = {}) {
    const impl = options.implementation ?? 'auto';
    const addon = impl === 'typescript' ? null : nativePdq();
    if (!addon && impl === 'native') throw new Error('PDQ native addon is not available');
    this.mih = addon ? new addon.MihIndex() : new TsMihIndex();
  }

  /** Number of hashes held. */
  get size(): number {
    return this.slots.size;
  }

  /** Whether the backend is the native addon. */
  get native(): boolean {
    return !(this.mih instanceof TsMihIndex);
  }

  /**
   * Adds (or replaces) the hash of `id`.
   * @param hash 64-digit hex or 32 bytes (see hashFromHex).
   * @throws PdqError `PDQ_INVALID_HASH` for malformed hex.
   */
  add(id: string, hash: string | Uint8Array): void {
    this.addMany([id], typeof hash === 'string' ? hashFromHex(hash) : hash);
  }

  /**
   * Bulk add: `hashes` holds `ids.length` concatenated 32-byte hashes (ids[i] ↔ bytes 32i..32i+31).
   * An id already present is replaced. Loading a bank this way reserves each bucket exactly.
   * @throws PdqError `PDQ_INVALID_ARGUMENT` when the lengths disagree.
   */
  addMany(ids: readonly string[], hashes: Uint8Array): void {
    if (hashes.length !== ids.length * HASH_BYTES) {
      throw new PdqError(
        'PDQ_INVALID_ARGUMENT',
        `expected ${ids.length} × 32 hash bytes, got ${hashes.length}`,
      );
    }
    if (this.slots.size > 0) for (const id of ids) this.remove(id);
    const slots = this.mih.add(hashes);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const slot = slots[i]!;
      const previous = this.slots.get(id);
      if (previous !== undefined) {
        // The same id twice in one batch: the later hash wins.
        this.mih.remove(previous);
        this.ids[previous] = undefined;
      }
      this.slots.set(id, slot);
      this.ids[slot] = id;
    }
  }

  /** Removes the hash of `id`; false when absent. */
  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.mih.remove(slot);
    this.slots.delete(id);
    this.ids[slot] = undefined;
    return true;
  }

  /**
   * Every hash within `maxDistance` of `hash`, nearest first (ties by id).
   * @param maxDistance 0..256, default 31 (the PDQ match threshold).
   * @throws PdqError `PDQ_INVALID_HASH`, or `PDQ_INVALID_ARGUMENT` for a distance outside 0..256.
   */
  query(hash: string | Uint8Array, maxDistance = PDQ_MATCH_DISTANCE): IndexHit[] {
    const q = typeof hash === 'string' ? hashFromHex(hash) : hash;
    if (q.length !== HASH_BYTES)
      throw new PdqError('PDQ_INVALID_HASH', `hash must be 32 bytes, got ${q.length}`);
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 256) {
      throw new PdqError('PDQ_INVALID_ARGUMENT', `maxDistance must be an integer 0..256, got ${maxDistance}`);
    }
    const raw = this.mih.query(q, maxDistance);
    const hits: IndexHit[] = [];
    for (let i = 0; i < raw.length; i += 2) hits.push({ id: this.ids[raw[i]!]!, distance: raw[i + 1]! });
    return hits.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Bytes held by the hash structure (native or typed arrays), not counting the JavaScript ids. */
  structureBytes(): number {
    return this.mih.bytes();
  }
}

/** The slot-level surface shared by the native index and its TypeScript twin. */
type MihBackend = Pick<NativeMihIndex, 'add' | 'remove' | 'query' | 'bytes'>;

/** The same multi-index structure as native/mih_index.cc, in TypeScript (fallback and parity). */
export class TsMihIndex implements MihBackend {
  private hashes = new Uint8Array(HASH_BYTES * 1024);
  private live = new Uint8Array(1024);
  private end = 0;
  private readonly free: number[] = [];
  private readonly tables: (number[] | undefined)[] = new Array(CHUNKS * BUCKETS);

  add(hashes: Uint8Array): Uint32Array {
    const n = hashes.length / HASH_BYTES;
    const slots = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const slot = this.free.pop() ?? this.end++;
      if (slot >= this.live.length) this.grow();
      this.hashes.set(hashes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES), slot * HASH_BYTES);
      this.live[slot] = 1;
      for (let c = 0; c < CHUNKS; c++) (this.tables[c * BUCKETS + this.chunk(slot, c)] ??= []).push(slot);
      slots[i] = slot;
    }
    return slots;
  }

  remove(slot: number): boolean {
    if (slot >= this.end || !this.live[slot]) return false;
    for (let c = 0; c < CHUNKS; c++) {
      const bucket = this.tables[c * BUCKETS + this.chunk(slot, c)]!;
      const at = bucket.indexOf(slot);
      bucket[at] = bucket[bucket.length - 1]!;
      bucket.pop();
    }
    this.live[slot] = 0;
    this.free.push(slot);
    return true;
  }

  query(q: Uint8Array, maxDistance: number): Uint32Array {
    const found = new Map<number, number>();
    const check = (slot: number) => {
      if (found.has(slot)) return;
      const d = hammingAt(this.hashes, slot * HASH_BYTES, q, 0);
      if (d <= maxDistance) found.set(slot, d);
    };
    if (maxDistance > MAX_INDEXED_DISTANCE) {
      for (let slot = 0; slot < this.end; slot++) if (this.live[slot]) check(slot);
    } else {
      const radius = Math.floor(maxDistance / CHUNKS);
      for (let c = 0; c < CHUNKS; c++) {
        const v = q[2 * c]! | (q[2 * c + 1]! << 8);
        const probe = (b: number) => this.tables[c * BUCKETS + b]?.forEach(check);
        probe(v);
        for (let b1 = 0; radius >= 1 && b1 < 16; b1++) {
          probe(v ^ (1 << b1));
          for (let b2 = b1 + 1; radius >= 2 && b2 < 16; b2++) probe(v ^ (1 << b1) ^ (1 << b2));
        }
      }
    }
    const slots = [...found.keys()].sort((a, b) => a - b);
    const out = new Uint32Array(slots.length * 2);
    slots.forEach((s, i) => ((out[2 * i] = s), (out[2 * i + 1] = found.get(s)!)));
    return out;
  }

  bytes(): number {
    let b = this.hashes.byteLength + this.live.byteLength;
    for (const t of this.tables) b += t ? t.length * 8 : 0;
    return b;
  }

  // Chunk c of a stored hash: bytes 2c, 2c+1 little-endian = DCT row c.
  private chunk(slot: number, c: number): number {
    const at = slot * HASH_BYTES + 2 * c;
    return this.hashes[at]! | (this.hashes[at + 1]! << 8);
  }

  private grow(): void {
    const hashes = new Uint8Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const live = new Uint8Array(this.live.length * 2);
    live.set(this.live);
    this.live = live;
  }
}
