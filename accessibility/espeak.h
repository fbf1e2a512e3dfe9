// Text to speech with libespeak-ng, in process, synthesizing into a buffer: no audio device
// here (app/platform/audio.cpp plays the samples; tests inspect them). espeak-ng keeps global
// state, so there is one Synthesizer per process and calls are serialized inside.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::a11y {

class Synthesizer {
 public:
  // Starts espeak-ng with its installed data (Debian: espeak-ng-data). Null with `error` set if
  // the data is missing; the kiosk then runs silent and says so at start-up.
  static std::shared_ptr<Synthesizer> Get(std::string* error);
  ~Synthesizer();

  int sample_rate() const { return sample_rate_; }  // mono, signed 16-bit
  // Appends the speech for `text` (UTF-8) in `voice` (an espeak-ng voice or language name such
  // as "cmn-latn-pinyin", "ug", "en-us") at `words_per_minute`. False if the voice is unknown.
  bool Synthesize(std::string_view text, const std::string& voice, int words_per_minute,
                  std::vector<int16_t>* pcm);
  // Lets a long synthesis stop early (another thread calls this on interruption).
  void Cancel();

 private:
  Synthesizer() = default;
  int sample_rate_ = 0;
};

}  // namespace qiao::a11y
