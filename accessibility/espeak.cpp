#include "accessibility/espeak.h"

#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <cstring>
#include <strings.h>
#include <mutex>

namespace qiao::a11y {

namespace {

std::mutex g_mutex;  // espeak-ng is one global engine
std::atomic<bool> g_cancel{false};

int OnSamples(short* wav, int count, espeak_EVENT* events) {
  if (g_cancel.load()) return 1;  // non-zero: abort this synthesis
  if (!wav || count <= 0) return 0;
  for (espeak_EVENT* e = events; e && e->type != espeakEVENT_LIST_TERMINATED; ++e) {
    if (auto* out = static_cast<std::vector<int16_t>*>(e->user_data)) {
      out->insert(out->end(), wav, wav + count);
      break;
    }
  }
  return 0;
}

}  // namespace

std::shared_ptr<Synthesizer> Synthesizer::Get(std::string* error) {
  // One engine for the life of the process: espeak-ng does not survive being terminated and
  // initialized again (it hangs), so it is never terminated.
  static std::shared_ptr<Synthesizer> instance;
  std::lock_guard<std::mutex> lock(g_mutex);
  if (instance) return instance;
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) {
    if (error) *error = "espeak-ng could not start (is espeak-ng-data installed?)";
    return nullptr;
  }
  espeak_SetSynthCallback(OnSamples);
  std::shared_ptr<Synthesizer> s(new Synthesizer());
  s->sample_rate_ = rate;
  instance = s;
  return s;
}

Synthesizer::~Synthesizer() = default;

void Synthesizer::Cancel() { g_cancel = true; }

bool Synthesizer::Synthesize(std::string_view text, const std::string& voice, int words_per_minute,
                             std::vector<int16_t>* pcm) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_cancel = false;
  if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
    // Language names ("cmn-latn-pinyin") select a voice by property, as espeak-ng's own CLI does.
    espeak_VOICE wanted;
    std::memset(&wanted, 0, sizeof wanted);
    wanted.languages = voice.c_str();
    if (espeak_SetVoiceByProperties(&wanted) != EE_OK) return false;
    // espeak-ng picks its nearest voice for any request: refuse one that is not the language
    // asked for (`languages` is a list of {priority byte, name, NUL}, ending with a 0 byte).
    const espeak_VOICE* got = espeak_GetCurrentVoice();
    bool match = false;
    for (const char* l = got ? got->languages : nullptr; l && *l; l += std::strlen(l + 1) + 2)
      match |= strcasecmp(l + 1, voice.c_str()) == 0;
    if (!match) return false;
  }
  espeak_SetParameter(espeakRATE, words_per_minute, 0);
  const std::string z(text);  // espeak wants a terminated string
  const size_t before = pcm->size();
  espeak_ERROR err = espeak_Synth(z.c_str(), z.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                  nullptr, pcm);
  return err == EE_OK && (pcm->size() > before || z.empty() || g_cancel.load());
}

}  // namespace qiao::a11y
