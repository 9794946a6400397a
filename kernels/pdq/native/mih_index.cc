#include "mih_index.h"

#include <algorithm>
#include <cstring>

#include "pdq_core.h"

namespace vigil {
namespace pdq {

MihIndex::MihIndex() : tables_(static_cast<size_t>(kChunks) * kBuckets) {}

void MihIndex::add(const uint8_t* bytes, size_t n, uint32_t* slots) {
  auto load = [bytes](size_t i, uint64_t h[4]) { std::memcpy(h, bytes + i * 32, 32); };
  // Reserve exactly for bulk loads, so a 10 M bank carries no vector growth slack.
  if (n > 1024) {
    std::vector<uint32_t> counts(tables_.size(), 0);
    for (size_t i = 0; i < n; i++) {
      uint64_t h[4];
      load(i, h);
      for (int c = 0; c < kChunks; c++) counts[static_cast<size_t>(c) * kBuckets + chunk(h, c)]++;
    }
    for (size_t b = 0; b < tables_.size(); b++) {
      if (counts[b] != 0) tables_[b].reserve(tables_[b].size() + counts[b]);
    }
    const size_t fresh = n > free_.size() ? n - free_.size() : 0;
    hashes_.reserve(hashes_.size() + fresh * 4);
    live_.reserve(live_.size() + fresh);
  }
  for (size_t i = 0; i < n; i++) {
    uint64_t h[4];
    load(i, h);
    uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
      std::copy(h, h + 4, &hashes_[static_cast<size_t>(slot) * 4]);
      live_[slot] = 1;
    } else {
      slot = static_cast<uint32_t>(live_.size());
      hashes_.insert(hashes_.end(), h, h + 4);
      live_.push_back(1);
    }
    for (int c = 0; c < kChunks; c++) tables_[static_cast<size_t>(c) * kBuckets + chunk(h, c)].push_back(slot);
    slots[i] = slot;
    live_count_++;
  }
}

bool MihIndex::remove(uint32_t slot) {
  if (slot >= live_.size() || !live_[slot]) return false;
  const uint64_t* h = &hashes_[static_cast<size_t>(slot) * 4];
  for (int c = 0; c < kChunks; c++) {
    auto& bucket = tables_[static_cast<size_t>(c) * kBuckets + chunk(h, c)];
    auto it = std::find(bucket.begin(), bucket.end(), slot);
    if (it != bucket.end()) {
      *it = bucket.back();
      bucket.pop_back();
    }
  }
  live_[slot] = 0;
  free_.push_back(slot);
  live_count_--;
  return true;
}

void MihIndex::scanBucket(const std::vector<uint32_t>& bucket, const uint64_t q[4], int maxDistance,
                          std::vector<uint32_t>& out) const {
  // Candidates sit at random places in hashes_; prefetching a few ahead keeps several cache misses in
  // flight, which is what bounds lookup speed on a bank far larger than the caches.
  constexpr size_t kAhead = 8;
  const size_t n = bucket.size();
  const uint32_t* s = bucket.data();
  const uint64_t* base = hashes_.data();
  for (size_t i = 0; i < n; i++) {
    if (i + kAhead < n) __builtin_prefetch(base + static_cast<size_t>(s[i + kAhead]) * 4);
    const uint32_t slot = s[i];
    const int d = hamming(base + static_cast<size_t>(slot) * 4, q);
    if (d <= maxDistance) {
      out.push_back(slot);
      out.push_back(static_cast<uint32_t>(d));
    }
  }
}

void MihIndex::query(const uint64_t q[4], int maxDistance, std::vector<uint32_t>& out) const {
  out.clear();
  if (maxDistance < 0) return;
  if (maxDistance > kMaxIndexedDistance) {
    for (size_t slot = 0; slot < live_.size(); slot++) {
      if (!live_[slot]) continue;
      const int d = hamming(&hashes_[slot * 4], q);
      if (d <= maxDistance) {
        out.push_back(static_cast<uint32_t>(slot));
        out.push_back(static_cast<uint32_t>(d));
      }
    }
    return;
  }
  const int radius = maxDistance / kChunks; // 0, 1 or 2
  for (int c = 0; c < kChunks; c++) {
    const std::vector<uint32_t>* table = &tables_[static_cast<size_t>(c) * kBuckets];
    const uint16_t v = chunk(q, c);
    scanBucket(table[v], q, maxDistance, out);
    if (radius >= 1) {
      for (int b1 = 0; b1 < 16; b1++) {
        const uint16_t v1 = v ^ static_cast<uint16_t>(1u << b1);
        scanBucket(table[v1], q, maxDistance, out);
        if (radius >= 2) {
          for (int b2 = b1 + 1; b2 < 16; b2++) scanBucket(table[v1 ^ (1u << b2)], q, maxDistance, out);
        }
      }
    }
  }
  // A hash near the query in several chunks was found once per such table: keep one (slot, distance).
  const size_t pairs = out.size() / 2;
  if (pairs > 1) {
    std::vector<uint64_t> packed(pairs);
    for (size_t i = 0; i < pairs; i++) packed[i] = (static_cast<uint64_t>(out[2 * i]) << 32) | out[2 * i + 1];
    std::sort(packed.begin(), packed.end());
    packed.erase(std::unique(packed.begin(), packed.end()), packed.end());
    out.clear();
    for (uint64_t p : packed) {
      out.push_back(static_cast<uint32_t>(p >> 32));
      out.push_back(static_cast<uint32_t>(p));
    }
  }
}

size_t MihIndex::bytes() const {
  size_t b = hashes_.capacity() * sizeof(uint64_t) + live_.capacity() + free_.capacity() * sizeof(uint32_t);
  b += tables_.capacity() * sizeof(std::vector<uint32_t>);
  for (const auto& t : tables_) b += t.capacity() * sizeof(uint32_t);
  return b;
}

} // namespace pdq
} // namespace vigil
