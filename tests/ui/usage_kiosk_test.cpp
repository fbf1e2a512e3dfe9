// Anonymous usage counts on the kiosk: what a learner does (a lesson started, a quiz answered, a
// lesson left unfinished, a language picked, speech, larger text, a switch) is counted per day and
// nothing else; the counts survive a restart; qiao-update leaves them, small counts withheld,
// with the kiosk's status in a signed channel's export/ folder (never on a stick no trusted key
// signed); `qiao-kiosk --status` tells the operator what is installed and what was counted.
#include "kiosk_fixture.h"
#include "store/usage.h"

#include "../channel/test_support.h"

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

namespace qiao {
namespace {

using namespace channel::test_support;
using a11y::Key;
using a11y::Role;

constexpr int64_t kNoon = 1796616000;  // 2026-12-07 04:00 UTC: the 7th in every time zone near China

class UsageOnKiosk : public testing::KioskTest {
 protected:
  void StartKiosk(ui::AppOptions o = testing::BundledOptions()) {
    o.data_dir = dir / "data";
    o.wall_clock = [] { return kNoon; };
    runner_.reset();
    runner_ = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
    runner_->Settle();
  }
  void Finish(const std::string& lesson) {
    const content::Lesson* l = app().library().FindLesson(lesson);
    ASSERT_NE(l, nullptr);
    runner().Visit("lesson/" + lesson + "/" + std::to_string(l->steps.size() + 1));  // its end
  }
  // The kiosk's own file, as the store reads it back.
  std::map<store::UsageKey, uint64_t> Counted() {
    std::vector<std::string> problems;
    auto rows = store::UsageCounts::Load(dir / "data/usage.csv", &problems).rows();
    EXPECT_TRUE(problems.empty()) << problems[0];
    return rows;
  }
  Scratch dir;
  const std::string day = store::LocalDay(kNoon);
};

TEST_F(UsageOnKiosk, WhatALearnerDoesIsCountedPerDayAndKept) {
  fs::create_directories(dir / "data");
  {
    StartKiosk();
    Pick("ug");
    runner().Visit("lesson/qr-code");
    runner().Visit("lesson/qr-code/6");  // a step of the lesson it is in: not started again
    const content::Lesson* qr = app().library().FindLesson("qr-code");
    const content::Step& quiz = qr->steps[5];
    ASSERT_EQ(quiz.type, content::StepType::kQuiz);
    // Wrong, then right: only the first try counts.
    for (const content::Choice& c : quiz.choices)
      if (!c.correct) Activate(Role::kRadio, Content(c.text));
    for (const content::Choice& c : quiz.choices)
      if (c.correct) Activate(Role::kRadio, Content(c.text));
    Finish("qr-code");
    runner().Visit("guide/report-fraud");
    runner().Visit("lessons");  // a list is not a lesson: not counted
    app().SetLocale("zh-Hans");
    runner().Visit("lesson/video-call/3");
    runner().Visit("lesson/no-such-lesson");  // an unknown route is not counted
    runner().Idle(600);                       // the learner walks away: the idle reset
    ASSERT_NE(app().route(), "lesson/no-such-lesson");
  }
  StartKiosk();  // after a restart
  Pick("ug");
  runner().Visit("lesson/qr-code");
  // Only the listed things, per day; speech is on by default, so the visits used it.
  using K = store::UsageKey;
  const std::map<K, uint64_t> expected = {
      {K{day, "", "kiosk", "", "idle-reset"}, 1},
      {K{day, "", "kiosk", "", "speech"}, 2},  // once per visit
      {K{day, "", "kiosk", "", "start"}, 2},
      {K{day, "ug", "guide", "report-fraud", "started"}, 1},
      {K{day, "ug", "kiosk", "", "language-picked"}, 2},
      {K{day, "ug", "lesson", "qr-code", "finished"}, 1},
      {K{day, "ug", "lesson", "qr-code", "quiz-wrong"}, 1},
      {K{day, "ug", "lesson", "qr-code", "started"}, 2},
      {K{day, "zh-Hans", "lesson", "video-call", "started"}, 1},
      {K{day, "zh-Hans", "lesson", "video-call", "stopped-at-3"}, 1},
  };
  EXPECT_EQ(Counted(), expected) << ReadAll(dir / "data/usage.csv");
}

TEST_F(UsageOnKiosk, LargerTextAndSwitchesAreCountedOncePerVisit) {
  fs::create_directories(dir / "data");
  ui::AppOptions o = testing::BundledOptions();
  o.config.switch_access = "two";
  StartKiosk(o);
  app().SetTextScaleIndexForRun(2);
  Pick("en");
  runner().Press(Key::kSpace);  // switch 1: step
  runner().Press(Key::kSpace);
  runner().Visit("lesson/qr-code");
  runner().Visit("lesson/video-call");
  runner().Idle(600);
  Pick("en");  // the next visit
  runner().Press(Key::kSpace);
  auto rows = Counted();
  EXPECT_EQ((rows[{day, "", "kiosk", "", "switch"}]), 2u);
  EXPECT_EQ((rows[{day, "", "kiosk", "", "large-text"}]), 1u);  // the second visit started no lesson
  EXPECT_EQ((rows[{day, "en", "kiosk", "", "language-picked"}]), 2u);
  EXPECT_EQ((rows[{day, "en", "lesson", "qr-code", "stopped-at-1"}]), 1u);
}

TEST_F(UsageOnKiosk, ALearnersOwnDeviceCountsNothing) {
  fs::create_directories(dir / "data");
  ui::AppOptions o = testing::BundledOptions();
  o.keep_session = true;
  StartKiosk(o);
  Pick("en");
  runner().Visit("lesson/qr-code");
  EXPECT_FALSE(fs::exists(dir / "data/usage.csv"));
}

// The appliance's path: a kiosk that counted, a stick with a channel, qiao-update, --status.
class UsageExport : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeMinisignKey(dir / "k.pub", dir / "k.key");
    RunResult r = Publish(dir / "k.key", dir / "QIAO", "basics");
    ASSERT_EQ(r.status, 0) << r.output;
    fs::create_directories(dir / "data");
    store::UsageCounts u = store::UsageCounts::Load(dir / "data/usage.csv", nullptr);
    u.Add({"2026-12-07", "ug", "lesson", "qr-code", "started"}, 6);
    u.Add({"2026-12-07", "ug", "lesson", "qr-code", "finished"}, 2);
    u.Add({"2026-12-07", "ug", "lesson", "qr-code", "quiz-right"}, 9);
    u.Add({"2026-12-07", "ug", "lesson", "qr-code", "stopped-at-4"}, 3);
    u.Add({"2026-12-07", "ii", "guide", "report-fraud", "started"});
    u.Add({"2026-12-07", "ug", "kiosk", "", "language-picked"}, 7);
    u.Add({"2026-12-07", "", "kiosk", "", "idle-reset"}, 12);
    u.Add({"2026-12-07", "", "kiosk", "", "start"}, 3);
    u.Add({"2026-12-08", "", "kiosk", "", "start"}, 1);
    std::string error;
    ASSERT_TRUE(u.Save(&error)) << error;
    // What the kiosk's operator notice shows (App keeps it beside usage.csv).
    ASSERT_TRUE(store::SaveShownProblems(dir / "data/problems.txt", {"fonts: Noto Sans Yi not found"}, &error));
  }
  RunResult Update(const std::string& extra = "", const std::string& pubkey = "k.pub") {
    return RunCommand(kUpdate + " " + (dir / "QIAO") + " --root " + (dir / "root") + " --pubkey " + (dir / pubkey) +
                      " --usage " + (dir / "data/usage.csv") + " --today 2026-12-08 " + extra);
  }
  std::string Exported(const std::string& ext) {
    if (!fs::is_directory(dir / "QIAO/export")) return "";
    for (const auto& e : fs::directory_iterator(dir / "QIAO/export"))
      if (e.path().extension() == ext) return ReadAll(e.path().string());
    return "";
  }
  Scratch dir;
};

TEST_F(UsageExport, UpdateLeavesTheCountsWithSmallOnesWithheld) {
  RunResult r = Update();
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("usage counts (9 rows) left in " + (dir / "QIAO/export/usage-")), std::string::npos) << r.output;
  EXPECT_EQ(Exported(".csv"),
            "day,locale,kind,id,what,count\n"
            "2026-12-07,,kiosk,,idle-reset,12\n"
            "2026-12-07,,kiosk,,start,<5\n"
            "2026-12-07,ii,guide,report-fraud,started,<5\n"
            "2026-12-07,ug,kiosk,,language-picked,7\n"
            "2026-12-07,ug,lesson,qr-code,finished,<5\n"
            "2026-12-07,ug,lesson,qr-code,quiz-right,9\n"
            "2026-12-07,ug,lesson,qr-code,started,6\n"
            "2026-12-07,ug,lesson,qr-code,stopped-at-4,<5\n"
            "2026-12-08,,kiosk,,start,<5\n");
  // A refused import (the same sequence again) of the bureau's signed stick still brings the
  // counts back, and says why it was refused.
  fs::remove_all(dir / "QIAO/export");
  r = Update();
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(Exported(".csv"), "");
  EXPECT_NE(Exported(".json").find("\"update\": \"refused\""), std::string::npos) << Exported(".json");
  // The operator's own command, and --no-export.
  fs::remove_all(dir / "QIAO/export");
  r = RunCommand(kUpdate + " --export-usage " + (dir / "QIAO") + " --usage " + (dir / "data/usage.csv") + " --root " +
                 (dir / "root"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(Exported(".csv"), "");
  fs::remove_all(dir / "QIAO/export");
  r = Update("--no-export");
  EXPECT_FALSE(fs::exists(dir / "QIAO/export"));
}

// The export holds no field that could identify a person: the CSV's columns and values and the
// status's keys are checked against allow-lists, and no count from 1 to 4 is shown.
TEST_F(UsageExport, OnlyAllowListedFieldsLeaveTheKiosk) {
  ASSERT_EQ(Update().status, 0);
  const std::string csv = Exported(".csv");
  ASSERT_FALSE(csv.empty());
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "day,locale,kind,id,what,count");  // the allowed columns, nothing more
  const std::regex row(R"(^(\d{4}-\d{2}-\d{2}),([A-Za-z0-9-]*),(lesson|guide|kiosk),([a-z0-9._-]*),)"
                       R"((started|finished|quiz-right|quiz-wrong|stopped-at-[1-9]\d{0,2}|language-picked|speech|)"
                       R"(large-text|switch|idle-reset|start),(<5|\d+)$)");
  int rows = 0, withheld = 0;
  while (std::getline(lines, line)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, row)) << line;
    ++rows;
    if (m[6] == "<5") ++withheld;
    else EXPECT_GE(std::stoull(m[6]), store::kUsageWithheldBelow) << line;
  }
  EXPECT_EQ(rows, 9);
  EXPECT_EQ(withheld, 5);

  const nlohmann::json status = nlohmann::json::parse(Exported(".json"));
  const std::set<std::string> allowed = {"format",   "kiosk",         "day",         "appVersion",
                                         "channel",  "sequence",      "contentVersion", "uptimeHours",
                                         "kioskStarts", "restarts",   "update",      "problems"};
  for (const auto& [key, value] : status.items()) EXPECT_TRUE(allowed.count(key)) << "not allowed: " << key;
  EXPECT_EQ(status["format"], "qiao-kiosk-status/1");
  EXPECT_TRUE(std::regex_match(status["kiosk"].get<std::string>(), std::regex("^[0-9a-f]{12}$|^kiosk$")));
  EXPECT_EQ(status["day"], "2026-12-08");  // a day, no time
  EXPECT_EQ(status["channel"], "demo");
  EXPECT_EQ(status["sequence"], 1);
  const std::string bundle_sha = fs::path(fs::directory_iterator(dir / "QIAO/bundles")->path()).stem().stem().string();
  EXPECT_EQ(status["contentVersion"], bundle_sha);
  EXPECT_EQ(status["kioskStarts"], 4);
  EXPECT_EQ(status["restarts"], 3);
  EXPECT_EQ(status["update"], "installed");
  EXPECT_TRUE(status["uptimeHours"].is_number_integer() || status["uptimeHours"].is_null());
  EXPECT_EQ(status["problems"], nlohmann::json::array({"fonts: Noto Sans Yi not found"}));
}

TEST_F(UsageExport, AStickNoTrustedKeySignedGetsNothing) {
  // A stick made with another key (anyone can make a QIAO/ folder): refused, and no counts.
  MakeMinisignKey(dir / "other.pub", dir / "other.key");
  RunResult r = Update("", "other.pub");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("not signed by a trusted key"), std::string::npos) << r.output;
  EXPECT_EQ(Exported(".csv"), "");
  EXPECT_EQ(Exported(".json"), "");
  // No channel.json at all.
  fs::remove(dir / "QIAO/channel.json");
  r = Update();
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_EQ(Exported(".csv"), "");
}

TEST_F(UsageExport, ALinkOnTheStickIsNotWrittenThrough) {
  fs::create_directories(dir / "elsewhere");
  fs::remove_all(dir / "QIAO/export");  // publish made an empty one
  fs::create_directory_symlink(dir / "elsewhere", dir / "QIAO/export");
  RunResult r = Update();
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("it is a symbolic link"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::is_empty(dir / "elsewhere"));
}

TEST_F(UsageExport, StatusNamesChannelSequenceVersionAndCounts) {
  ASSERT_EQ(Update().status, 0);
  RunResult r = RunCommand(std::string(QIAO_KIOSK_BINARY) + " --status --bundle " + (dir / "root") + " --data-dir " +
                           (dir / "data"));
  EXPECT_EQ(r.status, 0) << r.output;
  const std::string bundle_sha = fs::path(fs::directory_iterator(dir / "QIAO/bundles")->path()).stem().stem().string();
  EXPECT_NE(r.output.find("content: " + fs::canonical(dir / "root/releases/demo-1/bundle.qbundle").string() + "\n" +
                          "channel: demo\nsequence: 1\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("content version: " + bundle_sha + "\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("packs: 1, lessons: 3, guides: 0\nproblems: 0\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("  ii: started 1, finished 0\n  ug: started 6, finished 2\n  kiosk starts: 4, idle resets: 12\n"),
            std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace qiao
