// Anonymous usage counts (store/usage.h): only a day, a locale, a lesson or guide and two counts
// ever enter the file; the file survives a damaged write; the bureau's export withholds counts
// under 5.
#include "store/store.h"
#include "store/usage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace qiao::store {
namespace {

namespace fs = std::filesystem;

class Usage : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "qiao-usage-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    path_ = (dir_ / "usage.csv").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string path_;
};

TEST_F(Usage, OnlyDaysLocalesLessonsAndCountsAreKept) {
  std::vector<std::string> problems;
  UsageCounts u = UsageCounts::Load(path_, &problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "lesson", "qr-code"}, UsageEvent::kOpened));
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "lesson", "qr-code"}, UsageEvent::kOpened));
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "lesson", "qr-code"}, UsageEvent::kCompleted));
  EXPECT_TRUE(u.Add({"2026-12-08", "zh-Hans", "guide", "pension-certification"}, UsageEvent::kOpened));
  // Nothing free-form gets in: no time of day, no typed text, no other kind of record.
  EXPECT_FALSE(u.Add({"2026-12-07 09:31", "ug", "lesson", "qr-code"}, UsageEvent::kOpened));
  EXPECT_FALSE(u.Add({"2026-12-07", "ug", "lesson", "qr-code,Zhang San 13800000000"}, UsageEvent::kOpened));
  EXPECT_FALSE(u.Add({"2026-12-07", "ug", "search", "shebao"}, UsageEvent::kOpened));
  EXPECT_FALSE(u.Add({"2026-12-07", "u g", "lesson", "qr-code"}, UsageEvent::kOpened));
  EXPECT_EQ(u.ToCsv(),
            "day,locale,kind,id,opened,completed\n"
            "2026-12-07,ug,lesson,qr-code,2,1\n"
            "2026-12-08,zh-Hans,guide,pension-certification,1,0\n");
  std::string error;
  ASSERT_TRUE(u.Save(&error)) << error;

  // The next start has them, and adds to them.
  UsageCounts again = UsageCounts::Load(path_, &problems);
  EXPECT_TRUE(problems.empty()) << problems[0];
  EXPECT_EQ(again.ToCsv(), u.ToCsv());
}

TEST_F(Usage, ADamagedFileFallsBackToThePreviousGoodOne) {
  std::vector<std::string> problems;
  UsageCounts u = UsageCounts::Load(path_, &problems);
  std::string error;
  u.Add({"2026-12-07", "bo", "lesson", "wifi"}, UsageEvent::kOpened);
  ASSERT_TRUE(u.Save(&error));
  const std::string first = u.ToCsv();
  u.Add({"2026-12-07", "bo", "lesson", "wifi"}, UsageEvent::kOpened);
  ASSERT_TRUE(u.Save(&error));
  // A write cut short by a power failure (past what store::Write's rename can leave, but a
  // damaged disk can).
  std::string bytes;
  {
    std::ifstream in(path_, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 4);
  UsageCounts back = UsageCounts::Load(path_, &problems);
  EXPECT_EQ(back.ToCsv(), first);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("usage.csv"), std::string::npos) << problems[0];
}

TEST_F(Usage, TheExportWithholdsCountsUnderFive) {
  UsageCounts u = UsageCounts::Load("", nullptr);
  for (int i = 0; i < 7; ++i) u.Add({"2026-12-07", "zh-Hans", "lesson", "wifi"}, UsageEvent::kOpened);
  for (int i = 0; i < 4; ++i) u.Add({"2026-12-07", "zh-Hans", "lesson", "wifi"}, UsageEvent::kCompleted);
  u.Add({"2026-12-07", "ii", "lesson", "wifi"}, UsageEvent::kOpened);
  for (int i = 0; i < 5; ++i) u.Add({"2026-12-07", "ko", "guide", "report-fraud"}, UsageEvent::kOpened);
  EXPECT_EQ(u.ExportCsv(),
            "day,locale,kind,id,opened,completed\n"
            "2026-12-07,ii,lesson,wifi,<5,0\n"
            "2026-12-07,ko,guide,report-fraud,5,0\n"
            "2026-12-07,zh-Hans,lesson,wifi,7,<5\n");
}

TEST_F(Usage, BadLinesAreNamedAndSkipped) {
  std::vector<std::string> problems;
  auto rows = ParseUsageCsv(
      "day,locale,kind,id,opened,completed\n2026-12-07,en,lesson,wifi,3,1\n2026-12-07,en,lesson,wifi\n"
      "2026-12-07,en,lesson,wifi,<5,0\n",
      "usage.csv", &problems);
  EXPECT_EQ(rows.size(), 1u);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], "usage.csv:3: expected 6 columns (day,locale,kind,id,opened,completed); skipped");
  EXPECT_EQ(problems[1].rfind("usage.csv:4: ", 0), 0u);
}

TEST(UsageDay, IsTheLocalDate) {
  setenv("TZ", "Asia/Shanghai", 1);
  tzset();
  // 2026-12-06 17:30 UTC is already the 7th in Beijing.
  EXPECT_EQ(LocalDay(1796578200), "2026-12-07");
  unsetenv("TZ");
  tzset();
}

}  // namespace
}  // namespace qiao::store
