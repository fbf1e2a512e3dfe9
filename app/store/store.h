// Crash-safe small files: progress, settings, resume codes. A power cut while saving loses
// nothing: the new version is written to a temporary file, fsync'ed, renamed over the old one
// (after the old one is kept as "<path>.prev"), and the directory is fsync'ed. Every file carries
// a CRC-32 of its payload, so a corrupt or truncated file is detected, reported, and the previous
// good version is used instead.
//
// File format: one header line "qiao-store 1 crc32=<8 hex> length=<bytes>\n", then the payload.
// A file without the header (written by hand, e.g. an operator's settings) is read as-is, with
// no checksum to verify.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qiao::store {

struct ReadResult {
  bool found = false;          // some good version was read
  bool used_previous = false;  // the current file was bad; "<path>.prev" was used
  bool checksummed = false;    // the payload carried a verified checksum
  std::string payload;
  std::vector<std::string> problems;  // "path: what is wrong" for the operator
};

ReadResult Read(const std::string& path);

// Atomically replaces `path` with `payload`. Returns false with `error` set on failure, in which
// case the old content is untouched.
bool Write(const std::string& path, std::string_view payload, std::string* error);

// The header + payload bytes Write() puts on disk (exposed for tests).
std::string Encode(std::string_view payload);
// Verifies and strips the header; false if the checksum or length does not match.
bool Decode(std::string_view file, std::string* payload, bool* had_header);

}  // namespace qiao::store
