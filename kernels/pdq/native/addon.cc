// Node-API bindings of the PDQ kernel (node-addon-api). Shapes and errors are documented on the
// TypeScript side (src/native.ts), which validates arguments before calling in.
#include <napi.h>

#include <cstring>
#include <vector>

#include "mih_index.h"
#include "pdq_core.h"

namespace {

using vigil::pdq::Hash256;
using vigil::pdq::MihIndex;

Napi::Uint8Array bytesArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (info.Length() <= i || !info[i].IsTypedArray() ||
      info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a Uint8Array");
  }
  return info[i].As<Napi::Uint8Array>();
}

int intArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (info.Length() <= i || !info[i].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a number");
  }
  return info[i].As<Napi::Number>().Int32Value();
}

// Copies 32-byte hashes (little-endian words) into aligned 64-bit words.
std::vector<uint64_t> words(const Napi::Uint8Array& a) {
  std::vector<uint64_t> w(a.ByteLength() / 8);
  std::memcpy(w.data(), a.Data(), w.size() * 8);
  return w;
}

// hash(pixels, width, height, channels, dihedral) -> { quality, hashes: Uint8Array(32 or 256) }
Napi::Value Hash(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto px = bytesArg(info, 0, "pixels");
  const int width = intArg(info, 1, "width"), height = intArg(info, 2, "height");
  const int channels = intArg(info, 3, "channels");
  const bool dihedral = info.Length() > 4 && info[4].ToBoolean().Value();
  if (width < 0 || height < 0 || channels < 1 || channels > 4 ||
      px.ByteLength() != static_cast<size_t>(width) * height * channels) {
    throw Napi::RangeError::New(env, "pixels must hold width*height*channels bytes, channels 1..4");
  }
  const auto r = vigil::pdq::hashPixels(px.Data(), width, height, channels, dihedral);
  const int n = dihedral ? vigil::pdq::kDihedralCount : 1;
  auto out = Napi::Uint8Array::New(env, 32 * n);
  std::memcpy(out.Data(), r.hashes, 32 * n);
  auto obj = Napi::Object::New(env);
  obj.Set("quality", r.quality);
  obj.Set("hashes", out);
  return obj;
}

Napi::Value DctMatrix(const Napi::CallbackInfo& info) {
  auto out = Napi::Float32Array::New(info.Env(), 16 * 64);
  std::memcpy(out.Data(), vigil::pdq::dctMatrix(), sizeof(float) * 16 * 64);
  return out;
}

// hammingMany(query: 32 bytes, hashes: 32*N bytes) -> Uint16Array(N)
Napi::Value HammingMany(const Napi::CallbackInfo& info) {
  auto q = bytesArg(info, 0, "query");
  auto hs = bytesArg(info, 1, "hashes");
  if (q.ByteLength() != 32 || hs.ByteLength() % 32 != 0) {
    throw Napi::RangeError::New(info.Env(), "query must be 32 bytes and hashes a multiple of 32");
  }
  const auto qw = words(q);
  const size_t n = hs.ByteLength() / 32;
  auto out = Napi::Uint16Array::New(info.Env(), n);
  const uint8_t* p = hs.Data();
  for (size_t i = 0; i < n; i++) {
    uint64_t h[4];
    std::memcpy(h, p + i * 32, 32);
    out[i] = static_cast<uint16_t>(vigil::pdq::hamming(h, qw.data()));
  }
  return out;
}

class NativeMih : public Napi::ObjectWrap<NativeMih> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "MihIndex",
                       {InstanceMethod("add", &NativeMih::Add), InstanceMethod("remove", &NativeMih::Remove),
                        InstanceMethod("query", &NativeMih::Query), InstanceMethod("size", &NativeMih::Size),
                        InstanceMethod("bytes", &NativeMih::Bytes)});
  }
  explicit NativeMih(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeMih>(info) {}

 private:
  // add(hashes: 32*N bytes) -> Uint32Array(N) slots
  Napi::Value Add(const Napi::CallbackInfo& info) {
    auto hs = bytesArg(info, 0, "hashes");
    if (hs.ByteLength() % 32 != 0) throw Napi::RangeError::New(info.Env(), "hashes must be a multiple of 32 bytes");
    const size_t n = hs.ByteLength() / 32;
    auto slots = Napi::Uint32Array::New(info.Env(), n);
    index_.add(hs.Data(), n, slots.Data());
    return slots;
  }
  Napi::Value Remove(const Napi::CallbackInfo& info) {
    return Napi::Boolean::New(info.Env(), index_.remove(static_cast<uint32_t>(intArg(info, 0, "slot"))));
  }
  // query(hash: 32 bytes, maxDistance) -> Uint32Array [slot, distance, slot, distance, ...]
  Napi::Value Query(const Napi::CallbackInfo& info) {
    auto q = bytesArg(info, 0, "hash");
    if (q.ByteLength() != 32) throw Napi::RangeError::New(info.Env(), "hash must be 32 bytes");
    const int maxDistance = intArg(info, 1, "maxDistance");
    uint64_t qw[4];
    std::memcpy(qw, q.Data(), 32);
    index_.query(qw, maxDistance, scratch_);
    auto out = Napi::Uint32Array::New(info.Env(), scratch_.size());
    if (!scratch_.empty()) std::memcpy(out.Data(), scratch_.data(), scratch_.size() * 4);
    return out;
  }
  Napi::Value Size(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(index_.size()));
  }
  Napi::Value Bytes(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(index_.bytes()));
  }

  MihIndex index_;
  std::vector<uint32_t> scratch_;
};

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("hash", Napi::Function::New(env, Hash));
  exports.Set("dctMatrix", Napi::Function::New(env, DctMatrix));
  exports.Set("hammingMany", Napi::Function::New(env, HammingMany));
  exports.Set("MihIndex", NativeMih::Define(env));
  return exports;
}

} // namespace

NODE_API_MODULE(vigil_pdq, Init)
