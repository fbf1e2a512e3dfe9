// The operator's screen while a USB stick updates the content (issue 16): qiao-update, started
// by udev when a stick with QIAO/channel.json is plugged in, writes what it is doing into the
// update root (store/update_status.h). The kiosk looks at that file about once a second (a stat;
// it is read only when it changed) and shows, over whatever screen is up, in the kiosk's
// current language: "Updating from the USB stick: do not remove it", then what changed or why
// the update was refused, then "You may remove the stick now" (screens: DrawUpdateDialog).
//
// A result that was already there when the kiosk started is not shown again (a restart must not
// bring back last week's notice). An "updating" whose qiao-update is gone (killed, power cut) is
// shown as interrupted, never as "do not remove it" for ever.
#pragma once

#include "store/update_status.h"

#include <limits>
#include <string>

namespace qiao::ui {

class UpdateNotice {
 public:
  static constexpr double kPollSeconds = 1.0;

  // `root`: the update root holding the status file; "" = no updates here (nothing is shown).
  explicit UpdateNotice(std::string root);

  // Looks at the status file when a poll is due. True when what is shown changed.
  bool Poll(double now);
  double NextPoll() const { return root_.empty() ? std::numeric_limits<double>::infinity() : next_poll_; }

  enum class View { kHidden, kUpdating, kInstalled, kRefused, kFailed, kInterrupted };
  View view() const { return view_; }
  bool visible() const { return view_ != View::kHidden; }
  // The operator may close it once the update has ended (OK).
  bool can_dismiss() const { return visible() && view_ != View::kUpdating; }
  void Dismiss();
  const store::UpdateStatus& status() const { return status_; }

 private:
  View ViewOf(const store::UpdateStatus& s) const;
  std::string Key(View view) const;

  std::string root_, path_;
  double next_poll_ = 0;
  bool first_poll_ = true, have_status_ = false;
  std::string identity_;       // of the file last read
  std::string dismissed_key_;  // run, view and removable of what was closed (or was old)
  store::UpdateStatus status_;
  View view_ = View::kHidden;
  std::string shown_key_;
};

}  // namespace qiao::ui
