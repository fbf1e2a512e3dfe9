// Anonymous usage counts (store/usage.h): only a day, a locale, a lesson or guide (or the whole
// kiosk) and a count of one of the listed things ever enter the file; the file survives a
// damaged write; the bureau's export withholds counts under 5.
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

TEST_F(Usage, OnlyTheListedCountsAreKept) {
  std::vector<std::string> problems;
  UsageCounts u = UsageCounts::Load(path_, &problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "lesson", "qr-code", "started"}));
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "lesson", "qr-code", "started"}));
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "lesson", "qr-code", "finished"}));
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "lesson", "qr-code", "quiz-wrong"}));
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "lesson", "qr-code", "stopped-at-3"}));
  EXPECT_TRUE(u.Add({"2026-12-07", "ug", "kiosk", "", "language-picked"}));
  EXPECT_TRUE(u.Add({"2026-12-07", "", "kiosk", "", "switch"}));
  EXPECT_TRUE(u.Add({"2026-12-08", "zh-Hans", "guide", "pension-certification", "started"}));
  // Nothing free-form gets in: no time of day, no typed text, no other kind of record.
  EXPECT_FALSE(u.Add({"2026-12-07 09:31", "ug", "lesson", "qr-code", "started"}));
  EXPECT_FALSE(u.Add({"2026-12-07", "ug", "lesson", "qr-code,Zhang San 13800000000", "started"}));
  EXPECT_FALSE(u.Add({"2026-12-07", "ug", "search", "shebao", "started"}));
  EXPECT_FALSE(u.Add({"2026-12-07", "u g", "lesson", "qr-code", "started"}));
  EXPECT_FALSE(u.Add({"2026-12-07", "ug", "lesson", "qr-code", "typed-13800000000"}));
  EXPECT_FALSE(u.Add({"2026-12-07", "ug", "lesson", "qr-code", "stopped-at-0"}));
  EXPECT_FALSE(u.Add({"2026-12-07", "ug", "lesson", "qr-code", "stopped-at-1000"}));
  // Whole-kiosk counts carry no lesson, and only a picked language names a locale.
  EXPECT_FALSE(u.Add({"2026-12-07", "", "kiosk", "qr-code", "speech"}));
  EXPECT_FALSE(u.Add({"2026-12-07", "ug", "kiosk", "", "speech"}));
  EXPECT_FALSE(u.Add({"2026-12-07", "", "kiosk", "", "language-picked"}));
  EXPECT_EQ(u.ToCsv(),
            "day,locale,kind,id,what,count\n"
            "2026-12-07,,kiosk,,switch,1\n"
            "2026-12-07,ug,kiosk,,language-picked,1\n"
            "2026-12-07,ug,lesson,qr-code,finished,1\n"
            "2026-12-07,ug,lesson,qr-code,quiz-wrong,1\n"
            "2026-12-07,ug,lesson,qr-code,started,2\n"
            "2026-12-07,ug,lesson,qr-code,stopped-at-3,1\n"
            "2026-12-08,zh-Hans,guide,pension-certification,started,1\n");
  std::string error;
  ASSERT_TRUE(u.Save(&error)) << error;

  // The next start has them, and adds to them.
  UsageCounts again = UsageCounts::Load(path_, &problems);
  EXPECT_TRUE(problems.empty()) << problems[0];
  EXPECT_EQ(again.ToCsv(), u.ToCsv());
  EXPECT_EQ(again.Total("lesson", "started"), 2u);
}

TEST_F(Usage, ADamagedFileFallsBackToThePreviousGoodOne) {
  std::vector<std::string> problems;
  UsageCounts u = UsageCounts::Load(path_, &problems);
  std::string error;
  u.Add({"2026-12-07", "bo", "lesson", "wifi", "started"});
  ASSERT_TRUE(u.Save(&error));
  const std::string first = u.ToCsv();
  u.Add({"2026-12-07", "bo", "lesson", "wifi", "started"});
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
  u.Add({"2026-12-07", "zh-Hans", "lesson", "wifi", "started"}, 7);
  u.Add({"2026-12-07", "zh-Hans", "lesson", "wifi", "finished"}, 4);
  u.Add({"2026-12-07", "ii", "lesson", "wifi", "started"});
  u.Add({"2026-12-07", "ko", "guide", "report-fraud", "started"}, 5);
  u.Add({"2026-12-07", "", "kiosk", "", "idle-reset"}, 2);
  EXPECT_EQ(u.ExportCsv(),
            "day,locale,kind,id,what,count\n"
            "2026-12-07,,kiosk,,idle-reset,<5\n"
            "2026-12-07,ii,lesson,wifi,started,<5\n"
            "2026-12-07,ko,guide,report-fraud,started,5\n"
            "2026-12-07,zh-Hans,lesson,wifi,finished,<5\n"
            "2026-12-07,zh-Hans,lesson,wifi,started,7\n");
  // An export reads back with its withheld counts set apart, never as a number.
  std::vector<std::string> problems;
  std::vector<UsageKey> withheld;
  auto rows = ParseUsageCsv(u.ExportCsv(), "usage-x.csv", &problems, &withheld);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_EQ(withheld.size(), 3u);
}

TEST_F(Usage, BadLinesAreNamedAndSkipped) {
  std::vector<std::string> problems;
  auto rows = ParseUsageCsv(
      "day,locale,kind,id,what,count\n2026-12-07,en,lesson,wifi,started,3\n2026-12-07,en,lesson,wifi\n"
      "2026-12-07,en,lesson,wifi,started,<5\n2026-12-07,en,lesson,wifi,opened,2\n",
      "usage.csv", &problems);
  EXPECT_EQ(rows.size(), 1u);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0], "usage.csv:3: expected 6 columns (day,locale,kind,id,what,count); skipped");
  EXPECT_EQ(problems[1], "usage.csv:4: count \"<5\" is not a whole number; skipped");
  EXPECT_EQ(problems[2].rfind("usage.csv:5: ", 0), 0u) << problems[2];
}

TEST_F(Usage, TheFirstFormatStillReads) {
  std::vector<std::string> problems;
  auto rows = ParseUsageCsv("day,locale,kind,id,opened,completed\n2026-12-07,ug,lesson,qr-code,2,1\n", "usage.csv",
                            &problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(rows[(UsageKey{"2026-12-07", "ug", "lesson", "qr-code", "started"})], 2u);
  EXPECT_EQ(rows[(UsageKey{"2026-12-07", "ug", "lesson", "qr-code", "finished"})], 1u);
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
