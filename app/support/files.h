// Reading whole files with a size limit. Every loader reads through here, so a huge or
// unreadable file is refused the same way everywhere, before it costs its size in memory.
#pragma once

#include <cstddef>
#include <string>

namespace qiao::support {

// The default limit: far above any catalog, settings or index file, far below what a kiosk's
// memory can take. Packs pass their own, smaller limit (content::kMaxPackBytes).
inline constexpr size_t kMaxFileBytes = 64 * 1024 * 1024;

// "file is 5000 KiB; at most 4096 KiB is read"
std::string TooLargeText(size_t bytes, size_t max_bytes);

// Reads a whole file; false (and `error` set: "cannot open file", "read error" or, for a file
// larger than max_bytes, too_large(size) if given, else TooLargeText) otherwise. Never throws.
bool ReadFile(const std::string& path, std::string* out, std::string* error,
              size_t max_bytes = kMaxFileBytes, std::string (*too_large)(size_t bytes) = nullptr);

}  // namespace qiao::support
