// The kiosk's own voice: decides what to say, when to interrupt, and in which voice or recorded
// clip. It reads the accessibility tree each frame and sends utterances to a SpeechOutput (the
// platform's audio device, or a test's recorder). No audio code here: see espeak.h for text to
// PCM and app/platform/audio.cpp for the device.
//
// What is said (EN 301 549 5.1, ADA 707, EZ Access):
//   - a new screen: its heading, then the text up to the first control (the "intro");
//   - the focused node: name, role, state ("Next, button"; "ID card, checkbox, checked");
//   - live regions that appear or change: polite ones after what is being said, assertive ones
//     at once ("Correct!", "The kiosk will start over in 10 seconds");
//   - nothing protected (PIN digits) unless the audio goes to a headset.
// Any user action interrupts. Repeat says the last thing again; Pause pauses and resumes.
//
// The speech chain, per utterance, in this order (README "Speech"):
//   1. a recorded clip of exactly this text in this language (ClipLibrary, clips.h);
//   2. the language's voice: Debian's espeak-ng voice (locales.json "speech"), or for a
//      language marked "recorded" there, Qiao's synthetic voice (voices/voices.json), unless
//      the operator switched it off (kiosk configuration "syntheticVoices");
//   3. the node's Mandarin alternative in the Mandarin voice, and the app shows "Spoken in
//      Mandarin". Never silence.
// Which layer spoke is in each utterance (`layer`) and in the log.
#pragma once

#include "accessibility/clips.h"
#include "accessibility/speech_limits.h"

#include "accessibility/tree.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qiao::a11y {

// Which layer of the speech chain spoke an utterance.
enum class SpeechLayer : uint8_t {
  kClip,       // a recorded clip
  kVoice,      // Debian's espeak-ng voice for the language
  kSynthetic,  // Qiao's own synthetic voice (voices/), possibly beta
  kMandarin,   // the Mandarin fallback
};
const char* SpeechLayerName(SpeechLayer layer);  // "clip", "voice", "synthetic", "mandarin"

// One layer that spoke part of the last thing said, as the screen's speech status line shows it
// ("Spoken by a person's recording", "... the computer voice qiao/bo (beta)", "Spoken in
// Mandarin").
struct SpokenBy {
  SpeechLayer layer = SpeechLayer::kVoice;
  std::string voice;  // the espeak-ng voice (synthetic, voice, mandarin); empty for a clip
  bool beta = false;
  bool operator==(const SpokenBy&) const = default;
};

// How a language is spoken where it has no recorded clip (Settings shows it): Debian's voice
// (kVoice), Qiao's synthetic voice (kSynthetic), or Mandarin (kMandarin: none exists, or the
// operator switched it off).
struct LanguageVoice {
  SpeechLayer layer = SpeechLayer::kMandarin;
  std::string voice;          // the espeak-ng voice that speaks
  bool beta = false;          // a synthetic voice labelled beta
  bool switched_off = false;  // Qiao has a synthetic voice for it, but the operator turned it off
  std::string reading_voice;  // kMandarin: the voice that reads the texts a translator gave a reading (mn-Mong: qiao/mn)
  bool operator==(const LanguageVoice&) const = default;
};

// One thing to say: text in a language, spoken with an espeak-ng voice or played from a clip.
struct Utterance {
  std::string text;
  std::string lang;
  std::string voice;      // espeak-ng voice name; empty when `clip` is set
  std::string clip;       // path of a recorded clip (WAV); empty when `voice` is set
  bool fallback = false;  // Mandarin spoken because `lang` had neither voice nor clip
  SpeechLayer layer = SpeechLayer::kVoice;
  bool beta = false;      // a synthetic voice labelled beta (bo, ii, za)
  bool character = false; // another person's line in a rehearsal: spoken in CharacterVoice()
  bool operator==(const Utterance&) const = default;
};

// A synthetic voice Qiao builds for a language Debian has none for (voices/voices.json).
struct SyntheticVoice {
  std::string voice;   // espeak-ng voice name in the kiosk's data folder ("qiao/mn", "kk")
  bool beta = false;   // written without native speakers: labelled, switchable off
  std::string status;  // "draft" until reviewed
  std::string reviewed_by;
};
// Reads voices/voices.json ({"voices": {"mn": {"voice": "qiao/mn", "beta": false, "status":
// "draft"}}}). Problems go to `problems` (file:line:col: pointer: message).
std::map<std::string, SyntheticVoice> LoadSyntheticVoices(const std::string& path,
                                                          std::vector<std::string>* problems);
// The bundled voices/voices.json of a native build; empty in the browser build (no synthesis).
std::map<std::string, SyntheticVoice> LoadBundledSyntheticVoices(std::vector<std::string>* problems);

// Where utterances go. Speak() queues after what is playing; Stop() silences at once and drops
// the queue. Implementations: the SDL audio device (app/platform), a recorder in tests.
class SpeechOutput {
 public:
  virtual ~SpeechOutput() = default;
  virtual void Speak(const Utterance& u) = 0;
  virtual void Stop() = 0;
  virtual void SetPaused(bool paused) = 0;
  virtual void SetVolume(float volume) = 0;  // 0..1
  virtual void SetRate(int words_per_minute) = 0;
};

// A phrase from the UI catalog ("button", "checked") in the language it resolved to, with its
// Mandarin alternative for languages that have no voice.
struct Phrase {
  std::string text;
  std::string lang;
  std::string alt;  // Mandarin, or empty
  std::string reading = {};  // how `text` reads in another script (mn-Mong: Cyrillic), or empty
  bool character = false;    // said by another person in a rehearsal, not the narrator
};
// Looks up a UI word by catalog key (a11y.role.button, a11y.state.checked, ...).
using WordSource = std::function<Phrase(std::string_view key)>;

struct SpeechLogEntry {
  enum class Kind : uint8_t { kSpeak, kStop, kPause, kResume };
  Kind kind = Kind::kSpeak;
  Utterance utterance;  // for kSpeak
  std::string ToString() const;  // "speak [ug/voice ug] text", "stop", ...
};

class Announcer {
 public:
  static constexpr float kDefaultVolume = SpeechLimits::kDefaultVolume;
  static constexpr int kDefaultRate = SpeechLimits::kDefaultRate;
  static constexpr const char* kMandarin = "zh-Hans";

  explicit Announcer(SpeechOutput* output = nullptr);
  void SetOutput(SpeechOutput* output);

  // Configuration.
  void SetVoices(std::map<std::string, std::string> voice_of_lang);  // "recorded" = clips
  void SetSyntheticVoices(const std::map<std::string, SyntheticVoice>& voices) {
    synthetic_ = {voices.begin(), voices.end()};
  }
  // The operator's switch per language (kiosk configuration "syntheticVoices": {"bo": false}).
  void SetSyntheticVoiceEnabled(const std::string& lang, bool on) { synthetic_off_[lang] = !on; }
  // The synthetic voice that speaks `lang` when no clip exists, or null (none, or switched off).
  const SyntheticVoice* SyntheticVoiceFor(std::string_view lang) const;
  // Layer 2 of the chain for `lang`, or Mandarin: what speaks a text that has no clip.
  LanguageVoice VoiceWithoutClip(const std::string& lang) const;
  // The language a translator's reading of a `lang` text is written in ("mn" for mn-Mong:
  // traditional Mongolian read in Cyrillic), or null.
  static const char* ReadingLanguage(std::string_view lang);
  void SetClips(const ClipLibrary* clips) { clips_ = clips; }
  void SetWords(WordSource words) { words_ = std::move(words); }
  void SetEnabled(bool on);
  bool enabled() const { return enabled_; }
  void SetHeadset(bool headset) { headset_ = headset; }
  void SetVolume(float volume);  // clamped to SpeechLimits: never silent by accident
  float volume() const { return volume_; }
  void SetRate(int wpm);         // words per minute, clamped to SpeechLimits
  int rate() const { return rate_; }

  // Once per frame, after the tree is built. `screen_changed`: a new screen or step is shown
  // (speak its intro); `focus`: the focused node, spoken when it changes if `announce_focus`
  // (keyboard, switch, touch-and-hear; not a plain tap, which speaks through what it changes).
  void Update(const Tree& tree, NodeId focus, bool screen_changed, bool announce_focus = true);
  // The screen's heading and the text up to its first control (what a new screen says).
  void ReadIntro(const Tree& tree);
  // A user action: stop talking now (the next Update says what the action changed).
  void Interrupt();
  void Repeat();
  void TogglePause();
  bool paused() const { return paused_; }
  // Reads every node of the screen in reading order.
  void ReadPage(const Tree& tree);
  // Says `phrase` now (volume and rate changes confirm themselves this way).
  void Say(const Phrase& phrase);

  // What a node sounds like: name, role, state, value, each in its own language.
  std::vector<Utterance> Describe(const Node& node) const;
  // True while the last thing said used the Mandarin fallback (the UI shows an indicator).
  bool fallback_active() const { return fallback_active_; }
  // The layers that spoke the last thing said, each once, in the order they spoke (empty before
  // anything is said). The App shows them in the speech status line of the tree.
  const std::vector<SpokenBy>& spoken_by() const { return spoken_by_; }

  const std::vector<SpeechLogEntry>& log() const { return log_; }
  void ClearLog() { log_.clear(); }

 private:
  Utterance Voice(const std::string& text, const std::string& lang, const std::string& alt,
                  const std::string& reading) const;
  void Add(std::vector<Utterance>* out, const std::string& text, const std::string& lang,
           const std::string& alt, const std::string& reading = "", bool character = false) const;
  void AddWord(std::vector<Utterance>* out, std::string_view key) const;
  std::vector<Utterance> Intro(const Tree& tree) const;
  void Speak(const std::vector<Utterance>& utterances, bool interrupt);
  void Stop();

  SpeechOutput* output_ = nullptr;
  std::map<std::string, std::string> voices_;
  std::map<std::string, SyntheticVoice, std::less<>> synthetic_;
  std::map<std::string, bool, std::less<>> synthetic_off_;
  const ClipLibrary* clips_ = nullptr;
  WordSource words_;
  bool enabled_ = true;
  bool headset_ = false;
  bool paused_ = false;
  bool speaking_ = false;  // something was said since the last Stop
  float volume_ = kDefaultVolume;
  int rate_ = kDefaultRate;
  bool fallback_active_ = false;
  std::vector<SpokenBy> spoken_by_;
  NodeId last_focus_ = 0;
  std::unordered_map<NodeId, std::string> live_;  // live region -> last text announced
  std::vector<Utterance> last_;                   // for Repeat
  // The log is for tests and the operator's recording: bounded, so months of unattended use
  // never grow it without limit (the oldest half is dropped when it is full).
  static constexpr size_t kMaxLogEntries = 4096;
  void AppendLog(SpeechLogEntry entry) {
    if (log_.size() >= kMaxLogEntries) log_.erase(log_.begin(), log_.begin() + kMaxLogEntries / 2);
    log_.push_back(std::move(entry));
  }
  std::vector<SpeechLogEntry> log_;
};

}  // namespace qiao::a11y
