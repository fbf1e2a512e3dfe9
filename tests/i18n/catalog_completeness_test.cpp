// Every language the picker offers really serves the whole UI: each of the ten catalogs holds
// every key of locales/keys.txt (the source of truth for which keys exist), each translation
// names the same ICU arguments as the English source, and each is written in its own script.
// A learner who picks Yi must not get half the screen in Mandarin; a screen reader must not say
// "button" in Chinese to a Tibetan speaker.
#include "support/json_source.h"
#include "i18n/i18n.h"

#include <gtest/gtest.h>
#include <unicode/messagepattern.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace qiao::i18n;

namespace {

const std::string kLocales = std::string(QIAO_SOURCE_DIR) + "/locales";

// keys.txt: "key<TAB>English source", '#' comments. In file order.
std::vector<std::pair<std::string, std::string>> DeclaredKeys() {
  std::vector<std::pair<std::string, std::string>> keys;
  std::ifstream in(kLocales + "/keys.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    keys.emplace_back(line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1));
  }
  return keys;
}

// The arguments a pattern uses, as ICU's own MessageFormat parser sees them:
// "name:type" (type none, plural, select, number...). Empty set plus `error` if it does not parse.
std::set<std::string> Arguments(const std::string& pattern, std::string* error) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(pattern);
  icu::MessagePattern parsed(text, &parse_error, status);
  std::set<std::string> args;
  if (U_FAILURE(status)) {
    *error = u_errorName(status);
    return args;
  }
  for (int32_t i = 0; i < parsed.countParts(); ++i) {
    const icu::MessagePattern::Part& part = parsed.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    const icu::MessagePattern::Part& name = parsed.getPart(i + 1);
    std::string utf8;
    parsed.getSubstring(name).toUTF8String(utf8);
    static const char* kTypes[] = {"none", "simple", "choice", "plural", "select", "selectordinal"};
    args.insert(utf8 + ":" + kTypes[part.getArgType()]);
  }
  return args;
}

std::string Join(const std::set<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
  return "{" + out + "}";
}

// The ICU scripts a locale's letters may be in (locales.json "script" is ISO 15924). Latin is
// allowed everywhere: the brand name "Qiao" and abbreviations such as "QR".
std::set<UScriptCode> ScriptsFor(const std::string& iso15924) {
  if (iso15924 == "Hans") return {USCRIPT_HAN, USCRIPT_LATIN};
  if (iso15924 == "Kore") return {USCRIPT_HANGUL, USCRIPT_HAN, USCRIPT_LATIN};
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode code[4];
  int32_t n = uscript_getCode(iso15924.c_str(), code, 4, &status);
  std::set<UScriptCode> out{USCRIPT_LATIN};
  if (U_SUCCESS(status))
    for (int32_t i = 0; i < n; ++i) out.insert(code[i]);
  return out;
}

}  // namespace

TEST(Catalogs, KeysTxtDeclaresEveryKeyOnceAndEnglishMatchesIt) {
  auto keys = DeclaredKeys();
  ASSERT_GT(keys.size(), 80u) << "keys.txt not found or nearly empty";
  std::set<std::string> seen;
  for (const auto& [key, english] : keys) EXPECT_TRUE(seen.insert(key).second) << "declared twice: " << key;
  auto t = Translator::Load(kLocales);
  const Catalog* en = t->catalog("en");
  ASSERT_NE(en, nullptr);
  for (const auto& [key, english] : keys) {
    auto it = en->strings.find(key);
    if (it != en->strings.end())
      EXPECT_EQ(it->second, english) << "en.json and keys.txt disagree on " << key;
  }
  // A key the team writes into a source catalog must be declared, so every language gets it.
  for (const char* source : {"en", "zh-Hans"}) {
    const Catalog* c = t->catalog(source);
    ASSERT_NE(c, nullptr) << source;
    for (const auto& [key, text] : c->strings)
      EXPECT_TRUE(seen.count(key)) << source << ".json has " << key << ", which keys.txt does not declare";
  }
}

TEST(Catalogs, EveryLocaleHasEveryKey) {
  auto keys = DeclaredKeys();
  auto t = Translator::Load(kLocales);
  // A broken pattern is dropped at load (and would then show as missing): report it first.
  for (const auto& e : t->errors()) ADD_FAILURE() << e.ToString();
  ASSERT_EQ(t->locales().size(), 10u);
  for (const LocaleInfo& l : t->locales()) {
    const Catalog* c = t->catalog(l.tag);
    ASSERT_NE(c, nullptr) << "no catalog for " << l.tag;
    std::vector<std::string> missing;
    for (const auto& [key, english] : keys)
      if (!c->strings.count(key)) missing.push_back(key);
    std::string list;
    for (const std::string& k : missing) list += "\n  " + l.tag + ": " + k;
    EXPECT_TRUE(missing.empty()) << missing.size() << " key(s) missing from locales/" << l.tag << ".json:" << list;
  }
}

TEST(Catalogs, TranslationsUseTheSourceArguments) {
  auto keys = DeclaredKeys();
  auto t = Translator::Load(kLocales);
  for (const auto& [key, english] : keys) {
    std::string error;
    std::set<std::string> source = Arguments(english, &error);
    ASSERT_TRUE(error.empty()) << "keys.txt " << key << ": " << error;
    for (const LocaleInfo& l : t->locales()) {
      const Catalog* c = t->catalog(l.tag);
      if (!c) continue;
      auto it = c->strings.find(key);
      if (it == c->strings.end()) continue;  // EveryLocaleHasEveryKey names it
      std::set<std::string> args = Arguments(it->second, &error);
      EXPECT_TRUE(error.empty()) << l.tag << " " << key << ": not a valid MessageFormat (" << error << ")";
      EXPECT_EQ(args, source) << l.tag << " " << key << ": arguments " << Join(args) << ", source has "
                              << Join(source);
    }
  }
}

TEST(Catalogs, EachLanguageIsWrittenInItsOwnScript) {
  auto t = Translator::Load(kLocales);
  for (const LocaleInfo& l : t->locales()) {
    const Catalog* c = t->catalog(l.tag);
    if (!c) continue;
    std::set<UScriptCode> allowed = ScriptsFor(l.script);
    for (const auto& [key, text] : c->strings) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
      for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
        UChar32 ch = u.char32At(i);
        if (!u_isalpha(ch)) continue;
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript(ch, &status);
        if (script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
        // ICU argument names and plural keywords are ASCII and allowed as Latin.
        EXPECT_TRUE(allowed.count(script))
            << l.tag << " " << key << ": U+" << std::hex << ch << " is " << uscript_getName(script)
            << ", not " << l.script;
      }
    }
  }
}

TEST(Catalogs, ScriptCheckWouldCatchCyrillicInTraditionalMongolian) {
  // The check above must be able to fail: Cyrillic is not traditional Mongolian.
  std::set<UScriptCode> mong = ScriptsFor("Mong");
  UErrorCode status = U_ZERO_ERROR;
  EXPECT_FALSE(mong.count(uscript_getScript(U'Т', &status)));
  EXPECT_TRUE(mong.count(uscript_getScript(U'\u182C', &status)));
  EXPECT_FALSE(ScriptsFor("Yiii").count(uscript_getScript(U'设', &status)));
}

TEST(Catalogs, ArgumentCheckSeesPluralsAndNames) {
  std::string error;
  EXPECT_EQ(Arguments("{count, plural, one {# a} other {# b}} {name}", &error),
            (std::set<std::string>{"count:plural", "name:none"}));
  EXPECT_NE(Arguments("{count, plural, other {# b}}", &error), Arguments("{n, plural, other {# b}}", &error));
  Arguments("{count, plural, one {", &error);
  EXPECT_FALSE(error.empty());
}

TEST(Catalogs, KazakhHamzaFollowsTheXinjiangConvention) {
  // VOICES.md §4: the high hamza ٴ (U+0674) marks a front-vowel word at its start, and is left
  // out where ە ك گ already mark the word as front. A hamza elsewhere, or beside those letters,
  // is a spelling a Kazakh reader in Xinjiang would stumble on.
  auto t = Translator::Load(kLocales);
  const Catalog* kk = t->catalog("kk-Arab");
  ASSERT_NE(kk, nullptr);
  int hamza_words = 0;
  for (const auto& [key, text] : kk->strings) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    int32_t start = 0;
    for (int32_t i = 0; i <= u.length(); ++i) {
      if (i < u.length() && (u_hasBinaryProperty(u.charAt(i), UCHAR_ALPHABETIC) || u.charAt(i) == 0x0674)) continue;
      icu::UnicodeString word = u.tempSubStringBetween(start, i);
      start = i + 1;
      int32_t hamza = word.indexOf(static_cast<char16_t>(0x0674));
      if (hamza < 0) continue;
      ++hamza_words;
      std::string w;
      word.toUTF8String(w);
      EXPECT_EQ(hamza, 0) << key << ": “" << w << "”: the hamza stands at the start of the word";
      for (char16_t front : {u'\u06D5', u'\u0643', u'\u06AF'})
        EXPECT_LT(word.indexOf(front), 0) << key << ": “" << w << "” has ە/ك/گ, so no hamza";
    }
  }
  EXPECT_GT(hamza_words, 10) << "the check saw front-vowel words";
}
