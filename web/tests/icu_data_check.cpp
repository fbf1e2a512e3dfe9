// Checks the browser build's ICU data subset (web/build.sh icu_data) against what the app asks
// ICU for at run time, with the same ICU build the browser has (the wasm dependency cache):
// every message of every UI catalog formats (MessageFormat: plurals, numbers) in its locale,
// numbers with grouping, plural categories; line and character breaking work for each script;
// language tags resolve. It also writes everything it formatted to TRANSCRIPT: web/build.sh
// runs it on Debian's full data and on the cut and requires the same text from both, so a
// resource the cut lost cannot go unnoticed behind a silent fallback (a root pattern, an
// English number). Run by web/build.sh under node after cutting the data, so a cut too deep
// fails the build, not a learner's screen.
//   icu_data_check DAT LOCALES_DIR TRANSCRIPT     (built with -sNODERAWFS: host paths)
#include <nlohmann/json.hpp>
#include <unicode/brkiter.h>
#include <unicode/msgfmt.h>
#include <unicode/plurrule.h>
#include <unicode/putil.h>
#include <unicode/udata.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

int failures = 0;
std::string transcript;  // what was formatted, broken, resolved: compared with the full data's

void Note(const std::string& line) { transcript += line + "\n"; }
void Fail(const std::string& what) {
  std::fprintf(stderr, "icu_data_check: %s\n", what.c_str());
  ++failures;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// As app/i18n (IcuLocaleFor): script variants ICU 72 has no data for use the language's.
std::string IcuLocale(const std::string& tag) {
  if (tag == "mn-Mong") return "mn";
  if (tag == "kk-Arab") return "kk";
  if (tag == "zh-Hans") return "zh";
  return tag;
}

void CheckMessages(const std::string& locales_dir) {
  const nlohmann::json list = nlohmann::json::parse(Read(locales_dir + "/locales.json"));
  for (const auto& l : list["locales"]) {
    const std::string tag = l["tag"];
    const nlohmann::json cat = nlohmann::json::parse(Read(locales_dir + "/" + tag + ".json"));
    for (const auto& [key, value] : cat["strings"].items()) {
      const std::string pattern = value.get<std::string>();
      UErrorCode status = U_ZERO_ERROR;
      UParseError pe{};
      icu::MessageFormat fmt(icu::UnicodeString::fromUTF8(pattern), icu::Locale(IcuLocale(tag).c_str()), pe, status);
      if (U_FAILURE(status)) {
        Fail(tag + " " + key + ": MessageFormat: " + u_errorName(status));
        continue;
      }
      // Every {name...} argument gets a number (plural, number and plain arguments: each of
      // the values below, so every plural category the locale has is reached), a select
      // argument the text "other" (a number there is a format error).
      std::map<std::string, bool> names;  // name -> is a select argument
      static const std::regex arg(R"(\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(,\s*([a-z]+))?\s*[,}])");
      for (std::sregex_iterator it(pattern.begin(), pattern.end(), arg), end; it != end; ++it)
        names[(*it)[1]] = names[(*it)[1]] || (*it)[3] == "select";
      for (double number : {0.0, 1.0, 2.0, 3.0, 5.0, 11.0, 21.0, 1234.0, 1234567.0}) {
        std::vector<icu::UnicodeString> n;
        std::vector<icu::Formattable> v;
        for (const auto& [name, select] : names) {
          n.push_back(icu::UnicodeString::fromUTF8(name));
          if (select) v.emplace_back(icu::UnicodeString(u"other"));
          else v.emplace_back(number);
        }
        icu::UnicodeString out;
        fmt.format(n.data(), v.data(), static_cast<int32_t>(n.size()), out, status);
        if (U_FAILURE(status) || out.isEmpty()) {
          Fail(tag + " " + key + ": format: " + u_errorName(status));
          break;
        }
        std::string text;
        Note(tag + " " + key + " " + std::to_string(static_cast<long>(number)) + ": " + out.toUTF8String(text));
        if (names.empty()) break;
      }
    }
  }
}

// Numbers as the app's messages show them ({n, number}, {n, plural, ...} with #): grouped in
// every shipped locale (each one's CLDR pattern is #,##0), and the locale's plural categories.
void CheckNumbers(const std::string& locales_dir) {
  const nlohmann::json list = nlohmann::json::parse(Read(locales_dir + "/locales.json"));
  for (const auto& l : list["locales"]) {
    const std::string tag = l["tag"];
    const icu::Locale locale(IcuLocale(tag).c_str());
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe{};
    icu::MessageFormat fmt(u"{n, number} | {n, number, integer} | {n, plural, other {# x}}", locale, pe, status);
    icu::UnicodeString name(u"n"), out;
    icu::Formattable value(1234567.25);
    if (U_SUCCESS(status)) fmt.format(&name, &value, 1, out, status);
    std::string text;
    out.toUTF8String(text);
    if (U_FAILURE(status)) Fail(tag + ": numbers: " + u_errorName(status));
    Note(tag + " numbers: " + text);
    // Grouped: 1234567 as an integer has more characters than its 7 digits.
    icu::MessageFormat integer(u"{n, number, integer}", locale, pe, status);
    out.remove();
    if (U_SUCCESS(status)) integer.format(&name, &value, 1, out, status);
    if (U_FAILURE(status) || out.length() <= 7) Fail(tag + ": 1234567 not grouped: \"" + text + "\" (" + u_errorName(status) + ")");
    status = U_ZERO_ERROR;
    std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(locale, status));
    if (U_FAILURE(status)) {
      Fail(tag + ": plural rules: " + u_errorName(status));
      continue;
    }
    std::string line = tag + " plurals:";
    for (int i : {0, 1, 2, 3, 5, 11, 21, 100}) {
      std::string category;
      rules->select(static_cast<int32_t>(i)).toUTF8String(category);
      line += " " + std::to_string(i) + "=" + category;
    }
    Note(line);
  }
}

void CheckBreaks() {
  struct Case {
    const char* locale;
    const char* text;
  };
  for (const Case& c : {Case{"zh", "请在手机画面上点对的地方。二维码"}, Case{"en", "Tap the right place on the phone screen."},
                        Case{"ug", "تېلېفون ئېكرانىدىكى توغرا يەرنى بېسىڭ."},
                        Case{"bo", "ཁ་པར་གྱི་བརྙན་ཤེལ་སྟེང་གི་ས་ཆ་ཡང་དག་དེར་མནན་རོགས།"},
                        Case{"ko", "손전화 화면에서 맞는 곳을 누르세요."}, Case{"ii", "ꎴꏢꄚꉬꁧ。"}}) {
    for (bool line : {true, false}) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::BreakIterator> it(line ? icu::BreakIterator::createLineInstance(c.locale, status)
                                                  : icu::BreakIterator::createCharacterInstance(c.locale, status));
      if (U_FAILURE(status)) {
        Fail(std::string(c.locale) + (line ? " line" : " character") + " breaks: " + u_errorName(status));
        continue;
      }
      it->setText(icu::UnicodeString::fromUTF8(c.text));
      int n = 0;
      std::string at;
      for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next()) {
        ++n;
        at += " " + std::to_string(p);
      }
      Note(std::string(c.locale) + (line ? " line breaks:" : " character breaks:") + at);
      if (n < 3) Fail(std::string(c.locale) + (line ? " line" : " character") + " breaks: only " + std::to_string(n));
    }
  }
}

void CheckLocales() {
  for (const char* tag : {"zh-Hans", "en", "ug", "bo", "ii", "ko", "mn", "mn-Mong", "kk-Arab", "za"}) {
    UErrorCode status = U_ZERO_ERROR;
    char id[ULOC_FULLNAME_CAPACITY], full[ULOC_FULLNAME_CAPACITY], script[16];
    uloc_forLanguageTag(tag, id, sizeof id, nullptr, &status);
    uloc_addLikelySubtags(id, full, sizeof full, &status);
    uloc_getScript(full, script, sizeof script, &status);
    if (U_FAILURE(status) || !*script) Fail(std::string(tag) + ": no likely script (" + u_errorName(status) + ")");
    Note(std::string(tag) + " likely: " + full);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: icu_data_check DAT LOCALES_DIR TRANSCRIPT\n");
    return 2;
  }
  static std::string data = Read(argv[1]);
  u_setDataDirectory("/nonexistent");
  UErrorCode status = U_ZERO_ERROR;
  udata_setCommonData(data.data(), &status);
  if (U_FAILURE(status)) {
    Fail(std::string(argv[1]) + ": " + u_errorName(status));
    return 1;
  }
  // ICU falls back to the default locale for a language it has no data for (za). In the
  // browser that is the browser's language (emscripten's LANG from navigator.languages), under
  // node "C" (en_US_POSIX, ungrouped numbers): root keeps the transcript the same everywhere.
  icu::Locale::setDefault(icu::Locale::getRoot(), status);
  CheckMessages(argv[2]);
  CheckNumbers(argv[2]);
  CheckBreaks();
  CheckLocales();
  std::ofstream(argv[3], std::ios::binary) << transcript;
  if (!failures) std::printf("icu_data_check: every catalog message formats, numbers group; breaks and locales resolve\n");
  return failures ? 1 : 0;
}
