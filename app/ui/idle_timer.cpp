#include "ui/idle_timer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qiao::ui {

void IdleTimer::Input(double now) {
  last_input_ = now;
  warning_shown_ = false;  // any touch means someone is there
}

IdleTimer::State IdleTimer::Update(double now, bool armed) {
  if (last_input_ < 0 || !armed) {
    last_input_ = now;
    warning_shown_ = false;
    return State::kActive;
  }
  const double idle = now - last_input_;
  if (idle >= timeout_ + warning_) {
    last_input_ = now;
    warning_shown_ = false;
    return State::kReset;
  }
  if (idle >= timeout_) warning_shown_ = true;
  return warning_shown_ ? State::kWarning : State::kActive;
}

double IdleTimer::SecondsLeft(double now) const {
  return std::max(0.0, last_input_ + timeout_ + warning_ - now);
}

double IdleTimer::Deadline(double now, bool armed) const {
  if (!armed) return std::numeric_limits<double>::infinity();
  if (!warning_shown_) return last_input_ + timeout_;
  // During the warning, redraw each second for the countdown.
  return std::min(last_input_ + timeout_ + warning_, std::floor(now) + 1.0);
}

}  // namespace qiao::ui
