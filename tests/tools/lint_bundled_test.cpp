// The bundled packs are lint-clean (issue 13: "every pack valid and lint-clean"), checked by
// running `qiao-pack lint lessons/` exactly as a trainer does, so every rule counts: the
// library's checks and the glossary's (locales/glossary.csv). A failing run prints each warning
// as lint prints it (file:line:col: warning: /json/pointer: message), which says what to fix.
// Notes (exit 0) do not fail: they inform translators and trainers.
#include "tools/pack/pack_tool.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace qiao;

namespace {

struct LintRun {
  int status = -1;                    // 0 clean, 1 warnings or invalid packs, 2 wrong usage
  std::vector<std::string> warnings;  // lines lint printed as warnings
  std::string summary;                // "N packs linted: W warnings, M notes"
  std::string output;                 // everything, for a failure message
};

// qiao-pack lint FOLDER, with the bundled locales/ (the binary's default, as `./qiao pack lint`).
LintRun Lint(const fs::path& folder) {
  LintRun run;
  const std::string command = "'" + std::string(QIAO_PACK_BINARY) + "' lint '" + folder.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.output.append(buf.data(), n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::istringstream lines(run.output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(": warning: ") != std::string::npos) run.warnings.push_back(line);
    if (line.find(" linted: ") != std::string::npos) run.summary = line;
  }
  return run;
}

size_t PackFiles(const fs::path& folder) {
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(folder)) n += entry.path().string().ends_with(".pack.json");
  return n;
}

std::string Plural(size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

// A folder holding one pack file with `bytes`; removed when it goes out of scope.
struct OnePackFolder {
  explicit OnePackFolder(const std::string& bytes)
      : dir(fs::temp_directory_path() / ("lint-bundled-" + std::to_string(getpid()))), file(dir / "one.pack.json") {
    fs::create_directories(dir);
    std::ofstream(file, std::ios::binary) << bytes;
  }
  ~OnePackFolder() { fs::remove_all(dir); }
  fs::path dir, file;
};

std::string NewLesson() { return tools::Scaffold(tools::ScaffoldKind::kLesson, "community-news", "2026-11-23"); }

}  // namespace

TEST(LintBundledPacks, QiaoPackLintReportsNoWarning) {
  const fs::path lessons = fs::path(QIAO_SOURCE_DIR) / "lessons";
  const LintRun run = Lint(lessons);
  for (const std::string& w : run.warnings) ADD_FAILURE() << w;
  // Every pack was linted (a lint that read nothing would also report no warning).
  const size_t packs = PackFiles(lessons);
  ASSERT_GE(packs, 9u);
  EXPECT_TRUE(run.summary.starts_with(Plural(packs, "pack") + " linted: 0 warnings")) << run.output;
  EXPECT_EQ(run.status, 0) << (run.warnings.empty() ? run.output : run.summary);
}

// A trainer's first pack, from `qiao-pack new lesson`, is lint-clean as it comes: the scaffold
// shows the house rules (a hint names the button's label, not only its place).
TEST(LintBundledPacks, TheNewLessonScaffoldIsLintClean) {
  OnePackFolder folder(NewLesson());
  const LintRun run = Lint(folder.dir);
  for (const std::string& w : run.warnings) ADD_FAILURE() << w;
  EXPECT_EQ(run.status, 0) << run.output;
}

// The check above would catch a warning and say where it is: a pack whose Korean says 마을 for
// 社区 (the glossary's rejected South Korean rendering) fails with file, line:column and pointer.
TEST(LintBundledPacks, AWarningIsReportedWithFileLineColumnAndPointer) {
  nlohmann::ordered_json pack = nlohmann::ordered_json::parse(NewLesson());
  pack["lessons"][0]["title"] = {{"zh-Hans", "社区新闻"}, {"en", "Community news"}, {"ko", "마을 소식"}};
  const std::string bytes = pack.dump(2);
  OnePackFolder folder(bytes);
  const fs::path& file = folder.file;
  // The line of the Korean title in the file as written.
  int line = 1;
  for (size_t i = 0; i < bytes.find("\"ko\": \"마을 소식\""); ++i) line += bytes[i] == '\n';

  const LintRun run = Lint(folder.dir);
  EXPECT_EQ(run.status, 1) << run.output;
  ASSERT_EQ(run.warnings.size(), 1u) << run.output;
  const std::string& w = run.warnings[0];
  EXPECT_TRUE(w.starts_with(file.string() + ":" + std::to_string(line) + ":")) << w;
  EXPECT_NE(w.find(": warning: /lessons/0/title/ko: glossary: “社区”"), std::string::npos) << w;
  EXPECT_NE(w.find("not “마을”"), std::string::npos) << w;
  EXPECT_TRUE(run.summary.starts_with("1 pack linted: 1 warning")) << run.output;
}
