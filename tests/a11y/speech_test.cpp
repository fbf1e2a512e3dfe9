// Issue 15, "a voice in every language": the speech chain (clip, the language's own voice,
// Mandarin), Qiao's synthetic voices through the same path the kiosk speaks with
// (Synthesizer::SynthesizeFor, which app/platform/audio.cpp and `qiao-kiosk --say` call), the
// Kazakh transliteration, numbers, and Tibetan syllables.
#include "accessibility/announcer.h"
#include "accessibility/espeak.h"
#include "accessibility/speech_text.h"
#include "clip_index.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cwctype>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace qiao::a11y;
namespace fs = std::filesystem;

namespace {

double Rms(const std::vector<int16_t>& pcm) {
  double sum = 0;
  for (int16_t s : pcm) sum += double(s) * s;
  return pcm.empty() ? 0 : std::sqrt(sum / pcm.size());
}

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::u32string Chars(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// Syllables in a text, roughly: Yi characters, Tibetan tsheg groups, otherwise vowel letters
// (a run of vowels counts once). The measure plausible durations are scaled by.
int Syllables(const std::string& text) {
  static const std::u32string vowels = U"aeiouwаэиоуөүыеёюяәіұاەوۇىٵٶٷٸ";
  int n = 0;
  bool in_vowel = false, in_tibetan = false;
  for (char32_t c : Chars(text)) {
    if (c >= 0xA000 && c <= 0xA48C) { ++n; continue; }
    const bool tibetan = c >= 0x0F40 && c <= 0x0FBC;
    if (tibetan && !in_tibetan) ++n;
    in_tibetan = tibetan;
    const bool vowel = vowels.find(static_cast<char32_t>(std::towlower(c))) != std::u32string::npos ||
                       (c >= 0x0410 && c <= 0x042F && vowels.find(c + 0x20) != std::u32string::npos);
    if (vowel && !in_vowel) ++n;
    in_vowel = vowel;
  }
  return n;
}

// Sample sentences of a language from the bundled content: the first lesson (title and
// summary) of each pack that has it in this language; where no pack does yet, the start
// screen's strings from the UI catalog.
std::vector<std::string> Samples(const std::string& lang) {
  std::vector<std::string> out;
  std::vector<fs::path> packs;
  for (const auto& e : fs::directory_iterator(QIAO_SOURCE_DIR "/lessons"))
    if (e.path().string().ends_with(".pack.json")) packs.push_back(e.path());
  std::sort(packs.begin(), packs.end());
  for (const fs::path& p : packs) {
    const nlohmann::json pack = ReadJson(p);
    if (!pack.contains("lessons") || !pack["lessons"].is_array() || pack["lessons"].empty()) continue;
    const nlohmann::json& first = pack["lessons"][0];
    for (const char* field : {"title", "summary"})
      if (first.contains(field) && first[field].contains(lang)) out.push_back(first[field][lang]);
  }
  if (out.empty()) {
    const nlohmann::json catalog = ReadJson(fs::path(QIAO_SOURCE_DIR "/locales") / (lang + ".json"));
    for (const char* key : {"home.title", "home.lessons", "picker.title"})
      if (catalog["strings"].contains(key)) out.push_back(catalog["strings"][key]);
  }
  return out;
}

// The announcer as the App configures it: locales.json voices, voices/voices.json.
Announcer KioskAnnouncer() {
  Announcer a;
  std::map<std::string, std::string> voices;
  const nlohmann::json locales = ReadJson(QIAO_SOURCE_DIR "/locales/locales.json");
  for (const auto& l : locales["locales"])
    voices[l["tag"]] = l.value("speech", "");
  a.SetVoices(voices);
  std::vector<std::string> problems;
  a.SetSyntheticVoices(LoadBundledSyntheticVoices(&problems));
  EXPECT_TRUE(problems.empty()) << problems[0];
  return a;
}

class Speech : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    std::string note;
    synth_ = Synthesizer::Get(&note);
    ASSERT_TRUE(synth_) << note;
    ASSERT_FALSE(synth_->data_dir().empty()) << "the kiosk's own espeak-ng data folder was not found: " << note;
  }
  std::shared_ptr<Synthesizer> synth_;
};

}  // namespace

// "Done when": each language speaks a sample of its content in its own layer, as speech of a
// plausible length, not Mandarin and not silence.
TEST_P(Speech, SamplesOfTheContentAreSpokenByTheLanguagesOwnVoice) {
  const std::string lang = GetParam();
  Announcer announcer = KioskAnnouncer();
  const std::vector<std::string> samples = Samples(lang);
  ASSERT_FALSE(samples.empty()) << lang;
  for (const std::string& text : samples) {
    announcer.Say(Phrase{text, lang, "中文"});
    ASSERT_FALSE(announcer.log().empty());
    const Utterance u = announcer.log().back().utterance;
    EXPECT_EQ(u.layer, SpeechLayer::kSynthetic) << lang << ": " << announcer.log().back().ToString();
    EXPECT_EQ(u.lang, lang);
    EXPECT_FALSE(u.fallback);
    std::vector<int16_t> pcm;
    std::string error;
    ASSERT_TRUE(synth_->SynthesizeFor(u.text, u.lang, u.voice, 175, &pcm, &error)) << lang << ": " << error;
    const double seconds = double(pcm.size()) / synth_->sample_rate();
    const int syllables = Syllables(text);
    ASSERT_GT(syllables, 0) << text;
    // espeak-ng at 175 words a minute says a syllable in about 0.1 to 0.35 s; pauses at
    // punctuation add a little. Far outside: letters spelled out, or words skipped.
    EXPECT_GT(seconds, 0.08 * syllables) << lang << " \"" << text << "\": " << seconds << " s for " << syllables << " syllables";
    EXPECT_LT(seconds, 0.6 * syllables + 1.0) << lang << " \"" << text << "\": " << seconds << " s for " << syllables << " syllables";
    EXPECT_GT(Rms(pcm), 500) << lang << ": audible, not silence";
  }
}

INSTANTIATE_TEST_SUITE_P(Locales, Speech, ::testing::Values("mn", "kk-Arab", "bo", "ii", "za"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(SpeechChain, AClipWinsThenTheSyntheticVoiceThenMandarin) {
  const fs::path dir = fs::temp_directory_path() / "qiao-speech-chain";
  fs::remove_all(dir);
  fs::create_directories(dir / "audio" / "mn");
  qiao::testing::WriteClipIndex(dir / "audio" / "mn", "mn", {{"Дараах", "next.wav"}});
  std::ofstream(dir / "audio" / "mn" / "next.wav") << "RIFF";
  ClipLibrary clips;
  std::vector<std::string> problems;
  clips.AddFolder(dir.string(), &problems);
  ASSERT_TRUE(problems.empty());

  Announcer a = KioskAnnouncer();
  a.SetClips(&clips);
  a.Say(Phrase{"Дараах", "mn", "下一步"});
  EXPECT_EQ(a.log().back().utterance.layer, SpeechLayer::kClip);
  EXPECT_EQ(a.log().back().ToString(), "speak [mn, clip next.wav] Дараах");
  // An edited text has no recording: the synthetic voice speaks it.
  a.Say(Phrase{"Дараагийн", "mn", "下一步"});
  EXPECT_EQ(a.log().back().utterance.layer, SpeechLayer::kSynthetic);
  EXPECT_EQ(a.log().back().ToString(), "speak [mn, synthetic qiao/mn] Дараагийн");
  EXPECT_FALSE(a.fallback_active());
  // Beta voices say so in the log.
  a.Say(Phrase{"ꅇꉙ", "ii", "语言"});
  EXPECT_EQ(a.log().back().ToString(), "speak [ii, synthetic beta qiao/ii] ꅇꉙ");
  // The operator switched the Yi voice off: Mandarin, with the notice.
  a.SetSyntheticVoiceEnabled("ii", false);
  a.Say(Phrase{"ꅇꉙ", "ii", "语言"});
  EXPECT_EQ(a.log().back().utterance.layer, SpeechLayer::kMandarin);
  EXPECT_EQ(a.log().back().ToString(), "speak [zh-Hans, voice cmn-latn-pinyin, fallback] 语言");
  EXPECT_TRUE(a.fallback_active());
  // mn-Mong has no automatic reading: Mandarin unless a clip exists.
  a.Say(Phrase{"ᠮᠣᠩᠭᠣᠯ", "mn-Mong", "蒙古"});
  EXPECT_EQ(a.log().back().utterance.layer, SpeechLayer::kMandarin);
  // Debian's own voices are unchanged.
  a.Say(Phrase{"Next", "en", ""});
  EXPECT_EQ(a.log().back().ToString(), "speak [en, voice en-us] Next");
  fs::remove_all(dir);
}

TEST(SpeechChain, EachUtteranceSaysWhichLayersSpokeItInOrder) {
  const fs::path dir = fs::temp_directory_path() / ("qiao-spoken-by-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "audio" / "bo");
  qiao::testing::WriteClipIndex(dir / "audio" / "bo", "bo", {{"སློབ་ཚན།", "title.wav"}});
  std::ofstream(dir / "audio" / "bo" / "title.wav") << "RIFF";
  ClipLibrary clips;
  std::vector<std::string> problems;
  clips.AddFolder(dir.string(), &problems);
  ASSERT_TRUE(problems.empty()) << problems[0];
  Announcer a = KioskAnnouncer();
  a.SetClips(&clips);
  a.SetWords([](std::string_view) { return Phrase{"མཐེབ་གནོན།", "bo", "按钮"}; });
  EXPECT_TRUE(a.spoken_by().empty()) << "nothing said yet";
  // A button whose name has a recording: the clip, then the beta voice for "button".
  Node button;
  button.id = 7;
  button.role = Role::kButton;
  button.name = "སློབ་ཚན།";
  button.lang = "bo";
  button.speech_alt = "课程";
  a.Say(Phrase{button.name, "bo", "课程"});
  ASSERT_EQ(a.spoken_by().size(), 1u);
  EXPECT_EQ(a.spoken_by()[0].layer, SpeechLayer::kClip);
  EXPECT_TRUE(a.spoken_by()[0].voice.empty());
  TreeBuilder b;
  b.Begin(Rect{0, 0, 800, 600}, "Qiao", "bo", Dir::kAuto);
  b.Add(button);
  Tree tree = b.Finish();
  a.Update(tree, 7, false);
  ASSERT_EQ(a.spoken_by().size(), 2u);
  EXPECT_EQ(a.spoken_by()[0].layer, SpeechLayer::kClip);
  EXPECT_EQ(a.spoken_by()[1], (SpokenBy{SpeechLayer::kSynthetic, "qiao/bo", true}));
  // The operator switches the voice off: Mandarin alone.
  a.SetSyntheticVoiceEnabled("bo", false);
  a.Say(Phrase{"ཁ་པར།", "bo", "手机"});
  ASSERT_EQ(a.spoken_by().size(), 1u);
  EXPECT_EQ(a.spoken_by()[0], (SpokenBy{SpeechLayer::kMandarin, "cmn-latn-pinyin", false}));
  fs::remove_all(dir);
}

TEST(SpeechChain, TheSpeechStatusLineIsNeverReadAloud) {
  // A live region marked kSpeechStatus (the kiosk's own "spoken by" line) is for screen readers
  // and operators: reading it would describe itself, and change it, forever.
  Announcer a = KioskAnnouncer();
  auto screen = [](const std::string& status) {
    TreeBuilder b;
    b.Begin(Rect{0, 0, 800, 600}, "Qiao", "en", Dir::kAuto);
    Node h;
    h.id = 2;
    h.role = Role::kHeading;
    h.level = 1;
    h.name = "Lessons";
    h.lang = "en";
    b.Add(h);
    Node s;
    s.id = 3;
    s.role = Role::kStatus;
    s.live = Live::kPolite;
    s.states = kSpeechStatus;
    s.name = status;
    s.lang = "en";
    b.Add(s);
    Node t;
    t.id = 4;
    t.role = Role::kText;
    t.name = "Pick one.";
    t.lang = "en";
    b.Add(t);
    return b.Finish();
  };
  a.Update(screen("Spoken by a person's recording"), 2, true);
  a.Update(screen("Spoken in Mandarin"), 2, false);
  a.ReadPage(screen("Spoken in Mandarin"));
  std::string said;
  for (const SpeechLogEntry& e : a.log()) said += e.ToString() + "\n";
  EXPECT_EQ(said.find("Spoken"), std::string::npos) << said;
  EXPECT_NE(said.find("Pick one."), std::string::npos) << said;
}

TEST(SpeechChain, TraditionalMongolianIsReadFromItsCyrillicReadingByTheMongolianVoice) {
  const fs::path dir = fs::temp_directory_path() / ("qiao-mn-mong-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "audio" / "mn-Mong");
  std::ofstream(dir / "audio" / "mn-Mong" / "back.wav") << "RIFF";
  qiao::testing::WriteClipIndex(dir / "audio" / "mn-Mong", "mn-Mong", {{"ᠪᠤᠴᠠᠬᠤ", "back.wav"}});
  ClipLibrary clips;
  std::vector<std::string> problems;
  clips.AddFolder(dir.string(), &problems);
  ASSERT_TRUE(problems.empty()) << problems[0];
  Announcer a = KioskAnnouncer();
  a.SetClips(&clips);
  // A reading: the mn voice speaks the Cyrillic.
  a.Say(Phrase{"ᠲᠣᠬᠢᠷᠭ᠎ᠠ", "mn-Mong", "设置", "Тохиргоо"});
  EXPECT_EQ(a.log().back().ToString(), "speak [mn, synthetic qiao/mn] Тохиргоо");
  EXPECT_FALSE(a.fallback_active());
  // A recording of the traditional text wins over its reading.
  a.Say(Phrase{"ᠪᠤᠴᠠᠬᠤ", "mn-Mong", "返回", "Буцах"});
  EXPECT_EQ(a.log().back().utterance.layer, SpeechLayer::kClip);
  // No reading and no clip: Mandarin.
  a.Say(Phrase{"ᠨᠢᠭᠤᠷ", "mn-Mong", "首页"});
  EXPECT_EQ(a.log().back().ToString(), "speak [zh-Hans, voice cmn-latn-pinyin, fallback] 首页");
  // The operator switched the Mongolian voice off: its readings are not spoken either.
  a.SetSyntheticVoiceEnabled("mn", false);
  a.Say(Phrase{"ᠲᠣᠬᠢᠷᠭ᠎ᠠ", "mn-Mong", "设置", "Тохиргоо"});
  EXPECT_EQ(a.log().back().utterance.layer, SpeechLayer::kMandarin);
  fs::remove_all(dir);
}

TEST(SpeechChain, BrokenVoiceListsAreReportedWithFileLineAndPointer) {
  const fs::path file = fs::temp_directory_path() / "qiao-voices-broken.json";
  std::ofstream(file) << "{\"voices\": {\"mn\": {\"voice\": \"qiao/mn\"},\n \"bo\": {\"beta\": true}}}";
  std::vector<std::string> problems;
  auto voices = LoadSyntheticVoices(file.string(), &problems);
  EXPECT_EQ(voices.size(), 1u) << "the good entry is kept";
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("qiao-voices-broken.json:2:"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("/voices/bo"), std::string::npos) << problems[0];
  fs::remove(file);
}

// VOICES.md §4: Kazakh in the Arabic script, read by Debian's Cyrillic kk voice.
TEST(KazakhTransliteration, WordsOfBothHarmoniesAndLoanwords) {
  const std::string voices = QIAO_SOURCE_DIR "/voices";
  std::string error;
  struct Case { const char* arabic; const char* cyrillic; };
  const Case cases[] = {
      {"كىتاپ", "кітап"},           // loanword: front ك with back а
      {"ەكران", "экран"},           // loanword: initial э, back а
      {"ٴتىلدى", "тілді"},           // hamza marks a front word
      {"تاڭداڭىز", "таңдаңыз"},      // back
      {"ساندىق", "сандық"},          // back
      {"داعدىلاردى", "дағдыларды"},  // ع is ғ
      {"ىستەگىڭىز", "істегіңіз"},    // ە and گ make the word front
      {"كەلەدى", "келеді"},
      {"باپتاۋ", "баптау"},           // ۋ is у
      {"ۇيرەنۋ", "үйрену"},           // ي after a vowel is й
      {"ٴۇي", "үй"},
      {"قىزمەت", "қызмет"},          // loanword
      {"ەكرانعا", "экранға"},        // a loanword's endings follow its last vowel
      {"قىزمەتكەرلەردەن", "қызметкерлерден"},
      {"قاتە", "қате"},
      {"قۇسبەلگى", "құсбелгі"},      // a compound: құс + белгі
      {"قاۋىپسىز", "қауіпсіз"},      // mixed stems of the lesson packs (issue 14)
      {"كارتاسى", "картасы"},
      {"زەينەتاقىڭىز", "зейнетақыңыз"},
      {"نە ىستەگىڭىز كەلەدى؟", "не істегіңіз келеді?"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(KazakhArabicToCyrillic(c.arabic, voices, &error), c.cyrillic) << c.arabic << " " << error;
  }
  EXPECT_TRUE(KazakhArabicToCyrillic("x", "/nonexistent", &error).empty());
  EXPECT_NE(error.find("kk_Arab-kk_Cyrl.txt"), std::string::npos) << error;
}

TEST(SpokenNumbers, AmountsDatesAndHotlinesInEachLanguage) {
  EXPECT_EQ(SpellNumbers("¥125.00", "mn"), " 125 юань ");
  EXPECT_EQ(SpellNumbers("¥125.50", "za"), " 125 maenz  50 faen ");
  EXPECT_EQ(SpellNumbers("2026年11月", "mn"), " 2026 он  11 сар ");
  EXPECT_EQ(SpellNumbers("12333", "mn"), "1 2 3 3 3");
  EXPECT_EQ(SpellNumbers("Залгах 12333.", "mn"), "Залгах 1 2 3 3 3.");
  EXPECT_EQ(SpellNumbers("¥125.00", "bo"), " སྒོར་མོ 125 ");
  // Languages with Debian's voices are left to them.
  EXPECT_EQ(SpellNumbers("¥125.00", "zh-Hans"), "¥125.00");
  // Tibetan numbers in words, then phonemes.
  const std::string hundred_twenty_five = TibetanPhonemes("125");
  EXPECT_EQ(hundred_twenty_five, TibetanPhonemes("བརྒྱ་དང་ཉེར་ལྔ"));
  EXPECT_EQ(TibetanPhonemes("2026"), TibetanPhonemes("ཉིས་སྟོང་དང་ཉེར་དྲུག"));
  EXPECT_EQ(TibetanPhonemes("༡༢"), TibetanPhonemes("12"));
}

TEST_F(Speech, ZhuangWordsWhoseVowelIsWAreReadNotSpelled) {
  // "Mwngz" (you) has only w for a vowel: spelled letter by letter it took twice as long as
  // "Mangz", a word of the same shape.
  std::vector<int16_t> w, a;
  ASSERT_TRUE(synth_->SynthesizeFor("Mwngz", "za", "qiao/za", 175, &w));
  ASSERT_TRUE(synth_->SynthesizeFor("Mangz", "za", "qiao/za", 175, &a));
  EXPECT_LT(w.size(), a.size() * 3 / 2);
  EXPECT_GT(w.size(), a.size() * 2 / 3);
}

TEST_F(Speech, NumbersAreSpokenNotSpelledOrSkipped) {
  // Every voice reads an amount, a date and a hotline as words: longer than the digits alone
  // would be if skipped, audible throughout.
  const std::pair<const char*, const char*> cases[] = {
      {"mn", "qiao/mn"}, {"kk-Arab", "kk"}, {"bo", "qiao/bo"}, {"ii", "qiao/ii"}, {"za", "qiao/za"}};
  for (const auto& [lang, voice] : cases) {
    for (const char* text : {"¥125.00", "2026年11月", "12333"}) {
      std::vector<int16_t> pcm;
      std::string error;
      ASSERT_TRUE(synth_->SynthesizeFor(text, lang, voice, 175, &pcm, &error)) << lang << " " << text << ": " << error;
      const double seconds = double(pcm.size()) / synth_->sample_rate();
      EXPECT_GT(seconds, 0.9) << lang << " " << text;  // three syllables or more
      EXPECT_LT(seconds, 8.0) << lang << " " << text;
      EXPECT_GT(Rms(pcm), 500) << lang << " " << text;
    }
  }
}

// Lhasa Tibetan: onset and register from the root letter and what stands on it, the rhyme
// from the vowel and suffix.
TEST(TibetanSyllables, RegistersOnsetsAndRhymes) {
  EXPECT_EQ(TibetanPhonemes("ཁ"), "[[kh'a55]]");          // high
  EXPECT_EQ(TibetanPhonemes("ག"), "[[kh'a214]]");         // low, aspirated alone
  EXPECT_EQ(TibetanPhonemes("དགའ"), "[[k'a:214]]");       // prefix: unaspirated, long
  EXPECT_EQ(TibetanPhonemes("སྣ"), "[[n'a55]]");          // superscript raises a sonorant
  EXPECT_EQ(TibetanPhonemes("ན"), "[[n'a214]]");
  EXPECT_EQ(TibetanPhonemes("བཀྲ་ཤིས"), "[[ts.'a55 S;'i53]]");  // ra subscript: retroflex
  EXPECT_EQ(TibetanPhonemes("བོད"), "[[ph'o?21]]");        // d suffix: checked, low falling
  EXPECT_EQ(TibetanPhonemes("ཡིན།"), "[[j'in214 _:]]");
  EXPECT_EQ(TibetanPhonemes("ལྷ"), "[[l#'a55]]");
  EXPECT_EQ(TibetanPhonemes("ཟླ"), "[[t'a214]]");
  EXPECT_EQ(TibetanPhonemes("ཕྱིར"), "[[tS;h'i:55]]");
}
