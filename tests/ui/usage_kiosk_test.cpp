// Anonymous usage counts on the kiosk: a learner opening and finishing a lesson and opening a
// guide is counted per day and locale and nothing else; the counts survive a restart;
// qiao-update leaves them, small counts withheld, in the channel's export/ folder whether or not
// it installs; `qiao-kiosk --status` tells the operator what is installed and what was counted.
#include "kiosk_fixture.h"
#include "store/usage.h"

#include "../channel/test_support.h"

namespace qiao {
namespace {

using namespace channel::test_support;

constexpr int64_t kNoon = 1796616000;  // 2026-12-07 04:00 UTC: the 7th in every time zone near China

class UsageOnKiosk : public ::testing::Test {
 protected:
  std::unique_ptr<ui::HeadlessRunner> Start() {
    ui::AppOptions o = testing::BundledOptions(dir / "data");
    o.wall_clock = [] { return kNoon; };
    auto r = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
    r->Settle();
    return r;
  }
  void Finish(ui::HeadlessRunner& r, const std::string& lesson) {
    const content::Lesson* l = r.app().library().FindLesson(lesson);
    ASSERT_NE(l, nullptr);
    r.Visit("lesson/" + lesson + "/" + std::to_string(l->steps.size() + 1));  // its end
  }
  Scratch dir;
};

TEST_F(UsageOnKiosk, OpenedAndCompletedAreCountedPerDayAndLocaleAndKept) {
  fs::create_directories(dir / "data");
  const std::string day = store::LocalDay(kNoon);
  {
    auto r = Start();
    r->app().SetLocale("ug");
    r->Visit("home");
    r->Visit("lesson/qr-code");
    Finish(*r, "qr-code");  // a step of the lesson it is in: not opened again
    r->Visit("guide/report-fraud");
    r->Visit("lessons");  // a list is not a lesson: not counted
    r->app().SetLocale("zh-Hans");
    r->Visit("lesson/qr-code");
    r->Visit("lesson/no-such-lesson");  // an unknown route is not counted
  }
  auto r = Start();  // after a restart
  r->app().SetLocale("ug");
  r->Visit("lesson/qr-code");
  const std::string csv = ReadAll(dir / "data/usage.csv");
  EXPECT_NE(csv.find("day,locale,kind,id,opened,completed\n"
                     + day + ",ug,guide,report-fraud,1,0\n"
                     + day + ",ug,lesson,qr-code,2,1\n"
                     + day + ",zh-Hans,lesson,qr-code,1,0\n"), std::string::npos)
      << csv;
  // Nothing else is in the file: its header line, the checksum the store adds, and the rows.
  std::vector<std::string> problems;
  EXPECT_EQ(store::UsageCounts::Load(dir / "data/usage.csv", &problems).rows().size(), 3u);
  EXPECT_TRUE(problems.empty());
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
    for (int i = 0; i < 6; ++i) u.Add({"2026-12-07", "ug", "lesson", "qr-code"}, store::UsageEvent::kOpened);
    for (int i = 0; i < 2; ++i) u.Add({"2026-12-07", "ug", "lesson", "qr-code"}, store::UsageEvent::kCompleted);
    u.Add({"2026-12-07", "ii", "guide", "report-fraud"}, store::UsageEvent::kOpened);
    std::string error;
    ASSERT_TRUE(u.Save(&error)) << error;
  }
  RunResult Update(const std::string& extra = "") {
    return RunCommand(kUpdate + " " + (dir / "QIAO") + " --root " + (dir / "root") + " --pubkey " + (dir / "k.pub") +
                      " --usage " + (dir / "data/usage.csv") + " --today 2026-12-08 " + extra);
  }
  std::string Exported() {
    for (const auto& e : fs::directory_iterator(dir / "QIAO/export"))
      if (e.path().extension() == ".csv") return ReadAll(e.path().string());
    return "";
  }
  Scratch dir;
};

TEST_F(UsageExport, UpdateLeavesTheCountsWithSmallOnesWithheld) {
  RunResult r = Update();
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("usage counts (2 rows) left in " + (dir / "QIAO/export/usage-")), std::string::npos) << r.output;
  EXPECT_EQ(Exported(),
            "day,locale,kind,id,opened,completed\n"
            "2026-12-07,ii,guide,report-fraud,<5,0\n"
            "2026-12-07,ug,lesson,qr-code,6,<5\n");
  // A refused import (the same sequence again) still brings the counts back.
  fs::remove_all(dir / "QIAO/export");
  r = Update();
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(Exported(), "");
  // The operator's own command, and --no-export.
  fs::remove_all(dir / "QIAO/export");
  r = RunCommand(kUpdate + " --export-usage " + (dir / "QIAO") + " --usage " + (dir / "data/usage.csv"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(Exported(), "");
  fs::remove_all(dir / "QIAO/export");
  r = Update("--no-export");
  EXPECT_FALSE(fs::exists(dir / "QIAO/export"));
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
  EXPECT_NE(r.output.find("  ii: opened 1, completed 0\n  ug: opened 6, completed 2\n"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace qiao
