#include "channel/install.h"

#include "channel/bundle.h"
#include "channel/clip_index.h"
#include "channel/crypto.h"

#include "accessibility/clips.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace qiao::channel {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPartial = ".partial";

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

bool FsyncPath(const std::string& path, int flags, std::string* error) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return *error = Errno("cannot open " + path), false;
  bool ok = ::fsync(fd) == 0;
  if (!ok) *error = Errno("cannot flush " + path);
  ::close(fd);
  return ok;
}

bool FsyncDir(const std::string& dir, std::string* error) { return FsyncPath(dir, O_RDONLY | O_DIRECTORY, error); }

// Writes `bytes` to `path` so that after a crash `path` is either absent or complete: written
// under a temporary name, flushed to disk, renamed, and the rename flushed.
bool WriteDurably(const std::string& path, std::string_view bytes, std::string* error) {
  const std::string tmp = path + std::string(kPartial);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return *error = Errno("cannot create " + tmp), false;
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = Errno("cannot write " + tmp);
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    *error = Errno("cannot flush " + tmp);
    ::close(fd);
    return false;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return *error = Errno("cannot rename " + tmp), false;
  return FsyncDir(fs::path(path).parent_path().string(), error);
}

// Replaces the symlink `link` with one pointing at `target`, in one rename(2).
bool SwitchLink(const std::string& link, const std::string& target, std::string* error) {
  const std::string tmp = link + std::string(kPartial);
  ::unlink(tmp.c_str());
  if (::symlink(target.c_str(), tmp.c_str()) != 0) return *error = Errno("cannot create link " + tmp), false;
  if (::rename(tmp.c_str(), link.c_str()) != 0) return *error = Errno("cannot switch " + link), false;
  return FsyncDir(fs::path(link).parent_path().string(), error);
}

std::string ReadLink(const std::string& link) {
  std::error_code ec;
  fs::path target = fs::read_symlink(link, ec);
  return ec ? std::string() : target.string();
}

// Removes what an interrupted run left: *.partial files, links and folders.
void RemovePartials(const std::string& dir) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().filename().string().ends_with(kPartial)) fs::remove_all(e.path(), ec);
  }
}

// A file already in objects/ is used again only if it still has the promised bytes.
bool ObjectIsIntact(const std::string& path, uint64_t size, const std::string& sha256, std::string* bytes) {
  std::string why;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || static_cast<uint64_t>(st.st_size) != size) return false;
  return ReadVerified(path, size, sha256, bytes, &why);
}

class RootLock {
 public:
  bool Acquire(const std::string& root, std::string* error) {
    fd_ = ::open((root + "/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return *error = Errno("cannot open " + root + "/lock"), false;
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      *error = "another qiao-update is running on " + root + "; try again when it has finished";
      return false;
    }
    return true;
  }
  ~RootLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock (and so does a crash)
  }

 private:
  int fd_ = -1;
};

// The lessons and guides of a bundle's JSON by (kind, id).
using Items = std::map<std::pair<std::string, std::string>, nlohmann::json>;

Items BundleItems(std::string_view bundle) {
  Items items;
  const nlohmann::json doc = nlohmann::json::parse(bundle, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("packs") || !doc["packs"].is_array()) return items;
  for (const nlohmann::json& pack : doc["packs"]) {
    if (!pack.is_object()) continue;
    for (const char* kind : {"lessons", "guides"}) {
      if (!pack.contains(kind) || !pack[kind].is_array()) continue;
      for (const nlohmann::json& item : pack[kind])
        if (item.is_object() && item.contains("id") && item["id"].is_string())
          items[{kind == std::string_view("lessons") ? "lesson" : "guide", item["id"].get<std::string>()}] = item;
    }
  }
  return items;
}

ContentChange Change(const std::pair<std::string, std::string>& key, const nlohmann::json& item) {
  ContentChange c{key.first, key.second, {}};
  if (item.contains("title") && item["title"].is_object())
    for (const auto& [tag, text] : item["title"].items())
      if (text.is_string()) c.title[tag] = text.get<std::string>();
  return c;
}

// What the new bundle adds, changes (any difference in the lesson's or guide's JSON) and removes.
void DiffBundles(std::string_view old_bundle, std::string_view new_bundle, InstallResult* result) {
  const Items before = BundleItems(old_bundle), after = BundleItems(new_bundle);
  for (const auto& [key, item] : after) {
    auto it = before.find(key);
    if (it == before.end()) result->added.push_back(Change(key, item));
    else if (it->second != item) result->changed.push_back(Change(key, item));
  }
  for (const auto& [key, item] : before)
    if (!after.contains(key)) result->removed.push_back(Change(key, item));
}

}  // namespace

std::optional<Manifest> InstalledManifest(const std::string& root, std::string* error) {
  const std::string current = root + "/current";
  if (ReadLink(current).empty()) return std::nullopt;
  std::string bytes, why;
  const std::string path = current + "/" + std::string(kManifestName);
  if (!ReadSmallFile(path, kMaxManifestBytes, &bytes, &why)) {
    *error = path + ": " + why;
    return std::nullopt;
  }
  std::vector<support::LoadError> errors;
  std::optional<Manifest> m = ParseManifest(bytes, path, &errors);
  if (!m) *error = errors.empty() ? path + ": unreadable" : errors.front().ToString();
  return m;
}

bool AcceptableRelease(const Manifest& m, const std::optional<Manifest>& installed, const InstallOptions& options,
                       const std::string& manifest_path, InstallResult* result) {
  auto refuse = [&](InstallProblem problem, std::string message) {
    result->errors.push_back(std::move(message));
    result->status = InstallStatus::kRefused;
    result->problem = problem;
    return false;
  };
  if (installed && installed->channel != m.channel && !options.allow_channel_change)
    return refuse(InstallProblem::kOtherChannel, manifest_path + ": channel \"" + m.channel + "\", but this kiosk follows \"" + installed->channel +
                  "\" (qiao-update --allow-channel-change to switch)");
  // Sequence numbers only compare within one channel; a deliberate change of channel starts anew.
  if (installed && installed->channel == m.channel && m.sequence <= installed->sequence) {
    if (m.sequence == installed->sequence)
      return refuse(InstallProblem::kSame, manifest_path + ": sequence " + std::to_string(m.sequence) + " is already installed");
    return refuse(InstallProblem::kOlder, manifest_path + ": sequence " + std::to_string(m.sequence) + " is older than the installed " +
                  std::to_string(installed->sequence) + "; going back to older content is not allowed");
  }
  if (CompareVersions(m.min_app_version, AppVersion()) > 0)
    return refuse(InstallProblem::kAppVersion, manifest_path + ": needs Qiao " + m.min_app_version + " or newer; this kiosk has " + AppVersion() +
                  " (update the Qiao package first)");
  return true;
}

std::vector<const FileEntry*> NeededFiles(const Manifest& m, const std::optional<Manifest>& installed,
                                          const std::string& root) {
  std::vector<const FileEntry*> needed;
  std::string bytes;
  const FileEntry& b = *m.Bundle();
  if (!ObjectIsIntact(root + "/objects/" + b.content_sha256 + ".qbundle", b.content_size, b.content_sha256, &bytes)) {
    // The same choice as Install's step 4: a patch whose <from> is the installed, intact bundle.
    const FileEntry* installed_bundle = installed ? installed->Bundle() : nullptr;
    const FileEntry* patch = nullptr;
    if (installed_bundle && ObjectIsIntact(root + "/current/bundle.qbundle", installed_bundle->content_size,
                                           installed_bundle->content_sha256, &bytes))
      for (const FileEntry& f : m.files)
        if (f.kind == FileEntry::Kind::kPatch && f.from == installed_bundle->content_sha256) {
          patch = &f;
          break;
        }
    needed.push_back(patch ? patch : &b);
  }
  for (const FileEntry& f : m.files)
    if ((f.kind == FileEntry::Kind::kMedia || f.kind == FileEntry::Kind::kClipIndex) &&
        !ObjectIsIntact(root + "/objects/" + fs::path(f.path).filename().string(), f.size, f.sha256, &bytes))
      needed.push_back(&f);
  return needed;
}

InstallResult Install(const std::string& channel_dir, const InstallOptions& options) {
  InstallResult result;
  auto refuse = [&](InstallProblem problem, std::string message) {
    result.errors.push_back(std::move(message));
    result.status = InstallStatus::kRefused;
    result.problem = problem;
    return result;
  };
  auto fail = [&](std::string message) {
    result.errors.push_back(std::move(message));
    result.status = InstallStatus::kFailed;
    result.problem = InstallProblem::kMachine;
    return result;
  };
  const std::string& root = options.root;
  const std::string objects = root + "/objects", releases = root + "/releases";
  std::error_code ec;
  for (const std::string& dir : {root, objects, releases}) {
    fs::create_directories(dir, ec);
    if (ec) return fail("cannot create " + dir + ": " + ec.message());
  }
  RootLock lock;
  std::string why;
  if (!lock.Acquire(root, &why)) return fail(why);
  RemovePartials(root);
  RemovePartials(objects);
  RemovePartials(releases);

  // What is installed now: the sequence to beat, the bundle a patch may start from.
  std::optional<Manifest> installed = InstalledManifest(root, &why);
  if (!installed && !why.empty())
    return fail("the installed content cannot be read (" + why + "); nothing was changed. To install afresh, remove " +
                root + "/current and run qiao-update again");
  if (installed) result.installed_sequence = result.previous_sequence = installed->sequence;

  // 1. The signature, before anything of the channel is interpreted.
  std::vector<std::string> errors;
  std::optional<SignedManifest> s = ReadSignedManifest(channel_dir, options.keys, &errors);
  if (!s) {
    result.errors = errors;
    result.status = InstallStatus::kRefused;
    result.problem = InstallProblem::kSignature;
    return result;
  }
  const Manifest& m = s->manifest;
  const std::string manifest_path = JoinPath(channel_dir, kManifestName);
  result.channel = m.channel;
  result.sequence = m.sequence;
  result.expires = m.expires;

  // 2. Is it newer, for this kiosk, and for this version of Qiao?
  if (!AcceptableRelease(m, installed, options, manifest_path, &result)) return result;
  const std::string today = options.today.empty() ? Today() : options.today;
  result.expired = m.expires < today;
  if (result.expired)
    result.warnings.push_back(manifest_path + ": the channel expired on " + m.expires +
                              "; installing it anyway (ask for a fresh one)");

  // 3. Every file the channel lists, size and hash, before anything is written: a stick with one
  // damaged file is refused whole, so the operator knows to replace it.
  std::map<std::string, std::string> read;  // bundle, patches and clip index, as verified
  for (const FileEntry& f : m.files) {
    const std::string path = FindChannelFile(channel_dir, f.path);
    std::string bytes;
    if (options.only_needed_files && !fs::exists(path, ec)) {
      // Not downloaded: a clip index this kiosk has already is read from objects/; the rest
      // is missed below only if it is needed after all (steps 4 and 6 say so).
      if (f.kind == FileEntry::Kind::kClipIndex &&
          ObjectIsIntact(objects + "/" + fs::path(f.path).filename().string(), f.size, f.sha256, &bytes))
        read[f.path] = std::move(bytes);
      continue;
    }
    if (!ReadVerified(path, f.size, f.sha256, &bytes, &why)) return refuse(InstallProblem::kDamaged, path + ": " + why);
    if (f.kind != FileEntry::Kind::kMedia) read[f.path] = std::move(bytes);
  }
  // Which text each clip speaks: every clip it names must be a WAV the channel lists.
  std::vector<ChannelClip> clips;
  if (const FileEntry* index = m.ClipIndex()) {
    if (!read.contains(index->path))
      return refuse(InstallProblem::kDamaged, FindChannelFile(channel_dir, index->path) + ": missing");
    std::vector<support::LoadError> clip_errors;
    std::optional<std::vector<ChannelClip>> parsed =
        ParseClipIndex(read[index->path], FindChannelFile(channel_dir, index->path), m, &clip_errors);
    if (!parsed) {
      for (const support::LoadError& e : clip_errors) result.errors.push_back(e.ToString());
      result.status = InstallStatus::kRefused;
      result.problem = InstallProblem::kContent;
      return result;
    }
    clips = std::move(*parsed);
  }

  // 4. The bundle: already here, or from a patch against the installed one, or decompressed whole.
  const FileEntry& b = *m.Bundle();
  const std::string bundle_object = objects + "/" + b.content_sha256 + ".qbundle";
  std::string bundle;
  const bool object_intact = ObjectIsIntact(bundle_object, b.content_size, b.content_sha256, &bundle);
  bool have = object_intact;
  if (have) result.notes.push_back("bundle " + b.content_sha256.substr(0, 12) + "... is already here");
  const FileEntry* installed_bundle = installed ? installed->Bundle() : nullptr;
  for (const FileEntry& f : m.files) {
    if (have || !installed_bundle || f.kind != FileEntry::Kind::kPatch || f.from != installed_bundle->content_sha256 ||
        !read.contains(f.path))
      continue;
    const std::string path = FindChannelFile(channel_dir, f.path);
    std::string old_bundle, patched;
    why.clear();
    if (!ReadVerified(root + "/current/bundle.qbundle", installed_bundle->content_size,
                      installed_bundle->content_sha256, &old_bundle, &why)) {
      result.warnings.push_back("the installed bundle " + why + "; using the whole new bundle instead of a patch");
      break;
    }
    if (!ZstdDecompress(read[f.path], f.content_size, &patched, &why, old_bundle) || patched.size() != f.content_size ||
        Sha256Hex(patched) != f.content_sha256) {
      result.warnings.push_back(path + ": the patch does not yield the new bundle" + (why.empty() ? "" : " (" + why + ")") +
                                "; using the whole bundle instead");
      break;
    }
    bundle = std::move(patched);
    have = result.used_patch = true;
    result.notes.push_back("bundle built from patch " + f.path);
  }
  if (!have) {
    const std::string path = FindChannelFile(channel_dir, b.path);
    if (!read.contains(b.path))
      return refuse(InstallProblem::kDamaged, path + ": missing, and no patch built the bundle (" +
                    (result.warnings.empty() ? "none fits the installed one" : result.warnings.back()) + ")");
    if (!ZstdDecompress(read[b.path], b.content_size, &bundle, &why)) return refuse(InstallProblem::kDamaged, path + ": " + why);
    if (bundle.size() != b.content_size || Sha256Hex(bundle) != b.content_sha256)
      return refuse(InstallProblem::kDamaged, path + ": decompresses to a bundle other than the one its name and contentSize say");
    result.notes.push_back("bundle decompressed from " + b.path);
  }

  // 5. Would the kiosk show it? Loaded with the kiosk's own loader before anything switches.
  std::vector<std::string> bundle_errors;
  size_t packs = 0;
  if (!ValidateBundle(bundle, JoinPath(channel_dir, b.path), &bundle_errors, &packs)) {
    result.errors = bundle_errors;
    result.status = InstallStatus::kRefused;
    result.problem = InstallProblem::kContent;
    return result;
  }
  if (!object_intact && !WriteDurably(bundle_object, bundle, &why)) return fail(why);

  // 6. Media clips and their index, checked again while copied (the stick may have changed meanwhile).
  std::vector<const FileEntry*> media;
  for (const FileEntry& f : m.files) {
    if (f.kind != FileEntry::Kind::kMedia && f.kind != FileEntry::Kind::kClipIndex) continue;
    media.push_back(&f);
    const std::string object = objects + "/" + fs::path(f.path).filename().string();
    std::string bytes;
    if (ObjectIsIntact(object, f.size, f.sha256, &bytes)) continue;
    const std::string path = FindChannelFile(channel_dir, f.path);
    if (!ReadVerified(path, f.size, f.sha256, &bytes, &why)) return refuse(InstallProblem::kDamaged, path + ": " + why);
    if (!WriteDurably(object, bytes, &why)) return fail(why);
  }

  // 7. The release folder, complete and flushed before anything points at it.
  // Named by channel and sequence: unique, since a sequence only grows within its channel.
  const std::string name = m.channel + "-" + std::to_string(m.sequence);
  const std::string release = releases + "/" + name;
  const std::string staging = release + std::string(kPartial);
  if (ReadLink(root + "/current") == "releases/" + name || ReadLink(root + "/previous") == "releases/" + name)
    return refuse(InstallProblem::kSame, release + " is the current or previous release already; the same release is not installed twice");
  fs::remove_all(release, ec);
  fs::create_directories(staging + "/media", ec);
  if (ec) return fail("cannot create " + staging + ": " + ec.message());
  if (::link(bundle_object.c_str(), (staging + "/bundle.qbundle").c_str()) != 0)
    return fail(Errno("cannot link the bundle into " + staging));
  for (const FileEntry* f : media) {
    const std::string file = fs::path(f->path).filename().string();
    if (::link((objects + "/" + file).c_str(), (staging + "/media/" + file).c_str()) != 0)
      return fail(Errno("cannot link a clip into " + staging));
  }
  // The clips as the kiosk's clip library reads them (accessibility/clips.h): per language,
  // audio/<locale>/clips.json keyed by ClipHash, beside hard links to the WAVs.
  std::map<std::string, std::vector<a11y::Clip>> by_locale;
  for (const ChannelClip& c : clips)
    by_locale[c.locale].push_back({c.locale, a11y::ClipHash(c.locale, c.text), c.sha256 + ".wav", c.text, c.source});
  for (const auto& [locale, list] : by_locale) {
    const std::string folder = staging + "/audio/" + locale;
    fs::create_directories(folder, ec);
    if (ec) return fail("cannot create " + folder + ": " + ec.message());
    std::set<std::string> linked;
    for (const a11y::Clip& c : list)
      if (linked.insert(c.path).second && ::link((objects + "/" + c.path).c_str(), (folder + "/" + c.path).c_str()) != 0)
        return fail(Errno("cannot link a clip into " + folder));
    if (!WriteDurably(folder + "/clips.json", a11y::FormatClipsJson(list), &why) || !FsyncDir(folder, &why)) return fail(why);
  }
  if (!by_locale.empty() && !FsyncDir(staging + "/audio", &why)) return fail(why);
  if (!WriteDurably(staging + "/" + std::string(kManifestName), s->bytes, &why) ||
      !WriteDurably(staging + "/" + std::string(kSignatureName), s->signature, &why) ||
      !FsyncDir(staging + "/media", &why) || !FsyncDir(staging, &why))
    return fail(why);
  if (::rename(staging.c_str(), release.c_str()) != 0) return fail(Errno("cannot rename " + staging));
  if (!FsyncDir(releases, &why)) return fail(why);

  // 8. The switch: `previous` keeps the old release, then `current` moves in one rename.
  const std::string old_target = ReadLink(root + "/current");
  if (!old_target.empty() && !SwitchLink(root + "/previous", old_target, &why)) return fail(why);
  if (!SwitchLink(root + "/current", "releases/" + name, &why)) return fail(why);
  result.status = InstallStatus::kInstalled;
  result.installed_sequence = m.sequence;
  {
    // What changed, for the operator: against the bundle installed before (none: all is new).
    std::string old_bundle;
    if (installed_bundle && !old_target.empty())
      ReadVerified(root + "/" + old_target + "/bundle.qbundle", installed_bundle->content_size,
                   installed_bundle->content_sha256, &old_bundle, &why);
    DiffBundles(old_bundle, bundle, &result);
  }
  result.notes.push_back("installed channel \"" + m.channel + "\" sequence " + std::to_string(m.sequence) + " (" + std::to_string(packs) +
                         (packs == 1 ? " pack" : " packs") + ")" +
                         (old_target.empty() ? "" : "; the previous content is kept as " + root + "/previous"));

  // 9. Forget what neither current nor previous uses. Interrupted, it is finished next time.
  std::set<std::string> keep = {fs::path(old_target).filename().string(), name};
  std::vector<fs::path> stale;
  for (const fs::directory_entry& e : fs::directory_iterator(releases, ec))
    if (!keep.contains(e.path().filename().string())) stale.push_back(e.path());
  for (const fs::path& p : stale) fs::remove_all(p, ec);
  stale.clear();
  for (const fs::directory_entry& e : fs::directory_iterator(objects, ec)) {
    struct stat st;
    // An object no release links to has a single link: its own name.
    if (::stat(e.path().c_str(), &st) == 0 && st.st_nlink == 1) stale.push_back(e.path());
  }
  for (const fs::path& p : stale) fs::remove(p, ec);
  return result;
}

}  // namespace qiao::channel
