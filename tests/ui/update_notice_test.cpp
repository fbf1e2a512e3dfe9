// The operator's screen after a USB stick is plugged in (issue 16), as the operator and a screen
// reader meet it: qiao-update --stick (what qiao-update-stick runs) really installs or refuses a
// channel made by qiao-pack publish, and the kiosk, running on the same update root, shows over
// its screen in its current language "do not remove it", what changed or why not, and then that
// the stick may be removed; each line a live region, spoken. Refused updates leave the content.
#include "kiosk_fixture.h"
#include "store/update_status.h"

#include "../channel/test_support.h"

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

namespace qiao {
namespace {

using namespace channel::test_support;

size_t LessonsIn(const std::string& pack) {
  return nlohmann::json::parse(ReadAll(kLessons + "/" + pack + ".pack.json"))["lessons"].size();
}

class UpdateNoticeTest : public ::testing::Test {
 protected:
  void SetUp() override { PublishReleasesOneAndTwo(dir.path()); }
  RunResult Update(const std::string& channel, const std::string& extra = "") {
    return RunCommand(kUpdate + " " + (dir / channel) + " --root " + (dir / "root") + " --pubkey " + (dir / "k.pub") +
                      " --no-export " + extra);
  }
  // What qiao-update-stick does: the import, then (the stick unmounted) --stick-removable.
  RunResult StickImport(const std::string& channel, const std::string& extra = "") {
    return Update(channel, "--stick " + extra);
  }
  void StickUnmounted() {
    RunResult r = RunCommand(kUpdate + " --stick-removable --root " + (dir / "root"));
    ASSERT_EQ(r.status, 0) << r.output;
  }
  void StartKiosk(const std::string& locale = "en") {
    // An unattended kiosk on its start screen, Home in the configured language.
    ui::AppOptions o = testing::BundledOptions();
    o.bundle = dir / "root";
    o.config.default_locale = locale;
    runner = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
    runner->Settle();
    ASSERT_EQ(app().route(), "home");
    ASSERT_TRUE(app().settings().speech) << "the kiosk speaks by default";
  }
  // A couple of the kiosk's polls go by (nobody touches it).
  void Wait() {
    runner->Frame(1.5);
    runner->Settle();
  }
  ui::App& app() { return runner->app(); }
  std::string Tr(std::string_view key, const i18n::Args& args = {}) { return app().translator().Get(key, args).text; }
  // A live region (role status, or alert for a warning) saying exactly `text`.
  const a11y::Node* Live(const std::string& text) {
    for (a11y::Role role : {a11y::Role::kStatus, a11y::Role::kAlert})
      if (const a11y::Node* n = runner->tree().FindByName(role, text); n && n->live != a11y::Live::kOff) return n;
    return nullptr;
  }
  const a11y::Node* Dialog() { return runner->tree().FindByName(a11y::Role::kDialog, Tr("update.title")); }
  bool Said(const std::string& text) {
    for (const auto& entry : app().announcer().log())
      if (entry.utterance.text.find(text) != std::string::npos) return true;
    return false;
  }
  std::string Current() { return fs::read_symlink(dir / "root/current").string(); }

  Scratch dir;
  std::unique_ptr<ui::HeadlessRunner> runner;
};

TEST_F(UpdateNoticeTest, InstalledSaysWhatChangedThenThatTheStickMayBeRemoved) {
  ASSERT_EQ(Update("q1").status, 0);
  StartKiosk();
  Wait();
  EXPECT_EQ(Dialog(), nullptr) << "nothing to say before a stick is plugged in";

  RunResult r = StickImport("q2");
  ASSERT_EQ(r.status, 0) << r.output;
  Wait();
  ASSERT_NE(Dialog(), nullptr) << "the kiosk did not show the update";
  const std::string installed = Tr("update.installed", {{"channel", "demo"}, {"sequence", 2.0}});
  EXPECT_NE(Live(installed), nullptr) << installed;
  const double safety = static_cast<double>(LessonsIn("safety"));
  ASSERT_GT(safety, 0);
  const std::string lessons = Tr("update.lessons", {{"added", safety}, {"changed", 0.0}, {"removed", 0.0}});
  EXPECT_NE(Live(lessons), nullptr) << lessons;
  EXPECT_EQ(Live(Tr("update.expired", {{"date", ""}})), nullptr);
  // Still mounted: the operator must wait.
  EXPECT_NE(Live(Tr("update.wait")), nullptr);
  EXPECT_TRUE(Said(installed)) << "the kiosk's voice did not say it";
  EXPECT_TRUE(Said(lessons));

  StickUnmounted();
  Wait();
  EXPECT_NE(Live(Tr("update.removable")), nullptr) << "the operator is never told the stick may be removed";
  EXPECT_EQ(Live(Tr("update.wait")), nullptr);
  EXPECT_TRUE(Said(Tr("update.removable")));

  // OK closes it; on the unattended Home screen the new lessons are there at once.
  ASSERT_TRUE(runner->Activate(a11y::Role::kButton, Tr("operator.ok")));
  EXPECT_EQ(Dialog(), nullptr);
  EXPECT_TRUE(app().library().FindLesson(nlohmann::json::parse(ReadAll(kLessons + "/safety.pack.json"))["lessons"][0]["id"]
                                             .get<std::string>()));
  Wait();
  EXPECT_EQ(Dialog(), nullptr) << "a closed notice came back";
}

TEST_F(UpdateNoticeTest, RefusedSaysWhyInTheKiosksLanguageAndKeepsTheContent) {
  ASSERT_EQ(Update("q2").status, 0);
  const std::string before = Current();
  StartKiosk("zh-Hans");
  const size_t lessons = app().library().Lessons().size();

  RunResult r = StickImport("q1");  // sequence 1 after 2: going back is refused
  ASSERT_EQ(r.status, 1) << r.output;
  Wait();
  ASSERT_NE(Dialog(), nullptr);
  EXPECT_NE(Live(Tr("update.refused")), nullptr);
  const std::string why = Tr("update.reason.older", {{"sequence", 1.0}, {"installed", 2.0}});
  EXPECT_NE(why.find("旧"), std::string::npos) << "not in the kiosk's language: " << why;
  EXPECT_NE(Live(why), nullptr) << why;
  EXPECT_TRUE(Said(why));
  EXPECT_EQ(Current(), before);
  EXPECT_EQ(app().library().Lessons().size(), lessons);

  // A channel signed by a key this kiosk does not trust.
  MakeMinisignKey(dir / "other.pub", dir / "other.key");
  fs::copy(dir / "q2", dir / "q3", fs::copy_options::recursive);
  r = Publish(dir / "other.key", dir / "q3", "basics safety beginner");
  ASSERT_EQ(r.status, 0) << r.output;
  r = StickImport("q3");
  ASSERT_EQ(r.status, 1) << r.output;
  Wait();
  ASSERT_NE(Dialog(), nullptr) << "a second stick is not shown";
  EXPECT_NE(Live(Tr("update.reason.signature")), nullptr);
  EXPECT_EQ(Current(), before);
}

TEST_F(UpdateNoticeTest, ExpiredChannelInstallsWithAWarning) {
  StartKiosk();
  const std::string expires = nlohmann::json::parse(ReadAll(dir / "q1/channel.json"))["expires"];
  RunResult r = StickImport("q1", "--today 2999-01-01");
  ASSERT_EQ(r.status, 0) << r.output;
  Wait();
  ASSERT_NE(Dialog(), nullptr);
  EXPECT_NE(Live(Tr("update.expired", {{"date", expires}})), nullptr) << expires;
  EXPECT_NE(Live(Tr("update.installed", {{"channel", "demo"}, {"sequence", 1.0}})), nullptr);
}

TEST_F(UpdateNoticeTest, WhileUpdatingDoNotRemoveThenInterruptedIfTheUpdaterDied) {
  StartKiosk();
  // qiao-update's first write, as a running updater leaves it (this process stands in for it).
  store::UpdateStatus s;
  s.run = "test-run";
  s.pid = ::getpid();
  s.boot_id = store::BootId();
  std::string error;
  ASSERT_TRUE(store::WriteUpdateStatus(dir / "root", s, &error)) << error;
  Wait();
  ASSERT_NE(Dialog(), nullptr);
  EXPECT_NE(Live(Tr("update.updating")), nullptr);
  EXPECT_TRUE(Said(Tr("update.updating")));
  EXPECT_EQ(runner->tree().FindByName(a11y::Role::kButton, Tr("operator.ok")), nullptr)
      << "nothing to close while it runs";

  // The updater is killed (a process that has exited): not "do not remove it" for ever.
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  s.pid = child;
  ASSERT_TRUE(store::WriteUpdateStatus(dir / "root", s, &error)) << error;
  Wait();
  EXPECT_NE(Live(Tr("update.interrupted")), nullptr);
  EXPECT_EQ(Live(Tr("update.updating")), nullptr);
}

TEST_F(UpdateNoticeTest, AnOldResultIsNotShownAgainAfterARestart) {
  ASSERT_EQ(StickImport("q1").status, 0);
  StickUnmounted();
  StartKiosk();  // e.g. the next morning
  Wait();
  EXPECT_EQ(Dialog(), nullptr);
}

}  // namespace
}  // namespace qiao
