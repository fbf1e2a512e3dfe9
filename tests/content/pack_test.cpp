// Loading packs: good, broken, partly broken. The good parts load; every error names the file,
// the line:column and the JSON pointer of the place to fix.
#include "content/pack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
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

// Every text a learner can meet in a lesson or guide, with where it is (for the failure message).
std::vector<std::pair<std::string, const LocalizedText*>> LearnerTexts(const Lesson& l) {
  std::vector<std::pair<std::string, const LocalizedText*>> out = {{l.id + " title", &l.title},
                                                                   {l.id + " summary", &l.summary}};
  for (const Step& s : l.steps) {
    const std::string at = l.id + "/" + s.id + " ";
    using Field = std::pair<const char*, const LocalizedText*>;
    for (auto [name, text] : {Field{"title", &s.title}, Field{"body", &s.body}, Field{"alt", &s.alt},
                              Field{"caption", &s.caption}, Field{"instruction", &s.instruction},
                              Field{"hint", &s.hint}, Field{"missFeedback", &s.miss_feedback},
                              Field{"question", &s.question}})
      if (!text->empty()) out.push_back({at + name, text});
    for (const ScreenElement& e : s.screen.elements)
      if (!e.text.empty()) out.push_back({at + "screen text", &e.text});
    for (const Hotspot& h : s.hotspots) {
      out.push_back({at + h.id + " label", &h.label});
      out.push_back({at + h.id + " feedback", &h.feedback});
    }
    for (const Choice& c : s.choices) {
      out.push_back({at + c.id + " text", &c.text});
      out.push_back({at + c.id + " feedback", &c.feedback});
    }
    // Rehearsals (issue 13).
    for (auto [name, text] : {Field{"caller", &s.caller}, Field{"rightFeedback", &s.right_feedback},
                              Field{"wrongFeedback", &s.wrong_feedback}})
      if (!text->empty()) out.push_back({at + name, text});
    for (const Turn& t : s.turns) {
      out.push_back({at + t.id + " say", &t.say});
      for (const Reply& r : t.replies) out.push_back({at + t.id + "/" + r.id + " text", &r.text});
    }
    for (const Ending& e : s.endings) {
      out.push_back({at + e.id + " title", &e.title});
      out.push_back({at + e.id + " text", &e.text});
    }
  }
  return out;
}

std::vector<std::pair<std::string, const LocalizedText*>> LearnerTexts(const Guide& g) {
  std::vector<std::pair<std::string, const LocalizedText*>> out = {
      {g.id + " title", &g.title},       {g.id + " summary", &g.summary},
      {g.id + " whoCanApply", &g.who_can_apply}, {g.id + " whereAndWhen", &g.where_and_when},
      {g.id + " fees", &g.fees},         {g.id + " help", &g.help}};
  for (const ChecklistItem& i : g.what_to_bring) out.push_back({g.id + " " + i.id, &i.text});
  for (const LocalizedText& s : g.steps) out.push_back({g.id + " step", &s});
  for (const OtherWay& w : g.other_ways) out.push_back({g.id + " " + w.channel, &w.text});
  return out;
}

}  // namespace

// The kiosk loads every *.pack.json of lessons/: each must load without a single problem.
TEST(Pack, EveryBundledPackLoadsCleanly) {
  namespace fs = std::filesystem;
  int packs = 0;
  for (const auto& entry : fs::directory_iterator(std::string(QIAO_SOURCE_DIR) + "/lessons")) {
    const std::string path = entry.path().string();
    if (!path.ends_with(".pack.json")) continue;
    ++packs;
    std::string bytes, error;
    ASSERT_TRUE(ReadFile(path, &bytes, &error)) << path << ": " << error;
    PackResult r = LoadPack(bytes, path);
    for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
    EXPECT_TRUE(r.loaded) << path;
    EXPECT_FALSE(r.pack.lessons.empty() && r.pack.guides.empty()) << path << " is empty";
    for (const auto& [tag, status] : r.pack.translation_status)
      EXPECT_NE(status, "reviewed") << path << ": " << tag << " was never reviewed by a native speaker";
  }
  EXPECT_GE(packs, 1);
}

// Together the bundled packs are one library: ids unique across packs, every lesson and guide
// complete in both source languages, every step readable.
TEST(Pack, BundledLibraryIsCompleteInBothSourceLanguages) {
  Library lib = LoadLibrary(std::string(QIAO_SOURCE_DIR) + "/lessons");
  for (const auto& e : lib.errors) ADD_FAILURE() << e.ToString();
  EXPECT_GE(lib.Lessons().size(), 10u);
  EXPECT_GE(lib.Guides().size(), 10u);
  for (const char* id : {"qr-code", "fraud-sms"}) EXPECT_NE(lib.FindLesson(id), nullptr) << id;
  EXPECT_NE(lib.FindGuide("pension-certification"), nullptr);
  auto expect_both = [](const std::string& where, const LocalizedText& text) {
    EXPECT_TRUE(text.by_locale.count("zh-Hans") && !text.by_locale.at("zh-Hans").empty()) << where << ": no zh-Hans";
    EXPECT_TRUE(text.by_locale.count("en") && !text.by_locale.at("en").empty()) << where << ": no en";
  };
  for (const Lesson* l : lib.Lessons()) {
    EXPECT_GE(l->steps.size(), 3u) << l->id;
    EXPECT_TRUE(std::any_of(l->steps.begin(), l->steps.end(),
                            [](const Step& s) { return s.type == StepType::kQuiz; }))
        << l->id << " has no quiz";
    for (const auto& [where, text] : LearnerTexts(*l)) expect_both(where, *text);
  }
  for (const Guide* g : lib.Guides())
    for (const auto& [where, text] : LearnerTexts(*g)) expect_both(where, *text);
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
    "id": "only-online", "title": {"en": "T"}, "expiresAt": "2027-01-01",
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

// Ids, locale tags, colours, dates and the schema version are checked by hand-written character
// classes (they were regular expressions): the same verdicts at every edge.
TEST(Pack, IdsTagsColoursDatesAndVersionsAreCheckedExactly) {
  auto lesson_with_id = [](const std::string& id) {
    return R"({"id": ")" + id + R"(", "title": {"en": "T"},
      "steps": [{"id": "s", "type": "text", "title": {"en": "A"}, "body": {"en": "B"}}]})";
  };
  for (const char* good : {"a", "qr-code", "step-2", "2", "a-b-c9"})
    EXPECT_EQ(LoadPack(PackText(lesson_with_id(good)), "id.pack.json").pack.lessons.size(), 1u) << good;
  for (const char* bad : {"", "-a", "a-", "a--b", "Qr", "qr code", "qr_code", "ß", "a\\u0000"}) {
    PackResult r = LoadPack(PackText(lesson_with_id(bad)), "id.pack.json");
    EXPECT_TRUE(r.pack.lessons.empty()) << bad;
    ASSERT_FALSE(r.errors.empty()) << bad;
    EXPECT_EQ(r.errors[0].pointer, "/lessons/0/id") << bad;
  }

  auto text_in = [](const std::string& tag) {
    return R"({"id": "l", "title": {")" + tag + R"(": "T"},
      "steps": [{"id": "s", "type": "text", "title": {"en": "A"}, "body": {"en": "B"}}]})";
  };
  for (const char* good : {"en", "zh-Hans", "mn-Mong", "zh-Hans-CN", "en-GB", "es-419", "yue"})
    EXPECT_TRUE(LoadPack(PackText(text_in(good)), "tag.pack.json").errors.empty()) << good;
  for (const char* bad : {"e", "engl", "EN", "zh-hans", "zh-HANS", "zh-Hans-", "zh-", "-en", "en-G",
                          "en-gb", "es-41", "es-4190", "zh-CN-Hans", "zh-Hans-CN-x", "en--GB"}) {
    PackResult r = LoadPack(PackText(text_in(bad)), "tag.pack.json");
    ASSERT_EQ(r.errors.size(), 1u) << bad;
    EXPECT_EQ(r.errors[0].pointer, std::string("/lessons/0/title/") + bad) << bad;
  }

  auto screen_color = [](const std::string& color) {
    return R"({"id": "l", "title": {"en": "T"}, "steps": [{"id": "s", "type": "image", "alt": {"en": "A"},
      "screen": {"background": ")" + color + R"(", "elements": [{"kind": "box", "rect": [0, 0, 10, 10]}]}}]})";
  };
  for (const char* good : {"#000000", "#FFffAa", "#1a2B3c"})
    EXPECT_TRUE(LoadPack(PackText(screen_color(good)), "c.pack.json").errors.empty()) << good;
  for (const char* bad : {"000000", "#00000", "#0000000", "#00000g", "#-12345", "# 12345"}) {
    PackResult r = LoadPack(PackText(screen_color(bad)), "c.pack.json");
    ASSERT_EQ(r.errors.size(), 1u) << bad;
    EXPECT_EQ(r.errors[0].pointer, "/lessons/0/steps/0/screen/background") << bad;
  }

  auto guide_reviewed = [](const std::string& date) {
    return R"({"schemaVersion": "1.0", "id": "g", "title": {"en": "G"}, "guides": [{
      "id": "d", "title": {"en": "T"}, "reviewedBy": "R", "reviewedAt": ")" + date + R"(", "expiresAt": "2027-01-01",
      "whoCanApply": {"en": "All"}, "whatToBring": [{"id": "id-card", "text": {"en": "ID"}}],
      "steps": [{"text": {"en": "Go"}}], "whereAndWhen": {"en": "Here"}, "fees": {"en": "Free"},
      "otherWays": [{"channel": "in-person", "text": {"en": "Desk"}}]}]})";
  };
  for (const char* good : {"2026-01-01", "2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01"})
    EXPECT_TRUE(LoadPack(guide_reviewed(good), "d.pack.json").errors.empty()) << good;
  for (const char* bad : {"2026-1-01", "2026-13-01", "2026-00-10", "2026-04-31", "2023-02-29", "1900-02-29",
                          "2026-01-00", "2026/01/01", "26-01-01", "2026-01-011", "２０２６-01-01", "+026-01-01"}) {
    PackResult r = LoadPack(guide_reviewed(bad), "d.pack.json");
    ASSERT_EQ(r.errors.size(), 1u) << bad;
    EXPECT_EQ(r.errors[0].pointer, "/guides/0/reviewedAt") << bad;
  }

  for (const char* good : {"1.0", "1.12", "0.1", "000000001.999999999"})
    EXPECT_TRUE(LoadPack(PackText(kGoodLesson, good), "v.pack.json").loaded) << good;
  for (const char* bad : {"1", "1.", ".1", "1.0.0", "v1.0", "1.a", "1234567890.0", "1.0 ", "١.٠"}) {
    PackResult r = LoadPack(PackText(kGoodLesson, bad), "v.pack.json");
    EXPECT_FALSE(r.loaded) << bad;
    ASSERT_EQ(r.errors.size(), 1u) << bad;
    EXPECT_EQ(r.errors[0].pointer, "/schemaVersion") << bad;
    EXPECT_EQ(r.errors[0].line, 2) << bad;
  }
}

// Positions are looked up only when an error is reported; with many errors in one pack every
// one still names its own line.
TEST(Pack, ManyErrorsEachNameTheirOwnLine) {
  std::string lessons;
  for (int i = 0; i < 50; ++i) {
    if (i) lessons += ",\n    ";
    lessons += R"({"id": "l)" + std::to_string(i) + R"(", "titel": {"en": "T"},
      "steps": [{"id": "s", "type": "text", "title": {"en": "A"}, "body": {"en": "B"}}]})";
  }
  const std::string text = PackText(lessons);
  PackResult r = LoadPack(text, "many.pack.json");
  ASSERT_TRUE(r.loaded);
  std::vector<const LoadError*> typos;
  for (const LoadError& e : r.errors)
    if (e.message.find("unknown field \"titel\" (did you mean \"title\"?)") != std::string::npos) typos.push_back(&e);
  ASSERT_EQ(typos.size(), 50u);
  for (int i = 0; i < 50; ++i) {
    const std::string where = "\"l" + std::to_string(i) + "\", \"titel\"";
    EXPECT_EQ(typos[i]->pointer, "/lessons/" + std::to_string(i) + "/titel");
    EXPECT_EQ(typos[i]->line, LineOf(text, where)) << i;
    const size_t key = text.find("\"titel\"", text.find(where));  // members point at their key
    EXPECT_EQ(typos[i]->column, static_cast<int>(key - text.rfind('\n', key))) << i;
  }
}

// As in JSON generally read by the kiosk (nlohmann/json): a key written twice keeps its last
// value, and the error for it points at the last one.
TEST(Pack, RepeatedKeyKeepsTheLastValue) {
  auto lesson = [](const std::string& fields) {
    return R"({"id": "l", )" + fields + R"(
      "steps": [{"id": "s", "type": "text", "title": {"en": "A"}, "body": {"en": "B"}}]})";
  };
  PackResult good = LoadPack(PackText(lesson(R"("title": 42, "title": {"en": "T"},)")), "dup.pack.json");
  EXPECT_TRUE(good.errors.empty());
  ASSERT_EQ(good.pack.lessons.size(), 1u);
  EXPECT_EQ(good.pack.lessons[0].title.by_locale.at("en"), "T");

  const std::string text = PackText(lesson(R"("title": {"en": "T"}, "title": 42,)"));
  PackResult bad = LoadPack(text, "dup.pack.json");
  EXPECT_TRUE(bad.pack.lessons.empty());
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].pointer, "/lessons/0/title");
  EXPECT_EQ(bad.errors[0].column, static_cast<int>(text.find("\"title\": 42") - text.rfind('\n', text.find("\"title\": 42"))));
}

// A lesson's problems come in a fixed order, whatever the order of the file: the loader's checks
// first (the languages of a text in key order), then unknown fields in key order.
TEST(Pack, ErrorsComeInKeyOrderNotFileOrder) {
  const std::string text = PackText(R"({"id": "l", "title": {"zh-hans": "T", "EN": "U", "en": ""},
      "zeta": 1, "summry": {"en": "S"}, "alpha": 2,
      "steps": [{"id": "s", "type": "text", "title": {"en": "A"}, "body": {"en": "B"}}]})");
  PackResult r = LoadPack(text, "order.pack.json");
  std::vector<std::string> got;
  for (const LoadError& e : r.errors) got.push_back(e.pointer + ": " + e.message);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "/lessons/0/title/EN: \"EN\" is not a locale tag like zh-Hans, en, ug, mn-Mong",
                     "/lessons/0/title/en: empty text: leave the language out until it is written",
                     "/lessons/0/title/zh-hans: \"zh-hans\" is not a locale tag like zh-Hans, en, ug, mn-Mong",
                     "/lessons/0/alpha: unknown field \"alpha\"",
                     "/lessons/0/summry: unknown field \"summry\" (did you mean \"summary\"?)",
                     "/lessons/0/zeta: unknown field \"zeta\""}));
}

// A typo inside a language's translation status is named like any other (a reviewer's name
// silently dropped would make a "reviewed" claim unverifiable).
TEST(Pack, TypoInTranslationStatusIsNamed) {
  std::string text = PackText(kGoodLesson);
  text.insert(text.find("  \"lessons\""),
              "  \"translations\": {\"en\": {\"status\": \"source\"}, \"bo\": {\"status\": \"draft\", \"reviwedBy\": \"Tashi\"}},\n");
  PackResult r = LoadPack(text, "status.pack.json");
  EXPECT_TRUE(r.loaded);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pointer, "/translations/bo/reviwedBy");
  EXPECT_EQ(r.errors[0].message, "unknown field \"reviwedBy\" (did you mean \"reviewedBy\"?)");
  EXPECT_EQ(r.errors[0].line, LineOf(text, "reviwedBy"));
  EXPECT_EQ(r.pack.translation_status.at("bo"), "draft");
}

// Nesting deeper than 256 levels is refused as invalid JSON, at the bracket that goes too deep.
TEST(Pack, TooDeepNestingIsInvalidJsonAtItsBracket) {
  const std::string text = PackText(R"({"id": "l", "title": {"en": "T"},
      "summary": {"en": )" + std::string(300, '[') + std::string(300, ']') + R"(},
      "steps": [{"id": "s", "type": "text", "title": {"en": "A"}, "body": {"en": "B"}}]})");
  PackResult r = LoadPack(text, "deep.pack.json");
  EXPECT_FALSE(r.loaded);
  ASSERT_EQ(r.errors.size(), 1u);
  const LoadError& e = r.errors[0];
  EXPECT_EQ(e.message, "invalid JSON: nesting deeper than 256 levels");
  // Four levels are open (the pack, its lessons, the lesson, the summary): the 253rd '[' is one too many.
  const size_t bracket = text.find('[', text.find("\"summary\"")) + 252;
  EXPECT_EQ(e.line, LineOf(text, "\"summary\""));
  EXPECT_EQ(e.column, static_cast<int>(bracket - text.rfind('\n', bracket)));
  std::string pointer = "/lessons/0/summary/en";
  for (int i = 0; i < 252; ++i) pointer += "/0";
  EXPECT_EQ(e.pointer, pointer);
}

// [SECTION] issue 13: one correct answer, translations to review, guides a bureau can trust

// A trainer marks two choices correct by mistake: which one the kiosk counts would be an
// accident, so the loader refuses the quiz and points at the second.
TEST(Pack, QuizWithTwoCorrectChoicesIsRefusedAtTheSecond) {
  std::string lesson = kGoodLesson;
  lesson.replace(lesson.find(R"("id": "no", "text": {"en": "No"},)"), std::string(R"("id": "no", "text": {"en": "No"},)").size(),
                 R"("id": "no", "text": {"en": "No"}, "correct": true,)");
  const std::string text = PackText(lesson);
  PackResult r = LoadPack(text, "two.pack.json");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pointer, "/lessons/0/steps/1/choices/1/correct");
  EXPECT_EQ(r.errors[0].line, LineOf(text, R"("id": "no")"));  // the second correct choice
  EXPECT_GT(r.errors[0].column, 0);
  EXPECT_NE(r.errors[0].message.find("\"no\" is marked correct, and so is \"yes\""), std::string::npos)
      << r.errors[0].message;
  EXPECT_TRUE(r.pack.lessons.empty()) << "the broken lesson is skipped";
}

// When a source text changes, its translations are kept for the translator but not shown: they
// may say what the corrected text no longer says.
TEST(Pack, TranslationsThatNeedReviewAreKeptButNotShown) {
  const std::string text = PackText(R"({
      "id": "first", "title": {"zh-Hans": "举报短信", "en": "Report it", "ug": "ئۆچۈرۈڭ", "needsReview": ["ug"]},
      "steps": [{"id": "hello", "type": "text", "title": {"en": "Hello"}, "body": {"en": "Hi."}}]})");
  PackResult r = LoadPack(text, "review.pack.json");
  ASSERT_TRUE(r.errors.empty());
  const LocalizedText& title = r.pack.lessons[0].title;
  EXPECT_EQ(title.by_locale.at("ug"), "ئۆچۈرۈڭ");
  EXPECT_EQ(title.needs_review, std::set<std::string>{"ug"});
  std::vector<std::string> ug_chain = {"ug", "zh-Hans", "en"};
  EXPECT_EQ(title.Resolve(ug_chain).text, "举报短信");
  EXPECT_EQ(title.Resolve(ug_chain).lang, "zh-Hans");
  // Never blank: if nothing else is there, the old translation is better than nothing.
  LocalizedText only_stale;
  only_stale.by_locale = {{"ug", "كونا"}};
  only_stale.needs_review = {"ug"};
  EXPECT_EQ(only_stale.Resolve(ug_chain).text, "كونا");

  for (const char* bad : {R"("needsReview": ["bo"])", R"("needsReview": "ug")", R"("needsReview": [])",
                          R"("needsReview": ["ug", "ug"])", R"("needsReview": [7])"}) {
    std::string broken = PackText(std::string(R"({"id": "first", "title": {"en": "Report it", "ug": "x", )") + bad +
                                  R"(}, "steps": [{"id": "s", "type": "text", "title": {"en": "T"}, "body": {"en": "B"}}]})");
    PackResult b = LoadPack(broken, "bad.pack.json");
    ASSERT_EQ(b.errors.size(), 1u) << bad;
    EXPECT_TRUE(b.errors[0].pointer.starts_with("/lessons/0/title/needsReview")) << bad << ": " << b.errors[0].ToString();
    EXPECT_GT(b.errors[0].line, 0) << bad;
  }
}

namespace {

std::string GuidePack(const std::string& fields) {
  return R"({"schemaVersion": "1.0", "id": "g", "title": {"en": "G"}, "guides": [{
    "id": "trust", "title": {"en": "T"}, )" + fields + R"(, "expiresAt": "2027-01-01",
    "whoCanApply": {"en": "All"}, "whatToBring": [{"id": "id-card", "text": {"en": "ID"}}],
    "steps": [{"text": {"en": "Go"}}], "whereAndWhen": {"en": "Here"}, "fees": {"en": "Free"},
    "otherWays": [{"channel": "in-person", "text": {"en": "Desk"}}]}]})";
}

}  // namespace

TEST(Pack, GuideSaysWhereItAppliesWhatItRestsOnAndWhoCheckedIt) {
  PackResult r = LoadPack(GuidePack(R"("region": "CN-GD", "sources": [
      {"title": "居住证暂行条例", "number": "国务院令第663号", "url": "https://example.org/663", "date": "2015-11-26"},
      {"title": "Title only"}], "reviewedBy": "Guangdong civil affairs office", "reviewedAt": "2026-11-01")"),
                          "trust.pack.json");
  ASSERT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0].ToString());
  const Guide& g = r.pack.guides[0];
  EXPECT_EQ(g.region, "CN-GD");
  ASSERT_EQ(g.sources.size(), 2u);
  EXPECT_EQ(g.sources[0].number, "国务院令第663号");
  EXPECT_EQ(g.sources[0].url, "https://example.org/663");
  EXPECT_EQ(g.sources[0].date, "2015-11-26");
  EXPECT_EQ(g.sources[1].title, "Title only");
  EXPECT_TRUE(g.sources[1].number.empty());
  EXPECT_EQ(g.reviewed_by, "Guangdong civil affairs office");
  EXPECT_EQ(g.reviewed_at, "2026-11-01");

  // Not yet checked by anyone: valid, and it says so by having neither.
  PackResult unchecked = LoadPack(GuidePack(R"("region": "national")"), "u.pack.json");
  ASSERT_TRUE(unchecked.errors.empty()) << (unchecked.errors.empty() ? "" : unchecked.errors[0].ToString());
  EXPECT_TRUE(unchecked.pack.guides[0].reviewed_at.empty());

  const std::pair<const char*, const char*> broken[] = {
      {R"("reviewedAt": "2026-11-01")", "/guides/0/reviewedAt"},  // a date nobody stands behind
      {R"("reviewedBy": "Someone")", "/guides/0/reviewedBy"},
      {R"("reviewedBy": "", "reviewedAt": "2026-11-01")", "/guides/0/reviewedBy"},
      {R"("region": "Guangdong")", "/guides/0/region"},
      {R"("sources": [{"number": "38号"}])", "/guides/0/sources/0/title"},
      {R"("sources": [{"title": "T", "url": "www.gov.cn"}])", "/guides/0/sources/0/url"},
      {R"("sources": [{"title": "T", "date": "2024-8-30"}])", "/guides/0/sources/0/date"},
      {R"("sources": [{"title": "T", "publisher": "x"}])", "/guides/0/sources/0/publisher"},
      {R"("sources": {"title": "T"})", "/guides/0/sources"},
  };
  for (auto [fields, pointer] : broken) {
    const std::string text = GuidePack(fields);
    PackResult b = LoadPack(text, "b.pack.json");
    std::string all;
    for (const LoadError& e : b.errors) all += e.ToString() + "\n";
    ASSERT_EQ(b.errors.size(), 1u) << fields << ":\n" << all;
    EXPECT_EQ(b.errors[0].pointer, pointer) << fields;
    EXPECT_EQ(b.errors[0].line, 2) << fields;
    EXPECT_GT(b.errors[0].column, 0) << fields;
  }
}

// [SECTION] issue 14: a translation's own review, and notes for translators

// A text records, per language, its own review (who checked it and when) and may carry a note
// for translators. Both are kept in the model for the tools; neither changes what a learner sees.
TEST(Pack, ATextCarriesItsOwnReviewsAndANoteForTranslators) {
  const std::string text = PackText(R"({
      "id": "first", "title": {"zh-Hans": "扫一扫", "en": "Scan", "ug": "扫一扫", "bo": "བཤར་འབེབས",
        "note": "the real WeChat label: keep it in Chinese",
        "review": {"ug": {"status": "reviewed", "by": "Aynur", "date": "2026-12-01"}, "bo": {"status": "draft"}}},
      "steps": [{"id": "hello", "type": "text", "title": {"en": "Hello"}, "body": {"en": "Hi."}}]})");
  PackResult r = LoadPack(text, "review.pack.json");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].ToString();
  const LocalizedText& title = r.pack.lessons[0].title;
  EXPECT_EQ(title.note, "the real WeChat label: keep it in Chinese");
  ASSERT_EQ(title.review.size(), 2u);
  EXPECT_EQ(title.review.at("ug").status, "reviewed");
  EXPECT_EQ(title.review.at("ug").by, "Aynur");
  EXPECT_EQ(title.review.at("ug").date, "2026-12-01");
  EXPECT_EQ(title.review.at("bo").status, "draft");
  EXPECT_TRUE(title.review.at("bo").by.empty());
  // The note and the reviews are not languages: the learner sees the same texts as without them.
  EXPECT_EQ(title.by_locale.size(), 4u);
  std::vector<std::string> ug_chain = {"ug", "zh-Hans", "en"};
  EXPECT_EQ(title.Resolve(ug_chain).text, "扫一扫");
  EXPECT_EQ(title.Resolve(ug_chain).lang, "ug");
}

// Each mistake in a review or a note is named at its line and column, with its JSON pointer;
// the rest of the pack still loads.
TEST(Pack, AWrongReviewOrNoteIsNamedAtItsPlace) {
  struct Case {
    const char* fields;   // inside the lesson title, after its texts
    const char* pointer;  // of the one error
    const char* message;  // a part of it
    const char* at;       // where the error points (first occurrence in the lesson)
  };
  // Each points at the member's key.
  const Case cases[] = {
      {R"("review": {"bo": {"status": "reviewed", "by": "Tashi", "date": "2026-12-01"}})", "/lessons/0/title/review/bo",
       "a review of the bo text, but the text has no bo translation", R"("bo": {)"},
      {R"("review": {"ug": {"status": "reviewed", "by": "Aynur", "date": "2026-13-01"}})",
       "/lessons/0/title/review/ug/date", "must be a real date written YYYY-MM-DD", R"("date": "2026-13-01")"},
      {R"("review": {"ug": {"status": "reviewed", "date": "2026-12-01"}})", "/lessons/0/title/review/ug",
       "names who reviewed it (\"by\") and when (\"date\")", R"("ug": {)"},
      {R"("review": {"ug": {"status": "reviewed", "by": "", "date": "2026-12-01"}})", "/lessons/0/title/review/ug/by",
       "name who reviewed the translation", R"("by")"},
      {R"("review": {"ug": {"status": "draft", "by": "Aynur"}})", "/lessons/0/title/review/ug",
       "a draft names no reviewer", R"("ug": {)"},
      {R"("review": {"ug": {"status": "source"}})", "/lessons/0/title/review/ug/status", "unknown status \"source\"",
       R"("status": "source")"},
      {R"("review": {"ug": {"status": "reviewed", "by": "Aynur", "date": "2026-12-01", "dat": "x"}})",
       "/lessons/0/title/review/ug/dat", "unknown field \"dat\"", R"("dat")"},
      {R"("review": {})", "/lessons/0/title/review", "found an empty object", R"("review")"},
      {R"("note": "")", "/lessons/0/title/note", "found an empty string", R"("note")"},
      {R"("note": 7)", "/lessons/0/title/note", "expected a note for translators", R"("note")"},
  };
  for (const Case& c : cases) {
    const std::string text = PackText(std::string(R"({"id": "first",
      "title": {"zh-Hans": "第一课", "en": "First", "ug": "بىرىنچى",
        )") + c.fields + R"(},
      "steps": [{"id": "hello", "type": "text", "title": {"en": "Hello"}, "body": {"en": "Hi."}}]})");
    PackResult r = LoadPack(text, "bad.pack.json");
    std::string all;
    for (const LoadError& e : r.errors) all += e.ToString() + "\n";
    ASSERT_EQ(r.errors.size(), 1u) << c.fields << ":\n" << all;
    const LoadError& e = r.errors[0];
    EXPECT_EQ(e.pointer, c.pointer) << c.fields;
    EXPECT_NE(e.message.find(c.message), std::string::npos) << c.fields << ": " << e.message;
    EXPECT_EQ(e.file, "bad.pack.json");
    const size_t at = text.find(c.at, text.find("\"lessons\""));
    EXPECT_EQ(e.line, LineOf(text, c.fields)) << c.fields;
    EXPECT_EQ(e.column, static_cast<int>(at - text.rfind('\n', at))) << c.fields << ": " << e.ToString();
  }
  // A text with only a note or a review has no language.
  for (const char* only : {R"({"note": "x"})", R"({"review": {"ug": {"status": "draft"}}})"}) {
    PackResult r = LoadPack(PackText(std::string(R"({"id": "first", "title": )") + only +
                                     R"(, "steps": [{"id": "s", "type": "text", "title": {"en": "A"}, "body": {"en": "B"}}]})"),
                            "only.pack.json");
    EXPECT_TRUE(std::any_of(r.errors.begin(), r.errors.end(), [](const LoadError& e) {
      return e.pointer == "/lessons/0/title" && e.message == "text has no language";
    })) << only;
  }
}
