// The kiosk's speech through SDL2 audio: utterances from the announcer (accessibility/) become
// samples, by libespeak-ng (a11y::Synthesizer) for voices or SDL_LoadWAV for recorded clips,
// and are queued on one SDL audio device. Synthesis runs on a worker thread so the UI never
// waits; Stop() drops everything queued at once (any user action interrupts speech).
#pragma once

#include "accessibility/announcer.h"

#include <memory>
#include <string>

namespace qiao::platform {

class SdlSpeechOutput : public a11y::SpeechOutput {
 public:
  // Opens the default audio device (mono, 16-bit, espeak-ng's rate). Null with `error` set when
  // there is no audio device or no speech data; the kiosk then runs silent and says why.
  static std::unique_ptr<SdlSpeechOutput> Open(std::string* error);
  ~SdlSpeechOutput() override;

  void Speak(const a11y::Utterance& u) override;
  void Stop() override;
  void SetPaused(bool paused) override;
  void SetVolume(float volume) override;
  void SetRate(int words_per_minute) override;

  // Bytes waiting in the device queue (tests: something was, or was not, queued).
  unsigned QueuedBytes() const;
  // Waits until every utterance handed over so far has been turned into samples.
  void Flush();
  int sample_rate() const;

  struct State;  // worker thread, queue, device: audio.cpp

 private:
  SdlSpeechOutput() = default;
  std::unique_ptr<State> state_;
};

}  // namespace qiao::platform
