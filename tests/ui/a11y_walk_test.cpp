// Accessibility at kiosk level, headless: every screen in every locale is named and in visual
// order; a lesson and a guide completed with the keyboard alone; what the kiosk says during a
// whole lesson (with interruption, the PIN rule and the missing-clip fallback); touch-and-hear;
// switch scanning.
#include "kiosk_fixture.h"
#include "clip_index.h"
#include "wav_writer.h"

#include "accessibility/espeak.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace qiao;
using namespace qiao::testing;
using a11y::Key;
using a11y::Role;

namespace {

bool Interactive(const a11y::Node& n) { return n.actions & (a11y::kActionClick | a11y::kActionFocus); }

// Every route a learner can reach with the bundled packs.
std::vector<std::string> AllRoutes(const content::Library& lib) {
  std::vector<std::string> routes = {"picker", "home", "lessons", "guides", "settings", "help"};
  for (const content::Lesson* l : lib.Lessons())
    for (size_t i = 1; i <= l->steps.size() + 1; ++i)  // every step and the completion screen
      routes.push_back("lesson/" + l->id + "/" + std::to_string(i));
  for (const content::Guide* g : lib.Guides()) routes.push_back("guide/" + g->id);
  return routes;
}

std::string Describe(const a11y::Node& n) {
  return std::string(a11y::RoleName(n.role)) + " \"" + n.name + "\"";
}

}  // namespace

class A11yKiosk : public KioskTest {
 protected:
  // A key press, after enough time that an identical previous key is not ignored as a bounce.
  void Press(a11y::Key key) {
    runner().Frame(0.6);
    runner().Press(key);
  }
  const a11y::Node* Focused() {
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->states & a11y::kFocused) return n;
    return nullptr;
  }
  // Tabs until the focused node has this role and name (at most one full round).
  void TabTo(Role role, const std::string& name) {
    const size_t limit = runner().tree().nodes.size() + 2;
    for (size_t i = 0; i < limit; ++i) {
      const a11y::Node* f = Focused();
      if (f && f->role == role && f->name == name) return;
      Press(a11y::Key::kTab);
    }
    FAIL() << "Tab never reached " << a11y::RoleName(role) << " \"" << name << "\" on " << app().route();
  }
  void TabAndPress(Role role, const std::string& name) {
    TabTo(role, name);
    Press(a11y::Key::kEnter);
  }
  std::vector<std::string> SpeechLog() {
    std::vector<std::string> out;
    for (const auto& e : app().announcer().log()) out.push_back(e.ToString());
    return out;
  }
  std::string SpeechText() {
    std::string all;
    for (const std::string& s : SpeechLog()) all += s + "\n";
    return all;
  }
};

// [SECTION] Every screen, every locale

TEST_F(A11yKiosk, EveryInteractiveNodeIsNamedInItsLocaleAndReadInVisualOrder) {
  Start();
  const std::vector<std::string> routes = AllRoutes(app().library());
  for (const auto& locale : app().translator().locales()) {
    app().SetLocale(locale.tag);
    const auto& chain = app().translator().chain();
    for (const std::string& route : routes) {
      SCOPED_TRACE(locale.tag + " " + route);
      runner().Visit(route);
      std::vector<const a11y::Node*> controls;
      for (const a11y::Node* n : runner().tree().Flatten()) {
        if (!Interactive(*n)) continue;
        EXPECT_NE(n->role, Role::kUnknown) << n->id;
        EXPECT_FALSE(n->name.empty()) << Describe(*n) << " has no name";
        if (route != "picker") {  // the picker names each language in itself
          EXPECT_NE(std::find(chain.begin(), chain.end(), n->lang), chain.end())
              << Describe(*n) << " is in " << n->lang;
        }
        if (!(n->states & a11y::kOffscreen)) controls.push_back(n);  // not scrolled out of view
      }
      EXPECT_FALSE(controls.empty());
      for (size_t i = 1; i < controls.size(); ++i) {
        const a11y::Rect& a = controls[i - 1]->bounds;
        const a11y::Rect& b = controls[i]->bounds;
        if (std::abs(a.y - b.y) < 1.0f) {  // one row: the reading direction decides
          if (text::DirectionOf(locale.tag) == text::Direction::kRtl) EXPECT_LT(b.x, a.x) << Describe(*controls[i]) << " after " << Describe(*controls[i - 1]);
          else EXPECT_GT(b.x, a.x) << Describe(*controls[i]) << " after " << Describe(*controls[i - 1]);
        } else {
          EXPECT_GT(b.y, a.y) << Describe(*controls[i]) << " is read after " << Describe(*controls[i - 1])
                              << " but drawn above it";
        }
      }
    }
  }
}

// [SECTION] Keyboard alone

TEST_F(A11yKiosk, KeyboardOnlyWalkThroughAWholeLesson) {
  Start();
  // The picker: focus starts on its heading; Tab reaches the languages.
  ASSERT_NE(Focused(), nullptr);
  EXPECT_EQ(Focused()->role, Role::kHeading);
  TabAndPress(Role::kButton, "中文");
  ASSERT_EQ(app().route(), "home");
  EXPECT_EQ(Focused()->role, Role::kHeading) << "a new screen focuses its heading";
  EXPECT_EQ(Focused()->name, Tr("home.title"));
  TabAndPress(Role::kButton, Tr("home.lessons"));
  const content::Lesson* lesson = app().library().FindLesson("qr-code");
  TabAndPress(Role::kLink, Content(lesson->title));
  ASSERT_EQ(app().route(), "lesson/qr-code");
  const int n = static_cast<int>(lesson->steps.size());
  for (int i = 0; i < n; ++i) {
    const content::Step& step = lesson->steps[i];
    SCOPED_TRACE("step " + step.id);
    EXPECT_EQ(app().session().lesson_step.at("qr-code"), i);
    if (step.type == content::StepType::kPractice) {
      for (const auto& h : step.hotspots)
        if (h.correct) TabAndPress(Role::kButton, Content(h.label));
      EXPECT_NE(FindContaining(Role::kStatus, Tr("lesson.correct")), nullptr);
    }
    if (step.type == content::StepType::kQuiz) {
      // Arrows move between the answers; Space chooses.
      TabTo(Role::kRadio, Content(step.choices[0].text));
      for (size_t c = 0; c < step.choices.size(); ++c) {
        if (step.choices[c].correct) {
          EXPECT_EQ(Focused()->name, Content(step.choices[c].text));
          Press(a11y::Key::kSpace);
          break;
        }
        Press(a11y::Key::kDown);
      }
      EXPECT_NE(FindContaining(Role::kStatus, Tr("lesson.correct")), nullptr);
    }
    TabAndPress(Role::kButton, i == n - 1 ? Tr("lesson.finish") : Tr("nav.next"));
  }
  EXPECT_TRUE(app().session().lesson_done.count("qr-code"));
  TabAndPress(Role::kButton, Tr("lesson.to_list"));
  EXPECT_EQ(app().route(), "lessons");
  Press(a11y::Key::kEscape);  // Esc = Back: to the lesson it came from
  EXPECT_EQ(app().route(), "lesson/qr-code");
}

TEST_F(A11yKiosk, KeyboardOnlyWalkThroughAWholeGuideInUyghur) {
  Start();
  TabAndPress(Role::kButton, app().translator().Find("ug")->endonym);
  TabAndPress(Role::kButton, Tr("home.guides"));
  const content::Guide* guide = app().library().FindGuide("pension-certification");
  TabAndPress(Role::kLink, Content(guide->title));
  ASSERT_EQ(app().route(), "guide/pension-certification");
  EXPECT_EQ(Focused()->name, Content(guide->title));
  for (const auto& item : guide->what_to_bring) {
    TabAndPress(Role::kCheckbox, Content(item.text));
    EXPECT_TRUE(Focused()->states & a11y::kChecked) << Content(item.text);
  }
  EXPECT_EQ(app().session().checklist.at("pension-certification").size(), guide->what_to_bring.size());
  // The focused checkbox scrolled into view: its box is inside the window.
  EXPECT_GE(Focused()->bounds.y, 0);
  EXPECT_LE(Focused()->bounds.y + Focused()->bounds.h, 800);
  // Shift+Tab goes back the way it came.
  const std::string last = Focused()->name;
  Press(a11y::Key::kShiftTab);
  EXPECT_EQ(Focused()->name, Content(guide->what_to_bring[guide->what_to_bring.size() - 2].text));
  Press(a11y::Key::kTab);
  EXPECT_EQ(Focused()->name, last);
  // Left goes forward in a right-to-left language: Back -> Home in the top bar.
  TabTo(Role::kButton, Tr("nav.back"));
  Press(a11y::Key::kLeft);
  EXPECT_EQ(Focused()->name, Tr("nav.home"));
  Press(a11y::Key::kEnter);
  EXPECT_EQ(app().route(), "home");
}

TEST_F(A11yKiosk, KeyboardOnlySearchTabIntoTheFieldTypeAndOpenAResult) {
  Start();
  Pick("zh-Hans");
  TabTo(Role::kTextbox, Tr("home.search"));
  runner().Type("二维码");
  const a11y::Node* field = Find(Role::kTextbox, Tr("home.search"));
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->value, "二维码") << "Tab into the field is enough to type";
  Press(a11y::Key::kRight);  // moves the caret, not the focus
  EXPECT_EQ(Focused()->role, Role::kTextbox);
  const content::Lesson* lesson = app().library().FindLesson("qr-code");
  TabAndPress(Role::kLink, Content(lesson->title));
  EXPECT_EQ(app().route(), "lesson/qr-code");
}

// A keyboard's Tab reaches ImGui too (the platform hands it every key, as a keyboard's key goes
// to ImGui's SDL backend and to the App): the search field is one stop of the kiosk's focus
// order, in reading order, never a second stop of ImGui's own; in no frame is the field editing
// while focus is on another control (typing would go where the learner is not).
TEST_F(A11yKiosk, TabWalksTheSearchFieldOnceInReadingOrder) {
  Start();
  Pick("en");
  const std::vector<a11y::NodeId> order = a11y::FocusOrder(runner().tree());
  const a11y::Node* field = Find(Role::kTextbox, Tr("home.search"));
  ASSERT_NE(field, nullptr);
  const a11y::NodeId field_id = field->id;
  ASSERT_EQ(std::count(order.begin(), order.end(), field_id), 1);
  // A learner touched the field first (the window under the finger takes ImGui's keyboard).
  runner().Tap(field->bounds.x + field->bounds.w / 2, field->bounds.y + field->bounds.h / 2);
  ASSERT_EQ(app().focus(), field_id);
  int frames_editing_elsewhere = 0;
  auto check_frame = [&] {
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->role == Role::kTextbox && (n->states & a11y::kFocused) && n->id != app().focus()) ++frames_editing_elsewhere;
  };
  // Tab down, one frame, up, the frames that settle: the tree checked after each.
  ImGuiIO& io = ImGui::GetIO();
  auto tab = [&] {
    runner().Frame(0.6);  // not a bounce
    io.KeysDown[io.KeyMap[ImGuiKey_Tab]] = true;
    app().OnKey(a11y::Key::kTab);
    runner().Frame(1.0 / 30.0, true);
    check_frame();
    io.KeysDown[io.KeyMap[ImGuiKey_Tab]] = false;
    for (int i = 0; i < 6; ++i) {
      runner().Frame(1.0 / 30.0, i == 0);
      check_frame();
    }
  };
  std::vector<a11y::NodeId> walked = {field_id};
  for (size_t i = 0; i < order.size(); ++i) {
    tab();
    walked.push_back(app().focus());
  }
  EXPECT_EQ(frames_editing_elsewhere, 0) << "the field was editing while focus was on another control";
  // One full round back to the field, each stop once, each the next in reading order.
  for (size_t i = 1; i < walked.size(); ++i) {
    auto at = std::find(order.begin(), order.end(), walked[i - 1]);
    ASSERT_NE(at, order.end()) << "Tab " << i << " landed outside the focus order";
    const a11y::NodeId expected = std::next(at) == order.end() ? order.front() : *std::next(at);
    EXPECT_EQ(walked[i], expected) << "Tab " << i << " did not go to the next control in reading order";
  }
  EXPECT_EQ(walked.back(), field_id);
  EXPECT_EQ(std::count(walked.begin() + 1, walked.end(), field_id), 1) << "the field is one Tab stop";
  // Tab leaves the field: what is typed next goes nowhere near it.
  tab();
  runner().Type("abc");
  EXPECT_EQ(Find(Role::kTextbox, Tr("home.search"))->value, "") << "typing went into a field focus had left";
}

TEST_F(A11yKiosk, AnIdenticalKeyWithinHalfASecondIsIgnored) {
  Start();
  Press(a11y::Key::kTab);
  const a11y::NodeId first = app().focus();
  runner().Press(a11y::Key::kTab);  // 1/30 s later: a bounce
  EXPECT_EQ(app().focus(), first);
  Press(a11y::Key::kTab);  // 0.6 s later: a second press
  EXPECT_NE(app().focus(), first);
}

TEST_F(A11yKiosk, TheFocusRingIsDrawnOnlyForKeyboardFocus) {
  Start();
  Press(a11y::Key::kTab);
  const a11y::Node* f = Focused();
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(Interactive(*f));
  // The ring is at least 3 px outside the control: ImGui drew it into the window's list.
  const ImDrawData* data = ImGui::GetDrawData();
  ASSERT_NE(data, nullptr);
  bool ring = false;
  for (int l = 0; l < data->CmdListsCount && !ring; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    for (const ImDrawVert& v : list->VtxBuffer)
      if (v.pos.x <= f->bounds.x - 3 && v.pos.x >= f->bounds.x - 9 && v.pos.y > f->bounds.y &&
          v.pos.y < f->bounds.y + f->bounds.h) {
        ring = true;
        break;
      }
  }
  EXPECT_TRUE(ring);
}

// [SECTION] What the kiosk says

TEST_F(A11yKiosk, UtteranceLogForAWholeLessonInMandarin) {
  Start();
  Pick("zh-Hans");
  Activate(Role::kButton, Tr("home.lessons"));
  const content::Lesson* lesson = app().library().FindLesson("qr-code");
  app().announcer().ClearLog();
  Activate(Role::kLink, Content(lesson->title));
  const int n = static_cast<int>(lesson->steps.size());
  std::string transcript;
  for (int i = 0; i < n; ++i) {
    const content::Step& step = lesson->steps[i];
    SCOPED_TRACE("step " + step.id);
    const std::string said = SpeechText();
    // The step announces itself: lesson title, "Step i of n", the step's own heading or text.
    EXPECT_NE(said.find("[zh-Hans, voice cmn-latn-pinyin] " + Content(lesson->title)), std::string::npos) << said;
    EXPECT_NE(said.find(Tr("lesson.step_of", {{"step", double(i + 1)}, {"total", double(n)}})), std::string::npos) << said;
    if (step.type == content::StepType::kText) {
      EXPECT_NE(said.find(Content(step.title)), std::string::npos) << said;
    }
    if (step.type == content::StepType::kQuiz) {
      EXPECT_NE(said.find(Content(step.question)), std::string::npos) << said;
    }
    if (step.type == content::StepType::kPractice) {
      EXPECT_NE(said.find(Content(step.instruction)), std::string::npos) << said;
      // Focus a hotspot: its name and role are said; activating it interrupts and the
      // feedback (a polite live region) follows.
      for (const auto& h : step.hotspots)
        if (h.correct) {
          app().announcer().ClearLog();
          TabTo(Role::kButton, Content(h.label));
          EXPECT_EQ(SpeechLog().back(), "speak [zh-Hans, voice cmn-latn-pinyin] " + Content(h.label) + ", " + Tr("a11y.role.button"));
          Press(Key::kEnter);
          const auto log = SpeechLog();
          ASSERT_GE(log.size(), 2u);
          EXPECT_NE(std::find(log.begin(), log.end(), "stop"), log.end()) << "input interrupts speech";
          EXPECT_NE(log.back().find(Tr("lesson.correct")), std::string::npos) << log.back();
        }
    }
    if (step.type == content::StepType::kQuiz) {
      for (const auto& c : step.choices)
        if (c.correct) {
          app().announcer().ClearLog();
          TabTo(Role::kRadio, Content(c.text));
          EXPECT_EQ(SpeechLog().back(), "speak [zh-Hans, voice cmn-latn-pinyin] " + Content(c.text) + ", " +
                                            Tr("a11y.role.radio") + ", " + Tr("a11y.state.not_checked"));
          Press(Key::kSpace);
          EXPECT_NE(SpeechLog().back().find(Tr("lesson.correct") + " " + Content(c.feedback)), std::string::npos);
        }
    }
    // Repeat says the step again from its heading.
    app().announcer().ClearLog();
    TabAndPress(Role::kButton, Tr("nav.repeat"));
    EXPECT_NE(SpeechText().find(Tr("lesson.step_of", {{"step", double(i + 1)}, {"total", double(n)}})), std::string::npos);
    transcript += SpeechText();
    app().announcer().ClearLog();
    TabAndPress(Role::kButton, i == n - 1 ? Tr("lesson.finish") : Tr("nav.next"));
  }
  EXPECT_NE(SpeechText().find(Tr("lesson.done_title")), std::string::npos) << SpeechText();
  // Nothing was said in another language or voice.
  for (const auto& e : app().announcer().log())
    if (e.kind == a11y::SpeechLogEntry::Kind::kSpeak) {
      EXPECT_EQ(e.utterance.voice, "cmn-latn-pinyin");
    }
}

TEST_F(A11yKiosk, UyghurIsSpokenWithTheUyghurVoice) {
  Start();
  Pick("ug");
  app().announcer().ClearLog();
  TabTo(Role::kButton, Tr("home.lessons"));
  EXPECT_EQ(SpeechLog().back(), "speak [ug, voice ug] " + Tr("home.lessons") + ", " + Tr("a11y.role.button"));
}

TEST_F(A11yKiosk, WithoutAClipTibetanFallsBackToMandarinAndSaysSoOnScreen) {
  // The operator switched the beta Tibetan voice off (issue 15): no clip, no voice, Mandarin.
  auto options = BundledOptions();
  options.config.synthetic_voices["bo"] = false;
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
  runner().Settle();
  Pick("bo");
  app().announcer().ClearLog();
  app().Navigate("lessons");
  runner().Settle();
  ASSERT_EQ(app().translator().Get("lessons.title").lang, "bo");
  const std::string mandarin = app().translator().GetIn("zh-Hans", "lessons.title").text;
  bool fell_back = false;
  for (const auto& e : app().announcer().log())
    fell_back |= e.utterance.text == mandarin && e.utterance.fallback && e.utterance.voice == "cmn-latn-pinyin";
  EXPECT_TRUE(fell_back) << SpeechText();
  EXPECT_NE(Find(Role::kStatus, Tr("a11y.fallback_indicator")), nullptr) << "a visible indicator";
}

TEST_F(A11yKiosk, WithoutAClipTibetanIsSpokenByItsBetaVoiceWithNoMandarinNotice) {
  Start();
  Pick("bo");
  app().announcer().ClearLog();
  app().Navigate("lessons");
  runner().Settle();
  bool synthetic = false;
  for (const auto& e : app().announcer().log())
    synthetic |= e.utterance.text == Tr("lessons.title") && e.utterance.layer == a11y::SpeechLayer::kSynthetic &&
                 e.utterance.beta && e.utterance.voice == "qiao/bo";
  EXPECT_TRUE(synthetic) << SpeechText();
  EXPECT_EQ(FindContaining(Role::kStatus, Tr("a11y.fallback_indicator")), nullptr) << "nothing was spoken in Mandarin";
}

TEST_F(A11yKiosk, ARecordedClipIsPlayedWhereTheLanguageHasNoVoice) {
  namespace fs = std::filesystem;
  // A clip generated for the test: Mandarin speech written as a WAV file stands in for a
  // Tibetan recording (only the file's presence and path matter to the announcer).
  const fs::path dir = fs::temp_directory_path() / ("qiao-clips-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "audio" / "bo");
  std::string error;
  auto synth = a11y::Synthesizer::Get(&error);
  ASSERT_TRUE(synth) << error;
  std::vector<int16_t> pcm;
  ASSERT_TRUE(synth->Synthesize("课程", "cmn-latn-pinyin", 150, &pcm));
  WriteWav(dir / "audio" / "bo" / "lessons.wav", pcm, synth->sample_rate());
  auto options = BundledOptions();
  // Clips live beside the packs: copy the bundled pack there too.
  fs::copy_file(std::string(QIAO_SOURCE_DIR) + "/lessons/basics.pack.json", dir / "basics.pack.json");
  options.packs_dir = dir.string();
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
  runner().Settle();
  Pick("bo");
  const std::string title = Tr("lessons.title");
  WriteClipIndex(dir / "audio" / "bo", "bo", {{title, "lessons.wav", "lessons.title"}});
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);  // clips load at start-up
  runner().Settle();
  Pick("bo");
  app().announcer().ClearLog();
  app().Navigate("lessons");
  runner().Settle();
  bool played = false;
  for (const auto& e : app().announcer().log())
    if (e.utterance.text == title && e.utterance.clip == (dir / "audio" / "bo" / "lessons.wav").string()) played = true;
  EXPECT_TRUE(played) << SpeechText();
  fs::remove_all(dir);
}

TEST_F(A11yKiosk, ThePinIsNeverSpokenOnTheLoudspeaker) {
  Start();
  Pick("en");
  app().RequestExit();
  runner().Settle();
  app().announcer().ClearLog();
  for (int i = 0; i < 4; ++i) Press(Key::kTab);
  TabTo(Role::kButton, "7");
  for (const auto& line : SpeechLog()) {
    EXPECT_EQ(line.find("] 7"), std::string::npos) << line;
    EXPECT_EQ(line.find("] 1"), std::string::npos) << line;
  }
  EXPECT_NE(SpeechLog().back().find(Tr("a11y.state.protected")), std::string::npos);
}

TEST_F(A11yKiosk, OnAHeadsetThePinDigitsAreSpoken) {
  auto options = BundledOptions();
  options.config.headset = true;
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
  runner().Settle();
  Pick("en");
  app().RequestExit();
  runner().Settle();
  TabTo(Role::kButton, "7");
  EXPECT_EQ(SpeechLog().back(), "speak [en, voice en-us] 7, " + Tr("a11y.role.button"));
}

TEST_F(A11yKiosk, VolumeKeysChangeVolumeAndTheIdleResetRestoresIt) {
  Start();
  Pick("en");
  const float start = app().announcer().volume();
  Press(Key::kVolumeUp);
  Press(Key::kVolumeUp);
  EXPECT_NEAR(app().announcer().volume(), std::min(1.0f, start + 0.2f), 1e-4);
  EXPECT_NE(SpeechLog().back().find("Volume"), std::string::npos);
  runner().Idle(140);
  EXPECT_EQ(app().route(), "picker");
  EXPECT_FLOAT_EQ(app().announcer().volume(), a11y::Announcer::kDefaultVolume);
}

TEST_F(A11yKiosk, SpeechRateIsChangedInSettingsAndSpoken) {
  Start();
  Pick("en");
  app().Navigate("settings");
  runner().Settle();
  const int rate = app().announcer().rate();
  TabAndPress(Role::kButton, Tr("settings.faster"));
  EXPECT_EQ(app().announcer().rate(), rate + 25);
  EXPECT_EQ(app().settings().speech_rate, rate + 25);
  EXPECT_NE(SpeechLog().back().find(Tr("settings.speech_rate_value", {{"wpm", double(rate + 25)}})), std::string::npos);
}

// [SECTION] Touch and hear

TEST_F(A11yKiosk, TouchAndHearSpeaksOnFirstTouchAndActivatesOnSecond) {
  Start();
  Pick("en");
  Press(Key::kSpeech);  // the headset user's key: speech on, touch-and-hear on, page read
  ASSERT_TRUE(app().touch_and_hear());
  app().announcer().ClearLog();
  const a11y::Node* lessons = Find(Role::kButton, Tr("home.lessons"));
  TapNode(lessons);
  EXPECT_EQ(app().route(), "home") << "the first touch only speaks";
  EXPECT_EQ(SpeechLog().back(), "speak [en, voice en-us] " + Tr("home.lessons") + ", " + Tr("a11y.role.button"));
  TapNode(Find(Role::kButton, Tr("home.lessons")));
  EXPECT_EQ(app().route(), "lessons") << "the second touch activates";
}

// [SECTION] Switches

TEST_F(A11yKiosk, OneSwitchAutoScanCompletesAQuizStep) {
  auto options = BundledOptions();
  options.config.switch_access = "one";
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
  runner().Settle();
  Pick("en");
  app().Navigate("lesson/qr-code/6");
  runner().Settle();
  const content::Step& quiz = app().library().FindLesson("qr-code")->steps[5];
  ASSERT_EQ(quiz.type, content::StepType::kQuiz);
  std::string correct;
  for (const auto& c : quiz.choices)
    if (c.correct) correct = Content(c.text);
  // Waits (auto-scan) until `name` is highlighted, then presses the switch.
  auto select_when = [&](auto&& highlighted) {
    for (int tick = 0; tick < 40; ++tick) {
      if (highlighted()) {
        Press(Key::kSpace);
        return true;
      }
      runner().Frame(0.3);
    }
    return false;
  };
  Press(Key::kSpace);  // starts scanning
  // The answers are one group: select the group, then the right answer inside it.
  ASSERT_TRUE(select_when([&] {
    const a11y::Node* n = runner().tree().Find(app().focus());
    return n && n->role == Role::kGroup && n->name == Content(quiz.question);
  }));
  ASSERT_TRUE(select_when([&] {
    const a11y::Node* n = runner().tree().Find(app().focus());
    return n && n->role == Role::kRadio && n->name == correct;
  }));
  EXPECT_NE(FindContaining(Role::kStatus, Tr("lesson.correct")), nullptr);
}

TEST_F(A11yKiosk, TwoSwitchesStepAndSelect) {
  auto options = BundledOptions();
  options.config.switch_access = "two";
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
  runner().Settle();
  Pick("en");
  // Top level on Home: the top bar (a group), then each button.
  Press(Key::kSpace);
  for (int i = 0; i < 10 && !(runner().tree().Find(app().focus()) &&
                              runner().tree().Find(app().focus())->name == Tr("home.guides")); ++i)
    Press(Key::kSpace);
  ASSERT_EQ(runner().tree().Find(app().focus())->name, Tr("home.guides"));
  Press(Key::kEnter);
  EXPECT_EQ(app().route(), "guides");
}

// [SECTION] The recording in docs/

// Walks the QR-code lesson with the keyboard in `tag` and returns what the kiosk said. With
// QIAO_SPEECH_LOG_DIR set, writes it to speech-log-<tag>.txt there (docs/ holds the copies).
class SpeechRecording : public A11yKiosk, public ::testing::WithParamInterface<const char*> {};

TEST_P(SpeechRecording, OneLessonByKeyboardIsSpokenInItsLanguage) {
  const std::string tag = GetParam();
  Start();
  Pick(tag);
  Activate(Role::kButton, Tr("home.lessons"));
  const content::Lesson* lesson = app().library().FindLesson("qr-code");
  app().announcer().ClearLog();
  TabAndPress(Role::kLink, Content(lesson->title));
  const int n = static_cast<int>(lesson->steps.size());
  for (int i = 0; i < n; ++i) {
    const content::Step& step = lesson->steps[i];
    if (step.type == content::StepType::kPractice)
      for (const auto& h : step.hotspots)
        if (h.correct) TabAndPress(Role::kButton, Content(h.label));
    if (step.type == content::StepType::kQuiz)
      for (const auto& c : step.choices)
        if (c.correct) TabAndPress(Role::kRadio, Content(c.text));
    TabAndPress(Role::kButton, i == n - 1 ? Tr("lesson.finish") : Tr("nav.next"));
  }
  std::string text = "# What the kiosk said: lesson \"" + Content(lesson->title) + "\" in " + tag +
                     ", keyboard only (Tab to a control, Enter to press it).\n"
                     "# Generated by tests/ui/a11y_walk_test.cpp (SpeechRecording); one line per utterance.\n";
  int spoken = 0;
  const std::string voice = app().translator().info().speech;
  for (const auto& e : app().announcer().log()) {
    text += e.ToString() + "\n";
    if (e.kind != a11y::SpeechLogEntry::Kind::kSpeak) continue;
    ++spoken;
    // Each piece in its own language's voice: the locale's, or Mandarin for fallback text.
    if (e.utterance.lang == tag) {
      EXPECT_EQ(e.utterance.voice, voice) << e.ToString();
    } else {
      EXPECT_EQ(e.utterance.lang, "zh-Hans") << e.ToString();
      EXPECT_EQ(e.utterance.voice, "cmn-latn-pinyin") << e.ToString();
    }
  }
  EXPECT_GT(spoken, 3 * n);
  if (const char* dir = std::getenv("QIAO_SPEECH_LOG_DIR"))
    std::ofstream(std::filesystem::path(dir) / ("speech-log-" + tag + ".txt")) << text;
}

INSTANTIATE_TEST_SUITE_P(Docs, SpeechRecording, ::testing::Values("zh-Hans", "ug"),
                         [](const auto& info) { return std::string(info.param) == "zh-Hans" ? "zh" : "ug"; });
