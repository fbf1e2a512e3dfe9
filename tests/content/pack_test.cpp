// Loading packs: good, broken, partly broken. The good parts load; every error names the file,
// the line:column and the JSON pointer of the place to fix.
#include "content/pack.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace qiao::content;

namespace {

const char* kGoodLesson = R"({
      "id": "first",
      "title": {"zh-Hans": "第一课", "en": "First"},
      "steps": [
        {"id": "hello", "type": "text", "title": {"en": "Hello"}, "body": {"en": "Hi."}},
        {"id": "check", "type": "quiz", "question": {"en": "Ok?"},
         "choices": [
           {"id": "yes", "text": {"en": "Yes"}, "correct": true, "feedback": {"en": "Good."}},
           {"id": "no", "text": {"en": "No"}, "feedback": {"en": "Try again."}}
         ]}
      ]
    })";

std::string PackText(const std::string& lessons, const std::string& version = "1.0") {
  return "{\n  \"schemaVersion\": \"" + version + "\",\n  \"id\": \"test\",\n"
         "  \"title\": {\"en\": \"Test\"},\n  \"lessons\": [\n    " + lessons + "\n  ]\n}\n";
}

int LineOf(const std::string& text, const std::string& needle) {
  size_t pos = text.find(needle);
  return pos == std::string::npos ? -1 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
}

}  // namespace

TEST(Pack, BundledPackLoadsCleanly) {
  std::string bytes, error;
  const std::string path = std::string(QIAO_SOURCE_DIR) + "/lessons/basics.pack.json";
  ASSERT_TRUE(ReadFile(path, &bytes, &error)) << error;
  PackResult r = LoadPack(bytes, path);
  for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(r.loaded);
  EXPECT_GE(r.pack.lessons.size(), 1u);
  EXPECT_GE(r.pack.guides.size(), 1u);
  // Every lesson step and guide is complete in both source languages.
  for (const Lesson& l : r.pack.lessons) {
    EXPECT_TRUE(l.title.by_locale.count("zh-Hans") && l.title.by_locale.count("en")) << l.id;
    EXPECT_GE(l.steps.size(), 3u) << l.id;
  }
}

TEST(Pack, GoodLessonLoads) {
  PackResult r = LoadPack(PackText(kGoodLesson), "good.pack.json");
  ASSERT_TRUE(r.loaded);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.pack.lessons.size(), 1u);
  const Lesson& l = r.pack.lessons[0];
  EXPECT_EQ(l.id, "first");
  ASSERT_EQ(l.steps.size(), 2u);
  EXPECT_EQ(l.steps[1].type, StepType::kQuiz);
  EXPECT_TRUE(l.steps[1].choices[0].correct);
  EXPECT_FALSE(l.steps[1].choices[1].correct);
}

TEST(Pack, InvalidJsonIsReportedWithPosition) {
  std::string text = PackText(kGoodLesson);
  text.replace(text.find("\"Hi.\""), 5, "\"Hi.\",,");
  PackResult r = LoadPack(text, "broken.pack.json");
  EXPECT_FALSE(r.loaded);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, "broken.pack.json");
  EXPECT_EQ(r.errors[0].line, LineOf(text, "\"Hi.\""));
  EXPECT_NE(r.errors[0].message.find("invalid JSON"), std::string::npos);
}

TEST(Pack, PartlyBrokenPackKeepsTheGoodLessons) {
  std::string broken = R"({
      "id": "second",
      "title": {"en": "Second"},
      "steps": [
        {"id": "q", "type": "quiz",
         "choices": [{"id": "a", "text": {"en": "A"}, "correct": true, "feedback": {"en": "."}},
                     {"id": "b", "text": {"en": "B"}, "feedback": {"en": "."}}]}
      ]
    })";
  std::string text = PackText(std::string(kGoodLesson) + ",\n    " + broken);
  PackResult r = LoadPack(text, "partly.pack.json");
  ASSERT_TRUE(r.loaded);
  ASSERT_EQ(r.pack.lessons.size(), 1u);  // the broken one is skipped, not the pack
  EXPECT_EQ(r.pack.lessons[0].id, "first");
  ASSERT_EQ(r.errors.size(), 1u);
  const LoadError& e = r.errors[0];
  EXPECT_EQ(e.pointer, "/lessons/1/steps/0/question");
  EXPECT_EQ(e.line, LineOf(text, "{\"id\": \"q\""));
  EXPECT_EQ(e.message, "missing required field \"question\"");
  EXPECT_EQ(e.ToString().rfind("partly.pack.json:" + std::to_string(e.line) + ":", 0), 0u);
}

TEST(Pack, EveryProblemOfALessonIsListedAtOnce) {
  std::string lesson = R"({"id": "Bad Id", "title": 42, "steps": [
        {"id": "s", "type": "dance"},
        {"id": "p", "type": "practice", "instruction": {"en": "Tap"},
         "screen": {"elements": [{"kind": "box", "rect": [90, 0, 20, 10]}]},
         "hotspots": [{"id": "h", "rect": [0, 0, 10, 10], "label": {"en": "x"}, "feedback": {"en": "y"}}]}
      ]})";
  PackResult r = LoadPack(PackText(lesson), "many.pack.json");
  ASSERT_TRUE(r.loaded);
  EXPECT_TRUE(r.pack.lessons.empty());
  std::vector<std::string> pointers;
  for (const auto& e : r.errors) pointers.push_back(e.pointer);
  auto has = [&](const std::string& p) { return std::find(pointers.begin(), pointers.end(), p) != pointers.end(); };
  EXPECT_TRUE(has("/lessons/0/id"));
  EXPECT_TRUE(has("/lessons/0/title"));
  EXPECT_TRUE(has("/lessons/0/steps/0/type"));
  EXPECT_TRUE(has("/lessons/0/steps/1/screen/elements/0/rect"));  // 90 + 20 > 100
  EXPECT_TRUE(has("/lessons/0/steps/1/hotspots"));  // none correct
}

TEST(Pack, NewerMajorVersionIsRefusedClearly) {
  PackResult r = LoadPack(PackText(kGoodLesson, "2.0"), "future.pack.json");
  EXPECT_FALSE(r.loaded);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pointer, "/schemaVersion");
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_NE(r.errors[0].message.find("newer Qiao"), std::string::npos);
  // A newer minor version of the same major is fine.
  EXPECT_TRUE(LoadPack(PackText(kGoodLesson, "1.7"), "minor.pack.json").loaded);
}

TEST(Pack, GuideMustKeepAnInPersonWay) {
  std::string text = R"({"schemaVersion": "1.0", "id": "g", "title": {"en": "G"}, "guides": [{
    "id": "only-online", "title": {"en": "T"}, "reviewedAt": "2026-01-01", "expiresAt": "2027-01-01",
    "whoCanApply": {"en": "All"}, "whatToBring": [{"id": "id-card", "text": {"en": "ID"}}],
    "steps": [{"text": {"en": "Go"}}], "whereAndWhen": {"en": "Here"}, "fees": {"en": "Free"},
    "otherWays": [{"channel": "online", "text": {"en": "Web"}}]}]})";
  PackResult r = LoadPack(text, "g.pack.json");
  ASSERT_TRUE(r.loaded);
  EXPECT_TRUE(r.pack.guides.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pointer, "/guides/0/otherWays");
}

TEST(Pack, DuplicateIdsAreRejected) {
  PackResult r = LoadPack(PackText(std::string(kGoodLesson) + ",\n" + kGoodLesson), "dup.pack.json");
  ASSERT_TRUE(r.loaded);
  EXPECT_EQ(r.pack.lessons.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pointer, "/lessons/1/id");
}

TEST(Pack, LibraryLoadsGoodPacksAndReportsBrokenOnes) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("qiao-lib-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.pack.json") << PackText(kGoodLesson);
  std::ofstream(dir / "b.pack.json") << "{ this is not json";
  std::ofstream(dir / "notes.txt") << "ignored";
  Library lib = LoadLibrary(dir.string());
  EXPECT_EQ(lib.packs.size(), 1u);
  ASSERT_NE(lib.FindLesson("first"), nullptr);
  ASSERT_EQ(lib.errors.size(), 1u);
  EXPECT_NE(lib.errors[0].file.find("b.pack.json"), std::string::npos);
  EXPECT_EQ(lib.errors[0].line, 1);
  fs::remove_all(dir);
}

TEST(Pack, MissingFolderIsAnErrorNotACrash) {
  Library lib = LoadLibrary("/nonexistent/qiao/packs");
  EXPECT_TRUE(lib.packs.empty());
  ASSERT_EQ(lib.errors.size(), 1u);
}

TEST(LocalizedText, ResolvesAlongTheChainAndSaysWhichLanguage) {
  LocalizedText t;
  t.by_locale = {{"zh-Hans", "扫码"}, {"en", "Scan"}};
  std::vector<std::string> ug_chain = {"ug", "zh-Hans", "en"};
  auto r = t.Resolve(ug_chain);
  EXPECT_EQ(r.text, "扫码");
  EXPECT_EQ(r.lang, "zh-Hans");
  std::vector<std::string> en_chain = {"en", "zh-Hans"};
  EXPECT_EQ(t.Resolve(en_chain).lang, "en");
  // Nothing in the chain: any language beats a blank screen.
  LocalizedText only_bo;
  only_bo.by_locale = {{"bo", "བོད"}};
  EXPECT_EQ(only_bo.Resolve(en_chain).text, "བོད");
}
