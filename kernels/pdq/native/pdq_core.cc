// PDQ hashing core; see pdq_core.h for its source; each step's comment states the reference's rule.
#include "pdq_core.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace vigil {
namespace pdq {

namespace {

constexpr double kPi = 3.14159265358979323846;
// Luminance coefficients (ITU-R BT.601), float32 as in the reference.
constexpr float kLumaR = 0.299f;
constexpr float kLumaG = 0.587f;
constexpr float kLumaB = 0.114f;
constexpr int kJaroszPasses = 2;

// D[i][j] = sqrt(2/64) * cos(pi/128 * (i+1) * (2j+1)), i = 0..15, j = 0..63: the scale is a float,
// the product is taken in double and stored as float, exactly as the reference builds it.
const std::array<float, 16 * 64> kDct = [] {
  std::array<float, 16 * 64> d{};
  const float scale = static_cast<float>(std::sqrt(2.0 / 64.0));
  for (int i = 0; i < 16; i++) {
    for (int j = 0; j < 64; j++) {
      d[i * 64 + j] = static_cast<float>(
          scale * std::cos((kPi / 2.0 / 64.0) * static_cast<double>(i + 1) * static_cast<double>(2 * j + 1)));
    }
  }
  return d;
}();

// Window of the Jarosz box filter for a 64-sample output: ceil(old / 128).
int jaroszWindow(int oldDim) { return (oldDim + 127) / 128; }

// One box pass along each row: output i is the mean of inputs [i-(w-h), i+(h-1)], h = (w+2)/2,
// computed as the reference's running float sum (add entering sample, subtract leaving one).
void boxRows(const float* in, float* out, int rows, int cols, int window) {
  const int half = (window + 2) / 2;
  const int p1 = half - 1, p2 = window - half + 1, p3 = cols - window, p4 = half - 1;
  for (int r = 0; r < rows; r++) {
    const float* x = in + static_cast<size_t>(r) * cols;
    float* y = out + static_cast<size_t>(r) * cols;
    int li = 0, ri = 0, oi = 0, n = 0;
    float sum = 0.0f;
    for (int k = 0; k < p1; k++) { sum += x[ri++]; n++; }
    for (int k = 0; k < p2; k++) { sum += x[ri++]; n++; y[oi++] = sum / n; }
    for (int k = 0; k < p3; k++) { sum += x[ri++]; sum -= x[li++]; y[oi++] = sum / n; }
    for (int k = 0; k < p4; k++) { sum -= x[li++]; n--; y[oi++] = sum / n; }
  }
}

// The same pass down each column. All columns advance together (row-major, cache friendly); each
// column sees exactly the operation sequence of the reference's strided box1DFloat.
void boxCols(const float* in, float* out, int rows, int cols, std::vector<float>& sums, int window) {
  const int half = (window + 2) / 2;
  const int p1 = half - 1, p2 = window - half + 1, p3 = rows - window, p4 = half - 1;
  sums.assign(cols, 0.0f);
  float* s = sums.data();
  auto row = [&](int r) { return in + static_cast<size_t>(r) * cols; };
  int li = 0, ri = 0, oi = 0, n = 0;
  for (int k = 0; k < p1; k++, ri++) {
    const float* x = row(ri);
    for (int j = 0; j < cols; j++) s[j] += x[j];
    n++;
  }
  for (int k = 0; k < p2; k++, ri++, oi++) {
    const float* x = row(ri);
    float* y = out + static_cast<size_t>(oi) * cols;
    n++;
    for (int j = 0; j < cols; j++) { s[j] += x[j]; y[j] = s[j] / n; }
  }
  for (int k = 0; k < p3; k++, ri++, li++, oi++) {
    const float* x = row(ri);
    const float* z = row(li);
    float* y = out + static_cast<size_t>(oi) * cols;
    for (int j = 0; j < cols; j++) { s[j] += x[j]; s[j] -= z[j]; y[j] = s[j] / n; }
  }
  for (int k = 0; k < p4; k++, li++, oi++) {
    const float* z = row(li);
    float* y = out + static_cast<size_t>(oi) * cols;
    n--;
    for (int j = 0; j < cols; j++) { s[j] -= z[j]; y[j] = s[j] / n; }
  }
}

// Jarosz filter (two horizontal+vertical passes) then centre-sample decimation to 64x64. An exact
// 64x64 input is copied unfiltered, except on the dihedral path, where the reference always filters.
void downsample64(std::vector<float>& buf1, int rows, int cols, bool copyExact64, float out[64 * 64]) {
  if (copyExact64 && rows == 64 && cols == 64) {
    std::memcpy(out, buf1.data(), sizeof(float) * 64 * 64);
    return;
  }
  std::vector<float> buf2(buf1.size());
  std::vector<float> sums;
  const int wRows = jaroszWindow(cols), wCols = jaroszWindow(rows);
  for (int p = 0; p < kJaroszPasses; p++) {
    boxRows(buf1.data(), buf2.data(), rows, cols, wRows);
    boxCols(buf2.data(), buf1.data(), rows, cols, sums, wCols);
  }
  for (int i = 0; i < 64; i++) {
    const int ii = static_cast<int>(((i + 0.5) * rows) / 64);
    for (int j = 0; j < 64; j++) {
      const int jj = static_cast<int>(((j + 0.5) * cols) / 64);
      out[i * 64 + j] = buf1[static_cast<size_t>(ii) * cols + jj];
    }
  }
}

// Gradient-sum quality: per neighbour pair (int)((u-v)*100/255) in float, |.| summed, /90, cap 100.
int quality64(const float a[64 * 64]) {
  int sum = 0;
  for (int i = 0; i < 63; i++) {
    for (int j = 0; j < 64; j++) {
      const int d = static_cast<int>(((a[i * 64 + j] - a[(i + 1) * 64 + j]) * 100) / 255);
      sum += std::abs(d);
    }
  }
  for (int i = 0; i < 64; i++) {
    for (int j = 0; j < 63; j++) {
      const int d = static_cast<int>(((a[i * 64 + j] - a[i * 64 + j + 1]) * 100) / 255);
      sum += std::abs(d);
    }
  }
  return std::min(sum / 90, 100);
}

// B = D A D^T (16x16), float accumulation in index order.
void dct64To16(const float a[64 * 64], float b[256]) {
  float t[16 * 64];
  for (int i = 0; i < 16; i++) {
    const float* d = &kDct[i * 64];
    for (int j = 0; j < 64; j++) {
      float s = 0.0f;
      for (int k = 0; k < 64; k++) s += d[k] * a[k * 64 + j];
      t[i * 64 + j] = s;
    }
  }
  for (int i = 0; i < 16; i++) {
    for (int j = 0; j < 16; j++) {
      const float* d = &kDct[j * 64];
      float s = 0.0f;
      for (int k = 0; k < 64; k++) s += t[i * 64 + k] * d[k];
      b[i * 16 + j] = s;
    }
  }
}

// Bit k = 16i+j set iff B[i][j] > lower median (the 128th smallest, as Torben's selection returns).
Hash256 bitsFromDct(const float b[256]) {
  float sorted[256];
  std::memcpy(sorted, b, sizeof(sorted));
  std::nth_element(sorted, sorted + 127, sorted + 256);
  const float median = sorted[127];
  Hash256 h{{0, 0, 0, 0}};
  for (int k = 0; k < 256; k++) {
    if (b[k] > median) h.w[k >> 6] |= uint64_t{1} << (k & 63);
  }
  return h;
}

// Dihedral variant v of the 16x16 DCT output (pdqDihedralHash256esFromFloatLuma, pdqhashing.cpp): optional transpose, then negation of the
// coefficients whose (original) index parity says so.
void dihedral(const float a[256], int v, float out[256]) {
  for (int i = 0; i < 16; i++) {
    for (int j = 0; j < 16; j++) {
      const float x = a[i * 16 + j];
      bool transpose = false, negate = false;
      switch (v) {
        case 1: transpose = true; negate = !(j & 1); break;        // rotate90
        case 2: negate = (i + j) & 1; break;                        // rotate180
        case 3: transpose = true; negate = !(i & 1); break;        // rotate270
        case 4: negate = !(i & 1); break;                           // flipx
        case 5: negate = !(j & 1); break;                           // flipy
        case 6: transpose = true; break;                            // flipplus1
        case 7: transpose = true; negate = (i + j) & 1; break;      // flipminus1
        default: break;                                             // original
      }
      out[transpose ? j * 16 + i : i * 16 + j] = negate ? -x : x;
    }
  }
}

} // namespace

const float* dctMatrix() { return kDct.data(); }

PdqResult hashPixels(const uint8_t* px, int width, int height, int channels, bool withDihedral) {
  PdqResult r{};
  if (width < kMinHashableDim || height < kMinHashableDim) return r; // zero hashes, quality 0
  const size_t n = static_cast<size_t>(width) * height;
  std::vector<float> luma(n);
  if (channels >= 3) {
    for (size_t p = 0; p < n; p++) {
      const uint8_t* s = px + p * channels;
      luma[p] = kLumaR * s[0] + kLumaG * s[1] + kLumaB * s[2];
    }
  } else {
    for (size_t p = 0; p < n; p++) luma[p] = static_cast<float>(px[p * channels]);
  }
  float a[64 * 64];
  downsample64(luma, height, width, !withDihedral, a);
  r.quality = quality64(a);
  float b[256];
  dct64To16(a, b);
  r.hashes[0] = bitsFromDct(b);
  if (withDihedral) {
    float t[256];
    for (int v = 1; v < kDihedralCount; v++) {
      dihedral(b, v, t);
      r.hashes[v] = bitsFromDct(t);
    }
  }
  return r;
}

} // namespace pdq
} // namespace vigil
