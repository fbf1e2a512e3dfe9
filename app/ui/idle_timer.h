// The idle reset: after `timeout` seconds without input the kiosk asks "Are you still there?";
// after `warning` seconds more the learner's session is forgotten. Times are seconds on the
// monotonic clock App::Frame is handed.
#pragma once

namespace qiao::ui {

class IdleTimer {
 public:
  IdleTimer(double timeout_seconds, double warning_seconds)
      : timeout_(timeout_seconds), warning_(warning_seconds) {}

  enum class State { kActive, kWarning, kReset };
  // Someone touched the kiosk: the warning goes away.
  void Input(double now);
  // Where to be now. `armed` is false where there is nothing to protect (the first screen of a
  // fresh session, a learner's own device): the clock then keeps restarting.
  State Update(double now, bool armed);
  bool warning() const { return warning_shown_; }
  // Seconds until the reset, during the warning (rounded up for the countdown by the caller).
  double SecondsLeft(double now) const;
  // The next time a frame is needed to keep this timer honest (the warning, each second of the
  // countdown, the reset); infinity when unarmed.
  double Deadline(double now, bool armed) const;

 private:
  double timeout_, warning_;
  double last_input_ = -1;  // before the first frame: set by the first Update
  bool warning_shown_ = false;
};

}  // namespace qiao::ui
