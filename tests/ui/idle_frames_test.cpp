// What an idle kiosk draws, through the loop every platform uses (HeadlessRunner::Wait runs
// App::NeedsFrame as main.cpp and web.cpp do): the appliance polls the USB update status file
// once a second, and a poll that finds nothing new draws nothing (no GPU work, no screen reader
// tree churn). What does need a frame still gets one: a new update status, the idle warning on
// time, its countdown and the reset.
#include "kiosk_fixture.h"
#include "store/update_status.h"

#include <unistd.h>

#include <filesystem>

namespace qiao {
namespace {

namespace fs = std::filesystem;
using a11y::Role;

class IdleFrames : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("qiao-idle-frames-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    // Last week's update: already on disk when the kiosk starts, so not shown again.
    WriteStatus("boot/1/1000", store::UpdateState::kInstalled);
  }
  void TearDown() override {
    runner_.reset();
    fs::remove_all(root_);
  }
  void WriteStatus(const std::string& run, store::UpdateState state) {
    store::UpdateStatus s;
    s.run = run;
    s.state = state;
    s.removable = true;
    s.channel = "county-demo";
    s.sequence = 13;
    s.previous_sequence = 12;
    std::string error;
    ASSERT_TRUE(store::WriteUpdateStatus(root_.string(), s, &error)) << error;
  }
  // The appliance: content from the update root (qiao-update has installed nothing yet, so the
  // shipped packs), its status file polled; an unattended Home in English.
  void StartAppliance() {
    ui::AppOptions o = testing::BundledOptions();
    o.bundle = root_.string();
    o.config.default_locale = "en";
    runner_ = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
    runner_->Settle();
    ASSERT_EQ(app().route(), "home");
    ASSERT_EQ(app().content_source().UpdateRoot(), root_.string());
    // It is polling: the loop wakes within a second.
    ASSERT_LE(app().NextDeadline() - runner_->now(), ui::UpdateNotice::kPollSeconds + 1e-9);
  }
  ui::App& app() { return runner_->app(); }
  std::string Tr(std::string_view key) { return app().translator().Get(key).text; }
  const a11y::Node* UpdateDialog() { return runner_->tree().FindByName(Role::kDialog, Tr("update.title")); }
  const a11y::Node* IdleDialog() { return runner_->tree().FindByName(Role::kDialog, Tr("idle.title")); }

  fs::path root_;
  std::unique_ptr<ui::HeadlessRunner> runner_;
};

TEST_F(IdleFrames, AnApplianceWhoseStatusFileDoesNotChangeDrawsNothingForTenMinutes) {
  StartAppliance();
  EXPECT_EQ(runner_->Wait(10 * 60), 0) << "each poll of an unchanged status file drew a frame";
  EXPECT_EQ(UpdateDialog(), nullptr) << "last week's result is not shown again";
}

TEST_F(IdleFrames, ANewUpdateStatusDrawsItsNoticeThenNothingMore) {
  StartAppliance();
  ASSERT_EQ(runner_->Wait(60), 0);
  WriteStatus("boot/2/2000", store::UpdateState::kInstalled);
  const int frames = runner_->Wait(3);
  // The poll that sees it shows the dialog; one more frame settles (focus on its heading).
  EXPECT_EQ(frames, 2);
  ASSERT_NE(UpdateDialog(), nullptr) << "the operator's notice is on screen";
  EXPECT_EQ(runner_->Wait(5 * 60), 0) << "a notice that stays up needs no more frames";
  EXPECT_NE(UpdateDialog(), nullptr);
}

TEST_F(IdleFrames, TheIdleWarningStillComesOnTimeAndTheResetFollows) {
  StartAppliance();
  runner_->Visit("lesson/qr-code");  // a learner, who then walks away
  const double timeout = 120, warning = 15;  // the defaults (ui/settings.h)
  EXPECT_EQ(runner_->Wait(timeout - 1), 0) << "nothing to draw before the warning";
  EXPECT_EQ(IdleDialog(), nullptr);
  EXPECT_GE(runner_->Wait(1.5), 1);
  ASSERT_NE(IdleDialog(), nullptr) << "\"Are you still there?\" after " << timeout << " s";
  EXPECT_EQ(app().route(), "lesson/qr-code");
  // The countdown redraws once a second (plus the frames that settle the reset).
  const int countdown = runner_->Wait(warning);
  EXPECT_GE(countdown, warning - 2);
  EXPECT_LE(countdown, warning + 4);
  EXPECT_EQ(app().route(), "home") << "the session was reset";
  EXPECT_EQ(IdleDialog(), nullptr);
  EXPECT_EQ(runner_->Wait(10 * 60), 0) << "back on the unattended start screen: nothing to draw";
}

}  // namespace
}  // namespace qiao
