#include "channel/crypto.h"

#include <zstd.h>

#include <algorithm>
#include <bit>
#include <memory>

namespace qiao::channel {

bool EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

Sha256::Sha256() {
  EnsureSodium();
  crypto_hash_sha256_init(&state_);
}

void Sha256::Update(std::string_view bytes) {
  crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string Sha256::HexDigest() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.HexDigest();
}

bool IsSha256Hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

namespace {

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// The largest window zstd decompresses by default (ZSTD_WINDOWLOG_LIMIT_DEFAULT): 128 MiB.
constexpr int kMaxWindowLog = 27;

}  // namespace

std::string ZstdCompress(std::string_view data, int level, std::string_view prefix) {
  std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx(ZSTD_createCCtx());
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
  if (!prefix.empty()) {
    // The new data must be able to reach back to the start of the old: window >= both sizes.
    int window_log = std::max<int>(ZSTD_cParam_getBounds(ZSTD_c_windowLog).lowerBound,
                                   std::bit_width(prefix.size() + data.size()));
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_windowLog, std::min(window_log, kMaxWindowLog));
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_enableLongDistanceMatching, 1);
    ZSTD_CCtx_refPrefix(cctx.get(), prefix.data(), prefix.size());
  }
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(n)) return {};  // only on allocation failure: the bound is always enough
  out.resize(n);
  return out;
}

bool ZstdDecompress(std::string_view compressed, size_t max_size, std::string* out, std::string* error,
                    std::string_view prefix) {
  out->clear();
  std::unique_ptr<ZSTD_DCtx, DCtxFree> dctx(ZSTD_createDCtx());
  ZSTD_DCtx_setParameter(dctx.get(), ZSTD_d_windowLogMax, kMaxWindowLog);
  if (!prefix.empty()) ZSTD_DCtx_refPrefix(dctx.get(), prefix.data(), prefix.size());
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  size_t remaining = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{chunk.data(), chunk.size(), 0};
    remaining = ZSTD_decompressStream(dctx.get(), &o, &in);
    if (ZSTD_isError(remaining)) {
      *error = std::string("not valid zstd data (") + ZSTD_getErrorName(remaining) + ")";
      return false;
    }
    if (out->size() + o.pos > max_size) {
      *error = "decompresses to more than the " + std::to_string(max_size) + " bytes expected";
      return false;
    }
    out->append(chunk.data(), o.pos);
    if (remaining == 0 && in.pos < in.size) {
      *error = "more than one zstd frame";
      return false;
    }
  }
  // Flush what the decoder still holds once the input is consumed.
  while (remaining != 0) {
    ZSTD_outBuffer o{chunk.data(), chunk.size(), 0};
    remaining = ZSTD_decompressStream(dctx.get(), &o, &in);
    if (ZSTD_isError(remaining)) {
      *error = std::string("not valid zstd data (") + ZSTD_getErrorName(remaining) + ")";
      return false;
    }
    if (o.pos == 0) {
      *error = "zstd data ends early (truncated)";
      return false;
    }
    if (out->size() + o.pos > max_size) {
      *error = "decompresses to more than the " + std::to_string(max_size) + " bytes expected";
      return false;
    }
    out->append(chunk.data(), o.pos);
  }
  return true;
}

}  // namespace qiao::channel
