// Resume codes: a learner finishes a lesson, gets a code, and continues on a later visit.
#include "ui/resume.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using qiao::ui::ResumeCodes;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kDay = 24 * 3600;
constexpr int64_t kNow = 1795000000;  // a fixed Unix time: the tests say when "now" is

fs::path TempFile() {
  fs::path dir = fs::temp_directory_path() / ("qiao-resume-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / "resume-codes.json";
}

}  // namespace

TEST(ResumeCodes, RestoreOnALaterVisitToTheSameKiosk) {
  fs::path file = TempFile();
  fs::remove(file);
  std::string code;
  {
    ResumeCodes codes(file.string());
    code = codes.Issue({"qr-code", "fraud-sms"}, kNow);
  }
  ASSERT_EQ(code.size(), 6u);
  for (char c : code) EXPECT_NE(ResumeCodes::kAlphabet.find(c), std::string_view::npos) << code;
  ResumeCodes later(file.string());  // the kiosk restarted in between
  auto restored = later.Redeem(code, kNow + 3 * kDay);
  ASSERT_TRUE(restored.has_value());
  EXPECT_EQ(*restored, (std::set<std::string>{"qr-code", "fraud-sms"}));
  // As people write codes down: lower case, spaces, a dash.
  std::string sloppy = code.substr(0, 3) + " - " + code.substr(3);
  for (char& c : sloppy) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(later.Redeem(sloppy, kNow + kDay).has_value()) << sloppy;
  EXPECT_FALSE(later.Redeem("AAAAAA", kNow).has_value());
  // Nothing personal on disk: only codes, times and lesson ids.
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("qr-code"), std::string::npos);
  EXPECT_EQ(text.find("name"), std::string::npos);
  fs::remove_all(file.parent_path());
}

TEST(ResumeCodes, ExpireAfterThirtyDays) {
  ResumeCodes codes("");
  std::string code = codes.Issue({"qr-code"}, kNow);
  EXPECT_TRUE(codes.Redeem(code, kNow + 30 * kDay - 1).has_value());
  EXPECT_FALSE(codes.Redeem(code, kNow + 30 * kDay).has_value());
  // Expired codes are dropped when the next one is issued.
  codes.Issue({}, kNow + 31 * kDay);
  EXPECT_EQ(codes.size(), 1u);
}

TEST(ResumeCodes, NoCollisionWithin10000Issued) {
  ResumeCodes codes("");
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    std::string code = codes.Issue({"lesson-" + std::to_string(i)}, kNow + i);
    EXPECT_TRUE(seen.insert(code).second) << "code issued twice: " << code;
  }
  EXPECT_EQ(codes.size(), 10000u);
  // Each code still brings back its own learner's lessons.
  int i = 0;
  for (const std::string& code : seen) {
    auto lessons = codes.Redeem(code, kNow + 10000);
    ASSERT_TRUE(lessons.has_value());
    ASSERT_EQ(lessons->size(), 1u);
    if (++i > 50) break;
  }
}

TEST(ResumeCodes, ACorruptFileIsReportedAndIgnored) {
  fs::path file = TempFile();
  std::ofstream(file) << "{not json";
  std::vector<std::string> problems;
  ResumeCodes codes(file.string(), &problems);
  EXPECT_EQ(codes.size(), 0u);
  EXPECT_FALSE(problems.empty());
  EXPECT_EQ(codes.Issue({"qr-code"}, kNow).size(), 6u);  // and it works on
  fs::remove_all(file.parent_path());
}

// The whole path on the kiosk: finish a lesson, note the code, come back after a restart and
// the idle reset, type it on Home, and the lesson is marked done again.
#include "kiosk_fixture.h"

class ResumeOnKiosk : public qiao::testing::KioskTest {};

TEST_F(ResumeOnKiosk, CodeShownAtTheEndBringsTheLessonBackAfterARestart) {
  fs::path dir = TempFile().parent_path() / "data";
  fs::create_directories(dir);
  Start(1280, 800, dir.string());
  Pick("en");
  const qiao::content::Lesson* lesson = app().library().FindLesson("qr-code");
  ASSERT_NE(lesson, nullptr);
  app().Navigate("lesson/qr-code/" + std::to_string(lesson->steps.size() + 1));  // its end
  runner().Settle();
  ASSERT_TRUE(app().session().resume_code.count("qr-code"));
  const std::string code = app().session().resume_code.at("qr-code");
  const qiao::a11y::Node* shown = Find(qiao::a11y::Role::kHeading, code.substr(0, 3) + " " + code.substr(3));
  ASSERT_NE(shown, nullptr) << "the code " << code << " is not on the screen";

  Start(1280, 800, dir.string());  // the kiosk restarted: a new learner session
  Pick("en");
  EXPECT_TRUE(app().session().lesson_done.empty());
  const qiao::a11y::Node* field = Find(qiao::a11y::Role::kTextbox, Tr("resume.enter"));
  ASSERT_NE(field, nullptr);
  TapNode(field);
  runner().Type("xxxxxx");
  EXPECT_NE(FindContaining(qiao::a11y::Role::kAlert, Tr("resume.unknown")), nullptr) << "a wrong code must say so";
  EXPECT_EQ(app().route(), "home");
  Start(1280, 800, dir.string());
  Pick("en");
  TapNode(Find(qiao::a11y::Role::kTextbox, Tr("resume.enter")));
  runner().Type(code);
  EXPECT_EQ(app().route(), "lessons");
  EXPECT_TRUE(app().session().lesson_done.count("qr-code"));
  fs::remove_all(dir.parent_path());
}
