// Speech through SDL2 audio, with SDL's dummy driver (no sound card in CI): utterances become
// queued samples, clips are decoded and resampled, Stop() empties the queue at once.
#include "platform/audio.h"

#include "accessibility/espeak.h"
#include "wav_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace qiao;
using qiao::testing::WriteWav;

namespace {

class Audio : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    std::string error;
    out_ = platform::SdlSpeechOutput::Open(&error);
    ASSERT_TRUE(out_) << error;
  }
  std::unique_ptr<platform::SdlSpeechOutput> out_;
};

}  // namespace

TEST_F(Audio, SpeechIsQueuedOnTheDeviceAndStopSilencesIt) {
  a11y::Utterance u{"Scan the QR code on the poster with your phone.", "en", "en-us", "", false};
  out_->Speak(u);
  out_->Flush();
  const unsigned queued = out_->QueuedBytes();
  EXPECT_GT(queued, unsigned(out_->sample_rate()))  // more than half a second of 16-bit samples
      << "speech reached the audio device";
  out_->Stop();
  EXPECT_EQ(out_->QueuedBytes(), 0u) << "any user action silences speech at once";
}

TEST_F(Audio, AClipIsDecodedAndResampledToTheDevice) {
  namespace fs = std::filesystem;
  std::string error;
  auto synth = a11y::Synthesizer::Get(&error);
  ASSERT_TRUE(synth);
  std::vector<int16_t> pcm;
  ASSERT_TRUE(synth->Synthesize("你好", "cmn-latn-pinyin", 150, &pcm));
  // Written as if recorded at half the device's rate: the device must get twice the samples.
  const fs::path wav = fs::temp_directory_path() / ("qiao-clip-" + std::to_string(::getpid()) + ".wav");
  WriteWav(wav, pcm, out_->sample_rate() / 2);
  out_->SetPaused(true);  // keep the dummy device from consuming while we measure
  out_->Speak(a11y::Utterance{"你好", "bo", "", wav.string(), false});
  out_->Flush();
  const double expected = pcm.size() * 2.0 * 2.0 + out_->sample_rate() / 8 * 2;  // + the pause
  EXPECT_NEAR(out_->QueuedBytes(), expected, expected * 0.05);
  fs::remove(wav);
}

TEST_F(Audio, AMissingClipIsSkippedWithoutStoppingSpeech) {
  out_->SetPaused(true);
  out_->Speak(a11y::Utterance{"x", "bo", "", "/nonexistent/clip.wav", false});
  out_->Speak(a11y::Utterance{"Next", "en", "en-us", "", false});
  out_->Flush();
  EXPECT_GT(out_->QueuedBytes(), unsigned(out_->sample_rate() / 4));
}

// A kiosk with no sound card (or none plugged in yet) starts with one line saying so, not a
// screen of ALSA library errors, and keeps its speech output so a headset plugged in later is
// used (the device is opened again when there is something to say).
TEST(AudioWithoutASoundCard, StartsWithOneLineAndNoAlsaNoise) {
  std::ifstream cards("/proc/asound/cards");
  std::string first;
  std::getline(cards, first);
  if (cards && first.find("no soundcards") == std::string::npos)
    GTEST_SKIP() << "this machine has a sound card: " << first;
  setenv("SDL_AUDIODRIVER", "alsa", 1);
  std::string error, notice;
  ::testing::internal::CaptureStderr();
  auto out = platform::SdlSpeechOutput::Open(&error, &notice);
  const std::string printed = ::testing::internal::GetCapturedStderr();
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  if (!out && error.find("no audio:") == 0) GTEST_SKIP() << "SDL has no ALSA driver here: " << error;
  ASSERT_TRUE(out) << error;
  EXPECT_FALSE(out->has_device());
  EXPECT_NE(notice.find("no audio output yet"), std::string::npos) << notice;
  EXPECT_EQ(printed.find("ALSA lib"), std::string::npos) << printed;
  // Speaking without a device neither blocks nor crashes.
  out->Speak(a11y::Utterance{"Next", "en", "en-us", "", false});
  out->Flush();
  EXPECT_EQ(out->QueuedBytes(), 0u);
}
