import type { BankHashRow, HashBankRow } from '@vigil/contracts';
import { HashIndex, hashFromHex, HASH_BYTES } from '@vigil/pdq';

/** A bank as the classifier needs it (tables of services/moderation migration 0003-hash-banks). */
export interface BankInfo {
  readonly bankId: string;
  readonly name: string;
  /** What the bank asks policy for (`remove`, `review`, …). */
  readonly action: string;
  readonly signalType: 'pdq' | 'vpdq';
  readonly enabled: boolean;
}

/** One PDQ entry within the distance of a query hash. */
export interface PdqBankHit {
  readonly hashId: string;
  readonly bank: BankInfo;
  readonly distance: number;
}

/** A bank video whose frame set covers enough of the query's frames. */
export interface VideoBankHit {
  readonly hashId: string;
  readonly bank: BankInfo;
  /** Share of the query's distinct usable frames within the distance of one of the entry's frames, 0..1. */
  readonly ratio: number;
  /** Smallest frame distance among the matched frames. */
  readonly distance: number;
}

/**
 * The banks and their active entries in memory, and matching against them (no database: HashBankIndex
 * feeds it). PDQ entries live in a multi-index hash index (@vigil/pdq HashIndex: exact "all within d");
 * vPDQ entries' frames (quality ≥ minQuality, distinct) live in a second one, keyed by entry and frame.
 */
export class BankEntryIndex {
  private readonly pdq = new HashIndex();
  private readonly pdqBank = new Map<string, string>();
  private readonly frames = new HashIndex();
  private readonly videos = new Map<string, { bankId: string; frameIds: string[] }>();
  private bankMap = new Map<string, BankInfo>();

  /** @param minQuality bank video frames below this PDQ quality are not indexed. */
  constructor(private readonly minQuality: number) {}

  /** Every bank by id, enabled or not. */
  get banks(): ReadonlyMap<string, BankInfo> {
    return this.bankMap;
  }

  /** Entries indexed: PDQ hashes and vPDQ videos, and the enabled banks. */
  get counts(): { banks: number; pdq_hashes: number; vpdq_videos: number } {
    return {
      banks: [...this.bankMap.values()].filter((b) => b.enabled).length,
      pdq_hashes: this.pdq.size,
      vpdq_videos: this.videos.size,
    };
  }

  /** Replaces the bank list (entries stay as they are). @returns the previous list. */
  replaceBanks(rows: readonly HashBankRow[]): ReadonlyMap<string, BankInfo> {
    const previous = this.bankMap;
    this.bankMap = new Map(
      rows.map((b) => [
        b.bank_id,
        {
          bankId: b.bank_id,
          name: b.name,
          action: b.action,
          signalType: b.signal_type,
          enabled: b.enabled,
        },
      ]),
    );
    return previous;
  }

  /** Every PDQ entry within `maxDistance` of `hash` (hex), nearest first. */
  matchPdq(hash: string, maxDistance: number): PdqBankHit[] {
    return this.pdq.query(hash, maxDistance).flatMap((hit) => {
      const bank = this.bankMap.get(this.pdqBank.get(hit.id) ?? '');
      return bank?.enabled ? [{ hashId: hit.id, bank, distance: hit.distance }] : [];
    });
  }

  /**
   * vPDQ matching (vpdq README, python-threatexchange vpdq_brute_matcher): the query's frames are
   * deduplicated by hash (callers drop low-quality ones); each bank video counts the query frames that lie
   * within `maxDistance` of one of its frames; a video whose share reaches `threshold` (0..1) matches.
   */
  matchVideo(frameHashes: readonly string[], maxDistance: number, threshold: number): VideoBankHit[] {
    const distinct = [...new Set(frameHashes)];
    if (distinct.length === 0) return [];
    const found = new Map<string, { count: number; distance: number }>();
    for (const hash of distinct) {
      const best = new Map<string, number>();
      for (const hit of this.frames.query(hash, maxDistance)) {
        const video = hit.id.slice(0, hit.id.indexOf('#'));
        best.set(video, Math.min(best.get(video) ?? 256, hit.distance));
      }
      for (const [video, d] of best) {
        const f = found.get(video) ?? { count: 0, distance: 256 };
        found.set(video, { count: f.count + 1, distance: Math.min(f.distance, d) });
      }
    }
    const hits: VideoBankHit[] = [];
    for (const [hashId, { count, distance }] of found) {
      const bank = this.bankMap.get(this.videos.get(hashId)?.bankId ?? '');
      const ratio = count / distinct.length;
      if (bank?.enabled && ratio >= threshold) hits.push({ hashId, bank, ratio, distance });
    }
    return hits.sort((a, b) => b.ratio - a.ratio || a.distance - b.distance);
  }

  /** Adds a page of active rows of a first load: PDQ hashes with one bulk add, videos one by one. */
  addPage(rows: readonly BankHashRow[]): void {
    const pdq = rows.filter((r) => r.hash !== null);
    const bytes = new Uint8Array(pdq.length * HASH_BYTES);
    pdq.forEach((r, i) => bytes.set(hashFromHex(r.hash!), i * HASH_BYTES));
    this.pdq.addMany(
      pdq.map((r) => r.hash_id),
      bytes,
    );
    for (const r of pdq) this.pdqBank.set(r.hash_id, r.bank_id);
    for (const r of rows) if (r.frames) this.apply(r);
  }

  /** Takes a changed row as it now is: replaces the entry, or removes it when it is no longer active. */
  apply(row: BankHashRow): void {
    this.remove(row.hash_id);
    if (!row.active) return;
    if (row.hash) {
      this.pdq.add(row.hash_id, row.hash);
      this.pdqBank.set(row.hash_id, row.bank_id);
    } else if (row.frames) {
      const minQuality = this.minQuality;
      const hashes = [...new Set(row.frames.filter((f) => f.quality >= minQuality).map((f) => f.hash))];
      const frameIds = hashes.map((_, k) => `${row.hash_id}#${k}`);
      const bytes = new Uint8Array(hashes.length * HASH_BYTES);
      hashes.forEach((h, k) => bytes.set(hashFromHex(h), k * HASH_BYTES));
      this.frames.addMany(frameIds, bytes);
      this.videos.set(row.hash_id, { bankId: row.bank_id, frameIds });
    }
  }

  /** Removes every entry of a bank (switched off or gone). */
  dropBank(bankId: string): void {
    for (const [hashId, b] of this.pdqBank) if (b === bankId) this.remove(hashId);
    for (const [hashId, v] of this.videos) if (v.bankId === bankId) this.remove(hashId);
  }

  private remove(hashId: string): void {
    if (this.pdq.remove(hashId)) this.pdqBank.delete(hashId);
    const video = this.videos.get(hashId);
    if (video) {
      for (const id of video.frameIds) this.frames.remove(id);
      this.videos.delete(hashId);
    }
  }
}
