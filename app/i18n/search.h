// Search over lesson and guide titles, and collation for sorted lists. ICU does the language
// work: NFKC case folding, "Han-Latin" for pinyin (created once: ~76 ms), transliterators for
// the other scripts a learner may type in (i18n/transliterate.h), Latin-ASCII, and the locale's
// collator. For Chinese a learner may type the characters, pinyin with or without tones,
// initials, or a mix ("社保卡", "shebaoka", "shèbǎokǎ", "sbk", "shebk"); a polyphonic character
// matches each of its standard readings (行: xing, hang, heng), from Unihan's kTGHZ2013 field
// (the 8105 characters of the 2013 standard list with all their readings; Debian's
// unicode-data ships it). A Latin letter with a diacritic is also matched by its plain letter
// (é by e). Other languages are found through their readings in other scripts: ULY "uchur"
// finds ئۇچۇر (ug), "алаяқ" and "alayaq" find Arabic-script Kazakh, Wylie "bsam" finds བསམ,
// "nuosu" finds ꆈꌠ, Latin finds Mongolian, Zhuang is found without its tone letters.
#pragma once

#include "i18n/transliterate.h"

#include <unicode/uconfig.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Whether this build can make search keys and sort keys itself. ICU's build decides
// (unicode/uconfig.h): an ICU built without collation or transliteration (as the browser's
// is: web/README.md "ICU data") has no Searcher, CollatedOrder or SortKeyHex, and search uses
// only the keys `qiao-pack bundle` made (ui::LibrarySearch); SearchKey, SearchIndex, Matches
// and FoldQuery are everywhere.
#define QIAO_MAKES_SEARCH_KEYS (!UCONFIG_NO_COLLATION && !UCONFIG_NO_TRANSLITERATION)

namespace qiao::i18n {

// What a text can be matched by: one unit per letter or character (spaces and punctuation
// dropped); each unit lists what may stand for it. Han units: the character and its readings
// (a reading's first letter also matches, for initials). An optional unit (a tone letter of a
// Zhuang or Yi reading) may be left out of a query.
struct SearchKey {
  struct Unit {
    std::vector<std::string> alternatives;
    bool han = false;
    bool optional = false;
  };
  std::vector<Unit> units;

  // As text, for a bundle (`qiao-pack bundle`): units separated by spaces, a unit's
  // alternatives by '/', an optional unit starts with '?' ("社/she/shè 保/bao/bǎo",
  // "v a ?h"). Never ambiguous: a unit's first alternative is one code point, and spaces and
  // punctuation are never units; an alternative holding ' ', '/' or '?' is left out.
  std::string Encode() const;
  // Han units are known by their first alternative's script, as MakeKey sets them. nullopt
  // for text that is not an encoded key (an empty unit or alternative).
  static std::optional<SearchKey> Decode(std::string_view text);
};

// The Unihan pinyin readings file this build installs (Searcher::Create's readings_file): the
// build tree's, /usr/share/qiao's in the Debian package (installed_files.cpp).
std::string PinyinReadingsFile();

class Searcher {
 public:
  // `readings_file`: Unihan_Readings lines with kTGHZ2013 (the build extracts them); when it is
  // missing, each character has only ICU's one reading. `files`: the transliteration rules.
  // Never returns null. Not thread-safe (readings are remembered per character, transliterators
  // made on first use): one Searcher per thread.
#if QIAO_MAKES_SEARCH_KEYS
  static std::unique_ptr<Searcher> Create(const std::string& readings_file,
                                          const TransliterationFiles& files = TransliterationFiles::Installed());
#endif
  virtual ~Searcher() = default;

  // The key of the text in its own script.
  virtual SearchKey MakeKey(std::string_view text) const = 0;
  // Every key of `text`, written in language `lang` (the language it is shown in, which may be
  // a fallback's): MakeKey(text), then one per reading in another script (ScriptReadings::Of). A
  // query matches the text if it matches any of them.
  virtual std::vector<SearchKey> MakeKeys(std::string_view text, std::string_view lang) const = 0;
  // Rule files that could not be read or compiled (file:line:column, the rule, ICU's error), so far.
  virtual std::vector<std::string> problems() const = 0;
  // The query as keys see it: NFKC case-folded, spaces and punctuation removed.
  virtual std::string Fold(std::string_view query) const = 0;
  // Readings of a Han character: toneless, ICU's first, then the rest ("行" -> xing, hang,
  // heng), then the same with tone marks (xíng, háng, héng).
  virtual std::vector<std::string> Readings(char32_t c) const = 0;
};

// The query as keys see it: NFKC case-folded, spaces and punctuation removed (Searcher::Fold).
std::string FoldQuery(std::string_view query);

// True if the folded query matches a contiguous run of the key's units: each unit by one of its
// alternatives, a Han unit also by its reading's first letter, an optional unit also by
// nothing; the query may end inside a reading ("sheb" matches 社保).
bool Matches(const SearchKey& key, std::string_view folded_query);

// Many keys in one flat array, with the same verdicts as Matches(): what the home screen
// searches on every keystroke. A library of 10,000 guides holds about a million units; as
// vectors of strings they are scattered over the heap and a keystroke waits on memory. Here
// each unit is a few bytes in key order, and every unit is listed under how each of its
// alternatives begins, so a query is tried only where a match can begin: every way of
// matching needs an alternative that starts with the query's first byte, and a non-ASCII
// query (only ever matched by whole alternatives) one that starts with its first two bytes.
class SearchIndex {
 public:
  // Adds `key` as number size() - 1.
  void Add(const SearchKey& key);
  size_t size() const { return keys_.size(); }
  void clear();
  // Matches(key, folded_query) for the key added as number `index`.
  bool Matches(size_t index, std::string_view folded_query) const;
  // The numbers of all keys that match, ascending.
  std::vector<uint32_t> Find(std::string_view folded_query) const;

 private:
  // Whether the query matches a run of units that starts at byte `start` of units_ and ends
  // before byte `end` (the end of the key).
  bool MatchesFrom(uint32_t start, uint32_t end, std::string_view q) const;

  // Every unit: one byte (0x80 if Han, 0x40 if optional, | the number of alternatives, at most
  // 63), then each alternative as
  // a two-byte size (little-endian) and its bytes.
  std::string units_;
  struct Key {
    uint32_t begin, end;             // its units, bytes of units_
    bool empty_alternative = false;  // an empty alternative matches anywhere: no shortcut
  };
  std::vector<Key> keys_;
  struct Start {
    uint32_t unit;  // byte of units_
    uint32_t key;
  };
  // Start(first bytes) -> units with an alternative that begins so: ASCII by its first byte,
  // UTF-8 by its first two.
  static size_t StartOf(std::string_view s) {
    const unsigned char b0 = static_cast<unsigned char>(s[0]);
    return b0 < 0x80 ? b0 : 0x80 + ((b0 - 0x80) << 8 | static_cast<unsigned char>(s[1]));
  }
  std::vector<std::vector<Start>> starts_ = std::vector<std::vector<Start>>(0x80 + 0x8000);
  // An empty alternative (matches anywhere) or a lone non-ASCII byte: never from MakeKey;
  // Find then tries every key.
  bool unusual_ = false;
};

// A text shown in `lang` is also found by its translation into this language, when it has one:
// mn-Mong -> mn (the same language in Cyrillic; traditional script cannot be turned into
// today's Cyrillic spelling without a dictionary). Empty for every other language.
std::string_view CompanionLanguage(std::string_view lang);

// The keys of a text shown in `lang` (the language it resolved to), and of its translation into
// CompanionLanguage(lang) when `translations` (all of the text's languages) holds one: what the
// home screen and `qiao-pack bundle` search a lesson's or guide's title and summary by.
std::vector<SearchKey> KeysOfShownText(const Searcher& searcher, std::string_view text, std::string_view lang,
                                       const std::map<std::string, std::string>& translations);

#if QIAO_MAKES_SEARCH_KEYS
// Indices of `texts` in the locale's collation order (zh-Hans: pinyin; ug, bo: their own
// tailorings; mn-Mong, kk-Arab, za: see IcuLocaleFor).
std::vector<size_t> CollatedOrder(const std::vector<std::string>& texts, std::string_view tag);
// The ICU collation sort key, hex: comparing two keys as strings orders the texts as the
// collator would (for a bundle read where no ICU collation data is shipped).
std::string SortKeyHex(std::string_view text, std::string_view tag);
#endif

}  // namespace qiao::i18n
