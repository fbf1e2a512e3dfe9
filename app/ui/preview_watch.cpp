#include "ui/preview_watch.h"

#include <algorithm>
#include <filesystem>

namespace qiao::ui {

PreviewWatcher::PreviewWatcher(std::string path) : path_(std::move(path)) { stamp_ = Stamp(); }

content::Library PreviewWatcher::Load() const {
  std::error_code ec;
  if (std::filesystem::is_directory(path_, ec)) return content::LoadLibrary(path_);
  content::Library lib;
  std::string bytes, error;
  if (!content::ReadFile(path_, &bytes, &error, content::kMaxPackBytes)) {
    lib.errors.push_back({path_, 0, 0, "", error});
    return lib;
  }
  content::PackResult r = content::LoadPack(bytes, path_);
  lib.errors = std::move(r.errors);
  if (r.loaded) lib.packs.push_back(std::move(r.pack));
  return lib;
}

// A hash of every watched file's bytes. Modification times alone miss two saves within the
// file system's clock tick; packs are small (at most 4 MiB) and this runs 4 times a second.
std::string PreviewWatcher::Stamp() const {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(path_, ec)) {
    for (fs::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().string().ends_with(".pack.json")) files.push_back(it->path());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path_);
  }
  std::string stamp;
  for (const fs::path& f : files) {
    std::string bytes, error;
    bool ok = content::ReadFile(f.string(), &bytes, &error, content::kMaxPackBytes);
    stamp += f.string() + ":" + (ok ? std::to_string(std::hash<std::string>{}(bytes)) : error) + ";";
  }
  return stamp;
}

std::optional<content::Library> PreviewWatcher::Poll(double now) {
  if (now < next_poll_) return std::nullopt;
  next_poll_ = now + 0.25;  // a save shows within a second, with time to spare
  std::string stamp = Stamp();
  if (stamp == stamp_) return std::nullopt;
  stamp_ = std::move(stamp);
  changed_ = true;
  content::Library fresh = Load();
  errors_.clear();
  for (const content::LoadError& e : fresh.errors) errors_.push_back(e.ToString());
  if (!errors_.empty()) return std::nullopt;
  return fresh;
}

bool PreviewWatcher::TakeChanged() {
  const bool was = changed_;
  changed_ = false;
  return was;
}

}  // namespace qiao::ui
