// Multi-index hashing for 256-bit PDQ hashes (Norouzi, Punjani and Fleet, "Fast Search in Hamming
// Space with Multi-Index Hashing", CVPR 2012). The hash is split into 16 chunks of 16 bits (the DCT
// rows); each chunk has its own table of 65,536 buckets. Pigeonhole: if the full distance is <= d,
// some chunk differs by <= floor(d/16) bits, so probing every bucket within that radius in every
// table finds all candidates, which are then checked on all 256 bits.
//
// Layout, chosen for lookup speed on banks far larger than the CPU caches: each table is one
// contiguous array sorted by bucket (CSR: 65,537 offsets + entries). An entry carries the slot and 96
// other bits of the hash (6 chunks that do not include the table's own), so a random candidate is
// rejected from the entry itself: 96 random bits lie within 31 of the query with probability about
// 4e-4. Only the few survivors read the full hash, at a random place. Scanning is sequential.
// Memory per hash: 16 entries x 16 B + 32 B hash + 1 B liveness = 289 B, plus 4 MiB of offsets.
//
// Updates: hashes added after the last build sit in a pending list scanned linearly; removed ones
// are marked dead. The tables are rebuilt when the pending list exceeds kMaxPending (bulk adds
// rebuild once at the end), and when the dead exceed an eighth of the built entries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vigil {
namespace pdq {

class MihIndex {
 public:
  static constexpr int kChunks = 16;
  static constexpr int kBuckets = 1 << 16;
  // Largest distance answered through the tables (chunk radius 2, as the reference mih.h); larger
  // distances scan every live hash.
  static constexpr int kMaxIndexedDistance = 47;
  static constexpr size_t kMaxPending = 8192;

  // Adds n hashes (32 bytes each, little-endian 64-bit words); writes each one's slot to slots.
  // Slots are stable for the life of the hash; freed slots are reused after the next rebuild.
  void add(const uint8_t* hashes, size_t n, uint32_t* slots);
  // Removes a slot; false when it is not live.
  bool remove(uint32_t slot);
  // Writes (slot, distance) pairs for every live hash within maxDistance of q, each slot once, slots
  // ascending.
  void query(const uint64_t q[4], int maxDistance, std::vector<uint32_t>& out) const;

  size_t size() const { return live_count_; }
  // Bytes held by the index (hashes, liveness, tables with offsets, pending and free lists).
  size_t bytes() const;

 private:
  struct Entry {
    uint32_t slot;
    uint32_t lo; // 32 more bits of the hash
    uint64_t hi; // 64 more bits of the hash
  };
  static_assert(sizeof(Entry) == 16, "entries are 16 bytes");

  void rebuild();
  void scanRange(const Entry* begin, const Entry* end, const uint64_t q[4], uint64_t qhi, uint32_t qlo,
                 int maxDistance, std::vector<uint32_t>& out) const;
  static uint16_t chunk(const uint64_t* h, int c) { return static_cast<uint16_t>(h[c >> 2] >> ((c & 3) * 16)); }
  // The 96 inline bits of table c: all of the next 64-bit word and the low half of the one after, so
  // never the word holding chunk c.
  static uint64_t inlineHi(const uint64_t* h, int c) { return h[((c >> 2) + 1) & 3]; }
  static uint32_t inlineLo(const uint64_t* h, int c) { return static_cast<uint32_t>(h[((c >> 2) + 2) & 3]); }
  const uint64_t* hash(uint32_t slot) const { return &hashes_[static_cast<size_t>(slot) * 4]; }

  std::vector<uint64_t> hashes_; // 4 words per slot
  std::vector<uint8_t> live_;
  std::vector<uint32_t> free_;    // dead slots no table refers to: reusable
  std::vector<uint32_t> dead_;    // dead slots the tables still refer to: reusable after rebuild
  std::vector<uint32_t> pending_; // live slots added since the last build
  std::vector<uint32_t> offsets_[kChunks];
  std::vector<Entry> entries_[kChunks];
  size_t built_ = 0; // entries per table

  size_t live_count_ = 0;
};

} // namespace pdq
} // namespace vigil
