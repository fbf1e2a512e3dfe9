#include "support/files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace qiao::support {

std::string TooLargeText(size_t bytes, size_t max_bytes) {
  return "file is " + std::to_string(bytes / 1024) + " KiB; at most " + std::to_string(max_bytes / 1024) +
         " KiB is read";
}

bool ReadFile(const std::string& path, std::string* out, std::string* error, size_t max_bytes,
              std::string (*too_large)(size_t bytes)) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open file";
    return false;
  }
  // Refuse before reading: a huge file must not cost its size in memory.
  std::error_code ec;
  if (auto size = std::filesystem::file_size(path, ec); !ec && size > max_bytes) {
    *error = too_large ? too_large(size) : TooLargeText(size, max_bytes);
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  *out = ss.str();
  return true;
}

}  // namespace qiao::support
