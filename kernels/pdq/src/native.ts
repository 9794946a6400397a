/**
 * Loads the native addon (build/Release/vigil_pdq.node, built by node-gyp at install or by
 * `npm run build:native -w @vigil/pdq`). When it is missing or fails to load, or when
 * `VIGIL_PDQ_NATIVE=0`, `nativePdq()` returns null and one warning says the TypeScript implementation
 * is in use; nothing else changes (results are bit-identical, only slower).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pino from 'pino';
import { type RawPdq } from './reference';

/** The addon's surface. Argument checks happen in TypeScript before these are called. */
export interface NativePdq {
  /** pixels `[height, width, channels]` uint8 → quality and 1 (or 8 with `dihedral`) 32-byte hashes. */
  hash(pixels: Uint8Array, width: number, height: number, channels: number, dihedral: boolean): RawPdq;
  /** The DCT matrix the addon hashes with, 16×64 float32 (for parity tests). */
  dctMatrix(): Float32Array;
  /** Distances (0..256) from one 32-byte hash to N concatenated hashes; popcount on 64-bit words. */
  hammingMany(query: Uint8Array, hashes: Uint8Array): Uint16Array;
  MihIndex: new () => NativeMihIndex;
}

/** native/mih_index.h through Node-API. */
export interface NativeMihIndex {
  /** Adds N concatenated 32-byte hashes; returns their slots. */
  add(hashes: Uint8Array): Uint32Array;
  remove(slot: number): boolean;
  /** `[slot, distance, slot, distance, …]`, slots ascending, each once. */
  query(hash: Uint8Array, maxDistance: number): Uint32Array;
  size(): number;
  /** Bytes held by the native index. */
  bytes(): number;
}

/** Where the addon is looked for: the package's build folder, from src/ or dist/ alike. */
export const NATIVE_ADDON_PATH = join(__dirname, '..', 'build', 'Release', 'vigil_pdq.node');

let loaded: { addon: NativePdq | null; reason?: string } | undefined;

/** The addon, or null (then logged once) when unavailable or disabled by `VIGIL_PDQ_NATIVE=0`. */
export function nativePdq(): NativePdq | null {
  if (loaded) return loaded.addon;
  if (process.env.VIGIL_PDQ_NATIVE === '0') {
    loaded = { addon: null, reason: 'disabled by VIGIL_PDQ_NATIVE=0' };
  } else if (!existsSync(NATIVE_ADDON_PATH)) {
    loaded = {
      addon: null,
      reason: `${NATIVE_ADDON_PATH} not built (run npm run build:native -w @vigil/pdq)`,
    };
  } else {
    try {
      loaded = { addon: createRequire(__filename)(NATIVE_ADDON_PATH) as NativePdq };
    } catch (err) {
      loaded = { addon: null, reason: `failed to load ${NATIVE_ADDON_PATH}: ${(err as Error).message}` };
    }
  }
  if (!loaded.addon) {
    pino({ name: 'vigil-pdq', level: process.env.LOG_LEVEL ?? 'info' }).warn(
      { reason: loaded.reason },
      'PDQ native addon unavailable: using the TypeScript implementation (same results, slower)',
    );
  }
  return loaded.addon;
}

/** Which implementation hashes and matches, and why when it is TypeScript. */
export function pdqBackend(): { native: boolean; reason?: string } {
  const addon = nativePdq();
  return addon ? { native: true } : { native: false, reason: loaded?.reason };
}
