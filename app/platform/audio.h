// The kiosk's speech through SDL2 audio: utterances from the announcer (accessibility/) become
// samples, by libespeak-ng (a11y::Synthesizer) for voices or SDL_LoadWAV for recorded clips,
// and are queued on one SDL audio device. Synthesis runs on a worker thread so the UI never
// waits; Stop() drops everything queued at once (any user action interrupts speech).
#pragma once

#include "accessibility/announcer.h"

#include <memory>
#include <string>
#include <vector>
#include <cstdint>

namespace qiao::a11y { class Synthesizer; }

namespace qiao::platform {

// The samples for one utterance, mono S16 at `freq`: the clip converted, or the voice's speech
// (a11y::Synthesizer::SynthesizeFor). Empty with `error` set when it cannot be rendered.
// The kiosk's audio device and `qiao-kiosk --say` both use this.
std::vector<int16_t> RenderUtterance(const a11y::Utterance& u, a11y::Synthesizer& synth, int freq,
                                     int words_per_minute, std::string* error);

class SdlSpeechOutput : public a11y::SpeechOutput {
 public:
  // Opens the default audio device (mono, 16-bit, espeak-ng's rate). Null with `error` set when
  // there is no speech data or no audio subsystem; the kiosk then runs silent and says why.
  // A machine with no sound card yet is not an error: `notice` says so in one line (no ALSA
  // library noise) and speech starts when a device appears.
  static std::unique_ptr<SdlSpeechOutput> Open(std::string* error, std::string* notice = nullptr);
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
  bool has_device() const;

  struct State;  // worker thread, queue, device: audio.cpp

 private:
  SdlSpeechOutput() = default;
  std::unique_ptr<State> state_;
};

}  // namespace qiao::platform
