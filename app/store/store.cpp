#include "store/store.h"

#include <zlib.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace qiao::store {

namespace {

constexpr std::string_view kMagic = "qiao-store 1 ";

uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed large payloads in pieces.
  while (!bytes.empty()) {
    const uInt n = static_cast<uInt>(std::min<size_t>(bytes.size(), 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), n);
    bytes.remove_prefix(n);
  }
  return static_cast<uint32_t>(crc);
}

bool ReadWhole(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void FsyncDir(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

std::string Encode(std::string_view payload) {
  char header[80];
  std::snprintf(header, sizeof header, "qiao-store 1 crc32=%08" PRIx32 " length=%zu\n",
                Crc32(payload), payload.size());
  std::string out = header;
  out.append(payload);
  return out;
}

bool Decode(std::string_view file, std::string* payload, bool* had_header) {
  *had_header = file.substr(0, kMagic.size()) == kMagic;
  if (!*had_header) {
    payload->assign(file);
    return true;
  }
  const size_t eol = file.find('\n');
  if (eol == std::string_view::npos) return false;
  uint32_t crc = 0;
  size_t length = 0;
  const std::string header(file.substr(0, eol));
  if (std::sscanf(header.c_str(), "qiao-store 1 crc32=%" SCNx32 " length=%zu", &crc, &length) != 2)
    return false;
  std::string_view body = file.substr(eol + 1);
  if (body.size() != length || Crc32(body) != crc) return false;
  payload->assign(body);
  return true;
}

ReadResult Read(const std::string& path) {
  ReadResult r;
  for (const std::string& candidate : {path, path + ".prev"}) {
    std::string bytes;
    if (!ReadWhole(candidate, &bytes)) {
      if (candidate == path && std::filesystem::exists(candidate))
        r.problems.push_back(candidate + ": cannot be read");
      continue;
    }
    bool had_header = false;
    if (!Decode(bytes, &r.payload, &had_header)) {
      r.problems.push_back(candidate + ": corrupt or truncated (checksum does not match)");
      continue;
    }
    r.found = true;
    r.checksummed = had_header;
    r.used_previous = candidate != path;
    if (r.used_previous) r.problems.push_back(path + ": using the previous good version " + candidate);
    return r;
  }
  r.payload.clear();
  return r;
}

bool Write(const std::string& path, std::string_view payload, std::string* error) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string tmp = path + ".tmp";
  const std::string bytes = Encode(payload);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = "cannot create " + tmp + ": " + std::strerror(errno);
    return false;
  }
  const bool written = WriteAll(fd, bytes) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    *error = "cannot write " + tmp + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  // Keep the current version as the previous one, but only if it is good: a corrupt current file
  // must never replace a good .prev.
  std::string current;
  bool had_header = false;
  std::string ignored;
  if (ReadWhole(path, &current) && Decode(current, &ignored, &had_header)) {
    if (::rename(path.c_str(), (path + ".prev").c_str()) != 0) {
      *error = "cannot keep the previous version of " + path + ": " + std::strerror(errno);
      ::unlink(tmp.c_str());
      return false;
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = "cannot replace " + path + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  FsyncDir(target.parent_path());
  return true;
}

}  // namespace qiao::store
