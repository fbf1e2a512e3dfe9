// The few primitives a channel needs, each a thin wrapper over the library that does the real
// work: SHA-256 (libsodium's crypto_hash_sha256) and zstd frames, with and without a prefix
// (libzstd's refPrefix, the mechanism behind `zstd --patch-from`). Nothing here is hand-written
// cryptography or compression.
#pragma once

#include <sodium.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace qiao::channel {

// libsodium must be initialised once before use; every function of this library that needs it
// calls this (cheap after the first call). False only if the system has no usable randomness.
bool EnsureSodium();

// SHA-256, fed piece by piece (files are hashed while they are copied).
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  std::string HexDigest();  // lowercase hex, 64 characters; call once

 private:
  crypto_hash_sha256_state state_;
};

std::string Sha256Hex(std::string_view bytes);
bool IsSha256Hex(std::string_view s);  // 64 lowercase hex digits

// One zstd frame of `data`. With a `prefix` the frame can refer back into it (a patch: the old
// bundle is the prefix, the new bundle the data); the window then covers prefix and data, and
// long-distance matching is on, as `zstd --patch-from` does.
std::string ZstdCompress(std::string_view data, int level, std::string_view prefix = {});

// Decompresses `compressed` (one frame) into `out`; false and `error` set if it is not valid
// zstd, needs a prefix it was not given, or would grow beyond `max_size` bytes (a hostile frame
// must not fill the disk or memory). Accepts patches made by `zstd --patch-from` for files up to
// the 128 MiB window zstd decompresses without extra flags.
bool ZstdDecompress(std::string_view compressed, size_t max_size, std::string* out, std::string* error,
                    std::string_view prefix = {});

}  // namespace qiao::channel
