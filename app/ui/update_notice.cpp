#include "ui/update_notice.h"

#include <sys/stat.h>

#include <filesystem>

namespace qiao::ui {

namespace {

// Changes whenever qiao-update writes the file (store::Write renames a new file over it).
std::string Identity(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "";
  return std::to_string(st.st_ino) + "|" + std::to_string(st.st_size) + "|" + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

UpdateNotice::UpdateNotice(std::string root) : root_(std::move(root)) {
  if (!root_.empty()) path_ = (std::filesystem::path(root_) / std::string(store::kUpdateStatusFile)).string();
}

UpdateNotice::View UpdateNotice::ViewOf(const store::UpdateStatus& s) const {
  switch (s.state) {
    case store::UpdateState::kUpdating: return store::UpdaterAlive(s) ? View::kUpdating : View::kInterrupted;
    case store::UpdateState::kInstalled: return View::kInstalled;
    case store::UpdateState::kRefused: return View::kRefused;
    case store::UpdateState::kFailed: return View::kFailed;
  }
  return View::kHidden;
}

std::string UpdateNotice::Key(View view) const {
  return status_.run + "|" + std::to_string(static_cast<int>(view)) + "|" + (status_.removable ? "1" : "0");
}

bool UpdateNotice::Poll(double now) {
  if (root_.empty() || now < next_poll_) return false;
  next_poll_ = now + kPollSeconds;
  if (const std::string id = Identity(path_); id != identity_) {
    identity_ = id;
    std::string error;
    if (std::optional<store::UpdateStatus> s = store::ReadUpdateStatus(root_, &error)) {
      status_ = std::move(*s);
      have_status_ = true;
    }
  }
  View view = have_status_ ? ViewOf(status_) : View::kHidden;
  const std::string key = Key(view);
  if (first_poll_) {
    first_poll_ = false;
    if (view != View::kUpdating) dismissed_key_ = key;  // from before the kiosk started
  }
  if (key == dismissed_key_) view = View::kHidden;
  const bool changed = view != view_ || (view != View::kHidden && key != shown_key_);
  view_ = view;
  shown_key_ = key;
  return changed;
}

void UpdateNotice::Dismiss() {
  if (!can_dismiss()) return;
  dismissed_key_ = shown_key_;
  view_ = View::kHidden;
}

}  // namespace qiao::ui
