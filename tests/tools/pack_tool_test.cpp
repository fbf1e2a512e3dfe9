// qiao-pack's library: validate, coverage and the size limit, as a trainer would meet them.
#include "tools/pack/pack_tool.h"
#include "tools/pack/po.h"

#include "i18n/search.h"
#include "text/text.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
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
// locale tags with string values (a text; beside them may be "needsReview" and "readings"),
// outside "translations" and "audio".
TEST(Coverage, NumbersMatchAnIndependentCountOfTheBundledPacks) {
  std::vector<content::Pack> packs;
  std::map<std::string, std::array<int, 5>> expected;  // locale -> source, draft, missing, stale, reviewed
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
    // Stale: the hash po import recorded is not the hash of today's zh-Hans (zlib's CRC-32).
    auto stale_by_hash = [&](const std::string& loc, const std::string& pointer, const std::string& source) {
      const nlohmann::json* h = translations.contains(loc) && translations[loc].contains("sourceHashes") &&
                                        translations[loc]["sourceHashes"].contains(pointer)
                                    ? &translations[loc]["sourceHashes"][pointer]
                                    : nullptr;
      if (!h) return false;
      char hex[9];
      std::snprintf(hex, sizeof hex, "%08lx",
                    crc32(0L, reinterpret_cast<const Bytef*>(source.data()), static_cast<uInt>(source.size())) & 0xffffffffUL);
      return h->get<std::string>() != hex;
    };
    nlohmann::json reviews = nlohmann::json::object();  // the text's own, while it is counted
    std::function<void(const nlohmann::json&, const std::string&, const std::string&)> walk =
        [&](const nlohmann::json& v, const std::string& key, const std::string& pointer) {
      if (key == "translations" || key == "audio") return;
      // Beside a text's languages may be its own reviews and a note for translators (issue 14):
      // the text is counted without them, each language by its own review where it has one.
      if (v.is_object() && (v.contains("review") || v.contains("note"))) {
        nlohmann::json languages = v;
        languages.erase("note");
        reviews = languages.value("review", nlohmann::json::object());
        languages.erase("review");
        walk(languages, key, pointer);
        reviews = nlohmann::json::object();
        return;
      }
      if (v.is_object() && !v.empty() &&
          std::all_of(v.items().begin(), v.items().end(), [&](const auto& kv) {
            return (kv.value().is_string() && std::regex_match(kv.key(), tag)) ||
                   (kv.key() == "needsReview" && kv.value().is_array()) ||
                   (kv.key() == "readings" && kv.value().is_object());
          })) {
        const nlohmann::json stale = v.value("needsReview", nlohmann::json::array());
        for (const std::string& loc : kLocales) {
          bool needs_review = std::find(stale.begin(), stale.end(), loc) != stale.end() ||
                              (v.contains(loc) && v.contains("zh-Hans") &&
                               stale_by_hash(loc, pointer, v["zh-Hans"].get<std::string>()));
          // A text's own review ("review") overrides the pack's status for that language.
          std::string own = status.count(loc) ? status[loc] : "draft";
          if (own != "source" && reviews.contains(loc)) own = reviews[loc]["status"];
          expected[loc][!v.contains(loc) ? 2 : needs_review ? 3 : own == "source" ? 0 : own == "reviewed" ? 4 : 1]++;
        }
        return;
      }
      if (v.is_object())
        for (auto& [k, child] : v.items()) walk(child, k, pointer + "/" + k);
      if (v.is_array())
        for (size_t i = 0; i < v.size(); ++i) walk(v[i], "", pointer + "/" + std::to_string(i));
    };
    walk(doc, "", "");
  }
  std::vector<tools::CoverageRow> rows = tools::Coverage(packs, kLocales);
  ASSERT_EQ(rows.size(), kLocales.size());
  for (const auto& row : rows) {
    EXPECT_EQ(row.source, expected[row.locale][0]) << row.locale;
    EXPECT_EQ(row.draft, expected[row.locale][1]) << row.locale;
    EXPECT_EQ(row.missing, expected[row.locale][2]) << row.locale;
    EXPECT_EQ(row.stale, expected[row.locale][3]) << row.locale;
    EXPECT_EQ(row.reviewed, expected[row.locale][4]) << row.locale;
  }
  // Both source languages are complete in the bundled content.
  EXPECT_EQ(rows[0].missing, 0);
  EXPECT_EQ(rows[1].missing, 0);
  EXPECT_GT(rows[0].source, 100);
}

TEST(Coverage, DraftAndMissingAreToldApart) {
  fs::path p = TempFile("cov.pack.json", R"({"schemaVersion": "1.0", "id": "cov",
    "title": {"zh-Hans": "标题", "en": "Title", "ug": "ماۋزۇ"},
    "translations": {"zh-Hans": {"status": "source"}, "ug": {"status": "draft"}},
    "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson", "ug": "دەرس", "needsReview": ["ug"]}, "summary": {},
      "steps": [{"id": "s", "type": "text", "title": {"zh-Hans": "步"}, "body": {"zh-Hans": "文", "bo": "ཡིག"}}]}]})");
  tools::FileReport r = tools::ValidateFile(p.string());
  ASSERT_TRUE(r.valid());
  auto rows = tools::Coverage({*r.pack}, {"zh-Hans", "en", "ug", "bo"});
  // 4 texts (the empty summary is not a text). en has no status: present counts as draft.
  EXPECT_EQ(rows[0].source, 4);
  EXPECT_EQ(rows[0].missing, 0);
  EXPECT_EQ(rows[1].draft, 2);
  EXPECT_EQ(rows[1].missing, 2);
  // The lesson title's ug was written for an older source text: neither draft nor missing.
  EXPECT_EQ(rows[2].draft, 1);
  EXPECT_EQ(rows[2].stale, 1);
  EXPECT_EQ(rows[2].missing, 2);
  EXPECT_EQ(rows[3].draft, 1);
  EXPECT_EQ(rows[3].stale, 0);
  EXPECT_EQ(rows[3].missing, 3);
  EXPECT_NE(tools::CoverageTable(rows).find("| ug | 0 | 0 | 1 | 1 | 2 |"), std::string::npos) << tools::CoverageTable(rows);
  fs::remove(p);
}

// A translator imported the ug title when the source said 标题; the source is now 新标题: the
// translation is stale (needs review), though nobody listed it in needsReview by hand.
TEST(Coverage, ATranslationOfAnOlderSourceIsStale) {
  const std::string old_hash = tools::SourceHash("标题");
  fs::path p = TempFile("stale.pack.json", R"({"schemaVersion": "1.0", "id": "stale",
    "title": {"zh-Hans": "新标题", "en": "New title", "ug": "ماۋزۇ"},
    "translations": {"zh-Hans": {"status": "source"}, "ug": {"status": "draft", "sourceHashes": {"/title": ")" +
                                                       old_hash + R"(", "/lessons/0/title": ")" +
                                                       tools::SourceHash("课") + R"("}}},
    "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson", "ug": "دەرس"}, "summary": {},
      "steps": [{"id": "s", "type": "text", "title": {"zh-Hans": "步"}, "body": {"zh-Hans": "文"}}]}]})");
  tools::FileReport r = tools::ValidateFile(p.string());
  ASSERT_TRUE(r.valid());
  auto rows = tools::Coverage({*r.pack}, {"zh-Hans", "ug"});
  EXPECT_EQ(rows[1].stale, 1);  // the pack title: made from 标题
  EXPECT_EQ(rows[1].draft, 1);         // the lesson title: its hash is today's
  EXPECT_EQ(rows[1].missing, 2);
  fs::remove(p);
}

// Status is per text: a text's own review overrides the pack's status for that language (a
// reviewed ug text in a draft pack, a ko text changed since the pack's review), and a reviewed
// text made from an older source is stale like a draft.
TEST(Coverage, EachTextsOwnReviewIsCountedAndAnOldReviewIsStale) {
  fs::path p = TempFile("own.pack.json", R"({"schemaVersion": "1.0", "id": "own",
    "title": {"zh-Hans": "标题", "en": "Title", "ug": "ماۋزۇ", "ko": "제목",
      "review": {"ug": {"status": "reviewed", "by": "Aynur", "date": "2026-12-01"}, "ko": {"status": "draft"}}},
    "translations": {"zh-Hans": {"status": "source"}, "en": {"status": "source"}, "ug": {"status": "draft",
      "sourceHashes": {"/title": ")" + tools::SourceHash("标题") + R"(", "/lessons/0/steps/0/title": ")" +
                                    tools::SourceHash("旧的步骤") + R"("}},
      "ko": {"status": "reviewed", "reviewedBy": "Kim", "reviewedAt": "2026-11-01"}},
    "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson", "ug": "دەرس", "ko": "과"},
      "steps": [{"id": "s", "type": "text",
        "title": {"zh-Hans": "步骤", "en": "Step", "ug": "قەدەم", "ko": "단계",
                  "review": {"ug": {"status": "reviewed", "by": "Aynur", "date": "2026-12-01"}}},
        "body": {"zh-Hans": "文", "en": "Text"}}]}]})");
  tools::FileReport r = tools::ValidateFile(p.string());
  ASSERT_TRUE(r.valid()) << r.errors[0].ToString();
  auto rows = tools::Coverage({*r.pack}, {"zh-Hans", "ug", "ko"});
  EXPECT_EQ(rows[0].source, 4);
  // ug: the pack title reviewed (its own review, today's source); the lesson title a draft (the
  // pack's status); the step title was reviewed, but for a source that has changed since: stale.
  EXPECT_EQ(rows[1].reviewed, 1);
  EXPECT_EQ(rows[1].draft, 1);
  EXPECT_EQ(rows[1].stale, 1);
  EXPECT_EQ(rows[1].missing, 1);
  // ko: the pack says reviewed, but the pack title's own review says draft.
  EXPECT_EQ(rows[2].reviewed, 2);
  EXPECT_EQ(rows[2].draft, 1);
  EXPECT_EQ(rows[2].stale, 0);
  EXPECT_EQ(rows[2].missing, 1);
  EXPECT_NE(tools::CoverageTable(rows).find("| ug | 0 | 1 | 1 | 1 | 1 |"), std::string::npos) << tools::CoverageTable(rows);
  const content::LocalizedText& step_title = r.pack->lessons[0].steps[0].title;
  EXPECT_EQ(tools::StatusOf(*r.pack, step_title, "ug"), tools::TextStatus::kStale);
  EXPECT_EQ(tools::StatusOf(*r.pack, step_title, "ko"), tools::TextStatus::kReviewed);
  EXPECT_EQ(tools::StatusOf(*r.pack, step_title, "en"), tools::TextStatus::kSource);
  EXPECT_EQ(tools::StatusOf(*r.pack, step_title, "bo"), tools::TextStatus::kMissing);
  fs::remove(p);
}

// [SECTION] UI coverage

namespace {

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The keys of locales/keys.txt, counted a second way (one per line that is not a comment).
int KeysTxtLines(const fs::path& dir) {
  std::ifstream in(dir / "keys.txt");
  int n = 0;
  for (std::string line; std::getline(in, line);) n += !line.empty() && line[0] != '#';
  return n;
}

std::string RunCoverage(const std::string& args, int* status) {
  FILE* p = ::popen((std::string(QIAO_PACK_BINARY) + " coverage " + args + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  *status = WEXITSTATUS(::pclose(p));
  return out;
}

}  // namespace

TEST(UiCoverage, EveryBundledCatalogHoldsEveryKeyAndNoneIsReviewed) {
  const fs::path locales = fs::path(QIAO_SOURCE_DIR) / "locales";
  const int keys = KeysTxtLines(locales);
  ASSERT_GT(keys, 80);
  std::vector<std::string> problems;
  const std::vector<std::string> tags = {"zh-Hans", "en", "ug", "bo", "ii", "ko", "mn", "mn-Mong", "kk-Arab", "za"};
  const auto rows = tools::UiCoverage(locales.string(), tags, &problems);
  EXPECT_EQ(problems, std::vector<std::string>{});
  ASSERT_EQ(rows.size(), tags.size());
  for (const tools::CoverageRow& r : rows) {
    const bool source = r.locale == "zh-Hans" || r.locale == "en";
    EXPECT_EQ(r.source, source ? keys : 0) << r.locale;
    EXPECT_EQ(r.draft, source ? 0 : keys) << r.locale << ": no native speaker has reviewed a bundled string";
    EXPECT_EQ(r.reviewed + r.stale + r.missing, 0) << r.locale;
  }
}

// A catalog folder where a translator imported ug strings, a reviewer checked two, one key is
// missing, and the team then edited the Mandarin of one reviewed and one draft string.
TEST(UiCoverage, ReviewedDraftStaleAndMissingAreToldApart) {
  const fs::path dir = fs::temp_directory_path() / ("qiao-uicov-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(QIAO_SOURCE_DIR) / "locales", dir, fs::copy_options::recursive);
  const int keys = KeysTxtLines(dir);
  auto edit = [&](const char* file, const std::function<void(nlohmann::ordered_json&)>& change) {
    auto doc = nlohmann::ordered_json::parse(ReadAll(dir / file));
    change(doc);
    std::ofstream(dir / file, std::ios::binary) << tools::WriteJson(doc);
  };
  auto zh = nlohmann::ordered_json::parse(ReadAll(dir / "zh-Hans.json"));
  edit("ug.json", [&](nlohmann::ordered_json& ug) {
    for (const char* key : {"nav.back", "home.title", "home.help", "home.settings"})
      ug["sourceHashes"][key] = tools::SourceHash(zh["strings"][key].get<std::string>());
    ug["reviews"]["nav.back"] = {{"status", "reviewed"}, {"by", "Aynur"}, {"date", "2026-12-01"}};
    ug["reviews"]["home.title"] = {{"status", "reviewed"}, {"by", "Aynur"}, {"date", "2026-12-01"}};
    ug["strings"].erase("home.guides");
  });
  edit("zh-Hans.json", [](nlohmann::ordered_json& doc) {
    doc["strings"]["home.title"] = "您今天想做什么？";  // reviewed, then the source changed: stale
    doc["strings"]["home.help"] = "求助";            // a draft of the old source: stale
  });
  std::vector<std::string> problems;
  const auto rows = tools::UiCoverage(dir.string(), {"zh-Hans", "ug", "ko"}, &problems);
  for (const std::string& p : problems) ADD_FAILURE() << p;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].source, keys);
  EXPECT_EQ(rows[1].reviewed, 1) << "nav.back";
  EXPECT_EQ(rows[1].stale, 2) << "home.title, home.help";
  EXPECT_EQ(rows[1].missing, 1) << "home.guides";
  EXPECT_EQ(rows[1].draft, keys - 4) << "home.settings and the rest";
  EXPECT_EQ(rows[1].source, 0);
  EXPECT_EQ(rows[2].draft, keys) << "ko is untouched";

  // The command prints the UI table under the pack table, in both forms.
  int status = 0;
  const std::string packs = (fs::path(QIAO_SOURCE_DIR) / "lessons" / "basics.pack.json").string();
  std::string out = RunCoverage("--markdown --locales '" + dir.string() + "' '" + packs + "'", &status);
  EXPECT_EQ(status, 0) << out;
  const size_t pack_table = out.find("**Pack texts**"), ui_table = out.find("**UI strings");
  ASSERT_NE(pack_table, std::string::npos) << out;
  ASSERT_NE(ui_table, std::string::npos) << out;
  EXPECT_LT(pack_table, ui_table);
  const std::string ug_row = "| ug | 0 | 1 | " + std::to_string(keys - 4) + " | 2 | 1 |";
  EXPECT_NE(out.find(ug_row, ui_table), std::string::npos) << out;
  out = RunCoverage("--locales '" + dir.string() + "' '" + packs + "'", &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("UI strings[^\n]*\n[^\n]*\n(.*\n)*ug +0 +1 +" +
                                                std::to_string(keys - 4) + " +2 +1\n")))
      << out;

  // A catalog problem is named with file:line:col and pointer, and the command says so.
  edit("ug.json", [](nlohmann::ordered_json& ug) {
    ug["reviews"]["home.settings"] = {{"status", "reviewed"}, {"by", "Aynur"}};
  });
  problems.clear();
  tools::UiCoverage(dir.string(), {"ug"}, &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(std::regex_search(problems[0], std::regex("ug\\.json:[0-9]+:[0-9]+: /reviews/home\\.settings: ")))
      << problems[0];
  out = RunCoverage("--locales '" + dir.string() + "' '" + packs + "'", &status);
  EXPECT_EQ(status, 1) << out;
  fs::remove_all(dir);
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

// [SECTION] lint

namespace {

std::vector<tools::Finding> LintText(const std::string& name, const std::string& bytes, text::Engine* engine,
                                     const std::string& today = "2026-11-23") {
  fs::path p = TempFile(name, bytes);
  std::vector<tools::FileReport> reports = {tools::ValidateFile(p.string())};
  tools::LintContext context;
  context.locales_dir = std::string(QIAO_SOURCE_DIR) + "/locales";
  context.today = today;
  context.engine = engine;
  std::vector<tools::Finding> findings = tools::Lint(reports, context);
  fs::remove(p);
  return findings;
}

bool Has(const std::vector<tools::Finding>& findings, const std::string& pointer, const std::string& words,
         tools::Severity severity = tools::Severity::kWarning) {
  for (const auto& f : findings)
    if (f.where.pointer == pointer && f.where.message.find(words) != std::string::npos && f.severity == severity &&
        f.where.line > 0)
      return true;
  return false;
}

std::string All(const std::vector<tools::Finding>& findings) {
  std::string s;
  for (const auto& f : findings) s += f.ToString() + "\n";
  return s;
}

}  // namespace

// Today's date, not a fixed one: when a bundled guide expires this fails, as it should (the
// procedure must be checked again before the kiosk shows it as current).
// A text's own reviews: a source language is not reviewed text by text, a review is not dated
// after today, and a review written by hand (no source hash) is noted: an edit of the source
// would not show it as stale. A text's note for translators follows a finding on its translations.
TEST(Lint, TextReviewsAndNotesForTranslators) {
  auto findings = LintText("reviews.pack.json", R"({"schemaVersion": "1.0", "id": "reviews",
    "title": {"zh-Hans": "检查", "en": "Lint", "ug": "تەكشۈرۈش",
      "review": {"en": {"status": "draft"}, "ug": {"status": "reviewed", "by": "Aynur", "date": "2026-12-24"}}},
    "translations": {"zh-Hans": {"status": "source"}, "en": {"status": "source"}, "ug": {"status": "draft",
      "sourceHashes": {"/lessons/0/title": ")" + tools::SourceHash("课") + R"("}}},
    "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson", "ug": "دەرس",
      "review": {"ug": {"status": "reviewed", "by": "Aynur", "date": "2026-11-01"}}},
      "steps": [{"id": "s", "type": "text", "title": {"zh-Hans": "扫一扫", "note": "the real WeChat label: keep it in Chinese"},
                 "body": {"zh-Hans": "文", "en": "Text"}}]}]})",
                           nullptr, "2026-11-23");
  EXPECT_TRUE(Has(findings, "/title/review/en", "is a source language of this pack")) << All(findings);
  EXPECT_TRUE(Has(findings, "/title/review/ug/date", "review date 2026-12-24 is in the future"));
  EXPECT_TRUE(Has(findings, "/title/review/ug", "no source hash is recorded", tools::Severity::kNote));
  // The lesson title's review was recorded with its source hash: nothing to say.
  for (const auto& f : findings) EXPECT_FALSE(f.where.pointer.starts_with("/lessons/0/title")) << f.ToString();
  EXPECT_TRUE(Has(findings, "/lessons/0/steps/0/title",
                  "missing translation in en, which the pack marks complete [translator note: the real WeChat label: keep it in Chinese]"));
}

TEST(Lint, EveryBundledPackLintsClean) {
  auto engine = text::Engine::Create();
  std::vector<tools::FileReport> reports;
  for (const std::string& file : BundledPacks()) reports.push_back(tools::ValidateFile(file));
  tools::CheckIdsAcrossPacks(reports);
  tools::LintContext context;
  context.locales_dir = std::string(QIAO_SOURCE_DIR) + "/locales";
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{now};
  char today[16];
  std::snprintf(today, sizeof today, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  context.today = today;
  context.engine = engine.get();
  for (const auto& f : tools::Lint(reports, context))
    if (f.severity == tools::Severity::kWarning) ADD_FAILURE() << f.ToString();
}

TEST(Lint, FindsWhatATrainerShouldFix) {
  auto engine = text::Engine::Create();
  auto findings = LintText("lint.pack.json", R"({"schemaVersion": "1.0", "id": "lint", "title": {"zh-Hans": "检查", "en": "Lint"},
  "translations": {"zh-Hans": {"status": "source"}, "en": {"status": "source"}, "bo": {"status": "draft"}, "xx": {"status": "draft"}},
  "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson"}, "steps": [
    {"id": "long", "type": "text", "title": {"zh-Hans": "长", "en": "Long"},
     "body": {"zh-Hans": "短句。", "en": "This sentence is far too long for a learner because it goes on and on with one clause after another and never stops to let the reader breathe at all. Short one."}},
    {"id": "pic", "type": "image", "screen": {"elements": [{"kind": "box", "rect": [0, 0, 10, 10]}]},
     "alt": {"zh-Hans": "图"}, "audio": {"bo": "audio/bo/missing.ogg"}},
    {"id": "odd", "type": "text", "title": {"zh-Hans": "字", "en": "Glyph"}, "body": {"zh-Hans": "私用区字符\uE000。", "en": "Fine."}},
    {"id": "q", "type": "quiz", "question": {"zh-Hans": "问", "en": "Q"}, "choices": [
      {"id": "a", "text": {"zh-Hans": "甲", "en": "A"}, "correct": true, "feedback": {"zh-Hans": "对", "en": "Yes"}},
      {"id": "a", "text": {"zh-Hans": "乙", "en": "B"}, "feedback": {"zh-Hans": "错", "en": "No"}}]}]}],
  "guides": [{"id": "g", "title": {"zh-Hans": "指南", "en": "Guide"}, "expiresAt": "2026-01-01",
    "whoCanApply": {"zh-Hans": "人", "en": "All"}, "whatToBring": [{"id": "c", "text": {"zh-Hans": "证", "en": "Card"}}],
    "steps": [{"text": {"zh-Hans": "去", "en": "Go"}}], "whereAndWhen": {"zh-Hans": "这", "en": "Here"},
    "fees": {"zh-Hans": "免", "en": "Free"}, "otherWays": [{"channel": "in-person", "text": {"zh-Hans": "去", "en": "Go"}}]}]})",
                           engine.get());
  const std::string all = All(findings);
  EXPECT_TRUE(Has(findings, "/lessons/0/steps/0/body/en", "sentence of 30 words")) << all;
  EXPECT_FALSE(Has(findings, "/lessons/0/steps/0/body/zh-Hans", "sentence")) << all;
  EXPECT_TRUE(Has(findings, "/lessons/0/steps/1/alt", "alt text missing in en")) << all;
  EXPECT_TRUE(Has(findings, "/lessons/0/steps/1/audio/bo", "audio file \"audio/bo/missing.ogg\" not found")) << all;
  EXPECT_TRUE(Has(findings, "/translations/bo", "3 steps have no recorded audio in bo", tools::Severity::kNote)) << all;
  EXPECT_TRUE(Has(findings, "/translations/xx", "not a locale of this kiosk")) << all;
  EXPECT_TRUE(Has(findings, "/lessons/0/steps/2/body/zh-Hans", "no bundled font can draw \uE000 (U+E000)")) << all;
  EXPECT_TRUE(Has(findings, "/lessons/0/steps/3/choices/1/id", "duplicate choice id \"a\"")) << all;
  EXPECT_TRUE(Has(findings, "/guides/0/expiresAt", "expired on 2026-01-01")) << all;
  // Sorted by line within the file.
  for (size_t i = 1; i < findings.size(); ++i) EXPECT_LE(findings[i - 1].where.line, findings[i].where.line) << all;
}

TEST(Lint, GuideAboutToExpireIsOnlyANote) {
  std::string scaffold = tools::Scaffold(tools::ScaffoldKind::kGuide, "soon", "2025-12-01");
  auto findings = LintText("soon.pack.json", scaffold, nullptr, "2026-11-23");
  EXPECT_TRUE(Has(findings, "/guides/0/expiresAt", "expires on 2026-12-01", tools::Severity::kNote)) << All(findings);
  // The only warning: the scaffold leaves the list of sources for its author to fill in.
  EXPECT_TRUE(Has(findings, "/guides/0/id", "names no \"sources\"")) << All(findings);
  EXPECT_EQ(std::count_if(findings.begin(), findings.end(),
                          [](auto& f) { return f.severity == tools::Severity::kWarning; }),
            1)
      << All(findings);
}

// A new guide has not been checked by anyone: it must not say it was ("Checked on <today>").
TEST(Scaffold, NewGuideCarriesNoReviewDate) {
  nlohmann::json guide = nlohmann::json::parse(tools::Scaffold(tools::ScaffoldKind::kGuide, "fresh", "2026-12-07"))["guides"][0];
  EXPECT_FALSE(guide.contains("reviewedAt")) << guide.dump(2);
  EXPECT_FALSE(guide.contains("reviewedBy")) << guide.dump(2);
  EXPECT_EQ(guide["expiresAt"], "2027-12-07");
  EXPECT_EQ(guide["region"], "national");
  EXPECT_TRUE(guide["sources"].is_array() && guide["sources"].empty());
  fs::path p = TempFile("fresh.pack.json", tools::Scaffold(tools::ScaffoldKind::kGuide, "fresh", "2026-12-07"));
  tools::FileReport r = tools::ValidateFile(p.string());
  fs::remove(p);
  ASSERT_TRUE(r.valid());
  EXPECT_TRUE(r.pack->guides[0].reviewed_at.empty());
  EXPECT_TRUE(r.pack->guides[0].reviewed_by.empty());
}

namespace {

// A pack with one practice step on a screen with a green "接听"/"Answer" button and a camera
// icon, whose hint and instruction are given.
std::string PracticePack(const std::string& hint_zh, const std::string& hint_en,
                         const std::string& body_zh = "好", const std::string& body_en = "Fine") {
  return R"({"schemaVersion": "1.0", "id": "hints", "title": {"zh-Hans": "提示", "en": "Hints"},
  "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson"}, "steps": [
    {"id": "t", "type": "text", "title": {"zh-Hans": "课", "en": "Lesson"}, "body": {"zh-Hans": ")" + body_zh +
         R"(", "en": ")" + body_en + R"("}},
    {"id": "p", "type": "practice", "instruction": {"zh-Hans": "接电话。", "en": "Take the call."},
     "screen": {"elements": [
       {"kind": "button", "rect": [55, 78, 35, 10], "color": "#188038", "text": {"zh-Hans": "接听", "en": "Answer"}},
       {"kind": "icon", "rect": [40, 40, 20, 10], "icon": "camera"}]},
     "hint": {"zh-Hans": ")" + hint_zh + R"(", "en": ")" + hint_en + R"("},
     "hotspots": [{"id": "a", "rect": [55, 78, 35, 10], "correct": true,
       "label": {"zh-Hans": "接听", "en": "Answer"}, "feedback": {"zh-Hans": "对", "en": "Yes"}}]}]}]})";
}

}  // namespace

// "The green button on the right" helps nobody who listens, or cannot tell green from red.
TEST(Lint, HintThatNamesOnlyAColourOrPlaceIsFlagged) {
  auto only_colour = LintText("h1.pack.json", PracticePack("点右下方的绿色按钮。", "Tap the green button at the bottom right."),
                              nullptr);
  EXPECT_TRUE(Has(only_colour, "/lessons/0/steps/1/hint/zh-Hans", "names only a colour or place (\"绿色\")"))
      << All(only_colour);
  EXPECT_TRUE(Has(only_colour, "/lessons/0/steps/1/hint/en", "names only a colour or place (\"green\")"))
      << All(only_colour);
  // Naming the label (or the icon's picture) is what counts; a place may come with it.
  for (auto [zh, en] : {std::pair{"点写着“接听”的按钮，在右下方。", "Tap the button that says Answer, at the bottom right."},
                        std::pair{"点有相机图案的按钮，在中间。", "Tap the button with the camera picture, in the middle."}}) {
    auto named = LintText("h2.pack.json", PracticePack(zh, en), nullptr);
    EXPECT_FALSE(Has(named, "/lessons/0/steps/1/hint/zh-Hans", "names only")) << zh << "\n" << All(named);
    EXPECT_FALSE(Has(named, "/lessons/0/steps/1/hint/en", "names only")) << en << "\n" << All(named);
  }
  // Words that merely contain a colour or place word are not one ("Redial", "Bottomless").
  auto inside = LintText("h3.pack.json", PracticePack("再试一次。", "Redial, or try a leftover moment."), nullptr);
  EXPECT_FALSE(Has(inside, "/lessons/0/steps/1/hint/en", "names only")) << All(inside);
}

// A gesture step's hint is held to the same rule: "the message at the top" says nothing to a
// listener; "the message that says 吃饭了吗" does.
TEST(Lint, GestureHintThatNamesOnlyAPlaceIsFlagged) {
  auto pack = [](const std::string& zh, const std::string& en) {
    return R"({"schemaVersion": "1.0", "id": "hold", "title": {"zh-Hans": "按住", "en": "Hold"},
  "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson"}, "steps": [
    {"id": "g", "type": "gesture", "instruction": {"zh-Hans": "按住消息。", "en": "Press and hold the message."},
     "screen": {"elements": [{"kind": "text", "rect": [5, 10, 70, 8], "text": {"zh-Hans": "吃饭了吗", "en": "Eaten yet"}}]},
     "gesture": "longPress", "target": {"rect": [5, 10, 70, 8], "label": {"zh-Hans": "消息", "en": "Message"}},
     "hint": {"zh-Hans": ")" + zh + R"(", "en": ")" + en + R"("},
     "rightFeedback": {"zh-Hans": "出来了菜单。", "en": "A menu appears."},
     "tapFeedback": {"zh-Hans": "要按住不放。", "en": "Keep holding."},
     "wrongFeedback": {"zh-Hans": "手指别动。", "en": "Keep still."}}]}]})";
  };
  auto place = LintText("g1.pack.json", pack("按住最上面的那条。", "Hold the one at the top."), nullptr);
  EXPECT_TRUE(Has(place, "/lessons/0/steps/0/hint/zh-Hans", "names only a colour or place (\"上面\")")) << All(place);
  EXPECT_TRUE(Has(place, "/lessons/0/steps/0/hint/en", "names only a colour or place (\"top\")")) << All(place);
  auto named = LintText("g2.pack.json", pack("按住写着“吃饭了吗”的消息，在最上面。", "Hold the message that says Eaten yet, at the top."),
                        nullptr);
  EXPECT_FALSE(Has(named, "/lessons/0/steps/0/hint/zh-Hans", "names only")) << All(named);
  EXPECT_FALSE(Has(named, "/lessons/0/steps/0/hint/en", "names only")) << All(named);
}

// "星期一 11月23日" on a simulated phone, or "2027年11月前" in a lesson, goes stale unseen.
TEST(Lint, DateInALessonIsFlagged) {
  const std::pair<const char*, const char*> dated[] = {
      {"星期一 11月23日", "Monday 23 November"}, {"下次认证：2027年11月前", "Next check: before November 2027"},
      {"时间：11月25号 下午", "Time: Nov 25, afternoon"},  {"日期 2026-11-23", "Date 2026/11/23"}};
  for (auto [zh, en] : dated) {
    auto f = LintText("d1.pack.json", PracticePack("点写着“接听”的按钮。", "Tap Answer.", zh, en), nullptr);
    EXPECT_TRUE(Has(f, "/lessons/0/steps/0/body/zh-Hans", "in a lesson goes stale")) << zh << "\n" << All(f);
    EXPECT_TRUE(Has(f, "/lessons/0/steps/0/body/en", "in a lesson goes stale")) << en << "\n" << All(f);
  }
  // Relative days, hotlines, prices and clock times are no dates.
  auto f = LintText("d2.pack.json",
                    PracticePack("点写着“接听”的按钮。", "Tap Answer.", "今天 上午9:12，明天下午，打12345，12.5元，24小时内",
                                 "Today 9:12 am, tomorrow afternoon, call 12345, 125.00 yuan, within 24 hours"),
                    nullptr);
  EXPECT_FALSE(Has(f, "/lessons/0/steps/0/body/zh-Hans", "stale")) << All(f);
  EXPECT_FALSE(Has(f, "/lessons/0/steps/0/body/en", "stale")) << All(f);
}

// needsReview is for translations; a source text that is wrong is corrected, not hidden.
TEST(Lint, SourceLanguageInNeedsReviewIsFlagged) {
  auto f = LintText("nr.pack.json", R"({"schemaVersion": "1.0", "id": "nr", "title": {"zh-Hans": "包", "en": "Pack"},
  "translations": {"zh-Hans": {"status": "source"}, "en": {"status": "source"}, "ug": {"status": "draft"}},
  "lessons": [{"id": "l", "title": {"zh-Hans": "课", "en": "Lesson", "ug": "دەرس", "needsReview": ["en", "ug"]}, "steps": [
    {"id": "t", "type": "text", "title": {"zh-Hans": "课", "en": "Lesson"}, "body": {"zh-Hans": "好", "en": "Fine"}}]}]})",
                    nullptr);
  EXPECT_TRUE(Has(f, "/lessons/0/title/needsReview", "\"en\" is a source language")) << All(f);
  EXPECT_FALSE(Has(f, "/lessons/0/title/needsReview", "\"ug\"")) << All(f);
}

// A guide a bureau can check says where it applies and what it rests on.
TEST(Lint, GuideWithoutRegionOrSourcesIsFlagged) {
  const std::string guide = R"({"schemaVersion": "1.0", "id": "g", "title": {"en": "G"}, "guides": [{
    "id": "bare", "title": {"en": "T"}, "expiresAt": "2099-01-01",
    "whoCanApply": {"en": "All"}, "whatToBring": [{"id": "id-card", "text": {"en": "ID"}}],
    "steps": [{"text": {"en": "Go"}}], "whereAndWhen": {"en": "Here"}, "fees": {"en": "Free"},
    "otherWays": [{"channel": "in-person", "text": {"en": "Desk"}}]}]})";
  auto bare = LintText("g1.pack.json", guide, nullptr);
  EXPECT_TRUE(Has(bare, "/guides/0/id", "has no \"region\"")) << All(bare);
  EXPECT_TRUE(Has(bare, "/guides/0/id", "names no \"sources\"")) << All(bare);
  std::string trusted = guide;
  trusted.replace(trusted.find("\"expiresAt\""), 0,
                  R"("region": "CN-GD", "sources": [{"title": "居住证暂行条例", "number": "国务院令第663号"}], )");
  auto ok = LintText("g2.pack.json", trusted, nullptr);
  EXPECT_FALSE(Has(ok, "/guides/0/id", "region")) << All(ok);
  EXPECT_FALSE(Has(ok, "/guides/0/id", "sources")) << All(ok);
}

// [SECTION] bundle

TEST(Bundle, HoldsEveryPackWithCollationOrderAndSearchKeys) {
  std::vector<tools::FileReport> reports;
  for (const std::string& file : BundledPacks()) reports.push_back(tools::ValidateFile(file));
  size_t items = 0;
  for (const auto& r : reports) items += r.pack->lessons.size() + r.pack->guides.size();
  nlohmann::json b = tools::Bundle(reports, {{"zh-Hans", {"zh-Hans", "en"}}, {"ug", {"ug", "zh-Hans", "en"}}});
  ASSERT_EQ(b["packs"].size(), reports.size());
  // Each pack in the bundle is the pack itself: it loads as cleanly as the file did.
  for (size_t i = 0; i < reports.size(); ++i) {
    content::PackResult again = content::LoadPack(b["packs"][i].dump(), "bundle#/packs/" + std::to_string(i));
    EXPECT_TRUE(again.loaded && again.errors.empty()) << i;
  }
  for (const char* tag : {"zh-Hans", "ug"}) {
    const nlohmann::json& entries = b["index"][tag];
    ASSERT_EQ(entries.size(), items) << tag;
    std::vector<std::string> titles;
    for (const auto& e : entries) titles.push_back(e["title"]);
    std::vector<size_t> order = i18n::CollatedOrder(titles, tag);
    for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i) << tag << ": " << titles[i];
  }
  // The search keys carry pinyin and the other scripts' readings, so a browser can find 社保卡
  // by "sbk" and ئۇچۇر by "uchur" without ICU's transliteration data.
  std::unique_ptr<i18n::Searcher> searcher = i18n::Searcher::Create(i18n::PinyinReadingsFile());
  auto found_by = [&](const char* tag, const std::string& route, const char* query) {
    for (const auto& e : b["index"][tag]) {
      if (e["route"] != route) continue;
      for (const auto& key : e["search"]) {
        std::optional<i18n::SearchKey> k = i18n::SearchKey::Decode(key.get<std::string>());
        EXPECT_TRUE(k.has_value()) << key;
        if (k && i18n::Matches(*k, searcher->Fold(query))) return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(found_by("zh-Hans", "lesson/social-security-card-online", "sbk"));
  EXPECT_TRUE(found_by("ug", "lesson/rehearse-fake-sms", "uchur"));
  EXPECT_TRUE(found_by("ug", "lesson/rehearse-fake-sms", "saxta"));
  EXPECT_FALSE(found_by("ug", "lesson/qr-code", "saxta"));
}

// [SECTION] search (issue 14): what a trainer types to check that learners find a lesson in the
// script they know. Real words of the bundled packs; for the languages without pack texts yet,
// tests/tools/search/scripts.pack.json (words of their UI catalogs).

namespace {

std::vector<std::string> SearchRoutes(const std::vector<std::string>& packs, const std::string& locale,
                                      const std::string& query) {
  std::vector<tools::FileReport> reports;
  std::vector<content::LoadError> errors;
  for (const std::string& file : tools::ExpandPaths(packs, &errors)) reports.push_back(tools::ValidateFile(file));
  EXPECT_TRUE(errors.empty());
  std::vector<std::string> problems;
  const std::vector<std::string> chain = {locale, "zh-Hans", "en"};
  std::vector<std::string> routes;
  for (const tools::SearchHit& h : tools::Search(reports, locale, chain, query, &problems)) routes.push_back(h.route);
  for (const std::string& p : problems) ADD_FAILURE() << p;
  return routes;
}

bool Has(const std::vector<std::string>& routes, const std::string& route) {
  return std::find(routes.begin(), routes.end(), route) != routes.end();
}

const std::string kLessons = std::string(QIAO_SOURCE_DIR) + "/lessons";
const std::string kScripts = std::string(QIAO_SOURCE_DIR) + "/tests/tools/search";

}  // namespace

TEST(Search, BundledPacksInTheScriptALearnerKnows) {
  struct Case {
    const char* locale;
    const char* query;
    const char* route;  // found
    const char* not_route;  // not found by the same query
  };
  const Case cases[] = {
      {"ug", "saxta", "lesson/rehearse-fake-sms", "lesson/qr-code"},
      {"ug", "uchur", "lesson/fraud-sms", "guide/residence-permit"},
      {"ug", "pensiye", "guide/pension-certification", "lesson/fraud-sms"},
      {"ug", "pénsiye", "lesson/pension-face-check", "lesson/fraud-sms"},
      {"ug", "salahiyet", "guide/pension-certification", "lesson/fraud-sms"},
      {"bo", "rgan phogs", "guide/pension-certification", "lesson/fraud-sms"},
      {"bo", "sman khang", "guide/hospital-registration", "lesson/qr-code"},
      {"mn", "zalilan", "lesson/fraud-sms", "lesson/qr-code"},
      {"mn", "tetgevriin", "guide/pension-certification", "lesson/fraud-sms"},
      {"zh-Hans", "zhapian", "lesson/fraud-sms", "lesson/qr-code"},
      {"zh-Hans", "zhàpiàn", "guide/report-fraud", "lesson/qr-code"},
      {"zh-Hans", "zp", "lesson/fraud-call", "lesson/qr-code"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> routes = SearchRoutes({kLessons}, c.locale, c.query);
    EXPECT_TRUE(Has(routes, c.route)) << c.locale << " \"" << c.query << "\" misses " << c.route;
    EXPECT_FALSE(Has(routes, c.not_route)) << c.locale << " \"" << c.query << "\" finds " << c.not_route;
  }
  for (const char* locale : {"ug", "bo", "mn", "zh-Hans"})
    EXPECT_TRUE(SearchRoutes({kLessons}, locale, "qqqxxxzzz").empty()) << locale;
}

TEST(Search, LanguagesWithoutPackTextsYet) {
  struct Case {
    const char* locale;
    const char* query;
    const char* route;
  };
  const Case found[] = {
      {"kk-Arab", "алаяқ", "lesson/kazakh-fraud-sms"},
      {"kk-Arab", "alayaq", "lesson/kazakh-fraud-sms"},
      {"kk-Arab", "хабарламаны", "lesson/kazakh-fraud-sms"},
      {"za", "soujgih", "lesson/zhuang-phone"},
      {"za", "sougi", "lesson/zhuang-phone"},       // without tone letters
      {"za", "VAHCUENG", "lesson/zhuang-phone"},    // in the summary, any case
      {"ii", "nuosu", "lesson/yi-lessons"},
      {"mn-Mong", "тоон чадвар", "lesson/mongolian-skills"},  // by its Cyrillic (mn) translation
      {"mn-Mong", "toon", "lesson/mongolian-skills"},
      {"mn-Mong", "surhu", "lesson/mongolian-skills"},        // traditional letters, in Latin
  };
  for (const Case& c : found)
    EXPECT_TRUE(Has(SearchRoutes({kScripts}, c.locale, c.query), c.route)) << c.locale << " \"" << c.query << "\"";
  const Case not_found[] = {
      {"kk-Arab", "сабақ", "lesson/kazakh-fraud-sms"},
      {"za", "vacuang", "lesson/zhuang-phone"},
      {"ii", "nuosa", "lesson/yi-lessons"},
      {"mn-Mong", "залилан", "lesson/mongolian-skills"},
      {"kk-Arab", "sougi", "lesson/zhuang-phone"},  // Zhuang's readings only in za
  };
  for (const Case& c : not_found)
    EXPECT_FALSE(Has(SearchRoutes({kScripts}, c.locale, c.query), c.route)) << c.locale << " \"" << c.query << "\"";
}

TEST(Search, CommandPrintsRoutesAndTitles) {
  const std::string bin = QIAO_PACK_BINARY;
  auto run = [&](const std::string& args, std::string* out) {
    FILE* p = ::popen((bin + " search " + args + " 2>/dev/null").c_str(), "r");
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out->append(buf, n);
    return WEXITSTATUS(::pclose(p));
  };
  std::string out;
  EXPECT_EQ(run("--locale ug uchur", &out), 0);
  EXPECT_NE(out.find("lesson/fraud-sms\tئالدامچىلىق ئۇچۇرىنى تونۇش\n"), std::string::npos) << out;
  out.clear();
  EXPECT_EQ(run("--locale za sougi " + kScripts, &out), 0);
  EXPECT_EQ(out, "lesson/zhuang-phone\tHag yungh soujgih caeuq muengx\n");
  out.clear();
  EXPECT_EQ(run("--locale ug qqqxxxzzz", &out), 1);  // nothing found
  EXPECT_EQ(out, "");
  EXPECT_EQ(run("--locale xx uchur", &out), 2);  // no such locale
  EXPECT_EQ(run("uchur", &out), 2);              // no --locale
}

// Kazakh and Zhuang titles are being drafted in parallel (issue 14): skipped, and said so,
// until the bundled fraud-sms lesson has them.
TEST(Search, BundledKazakhAndZhuangTitles) {
  std::vector<content::LoadError> errors;
  bool has_kk = false, has_za = false;
  for (const std::string& f : tools::ExpandPaths({kLessons}, &errors)) {
    tools::FileReport r = tools::ValidateFile(f);
    if (!r.pack) continue;
    for (const content::Lesson& l : r.pack->lessons)
      if (l.id == "fraud-sms") {
        has_kk = l.title.by_locale.count("kk-Arab");
        has_za = l.title.by_locale.count("za");
      }
  }
  if (!has_kk || !has_za) GTEST_SKIP() << "the bundled fraud-sms lesson has no kk-Arab or za title yet";
  for (const char* q : {"алаяқ", "alayaq"}) {
    std::vector<std::string> routes = SearchRoutes({kLessons}, "kk-Arab", q);
    EXPECT_TRUE(Has(routes, "lesson/fraud-sms")) << q;
    EXPECT_FALSE(Has(routes, "lesson/qr-code")) << q;
  }
  for (const char* q : {"saenqdinj yaeuh", "saendin yaeu", "SAENQDINJ"}) {  // tone letters optional
    std::vector<std::string> routes = SearchRoutes({kLessons}, "za", q);
    EXPECT_TRUE(Has(routes, "lesson/fraud-sms")) << q;
    EXPECT_FALSE(Has(routes, "lesson/qr-code")) << q;
  }
}
