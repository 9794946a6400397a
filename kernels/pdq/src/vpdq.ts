import { PdqError } from './errors';
import { HASH_BYTES, PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY, hashFromHex, isHashHex } from './hash';
import { hammingDistances } from './hamming';
import { type PdqHash } from './pdq';

/** One hashed video frame, as vPDQ writes it (`frame,quality,hash,timestamp` per line, vpdqio.cpp). */
export interface VpdqFeature extends PdqHash {
  /** 0-based frame number in decode order. */
  frame: number;
  /** Seconds from the start (frame / frame rate). */
  timestamp: number;
}

/**
 * Parses a vPDQ feature file: one `frameNumber,quality,pdqHex,timestampSeconds` line per frame
 * (vpdq/cpp/vpdq/cpp/io/vpdqio.cpp); blank lines are skipped.
 * @throws PdqError `PDQ_INVALID_BANK_FILE` naming the first bad line.
 */
export function parseVpdqFeatures(text: string): VpdqFeature[] {
  const out: VpdqFeature[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const [frame, quality, hash, timestamp] = line.split(',').map((s) => s.trim());
    const f = Number(frame),
      q = Number(quality),
      t = Number(timestamp);
    if (
      !Number.isInteger(f) ||
      f < 0 ||
      !Number.isInteger(q) ||
      q < 0 ||
      q > 100 ||
      !isHashHex(hash ?? '') ||
      !Number.isFinite(t)
    ) {
      throw new PdqError(
        'PDQ_INVALID_BANK_FILE',
        `line ${i + 1}: expected frame,quality,hash,timestamp, got ${JSON.stringify(line.slice(0, 120))}`,
      );
    }
    out.push({ frame: f, quality: q, hash: hash!.toLowerCase(), timestamp: t });
  });
  return out;
}

export interface VideoMatchOptions {
  /** Frames match when their distance is at most this. Default 31 (README and python-threatexchange
   * use ≤; the C++ brute matcher uses <). */
  distance?: number;
  /** Frames below this quality are dropped from both sides first. Default 50. */
  minQuality?: number;
  /** Decision: query-match % must reach this. Default 80 (`VPDQ_QUERY_MATCH_THRESHOLD_PERCENT`). */
  queryMatchPercent?: number;
  /** Decision: compared-match % must reach this. Default 0 (`VPDQ_INDEX_MATCH_THRESHOLD_PERCENT`). */
  compareMatchPercent?: number;
}

export interface VideoMatch {
  /** Share of the query's distinct usable frames within `distance` of some compared frame, 0..100. */
  queryMatchPercent: number;
  /** The same the other way round, 0..100. */
  compareMatchPercent: number;
  /** Both percentages reach their thresholds. */
  match: boolean;
}

/**
 * vPDQ video match (vpdq/README.md; python-threatexchange vpdq_brute_matcher.py and vpdq.py): both
 * frame lists are filtered to quality ≥ `minQuality` and deduplicated by hash; frames are an unordered
 * bag (frame numbers and timestamps play no part). Each query frame counts when any compared frame lies
 * within `distance`; dividing by the query's filtered size gives query-match %, and likewise the other
 * way. An empty filtered list gives 0 % (as the C++ matcher does) and no match.
 * @throws PdqError `PDQ_INVALID_HASH` for a malformed hash, `PDQ_INVALID_ARGUMENT` for bad options.
 */
export function matchVideo(
  query: readonly PdqHash[],
  compared: readonly PdqHash[],
  options: VideoMatchOptions = {},
): VideoMatch {
  const distance = options.distance ?? PDQ_MATCH_DISTANCE;
  const minQuality = options.minQuality ?? PDQ_MIN_QUALITY;
  const queryThreshold = options.queryMatchPercent ?? 80;
  const compareThreshold = options.compareMatchPercent ?? 0;
  for (const [name, v, max] of [
    ['distance', distance, 256],
    ['minQuality', minQuality, 100],
    ['queryMatchPercent', queryThreshold, 100],
    ['compareMatchPercent', compareThreshold, 100],
  ] as const) {
    if (!(v >= 0 && v <= max))
      throw new PdqError('PDQ_INVALID_ARGUMENT', `${name} must be within 0..${max}, got ${v}`);
  }
  const q = distinctHashes(query, minQuality);
  const c = distinctHashes(compared, minQuality);
  if (q.length === 0 || c.length === 0) return { queryMatchPercent: 0, compareMatchPercent: 0, match: false };
  const queryMatchPercent = (100 * matchedCount(q, c, distance)) / (q.length / HASH_BYTES);
  const compareMatchPercent = (100 * matchedCount(c, q, distance)) / (c.length / HASH_BYTES);
  return {
    queryMatchPercent,
    compareMatchPercent,
    match: queryMatchPercent >= queryThreshold && compareMatchPercent >= compareThreshold,
  };
}

// Distinct hashes of usable frames, concatenated 32-byte hashes.
function distinctHashes(frames: readonly PdqHash[], minQuality: number): Uint8Array {
  const seen = new Set<string>();
  for (const f of frames) if (f.quality >= minQuality) seen.add(f.hash.toLowerCase());
  const out = new Uint8Array(seen.size * HASH_BYTES);
  let i = 0;
  for (const h of seen) out.set(hashFromHex(h), HASH_BYTES * i++);
  return out;
}

// How many hashes of `a` lie within `distance` of at least one hash of `b`.
function matchedCount(a: Uint8Array, b: Uint8Array, distance: number): number {
  let count = 0;
  for (let i = 0; i < a.length; i += HASH_BYTES) {
    if (hammingDistances(a.subarray(i, i + HASH_BYTES), b).some((d) => d <= distance)) count++;
  }
  return count;
}
