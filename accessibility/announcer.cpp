// Index:
// [SECTION] SYNTHETIC VOICES
// [SECTION] LOG
// [SECTION] CONFIGURATION
// [SECTION] WHAT A NODE SOUNDS LIKE
// [SECTION] WHEN TO SPEAK
#include "accessibility/announcer.h"

#include "accessibility/espeak.h"
#include "accessibility/focus.h"
#include "support/files.h"
#include "support/json_reader.h"

#include <algorithm>
#include <filesystem>

namespace qiao::a11y {

// [SECTION] SYNTHETIC VOICES

std::map<std::string, SyntheticVoice> LoadSyntheticVoices(const std::string& path,
                                                          std::vector<std::string>* problems) {
  std::map<std::string, SyntheticVoice> out;
  std::string bytes, error;
  if (!support::ReadFile(path, &bytes, &error)) {
    problems->push_back(path + ": " + error + " (Mandarin speech is used instead)");
    return out;
  }
  // A wrong entry is named (file:line:col: pointer) and only that voice is left out.
  std::vector<support::LoadError> errors;
  support::JsonReader r(bytes, path, &errors);
  if (r.ok() && r.IsObject(r.root(), "")) {
    r.String(r.root(), "", "note", false);  // for people reading the file
    r.Members(r.root(), "", "voices", true,
              [&](std::string_view locale, const support::JsonReader::Value& v, const std::string& ptr) {
                if (!r.IsObject(v, ptr)) return;
                SyntheticVoice voice;
                voice.voice = r.String(v, ptr, "voice", true);
                r.Bool(v, ptr, "beta", &voice.beta);
                voice.status = r.String(v, ptr, "status", false);
                voice.reviewed_by = r.String(v, ptr, "reviewedBy", false);
                if (!voice.voice.empty()) out[std::string(locale)] = std::move(voice);
              });
    r.ReportUnknownFields();
  }
  for (const support::LoadError& e : errors) problems->push_back(e.ToString());
  return out;
}

std::map<std::string, SyntheticVoice> LoadBundledSyntheticVoices(std::vector<std::string>* problems) {
#ifndef __EMSCRIPTEN__  // the browser has no self-voicing (no espeak.cpp)
  return LoadSyntheticVoices(Synthesizer::VoiceSources() + "/voices.json", problems);
#else
  return {};
#endif
}

// [SECTION] LOG

const char* SpeechLayerName(SpeechLayer layer) {
  switch (layer) {
    case SpeechLayer::kClip: return "clip";
    case SpeechLayer::kVoice: return "voice";
    case SpeechLayer::kSynthetic: return "synthetic";
    case SpeechLayer::kMandarin: return "mandarin";
  }
  return "?";
}

std::string SpeechLogEntry::ToString() const {
  switch (kind) {
    case Kind::kStop: return "stop";
    case Kind::kPause: return "pause";
    case Kind::kResume: return "resume";
    case Kind::kSpeak: break;
  }
  const Utterance& u = utterance;
  std::string how = u.clip.empty() ? "voice " + u.voice
                                   : "clip " + std::filesystem::path(u.clip).filename().string();
  if (u.layer == SpeechLayer::kSynthetic) how = std::string(u.beta ? "synthetic beta " : "synthetic ") + u.voice;
  if (u.fallback) how += ", fallback";
  if (u.character) how += ", character";
  return "speak [" + u.lang + ", " + how + "] " + u.text;
}

// [SECTION] CONFIGURATION

Announcer::Announcer(SpeechOutput* output) : output_(output) {}

void Announcer::SetOutput(SpeechOutput* output) {
  output_ = output;
  if (output_) {
    output_->SetVolume(volume_);
    output_->SetRate(rate_);
  }
}

void Announcer::SetVoices(std::map<std::string, std::string> voice_of_lang) {
  voices_ = std::move(voice_of_lang);
}

void Announcer::SetEnabled(bool on) {
  if (enabled_ && !on) Stop();
  enabled_ = on;
}

void Announcer::SetVolume(float volume) {
  volume_ = std::clamp(volume, SpeechLimits::kMinVolume, SpeechLimits::kMaxVolume);
  if (output_) output_->SetVolume(volume_);
}

void Announcer::SetRate(int wpm) {
  rate_ = std::clamp(wpm, SpeechLimits::kMinRate, SpeechLimits::kMaxRate);
  if (output_) output_->SetRate(rate_);
}

// [SECTION] WHAT A NODE SOUNDS LIKE

const SyntheticVoice* Announcer::SyntheticVoiceFor(std::string_view lang) const {
  auto it = synthetic_.find(lang);
  if (it == synthetic_.end()) return nullptr;
  auto off = synthetic_off_.find(lang);
  return off != synthetic_off_.end() && off->second ? nullptr : &it->second;
}

LanguageVoice Announcer::VoiceWithoutClip(const std::string& lang) const {
  LanguageVoice out;
  auto voice = voices_.find(lang);
  if (voice != voices_.end() && voice->second != "recorded" && !voice->second.empty()) {
    out.layer = SpeechLayer::kVoice;
    out.voice = voice->second;
    return out;
  }
  if (const SyntheticVoice* s = SyntheticVoiceFor(lang)) {
    out.layer = SpeechLayer::kSynthetic;
    out.voice = s->voice;
    out.beta = s->beta;
    return out;
  }
  out.switched_off = synthetic_.count(lang) > 0;
  if (const char* reading_lang = ReadingLanguage(lang)) {
    const LanguageVoice by = VoiceWithoutClip(reading_lang);
    if (by.layer != SpeechLayer::kMandarin) out.reading_voice = by.voice;
  }
  auto mandarin = voices_.find(kMandarin);
  out.voice = mandarin == voices_.end() ? "cmn-latn-pinyin" : mandarin->second;
  return out;
}

const char* Announcer::ReadingLanguage(std::string_view lang) {
  // No automatic route from traditional Mongolian script to sound exists (VOICES.md §3): a
  // translator writes how each text reads in Cyrillic, and the mn voice reads that.
  return lang == "mn-Mong" ? "mn" : nullptr;
}

Utterance Announcer::Voice(const std::string& text, const std::string& lang, const std::string& alt,
                           const std::string& reading) const {
  Utterance u;
  u.text = text;
  u.lang = lang;
  // 1. A person's recording of exactly this text.
  if (clips_) {
    if (const std::string* clip = clips_->Find(lang, text)) {
      u.clip = *clip;
      u.layer = SpeechLayer::kClip;
      return u;
    }
  }
  // 2. The language's own voice: Debian's, or Qiao's synthetic one.
  const LanguageVoice voice = VoiceWithoutClip(lang);
  if (voice.layer != SpeechLayer::kMandarin) {
    u.voice = voice.voice;
    u.layer = voice.layer;
    u.beta = voice.beta;
    return u;
  }
  // 2b. A translator's reading in another script, in that script's voice (mn-Mong: mn).
  if (const char* reading_lang = ReadingLanguage(lang); reading_lang && !reading.empty()) {
    const LanguageVoice by = VoiceWithoutClip(reading_lang);
    if (by.layer != SpeechLayer::kMandarin) {
      u.text = reading;
      u.lang = reading_lang;
      u.voice = by.voice;
      u.layer = by.layer;
      u.beta = by.beta;
      return u;
    }
  }
  // 3. Mandarin rather than silence.
  u.text = alt.empty() ? std::string() : alt;
  u.lang = kMandarin;
  u.voice = voice.voice;
  u.fallback = true;
  u.layer = SpeechLayer::kMandarin;
  return u;
}

void Announcer::Add(std::vector<Utterance>* out, const std::string& text, const std::string& lang,
                    const std::string& alt, const std::string& reading, bool character) const {
  if (text.empty()) return;
  Utterance u = Voice(text, lang, alt, reading);
  if (u.text.empty()) return;  // a recorded-only language with neither clip nor Mandarin text
  // A recording is the person who recorded it; a voice changes for another speaker's line.
  u.character = character && u.clip.empty();
  // Consecutive pieces in one voice become one utterance (fewer pauses in the audio).
  if (!out->empty() && out->back().voice == u.voice && out->back().lang == u.lang &&
      out->back().clip.empty() && u.clip.empty() && out->back().layer == u.layer &&
      out->back().character == u.character) {
    out->back().text += ", " + u.text;
    return;
  }
  out->push_back(std::move(u));
}

void Announcer::AddWord(std::vector<Utterance>* out, std::string_view key) const {
  if (!words_) return;
  Phrase p = words_(key);
  Add(out, p.text, p.lang, p.alt, p.reading);
}

std::vector<Utterance> Announcer::Describe(const Node& node) const {
  std::vector<Utterance> out;
  const bool secret = (node.states & kProtected) && !headset_;
  if (secret) {
    // Say that something is there, never what: "hidden, button".
    AddWord(&out, "a11y.state.protected");
  } else {
    Add(&out, node.name, node.lang, node.speech_alt, node.speech_reading, node.character);
  }
  switch (node.role) {
    case Role::kButton: AddWord(&out, "a11y.role.button"); break;
    case Role::kLink: AddWord(&out, "a11y.role.link"); break;
    case Role::kCheckbox: AddWord(&out, "a11y.role.checkbox"); break;
    case Role::kRadio: AddWord(&out, "a11y.role.radio"); break;
    case Role::kHeading: AddWord(&out, "a11y.role.heading"); break;
    case Role::kSlider: AddWord(&out, "a11y.role.slider"); break;
    case Role::kImage: AddWord(&out, "a11y.role.image"); break;
    case Role::kDialog: AddWord(&out, "a11y.role.dialog"); break;
    default: break;
  }
  if (node.role == Role::kCheckbox || node.role == Role::kRadio)
    AddWord(&out, node.states & kChecked ? "a11y.state.checked" : "a11y.state.not_checked");
  if (node.states & kDisabled) AddWord(&out, "a11y.state.disabled");
  if (!secret && !node.value.empty() && node.role != Role::kProgressbar)
    Add(&out, node.value, node.lang, node.value);
  if (!secret && !node.description.empty()) Add(&out, node.description, node.lang, "");
  return out;
}

namespace {

bool IsContainer(Role role) {
  return role == Role::kGroup || role == Role::kList || role == Role::kDialog ||
         role == Role::kApplication || role == Role::kSlider;
}

}  // namespace

std::vector<Utterance> Announcer::Intro(const Tree& tree) const {
  // The heading, then what follows it up to the first control: the screen's title and its
  // instructions (a lesson step's text, a quiz question), as a sighted reader would take in.
  std::vector<Utterance> out;
  const std::vector<const Node*> order = ScopeOrder(tree);
  const NodeId heading = ScreenHeading(tree);
  size_t i = 0;
  while (i < order.size() && order[i]->id != heading) ++i;
  if (i == order.size()) i = 0;
  for (; i < order.size(); ++i) {
    const Node& n = *order[i];
    const bool control = n.role == Role::kButton || n.role == Role::kLink ||
                         n.role == Role::kCheckbox || n.role == Role::kRadio;
    if (IsFocusable(n) || control) break;  // a disabled button ends the intro too
    if (n.states & kSpeechStatus) continue;  // the kiosk's own status line: never read aloud
    if (IsContainer(n.role)) continue;  // a group's name repeats its heading: read its content
    if (n.id == heading) {  // the screen's title needs no "heading" after it
      Add(&out, n.name, n.lang, n.speech_alt, n.speech_reading);
      continue;
    }
    for (Utterance& u : Describe(n)) out.push_back(std::move(u));
  }
  return out;
}

// [SECTION] WHEN TO SPEAK

void Announcer::Stop() {
  if (output_) output_->Stop();
  if (paused_ && output_) output_->SetPaused(false);
  paused_ = false;
  if (speaking_) AppendLog({SpeechLogEntry::Kind::kStop, {}});
  speaking_ = false;
}

void Announcer::Speak(const std::vector<Utterance>& utterances, bool interrupt) {
  if (!enabled_ || utterances.empty()) return;
  if (interrupt) Stop();
  bool fallback = false;
  std::vector<SpokenBy> layers;
  for (const Utterance& u : utterances) {
    if (output_) output_->Speak(u);
    AppendLog({SpeechLogEntry::Kind::kSpeak, u});
    fallback |= u.fallback;
    const SpokenBy by{u.layer, u.clip.empty() ? u.voice : std::string(), u.beta};
    if (std::find(layers.begin(), layers.end(), by) == layers.end()) layers.push_back(by);
  }
  fallback_active_ = fallback;
  spoken_by_ = std::move(layers);
  speaking_ = true;
  last_ = utterances;
}

void Announcer::Interrupt() {
  if (speaking_ || paused_) Stop();
}

void Announcer::Repeat() { Speak(last_, true); }

void Announcer::TogglePause() {
  if (!enabled_) return;
  paused_ = !paused_;
  if (output_) output_->SetPaused(paused_);
  AppendLog({paused_ ? SpeechLogEntry::Kind::kPause : SpeechLogEntry::Kind::kResume, {}});
}

void Announcer::Say(const Phrase& phrase) {
  std::vector<Utterance> out;
  Add(&out, phrase.text, phrase.lang, phrase.alt, phrase.reading, phrase.character);
  Speak(out, true);
}

void Announcer::ReadPage(const Tree& tree) {
  std::vector<Utterance> out;
  for (const Node* n : ScopeOrder(tree)) {
    if (IsContainer(n->role) || (n->states & kSpeechStatus)) continue;
    for (Utterance& u : Describe(*n)) out.push_back(std::move(u));
  }
  Speak(out, true);
}

void Announcer::ReadIntro(const Tree& tree) { Speak(Intro(tree), true); }

void Announcer::Update(const Tree& tree, NodeId focus, bool screen_changed, bool announce_focus) {
  // Live regions present now, and whether each is new or changed since the last frame.
  std::vector<const Node*> changed_live;
  std::unordered_map<NodeId, std::string> live_now;
  for (const Node* n : tree.Flatten()) {
    if (n->live == Live::kOff || (n->states & kSpeechStatus)) continue;
    live_now[n->id] = n->name;
    auto before = live_.find(n->id);
    if (before == live_.end() || before->second != n->name) changed_live.push_back(n);
  }
  live_ = std::move(live_now);
  const NodeId last_focus = last_focus_;
  last_focus_ = focus;
  if (!enabled_) return;

  if (screen_changed) {
    Speak(Intro(tree), true);
    return;
  }
  if (announce_focus && focus != 0 && focus != last_focus) {
    if (const Node* n = tree.Find(focus)) {
      std::vector<Utterance> said = Describe(*n);
      // A group highlighted by switch scanning: say what is in it.
      if (IsContainer(n->role))
        for (const Node* d : tree.Flatten())
          if (IsFocusable(*d) && d != n && ParentOf(tree, d->id) != 0) {
            for (NodeId p = ParentOf(tree, d->id); p != 0; p = ParentOf(tree, p))
              if (p == n->id) {
                Add(&said, d->name, d->lang, d->speech_alt, d->speech_reading, d->character);
                break;
              }
          }
      Speak(said, true);
    }
  }
  for (const Node* n : changed_live) {
    std::vector<Utterance> said;
    Add(&said, n->name, n->lang, n->speech_alt, n->speech_reading);
    Speak(said, n->live == Live::kAssertive);
  }
}

}  // namespace qiao::a11y
