// qiao-pack clips: recorded speech keyed by a hash of the exact text. A text whose wording changed
// after it was recorded shows as "needs re-recording" (and the kiosk no longer plays the old
// clip); a text never recorded shows as "no clip"; the recording script lists both for volunteers.
#include "tools/pack/pack_tool.h"

#include "accessibility/clips.h"
#include "clip_index.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace qiao;
namespace fs = std::filesystem;

namespace {

std::string Read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

class Clips : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qiao-clips-tool-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "lessons");
    fs::copy(std::string(QIAO_SOURCE_DIR) + "/locales", dir_ / "locales");
    fs::copy_file(std::string(QIAO_SOURCE_DIR) + "/lessons/basics.pack.json", dir_ / "lessons" / "basics.pack.json");
    pack_ = nlohmann::ordered_json::parse(Read(dir_ / "lessons" / "basics.pack.json"));
    title_ = pack_["lessons"][0]["title"]["bo"];
    next_ = nlohmann::json::parse(Read(dir_ / "locales" / "bo.json"))["strings"]["nav.next"];
    // A volunteer recorded the first lesson's title and the Next button in Tibetan.
    std::ofstream(dir_ / "lessons" / "title.wav") << "RIFF";
    fs::create_directories(dir_ / "lessons" / "audio" / "bo");
    fs::create_directories(dir_ / "locales" / "audio" / "bo");
    std::ofstream(dir_ / "lessons" / "audio" / "bo" / "title.wav") << "RIFF";
    std::ofstream(dir_ / "locales" / "audio" / "bo" / "next.wav") << "RIFF";
    qiao::testing::WriteClipIndex(dir_ / "lessons" / "audio" / "bo", "bo", {{title_, "title.wav", "basics#/lessons/0/title"}});
    qiao::testing::WriteClipIndex(dir_ / "locales" / "audio" / "bo", "bo", {{next_, "next.wav", "nav.next"}});
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<tools::ClipText> Texts(std::vector<std::string>* problems) {
    tools::FileReport r = tools::ValidateFile((dir_ / "lessons" / "basics.pack.json").string());
    EXPECT_TRUE(r.valid());
    return tools::ClipTexts((dir_ / "locales").string(), {"bo", "en"}, {{*r.pack, (dir_ / "lessons").string()}},
                            problems);
  }
  const tools::ClipText* Find(const std::vector<tools::ClipText>& texts, const std::string& locale,
                              const std::string& source) {
    for (const tools::ClipText& t : texts)
      if (t.locale == locale && t.source == source) return &t;
    return nullptr;
  }
  void EditTitle(const std::string& bo) {
    pack_["lessons"][0]["title"]["bo"] = bo;
    std::ofstream(dir_ / "lessons" / "basics.pack.json") << pack_.dump(2);
  }

  fs::path dir_;
  nlohmann::ordered_json pack_;
  std::string title_, next_;
};

TEST_F(Clips, RecordedTextsAreFoundByTheHashOfTheirExactText) {
  std::vector<std::string> problems;
  const auto texts = Texts(&problems);
  EXPECT_TRUE(problems.empty()) << problems[0];
  const tools::ClipText* title = Find(texts, "bo", "basics#/lessons/0/title");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->text, title_);
  EXPECT_EQ(title->status, tools::ClipStatus::kRecorded);
  EXPECT_EQ(title->file, (dir_ / "lessons" / "audio" / "bo" / "title.wav").string());
  const tools::ClipText* next = Find(texts, "bo", "nav.next");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->status, tools::ClipStatus::kRecorded);
  // Never recorded: "no clip", to be recorded under the hash of its text, beside its pack.
  const tools::ClipText* summary = Find(texts, "bo", "basics#/lessons/0/summary");
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->status, tools::ClipStatus::kMissing);
  EXPECT_EQ(summary->file, (dir_ / "lessons" / "audio" / "bo" / (a11y::ClipHash("bo", summary->text) + ".wav")).string());
  // A message with arguments is read by a voice, never a recording.
  EXPECT_EQ(Find(texts, "bo", "lessons.minutes"), nullptr);
  const auto rows = tools::ClipSummary(texts, {"bo", "en"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].recorded, 2);
  EXPECT_EQ(rows[0].needs_rerecording, 0);
  EXPECT_EQ(rows[0].missing, rows[0].texts - 2);
  EXPECT_GT(rows[0].texts, 100);
  EXPECT_EQ(rows[1].recorded, 0);
}

TEST_F(Clips, AnEditedTextNeedsReRecordingAndTheKioskNoLongerPlaysTheOldClip) {
  EditTitle(title_ + " ཁ་པར།");
  std::vector<std::string> problems;
  const auto texts = Texts(&problems);
  const tools::ClipText* title = Find(texts, "bo", "basics#/lessons/0/title");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->status, tools::ClipStatus::kNeedsRerecording);
  EXPECT_EQ(title->file,
            (dir_ / "lessons" / "audio" / "bo" / (a11y::ClipHash("bo", title_ + " ཁ་པར།") + ".wav")).string());
  EXPECT_EQ(tools::ClipSummary(texts, {"bo"})[0].needs_rerecording, 1);
  // The kiosk's own clip library: the new wording has no clip, the old one still would.
  a11y::ClipLibrary kiosk;
  kiosk.AddFolder((dir_ / "lessons").string(), &problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(kiosk.Find("bo", title_ + " ཁ་པར།"), nullptr);
  EXPECT_NE(kiosk.Find("bo", title_), nullptr);
  EXPECT_EQ(kiosk.Find("mn", title_), nullptr) << "a clip belongs to its language";
}

TEST_F(Clips, TheRecordingScriptListsWhatNeedsRecordingAsCsv) {
  EditTitle("ཁ་པར, \"བེད་སྤྱོད\"");  // a comma and quotes, to be quoted in the CSV
  std::vector<std::string> problems;
  const std::string csv = tools::RecordingScriptCsv(Texts(&problems));
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBFlocale,for,text,status,file\r\n", 0), 0u) << "UTF-8 with BOM, then the header";
  EXPECT_NE(csv.find("bo,basics#/lessons/0/title,\"ཁ་པར, \"\"བེད་སྤྱོད\"\"\",needs re-recording," +
                     (dir_ / "lessons" / "audio" / "bo").string() + "/" +
                     a11y::ClipHash("bo", "ཁ་པར, \"བེད་སྤྱོད\"") + ".wav\r\n"),
            std::string::npos)
      << csv.substr(0, 600);
  EXPECT_EQ(csv.find("\nbo,nav.next,"), std::string::npos) << "recorded texts are not listed";
  EXPECT_NE(csv.find("\nen,nav.next,"), std::string::npos) << "the English one has no clip";
  EXPECT_NE(csv.find("\nbo,basics#/lessons/0/summary,"), std::string::npos);
  EXPECT_NE(csv.find(",no clip,"), std::string::npos);
  // Every row has five fields (a quoted comma is not a separator).
  std::istringstream lines(csv);
  size_t rows = 0;
  for (std::string line; std::getline(lines, line);) {
    int fields = 1;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) ++fields;
    }
    EXPECT_EQ(fields, 5) << line;
    ++rows;
  }
  EXPECT_GT(rows, 100u);
}

TEST_F(Clips, TheCommandLinePrintsTheTableAndWritesTheScript) {
  const std::string bin = QIAO_PACK_BINARY;
  const std::string cmd = "cd '" + dir_.string() + "' && '" + bin +
                          "' clips --locales locales --list --csv script.csv lessons > out.txt 2> err.txt";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << Read(dir_ / "err.txt");
  const std::string out = Read(dir_ / "out.txt");
  EXPECT_NE(out.find("needs re-recording"), std::string::npos) << out;
  EXPECT_NE(out.find("\nbo "), std::string::npos) << out;
  EXPECT_NE(out.find("bo\tno clip\tbasics#/lessons/0/summary\t"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(dir_ / "script.csv"));
  // A clips.json that names a missing file is a problem: reported, and the exit status says so.
  qiao::testing::WriteClipIndex(dir_ / "locales" / "audio" / "bo", "bo", {{next_, "gone.wav", "nav.next"}});
  EXPECT_NE(std::system(cmd.c_str()), 0);
  EXPECT_NE(Read(dir_ / "err.txt").find("gone.wav"), std::string::npos);
}

// `qiao-pack coverage` shows how far the volunteers have come, per locale; --clips reads a
// kiosk's data folder, where its recording studio keeps what was recorded there.
TEST_F(Clips, CoverageCountsRecordedSpeechIncludingAKiosksStudioClips) {
  const std::string bin = QIAO_PACK_BINARY;
  auto bo_row = [&](const std::string& extra) {
    const std::string cmd = "cd '" + dir_.string() + "' && '" + bin + "' coverage --locales locales " + extra +
                            " lessons > out.txt 2> err.txt";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << Read(dir_ / "err.txt");
    const std::string out = Read(dir_ / "out.txt");
    const size_t table = out.find("recorded speech (clips):");
    EXPECT_NE(table, std::string::npos) << out;
    const size_t row = out.find("\nbo ", table);
    EXPECT_NE(row, std::string::npos) << out;
    std::istringstream line(out.substr(row + 1, out.find('\n', row + 1) - row - 1));
    std::string locale;
    int texts = 0, recorded = 0, rerecord = 0, missing = 0;
    line >> locale >> texts >> recorded >> rerecord >> missing;
    EXPECT_EQ(texts, recorded + rerecord + missing) << out;
    return recorded;
  };
  EXPECT_EQ(bo_row(""), 2) << "the title and Next";
  // A kiosk's studio kept the first lesson's summary.
  const std::string summary = pack_["lessons"][0]["summary"]["bo"];
  fs::create_directories(dir_ / "kiosk" / "audio" / "bo");
  std::ofstream(dir_ / "kiosk" / "audio" / "bo" / "summary.wav") << "RIFF";
  qiao::testing::WriteClipIndex(dir_ / "kiosk" / "audio" / "bo", "bo",
                                {{summary, "summary.wav", "basics#/lessons/0/summary"}});
  EXPECT_EQ(bo_row("--clips kiosk"), 3);
}

}  // namespace

// [SECTION] readings: how a text reads in another script (mn-Mong: Cyrillic), for speech

namespace {

TEST(PackReadings, AReadingIsKeptBesideItsTextAndWrongOnesAreNamedWhereTheyAre) {
  const fs::path file = fs::temp_directory_path() / ("qiao-readings-" + std::to_string(::getpid()) + ".pack.json");
  std::ofstream(file) << "{\n  \"schemaVersion\": \"1.0\",\n  \"id\": \"readings\",\n"
                         "  \"title\": {\"en\": \"Mongolian\", \"mn-Mong\": \"ᠮᠣᠩᠭᠣᠯ\",\n"
                         "            \"readings\": {\"mn-Mong\": \"Монгол\", \"bo\": \"Монгол\", \"mn\": \"\"}},\n"
                         "  \"lessons\": []\n}\n";
  tools::FileReport r = tools::ValidateFile(file.string());
  ASSERT_TRUE(r.pack.has_value());
  EXPECT_EQ(r.pack->title.readings, (std::map<std::string, std::string>{{"mn-Mong", "Монгол"}}));
  std::vector<std::string> said;
  for (const auto& e : r.errors) said.push_back(e.ToString());
  const std::string f = file.string();
  EXPECT_NE(std::find(said.begin(), said.end(),
                      f + ":5:47: /title/readings/bo: a reading of the bo text, but the text has no bo translation"),
            said.end())
      << ::testing::PrintToString(said);
  EXPECT_NE(std::find(said.begin(), said.end(),
                      f + ":5:63: /title/readings/mn: empty reading: leave it out until it is written"),
            said.end())
      << ::testing::PrintToString(said);
  fs::remove(file);
}

}  // namespace
