// qiao-pack's library: validate, coverage and the size limit, as a trainer would meet them.
#include "pack/pack_tool.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

namespace fs = std::filesystem;
using namespace qiao;

namespace {

std::vector<std::string> BundledPacks() {
  std::vector<content::LoadError> errors;
  auto files = tools::ExpandPaths({std::string(QIAO_SOURCE_DIR) + "/lessons"}, &errors);
  EXPECT_TRUE(errors.empty());
  return files;
}

fs::path TempFile(const std::string& name, const std::string& bytes) {
  fs::path p = fs::temp_directory_path() / (std::to_string(getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

const std::vector<std::string> kLocales = {"zh-Hans", "en", "ug", "bo", "ii",
                                           "ko", "mn", "mn-Mong", "kk-Arab", "za"};

}  // namespace

TEST(Validate, EveryBundledPackIsValid) {
  std::vector<tools::FileReport> reports;
  for (const std::string& file : BundledPacks()) reports.push_back(tools::ValidateFile(file));
  ASSERT_FALSE(reports.empty());
  tools::CheckIdsAcrossPacks(reports);
  for (const auto& r : reports) {
    for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
    EXPECT_TRUE(r.valid()) << r.file;
  }
}

TEST(Validate, ErrorsAreSortedByLine) {
  fs::path p = TempFile("sorted.pack.json", R"({
  "schemaVersion": "1.0", "id": "x", "title": {"en": "X"},
  "lessons": [{"id": "a", "title": {"en": "A"}, "minutes": 0, "steps": [{"id": "s", "type": "text", "title": {"en": "T"}, "body": {"en": "B"}, "tpye": 1}]}],
  "extra": 1
})");
  tools::FileReport r = tools::ValidateFile(p.string());
  ASSERT_GE(r.errors.size(), 3u);
  for (size_t i = 1; i < r.errors.size(); ++i)
    EXPECT_LE(std::pair(r.errors[i - 1].line, r.errors[i - 1].column), std::pair(r.errors[i].line, r.errors[i].column));
  fs::remove(p);
}

TEST(Validate, IdsMustBeUniqueAcrossPacks) {
  const char* pack = R"({"schemaVersion": "1.0", "id": "%s", "title": {"en": "X"},
    "lessons": [{"id": "same", "title": {"en": "A"}, "steps": [{"id": "s", "type": "text", "title": {"en": "T"}, "body": {"en": "B"}}]}]})";
  char a[1024], b[1024];
  std::snprintf(a, sizeof a, pack, "first");
  std::snprintf(b, sizeof b, pack, "second");
  fs::path pa = TempFile("a.pack.json", a), pb = TempFile("b.pack.json", b);
  std::vector<tools::FileReport> reports = {tools::ValidateFile(pa.string()), tools::ValidateFile(pb.string())};
  tools::CheckIdsAcrossPacks(reports);
  EXPECT_TRUE(reports[0].valid());
  ASSERT_EQ(reports[1].errors.size(), 1u);
  EXPECT_EQ(reports[1].errors[0].pointer, "/lessons/0/id");
  EXPECT_EQ(reports[1].errors[0].line, 2);
  EXPECT_NE(reports[1].errors[0].message.find("already used in " + pa.string()), std::string::npos);
  fs::remove(pa);
  fs::remove(pb);
}

// A pack may not exhaust memory: a file over the limit is refused before it is read or parsed.
TEST(Validate, OversizedPackIsRefusedBeforeParsing) {
  std::string huge = "{\"schemaVersion\": \"1.0\", \"id\": \"big\", \"title\": {\"en\": \"";
  huge.append(content::kMaxPackBytes, 'a');
  huge += "\"}}";
  fs::path p = TempFile("huge.pack.json", huge);
  tools::FileReport r = tools::ValidateFile(p.string());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("a pack may be at most 4 MiB"), std::string::npos) << r.errors[0].message;
  // The kiosk's loader says the same for bytes it was handed directly.
  content::PackResult direct = content::LoadPack(huge, "huge.pack.json");
  EXPECT_FALSE(direct.loaded);
  ASSERT_EQ(direct.errors.size(), 1u);
  EXPECT_EQ(direct.errors[0].message, r.errors[0].message);
  fs::remove(p);
}

// Coverage, counted a second way: walk the raw JSON and count every object whose keys are all
// locale tags with string values (a text), outside "translations" and "audio".
TEST(Coverage, NumbersMatchAnIndependentCountOfTheBundledPacks) {
  std::vector<content::Pack> packs;
  std::map<std::string, std::array<int, 3>> expected;  // locale -> translated, draft, missing
  const std::regex tag("^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$");
  for (const std::string& file : BundledPacks()) {
    tools::FileReport r = tools::ValidateFile(file);
    ASSERT_TRUE(r.valid()) << file;
    packs.push_back(*r.pack);
    std::string bytes, error;
    ASSERT_TRUE(content::ReadFile(file, &bytes, &error));
    nlohmann::json doc = nlohmann::json::parse(bytes);
    std::map<std::string, std::string> status;
    const nlohmann::json translations = doc.value("translations", nlohmann::json::object());
    for (auto& [t, info] : translations.items()) status[t] = info["status"];
    std::function<void(const nlohmann::json&, const std::string&)> walk = [&](const nlohmann::json& v,
                                                                           const std::string& key) {
      if (key == "translations" || key == "audio") return;
      if (v.is_object() && !v.empty() &&
          std::all_of(v.items().begin(), v.items().end(), [&](const auto& kv) {
            return kv.value().is_string() && std::regex_match(kv.key(), tag);
          })) {
        for (const std::string& loc : kLocales) {
          bool trusted = status.count(loc) && (status[loc] == "source" || status[loc] == "reviewed");
          expected[loc][!v.contains(loc) ? 2 : trusted ? 0 : 1]++;
        }
        return;
      }
      if (v.is_object())
        for (auto& [k, child] : v.items()) walk(child, k);
      if (v.is_array())
        for (auto& child : v) walk(child, "");
    };
    walk(doc, "");
  }
  std::vector<tools::CoverageRow> rows = tools::Coverage(packs, kLocales);
  ASSERT_EQ(rows.size(), kLocales.size());
  for (const auto& row : rows) {
    EXPECT_EQ(row.translated, expected[row.locale][0]) << row.locale;
    EXPECT_EQ(row.draft, expected[row.locale][1]) << row.locale;
    EXPECT_EQ(row.missing, expected[row.locale][2]) << row.locale;
  }
  // Both source languages are complete in the bundled content.
  EXPECT_EQ(rows[0].missing, 0);
  EXPECT_EQ(rows[1].missing, 0);
  EXPECT_GT(rows[0].translated, 100);
}

TEST(Coverage, DraftAndMissingAreToldApart) {
  fs::path p = TempFile("cov.pack.json", R"({"schemaVersion": "1.0", "id": "cov",
    "title": {"zh-Hans": "标题", "en": "Title", "ug": "ماۋزۇ"},
    "translations": {"zh-Hans": {"status": "source"}, "ug": {"status": "draft"}},
    "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson"}, "summary": {},
      "steps": [{"id": "s", "type": "text", "title": {"zh-Hans": "步"}, "body": {"zh-Hans": "文", "bo": "ཡིག"}}]}]})");
  tools::FileReport r = tools::ValidateFile(p.string());
  ASSERT_TRUE(r.valid());
  auto rows = tools::Coverage({*r.pack}, {"zh-Hans", "en", "ug", "bo"});
  // 4 texts (the empty summary is not a text). en has no status: present counts as draft.
  EXPECT_EQ(rows[0].translated, 4);
  EXPECT_EQ(rows[0].missing, 0);
  EXPECT_EQ(rows[1].draft, 2);
  EXPECT_EQ(rows[1].missing, 2);
  EXPECT_EQ(rows[2].draft, 1);
  EXPECT_EQ(rows[2].missing, 3);
  EXPECT_EQ(rows[3].draft, 1);
  EXPECT_EQ(rows[3].missing, 3);
  EXPECT_NE(tools::CoverageTable(rows).find("| ug | 0 | 1 | 3 |"), std::string::npos);
  fs::remove(p);
}

// lessons/README.md walks a trainer through a first lesson: the scaffold with the README's
// worked practice step put in must validate, as the README promises.
TEST(Readme, WorkedExampleValidatesInTheScaffold) {
  std::string readme, error;
  ASSERT_TRUE(content::ReadFile(std::string(QIAO_SOURCE_DIR) + "/lessons/README.md", &readme, &error));
  size_t intro = readme.find("A worked example of one practice step:");
  ASSERT_NE(intro, std::string::npos);
  size_t begin = readme.find("```json", intro) + 7, end = readme.find("```", begin);
  nlohmann::ordered_json step = nlohmann::ordered_json::parse(readme.substr(begin, end - begin));
  nlohmann::ordered_json pack =
      nlohmann::ordered_json::parse(tools::Scaffold(tools::ScaffoldKind::kLesson, "answer-call", "2026-11-23"));
  pack["lessons"][0]["steps"][1] = step;
  fs::path p = TempFile("answer-call.pack.json", pack.dump(2));
  tools::FileReport r = tools::ValidateFile(p.string());
  for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(r.valid());
  EXPECT_EQ(r.pack->lessons[0].steps[1].hotspots.size(), 2u);
  fs::remove(p);
}
