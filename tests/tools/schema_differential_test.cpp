// The schema editors use (lessons/schema/pack.schema.json, checked here by ajv as VS Code would)
// and the loader the kiosk uses (qiao-pack validate) must agree on every pack: a trainer whose
// editor shows no red squiggle must not be refused by the kiosk, and the other way round.
// Corpus: tests/tools/packs/valid (both accept), invalid (both refuse), loader-only (the schema
// accepts, the loader refuses: rules JSON Schema cannot express, such as unique ids and
// rectangles whose x + width stays within 100), and every bundled pack in lessons/ (both accept).
#include "tools/pack/pack_tool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct CorpusFile {
  std::string path;
  std::string expect;  // "valid", "invalid", "loader-only"
};

std::vector<CorpusFile> Corpus() {
  std::vector<CorpusFile> files;
  const fs::path root = fs::path(QIAO_SOURCE_DIR) / "tests/tools/packs";
  for (const char* kind : {"valid", "invalid", "loader-only"})
    for (const auto& entry : fs::directory_iterator(root / kind))
      if (entry.path().extension() == ".json") files.push_back({entry.path().string(), kind});
  for (const auto& entry : fs::directory_iterator(fs::path(QIAO_SOURCE_DIR) / "lessons"))
    if (entry.path().string().ends_with(".pack.json")) files.push_back({entry.path().string(), "valid"});
  std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.path < b.path; });
  return files;
}

struct CommandResult {
  int status = -1;
  std::string out;
};

CommandResult RunCommand(const std::string& command, bool with_stderr = true) {
  CommandResult run;
  FILE* pipe = popen((command + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
  int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

// "valid" or "invalid" as ajv says, with its first complaint.
// ajv on one file: exit 0 valid, 1 invalid.
CommandResult Ajv(const std::string& file) {
  return RunCommand(Quote(QIAO_NODE) + " " + Quote(std::string(QIAO_SOURCE_DIR) + "/tests/tools/ajv_validate.mjs") +
                    " " + Quote(QIAO_NODE_MODULES) + " " +
                    Quote(std::string(QIAO_SOURCE_DIR) + "/lessons/schema/pack.schema.json") + " " + Quote(file));
}

// One ajv run over the whole corpus (node starts once), then the loader file by file.
TEST(SchemaAndLoader, AgreeOnEveryPack) {
  ASSERT_TRUE(fs::exists(fs::path(QIAO_NODE_MODULES) / "ajv"))
      << "ajv is not installed in " << QIAO_NODE_MODULES << ": run ./qiao build (its set-up installs it)";
  std::vector<CorpusFile> corpus = Corpus();
  ASSERT_GT(corpus.size(), 60u);
  std::string files;
  for (const CorpusFile& f : corpus) files += " " + Quote(f.path);
  CommandResult ajv = RunCommand(Quote(QIAO_NODE) + " " +
                                 Quote(std::string(QIAO_SOURCE_DIR) + "/tests/tools/ajv_validate.mjs") + " " +
                                 Quote(QIAO_NODE_MODULES) + " " +
                                 Quote(std::string(QIAO_SOURCE_DIR) + "/lessons/schema/pack.schema.json") + files,
                                 /*with_stderr=*/false);
  ASSERT_TRUE(ajv.status == 0 || ajv.status == 1) << ajv.out;
  std::map<std::string, std::string> ajv_says;  // file -> "valid" or "invalid: why"
  std::istringstream lines(ajv.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("valid ")) ajv_says[line.substr(6)] = "valid";
    else if (line.starts_with("invalid ")) {
      size_t colon = line.find(": ", 8);
      ajv_says[line.substr(8, colon - 8)] = "invalid" + line.substr(colon);
    }
  }
  for (const CorpusFile& f : corpus) {
    SCOPED_TRACE(f.path);
    ASSERT_TRUE(ajv_says.count(f.path)) << "ajv said nothing about it:\n" << ajv.out;
    bool schema_valid = ajv_says[f.path] == "valid";
    qiao::tools::FileReport report = qiao::tools::ValidateFile(f.path);
    std::string loader_says;
    for (const auto& e : report.errors) loader_says += e.ToString() + "\n";
    EXPECT_EQ(schema_valid, f.expect != "invalid") << "ajv: " << ajv_says[f.path];
    EXPECT_EQ(report.valid(), f.expect == "valid") << "qiao-pack: " << loader_says;
    // Every refusal points at a place a trainer can go to.
    for (const auto& e : report.errors) EXPECT_GT(e.line, 0) << e.ToString();
  }
}

// The binary's contract: exit codes and the file:line:col: /pointer: message form.
TEST(QiaoPackBinary, ExitCodesAndErrorFormat) {
  const std::string bin = Quote(QIAO_PACK_BINARY);
  const std::string packs = std::string(QIAO_SOURCE_DIR) + "/tests/tools/packs/";
  EXPECT_EQ(RunCommand(bin + " validate " + Quote(packs + "valid/full.json")).status, 0);
  CommandResult bad = RunCommand(bin + " validate " + Quote(packs + "valid/full.json") + " " +
                       Quote(packs + "invalid/typo-in-lesson-field.json"));
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find("invalid/typo-in-lesson-field.json:207:7: /lessons/0/titel: unknown field \"titel\" "
                         "(did you mean \"title\"?)"),
            std::string::npos)
      << bad.out;
  EXPECT_EQ(RunCommand(bin + " validate").status, 2);
  EXPECT_EQ(RunCommand(bin + " validate --nonsense x.json").status, 2);
  EXPECT_EQ(RunCommand(bin + " frobnicate").status, 2);
  EXPECT_EQ(RunCommand(bin + " validate " + Quote(packs + "no-such-file.json")).status, 1);
}

TEST(QiaoPackBinary, JsonOutputForMachines) {
  CommandResult run = RunCommand(Quote(QIAO_PACK_BINARY) + " validate --json " +
                           Quote(std::string(QIAO_SOURCE_DIR) + "/tests/tools/packs/invalid/minutes-zero.json"),
                       /*with_stderr=*/false);
  EXPECT_EQ(run.status, 1);
  nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["valid"], false);
  ASSERT_EQ(j["files"].size(), 1u);
  const auto& e = j["files"][0]["errors"][0];
  EXPECT_EQ(e["pointer"], "/lessons/0/minutes");
  EXPECT_EQ(e["line"], 29);
  EXPECT_EQ(e["column"], 7);
}

// `qiao-pack new` writes packs that both the schema and the loader accept.
TEST(QiaoPackBinary, NewScaffoldsValidate) {
  fs::path dir = fs::temp_directory_path() / ("qiao-pack-new-" + std::to_string(getpid()));
  fs::create_directories(dir);
  for (const char* kind : {"lesson", "guide"}) {
    std::string out = (dir / (std::string("video-") + kind + ".pack.json")).string();
    CommandResult made = RunCommand(Quote(QIAO_PACK_BINARY) + " new " + kind + " video-" + kind + " --out " + Quote(out));
    ASSERT_EQ(made.status, 0) << made.out;
    EXPECT_EQ(RunCommand(Quote(QIAO_PACK_BINARY) + " new " + kind + " video-" + kind + " --out " + Quote(out)).status, 1)
        << "an existing file must not be overwritten";
    qiao::tools::FileReport report = qiao::tools::ValidateFile(out);
    for (const auto& e : report.errors) ADD_FAILURE() << e.ToString();
    EXPECT_TRUE(report.valid());
    CommandResult ajv = Ajv(out);
    EXPECT_EQ(ajv.status, 0) << ajv.out;
  }
  EXPECT_EQ(RunCommand(Quote(QIAO_PACK_BINARY) + " new lesson Bad_Name").status, 2);
  fs::remove_all(dir);
}

}  // namespace
