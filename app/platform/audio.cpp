#include "platform/audio.h"

#include "accessibility/espeak.h"

#include <SDL.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace qiao::platform {

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

  // Samples for one utterance in the device's format (mono S16 at spec.freq).
  std::vector<int16_t> Render(const a11y::Utterance& u) {
    std::vector<int16_t> pcm;
    if (u.clip.empty()) {
      synth->Synthesize(u.text, u.voice, rate.load(), &pcm);
      return pcm;
    }
    SDL_AudioSpec wav{};
    Uint8* buf = nullptr;
    Uint32 len = 0;
    if (!SDL_LoadWAV(u.clip.c_str(), &wav, &buf, &len)) {
      SDL_Log("qiao-kiosk: cannot play %s: %s", u.clip.c_str(), SDL_GetError());
      return pcm;
    }
    SDL_AudioCVT cvt;
    if (SDL_BuildAudioCVT(&cvt, wav.format, wav.channels, wav.freq, AUDIO_S16SYS, 1, spec.freq) >= 0) {
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
      if (gen == generation && !pcm.empty())
        SDL_QueueAudio(device, pcm.data(), static_cast<Uint32>(pcm.size() * 2));
      busy = false;
      idle.notify_all();
    }
  }
};

std::unique_ptr<SdlSpeechOutput> SdlSpeechOutput::Open(std::string* error) {
  auto state = std::make_unique<State>();
  state->synth = a11y::Synthesizer::Get(error);
  if (!state->synth) return nullptr;
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    *error = std::string("no audio: ") + SDL_GetError();
    return nullptr;
  }
  SDL_AudioSpec want{};
  want.freq = state->synth->sample_rate();
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  state->device = SDL_OpenAudioDevice(nullptr, 0, &want, &state->spec, 0);
  if (!state->device) {
    *error = std::string("no audio device: ") + SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return nullptr;
  }
  SDL_PauseAudioDevice(state->device, 0);
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
  SDL_CloseAudioDevice(state_->device);
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
  SDL_ClearQueuedAudio(state_->device);
}

void SdlSpeechOutput::SetPaused(bool paused) { SDL_PauseAudioDevice(state_->device, paused ? 1 : 0); }
void SdlSpeechOutput::SetVolume(float volume) { state_->volume = volume; }
void SdlSpeechOutput::SetRate(int wpm) { state_->rate = wpm; }
unsigned SdlSpeechOutput::QueuedBytes() const { return SDL_GetQueuedAudioSize(state_->device); }
int SdlSpeechOutput::sample_rate() const { return state_->spec.freq; }

void SdlSpeechOutput::Flush() {
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->idle.wait(lock, [&] { return state_->queue.empty() && !state_->busy; });
}

}  // namespace qiao::platform
