// Multi-index hashing for 256-bit PDQ hashes (Norouzi, Punjani and Fleet, "Fast Search in Hamming
// Space with Multi-Index Hashing", CVPR 2012). The hash is split into 16 chunks of 16 bits (the DCT
// rows); each chunk has its own table of 65,536 buckets. Pigeonhole: if the full distance is <= d,
// some chunk differs by <= floor(d/16) bits, so probing every bucket within that radius in every
// table finds all candidates; each candidate is then checked on all 256 bits.
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

  MihIndex();

  // Adds n hashes (32 bytes each, little-endian words); writes each one's slot to slots. Reuses freed
  // slots.
  void add(const uint8_t* hashes, size_t n, uint32_t* slots);
  // Removes a slot; false when it is not live.
  bool remove(uint32_t slot);
  // Appends (slot, distance) for every live hash within maxDistance of q, each slot once, slots in
  // ascending order.
  void query(const uint64_t q[4], int maxDistance, std::vector<uint32_t>& out) const;

  size_t size() const { return live_count_; }
  // Bytes held by the index (hash storage, liveness, bucket vectors with their capacity).
  size_t bytes() const;

 private:
  void scanBucket(const std::vector<uint32_t>& bucket, const uint64_t q[4], int maxDistance,
                  std::vector<uint32_t>& out) const;
  static uint16_t chunk(const uint64_t* h, int c) {
    return static_cast<uint16_t>(h[c >> 2] >> ((c & 3) * 16));
  }

  std::vector<uint64_t> hashes_; // 4 words per slot
  std::vector<uint8_t> live_;
  std::vector<uint32_t> free_;
  std::vector<std::vector<uint32_t>> tables_; // kChunks * kBuckets buckets of slots
  size_t live_count_ = 0;
};

} // namespace pdq
} // namespace vigil
