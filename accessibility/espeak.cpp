#include "accessibility/espeak.h"

#include "accessibility/speech_text.h"

#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <strings.h>
#include <mutex>

namespace qiao::a11y {

namespace {

std::mutex g_mutex;  // espeak-ng is one global engine
std::atomic<bool> g_cancel{false};

// Where the running synthesis writes (set under g_mutex). Not taken from the events' user
// data: a chunk of samples may come with no event at all, and its samples would be lost
// (sentences came out at a third of their length).
std::vector<int16_t>* g_out = nullptr;

int OnSamples(short* wav, int count, espeak_EVENT* events) {
  if (g_cancel.load()) return 1;  // non-zero: abort this synthesis
  if (wav && count > 0 && g_out) g_out->insert(g_out->end(), wav, wav + count);
  return 0;
}

}  // namespace

std::shared_ptr<Synthesizer> Synthesizer::Get(std::string* error) {
  // One engine for the life of the process: espeak-ng does not survive being terminated and
  // initialized again (it hangs), so it is never terminated.
  static std::shared_ptr<Synthesizer> instance;
  std::lock_guard<std::mutex> lock(g_mutex);
  if (instance) return instance;
  // The kiosk's own data folder: QIAO_VOICE_DATA (a deployed kiosk, tests) or the build's.
  std::string dir;
  if (const char* env = std::getenv("QIAO_VOICE_DATA"); env && *env) dir = env;
#ifdef QIAO_VOICE_DATA
  else dir = QIAO_VOICE_DATA;
#endif
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::exists(std::filesystem::path(dir) / "espeak-ng-data" / "phontab", ec)) {
    if (error) *error = dir + "/espeak-ng-data: not built (Qiao's own voices are missing; Debian's are used)";
    dir.clear();
  }
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, dir.empty() ? nullptr : dir.c_str(),
                                     espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) {
    if (error) *error = "espeak-ng could not start (is espeak-ng-data installed?)";
    return nullptr;
  }
  espeak_SetSynthCallback(OnSamples);
  std::shared_ptr<Synthesizer> s(new Synthesizer());
  s->sample_rate_ = rate;
  s->data_dir_ = dir;
  instance = s;
  return s;
}

Synthesizer::~Synthesizer() = default;

std::string CharacterVoice(const std::string& voice) {
  return voice.substr(0, voice.find('+')) + "+f2";
}

void Synthesizer::Cancel() { g_cancel = true; }

std::string Synthesizer::VoiceSources() {
  if (const char* env = std::getenv("QIAO_VOICE_SOURCES"); env && *env) return env;
#ifdef QIAO_VOICE_SOURCES
  return QIAO_VOICE_SOURCES;
#else
  return "voices";
#endif
}

bool Synthesizer::SynthesizeFor(std::string_view text, std::string_view lang, const std::string& voice,
                                int words_per_minute, std::vector<int16_t>* pcm, std::string* error) {
  SpeakableText prepared = PrepareForVoice(text, lang, VoiceSources());
  if (!prepared.error.empty()) {
    if (error) *error = prepared.error;
    return false;
  }
  if (!Synthesize(prepared.text, voice, words_per_minute, pcm, prepared.phonemes)) {
    if (error) *error = "no espeak-ng voice \"" + voice + "\"" + (data_dir_.empty() ? " (Debian's data only)" : "");
    return false;
  }
  return true;
}

bool Synthesizer::Synthesize(std::string_view text, const std::string& voice, int words_per_minute,
                             std::vector<int16_t>* pcm, bool phonemes) {
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
  const unsigned flags = espeakCHARS_UTF8 | (phonemes ? espeakPHONEMES : 0);
  g_out = pcm;
  espeak_ERROR err = espeak_Synth(z.c_str(), z.size() + 1, 0, POS_CHARACTER, 0, flags, nullptr, pcm);
  g_out = nullptr;
  return err == EE_OK && (pcm->size() > before || z.empty() || g_cancel.load());
}

}  // namespace qiao::a11y
