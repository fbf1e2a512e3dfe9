// The one place for the limits of the kiosk's own speech: the settings file, the Settings screen,
// the keys and the announcer all clamp and step with these.
#pragma once

namespace qiao::a11y {

struct SpeechLimits {
  static constexpr int kMinRate = 80;        // words per minute: slow enough for any listener
  static constexpr int kMaxRate = 300;       // a screen-reader user's brisk pace
  static constexpr int kDefaultRate = 150;   // unhurried (espeak-ng's own default is 175)
  static constexpr int kRateStep = 25;       // one press of Slower / Faster
  static constexpr float kMinVolume = 0.1f;  // never silent by accident
  static constexpr float kMaxVolume = 1.0f;
  static constexpr float kDefaultVolume = 0.8f;  // and again after every session
  static constexpr float kVolumeStep = 0.1f;     // one press of Quieter / Louder or a volume key
};

}  // namespace qiao::a11y
