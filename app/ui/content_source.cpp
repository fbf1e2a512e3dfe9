#include "ui/content_source.h"

#include <filesystem>
#include <limits>

namespace qiao::ui {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBundleName = "bundle.qbundle";  // in a release folder (app/channel/install.h)

std::string ExistingFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) ? p.string() : "";
}

std::string RealPath(const std::string& path) {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  return ec ? path : real.string();
}

std::string Headline(const std::string& file, size_t problems) {
  return file + ": does not load (" + std::to_string(problems) + (problems == 1 ? " problem" : " problems") +
         " below)";
}

}  // namespace

ContentSource::ContentSource(std::string packs_dir, std::string bundle, double quiet_period)
    : packs_dir_(std::move(packs_dir)), bundle_(std::move(bundle)), quiet_period_(quiet_period) {}

std::string ContentSource::CurrentFile() const {
  std::error_code ec;
  if (fs::is_regular_file(bundle_, ec)) return bundle_;
  if (std::string f = ExistingFile(fs::path(bundle_) / kBundleName); !f.empty()) return f;  // a release, `current`
  return ExistingFile(fs::path(bundle_) / "current" / kBundleName);                          // the update root
}

std::string ContentSource::PreviousFile() const {
  std::error_code ec;
  fs::path root = bundle_;
  if (!fs::exists(root / "current", ec)) {
    if (fs::path(bundle_).filename() != "current") return "";
    root = root.parent_path();
  }
  return ExistingFile(root / "previous" / kBundleName);
}

std::string ContentSource::UpdateRoot() const {
  if (!watching()) return "";
  std::error_code ec;
  // The root itself (the appliance's --bundle /var/lib/qiao, even before anything is installed
  // there, or before qiao-update has made it), or its `current`.
  const fs::path bundle = bundle_;
  if (bundle.filename() == "current" && fs::is_symlink(bundle, ec)) return bundle.parent_path().string();
  if (fs::is_regular_file(bundle, ec) || fs::exists(bundle / kBundleName, ec)) return "";  // a bundle, a release
  return bundle_;
}

std::string ContentSource::ShownRelease() const {
  if (!watching() || shown_.empty() || shown_ == packs_dir_) return "";
  return fs::path(shown_).parent_path().string();
}

std::string ContentSource::Identity(const std::string& path) {
  if (path.empty()) return "";
  std::error_code ec;
  const fs::path real = fs::canonical(path, ec);
  if (ec) return "";
  const auto size = fs::file_size(real, ec);
  if (ec) return "";
  // As long long: the tick type differs between libstdc++ and the browser's libc++.
  const long long time = static_cast<long long>(fs::last_write_time(real, ec).time_since_epoch().count());
  return real.string() + "|" + std::to_string(static_cast<unsigned long long>(size)) + "|" + std::to_string(time);
}

content::Library ContentSource::Load() {
  const std::string file = watching() ? CurrentFile() : "";
  if (file.empty()) {
    // A packs folder, or an appliance with no channel installed yet: the packs it shipped with.
    shown_ = packs_dir_;
    return content::LoadLibrary(packs_dir_);
  }
  // Read by its real path: problems name the release, which stays what it is when `current` moves.
  shown_ = RealPath(file);
  content::Bundle b = content::LoadBundleFile(shown_);
  shown_identity_ = Identity(file);
  if (!b.library.errors.empty()) {
    // A release that does not load cleanly (damaged on disk since qiao-update checked it):
    // the one before it, if that one does, and the operator is told why.
    if (const std::string previous = PreviousFile(); !previous.empty()) {
      content::Bundle p = content::LoadBundleFile(RealPath(previous));
      if (p.library.errors.empty() && !p.library.packs.empty()) {
        problems_.push_back(Headline(shown_, b.library.errors.size()) + "; showing the previous release, " +
                            RealPath(previous));
        for (const content::LoadError& e : b.library.errors) problems_.push_back(e.ToString());
        refused_identity_ = shown_identity_;
        shown_identity_ = Identity(previous);
        shown_ = RealPath(previous);
        index_ = std::move(p.index);
        return std::move(p.library);
      }
    }
  }
  index_ = std::move(b.index);
  return std::move(b.library);  // what was good, with its errors
}

std::optional<content::Library> ContentSource::CheckForNew(double now) {
  last_check_ = now;
  if (!watching()) return std::nullopt;
  const std::string file = CurrentFile();
  const std::string id = Identity(file);
  if (id.empty() || id == shown_identity_ || id == refused_identity_) return std::nullopt;
  content::Bundle b = content::LoadBundleFile(RealPath(file));
  if (!b.library.errors.empty() || b.library.packs.empty()) {
    refused_identity_ = id;
    problems_.clear();
    problems_.push_back(Headline(RealPath(file), b.library.errors.size()) + ": new content not shown; still showing " +
                        shown_);
    for (const content::LoadError& e : b.library.errors) problems_.push_back(e.ToString());
    return std::nullopt;
  }
  shown_ = RealPath(file);
  shown_identity_ = id;
  refused_identity_.clear();
  problems_.clear();
  index_ = std::move(b.index);
  return std::move(b.library);
}

double ContentSource::NextCheck() const {
  if (!watching()) return std::numeric_limits<double>::infinity();
  return std::max(last_input_, last_check_) + quiet_period_;
}

}  // namespace qiao::ui
