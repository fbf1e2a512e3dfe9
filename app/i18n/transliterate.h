// Readings of a text in the scripts a learner may type its language in instead (issue 14):
// Uyghur Latin (ULY) for ug, Cyrillic and Latin for kk-Arab, Wylie for bo, the Yi romanization
// for ii, Latin for mn and mn-Mong, and Zhuang with its tone letters marked as optional. Search
// keys are made from them (i18n/search.h). All of it is ICU: built-in transliterators where ICU
// has them (mn-mn_Latn/MNS and /BGN, kk-kk_Latn/BGN), Unicode character names for Yi syllables
// (ICU's u_charName: "YI SYLLABLE NUOP"), and our own rule files where it has none
// (locales/translit/*.txt, and the voice's voices/kk-Arab/kk_Arab-kk_Cyrl.txt, the one
// Arabic-to-Cyrillic Kazakh table of the project), each compiled once, on first use.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::i18n {

// Where the rule files are. Installed(): the source tree's, as for catalogs and voices;
// /usr/share/qiao's in the Debian package (installed_files.cpp).
struct TransliterationFiles {
  std::string rules_dir;             // locales/translit
  std::string kazakh_arabic_rules;   // voices/kk-Arab/kk_Arab-kk_Cyrl.txt (also the kk voice's)
  static TransliterationFiles Installed();
};

// In a reading, this character precedes a letter a query may leave out (Zhuang's and Yi's tone
// letters). A private-use code point: no text contains it.
inline constexpr char32_t kOptionalLetter = 0xE000;

class ScriptReadings {
 public:
  // Never null. A rule file that is missing or does not compile is reported by problems()
  // ("file:line:column: \"the rule\": ICU's error") when its language is first asked for; that language then has
  // no reading, and search still finds its texts in their own script.
  static std::unique_ptr<ScriptReadings> Create(const TransliterationFiles& files = TransliterationFiles::Installed());
  virtual ~ScriptReadings() = default;
  // The readings of `folded` (NFKC case-folded text in language `lang`), each a string of
  // letters (not yet folded: ICU's Latin may have capitals). None for a language written only
  // in its own script (zh-Hans's pinyin is per character: i18n/search.h).
  virtual std::vector<std::string> Of(std::string_view folded, std::string_view lang) const = 0;
  virtual std::vector<std::string> problems() const = 0;
};

}  // namespace qiao::i18n
