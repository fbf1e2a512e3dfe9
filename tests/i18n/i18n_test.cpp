// UI catalogs: every language the picker offers has a name in its own script and a catalog,
// plurals follow the language's rules, and missing strings fall back with the right language.
#include "i18n/i18n.h"

#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <set>

using namespace qiao::i18n;

namespace {
std::unique_ptr<Translator> Bundled() { return Translator::Load(std::string(QIAO_SOURCE_DIR) + "/locales"); }

// The argument names of a MessageFormat string, as ICU's own parser finds them ("" if it does
// not parse: the catalog loader reports that).
std::set<std::string> ArgumentNames(const std::string& message) {
  UErrorCode status = U_ZERO_ERROR;
  icu::MessagePattern pattern(icu::UnicodeString::fromUTF8(message), nullptr, status);
  std::set<std::string> names;
  if (U_FAILURE(status)) return {""};
  for (int i = 0; i < pattern.countParts(); ++i) {
    const icu::MessagePattern::Part& part = pattern.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_NAME) continue;
    std::string name;
    pattern.getSubstring(part).toUTF8String(name);
    names.insert(name);
  }
  return names;
}
}  // namespace

TEST(I18n, BundledLocalesLoadWithoutErrors) {
  auto t = Bundled();
  for (const auto& e : t->errors()) ADD_FAILURE() << e.ToString();
  std::set<std::string> tags;
  for (const auto& l : t->locales()) tags.insert(l.tag);
  for (const char* tag : {"zh-Hans", "en", "ug", "bo", "ii", "ko", "mn", "mn-Mong", "kk-Arab", "za"})
    EXPECT_TRUE(tags.count(tag)) << tag;
  for (const auto& l : t->locales()) {
    EXPECT_FALSE(l.endonym.empty()) << l.tag;
    EXPECT_NE(t->catalog(l.tag), nullptr) << l.tag;
  }
  // Which of them are right to left is the text engine's to say (tests/text: DirectionOf).
}

TEST(I18n, SourceCatalogsAreCompleteAndOthersAreHonestlyMarked) {
  auto t = Bundled();
  const Catalog* en = t->catalog("en");
  ASSERT_NE(en, nullptr);
  for (const auto& l : t->locales()) {
    const Catalog* c = t->catalog(l.tag);
    ASSERT_NE(c, nullptr);
    if (l.tag == "zh-Hans" || l.tag == "en") {
      EXPECT_EQ(c->status, "source") << l.tag;
      for (const auto& [key, text] : en->strings) EXPECT_TRUE(c->strings.count(key)) << l.tag << " " << key;
    } else {
      // Nobody has reviewed these yet; they must not claim otherwise.
      EXPECT_EQ(c->status, "draft") << l.tag;
    }
  }
}

TEST(I18n, PluralsFollowTheLanguage) {
  auto t = Bundled();
  t->SetLocale("en");
  EXPECT_EQ(t->Get("lessons.minutes", {{"minutes", 1.0}}).text, "1 minute");
  EXPECT_EQ(t->Get("lessons.minutes", {{"minutes", 5.0}}).text, "5 minutes");
  EXPECT_EQ(t->Get("lesson.step_of", {{"step", 3.0}, {"total", 7.0}}).text, "Step 3 of 7");
  t->SetLocale("zh-Hans");
  Message zh = t->Get("lesson.step_of", {{"step", 3.0}, {"total", 7.0}});
  EXPECT_EQ(zh.lang, "zh-Hans");
  EXPECT_NE(zh.text.find("3"), std::string::npos);
  EXPECT_NE(zh.text.find("7"), std::string::npos);
  EXPECT_EQ(zh.text.find("Step"), std::string::npos);
}

TEST(I18n, MissingStringsFallBackAndSayWhichLanguage) {
  // Every bundled catalog is complete (catalog_completeness_test), so the fallback is shown
  // with a catalog of its own that lacks a string.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("qiao-i18n-fallback-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "locales.json") << R"({"locales": [
    {"tag": "zh-Hans", "endonym": "中文", "fallback": ["en"]},
    {"tag": "en", "endonym": "English", "fallback": []},
    {"tag": "ii", "endonym": "ꆈꌠꉙ", "fallback": ["zh-Hans", "en"]}]})";
  std::ofstream(dir / "zh-Hans.json") << R"({"locale": "zh-Hans", "strings": {"nav.next": "下一步", "nav.back": "返回"}})";
  std::ofstream(dir / "en.json") << R"({"locale": "en", "strings": {"nav.next": "Next", "nav.back": "Back"}})";
  std::ofstream(dir / "ii.json") << R"({"locale": "ii", "strings": {"nav.back": "ꉆꇁ"}})";
  auto t = Translator::Load(dir.string());
  EXPECT_TRUE(t->errors().empty());
  t->SetLocale("ii");
  EXPECT_EQ(t->chain().front(), "ii");
  EXPECT_EQ(t->Get("nav.back").lang, "ii");
  // The missing string comes from Mandarin, tagged as Mandarin so it is drawn in the Chinese
  // font and spoken by the Mandarin voice.
  Message m = t->Get("nav.next");
  EXPECT_EQ(m.lang, "zh-Hans");
  EXPECT_EQ(m.text, "下一步");
  // A key nobody has shows itself, never a blank.
  EXPECT_EQ(t->Get("no.such.key").text, "no.such.key");
  fs::remove_all(dir);
}

TEST(I18n, BrokenCatalogIsReportedAndTheRestStillWorks) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("qiao-i18n-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "locales.json") << R"({"locales": [
    {"tag": "en", "endonym": "English", "fallback": []},
    {"tag": "xx", "endonym": "Broken", "fallback": ["en"]}]})";
  std::ofstream(dir / "en.json") << "{\"locale\": \"en\", \"strings\": {\"a\": \"A {n, plural, one {#} other {#s}}\", \"b\": \"B\"}}";
  std::ofstream(dir / "xx.json") << "{\"locale\": \"xx\", \"strings\": {\n  \"a\": \"bad {n, plural, one {\",\n  \"b\": \"XB\"\n}}";
  auto t = Translator::Load(dir.string());
  ASSERT_EQ(t->errors().size(), 1u);
  EXPECT_EQ(t->errors()[0].pointer, "/strings/a");
  EXPECT_EQ(t->errors()[0].line, 2);
  t->SetLocale("xx");
  EXPECT_EQ(t->Get("b").text, "XB");
  Message a = t->Get("a", {{"n", 2.0}});
  EXPECT_EQ(a.text, "A 2s");  // the broken pattern fell back to English
  EXPECT_EQ(a.lang, "en");
  fs::remove_all(dir);
}

TEST(I18n, CatalogProblemsNameLineColumnPointerAndTheClosestField) {
  const std::string text = "{\n  \"locale\": \"en\",\n  \"strngs\": {},\n  \"strings\": {\n    \"a\": 3,\n    \"b\": \"B\"\n  }\n}";
  Catalog cat;
  std::vector<qiao::support::LoadError> errors;
  ASSERT_TRUE(ParseCatalog(text, "en.json", "en", &cat, &errors));
  EXPECT_EQ(cat.strings.size(), 1u) << "the good string loads";
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].ToString(), "en.json:5:5: /strings/a: expected a string, found number");
  EXPECT_EQ(errors[1].ToString(), "en.json:3:3: /strngs: unknown field \"strngs\" (did you mean \"strings\"?)");
}

TEST(I18n, ReadingsAreKeptWithTheirStringAndWrongOnesAreNamed) {
  // mn-Mong: how each string reads in Cyrillic, for the mn voice (a MessageFormat pattern with
  // the string's own arguments).
  const std::string text =
      "{\n  \"strings\": {\"a\": \"ᠪᠤᠴᠠᠬᠤ\", \"n\": \"{count} ᠬᠦᠮᠦᠨ\"},\n  \"readings\": {\n"
      "    \"a\": \"Буцах\",\n    \"n\": \"{count} хүн\",\n    \"z\": \"Зүйл\",\n    \"e\": \"\",\n    \"x\": 4\n  }\n}";
  Catalog cat;
  std::vector<qiao::support::LoadError> errors;
  ASSERT_TRUE(ParseCatalog(text, "mn-Mong.json", "mn-Mong", &cat, &errors));
  EXPECT_EQ(cat.readings, (std::map<std::string, std::string>{{"a", "Буцах"}, {"n", "{count} хүн"}}));
  std::set<std::string> said;
  for (const auto& e : errors) said.insert(e.ToString());
  EXPECT_EQ(said, (std::set<std::string>{
                      "mn-Mong.json:6:5: /readings/z: a reading of \"z\", but this catalog has no such string",
                      "mn-Mong.json:7:5: /readings/e: empty reading: leave it out until it is written",
                      "mn-Mong.json:8:5: /readings/x: expected a string, found number"}));
}

TEST(I18n, EachStringsReviewOverridesTheCatalogStatusAndWrongOnesAreNamed) {
  // "reviews": key -> {status, by, date}, the same shape and rules as a pack text's "review".
  const std::string text =
      "{\n  \"status\": \"draft\",\n"
      "  \"strings\": {\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\", \"f\": \"F\"},\n"
      "  \"reviews\": {\n"
      "    \"a\": {\"status\": \"reviewed\", \"by\": \"Aynur\", \"date\": \"2026-12-01\"},\n"
      "    \"b\": {\"status\": \"draft\"},\n"
      "    \"z\": {\"status\": \"reviewed\", \"by\": \"Aynur\", \"date\": \"2026-12-01\"},\n"
      "    \"c\": {\"status\": \"reviewed\", \"by\": \"Aynur\", \"date\": \"2026-02-30\"},\n"
      "    \"d\": {\"status\": \"reviewed\", \"by\": \"Aynur\", \"date\": \"2999-01-01\"},\n"
      "    \"e\": {\"status\": \"reviewed\"},\n"
      "    \"f\": {\"status\": \"draft\", \"by\": \"Aynur\"}\n"
      "  },\n"
      "  \"sourceHashes\": {\"a\": \"0123abcd\"}\n}";
  Catalog cat;
  std::vector<qiao::support::LoadError> errors;
  ASSERT_TRUE(ParseCatalog(text, "ug.json", "ug", &cat, &errors));
  EXPECT_EQ(cat.strings.size(), 6u) << "a wrong review never costs the learner the string";
  ASSERT_EQ(cat.reviews.size(), 2u) << "only the reviews that say who and when (or are drafts) count";
  EXPECT_EQ(cat.reviews.at("a").status, "reviewed");
  EXPECT_EQ(cat.reviews.at("a").by, "Aynur");
  EXPECT_EQ(cat.reviews.at("a").date, "2026-12-01");
  EXPECT_EQ(cat.reviews.at("b").status, "draft");
  EXPECT_EQ(cat.source_hashes, (std::map<std::string, std::string>{{"a", "0123abcd"}}));
  std::set<std::string> said;
  for (const auto& e : errors) said.insert(e.ToString());
  EXPECT_EQ(said, (std::set<std::string>{
                      "ug.json:7:5: /reviews/z: a review of \"z\", but this catalog has no such string",
                      "ug.json:8:48: /reviews/c/date: date \"2026-02-30\" must be a real date written YYYY-MM-DD",
                      "ug.json:9:48: /reviews/d/date: date \"2999-01-01\" is in the future: a review is recorded "
                      "after it happened",
                      "ug.json:10:5: /reviews/e: a reviewed translation names who reviewed it (\"by\") and when "
                      "(\"date\")",
                      "ug.json:11:5: /reviews/f: a draft names no reviewer: leave out \"by\" and \"date\", or say "
                      "\"reviewed\""}));

  // A source catalog is what translations are checked against.
  Catalog source;
  errors.clear();
  ASSERT_TRUE(ParseCatalog("{\"status\": \"source\", \"strings\": {\"a\": \"A\"},\n"
                           " \"reviews\": {\"a\": {\"status\": \"draft\"}}}",
                           "en.json", "en", &source, &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].pointer, "/reviews/a");
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_TRUE(source.reviews.empty());
}

TEST(I18n, NoBundledStringClaimsANativeReview) {
  // No native speaker has reviewed a bundled string yet (locales/README.md): none may say so.
  auto t = Bundled();
  for (const auto& l : t->locales()) {
    const Catalog* c = t->catalog(l.tag);
    if (!c) continue;
    for (const auto& [key, review] : c->reviews) EXPECT_NE(review.status, "reviewed") << l.tag << " " << key;
  }
}

TEST(I18n, TheBundledMongolianScriptCatalogCarriesCyrillicReadings) {
  auto t = Bundled();
  const Message back = t->GetIn("mn-Mong", "nav.back");
  EXPECT_EQ(back.lang, "mn-Mong");
  EXPECT_EQ(back.reading, "Буцах");
  EXPECT_EQ(t->GetIn("mn", "nav.back").reading, "") << "Cyrillic needs no reading";
  const qiao::i18n::Catalog* c = t->catalog("mn-Mong");
  ASSERT_NE(c, nullptr);
  for (const auto& [key, reading] : c->readings) {
    EXPECT_TRUE(c->strings.count(key)) << key;
    bool cyrillic = false;
    for (unsigned char ch : reading) cyrillic |= ch == 0xD0 || ch == 0xD1 || ch == 0xD2 || ch == 0xD3;
    EXPECT_TRUE(cyrillic) << key << ": " << reading;
    // The voice fills the reading's placeholders with the string's values: the same names.
    if (c->strings.count(key)) {
      EXPECT_EQ(ArgumentNames(reading), ArgumentNames(c->strings.at(key))) << key;
    }
  }
  // Every string in the Mongolian script is spoken from its reading (without one the kiosk
  // falls back to Mandarin): a new UI string needs its reading too.
  for (const auto& [key, text] : c->strings) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    bool mongolian = false;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) mongolian |= u.char32At(i) >= 0x1800 && u.char32At(i) <= 0x18AF;
    if (mongolian) {
      EXPECT_TRUE(c->readings.count(key)) << key << " has no Cyrillic reading (locales/README.md)";
    }
  }
}

TEST(I18n, ZhuangNumbersDoNotDependOnTheMachinesLanguage) {
  // ICU has no Zhuang data: without a mapping, numbers followed the process's default locale
  // (ungrouped under LANG=C, "1 234 567" on a French or Kazakh browser).
  const icu::Locale saved = icu::Locale::getDefault();
  for (const char* machine : {"en_US_POSIX", "fr", "kk"}) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale::setDefault(icu::Locale(machine), status);
    std::string out, error;
    ASSERT_TRUE(FormatMessage("{n, number} {n, plural, other {# ngoenz}}", "za", {{"n", 1234567.0}}, &out, &error)) << error;
    EXPECT_EQ(out, "1,234,567 1,234,567 ngoenz") << "default locale " << machine;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale::setDefault(saved, status);
}
