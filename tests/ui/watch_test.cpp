// Preview for trainers (--watch): a save shows within a second on the same screen; a broken
// save is shown on screen and the last good version stays. Waits by polling frames against a
// real-time deadline, never a fixed sleep.
#include "kiosk_fixture.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace qiao;
namespace fs = std::filesystem;

namespace {

std::string PackWithTitle(const std::string& title, const std::string& body) {
  return R"({"schemaVersion": "1.0", "id": "preview", "title": {"en": "Preview"},
  "lessons": [{"id": "draft", "title": {"en": ")" + title + R"("}, "steps": [
    {"id": "one", "type": "text", "title": {"en": "Step one"}, "body": {"en": "First."}},
    {"id": "two", "type": "text", "title": {"en": "Step two"}, "body": {"en": ")" + body + R"("}}]}]})";
}

void Save(const fs::path& file, const std::string& text) {
  // As editors do: write a new file, then rename it over the old one.
  fs::path tmp = file.string() + ".tmp";
  std::ofstream(tmp, std::ios::binary) << text;
  fs::rename(tmp, file);
}

class Watch : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qiao-watch-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    file_ = dir_ / "draft.pack.json";
    Save(file_, PackWithTitle("My lesson", "Version one."));
    ui::AppOptions o = qiao::testing::BundledOptions();
    o.watch = file_.string();
    runner_ = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
    runner_->app().SetLocale("en");
    runner_->app().Navigate("lesson/draft/2");
    runner_->Settle();
  }
  void TearDown() override { fs::remove_all(dir_); }

  bool Shows(const std::string& text) {
    for (const a11y::Node* n : runner_->tree().Flatten())
      if (n->name.find(text) != std::string::npos) return true;
    return false;
  }
  // Frames at 30 per second of the kiosk's clock until `text` shows; the real time it took.
  double WaitFor(const std::string& text) {
    auto start = std::chrono::steady_clock::now();
    for (int frame = 0; frame < 300 && !Shows(text); ++frame) runner_->Frame(1.0 / 30.0);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  fs::path dir_, file_;
  std::unique_ptr<ui::HeadlessRunner> runner_;
};

}  // namespace

TEST_F(Watch, ASaveShowsWithinASecondOnTheSameScreen) {
  ASSERT_TRUE(Shows("Version one.")) << "the preview did not open on step 2";
  const double kiosk_clock_before = runner_->now();
  Save(file_, PackWithTitle("My lesson", "Version two, edited."));
  double seconds = WaitFor("Version two, edited.");
  ASSERT_TRUE(Shows("Version two, edited.")) << "no reload after " << seconds << " s";
  // Within a second of the kiosk's own clock (the frames it drew), not of this machine's.
  EXPECT_LT(runner_->now() - kiosk_clock_before, 1.0) << "the kiosk clock says it took too long";
  EXPECT_EQ(runner_->app().route(), "lesson/draft");
  EXPECT_EQ(runner_->app().session().lesson_step.at("draft"), 1) << "the step was lost";
}

TEST_F(Watch, ABrokenSaveIsShownAndTheLastGoodVersionStays) {
  std::string broken = PackWithTitle("My lesson", "Broken");
  broken.replace(broken.find("\"steps\""), 7, "\"stpes\"");  // a typo a trainer might make
  Save(file_, broken);
  WaitFor("Preview:");
  const a11y::Node* problem = nullptr;
  for (const a11y::Node* n : runner_->tree().Flatten())
    if (n->role == a11y::Role::kStatus && n->name.find("Preview:") != std::string::npos) problem = n;
  ASSERT_NE(problem, nullptr) << "the broken save is not shown";
  EXPECT_NE(problem->name.find("draft.pack.json:2:"), std::string::npos) << problem->name;
  EXPECT_NE(problem->name.find("/lessons/0/steps: missing required field \"steps\""), std::string::npos) << problem->name;
  EXPECT_TRUE(Shows("Version one.")) << "the last good version must stay on screen";
  EXPECT_EQ(runner_->app().route(), "lesson/draft");

  Save(file_, PackWithTitle("My lesson", "Fixed."));
  WaitFor("Fixed.");
  EXPECT_TRUE(Shows("Fixed."));
  EXPECT_FALSE(Shows("Preview:")) << "the problem notice stays after the fix";
}
