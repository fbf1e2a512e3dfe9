// Text to speech with libespeak-ng, in process, synthesizing into a buffer: no audio device
// here (app/platform/audio.cpp plays the samples; tests inspect them). espeak-ng keeps global
// state, so there is one Synthesizer per process and calls are serialized inside.
// The engine reads the kiosk's own espeak-ng data folder (voices/ builds it: Debian's voices
// unchanged plus Qiao's mn, ii, za and bo), or Debian's when that folder is missing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::a11y {

// The voice another person's lines are spoken in (the caller of a rehearsed scam call): the same
// espeak-ng voice with its "f2" variant, a higher voice than the narrator's (median pitch 145 Hz
// against 91 Hz, measured for cmn), so a blind learner hears who is talking. Any variant already
// on `voice` ("en+m3") is replaced.
std::string CharacterVoice(const std::string& voice);

class Synthesizer {
 public:
  // Starts espeak-ng with its installed data (Debian: espeak-ng-data). Null with `error` set if
  // the data is missing; the kiosk then runs silent and says so at start-up.
  static std::shared_ptr<Synthesizer> Get(std::string* error);
  ~Synthesizer();

  int sample_rate() const { return sample_rate_; }  // mono, signed 16-bit
  // The folder espeak-ng was started on ("" = Debian's default data).
  const std::string& data_dir() const { return data_dir_; }
  // The folder holding the voices' text sources (voices/: transliteration rules).
  static std::string VoiceSources();
  // Appends the speech for `text` (UTF-8) in `voice` (an espeak-ng voice or language name such
  // as "cmn-latn-pinyin", "ug", "en-us") at `words_per_minute`. False if the voice is unknown.
  // `phonemes`: `text` is espeak-ng phoneme input ([[...]]).
  bool Synthesize(std::string_view text, const std::string& voice, int words_per_minute,
                  std::vector<int16_t>* pcm, bool phonemes = false);
  // What the kiosk does for an utterance's voice: `text` in `lang` prepared for the voice
  // (accessibility/speech_text.h: kk-Arab to Cyrillic, Tibetan to phonemes, numbers), then
  // synthesized. False with `error` set if the voice is unknown or the text cannot be prepared.
  bool SynthesizeFor(std::string_view text, std::string_view lang, const std::string& voice,
                     int words_per_minute, std::vector<int16_t>* pcm, std::string* error = nullptr);
  // Lets a long synthesis stop early (another thread calls this on interruption).
  void Cancel();

 private:
  Synthesizer() = default;
  int sample_rate_ = 0;
  std::string data_dir_;
};

}  // namespace qiao::a11y
