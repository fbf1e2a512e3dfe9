#include "platform/audio.h"

#include "accessibility/espeak.h"

#include <SDL.h>
#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace qiao::platform {

namespace {

// libasound prints a screenful of "ALSA lib ... cannot find card '0'" when a kiosk has no sound
// card; the kiosk says so in one line instead. SDL loads libasound itself, so its error handler
// is set through the same library, if it is there (no build dependency on ALSA).
extern "C" void IgnoreAlsaError(const char*, int, const char*, int, const char*, ...) {}

void SilenceAlsaErrors() {
  void* alsa = dlopen("libasound.so.2", RTLD_LAZY | RTLD_NOLOAD);
  if (!alsa) alsa = dlopen("libasound.so.2", RTLD_LAZY);
  if (!alsa) return;
  using Handler = void (*)(const char*, int, const char*, int, const char*, ...);
  using SetHandler = int (*)(Handler);
  if (auto set = reinterpret_cast<SetHandler>(dlsym(alsa, "snd_lib_error_set_handler")))
    set(IgnoreAlsaError);
}

}  // namespace

std::vector<int16_t> RenderUtterance(const a11y::Utterance& u, a11y::Synthesizer& synth, int freq,
                                     int words_per_minute, std::string* error) {
  std::vector<int16_t> pcm;
  if (u.clip.empty()) {
    std::string why;
    const std::string voice = u.character ? a11y::CharacterVoice(u.voice) : u.voice;
    if (!synth.SynthesizeFor(u.text, u.lang, voice, words_per_minute, &pcm, &why) && error)
      *error = "cannot speak [" + u.lang + "]: " + why;
    return pcm;
  }
  SDL_AudioSpec wav{};
  Uint8* buf = nullptr;
  Uint32 len = 0;
  if (!SDL_LoadWAV(u.clip.c_str(), &wav, &buf, &len)) {
    if (error) *error = "cannot play " + u.clip + ": " + SDL_GetError();
    return pcm;
  }
  SDL_AudioCVT cvt;
  if (SDL_BuildAudioCVT(&cvt, wav.format, wav.channels, wav.freq, AUDIO_S16SYS, 1, freq) >= 0) {
    std::vector<Uint8> data(static_cast<size_t>(len) * std::max(1, cvt.len_mult));
    std::memcpy(data.data(), buf, len);
    cvt.buf = data.data();
    cvt.len = static_cast<int>(len);
    if (SDL_ConvertAudio(&cvt) == 0) {
      pcm.resize(cvt.len_cvt / 2);
      std::memcpy(pcm.data(), data.data(), pcm.size() * 2);
    }
  }
  SDL_FreeWAV(buf);
  return pcm;
}

struct SdlSpeechOutput::State {
  std::shared_ptr<a11y::Synthesizer> synth;
  SDL_AudioDeviceID device = 0;
  SDL_AudioSpec spec{};
  std::mutex mutex;
  std::condition_variable wake, idle;
  std::deque<std::pair<uint64_t, a11y::Utterance>> queue;  // (generation, utterance)
  uint64_t generation = 0;  // bumped by Stop(): older work is dropped
  bool busy = false;
  bool quit = false;
  std::atomic<float> volume{a11y::Announcer::kDefaultVolume};
  std::atomic<int> rate{a11y::Announcer::kDefaultRate};
  std::thread worker;

  std::vector<int16_t> Render(const a11y::Utterance& u) {
    std::string error;
    std::vector<int16_t> pcm = RenderUtterance(u, *synth, spec.freq, rate.load(), &error);
    if (!error.empty()) SDL_Log("qiao-kiosk: %s", error.c_str());
    return pcm;
  }

  // Opens the default output; false (device stays 0) when there is none yet.
  bool OpenDevice() {
    SDL_AudioSpec want{};
    want.freq = synth->sample_rate();
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    device = SDL_OpenAudioDevice(nullptr, 0, &want, &spec, 0);
    if (!device) {
      spec.freq = synth->sample_rate();  // what Render converts clips to meanwhile
      return false;
    }
    SDL_PauseAudioDevice(device, paused ? 1 : 0);
    return true;
  }
  bool paused = false;

  // The studio's playback: replaces whatever was queued.
  void PlayNow(const std::vector<int16_t>& pcm, int rate) {
    std::vector<int16_t> out = pcm;
    SDL_AudioCVT cvt;
    if (rate != spec.freq && SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, 1, rate, AUDIO_S16SYS, 1, spec.freq) > 0) {
      std::vector<Uint8> data(pcm.size() * 2 * static_cast<size_t>(std::max(1, cvt.len_mult)));
      std::memcpy(data.data(), pcm.data(), pcm.size() * 2);
      cvt.buf = data.data();
      cvt.len = static_cast<int>(pcm.size() * 2);
      if (SDL_ConvertAudio(&cvt) != 0) return;
      out.resize(static_cast<size_t>(cvt.len_cvt) / 2);
      std::memcpy(out.data(), data.data(), out.size() * 2);
    }
    std::lock_guard<std::mutex> lock(mutex);
    ++generation;
    queue.clear();
    if (!device) OpenDevice();
    if (!device) return;
    SDL_ClearQueuedAudio(device);
    SDL_QueueAudio(device, out.data(), static_cast<Uint32>(out.size() * 2));
  }

  void Run() {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      wake.wait(lock, [&] { return quit || !queue.empty(); });
      if (quit) return;
      auto [gen, u] = std::move(queue.front());
      queue.pop_front();
      busy = true;
      lock.unlock();
      std::vector<int16_t> pcm = Render(u);
      const float v = volume.load();
      for (int16_t& s : pcm) s = static_cast<int16_t>(std::clamp(s * v, -32768.0f, 32767.0f));
      // A short pause between pieces, as a speaker breathes.
      pcm.insert(pcm.end(), static_cast<size_t>(spec.freq / 8), 0);
      lock.lock();
      if (device && SDL_GetAudioDeviceStatus(device) == SDL_AUDIO_STOPPED) {  // unplugged
        SDL_CloseAudioDevice(device);
        device = 0;
      }
      if (!device) OpenDevice();  // a headset plugged in since the last try
      if (gen == generation && !pcm.empty() && device)
        SDL_QueueAudio(device, pcm.data(), static_cast<Uint32>(pcm.size() * 2));
      busy = false;
      idle.notify_all();
    }
  }
};

std::unique_ptr<SdlSpeechOutput> SdlSpeechOutput::Open(std::string* error, std::string* notice) {
  auto state = std::make_unique<State>();
  std::string data_note;
  state->synth = a11y::Synthesizer::Get(&data_note);
  if (!state->synth) {
    *error = data_note;
    return nullptr;
  }
  if (notice) *notice = data_note;
  SilenceAlsaErrors();
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    *error = std::string("no audio: ") + SDL_GetError();
    return nullptr;
  }
  // No sound card (or no headset yet) is not an error: speech starts when one appears.
  if (!state->OpenDevice() && notice)
    *notice = (notice->empty() ? "" : *notice + "; ") +
              "no audio output yet: speech starts when a headset or speaker is plugged in";
  std::unique_ptr<SdlSpeechOutput> out(new SdlSpeechOutput());
  State* s = state.get();
  out->state_ = std::move(state);
  s->worker = std::thread([s] { s->Run(); });
  return out;
}

SdlSpeechOutput::~SdlSpeechOutput() {
  if (!state_) return;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->quit = true;
  }
  state_->synth->Cancel();
  state_->wake.notify_all();
  if (state_->worker.joinable()) state_->worker.join();
  if (state_->device) SDL_CloseAudioDevice(state_->device);
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SdlSpeechOutput::Speak(const a11y::Utterance& u) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->queue.emplace_back(state_->generation, u);
  state_->wake.notify_one();
}

void SdlSpeechOutput::Stop() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  ++state_->generation;
  state_->queue.clear();
  if (state_->busy) state_->synth->Cancel();  // a long sentence stops mid-word
  if (state_->device) SDL_ClearQueuedAudio(state_->device);
}

void SdlSpeechOutput::SetPaused(bool paused) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->paused = paused;
  if (state_->device) SDL_PauseAudioDevice(state_->device, paused ? 1 : 0);
}
void SdlSpeechOutput::SetVolume(float volume) { state_->volume = volume; }
void SdlSpeechOutput::SetRate(int wpm) { state_->rate = wpm; }
void SdlSpeechOutput::PlaySamples(const std::vector<int16_t>& pcm, int rate) {
  if (state_->busy) state_->synth->Cancel();
  state_->PlayNow(pcm, rate);
}
unsigned SdlSpeechOutput::QueuedBytes() const {
  return state_->device ? SDL_GetQueuedAudioSize(state_->device) : 0;
}
bool SdlSpeechOutput::has_device() const { return state_->device != 0; }
int SdlSpeechOutput::sample_rate() const { return state_->spec.freq; }

void SdlSpeechOutput::Flush() {
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->idle.wait(lock, [&] { return state_->queue.empty() && !state_->busy; });
}

// [SECTION] The recording studio's device

namespace {

// A WAV file as mono float at `rate` (SDL decodes and converts it, as it does clips).
bool LoadWavAsMono(const std::string& path, int rate, std::vector<float>* out, std::string* error) {
  SDL_AudioSpec wav{};
  Uint8* buf = nullptr;
  Uint32 len = 0;
  if (!SDL_LoadWAV(path.c_str(), &wav, &buf, &len)) {
    *error = "cannot read the microphone file " + path + ": " + SDL_GetError();
    return false;
  }
  SDL_AudioCVT cvt;
  bool ok = SDL_BuildAudioCVT(&cvt, wav.format, wav.channels, wav.freq, AUDIO_F32SYS, 1, rate) >= 0;
  if (ok) {
    std::vector<Uint8> data(static_cast<size_t>(len) * std::max(1, cvt.len_mult));
    std::memcpy(data.data(), buf, len);
    cvt.buf = data.data();
    cvt.len = static_cast<int>(len);
    ok = SDL_ConvertAudio(&cvt) == 0;
    if (ok) {
      out->resize(static_cast<size_t>(cvt.len_cvt) / sizeof(float));
      std::memcpy(out->data(), data.data(), out->size() * sizeof(float));
    }
  }
  if (!ok) *error = "cannot convert " + path + ": " + SDL_GetError();
  SDL_FreeWAV(buf);
  return ok;
}

}  // namespace

SdlStudioDevice::SdlStudioDevice(SdlSpeechOutput* speech, std::string mic_wav)
    : speech_(speech), mic_wav_(std::move(mic_wav)) {
  if (mic_wav_.empty())
    if (const char* env = std::getenv("QIAO_MIC_WAV"); env && *env) mic_wav_ = env;
}

SdlStudioDevice::~SdlStudioDevice() {
  if (device_) SDL_CloseAudioDevice(device_);
  if (audio_initialized_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool SdlStudioDevice::StartCapture(std::string* error) {
  if (!mic_wav_.empty()) {
    std::vector<float> probe;
    if (!LoadWavAsMono(mic_wav_, rate_, &probe, error)) return false;
    device_ = 0;
    return true;
  }
  if (!audio_initialized_) {
    SilenceAlsaErrors();
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return *error = std::string("no audio: ") + SDL_GetError(), false;
    audio_initialized_ = true;
  }
  if (device_) SDL_CloseAudioDevice(device_);
  SDL_AudioSpec want{}, have{};
  want.freq = rate_;
  want.format = AUDIO_F32SYS;
  want.channels = 1;
  want.samples = 1024;
  // No callback: SDL queues what it hears and StopCapture dequeues it (SDL converts to `want`).
  device_ = SDL_OpenAudioDevice(nullptr, /*iscapture=*/1, &want, &have, 0);
  if (!device_) return *error = std::string("no microphone: ") + SDL_GetError(), false;
  SDL_PauseAudioDevice(device_, 0);
  return true;
}

std::vector<float> SdlStudioDevice::StopCapture() {
  std::vector<float> take;
  if (!mic_wav_.empty()) {
    std::string error;
    if (!LoadWavAsMono(mic_wav_, rate_, &take, &error)) SDL_Log("qiao-kiosk: %s", error.c_str());
    return take;
  }
  if (!device_) return take;
  SDL_PauseAudioDevice(device_, 1);
  const Uint32 bytes = SDL_GetQueuedAudioSize(device_);
  take.resize(bytes / sizeof(float));
  take.resize(SDL_DequeueAudio(device_, take.data(), static_cast<Uint32>(take.size() * sizeof(float))) /
              sizeof(float));
  SDL_CloseAudioDevice(device_);
  device_ = 0;
  return take;
}

void SdlStudioDevice::Play(const std::vector<float>& take) {
  ++played_;
  if (!speech_) return;
  std::vector<int16_t> pcm(take.size());
  for (size_t i = 0; i < take.size(); ++i)
    pcm[i] = static_cast<int16_t>(std::lround(std::clamp(take[i], -1.0f, 1.0f) * 32767.0f));
  speech_->PlaySamples(pcm, rate_);
}

bool SdlStudioDevice::Keep(const std::string& root, const std::string& locale, const std::string& text,
                           const std::string& source, const std::vector<float>& take, std::string* path,
                           a11y::TakeReport* report, std::string* error) {
  return a11y::KeepClip(root, locale, text, source, take, rate_, path, report, error);
}

}  // namespace qiao::platform
