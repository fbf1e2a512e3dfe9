#include "platform/watchdog.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>

namespace qiao::platform {

Watchdog::Watchdog() {
  const char* usec = std::getenv("WATCHDOG_USEC");
  if (!usec || !std::getenv("NOTIFY_SOCKET")) return;
  const double seconds = std::strtod(usec, nullptr) / 1e6;
  if (seconds > 0) interval_ = seconds / 2;  // as systemd advises: well within the limit
}

void Watchdog::Ready() {
  if (ready_) return;
  ready_ = true;
  sd_notify(0, "READY=1");
  if (interval_ > 0) next_ = 0;  // the first ping at once
}

void Watchdog::Tick(double now) {
  if (interval_ <= 0 || !ready_ || now < next_) return;
  sd_notify(0, "WATCHDOG=1");
  next_ = now + interval_;
}

}  // namespace qiao::platform
