import type { HashMatch, InferenceRequest, InferenceResult } from '@vigil/contracts';
import type { HashBankIndex } from './hash-banks';

/** How media are matched against the hash banks (config: HASH_MATCH_*). */
export interface HashMatchSettings {
  /** Hamming distance at or under which hashes match (PDQ's 31). */
  readonly maxDistance: number;
  /** Hashes of lower PDQ quality are not matched (the reference recommends 50). */
  readonly minQuality: number;
  /** vPDQ: share of the post's distinct frames that must match a bank video's frames, 0..1 (0.8). */
  readonly videoThreshold: number;
}

/** What matching found for one request: the `hash_match` signals and the media to route away. */
export interface RequestMatches {
  readonly matches: HashMatch[];
  /** Media ids that matched: the frame experts skip them. */
  readonly routedAway: ReadonlySet<string>;
}

export const NO_MATCHES: RequestMatches = { matches: [], routedAway: new Set() };

/**
 * Matches every decoded medium of a request against the banks, before routing. Each frame's PDQ (as
 * shown and, for EXIF-rotated images, of the stored grid) of quality ≥ `minQuality` is looked up in
 * the `pdq` banks (all entries within `maxDistance`); media with several frames (video, animations)
 * are also matched vPDQ-style against `vpdq` banks. One match per medium and bank: the closest entry
 * (for video the best-covered one), with its distance and entry id.
 */
export function matchRequest(
  index: HashBankIndex,
  request: InferenceRequest,
  settings: HashMatchSettings,
): RequestMatches {
  const matches: HashMatch[] = [];
  const routedAway = new Set<string>();
  for (const m of request.media) {
    if (m.status !== 'ok') continue;
    const hashes = m.frames
      .flatMap((f) => [f.pdq, f.pdq_unoriented])
      .filter((h) => h !== undefined && h.quality >= settings.minQuality)
      .map((h) => h!.hash);
    const byBank = new Map<string, HashMatch>();
    for (const hash of new Set(hashes)) {
      for (const hit of index.matchPdq(hash, settings.maxDistance)) {
        const best = byBank.get(hit.bank.name);
        if (
          best &&
          (best.distance < hit.distance || (best.distance === hit.distance && best.hash_id <= hit.hashId))
        )
          continue;
        byBank.set(hit.bank.name, {
          media_id: m.media_id,
          bank: hit.bank.name,
          signal_type: 'pdq',
          bank_action: hit.bank.action,
          distance: hit.distance,
          hash_id: hit.hashId,
        });
      }
    }
    if (m.frames.length > 1) {
      const frameHashes = m.frames
        .filter((f) => f.pdq && f.pdq.quality >= settings.minQuality)
        .map((f) => f.pdq!.hash);
      for (const hit of index.matchVideo(frameHashes, settings.maxDistance, settings.videoThreshold)) {
        const key = hit.bank.name;
        if (byBank.has(key)) continue; // hits are best first
        byBank.set(key, {
          media_id: m.media_id,
          bank: hit.bank.name,
          signal_type: 'vpdq',
          bank_action: hit.bank.action,
          distance: hit.distance,
          hash_id: hit.hashId,
          frame_match_ratio: Math.round(hit.ratio * 1e4) / 1e4,
        });
      }
    }
    if (byBank.size > 0) routedAway.add(m.media_id);
    matches.push(...[...byBank.values()].sort((a, b) => a.bank.localeCompare(b.bank)));
  }
  return { matches, routedAway };
}

/**
 * Puts the matching outcome on a result: `hash_matches`, `routed_away: hash_match` on matched media,
 * and every PDQ hash of each medium for storage (those of the stored grid marked `unoriented`).
 */
export function withHashMatches(
  result: InferenceResult,
  request: InferenceRequest,
  found: RequestMatches,
): InferenceResult {
  const requestMedia = new Map(request.media.map((m) => [m.media_id, m]));
  return {
    ...result,
    hash_matches: found.matches,
    media: result.media.map((m) => {
      const frames = requestMedia.get(m.media_id)?.frames ?? [];
      const pdq = frames.flatMap((f) => [
        ...(f.pdq ? [{ ...f.pdq, timestamp_ms: f.timestamp_ms }] : []),
        ...(f.pdq_unoriented
          ? [{ ...f.pdq_unoriented, timestamp_ms: f.timestamp_ms, unoriented: true }]
          : []),
      ]);
      return {
        ...m,
        ...(pdq.length > 0 ? { pdq } : {}),
        ...(found.routedAway.has(m.media_id) ? { routed_away: 'hash_match' } : {}),
      };
    }),
  };
}
