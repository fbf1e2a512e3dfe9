// A channel: the signed description of one release of content, laid out the same on a USB stick
// (a folder QIAO/) and on a web server (https://.../qiao/<channel>/):
//
//   channel.json                          this manifest (at most 64 KiB), signed by
//   channel.json.minisig                  a minisign signature (minisign.h)
//   bundles/<sha256>.qbundle.zst          `qiao-pack bundle` output, zstd; named by the SHA-256
//                                         of the uncompressed bundle
//   patches/<from>-<to>.zst               optional `zstd --patch-from` deltas between bundles
//                                         (from/to: SHA-256 of the uncompressed bundles)
//   media/<sha256>.wav                    recorded clips, named by their SHA-256
//   media/<sha256>.json                   optional: which text of which language each clip
//                                         speaks (clip_index.h)
//   export/                               where a kiosk leaves its usage counts (not signed)
//
// Every file name is lowercase ASCII, at most 133 characters: safe on FAT32 and exFAT. channel.json
// lists every file with its size and SHA-256, so a file is checked while it is copied.
// See app/channel/README.md for the JSON fields.
#pragma once

#include "channel/minisign.h"

#include "support/json_source.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::channel {

inline constexpr std::string_view kFormat = "qiao-channel/1";
inline constexpr std::string_view kManifestName = "channel.json";
inline constexpr std::string_view kSignatureName = "channel.json.minisig";
inline constexpr size_t kMaxManifestBytes = 64 * 1024;
inline constexpr size_t kMaxSignatureBytes = 4 * 1024;
// Guards against hostile sizes (today's whole library bundles to ~2 MB).
inline constexpr uint64_t kMaxBundleBytes = 256ull * 1024 * 1024;
inline constexpr uint64_t kMaxMediaBytes = 64ull * 1024 * 1024;
inline constexpr uint64_t kMaxClipIndexBytes = 8ull * 1024 * 1024;  // ~30,000 clips of long texts
inline constexpr size_t kMaxFiles = 10000;

// This build's version, compared with a channel's minAppVersion (MAJOR.MINOR.PATCH).
const char* AppVersion();
// -1, 0, 1 like strcmp; both must be MAJOR.MINOR.PATCH (IsVersion).
int CompareVersions(std::string_view a, std::string_view b);
bool IsVersion(std::string_view v);
bool IsDate(std::string_view d);  // YYYY-MM-DD, a real calendar date
std::string Today();              // UTC, YYYY-MM-DD

struct FileEntry {
  enum class Kind { kBundle, kPatch, kMedia, kClipIndex };  // kMedia: a clip's WAV
  Kind kind = Kind::kMedia;
  std::string path;        // relative to the channel folder, '/'-separated
  uint64_t size = 0;       // bytes of the file as it lies in the channel
  std::string sha256;      // of the file as it lies in the channel
  uint64_t content_size = 0;  // bundle, patch: bytes of the uncompressed bundle
  std::string content_sha256;  // bundle, patch: SHA-256 of the uncompressed bundle ("to")
  std::string from;            // patch: SHA-256 of the uncompressed bundle it applies to
};

struct Manifest {
  std::string channel;    // id, e.g. "county-demo"
  uint64_t sequence = 0;  // only grows; a kiosk refuses anything not newer than what it has
  std::string created, expires;  // YYYY-MM-DD
  std::string min_app_version;   // MAJOR.MINOR.PATCH
  std::vector<FileEntry> files;

  const FileEntry* Bundle() const;     // exactly one in a valid manifest
  const FileEntry* ClipIndex() const;  // at most one; null when the channel ships no clips
  std::string ToJson() const;       // the channel.json bytes publish writes
};

// A channel file that is a JSON object at its top (channel.json, a clip index), parsed with
// source positions. A syntax error, or another type at the top (`not_an_object` says what it
// should be), is appended to `errors` naming file and line:column, and nothing is returned.
std::optional<support::JsonDocument> ParseJsonObjectFile(std::string_view bytes, const std::string& file,
                                                         const std::string& not_an_object,
                                                         std::vector<support::LoadError>* errors);

// Parses and checks channel.json. `file` names it in errors ("QIAO/channel.json:7:13:
// /files/0/size: ..."). nullopt when anything is wrong; every problem is listed.
std::optional<Manifest> ParseManifest(std::string_view bytes, const std::string& file,
                                      std::vector<support::LoadError>* errors);

// Reads `path`, checking while reading that it is exactly `size` bytes with SHA-256 `sha256`
// (stops reading past `size`: an oversized file costs no more than the size promised). False and
// `error` ("is larger than the 1234 bytes channel.json lists") otherwise.
bool ReadVerified(const std::string& path, uint64_t size, const std::string& sha256, std::string* out,
                  std::string* error);

// Reads a small file whole; false if missing, unreadable or larger than `max_bytes` (says which).
bool ReadSmallFile(const std::string& path, size_t max_bytes, std::string* out, std::string* error);

// Loads trusted public keys (minisign .pub files). False + error naming the file.
bool LoadPublicKeys(const std::vector<std::string>& files, std::vector<PublicKey>* keys, std::string* error);

// channel.json and its signature, read and checked against `keys`; what both the kiosk and
// `qiao-pack verify` do first.
struct SignedManifest {
  Manifest manifest;
  std::string bytes;      // channel.json as signed
  std::string signature;  // channel.json.minisig as read
};
std::optional<SignedManifest> ReadSignedManifest(const std::string& dir, const std::vector<PublicKey>& keys,
                                                 std::vector<std::string>* errors);

// Everything a kiosk checks, over every file: signature, manifest, each file's size and hash,
// the bundle decompressing to its listed hash and loading with the kiosk's loader, each patch
// decompressing. Expiry is a warning (kiosks stay offline for months).
struct VerifyReport {
  std::optional<Manifest> manifest;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
  bool ok() const { return manifest.has_value() && errors.empty(); }
};
VerifyReport VerifyChannel(const std::string& dir, const std::vector<PublicKey>& keys, const std::string& today);

// Joins a channel folder and a manifest path ("QIAO" + "bundles/x" -> "QIAO/bundles/x").
std::string JoinPath(const std::string& dir, std::string_view relative);

// The file of a channel folder that a manifest path names, as it lies there: the exact name,
// else the one entry in each folder whose name equals it but for ASCII case. A FAT stick may
// show a short name in capitals ("BUNDLES" for "bundles": README "Names on FAT"); FAT itself
// treats names without regard to case, so this finds no file it would not. The exact
// JoinPath when nothing matches (the caller then names the file as channel.json does).
std::string FindChannelFile(const std::string& dir, std::string_view relative);

}  // namespace qiao::channel
