#include "mih_index.h"

#include <algorithm>
#include <cstring>

#include "pdq_core.h"

namespace vigil {
namespace pdq {

void MihIndex::add(const uint8_t* bytes, size_t n, uint32_t* slots) {
  if (n > free_.size()) {
    const size_t slotsAfter = live_.size() + (n - free_.size());
    if (slotsAfter > live_.capacity()) {
      hashes_.reserve(slotsAfter * 4);
      live_.reserve(slotsAfter);
    }
  }
  pending_.reserve(pending_.size() + n);
  for (size_t i = 0; i < n; i++) {
    uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<uint32_t>(live_.size());
      hashes_.resize(hashes_.size() + 4);
      live_.push_back(0);
    }
    std::memcpy(&hashes_[static_cast<size_t>(slot) * 4], bytes + i * 32, 32);
    live_[slot] = 1;
    pending_.push_back(slot);
    slots[i] = slot;
    live_count_++;
  }
  if (pending_.size() > kMaxPending) rebuild();
}

bool MihIndex::remove(uint32_t slot) {
  if (slot >= live_.size() || !live_[slot]) return false;
  live_[slot] = 0;
  live_count_--;
  auto it = std::find(pending_.begin(), pending_.end(), slot);
  if (it != pending_.end()) {
    *it = pending_.back();
    pending_.pop_back();
    free_.push_back(slot);
  } else {
    dead_.push_back(slot);
    if (dead_.size() > 1024 && dead_.size() > built_ / 8) rebuild();
  }
  return true;
}

// Counting sort of every live slot into each table, one table at a time (peak memory: one table).
void MihIndex::rebuild() {
  std::vector<uint32_t> live;
  live.reserve(live_count_);
  for (size_t s = 0; s < live_.size(); s++) {
    if (live_[s]) live.push_back(static_cast<uint32_t>(s));
  }
  for (int c = 0; c < kChunks; c++) {
    std::vector<Entry>().swap(entries_[c]);
    std::vector<uint32_t> offsets(kBuckets + 1, 0);
    for (uint32_t s : live) offsets[chunk(hash(s), c) + 1]++;
    for (int b = 0; b < kBuckets; b++) offsets[b + 1] += offsets[b];
    std::vector<Entry> entries(live.size());
    std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (uint32_t s : live) {
      const uint64_t* h = hash(s);
      entries[fill[chunk(h, c)]++] = Entry{s, inlineLo(h, c), inlineHi(h, c)};
    }
    offsets_[c].swap(offsets);
    entries_[c].swap(entries);
  }
  built_ = live.size();
  pending_.clear();
  free_.insert(free_.end(), dead_.begin(), dead_.end());
  dead_.clear();
  pending_.shrink_to_fit();
  dead_.shrink_to_fit();
}

void MihIndex::scanRange(const Entry* e, const Entry* end, const uint64_t q[4], uint64_t qhi, uint32_t qlo,
                         int maxDistance, std::vector<uint32_t>& out) const {
  for (; e < end; e++) {
    // Lower bound from the inline 96 bits; only survivors read the full hash.
    const int partial = __builtin_popcountll(e->hi ^ qhi) + __builtin_popcount(e->lo ^ qlo);
    if (partial > maxDistance) continue;
    const uint32_t slot = e->slot;
    if (!live_[slot]) continue;
    const int d = hamming(hash(slot), q);
    if (d <= maxDistance) {
      out.push_back(slot);
      out.push_back(static_cast<uint32_t>(d));
    }
  }
}

void MihIndex::query(const uint64_t q[4], int maxDistance, std::vector<uint32_t>& out) const {
  out.clear();
  if (maxDistance < 0) return;
  auto check = [&](uint32_t slot) {
    const int d = hamming(hash(slot), q);
    if (d <= maxDistance) {
      out.push_back(slot);
      out.push_back(static_cast<uint32_t>(d));
    }
  };
  if (maxDistance > kMaxIndexedDistance) {
    for (size_t s = 0; s < live_.size(); s++) {
      if (live_[s]) check(static_cast<uint32_t>(s));
    }
    return;
  }
  for (uint32_t s : pending_) check(s);
  if (built_ > 0) {
    // Gather every bucket range first (17 per table at radius 1, 137 at radius 2): the offset loads of
    // all probes then overlap instead of stalling one after another.
    const int radius = maxDistance / kChunks; // 0, 1 or 2
    struct Range {
      const Entry* begin;
      const Entry* end;
      int table;
    };
    std::vector<Range> ranges;
    ranges.reserve(kChunks * (radius == 0 ? 1 : radius == 1 ? 17 : 137));
    for (int c = 0; c < kChunks; c++) {
      const uint32_t* off = offsets_[c].data();
      const Entry* base = entries_[c].data();
      auto probe = [&](uint32_t b) {
        if (off[b] != off[b + 1]) ranges.push_back(Range{base + off[b], base + off[b + 1], c});
      };
      const uint32_t v = chunk(q, c);
      probe(v);
      for (int b1 = 0; radius >= 1 && b1 < 16; b1++) {
        probe(v ^ (1u << b1));
        for (int b2 = b1 + 1; radius >= 2 && b2 < 16; b2++) probe(v ^ (1u << b1) ^ (1u << b2));
      }
    }
    // Prefetch every cache line of the range kAhead positions ahead: buckets are short streams (a
    // few KiB at 10 M hashes) that the hardware prefetcher picks up too late. Measured at 10 M:
    // about 1.5-2x the lookups per CPU-second of prefetching only each range's first line.
    constexpr size_t kAhead = 8;
    auto prefetchRange = [](const Range& r) {
      for (const char* p = reinterpret_cast<const char*>(r.begin); p < reinterpret_cast<const char*>(r.end); p += 64) {
        __builtin_prefetch(p);
      }
    };
    for (size_t i = 0; i < ranges.size() && i < kAhead; i++) prefetchRange(ranges[i]);
    for (size_t i = 0; i < ranges.size(); i++) {
      if (i + kAhead < ranges.size()) prefetchRange(ranges[i + kAhead]);
      const Range& r = ranges[i];
      scanRange(r.begin, r.end, q, inlineHi(q, r.table), inlineLo(q, r.table), maxDistance, out);
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
  size_t b = hashes_.capacity() * sizeof(uint64_t) + live_.capacity() +
      (free_.capacity() + dead_.capacity() + pending_.capacity()) * sizeof(uint32_t);
  for (int c = 0; c < kChunks; c++) {
    b += offsets_[c].capacity() * sizeof(uint32_t) + entries_[c].capacity() * sizeof(Entry);
  }
  return b;
}

} // namespace pdq
} // namespace vigil
