#include "i18n/transliterate.h"

#include "i18n/search.h"  // QIAO_MAKES_SEARCH_KEYS

// The browser's ICU has no transliteration (i18n/search.h): nothing here is built there.
#if QIAO_MAKES_SEARCH_KEYS
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace qiao::i18n {

namespace {

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString Unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// "line:column: the rule" of a rule ICU refused. ICU's UParseError gives the refused rule's text
// (postContext) but no useful line for transliterator rules: the line is found by that text.
std::string WhereInFile(const std::string& source, const UParseError& where) {
  std::string rule;
  icu::UnicodeString(where.postContext).toUTF8String(rule);
  rule = rule.substr(0, rule.find('\n'));
  const size_t at = rule.empty() ? std::string::npos : source.find(rule);
  if (at == std::string::npos) return std::to_string(where.line) + ":" + std::to_string(where.offset);
  const size_t line_start = source.rfind('\n', at) == std::string::npos ? 0 : source.rfind('\n', at) + 1;
  return std::to_string(std::count(source.begin(), source.begin() + at, '\n') + 1) + ":" +
         std::to_string(at - line_start + 1) + ": \"" + rule + "\"";
}

class ReadingsImpl : public ScriptReadings {
 public:
  explicit ReadingsImpl(TransliterationFiles files) : files_(std::move(files)) {}

  std::vector<std::string> Of(std::string_view folded, std::string_view lang) const override {
    std::vector<std::string> out;
    auto add = [&](std::string reading) {
      if (!reading.empty() && reading != folded && std::find(out.begin(), out.end(), reading) == out.end())
        out.push_back(std::move(reading));
    };
    if (lang == "ug") {
      add(Run(FromFile("ug_Arab-ug_Latn.txt"), folded, false));
    } else if (lang == "bo") {
      add(Run(FromFile("bo-bo_Latn_wylie.txt"), folded, true));  // rules see syllable edges
    } else if (lang == "za") {
      add(Run(FromFile("za-tones.txt"), folded, true));
    } else if (lang == "mn-Mong") {
      add(Run(FromFile("mn_Mong-mn_Latn.txt"), folded, false));
    } else if (lang == "mn") {
      add(Run(BuiltIn("mn-mn_Latn/MNS"), folded, false));
      add(Run(BuiltIn("mn-mn_Latn/BGN"), folded, false));
    } else if (lang == "kk-Arab") {
      // The voice's table (its loanword rules match whole words by the spaces around them),
      // then Cyrillic spelling (я for йа).
      std::string cyrillic = Run(FromFile("kk_Cyrl-spelling.txt"),
                                 Run(Compile(files_.kazakh_arabic_rules), folded, true), false);
      add(cyrillic);
      add(Run(BuiltIn("kk-kk_Latn/BGN"), cyrillic, false));
    } else if (lang == "ii") {
      add(YiRomanization(folded));
    }
    return out;
  }

  std::vector<std::string> problems() const override { return problems_; }

 private:
  std::string Run(const icu::Transliterator* t, std::string_view text, bool pad) const {
    if (!t || text.empty()) return {};
    icu::UnicodeString u = Unicode(pad ? " " + std::string(text) + " " : std::string(text));
    t->transliterate(u);
    std::string out = Utf8(u);
    return pad && out.size() >= 2 ? out.substr(1, out.size() - 2) : out;
  }

  const icu::Transliterator* FromFile(const std::string& name) const {
    return Compile(files_.rules_dir + "/" + name);
  }

  // Our rules, compiled once per file; null (and a problem) if they cannot be.
  const icu::Transliterator* Compile(const std::string& path) const {
    auto it = cache_.find(path);
    if (it != cache_.end()) return it->second.get();
    std::unique_ptr<icu::Transliterator>& t = cache_[path];
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      problems_.push_back(path + ": cannot read the transliteration rules");
      return nullptr;
    }
    UParseError where{};
    UErrorCode status = U_ZERO_ERROR;
    t.reset(icu::Transliterator::createFromRules(icu::UnicodeString::fromUTF8(path), Unicode(bytes.str()),
                                                 UTRANS_FORWARD, where, status));
    if (U_FAILURE(status) || !t) {
      t.reset();
      problems_.push_back(path + ":" + WhereInFile(bytes.str(), where) + ": " + u_errorName(status));
    }
    return t.get();
  }

  // ICU's own transliterators, created once (each loads its rules from ICU's data).
  const icu::Transliterator* BuiltIn(const std::string& id) const {
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second.get();
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator>& t = cache_[id];
    t.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) {
      t.reset();
      problems_.push_back("ICU has no transliterator " + id + " (" + u_errorName(status) + ")");
    }
    return t.get();
  }

  // Each Yi syllable's Unicode name is its romanization ("YI SYLLABLE NUOP": nuop), as in the
  // Nuosu pinyin table of Debian's m17n-db (ii-phonetic.mim). A final t, x or p is the tone
  // (the mid tone has none) and may be left out. ꀕ repeats the syllable before it.
  std::string YiRomanization(std::string_view folded) const {
    static constexpr std::string_view kPrefix = "YI SYLLABLE ";
    icu::UnicodeString u = Unicode(folded), out;
    icu::UnicodeString last;  // the previous syllable's reading
    bool any = false;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
      const UChar32 c = u.char32At(i);
      char name[64];
      UErrorCode status = U_ZERO_ERROR;
      const int32_t n = u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
      std::string_view s(name, U_SUCCESS(status) ? static_cast<size_t>(n) : 0);
      if (!s.starts_with(kPrefix)) {
        out.append(c);
        last.remove();
        continue;
      }
      any = true;
      if (c == 0xA015 && !last.isEmpty()) {  // the iteration mark
        out.append(last);
        continue;
      }
      std::string reading(s.substr(kPrefix.size()));
      for (char& ch : reading) ch = static_cast<char>(ch - 'A' + 'a');
      icu::UnicodeString r = icu::UnicodeString::fromUTF8(reading);
      const char tone = reading.back();
      if (reading.size() > 1 && (tone == 't' || tone == 'x' || tone == 'p'))
        r.insert(r.length() - 1, static_cast<UChar32>(kOptionalLetter));
      out.append(r);
      last = r;
    }
    return any ? Utf8(out) : std::string();
  }

  TransliterationFiles files_;
  mutable std::map<std::string, std::unique_ptr<icu::Transliterator>> cache_;  // by file or ICU id
  mutable std::vector<std::string> problems_;
};

}  // namespace

std::unique_ptr<ScriptReadings> ScriptReadings::Create(const TransliterationFiles& files) {
  return std::make_unique<ReadingsImpl>(files);
}

}  // namespace qiao::i18n
#endif  // QIAO_MAKES_SEARCH_KEYS
