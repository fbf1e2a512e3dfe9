// Search over lesson and guide titles, and collation for sorted lists. ICU does the language
// work: NFKC case folding, "Han-Latin; Latin-ASCII" for pinyin (created once: ~76 ms), and the
// locale's collator. For Chinese a learner may type the characters, toneless pinyin, initials,
// or a mix ("社保卡", "shebaoka", "sbk", "shebk"); a polyphonic character matches each of its
// standard readings (行: xing, hang, heng), from Unihan's kTGHZ2013 field (the 8105 characters
// of the 2013 standard list with all their readings; Debian's unicode-data ships it).
#pragma once

#include <cstdint>
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
  // missing, each character has only ICU's one reading. Never returns null. Not thread-safe
  // (readings are remembered per character): one Searcher per thread.
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

  // Every unit: one byte (0x80 if Han, | the number of alternatives), then each alternative as
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

// Indices of `texts` in the locale's collation order (zh-Hans: pinyin; ug, bo: their own
// tailorings; mn-Mong, kk-Arab, za: see IcuLocaleFor).
std::vector<size_t> CollatedOrder(const std::vector<std::string>& texts, std::string_view tag);
// The ICU collation sort key, hex: comparing two keys as strings orders the texts as the
// collator would (for a bundle read where no ICU collation data is shipped).
std::string SortKeyHex(std::string_view text, std::string_view tag);

}  // namespace qiao::i18n
