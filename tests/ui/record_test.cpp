// The recording studio (issue 15), driven headless as a volunteer would: through its named
// buttons in the accessibility tree (a screen reader, a switch), by holding the Record button
// with a finger, or Space. The microphone is a WAV file (SdlStudioDevice's --mic-wav): each take
// is that file. Kept clips land in the data folder and the kiosk speaks from them at once.
#include "kiosk_fixture.h"
#include "wav_writer.h"

#include "accessibility/espeak.h"
#include "platform/audio.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace qiao;
using namespace qiao::testing;
using a11y::Role;
namespace fs = std::filesystem;

namespace {

// Speech from espeak-ng with a second of silence on each side, as a volunteer leaves it.
void WriteMicrophone(const fs::path& path, const std::string& text) {
  std::string error;
  auto synth = a11y::Synthesizer::Get(&error);
  ASSERT_TRUE(synth) << error;
  std::vector<int16_t> pcm;
  ASSERT_TRUE(synth->Synthesize(text, "en-us", 150, &pcm));
  std::vector<int16_t> padded(synth->sample_rate(), 0);
  padded.insert(padded.end(), pcm.begin(), pcm.end());
  padded.insert(padded.end(), synth->sample_rate(), 0);
  WriteWav(path, padded, synth->sample_rate());
}

class RecordKiosk : public KioskTest {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qiao-record-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data");
    WriteMicrophone(dir_ / "mic.wav", "Lessons");
    device_ = std::make_unique<platform::SdlStudioDevice>(nullptr, (dir_ / "mic.wav").string());
  }
  void TearDown() override {
    runner_.reset();
    fs::remove_all(dir_);
  }
  void StartStudio(const std::string& locale, ui::AppOptions options = BundledOptions()) {
    options.data_dir = (dir_ / "data").string();
    runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
    app().SetStudioDevice(device_.get());
    runner().Settle();
    app().SetLocale(locale);
    app().Navigate("record/" + locale);
    runner().Settle();
  }
  const ui::RecordingStudio& Studio() {
    EXPECT_NE(app().studio(), nullptr);
    return *app().studio();
  }
  // Skips texts until the one recorded for `source` is shown.
  void SkipTo(const std::string& source) {
    for (int i = 0; i <= Studio().total() && Studio().current() && Studio().current()->source != source; ++i)
      Activate(Role::kButton, Tr("record.skip"));
    ASSERT_TRUE(Studio().current());
    ASSERT_EQ(Studio().current()->source, source);
  }
  nlohmann::json Index(const std::string& locale) {
    std::ifstream f(dir_ / "data" / "audio" / locale / "clips.json");
    return nlohmann::json::parse(f, nullptr, false);
  }

  fs::path dir_;
  std::unique_ptr<platform::SdlStudioDevice> device_;
};

}  // namespace

TEST_F(RecordKiosk, RecordPlayBackKeepAndTheKioskThenSpeaksTheTextFromTheClip) {
  StartStudio("bo");
  const int total = Studio().total();
  ASSERT_GT(total, 100) << "every UI string and pack text of Tibetan";
  // The screen: its title, the progress through the catalog's plural message, the text large.
  EXPECT_NE(Find(Role::kHeading, Tr("record.title")), nullptr);
  EXPECT_NE(Find(Role::kProgressbar, Tr("record.progress", {{"recorded", 0.0}, {"total", double(total)}})), nullptr);
  SkipTo("lessons.title");
  const std::string title = app().translator().GetIn("bo", "lessons.title").text;
  EXPECT_EQ(Studio().current()->text, title);
  EXPECT_NE(FindContaining(Role::kText, title), nullptr) << "the text to read is on screen";

  // A screen reader presses Record, then presses it again to stop: the take plays back.
  Activate(Role::kButton, Tr("record.hold"));
  EXPECT_EQ(Studio().phase(), ui::RecordingStudio::Phase::kRecording);
  Activate(Role::kButton, Tr("record.recording"));
  EXPECT_EQ(Studio().phase(), ui::RecordingStudio::Phase::kReview);
  EXPECT_EQ(device_->played(), 1) << "the take is played back at once";
  Activate(Role::kButton, Tr("record.play"));
  EXPECT_EQ(device_->played(), 2);
  Activate(Role::kButton, Tr("record.keep"));
  EXPECT_TRUE(Studio().error().empty()) << Studio().error();

  // On disk: the WAV and its entry, keyed by the text's hash, "for" the catalog key.
  const std::string hash = a11y::ClipHash("bo", title);
  const nlohmann::json index = Index("bo");
  ASSERT_TRUE(index.is_object());
  ASSERT_TRUE(index["clips"].contains(hash)) << index.dump(2);
  EXPECT_EQ(index["clips"][hash]["text"], title);
  EXPECT_EQ(index["clips"][hash]["for"], "lessons.title");
  EXPECT_TRUE(fs::exists(dir_ / "data" / "audio" / "bo" / (hash + ".wav")));
  // The studio moved on, and counts it.
  EXPECT_NE(Studio().current()->source, "lessons.title");
  EXPECT_EQ(Studio().recorded(), 1);
  EXPECT_NE(Find(Role::kProgressbar, Tr("record.progress", {{"recorded", 1.0}, {"total", double(total)}})), nullptr);

  // A learner opens the lessons in Tibetan: the title is spoken from the new clip.
  app().announcer().ClearLog();
  app().Navigate("lessons");
  runner().Settle();
  bool from_clip = false;
  for (const auto& e : app().announcer().log())
    if (e.utterance.text == title && e.utterance.layer == a11y::SpeechLayer::kClip &&
        fs::path(e.utterance.clip).filename() == hash + ".wav")
      from_clip = true;
  EXPECT_TRUE(from_clip) << "the kept take is the lesson list's title's voice";
  const a11y::Node* status = nullptr;
  for (const a11y::Node* n : runner().tree().Flatten())
    if (n->states & a11y::kSpeechStatus) status = n;
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->name, Tr("a11y.spoken_by_clip"));
}

TEST_F(RecordKiosk, AKeptClipIsFoundAgainWhenTheKioskStartsAndIsNotAskedForAgain) {
  StartStudio("bo");
  const int total = Studio().total();
  SkipTo("home.title");
  Activate(Role::kButton, Tr("record.hold"));
  Activate(Role::kButton, Tr("record.recording"));
  Activate(Role::kButton, Tr("record.keep"));
  ASSERT_EQ(Studio().recorded(), 1);
  // A new start: the clip is read from the data folder, counted, and not shown again.
  StartStudio("bo");
  EXPECT_EQ(Studio().total(), total);
  EXPECT_EQ(Studio().recorded(), 1);
  for (int i = 0; i <= total && Studio().current(); ++i) {
    EXPECT_NE(Studio().current()->source, "home.title");
    Activate(Role::kButton, Tr("record.skip"));
  }
  EXPECT_NE(FindContaining(Role::kStatus, Tr("record.done")), nullptr) << "skipping everything ends the walk";
}

TEST_F(RecordKiosk, HoldingTheButtonWithAFingerRecordsUntilItIsLifted) {
  StartStudio("ug");
  const a11y::Node* record = Find(Role::kButton, Tr("record.hold"));
  ASSERT_NE(record, nullptr);
  runner().Hold(record->bounds.x + record->bounds.w / 2, record->bounds.y + record->bounds.h / 2, 1.0);
  EXPECT_EQ(Studio().phase(), ui::RecordingStudio::Phase::kReview) << "lifting the finger ended the take";
  EXPECT_EQ(device_->played(), 1);
  EXPECT_NE(Find(Role::kButton, Tr("record.keep")), nullptr);
  // Redo: back to recording the same text.
  const std::string text = Studio().current()->text;
  Activate(Role::kButton, Tr("record.redo"));
  EXPECT_EQ(Studio().phase(), ui::RecordingStudio::Phase::kReady);
  EXPECT_EQ(Studio().current()->text, text);
}

TEST_F(RecordKiosk, SpaceRecordsWhileHeld) {
  StartStudio("en");
  app().StudioSpace(true);
  runner().Settle();
  EXPECT_EQ(Studio().phase(), ui::RecordingStudio::Phase::kRecording);
  EXPECT_NE(Find(Role::kButton, Tr("record.recording")), nullptr) << "the button says it is recording";
  app().StudioSpace(false);
  runner().Settle();
  EXPECT_EQ(Studio().phase(), ui::RecordingStudio::Phase::kReview);
}

TEST_F(RecordKiosk, ASilentTakeIsRefusedWithAReasonAndCanBeRecordedAgain) {
  WriteWav(dir_ / "mic.wav", std::vector<int16_t>(48000, 0), 48000);
  StartStudio("en");
  const std::string text = Studio().current()->text;
  Activate(Role::kButton, Tr("record.hold"));
  Activate(Role::kButton, Tr("record.recording"));
  Activate(Role::kButton, Tr("record.keep"));
  EXPECT_FALSE(Studio().error().empty());
  EXPECT_NE(FindContaining(Role::kStatus, Tr("record.problem", {{"problem", Studio().error()}})), nullptr);
  EXPECT_EQ(Studio().current()->text, text) << "nothing was kept: the same text waits";
  EXPECT_FALSE(fs::exists(dir_ / "data" / "audio" / "en" / "clips.json"));
  EXPECT_NE(Find(Role::kButton, Tr("record.redo")), nullptr);
}

TEST_F(RecordKiosk, TheProgressLineCountsInTheLanguagesOwnPluralAndDigitGroups) {
  StartStudio("en");
  EXPECT_EQ(app().translator().GetIn("en", "record.progress", {{"recorded", 312.0}, {"total", 1240.0}}).text,
            "312 of 1,240 texts recorded");
  EXPECT_EQ(app().translator().GetIn("en", "record.progress", {{"recorded", 0.0}, {"total", 1.0}}).text,
            "0 of 1 text recorded");
  EXPECT_EQ(app().translator().GetIn("zh-Hans", "record.progress", {{"recorded", 312.0}, {"total", 1240.0}}).text,
            "已录 312 条，共 1,240 条");
}

// The operator's menu, after the PIN: the studio for the language on screen.
TEST_F(RecordKiosk, TheOperatorsMenuOpensTheStudioInTheLanguageOnScreen) {
  auto options = BundledOptions();
  options.config.operator_pin = "2468";
  options.data_dir = (dir_ / "data").string();
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
  app().SetStudioDevice(device_.get());
  runner().Settle();
  Pick("kk-Arab");
  app().RequestExit();
  runner().Settle();
  for (const char* digit : {"2", "4", "6", "8"}) Activate(Role::kButton, digit);
  const auto operator_text = [&](const char* key) {
    return app().translator().GetIn("en", key).text + " / " + app().translator().GetIn("zh-Hans", key).text;
  };
  Activate(Role::kButton, operator_text("operator.ok"));
  EXPECT_NE(Find(Role::kDialog, operator_text("operator.menu_title")), nullptr);
  EXPECT_NE(Find(Role::kButton, operator_text("operator.close")), nullptr);
  Activate(Role::kButton, operator_text("operator.record") + ": " + app().translator().info().endonym);
  EXPECT_EQ(app().route(), "record/kk-Arab");
  EXPECT_EQ(Studio().locale(), "kk-Arab");
  EXPECT_FALSE(app().quit_requested());
}

TEST_F(RecordKiosk, WithoutAMicrophoneTheMenuHasNoStudioAndTheScreenSaysWhy) {
  auto options = BundledOptions();
  options.config.operator_pin = "2468";
  options.data_dir = (dir_ / "data").string();
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);  // no StudioDevice (the browser)
  runner().Settle();
  Pick("en");
  app().RequestExit();
  runner().Settle();
  for (const char* digit : {"2", "4", "6", "8"}) Activate(Role::kButton, digit);
  Activate(Role::kButton, "OK / 确定");
  EXPECT_EQ(FindContaining(Role::kButton, "Record voice clips"), nullptr);
  Activate(Role::kButton, "Close the kiosk / 关闭终端");
  EXPECT_TRUE(app().quit_requested());
  app().Navigate("record/en");
  runner().Settle();
  EXPECT_NE(FindContaining(Role::kAlert, Tr("record.no_microphone")), nullptr);
}

// Traditional Mongolian is read in columns, top to bottom, left to right: the studio shows a
// long text to read aloud as the lessons show body text, never as one clipped horizontal line.
TEST_F(RecordKiosk, LongMongolianScriptTextIsShownInColumns) {
  StartStudio("mn-Mong");
  for (int i = 0; i <= Studio().total() && Studio().current() && Studio().current()->text.size() <= 300; ++i)
    Activate(Role::kButton, Tr("record.skip"));
  ASSERT_TRUE(Studio().current()) << "no mn-Mong text longer than 300 bytes to record";
  const std::string text = Studio().current()->text;
  const a11y::Node* shown = Find(Role::kText, text);
  ASSERT_NE(shown, nullptr) << "the text to read is on screen";
  EXPECT_EQ(shown->lang, "mn-Mong");
  EXPECT_EQ(shown->dir, a11y::Dir::kTtb) << "drawn as columns";
  EXPECT_EQ(shown->states & a11y::kClipped, 0u) << "nothing of it is cut off";
  EXPECT_LE(shown->bounds.x + shown->bounds.w, 1280.0f);
  // Columns about half the window tall: far taller than one horizontal line of large text.
  EXPECT_GT(shown->bounds.h, 250.0f);
  // The volunteer's controls are still there to press.
  EXPECT_NE(Find(Role::kButton, Tr("record.hold")), nullptr);
}
