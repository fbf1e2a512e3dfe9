// Search over lesson and guide titles, and collation for sorted lists. ICU does the language
// work: NFKC case folding, "Han-Latin; Latin-ASCII" for pinyin (created once: ~76 ms), and the
// locale's collator. For Chinese a learner may type the characters, toneless pinyin, initials,
// or a mix ("社保卡", "shebaoka", "sbk", "shebk"); a polyphonic character matches each of its
// standard readings (行: xing, hang, heng), from Unihan's kTGHZ2013 field (the 8105 characters
// of the 2013 standard list with all their readings; Debian's unicode-data ships it).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::i18n {

// What a text can be matched by: one unit per letter or character (spaces and punctuation
// dropped); each unit lists what may stand for it. Han units: the character and its toneless
// readings (a reading's first letter also matches, for initials).
struct SearchKey {
  struct Unit {
    std::vector<std::string> alternatives;
    bool han = false;
  };
  std::vector<Unit> units;
};

class Searcher {
 public:
  // `readings_file`: Unihan_Readings lines with kTGHZ2013 (the build extracts them); when it is
  // missing, each character has only ICU's one reading. Never returns null.
  static std::unique_ptr<Searcher> Create(const std::string& readings_file);
  virtual ~Searcher() = default;

  virtual SearchKey MakeKey(std::string_view text) const = 0;
  // The query as keys see it: NFKC case-folded, spaces and punctuation removed.
  virtual std::string Fold(std::string_view query) const = 0;
  // Toneless readings of a Han character, ICU's first ("行" -> hang? xing?: ICU's, then the rest).
  virtual std::vector<std::string> Readings(char32_t c) const = 0;
};

// True if the folded query matches a contiguous run of the key's units: each unit by one of its
// alternatives, a Han unit also by its reading's first letter; the query may end inside a
// reading ("sheb" matches 社保).
bool Matches(const SearchKey& key, std::string_view folded_query);

// Indices of `texts` in the locale's collation order (zh-Hans: pinyin; ug, bo: their own
// tailorings; mn-Mong, kk-Arab, za: see IcuLocaleFor).
std::vector<size_t> CollatedOrder(const std::vector<std::string>& texts, std::string_view tag);
// The ICU collation sort key, hex: comparing two keys as strings orders the texts as the
// collator would (for a bundle read where no ICU collation data is shipped).
std::string SortKeyHex(std::string_view text, std::string_view tag);

}  // namespace qiao::i18n
