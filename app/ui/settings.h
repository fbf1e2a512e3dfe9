// Learner-facing settings (persisted) and the operator's kiosk configuration (read-only JSON).
#pragma once

#include "ui/theme.h"

#include <map>
#include <string>
#include <vector>

namespace qiao::ui {

// Kiosk settings a learner can change: not personal data, so they persist across restarts
// (data_dir/settings.json). Volume is not here: it resets after every session by design.
struct Settings {
  int text_scale_index = 0;  // into kTextScales
  ThemeId theme = ThemeId::kStandard;
  bool speech = true;
  int speech_rate = 150;  // words per minute, 80..300

  float text_scale() const;
};

// Operator configuration, documented in README.md ("Kiosk configuration").
struct KioskConfig {
  std::string operator_pin;          // needed to leave --kiosk mode; empty = cannot leave from the screen
  double idle_timeout_seconds = 120;  // no input for this long -> "Are you still there?"
  double idle_warning_seconds = 15;   // then the session is cleared
  std::string default_locale;         // "" = start at the language picker
  // Accessibility (README "Speech, keys, touch-and-hear and switches").
  double repeat_key_seconds = 0.5;    // an identical key again within this is ignored; 0 = off
  std::string switch_access = "off";  // "off", "one" (auto-scan) or "two" (step + select)
  double scan_interval_seconds = 1.2; // one-switch auto-scan: seconds per item
  std::vector<std::string> switch_keys = {"Space", "Enter"};  // switch 1, switch 2
  bool headset = false;               // audio goes to a headset only: PIN digits may be spoken
  std::map<std::string, bool> synthetic_voices;  // "syntheticVoices": {"bo": false} turns Qiao's bo voice off
};

// Reads settings through the crash-safe store (app/store): a missing file gives defaults
// silently; a corrupt one is reported in `problems` and the previous good version is used (or
// the defaults, with file:line:col: pointer: message for a hand-edited file).
Settings LoadSettings(const std::string& path, std::vector<std::string>* problems);
// Writes through the crash-safe store: a power cut never leaves half a file.
bool SaveSettingsFile(const std::string& path, const Settings& settings, std::string* error);

KioskConfig LoadKioskConfig(const std::string& path, std::vector<std::string>* problems);

}  // namespace qiao::ui
