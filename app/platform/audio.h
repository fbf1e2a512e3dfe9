// The kiosk's speech through SDL2 audio: utterances from the announcer (accessibility/) become
// samples, by libespeak-ng (a11y::Synthesizer) for voices or SDL_LoadWAV for recorded clips,
// and are queued on one SDL audio device. Synthesis runs on a worker thread so the UI never
// waits; Stop() drops everything queued at once (any user action interrupts speech).
#pragma once

#include "accessibility/announcer.h"
#include "ui/studio.h"

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

  // Plays samples now (the recording studio's playback), dropping what was queued: mono S16
  // at `rate`, converted to the device's rate.
  void PlaySamples(const std::vector<int16_t>& pcm, int rate);

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

// The recording studio's microphone, speaker and disk (ui::StudioDevice): SDL audio capture
// (SDL_OpenAudioDevice with iscapture=1, mono float at 48 kHz), playback through the kiosk's
// speech output, and a11y::KeepClip.
//
// Tests and demonstrations use a WAV file as the microphone: `mic_wav` (qiao-kiosk --mic-wav
// FILE), or else the environment variable QIAO_MIC_WAV, honoured here and nowhere else. Then
// every take is that whole file, however long Record is held, and no capture device is opened.
class SdlStudioDevice : public ui::StudioDevice {
 public:
  // `speech` plays takes back (may be null: nothing is heard, played() still counts).
  SdlStudioDevice(SdlSpeechOutput* speech, std::string mic_wav);
  ~SdlStudioDevice() override;

  bool StartCapture(std::string* error) override;
  std::vector<float> StopCapture() override;
  int sample_rate() const override { return rate_; }
  void Play(const std::vector<float>& take) override;
  bool Keep(const std::string& root, const std::string& locale, const std::string& text, const std::string& source,
            const std::vector<float>& take, std::string* path, a11y::TakeReport* report,
            std::string* error) override;

  // Takes played back so far (tests: playback happened).
  int played() const { return played_; }
  const std::string& mic_wav() const { return mic_wav_; }

 private:
  SdlSpeechOutput* speech_;
  std::string mic_wav_;
  int rate_ = 48000;
  unsigned device_ = 0;  // SDL_AudioDeviceID of the open capture device, or 0
  bool audio_initialized_ = false;
  int played_ = 0;
};

}  // namespace qiao::platform
