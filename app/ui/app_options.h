// What the platform (or a test) tells the App at start-up: where packs, catalogs and the data
// folder are, the operator's kiosk configuration, fonts, preview, the clock.
#pragma once

#include "text/text.h"
#include "ui/settings.h"

#include <cstdint>
#include <functional>
#include <string>

namespace qiao::ui {

struct AppOptions {
  std::string packs_dir = "lessons";
  // Content from a bundle instead (ContentSource): a .qbundle, a release folder, or the update
  // root whose `current` qiao-update switches; new content is swapped in at the idle reset.
  std::string bundle;
  std::string locales_dir = "locales";
  std::string data_dir;  // settings live here; empty = keep nothing on disk
  // A learner's own device (the browser without ?kiosk=1): the session is kept in
  // data_dir/session.json, restored at start, and there is no idle reset. Off at the kiosk.
  bool keep_session = false;
  KioskConfig config;
  text::FontOptions fonts;
  // Preview for trainers (--watch): a pack file or a folder of packs, shown instead of
  // packs_dir and reloaded within a second of a save (see PreviewWatcher).
  std::string watch;
  // Unix time in seconds, for dates shown and resume codes; the system clock unless a test sets it.
  std::function<int64_t()> wall_clock;
};

}  // namespace qiao::ui
