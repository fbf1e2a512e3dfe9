#include "channel/publish.h"

#include "channel/clip_index.h"
#include "channel/crypto.h"

#include "accessibility/clips.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

namespace qiao::channel {
namespace fs = std::filesystem;
namespace {

// A file appears under its final name only once complete (a web server may be serving the folder).
bool WriteFile(const std::string& path, std::string_view bytes, std::string* error) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      *error = "cannot write " + tmp;
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) *error = "cannot rename " + tmp + ": " + ec.message();
  return !ec;
}

std::string YearAfter(const std::string& date) {
  std::chrono::year_month_day ymd{std::chrono::year(std::stoi(date.substr(0, 4))),
                                  std::chrono::month(std::stoi(date.substr(5, 2))),
                                  std::chrono::day(std::stoi(date.substr(8, 2)))};
  ymd += std::chrono::years(1);
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;  // 29 February
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

PublishResult Publish(const PublishOptions& options, std::string_view bundle, const SecretKey& key) {
  PublishResult r;
  const std::string& dir = options.out_dir;
  const std::string manifest_path = JoinPath(dir, kManifestName);

  // The folder's previous release: its sequence to beat, its bundle to patch from.
  std::optional<Manifest> previous;
  if (fs::exists(manifest_path)) {
    std::string bytes, why;
    std::vector<support::LoadError> errors;
    if (ReadSmallFile(manifest_path, kMaxManifestBytes, &bytes, &why))
      previous = ParseManifest(bytes, manifest_path, &errors);
    if (!previous) {
      r.error = (errors.empty() ? manifest_path + ": " + why : errors.front().ToString()) +
                " (the previous release's sequence number is needed; fix the file or publish into a new folder)";
      return r;
    }
    if (previous->channel != options.channel) {
      r.error = dir + " holds channel \"" + previous->channel + "\", not \"" + options.channel +
                "\"; publish each channel into its own folder";
      return r;
    }
  }
  Manifest& m = r.manifest;
  m.channel = options.channel;
  const uint64_t last = previous ? previous->sequence : 0;
  m.sequence = options.sequence.value_or(last + 1);
  if (m.sequence <= last) {
    r.error = "sequence " + std::to_string(m.sequence) + " is not above the folder's " + std::to_string(last) +
              "; kiosks would refuse it";
    return r;
  }
  m.created = options.created.empty() ? Today() : options.created;
  m.expires = options.expires.empty() ? YearAfter(m.created) : options.expires;
  m.min_app_version = options.min_app_version.empty() ? AppVersion() : options.min_app_version;

  // The bundle, named by its uncompressed hash.
  FileEntry b;
  b.kind = FileEntry::Kind::kBundle;
  b.content_sha256 = Sha256Hex(bundle);
  b.content_size = bundle.size();
  b.path = "bundles/" + b.content_sha256 + ".qbundle.zst";
  std::string compressed = ZstdCompress(bundle, options.level);
  b.size = compressed.size();
  b.sha256 = Sha256Hex(compressed);
  if (!WriteFile(JoinPath(dir, b.path), compressed, &r.error)) return r;
  r.notes.push_back("wrote " + b.path + " (" + std::to_string(b.size) + " bytes, " + std::to_string(bundle.size()) +
                    " uncompressed)");
  m.files.push_back(b);

  // A patch from the previous bundle, when there was one and it differs.
  const FileEntry* old = previous ? previous->Bundle() : nullptr;
  if (old && old->content_sha256 != b.content_sha256) {
    std::string old_compressed, old_bundle, why;
    if (ReadVerified(JoinPath(dir, old->path), old->size, old->sha256, &old_compressed, &why) &&
        ZstdDecompress(old_compressed, old->content_size, &old_bundle, &why)) {
      std::string patch = ZstdCompress(bundle, options.level, old_bundle);
      if (patch.size() < compressed.size()) {
        FileEntry p;
        p.kind = FileEntry::Kind::kPatch;
        p.from = old->content_sha256;
        p.content_sha256 = b.content_sha256;
        p.content_size = b.content_size;
        p.path = "patches/" + p.from + "-" + p.content_sha256 + ".zst";
        p.size = patch.size();
        p.sha256 = Sha256Hex(patch);
        if (!WriteFile(JoinPath(dir, p.path), patch, &r.error)) return r;
        r.notes.push_back("wrote " + p.path + " (" + std::to_string(p.size) + " bytes)");
        m.files.push_back(p);
      }
    } else {
      r.notes.push_back("no patch: the previous bundle " + old->path + " " + why);
    }
  }

  // A WAV as media/<sha256>.wav (once, however many clips share it); its SHA-256, or "" on error.
  auto add_media = [&](const std::string& file) -> std::string {
    std::string bytes, why;
    if (!ReadSmallFile(file, kMaxMediaBytes, &bytes, &why)) {
      r.error = file + ": " + why;
      return "";
    }
    FileEntry f;
    f.kind = FileEntry::Kind::kMedia;
    f.sha256 = Sha256Hex(bytes);
    f.size = bytes.size();
    f.path = "media/" + f.sha256 + ".wav";
    if (std::any_of(m.files.begin(), m.files.end(), [&](const FileEntry& e) { return e.path == f.path; })) return f.sha256;
    if (!WriteFile(JoinPath(dir, f.path), bytes, &r.error)) return "";
    m.files.push_back(f);
    return f.sha256;
  };
  for (const std::string& file : options.media_files)
    if (add_media(file).empty()) return r;

  // The studio's clips, read as the kiosk reads them, and the index that names their texts.
  if (!options.clip_folders.empty()) {
    a11y::ClipLibrary library;
    std::vector<std::string> problems;
    for (const std::string& folder : options.clip_folders) library.AddFolder(folder, &problems);
    if (!problems.empty()) {
      r.error = problems.front() + (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more)" : "") +
                "; fix the clips (qiao-pack clips lists them) before publishing";
      return r;
    }
    std::vector<ChannelClip> clips;
    std::set<std::string> locales;
    for (const auto& [key, clip] : library.clips()) {
      ChannelClip c{clip.locale, clip.text, clip.source, add_media(clip.path)};
      if (c.sha256.empty()) return r;
      locales.insert(c.locale);
      clips.push_back(std::move(c));
    }
    if (!clips.empty()) {
      const std::string index = FormatClipIndex(clips);
      FileEntry f;
      f.kind = FileEntry::Kind::kClipIndex;
      f.sha256 = Sha256Hex(index);
      f.size = index.size();
      f.path = "media/" + f.sha256 + ".json";
      std::vector<support::LoadError> errors;  // the kiosk's own check, before anything is signed
      if (!ParseClipIndex(index, JoinPath(dir, f.path), m, &errors)) {
        r.error = errors.empty() ? "the clip index would not be valid" : errors.front().ToString();
        return r;
      }
      if (!WriteFile(JoinPath(dir, f.path), index, &r.error)) return r;
      r.notes.push_back("wrote " + f.path + ": " + std::to_string(clips.size()) + (clips.size() == 1 ? " clip in " : " clips in ") +
                        std::to_string(locales.size()) + (locales.size() == 1 ? " language" : " languages"));
      m.files.push_back(f);
    } else {
      r.notes.push_back("no clips in " + options.clip_folders.front() + "/audio/<locale>/clips.json");
    }
  }

  // channel.json is checked by the same parser the kiosk uses before it is signed.
  const std::string json = m.ToJson();
  std::vector<support::LoadError> errors;
  if (!ParseManifest(json, manifest_path, &errors)) {
    r.error = errors.empty() ? "channel.json would not be valid" : errors.front().ToString();
    return r;
  }
  const std::string trusted = "timestamp:" + std::to_string(std::time(nullptr)) + "\tfile:channel.json\tchannel:" +
                              m.channel + "\tsequence:" + std::to_string(m.sequence);
  // Signature first, then the manifest: a reader between the two renames sees a mismatch it
  // refuses (and retries), never an unsigned manifest taken for signed.
  if (!WriteFile(JoinPath(dir, kSignatureName), Sign(json, key, trusted), &r.error) ||
      !WriteFile(manifest_path, json, &r.error))
    return r;
  r.notes.push_back("wrote channel.json, sequence " + std::to_string(m.sequence) + ", signed with key " +
                    KeyIdHex(key.id));

  // The previous release's files this one no longer lists.
  if (previous) {
    std::set<std::string> listed;
    for (const FileEntry& f : m.files) listed.insert(f.path);
    for (const FileEntry& f : previous->files) {
      std::error_code ec;
      if (!listed.contains(f.path) && fs::remove(JoinPath(dir, f.path), ec)) r.notes.push_back("removed " + f.path);
    }
  }
  // Where a kiosk leaves its usage counts when the stick comes back (not signed, not listed).
  std::error_code ec;
  fs::create_directories(JoinPath(dir, "export"), ec);
  r.ok = true;
  return r;
}

}  // namespace qiao::channel
