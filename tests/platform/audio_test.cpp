// Speech through SDL2 audio, with SDL's dummy driver (no sound card in CI): utterances become
// queued samples, clips are decoded and resampled, Stop() empties the queue at once. The
// recording studio's device: a WAV file or SDL capture as the microphone, playback, and a kept
// take measured again here with libebur128 (loudness, true peak) and read with libsndfile.
#include "platform/audio.h"

#include "accessibility/espeak.h"
#include "wav_writer.h"

#include <SDL.h>
#include <ebur128.h>
#include <gtest/gtest.h>
#include <sndfile.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <iterator>

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

// [SECTION] The recording studio's device and keeping a take

namespace {

namespace fs = std::filesystem;

struct Measured {
  double lufs = 0, true_peak_dbfs = 0, seconds = 0;
  int rate = 0, channels = 0;
};

// Reads a kept clip back with libsndfile and measures it with libebur128, independently of the
// code that wrote it.
Measured Measure(const fs::path& wav) {
  Measured m;
  SF_INFO info{};
  SNDFILE* f = sf_open(wav.c_str(), SFM_READ, &info);
  EXPECT_NE(f, nullptr) << wav << ": " << sf_strerror(nullptr);
  if (!f) return m;
  std::vector<float> samples(static_cast<size_t>(info.frames) * info.channels);
  sf_readf_float(f, samples.data(), info.frames);
  sf_close(f);
  m.rate = info.samplerate;
  m.channels = info.channels;
  m.seconds = double(info.frames) / info.samplerate;
  ebur128_state* st = ebur128_init(info.channels, info.samplerate, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
  ebur128_add_frames_float(st, samples.data(), info.frames);
  ebur128_loudness_global(st, &m.lufs);
  double peak = 0;
  ebur128_true_peak(st, 0, &peak);
  m.true_peak_dbfs = 20 * std::log10(peak);
  ebur128_destroy(&st);
  return m;
}

// espeak-ng's speech scaled by `gain`, with `pad` seconds of low noise (a quiet room) around it.
std::vector<float> Take(float gain, double pad, int rate, double* speech_seconds) {
  std::string error;
  auto synth = a11y::Synthesizer::Get(&error);
  EXPECT_TRUE(synth) << error;
  std::vector<int16_t> pcm;
  EXPECT_TRUE(synth->Synthesize("Scan the code on the poster with your phone.", "en-us", 150, &pcm));
  // To the studio's rate, as SDL would give it.
  SDL_AudioCVT cvt;
  SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, 1, synth->sample_rate(), AUDIO_F32SYS, 1, rate);
  std::vector<Uint8> data(pcm.size() * 2 * cvt.len_mult);
  std::memcpy(data.data(), pcm.data(), pcm.size() * 2);
  cvt.buf = data.data();
  cvt.len = static_cast<int>(pcm.size() * 2);
  SDL_ConvertAudio(&cvt);
  std::vector<float> speech(cvt.len_cvt / sizeof(float));
  std::memcpy(speech.data(), data.data(), speech.size() * sizeof(float));
  *speech_seconds = double(speech.size()) / rate;
  std::vector<float> take;
  uint32_t noise = 12345;  // a fixed LCG: the same hiss every run
  auto hiss = [&] {
    noise = noise * 1664525u + 1013904223u;
    return (float(noise >> 8) / float(1u << 24) - 0.5f) * 0.002f;  // about -60 dBFS
  };
  for (size_t i = 0; i < size_t(pad * rate); ++i) take.push_back(hiss());
  for (float s : speech) take.push_back(s * gain + hiss());
  for (size_t i = 0; i < size_t(pad * rate); ++i) take.push_back(hiss());
  return take;
}

class Studio : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qiao-studio-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

}  // namespace

TEST_F(Studio, AKeptTakeIsTrimmedAndNormalisedToMinus16LufsWithItsPeakBelowMinus1Dbfs) {
  for (float gain : {0.05f, 0.4f, 1.0f}) {  // a quiet speaker, a normal one, one too close
    SCOPED_TRACE(gain);
    double speech_seconds = 0;
    std::vector<float> take = Take(gain, 1.5, 48000, &speech_seconds);
    std::string path, error;
    a11y::TakeReport report;
    ASSERT_TRUE(a11y::KeepClip(dir_.string(), "bo", "ཁྱེད་ཀྱིས་ཅི་ཞིག་བྱེད་འདོད།", "home.title", take, 48000, &path,
                               &report, &error))
        << error;
    const Measured m = Measure(path);
    EXPECT_EQ(m.channels, 1);
    EXPECT_EQ(m.rate, 48000);
    EXPECT_LE(m.true_peak_dbfs, -1.0 + 0.05) << "true peak within the ceiling (16-bit rounding aside)";
    // -16 LUFS, although espeak-ng's speech (like a person's) peaks more than 15 dB above its
    // loudness: the limiter, not a lower gain, keeps those peaks under the ceiling.
    EXPECT_NEAR(m.lufs, -16.0, 0.3) << "peak " << m.true_peak_dbfs << " dBFS";
    // The 1.5 s of quiet on each side is gone, all but a short margin.
    EXPECT_LT(m.seconds, speech_seconds + 0.5);
    EXPECT_GT(m.seconds, speech_seconds - 0.3) << "the speech itself is kept whole";
  }
  // The index the kiosk reads lists it, by the text's hash.
  a11y::ClipLibrary clips;
  std::vector<std::string> problems;
  clips.AddFolder(dir_.string(), &problems);
  EXPECT_TRUE(problems.empty()) << problems[0];
  ASSERT_NE(clips.Find("bo", "ཁྱེད་ཀྱིས་ཅི་ཞིག་བྱེད་འདོད།"), nullptr);
  EXPECT_EQ(clips.clips().begin()->second.source, "home.title");
}

TEST_F(Studio, ASilentTakeIsRefusedAndNothingIsWritten) {
  std::vector<float> silence(48000 * 2, 0.0005f);
  std::string path, error;
  EXPECT_FALSE(a11y::KeepClip(dir_.string(), "en", "Next", "nav.next", silence, 48000, &path, nullptr, &error));
  EXPECT_NE(error.find("nothing was heard"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(dir_ / "audio" / "en" / "clips.json"));
}

TEST_F(Studio, AClipsIndexThatCannotBeReadIsLeftAloneAndTheTakeRefused) {
  fs::create_directories(dir_ / "audio" / "en");
  { std::ofstream(dir_ / "audio" / "en" / "clips.json") << "{\"clips\": {\"1234\": "; }
  double seconds = 0;
  std::string path, error;
  EXPECT_FALSE(a11y::KeepClip(dir_.string(), "en", "Next", "nav.next", Take(0.4f, 0.2, 48000, &seconds), 48000,
                              &path, nullptr, &error));
  EXPECT_NE(error.find("clips.json"), std::string::npos) << error;
  std::ifstream f(dir_ / "audio" / "en" / "clips.json");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(f), {}), "{\"clips\": {\"1234\": ") << "what a person wrote stays";
}

TEST(StudioDevice, AWavFileIsTheMicrophoneAndTheTakeIsPlayedBackOnTheSpeechDevice) {
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  std::string error;
  auto speech = platform::SdlSpeechOutput::Open(&error);
  ASSERT_TRUE(speech) << error;
  speech->SetPaused(true);  // keep the dummy device from consuming while we measure
  const fs::path wav = fs::temp_directory_path() / ("qiao-mic-" + std::to_string(::getpid()) + ".wav");
  WriteWav(wav, std::vector<int16_t>(22050, 1000), 22050);  // one second at another rate
  platform::SdlStudioDevice device(speech.get(), wav.string());
  ASSERT_TRUE(device.StartCapture(&error)) << error;
  const std::vector<float> take = device.StopCapture();
  EXPECT_NEAR(double(take.size()), device.sample_rate(), device.sample_rate() * 0.01) << "one second, resampled";
  EXPECT_NEAR(take[take.size() / 2], 1000 / 32768.0, 1e-3);
  device.Play(take);
  EXPECT_NEAR(double(speech->QueuedBytes()), speech->sample_rate() * 2.0, speech->sample_rate() * 0.05)
      << "one second of 16-bit samples at the device's rate";
  fs::remove(wav);
}

TEST(StudioDevice, QiaoMicWavIsHonouredByTheCaptureCode) {
  const fs::path wav = fs::temp_directory_path() / ("qiao-mic-env-" + std::to_string(::getpid()) + ".wav");
  WriteWav(wav, std::vector<int16_t>(4800, 500), 48000);
  setenv("QIAO_MIC_WAV", wav.c_str(), 1);
  platform::SdlStudioDevice device(nullptr, "");
  unsetenv("QIAO_MIC_WAV");
  EXPECT_EQ(device.mic_wav(), wav.string());
  std::string error;
  ASSERT_TRUE(device.StartCapture(&error)) << error;
  EXPECT_EQ(device.StopCapture().size(), 4800u);
  fs::remove(wav);
}

TEST(StudioDevice, SdlCaptureRecordsFromTheMicrophone) {
  // SDL's dummy driver has a capture device that hears silence: the take is whatever SDL
  // queued, and keeping it is refused as silent (never a file of nothing).
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  platform::SdlStudioDevice device(nullptr, "");
  std::string error;
  ASSERT_TRUE(device.StartCapture(&error)) << error;
  SDL_Delay(50);
  const std::vector<float> take = device.StopCapture();
  for (float s : take) ASSERT_EQ(s, 0.0f);
  std::string path;
  const fs::path dir = fs::temp_directory_path() / ("qiao-capture-" + std::to_string(::getpid()));
  EXPECT_FALSE(device.Keep(dir.string(), "en", "Next", "nav.next", take, &path, nullptr, &error));
  fs::remove_all(dir);
}

TEST(StudioDevice, WithoutASoundCardThereIsNoMicrophoneAndNoAlsaNoise) {
  std::ifstream cards("/proc/asound/cards");
  std::string first;
  std::getline(cards, first);
  if (cards && first.find("no soundcards") == std::string::npos)
    GTEST_SKIP() << "this machine has a sound card: " << first;
  setenv("SDL_AUDIODRIVER", "alsa", 1);
  platform::SdlStudioDevice device(nullptr, "");
  std::string error;
  ::testing::internal::CaptureStderr();
  const bool started = device.StartCapture(&error);
  const std::string printed = ::testing::internal::GetCapturedStderr();
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  if (error.find("no audio:") == 0) GTEST_SKIP() << "SDL has no ALSA driver here: " << error;
  EXPECT_FALSE(started);
  EXPECT_EQ(error.find("no microphone"), 0u) << error;
  EXPECT_EQ(printed.find("ALSA lib"), std::string::npos) << printed;
}
