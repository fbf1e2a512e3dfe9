// systemd's watchdog for the appliance (packaging/qiao-kiosk.service: Type=notify, WatchdogSec,
// NotifyAccess=all). The kiosk runs as the child of cage, not as the unit's main process, so
// libsystemd's sd_watchdog_enabled() (which insists on WATCHDOG_PID being this process) says no:
// the interval is read from WATCHDOG_USEC here, and sd_notify sends READY=1 after the first frame
// and WATCHDOG=1 from the main loop at half the interval. A kiosk that hangs stops pinging and
// systemd restarts it. Without WATCHDOG_USEC or NOTIFY_SOCKET (a developer's run) it does nothing.
#pragma once

#include <limits>

namespace qiao::platform {

class Watchdog {
 public:
  Watchdog();
  // After the first frame is on screen.
  void Ready();
  // Once per pass of the main loop; pings when the time has come.
  void Tick(double now);
  // When the loop must wake up next for a ping (an idle kiosk otherwise sleeps until input).
  double NextPing() const { return next_; }

 private:
  double interval_ = 0;  // seconds between pings; 0 = off
  double next_ = std::numeric_limits<double>::infinity();
  bool ready_ = false;
};

}  // namespace qiao::platform
