// Which layer of the speech chain spoke (issue 15): a recorded clip, a synthetic voice by name,
// or Mandarin. Read through the accessibility tree, as the browser mirror and a screen reader
// would: the speech status node (role status, live polite, state speechStatus) under the title.
#include "kiosk_fixture.h"
#include "clip_index.h"
#include "wav_writer.h"

#include "accessibility/espeak.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace qiao;
using namespace qiao::testing;
using a11y::Role;

namespace {

class SpeechStatusKiosk : public KioskTest {
 protected:
  void StartWith(const ui::AppOptions& options) {
    runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
    runner().Settle();
  }
  // Picks `tag` and opens the lesson list, whose intro the kiosk then reads.
  void OpenLessons(const std::string& tag) {
    Pick(tag);
    app().announcer().ClearLog();
    app().Navigate("lessons");
    runner().Settle();
  }
  // The speech status node of the screen, or null.
  const a11y::Node* Status() {
    const a11y::Node* found = nullptr;
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->states & a11y::kSpeechStatus) {
        EXPECT_EQ(found, nullptr) << "one speech status line per screen";
        found = n;
      }
    if (found) {
      EXPECT_EQ(found->role, Role::kStatus);
      EXPECT_EQ(found->live, a11y::Live::kPolite) << "screen readers announce it when it changes";
      EXPECT_GT(found->bounds.h, 0) << "it is on screen, for operators to see";
    }
    return found;
  }
  std::string Lines(const a11y::Node* status) { return status ? status->name : "(no speech status line)"; }
  bool HasLine(const a11y::Node* status, const std::string& line) {
    return status && ("\n" + status->name + "\n").find("\n" + line + "\n") != std::string::npos;
  }
  // The kiosk's own voice never reads its status line aloud (it would describe itself).
  void ExpectStatusNeverSpoken(const a11y::Node* status) {
    ASSERT_NE(status, nullptr);
    const std::string first_line = status->name.substr(0, status->name.find('\n'));
    for (const auto& e : app().announcer().log())
      EXPECT_EQ(e.utterance.text.find(first_line), std::string::npos) << e.ToString();
  }
};

TEST_F(SpeechStatusKiosk, ASyntheticBetaVoiceIsNamedInTheTree) {
  Start();
  OpenLessons("bo");
  const a11y::Node* status = Status();
  EXPECT_TRUE(HasLine(status, Tr("a11y.spoken_by_synthetic_beta", {{"voice", std::string("qiao/bo")}})))
      << Lines(status);
  EXPECT_FALSE(HasLine(status, Tr("a11y.fallback_indicator"))) << Lines(status);
  ExpectStatusNeverSpoken(status);
  // The tree as the browser mirror receives it carries the same line and the state.
  const std::string json = runner().tree().ToJson();
  EXPECT_NE(json.find("\"speechStatus\""), std::string::npos);
}

TEST_F(SpeechStatusKiosk, ASyntheticVoiceThatIsNotBetaIsNamedWithoutTheBetaLabel) {
  Start();
  OpenLessons("mn");
  const a11y::Node* status = Status();
  EXPECT_TRUE(HasLine(status, Tr("a11y.spoken_by_synthetic", {{"voice", std::string("qiao/mn")}}))) << Lines(status);
  EXPECT_FALSE(HasLine(status, Tr("a11y.spoken_by_synthetic_beta", {{"voice", std::string("qiao/mn")}})));
}

TEST_F(SpeechStatusKiosk, TheMandarinFallbackIsNamedWhenTheOperatorSwitchedTheVoiceOff) {
  auto options = BundledOptions();
  options.config.synthetic_voices["bo"] = false;
  StartWith(options);
  OpenLessons("bo");
  const a11y::Node* status = Status();
  EXPECT_EQ(Lines(status), Tr("a11y.fallback_indicator"));
  ExpectStatusNeverSpoken(status);
  bool mandarin = false;
  for (const auto& e : app().announcer().log()) mandarin |= e.utterance.layer == a11y::SpeechLayer::kMandarin;
  EXPECT_TRUE(mandarin);
}

TEST_F(SpeechStatusKiosk, ARecordedClipIsNamedAndTheLineFollowsWhatWasSaidLast) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qiao-status-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "audio" / "bo");
  std::string error;
  auto synth = a11y::Synthesizer::Get(&error);
  ASSERT_TRUE(synth) << error;
  std::vector<int16_t> pcm;
  ASSERT_TRUE(synth->Synthesize("课程", "cmn-latn-pinyin", 150, &pcm));
  WriteWav(dir / "audio" / "bo" / "lessons.wav", pcm, synth->sample_rate());
  fs::copy_file(std::string(QIAO_SOURCE_DIR) + "/lessons/basics.pack.json", dir / "basics.pack.json");
  auto options = BundledOptions();
  options.packs_dir = dir.string();
  StartWith(options);
  const std::string title = app().translator().GetIn("bo", "lessons.title").text;
  WriteClipIndex(dir / "audio" / "bo", "bo", {{title, "lessons.wav", "lessons.title"}});
  StartWith(options);  // clips load at start-up
  OpenLessons("bo");
  // The intro (the title) came from its clip.
  const a11y::Node* status = Status();
  EXPECT_EQ(Lines(status), Tr("a11y.spoken_by_clip"));
  ASSERT_NE(status, nullptr);
  const a11y::NodeId id = status->id;
  // Tab to a control: its name and role are said by the beta voice; the line follows, on the
  // same node (a live region that changes, so screen readers hear the change).
  runner().Frame(0.6);
  runner().Press(a11y::Key::kTab);
  status = Status();
  EXPECT_EQ(Lines(status), Tr("a11y.spoken_by_synthetic_beta", {{"voice", std::string("qiao/bo")}}));
  EXPECT_EQ(status ? status->id : 0, id);
  // (Both layers in one utterance, in the order spoken: tests/a11y/speech_test.cpp.)
  fs::remove_all(dir);
}

TEST_F(SpeechStatusKiosk, DebiansOwnVoiceAndSpeechOffShowNoLine) {
  Start();
  OpenLessons("ug");
  EXPECT_EQ(Status(), nullptr) << Lines(Status());
  ASSERT_FALSE(app().announcer().log().empty());
  // Speech switched off in Settings: nothing more is said, so nothing claims to have spoken.
  Start();
  Pick("bo");
  app().Navigate("settings");
  runner().Settle();
  Activate(Role::kCheckbox, Tr("settings.speech_on"));
  runner().Settle();
  ASSERT_FALSE(app().settings().speech);
  app().Navigate("lessons");
  runner().Settle();
  EXPECT_EQ(Status(), nullptr) << Lines(Status());
}

}  // namespace

// [SECTION] Settings: which voice reads the language, "beta" where it is one, switched off by
// the operator.

namespace {

class VoiceSettingsKiosk : public SpeechStatusKiosk {
 protected:
  // The Settings screen's text nodes, joined.
  std::string SettingsText(const std::string& tag) {
    Pick(tag);
    app().Navigate("settings");
    runner().Settle();
    std::string all;
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->role == Role::kText) all += n->name + "\n";
    return all;
  }
};

TEST_F(VoiceSettingsKiosk, BetaVoicesAreLabelledBetaInSettings) {
  for (const char* tag : {"bo", "ii", "za"}) {
    SCOPED_TRACE(tag);
    Start();
    const std::string text = SettingsText(tag);
    const std::string voice = std::string("qiao/") + tag;
    EXPECT_NE(text.find(Tr("settings.voice_synthetic_beta", {{"voice", voice}})), std::string::npos) << text;
    // The English catalog says "Beta" in so many words; each language its own draft of it.
    EXPECT_NE(app().translator().GetIn("en", "settings.voice_synthetic_beta", {{"voice", voice}}).text.find("Beta"),
              std::string::npos);
  }
  Start();
  std::string text = SettingsText("mn");
  EXPECT_NE(text.find(Tr("settings.voice_synthetic", {{"voice", std::string("qiao/mn")}})), std::string::npos) << text;
  EXPECT_EQ(text.find(Tr("settings.voice_synthetic_beta", {{"voice", std::string("qiao/mn")}})), std::string::npos);
  Start();
  text = SettingsText("mn-Mong");  // texts with a Cyrillic reading: the mn voice
  EXPECT_NE(text.find(Tr("settings.voice_reading", {{"voice", std::string("qiao/mn")}})), std::string::npos) << text;
  Start();
  text = SettingsText("en");  // Debian's own voice: nothing to explain
  EXPECT_EQ(text.find(Tr("settings.voice_none")), std::string::npos) << text;
  EXPECT_EQ(text.find("qiao/"), std::string::npos) << text;
}

TEST_F(VoiceSettingsKiosk, TheOperatorSwitchesAVoiceOffAndItIsThenClipThenMandarin) {
  auto options = BundledOptions();
  options.config.synthetic_voices["za"] = false;
  StartWith(options);
  const std::string text = SettingsText("za");
  EXPECT_NE(text.find(Tr("settings.voice_switched_off")), std::string::npos) << text;
  EXPECT_EQ(text.find("qiao/za"), std::string::npos) << text;
  app().announcer().ClearLog();
  app().Navigate("lessons");
  runner().Settle();
  ASSERT_FALSE(app().announcer().log().empty());
  for (const auto& e : app().announcer().log())
    if (e.kind == a11y::SpeechLogEntry::Kind::kSpeak)
      EXPECT_EQ(e.utterance.layer, a11y::SpeechLayer::kMandarin) << e.ToString();
  EXPECT_EQ(Lines(Status()), Tr("a11y.fallback_indicator"));
  // Other beta voices stay on.
  StartWith(options);
  EXPECT_NE(SettingsText("bo").find("qiao/bo"), std::string::npos);
}

}  // namespace

// [SECTION] mn-Mong: a translator's Cyrillic reading, spoken by the mn voice

namespace {

TEST_F(SpeechStatusKiosk, TraditionalMongolianTextsWithAReadingAreSpokenByTheMongolianVoice) {
  Start();
  Pick("mn-Mong");
  app().announcer().ClearLog();
  app().Navigate("settings");
  runner().Settle();
  const std::string title = Tr("settings.title");
  const std::string reading = app().translator().GetIn("mn-Mong", "settings.title").reading;
  ASSERT_FALSE(reading.empty()) << "the bundled catalog has a reading for the title";
  bool read = false;
  for (const auto& e : app().announcer().log())
    read |= e.utterance.text == reading && e.utterance.lang == "mn" && e.utterance.voice == "qiao/mn";
  EXPECT_TRUE(read);
  // The status line names the Mongolian voice; texts without a reading are still in Mandarin.
  const a11y::Node* status = Status();
  EXPECT_TRUE(HasLine(status, Tr("a11y.spoken_by_synthetic", {{"voice", std::string("qiao/mn")}}))) << Lines(status);
  // The heading node carries the reading for any screen reader that wants it.
  const a11y::Node* heading = Find(Role::kHeading, title);
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->speech_reading, reading);
}

}  // namespace
