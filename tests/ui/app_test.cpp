// End-to-end walks through the kiosk, headless: picker -> lesson -> guide, idle reset,
// settings that persist, keyboard Back.
#include "kiosk_fixture.h"

#include <filesystem>
#include <fstream>

using namespace qiao;
using namespace qiao::testing;
using a11y::Role;

TEST_F(KioskTest, PickerNamesEveryLanguageInItsOwnScript) {
  Start();
  EXPECT_EQ(app().route(), "picker");
  for (const auto& l : app().translator().locales()) {
    const a11y::Node* n = Find(Role::kButton, l.endonym);
    ASSERT_NE(n, nullptr) << l.tag;
    EXPECT_EQ(n->lang, l.tag);  // drawn and spoken in its own language
    EXPECT_EQ(n->dir, l.tag == "ug" || l.tag == "kk-Arab" ? a11y::Dir::kRtl : a11y::Dir::kLtr);
  }
}

TEST_F(KioskTest, TappingALanguageOpensHomeInThatLanguage) {
  Start();
  TapNode(Find(Role::kButton, "中文"));
  ASSERT_EQ(app().route(), "home");
  EXPECT_EQ(app().translator().locale(), "zh-Hans");
  EXPECT_NE(Find(Role::kButton, Tr("home.lessons")), nullptr);
  EXPECT_NE(Find(Role::kButton, Tr("nav.back")), nullptr);
  EXPECT_NE(Find(Role::kButton, Tr("nav.home")), nullptr);
}

TEST_F(KioskTest, WalkAWholeLessonWithFeedbackOnEveryTask) {
  Start();
  Pick("zh-Hans");
  Activate(Role::kButton, Tr("home.lessons"));
  const content::Lesson* lesson = app().library().FindLesson("qr-code");
  ASSERT_NE(lesson, nullptr);
  Activate(Role::kLink, Content(lesson->title));
  ASSERT_EQ(app().route(), "lesson/qr-code");
  const int n = static_cast<int>(lesson->steps.size());
  for (int i = 0; i < n; ++i) {
    const content::Step& step = lesson->steps[i];
    SCOPED_TRACE("step " + step.id);
    const a11y::Node* progress = FindContaining(Role::kProgressbar, "");
    ASSERT_NE(progress, nullptr);
    EXPECT_EQ(progress->name, Tr("lesson.step_of", {{"step", double(i + 1)}, {"total", double(n)}}));
    if (step.type == content::StepType::kPractice) {
      // A wrong tap first: kind feedback, no penalty. Then the right place.
      for (const auto& h : step.hotspots) {
        if (h.correct) continue;
        Activate(Role::kButton, Content(h.label));
        const a11y::Node* fb = FindContaining(Role::kStatus, Tr("lesson.try_again"));
        ASSERT_NE(fb, nullptr);
        EXPECT_NE(fb->name.find(Content(h.feedback)), std::string::npos);
        EXPECT_EQ(fb->live, a11y::Live::kPolite);
        break;
      }
      for (const auto& h : step.hotspots)
        if (h.correct) {
          Activate(Role::kButton, Content(h.label));
          break;
        }
      EXPECT_NE(FindContaining(Role::kStatus, Tr("lesson.correct")), nullptr);
    }
    if (step.type == content::StepType::kQuiz) {
      EXPECT_NE(Find(Role::kHeading, Content(step.question)), nullptr);
      for (const auto& c : step.choices)
        if (c.correct) {
          Activate(Role::kRadio, Content(c.text));
          EXPECT_TRUE(Find(Role::kRadio, Content(c.text))->states & a11y::kChecked);
        }
      EXPECT_NE(FindContaining(Role::kStatus, Tr("lesson.correct")), nullptr);
    }
    if (step.type == content::StepType::kImage) {
      const a11y::Node* img = Find(Role::kImage, Content(step.alt));
      ASSERT_NE(img, nullptr) << "the picture is described for people who cannot see it";
    }
    Activate(Role::kButton, i == n - 1 ? Tr("lesson.finish") : Tr("nav.next"));
  }
  EXPECT_NE(FindContaining(Role::kStatus, Tr("lesson.done_title")), nullptr);
  EXPECT_TRUE(app().session().lesson_done.count("qr-code"));
  Activate(Role::kButton, Tr("lesson.to_list"));
  EXPECT_EQ(app().route(), "lessons");
}

TEST_F(KioskTest, TappingOutsideEveryHotspotExplainsWhatToDo) {
  Start();
  Pick("en");
  app().Navigate("lesson/qr-code/3");
  runner().Settle();
  const content::Step& step = app().library().FindLesson("qr-code")->steps[2];
  ASSERT_EQ(step.type, content::StepType::kPractice);
  const a11y::Node* phone = Find(Role::kGroup, Content(step.instruction));
  ASSERT_NE(phone, nullptr);
  // Find a point on the phone screen that is inside no hotspot.
  std::vector<a11y::Rect> spots;
  for (a11y::NodeId id : phone->children)
    if (runner().tree().Find(id)->role == Role::kButton) spots.push_back(runner().tree().Find(id)->bounds);
  bool tapped = false;
  for (float fy = 0.2f; fy < 0.95f && !tapped; fy += 0.05f) {
    float x = phone->bounds.x + phone->bounds.w * 0.5f, y = phone->bounds.y + phone->bounds.h * fy;
    bool inside = false;
    for (const auto& r : spots) inside |= x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
    if (inside || y > 780) continue;
    runner().Tap(x, y);
    tapped = true;
  }
  ASSERT_TRUE(tapped);
  const a11y::Node* fb = FindContaining(Role::kStatus, Tr("lesson.try_again"));
  ASSERT_NE(fb, nullptr);
  EXPECT_NE(fb->name.find(Content(step.miss_feedback)), std::string::npos);
}

TEST_F(KioskTest, WalkAGuideAndTickTheChecklist) {
  Start();
  Pick("zh-Hans");
  Activate(Role::kButton, Tr("home.guides"));
  const content::Guide* guide = app().library().FindGuide("pension-certification");
  ASSERT_NE(guide, nullptr);
  Activate(Role::kLink, Content(guide->title));
  ASSERT_EQ(app().route(), "guide/pension-certification");
  for (const char* section : {"guide.who", "guide.bring", "guide.steps", "guide.where", "guide.fees", "guide.other_ways"})
    EXPECT_NE(Find(Role::kHeading, Tr(section)), nullptr) << section;
  const size_t total = guide->what_to_bring.size();
  // Tick two items with real taps on their boxes.
  TapNode(Find(Role::kCheckbox, Content(guide->what_to_bring[0].text)));
  TapNode(Find(Role::kCheckbox, Content(guide->what_to_bring[1].text)));
  EXPECT_TRUE(Find(Role::kCheckbox, Content(guide->what_to_bring[0].text))->states & a11y::kChecked);
  EXPECT_TRUE(Find(Role::kCheckbox, Content(guide->what_to_bring[1].text))->states & a11y::kChecked);
  EXPECT_FALSE(Find(Role::kCheckbox, Content(guide->what_to_bring[2].text))->states & a11y::kChecked);
  EXPECT_NE(Find(Role::kText, Tr("guide.bring_count", {{"checked", 2.0}, {"total", double(total)}})), nullptr);
  // Untick one.
  Activate(Role::kCheckbox, Content(guide->what_to_bring[0].text));
  EXPECT_EQ(app().session().checklist.at("pension-certification").size(), 1u);
  // Every other way to do it is listed, and an in-person one is among them.
  bool in_person = false;
  for (const auto& way : guide->other_ways) {
    const a11y::Node* n = FindContaining(Role::kText, Content(way.text));
    EXPECT_NE(n, nullptr);
    in_person |= way.channel == "in-person" && n && n->name.starts_with(Tr("channel.in-person"));
  }
  EXPECT_TRUE(in_person);
}

TEST_F(KioskTest, IdleResetWarnsThenClearsEverything) {
  Start();
  Pick("en");
  app().Navigate("guide/pension-certification");
  runner().Settle();
  const content::Guide* guide = app().library().FindGuide("pension-certification");
  Activate(Role::kCheckbox, Content(guide->what_to_bring[0].text));
  app().Navigate("lesson/qr-code/6");
  runner().Settle();
  const content::Step& quiz = app().library().FindLesson("qr-code")->steps[5];
  Activate(Role::kRadio, Content(quiz.choices[0].text));
  ASSERT_FALSE(app().session().quiz_answer.empty());

  runner().Idle(110);
  EXPECT_EQ(Find(Role::kDialog, Tr("idle.title")), nullptr) << "no warning before the timeout";
  runner().Idle(12);
  const a11y::Node* dialog = Find(Role::kDialog, Tr("idle.title"));
  ASSERT_NE(dialog, nullptr) << "\"Are you still there?\" after 120 s";
  EXPECT_NE(FindContaining(Role::kAlert, "second"), nullptr);
  runner().Idle(16);
  EXPECT_EQ(app().route(), "picker");
  EXPECT_TRUE(app().session().history.empty());
  EXPECT_TRUE(app().session().quiz_answer.empty());
  EXPECT_TRUE(app().session().checklist.empty());
  EXPECT_TRUE(app().session().lesson_step.empty());
  EXPECT_EQ(Find(Role::kDialog, "Are you still there?"), nullptr);
  // Nothing of the learner's is left in what the screen shows.
  for (const a11y::Node* n : runner().tree().Flatten())
    EXPECT_EQ(n->name.find(Content(quiz.choices[0].text)), std::string::npos);
}

TEST_F(KioskTest, AnyTouchDuringTheWarningKeepsTheSession) {
  Start();
  Pick("en");
  app().Navigate("lessons");
  runner().Settle();
  runner().Idle(125);
  ASSERT_NE(Find(Role::kDialog, Tr("idle.title")), nullptr);
  Activate(Role::kButton, Tr("idle.stay"));
  EXPECT_EQ(Find(Role::kDialog, Tr("idle.title")), nullptr);
  EXPECT_EQ(app().route(), "lessons");
  runner().Idle(60);
  EXPECT_EQ(app().route(), "lessons");
}

TEST_F(KioskTest, AnIdleKioskDrawsNoFrames) {
  Start();
  // On the picker nothing is scheduled at all.
  EXPECT_FALSE(app().WantsAnotherFrame());
  EXPECT_TRUE(std::isinf(app().NextDeadline()));
  Pick("en");
  runner().Settle();
  EXPECT_FALSE(app().WantsAnotherFrame());
  // Elsewhere, the only scheduled frame is the idle warning.
  EXPECT_NEAR(app().NextDeadline() - runner().now(), 120.0, 1.0);
}

TEST_F(KioskTest, SettingsPersistAcrossRestarts) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qiao-settings-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Start(1280, 800, dir.string());
  Pick("en");
  Activate(Role::kButton, Tr("home.settings"));
  const a11y::Node* size = FindContaining(Role::kSlider, "");
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(size->value, "100%");
  Activate(Role::kButton, Tr("settings.larger"));
  Activate(Role::kButton, Tr("settings.larger"));
  Activate(Role::kRadio, Tr("settings.theme_high_contrast"));
  EXPECT_EQ(FindContaining(Role::kSlider, "")->value, "150%");
  runner_.reset();  // the kiosk restarts

  Start(1280, 800, dir.string());
  EXPECT_EQ(app().settings().text_scale_index, 2);
  EXPECT_EQ(app().settings().theme, ui::ThemeId::kHighContrast);
  EXPECT_TRUE(app().Problems().empty());
  fs::remove_all(dir);
}

TEST_F(KioskTest, CorruptSettingsAreReportedAndDefaultsUsed) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qiao-corrupt-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "settings.json") << "{\n  \"textScaleIndex\": 2,\n  \"theme\": \"high-contrast\"\n";  // truncated
  Start(1280, 800, dir.string());
  EXPECT_EQ(app().settings().text_scale_index, 0);
  auto problems = app().Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("settings.json:4:"), std::string::npos) << problems[0];
  fs::remove_all(dir);
}

TEST_F(KioskTest, EscapeGoesBack) {
  Start();
  Pick("en");
  Activate(Role::kButton, Tr("home.guides"));
  ASSERT_EQ(app().route(), "guides");
  runner().PressKey(ImGuiKey_Escape);
  EXPECT_EQ(app().route(), "home");
}

TEST_F(KioskTest, UyghurMirrorsTheLayout) {
  Start();
  Pick("ug");
  const a11y::Node* back = Find(Role::kButton, Tr("nav.back"));
  const a11y::Node* home = Find(Role::kButton, Tr("nav.home"));
  ASSERT_NE(back, nullptr);
  ASSERT_NE(home, nullptr);
  EXPECT_GT(back->bounds.x, home->bounds.x) << "Back sits at the start of a right-to-left line";
  EXPECT_EQ(back->dir, a11y::Dir::kRtl);
  EXPECT_EQ(runner().tree().Find(runner().tree().root)->dir, a11y::Dir::kRtl);
}

TEST_F(KioskTest, BrokenPacksAreSkippedAndTheOperatorIsTold) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qiao-packs-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(std::string(QIAO_SOURCE_DIR) + "/lessons/basics.pack.json", dir / "a.pack.json",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "b.pack.json") << "{\"schemaVersion\": \"1.0\", \"id\": \"b\", \"title\": {\"en\": \"B\"},\n \"lessons\": [{\"id\": \"x\"}]}";
  auto options = BundledOptions();
  options.packs_dir = dir.string();
  runner_ = std::make_unique<ui::HeadlessRunner>(options, 1280, 800);
  runner().Settle();
  Pick("en");
  EXPECT_NE(app().library().FindLesson("qr-code"), nullptr);
  const a11y::Node* notice = FindContaining(Role::kAlert, "content problem");
  ASSERT_NE(notice, nullptr) << "the operator sees a notice on Home";
  auto problems = app().Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("b.pack.json:2:"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("/lessons/0/title"), std::string::npos) << problems[0];
  fs::remove_all(dir);
}

// The browser on a learner's own device (keep_session): their place in a lesson, answers and
// ticked items survive a restart, and there is no idle reset. The kiosk (default) forgets.
TEST_F(KioskTest, KeptSessionSurvivesARestartOnTheLearnersOwnDevice) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qiao-session-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto start = [&](bool keep) {
    runner_.reset();
    ui::AppOptions o = BundledOptions(dir.string());
    o.keep_session = keep;
    runner_ = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
    runner_->Settle();
  };
  start(true);
  Pick("en");
  app().Navigate("lesson/qr-code/6");
  runner().Settle();
  const content::Step& quiz = app().library().FindLesson("qr-code")->steps[5];
  Activate(Role::kRadio, Content(quiz.choices[0].text));
  const auto answers = app().session().quiz_answer;
  ASSERT_FALSE(answers.empty());
  runner().Idle(600);  // no idle reset on a personal device
  EXPECT_EQ(app().route(), "lesson/qr-code");
  EXPECT_TRUE(std::isinf(app().NextDeadline()));
  ASSERT_TRUE(fs::exists(dir / "session.json"));

  start(true);  // the tab is closed and opened again
  EXPECT_EQ(app().route(), "lesson/qr-code");
  EXPECT_EQ(app().translator().locale(), "en");
  EXPECT_EQ(app().session().lesson_step.at("qr-code"), 5);
  EXPECT_EQ(app().session().quiz_answer, answers);
  EXPECT_TRUE(app().Problems().empty());
  const a11y::Node* progress = FindContaining(Role::kProgressbar, "");
  ASSERT_NE(progress, nullptr);
  EXPECT_NE(progress->name.find("6"), std::string::npos) << progress->name;

  start(false);  // a kiosk on the same data dir starts fresh
  EXPECT_EQ(app().route(), "picker");
  EXPECT_TRUE(app().session().quiz_answer.empty());
  fs::remove_all(dir);
}

TEST_F(KioskTest, CorruptSessionFileStartsAFreshSessionAndSaysWhere) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qiao-badsession-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "session.json") << "[\"not\", \"an object\"";
  ui::AppOptions o = BundledOptions(dir.string());
  o.keep_session = true;
  runner_ = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
  runner_->Settle();
  EXPECT_EQ(app().route(), "picker");
  auto problems = app().Problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("session.json"), std::string::npos) << problems[0];
  // A mistyped field costs only that field.
  ui::SavedSession s;
  std::string error;
  ASSERT_TRUE(ui::SessionFromJson(R"({"route": "guides", "lessonStep": {"qr-code": "two"}, "lessonDone": ["qr-code"]})", &s, &error));
  EXPECT_EQ(s.route, "guides");
  EXPECT_TRUE(s.session.lesson_step.empty());
  EXPECT_EQ(s.session.lesson_done, std::set<std::string>{"qr-code"});
  fs::remove_all(dir);
}

// The browser tells the learner it is saved for offline use (App::ShowNotice, web.cpp): shown
// under the screen's title as a status node (the mirror's live region reads it), announced, in
// the learner's language, and gone once they move to another screen.
TEST_F(KioskTest, APlatformNoticeShowsOnItsScreenAndIsAnnouncedInTheLearnersLanguage) {
  Start();
  TapNode(Find(Role::kButton, "中文"));
  ASSERT_EQ(app().route(), "home");
  const std::string notice = Tr("web.saved_offline");
  ASSERT_EQ(notice, "已保存在这部手机上：没有网络也能用");
  EXPECT_EQ(Find(Role::kStatus, notice), nullptr);
  app().ShowNotice("web.saved_offline");
  runner().Settle();
  const a11y::Node* shown = Find(Role::kStatus, notice);
  ASSERT_NE(shown, nullptr) << "no status node \"" << notice << "\" on Home";
  EXPECT_EQ(shown->lang, "zh-Hans");
  bool said = false;
  for (const auto& e : app().announcer().log()) said = said || e.ToString().find(notice) != std::string::npos;
  EXPECT_TRUE(said) << "the notice was not announced";
  Activate(Role::kButton, Tr("home.lessons"));
  runner().Settle();
  ASSERT_EQ(app().route(), "lessons");
  EXPECT_EQ(Find(Role::kStatus, notice), nullptr) << "the notice followed the learner to the next screen";
}
