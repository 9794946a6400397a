// PDQ perceptual hash (Meta ThreatExchange, pdq/README.md and hashing/pdqhashing.cpp at
// baefb4ed), written from that description and code. Every float step is float32 in the
// reference order; build with -ffp-contract=off and without -ffast-math so results are bit-exact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vigil {
namespace pdq {

// 256 bits; bit k = 16*i + j (DCT row i, column j) is bit (k & 63) of w[k >> 6]. Stored little-endian
// this is the 64-digit hex string read as a big-endian integer (bit k has value 2^k).
struct Hash256 {
  uint64_t w[4];
};

constexpr int kMinHashableDim = 5;
constexpr int kDihedralCount = 8;

// Order: original, rotate90, rotate180, rotate270, flipx, flipy, flipplus1, flipminus1 (C++ --pdqdih).
struct PdqResult {
  Hash256 hashes[kDihedralCount];
  int quality;
};

// pixels: height x width x channels uint8, row-major. channels 1|2 use sample 0 as grey; 3|4 use
// samples 0..2 as R,G,B (a trailing alpha sample is ignored, as a PNM conversion drops it).
// When dihedral is false only hashes[0] is filled.
PdqResult hashPixels(const uint8_t* pixels, int width, int height, int channels, bool dihedral);

// The 16x64 DCT-II matrix (frequencies 1..16) as the hash uses it; exposed for parity tests.
const float* dctMatrix();

inline int hamming(const uint64_t* a, const uint64_t* b) {
  return __builtin_popcountll(a[0] ^ b[0]) + __builtin_popcountll(a[1] ^ b[1]) +
      __builtin_popcountll(a[2] ^ b[2]) + __builtin_popcountll(a[3] ^ b[3]);
}

} // namespace pdq
} // namespace vigil
