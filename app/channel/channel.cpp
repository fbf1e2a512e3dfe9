#include "channel/channel.h"

#include "channel/bundle.h"
#include "channel/clip_index.h"
#include "channel/crypto.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#ifndef QIAO_APP_VERSION
#define QIAO_APP_VERSION "0.0.0"
#endif

namespace qiao::channel {
namespace fs = std::filesystem;
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsChannelId(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string Hex12(std::string_view sha) { return std::string(sha.substr(0, 12)); }

}  // namespace

const char* AppVersion() { return QIAO_APP_VERSION; }

bool IsVersion(std::string_view v) {
  int parts = 0;
  while (true) {
    size_t dot = v.find('.');
    std::string_view part = v.substr(0, dot);
    if (!AllDigits(part) || part.size() > 6) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    v.remove_prefix(dot + 1);
  }
  return parts == 3;
}

int CompareVersions(std::string_view a, std::string_view b) {
  for (int i = 0; i < 3; ++i) {
    size_t da = a.find('.'), db = b.find('.');
    long na = std::stol(std::string(a.substr(0, da))), nb = std::stol(std::string(b.substr(0, db)));
    if (na != nb) return na < nb ? -1 : 1;
    a.remove_prefix(da == std::string_view::npos ? a.size() : da + 1);
    b.remove_prefix(db == std::string_view::npos ? b.size() : db + 1);
  }
  return 0;
}

bool IsDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-' || !AllDigits(d.substr(0, 4)) || !AllDigits(d.substr(5, 2)) ||
      !AllDigits(d.substr(8, 2)))
    return false;
  std::chrono::year_month_day ymd{std::chrono::year(std::stoi(std::string(d.substr(0, 4)))),
                                  std::chrono::month(std::stoi(std::string(d.substr(5, 2)))),
                                  std::chrono::day(std::stoi(std::string(d.substr(8, 2))))};
  return ymd.ok();
}

std::string Today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{now};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string JoinPath(const std::string& dir, std::string_view relative) {
  if (dir.empty()) return std::string(relative);
  return dir + (dir.back() == '/' ? "" : "/") + std::string(relative);
}

std::string FindChannelFile(const std::string& dir, std::string_view relative) {
  const std::string exact = JoinPath(dir, relative);
  std::error_code ec;
  if (fs::exists(exact, ec)) return exact;
  auto lower = [](std::string s) {
    for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return s;
  };
  fs::path at = dir.empty() ? fs::path(".") : fs::path(dir);
  for (const fs::path& part : fs::path(relative)) {
    const std::string want = lower(part.string());
    fs::path found;
    for (const fs::directory_entry& e : fs::directory_iterator(at, ec)) {
      if (lower(e.path().filename().string()) != want) continue;
      if (!found.empty()) return exact;  // two names differing only in case: neither is guessed
      found = e.path();
    }
    if (found.empty()) return exact;
    at = found;
  }
  return at.string();
}

const FileEntry* Manifest::Bundle() const {
  for (const FileEntry& f : files)
    if (f.kind == FileEntry::Kind::kBundle) return &f;
  return nullptr;
}

const FileEntry* Manifest::ClipIndex() const {
  for (const FileEntry& f : files)
    if (f.kind == FileEntry::Kind::kClipIndex) return &f;
  return nullptr;
}

std::string Manifest::ToJson() const {
  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["channel"] = channel;
  j["sequence"] = sequence;
  j["created"] = created;
  j["expires"] = expires;
  j["minAppVersion"] = min_app_version;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const FileEntry& f : files) {
    nlohmann::ordered_json e;
    e["path"] = f.path;
    e["size"] = f.size;
    e["sha256"] = f.sha256;
    if (f.kind == FileEntry::Kind::kBundle || f.kind == FileEntry::Kind::kPatch) e["contentSize"] = f.content_size;
    list.push_back(std::move(e));
  }
  j["files"] = std::move(list);
  return j.dump(2) + "\n";
}

std::optional<support::JsonDocument> ParseJsonObjectFile(std::string_view bytes, const std::string& file,
                                                         const std::string& not_an_object,
                                                         std::vector<support::LoadError>* errors) {
  support::JsonParseResult parsed = support::ParseJsonWithPositions(bytes, file);
  if (!parsed.ok) {
    errors->push_back(parsed.error);
    return std::nullopt;
  }
  if (!parsed.doc.root.is_object()) {
    errors->push_back(parsed.doc.MakeError("", not_an_object));
    return std::nullopt;
  }
  return std::move(parsed.doc);
}

std::optional<Manifest> ParseManifest(std::string_view bytes, const std::string& file,
                                      std::vector<support::LoadError>* errors) {
  const size_t before = errors->size();
  if (bytes.size() > kMaxManifestBytes) {
    errors->push_back({file, 0, 0, "", "is " + std::to_string(bytes.size()) + " bytes; a channel.json may be at most " +
                                           std::to_string(kMaxManifestBytes) + " bytes"});
    return std::nullopt;
  }
  std::optional<support::JsonDocument> parsed = ParseJsonObjectFile(bytes, file, "a channel.json is a JSON object", errors);
  if (!parsed) return std::nullopt;
  const support::JsonDocument& doc = *parsed;
  const nlohmann::json& root = doc.root;
  auto fail = [&](const std::string& pointer, std::string message) {
    errors->push_back(doc.MakeError(pointer, std::move(message)));
  };
  auto string_field = [&](const char* key, std::string* out) {
    auto it = root.find(key);
    if (it == root.end()) return fail("", std::string("missing \"") + key + "\""), false;
    if (!it->is_string()) return fail(std::string("/") + key, "must be a string"), false;
    *out = it->get<std::string>();
    return true;
  };
  Manifest m;
  std::string format;
  if (string_field("format", &format) && format != kFormat)
    fail("/format", "\"" + format + "\" is not a channel format this kiosk reads (it reads \"" + std::string(kFormat) +
                        "\"; a newer Qiao may be needed)");
  if (string_field("channel", &m.channel) && !IsChannelId(m.channel))
    fail("/channel", "a channel id is 1-64 lowercase letters, digits and '-', e.g. county-demo");
  if (auto it = root.find("sequence"); it == root.end()) {
    fail("", "missing \"sequence\"");
  } else if (!it->is_number_unsigned() || it->get<uint64_t>() == 0 || it->get<uint64_t>() > (1ull << 53)) {
    fail("/sequence", "must be a whole number from 1 up");
  } else {
    m.sequence = it->get<uint64_t>();
  }
  if (string_field("created", &m.created) && !IsDate(m.created)) fail("/created", "must be a date, YYYY-MM-DD");
  if (string_field("expires", &m.expires) && !IsDate(m.expires)) fail("/expires", "must be a date, YYYY-MM-DD");
  if (IsDate(m.created) && IsDate(m.expires) && m.expires < m.created)
    fail("/expires", "is before \"created\" (" + m.created + ")");
  if (string_field("minAppVersion", &m.min_app_version) && !IsVersion(m.min_app_version))
    fail("/minAppVersion", "must be a version MAJOR.MINOR.PATCH, e.g. 0.1.0");

  auto files = root.find("files");
  if (files == root.end() || !files->is_array()) {
    fail(files == root.end() ? "" : "/files", "needs \"files\": an array listing every file of the channel");
  } else if (files->size() > kMaxFiles) {
    fail("/files", "lists " + std::to_string(files->size()) + " files; at most " + std::to_string(kMaxFiles));
  } else {
    std::set<std::string> seen;
    for (size_t i = 0; i < files->size(); ++i) {
      const nlohmann::json& e = (*files)[i];
      const std::string at = support::PointerJoin("/files", i);
      if (!e.is_object()) {
        fail(at, "each file is an object {\"path\", \"size\", \"sha256\"}");
        continue;
      }
      FileEntry f;
      auto path = e.find("path");
      auto size = e.find("size");
      auto sha = e.find("sha256");
      if (path == e.end() || !path->is_string()) { fail(at, "needs \"path\" (a string)"); continue; }
      if (size == e.end() || !size->is_number_unsigned()) { fail(at + "/size", "needs \"size\" (bytes, a whole number)"); continue; }
      if (sha == e.end() || !sha->is_string() || !IsSha256Hex(sha->get<std::string>())) {
        fail(at + "/sha256", "needs \"sha256\": 64 lowercase hex digits");
        continue;
      }
      f.path = path->get<std::string>();
      f.size = size->get<uint64_t>();
      f.sha256 = sha->get<std::string>();
      // The name says what a file is, and which hashes it joins.
      std::string_view p = f.path;
      uint64_t limit = kMaxBundleBytes;
      if (p.starts_with("bundles/") && p.ends_with(".qbundle.zst") && p.size() == 8 + 64 + 12 &&
          IsSha256Hex(p.substr(8, 64))) {
        f.kind = FileEntry::Kind::kBundle;
        f.content_sha256 = std::string(p.substr(8, 64));
      } else if (p.starts_with("patches/") && p.ends_with(".zst") && p.size() == 8 + 64 + 1 + 64 + 4 &&
                 IsSha256Hex(p.substr(8, 64)) && p[72] == '-' && IsSha256Hex(p.substr(73, 64))) {
        f.kind = FileEntry::Kind::kPatch;
        f.from = std::string(p.substr(8, 64));
        f.content_sha256 = std::string(p.substr(73, 64));
      } else if (p.starts_with("media/") && p.ends_with(".wav") && p.size() == 6 + 64 + 4 && IsSha256Hex(p.substr(6, 64))) {
        f.kind = FileEntry::Kind::kMedia;
        limit = kMaxMediaBytes;
        if (p.substr(6, 64) != f.sha256) fail(at + "/path", "a media file is named by its own SHA-256 (" + f.sha256 + ")");
      } else if (p.starts_with("media/") && p.ends_with(".json") && p.size() == 6 + 64 + 5 && IsSha256Hex(p.substr(6, 64))) {
        f.kind = FileEntry::Kind::kClipIndex;
        limit = kMaxClipIndexBytes;
        if (p.substr(6, 64) != f.sha256) fail(at + "/path", "a clip index is named by its own SHA-256 (" + f.sha256 + ")");
      } else {
        fail(at + "/path", "\"" + f.path + "\" is not a channel file name: bundles/<sha256>.qbundle.zst, "
                           "patches/<sha256>-<sha256>.zst, media/<sha256>.wav or media/<sha256>.json");
        continue;
      }
      if (f.size > limit) fail(at + "/size", "is more than the " + std::to_string(limit) + " bytes a kiosk accepts");
      if (f.kind == FileEntry::Kind::kBundle || f.kind == FileEntry::Kind::kPatch) {
        auto cs = e.find("contentSize");
        if (cs == e.end() || !cs->is_number_unsigned() || cs->get<uint64_t>() > kMaxBundleBytes) {
          fail(at + "/contentSize", "needs \"contentSize\": the uncompressed bundle's bytes, at most " +
                                        std::to_string(kMaxBundleBytes));
        } else {
          f.content_size = cs->get<uint64_t>();
        }
      }
      if (!seen.insert(f.path).second) fail(at + "/path", "\"" + f.path + "\" is listed twice");
      m.files.push_back(std::move(f));
    }
    size_t bundles = 0;
    for (const FileEntry& f : m.files) bundles += f.kind == FileEntry::Kind::kBundle;
    if (bundles != 1) fail("/files", "lists " + std::to_string(bundles) + " bundles; a channel has exactly one");
    size_t clip_indexes = 0;
    for (const FileEntry& f : m.files) clip_indexes += f.kind == FileEntry::Kind::kClipIndex;
    if (clip_indexes > 1)
      fail("/files", "lists " + std::to_string(clip_indexes) + " clip indexes (media/<sha256>.json); a channel has at most one");
    if (const FileEntry* b = m.Bundle()) {
      for (size_t i = 0; i < m.files.size(); ++i) {
        const FileEntry& f = m.files[i];
        if (f.kind != FileEntry::Kind::kPatch) continue;
        if (f.content_sha256 != b->content_sha256)
          fail(support::PointerJoin("/files", i) + "/path", "the patch leads to bundle " + Hex12(f.content_sha256) +
                                                               "..., not to this channel's bundle " + Hex12(b->content_sha256) + "...");
        else if (f.content_size != b->content_size)
          fail(support::PointerJoin("/files", i) + "/contentSize", "differs from the bundle's contentSize");
      }
    }
  }
  if (errors->size() != before) return std::nullopt;
  return m;
}

bool ReadVerified(const std::string& path, uint64_t size, const std::string& sha256, std::string* out,
                  std::string* error) {
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {  // a folder, a device, a FIFO
    *error = "is not a regular file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "missing or unreadable (channel.json lists it)";
    return false;
  }
  out->clear();
  Sha256 hash;
  char buf[1 << 16];
  while (out->size() <= size) {
    // Never read more than one byte past the promised size.
    size_t want = static_cast<size_t>(std::min<uint64_t>(sizeof buf, size + 1 - out->size()));
    in.read(buf, static_cast<std::streamsize>(want));
    size_t got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    hash.Update(std::string_view(buf, got));
    out->append(buf, got);
  }
  if (out->size() > size) {
    *error = "is larger than the " + std::to_string(size) + " bytes channel.json lists (a changed or wrong file)";
    return false;
  }
  if (out->size() < size) {
    *error = "has only " + std::to_string(out->size()) + " of the " + std::to_string(size) +
             " bytes channel.json lists (a truncated copy?)";
    return false;
  }
  if (hash.HexDigest() != sha256) {
    *error = "its SHA-256 differs from channel.json's (the file was changed or damaged)";
    return false;
  }
  return true;
}

bool ReadSmallFile(const std::string& path, size_t max_bytes, std::string* out, std::string* error) {
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
    *error = "is not a regular file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "missing or unreadable";
    return false;
  }
  out->assign(max_bytes + 1, '\0');
  in.read(out->data(), static_cast<std::streamsize>(out->size()));
  out->resize(static_cast<size_t>(in.gcount()));
  if (out->size() > max_bytes) {
    *error = "is larger than " + std::to_string(max_bytes) + " bytes, the most it may be";
    return false;
  }
  return true;
}

bool LoadPublicKeys(const std::vector<std::string>& files, std::vector<PublicKey>* keys, std::string* error) {
  for (const std::string& file : files) {
    std::string text, why;
    if (!ReadSmallFile(file, 4096, &text, &why)) {
      *error = file + ": " + why;
      return false;
    }
    std::optional<PublicKey> key = ParsePublicKey(text, &why);
    if (!key) {
      *error = file + ": " + why;
      return false;
    }
    keys->push_back(*key);
  }
  return true;
}

std::optional<SignedManifest> ReadSignedManifest(const std::string& dir, const std::vector<PublicKey>& keys,
                                                 std::vector<std::string>* errors) {
  const std::string manifest_path = FindChannelFile(dir, kManifestName);
  const std::string sig_path = FindChannelFile(dir, kSignatureName);
  SignedManifest s;
  std::string why;
  if (!ReadSmallFile(manifest_path, kMaxManifestBytes, &s.bytes, &why)) {
    errors->push_back(manifest_path + ": " + why);
    return std::nullopt;
  }
  if (!ReadSmallFile(sig_path, kMaxSignatureBytes, &s.signature, &why)) {
    errors->push_back(sig_path + ": " + why);
    return std::nullopt;
  }
  std::optional<Signature> sig = ParseSignature(s.signature, &why);
  if (!sig) {
    errors->push_back(sig_path + ": " + why);
    return std::nullopt;
  }
  // The signature is checked before the manifest is parsed: untrusted JSON is never interpreted.
  if (!Verify(s.bytes, *sig, keys, &why)) {
    errors->push_back(manifest_path + ": " + why);
    return std::nullopt;
  }
  std::vector<support::LoadError> parse_errors;
  std::optional<Manifest> m = ParseManifest(s.bytes, manifest_path, &parse_errors);
  for (const support::LoadError& e : parse_errors) errors->push_back(e.ToString());
  if (!m) return std::nullopt;
  s.manifest = std::move(*m);
  return s;
}

VerifyReport VerifyChannel(const std::string& dir, const std::vector<PublicKey>& keys, const std::string& today) {
  VerifyReport report;
  std::optional<SignedManifest> signed_manifest = ReadSignedManifest(dir, keys, &report.errors);
  if (!signed_manifest) return report;
  const Manifest& m = signed_manifest->manifest;
  if (m.expires < today)
    report.warnings.push_back(JoinPath(dir, kManifestName) + ": the channel expired on " + m.expires +
                              " (it still installs; publish a fresh one when you can)");
  if (CompareVersions(m.min_app_version, AppVersion()) > 0)
    report.warnings.push_back(JoinPath(dir, kManifestName) + ": needs Qiao " + m.min_app_version +
                              "; kiosks with an older version (this one is " + AppVersion() + ") refuse it");
  // A patch can only be tried against the older bundle it starts from, which a channel folder
  // does not hold: here its size and hash are checked; qiao-update checks what it yields.
  for (const FileEntry& f : m.files) {
    const std::string path = FindChannelFile(dir, f.path);
    std::string bytes, why;
    if (!ReadVerified(path, f.size, f.sha256, &bytes, &why)) {
      report.errors.push_back(path + ": " + why);
      continue;
    }
    if (f.kind == FileEntry::Kind::kClipIndex) {
      std::vector<support::LoadError> clip_errors;
      ParseClipIndex(bytes, path, m, &clip_errors);
      for (const support::LoadError& e : clip_errors) report.errors.push_back(e.ToString());
    }
    std::string content;
    if (f.kind == FileEntry::Kind::kBundle) {
      if (!ZstdDecompress(bytes, f.content_size, &content, &why)) {
        report.errors.push_back(path + ": " + why);
      } else if (content.size() != f.content_size || Sha256Hex(content) != f.content_sha256) {
        report.errors.push_back(path + ": decompresses to a bundle other than the one its name and contentSize say");
      } else {
        ValidateBundle(content, path, &report.errors);
      }
    }
  }
  if (report.errors.empty()) report.manifest = m;
  return report;
}

}  // namespace qiao::channel
