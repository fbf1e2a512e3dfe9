// Preview for trainers (`--watch PATH`): a pack file or a folder of packs, shown instead of the
// bundled packs and reloaded within a second of a save. A save with problems is reported and the
// last good version stays on screen.
#pragma once

#include "content/pack.h"

#include <optional>
#include <string>
#include <vector>

namespace qiao::ui {

class PreviewWatcher {
 public:
  explicit PreviewWatcher(std::string path);
  // The watched packs as they are now.
  content::Library Load() const;
  // Checks the files when `now` has reached the next poll (4 times a second). A fresh library
  // when a save loaded without problems; nullopt otherwise (errors() says why, if it failed).
  std::optional<content::Library> Poll(double now);
  // The last save's problems; empty when it loaded cleanly.
  const std::vector<std::string>& errors() const { return errors_; }
  double next_poll() const { return next_poll_; }
  // True once after a poll noticed a save (good or broken): the screen should redraw.
  bool TakeChanged();

 private:
  std::string Stamp() const;  // changes when a watched file is saved

  std::string path_;
  std::string stamp_;
  double next_poll_ = 0;
  bool changed_ = false;
  std::vector<std::string> errors_;
};

}  // namespace qiao::ui
