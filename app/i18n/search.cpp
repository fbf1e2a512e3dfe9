#include "i18n/search.h"

#include "i18n/i18n.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cctype>
#include <utility>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>

#if QIAO_MAKES_SEARCH_KEYS
#include <unicode/coll.h>
#include <unicode/translit.h>
#endif

namespace qiao::i18n {

namespace {

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

bool Dropped(UChar32 c) { return u_isUWhiteSpace(c) || u_ispunct(c) || u_charType(c) == U_CONTROL_CHAR; }

// NFKC case folding. Where ICU has no data for it (the browser build ships none), NFC and case
// folding, both built into ICU's code: the same for every query but compatibility characters
// (full-width letters), which learners' keyboards do not type.
icu::UnicodeString FoldU(std::string_view text, const icu::Normalizer2* fold, const icu::Normalizer2* nfc) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  if (!fold) {
    icu::UnicodeString composed = nfc ? nfc->normalize(s, status) : s;
    return (U_SUCCESS(status) ? composed : s).foldCase();
  }
  icu::UnicodeString out = fold->normalize(s, status);
  return U_SUCCESS(status) ? out : s;
}

// FoldU without spaces and punctuation: what a query is matched as.
std::string FoldQueryWith(std::string_view query, const icu::Normalizer2* fold, const icu::Normalizer2* nfc) {
  icu::UnicodeString folded = FoldU(query, fold, nfc), out;
  for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1))
    if (!Dropped(folded.char32At(i))) out.append(folded.char32At(i));
  return Utf8(out);
}

#if QIAO_MAKES_SEARCH_KEYS
class SearcherImpl : public Searcher {
 public:
  SearcherImpl(const std::string& readings_file, const TransliterationFiles& files)
      : scripts_(ScriptReadings::Create(files)), readings_file_(readings_file) {
    UErrorCode status = U_ZERO_ERROR;
    fold_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) fold_ = nullptr;  // the browser ships no nfkc_cf data: see FoldU
    status = U_ZERO_ERROR;
    nfc_ = icu::Normalizer2::getNFCInstance(status);  // built into ICU's code
    status = U_ZERO_ERROR;
    nfd_ = icu::Normalizer2::getNFDInstance(status);
  }

  SearchKey MakeKey(std::string_view text) const override { return KeyOf(FoldU(text)); }

  std::vector<SearchKey> MakeKeys(std::string_view text, std::string_view lang) const override {
    const icu::UnicodeString folded = FoldU(text);
    std::vector<SearchKey> keys = {KeyOf(folded)};
    for (const std::string& reading : scripts_->Of(Utf8(folded), lang)) {
      keys.push_back(KeyOf(FoldU(reading)));
      if (lang == "ug") AllowRaisedVowels(&keys.back());
    }
    return keys;
  }

  std::vector<std::string> problems() const override { return scripts_->problems(); }

  std::string Fold(std::string_view query) const override { return FoldQueryWith(query, fold_, nfc_); }

  // Remembered per character: ICU's transliterator takes tens of microseconds a call, and a
  // library of guides repeats the same few thousand Hanzi. Bounded: Unicode has ~98,000 Han
  // characters, and a kiosk running for months must not grow toward all of them (random or
  // hostile input); past the bound the cache starts again, costing one recomputation each.
  std::vector<std::string> Readings(char32_t c) const override {
    auto cached = readings_cache_.find(c);
    if (cached != readings_cache_.end()) return cached->second;
    std::vector<std::string> out = ComputeReadings(c);
    if (readings_cache_.size() >= kMaxCachedReadings) readings_cache_.clear();
    readings_cache_.emplace(c, out);
    return out;
  }

 private:
  struct LatinUnit {
    SearchKey::Unit unit;
    bool latin = false;  // of a Latin letter: a combining mark after it joins it
  };

  // Uyghur writes a and e raised to i (or é) in an open syllable before a suffix: سالاھىيەت
  // salahiyet, but سالاھىيىتىنى salahiyitini. A learner types the word as they know it, so in
  // the Latin reading an i may stand for a typed e or a, and an é for an a (e it has already).
  static void AllowRaisedVowels(SearchKey* key) {
    for (SearchKey::Unit& u : key->units) {
      if (u.alternatives.empty()) continue;
      if (u.alternatives[0] == "i") u.alternatives.insert(u.alternatives.end(), {"e", "a"});
      else if (u.alternatives[0] == "é") u.alternatives.push_back("a");
    }
  }

  // One unit per code point of `folded` (spaces and punctuation dropped). A code point after
  // kOptionalLetter makes an optional unit; a combining mark left after a Latin letter (ICU's
  // Latin for Kazakh writes ī̆) stays with its letter.
  SearchKey KeyOf(const icu::UnicodeString& folded) const {
    std::vector<LatinUnit> units;
    bool optional = false;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
      const UChar32 c = folded.char32At(i);
      if (c == static_cast<UChar32>(kOptionalLetter)) {
        optional = true;
        continue;
      }
      if (Dropped(c)) continue;
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(c, &status);
      if (u_charType(c) == U_NON_SPACING_MARK && !units.empty() && units.back().latin) {
        units.back().unit.alternatives[0] += Utf8(icu::UnicodeString(c));
        continue;
      }
      LatinUnit u;
      u.unit.optional = std::exchange(optional, false);
      u.unit.alternatives.push_back(Utf8(icu::UnicodeString(c)));
      if (script == USCRIPT_HAN) {
        u.unit.han = true;
        for (std::string& r : Readings(c)) u.unit.alternatives.push_back(std::move(r));
      } else if (script == USCRIPT_LATIN) {
        u.latin = true;
        if (c >= 0x80)
          if (std::string plain = Ascii(c); !plain.empty() && plain != u.unit.alternatives[0])
            u.unit.alternatives.push_back(std::move(plain));
      }
      units.push_back(std::move(u));
    }
    SearchKey key;
    for (LatinUnit& u : units) key.units.push_back(std::move(u.unit));
    return key;
  }
  // é -> e, ö -> o, ß -> ss (ICU's Latin-ASCII), remembered per letter; empty if ICU has none.
  std::string Ascii(UChar32 c) const {
    auto cached = ascii_cache_.find(c);
    if (cached != ascii_cache_.end()) return cached->second;
    if (!ascii_tried_) {
      ascii_tried_ = true;
      UErrorCode status = U_ZERO_ERROR;
      ascii_.reset(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
      if (U_FAILURE(status)) ascii_.reset();
    }
    std::string out;
    if (ascii_) {
      icu::UnicodeString s(c);
      ascii_->transliterate(s);
      out = Utf8(s);
      // Only plain letters: anything else (a letter ICU leaves alone) is no alternative.
      if (!std::all_of(out.begin(), out.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }))
        out.clear();
      for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (ascii_cache_.size() >= kMaxCachedReadings) ascii_cache_.clear();
    ascii_cache_.emplace(c, out);
    return out;
  }

  std::vector<std::string> ComputeReadings(char32_t c) const {
    // Made on the first Han character, not before: a search over a bundle's keys only folds
    // queries, and needs neither (the browser has no data for Han-Latin).
    if (!han_ready_) {
      han_ready_ = true;
      UErrorCode status = U_ZERO_ERROR;
      pinyin_.reset(icu::Transliterator::createInstance("Han-Latin", UTRANS_FORWARD, status));
      if (U_FAILURE(status)) pinyin_.reset();
      LoadReadings(readings_file_);
    }
    std::vector<std::string> plain, toned;
    auto add = [](std::vector<std::string>& list, std::string r) {
      if (!r.empty() && std::find(list.begin(), list.end(), r) == list.end()) list.push_back(std::move(r));
    };
    if (pinyin_) {
      icu::UnicodeString s(static_cast<UChar32>(c));
      pinyin_->transliterate(s);
      if (s != icu::UnicodeString(static_cast<UChar32>(c))) {
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString composed = nfc_ ? nfc_->normalize(s, status) : s;
        std::string r = Utf8(U_SUCCESS(status) ? composed : s);
        r.erase(std::remove(r.begin(), r.end(), ' '), r.end());
        add(plain, Toneless(r).first);
        add(toned, r);
      }
    }
    if (auto it = readings_.find(c); it != readings_.end())
      for (const std::string& r : it->second) {
        auto [p, v] = Toneless(r);
        add(plain, p);
        add(plain, v);
        add(toned, r);
      }
    for (std::string& r : toned) add(plain, std::move(r));  // toned after every toneless one
    return plain;
  }

  // "lǜ" -> {"lu", "lv"} (ü is also typed v); "háng" -> {"hang", "hang"}.
  std::pair<std::string, std::string> Toneless(const std::string& toned) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString d = nfd_->normalize(icu::UnicodeString::fromUTF8(toned), status);
    std::string plain, with_v;
    for (int32_t i = 0; i < d.length(); ++i) {
      UChar ch = d.charAt(i);
      if (ch == 0x0308 && !with_v.empty()) with_v.back() = 'v';  // u + diaeresis
      if (ch >= 0x0300 && ch <= 0x036F) continue;
      if (ch < 0x80) {
        plain += static_cast<char>(ch);
        with_v += static_cast<char>(ch);
      }
    }
    return {plain, with_v};
  }

  icu::UnicodeString FoldU(std::string_view text) const { return i18n::FoldU(text, fold_, nfc_); }

  // "U+884C\tkTGHZ2013\t131.140:háng 136.100:héng 408.120:xíng" -> 行: háng, héng, xíng (NFC).
  void LoadReadings(const std::string& file) const {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.starts_with("U+")) continue;
      std::istringstream fields(line);
      std::string cp, field;
      fields >> cp >> field;
      if (field != "kTGHZ2013") continue;
      char32_t c = static_cast<char32_t>(std::stoul(cp.substr(2), nullptr, 16));
      std::vector<std::string>& list = readings_[c];
      for (std::string entry; fields >> entry;) {
        std::string toned = entry.substr(entry.find(':') + 1);
        if (std::find(list.begin(), list.end(), toned) == list.end()) list.push_back(toned);
      }
    }
  }

  std::unique_ptr<ScriptReadings> scripts_;
  const icu::Normalizer2* fold_ = nullptr;
  const icu::Normalizer2* nfc_ = nullptr;
  const icu::Normalizer2* nfd_ = nullptr;
  std::string readings_file_;
  mutable bool han_ready_ = false;  // pinyin_ and readings_ made
  mutable std::unique_ptr<icu::Transliterator> pinyin_;  // Han-Latin: pinyin with tone marks
  mutable std::unique_ptr<icu::Transliterator> ascii_;  // Latin-ASCII, made on first use
  mutable bool ascii_tried_ = false;
  mutable std::unordered_map<UChar32, std::string> ascii_cache_;
  mutable std::unordered_map<char32_t, std::vector<std::string>> readings_;
  // The 8,105 characters of the 2013 standard list fit twice over.
  static constexpr size_t kMaxCachedReadings = 16384;
  mutable std::unordered_map<char32_t, std::vector<std::string>> readings_cache_;
};

std::unique_ptr<icu::Collator> MakeCollator(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> c(
      icu::Collator::createInstance(icu::Locale::forLanguageTag(IcuLocaleFor(tag), status), status));
  if (U_FAILURE(status)) return nullptr;
  return c;
}
#endif  // QIAO_MAKES_SEARCH_KEYS

}  // namespace

#if QIAO_MAKES_SEARCH_KEYS
std::unique_ptr<Searcher> Searcher::Create(const std::string& readings_file, const TransliterationFiles& files) {
  return std::make_unique<SearcherImpl>(readings_file, files);
}
#endif

std::string FoldQuery(std::string_view query) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) fold = nullptr;  // no nfkc_cf data (the browser): NFC + case folding
  status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return FoldQueryWith(query, fold, U_SUCCESS(status) ? nfc : nullptr);
}

std::string_view CompanionLanguage(std::string_view lang) { return lang == "mn-Mong" ? "mn" : ""; }

std::vector<SearchKey> KeysOfShownText(const Searcher& searcher, std::string_view text, std::string_view lang,
                                       const std::map<std::string, std::string>& translations) {
  std::vector<SearchKey> keys = searcher.MakeKeys(text, lang);
  const std::string companion(CompanionLanguage(lang));
  if (auto it = translations.find(companion); !companion.empty() && it != translations.end())
    for (SearchKey& k : searcher.MakeKeys(it->second, companion)) keys.push_back(std::move(k));
  return keys;
}

std::string SearchKey::Encode() const {
  auto usable = [](const std::string& a) { return !a.empty() && a.find_first_of(" /?") == std::string::npos; };
  std::string out;
  for (const Unit& unit : units) {
    if (unit.alternatives.empty() || !usable(unit.alternatives[0])) continue;  // never from MakeKey
    if (!out.empty()) out += ' ';
    if (unit.optional) out += '?';
    out += unit.alternatives[0];
    for (size_t i = 1; i < unit.alternatives.size(); ++i)
      if (usable(unit.alternatives[i])) (out += '/') += unit.alternatives[i];
  }
  return out;
}

std::optional<SearchKey> SearchKey::Decode(std::string_view text) {
  SearchKey key;
  while (!text.empty()) {
    const size_t space = text.find(' ');
    std::string_view unit_text = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    Unit unit;
    if (unit_text.starts_with('?')) {
      unit.optional = true;
      unit_text.remove_prefix(1);
    }
    while (true) {
      const size_t slash = unit_text.find('/');
      std::string_view alt = unit_text.substr(0, slash);
      if (alt.empty()) return std::nullopt;
      unit.alternatives.emplace_back(alt);
      if (slash == std::string_view::npos) break;
      unit_text.remove_prefix(slash + 1);
    }
    icu::UnicodeString first = icu::UnicodeString::fromUTF8(unit.alternatives[0]);
    UErrorCode status = U_ZERO_ERROR;
    unit.han = uscript_getScript(first.char32At(0), &status) == USCRIPT_HAN;
    key.units.push_back(std::move(unit));
  }
  return key;
}

bool Matches(const SearchKey& key, std::string_view q) {
  if (q.empty()) return false;
  const size_t n = key.units.size();
  // reach[i]: the query's first i bytes are matched by the units so far. One pass per start.
  std::vector<char> reach(q.size() + 1), next(q.size() + 1);
  for (size_t start = 0; start < n; ++start) {
    std::fill(reach.begin(), reach.end(), 0);
    reach[0] = 1;
    for (size_t j = start; j < n; ++j) {
      std::fill(next.begin(), next.end(), 0);
      bool any = false;
      for (size_t i = 0; i < q.size(); ++i) {
        if (!reach[i]) continue;
        if (key.units[j].optional) next[i] = any = 1;  // left out
        std::string_view rest = q.substr(i);
        for (const std::string& alt : key.units[j].alternatives) {
          if (rest.starts_with(alt)) {
            if (i + alt.size() == q.size()) return true;
            next[i + alt.size()] = any = 1;
          } else if (key.units[j].han && alt.size() > rest.size() && alt.starts_with(rest) &&
                     static_cast<unsigned char>(alt[0]) < 0x80) {
            return true;  // the query ends inside this reading
          }
          if (key.units[j].han && static_cast<unsigned char>(alt[0]) < 0x80 && alt[0] == rest[0]) {
            if (i + 1 == q.size()) return true;
            next[i + 1] = any = 1;  // an initial
          }
        }
      }
      if (!any) break;
      std::swap(reach, next);
    }
  }
  return false;
}

namespace {

// One unit of SearchIndex::units_, read in place.
struct UnitReader {
  bool han, optional;
  unsigned count;
  const unsigned char* next;  // the next alternative's size
  explicit UnitReader(const unsigned char* p)
      : han(*p & 0x80), optional(*p & 0x40), count(*p & 0x3F), next(p + 1) {}
  std::string_view Alternative() {  // the next one
    const size_t size = next[0] | (next[1] << 8);
    std::string_view s(reinterpret_cast<const char*>(next + 2), size);
    next += 2 + size;
    return s;
  }
};

}  // namespace

void SearchIndex::Add(const SearchKey& key) {
  Key k;
  k.begin = static_cast<uint32_t>(units_.size());
  const uint32_t key_number = static_cast<uint32_t>(keys_.size());
  for (const SearchKey::Unit& unit : key.units) {
    const uint32_t at = static_cast<uint32_t>(units_.size());
    // A code point's NFKC case folding is at most a few dozen bytes, a reading a few letters;
    // a hand-made key with more is cut (never from MakeKey).
    const size_t count = std::min<size_t>(unit.alternatives.size(), 0x3F);
    units_ += static_cast<char>((unit.han ? 0x80 : 0) | (unit.optional ? 0x40 : 0) | count);
    for (size_t i = 0; i < count; ++i) {
      std::string_view alt = std::string_view(unit.alternatives[i]).substr(0, 0xFFFF);
      units_ += static_cast<char>(alt.size() & 0xFF);
      units_ += static_cast<char>(alt.size() >> 8);
      units_ += alt;
      if (alt.empty()) k.empty_alternative = true;
      if (alt.empty() || (alt.size() == 1 && static_cast<unsigned char>(alt[0]) >= 0x80)) {
        unusual_ = true;
        continue;
      }
      std::vector<Start>& starts = starts_[StartOf(alt)];
      if (starts.empty() || starts.back().unit != at) starts.push_back({at, key_number});
    }
  }
  k.end = static_cast<uint32_t>(units_.size());
  keys_.push_back(k);
}

void SearchIndex::clear() {
  units_.clear();
  keys_.clear();
  for (std::vector<Start>& s : starts_) s.clear();
  unusual_ = false;
}

// The same walk as Matches() below, over the flat array, from one start unit.
bool SearchIndex::MatchesFrom(uint32_t start, uint32_t end, std::string_view q) const {
  const unsigned char* data = reinterpret_cast<const unsigned char*>(units_.data());
  // reach[i]: the query's first i bytes are matched by the units so far.
  char small[2][64];
  std::vector<char> large;
  char* reach = small[0];
  char* next = small[1];
  if (q.size() + 1 > sizeof small[0]) {
    large.resize(2 * (q.size() + 1));
    reach = large.data();
    next = large.data() + q.size() + 1;
  }
  std::fill(reach, reach + q.size() + 1, 0);
  reach[0] = 1;
  for (uint32_t j = start; j < end;) {
    std::fill(next, next + q.size() + 1, 0);
    bool any = false;
    const unsigned char* after = nullptr;  // where the next unit begins
    for (size_t i = 0; i < q.size(); ++i) {
      if (!reach[i]) continue;
      std::string_view rest = q.substr(i);
      UnitReader unit(data + j);
      if (unit.optional) next[i] = any = 1;  // left out
      for (unsigned a = 0; a < unit.count; ++a) {
        std::string_view s = unit.Alternative();
        if (rest.starts_with(s)) {
          if (i + s.size() == q.size()) return true;
          next[i + s.size()] = any = 1;
        } else if (unit.han && s.size() > rest.size() && s.starts_with(rest) &&
                   static_cast<unsigned char>(s[0]) < 0x80) {
          return true;  // the query ends inside this reading
        }
        if (unit.han && static_cast<unsigned char>(s[0]) < 0x80 && s[0] == rest[0]) {
          if (i + 1 == q.size()) return true;
          next[i + 1] = any = 1;  // an initial
        }
      }
      after = unit.next;
    }
    if (!any) return false;
    j = static_cast<uint32_t>(after - data);
    std::swap(reach, next);
  }
  return false;
}

// A start unit none of whose alternatives begins with the query's first byte cannot begin a
// match: skipped.
bool SearchIndex::Matches(size_t index, std::string_view q) const {
  if (q.empty()) return false;
  const Key& key = keys_[index];
  const unsigned char* data = reinterpret_cast<const unsigned char*>(units_.data());
  for (uint32_t start = key.begin; start < key.end;) {
    UnitReader unit(data + start);
    bool can_start = key.empty_alternative;
    for (unsigned a = 0; a < unit.count; ++a) {
      std::string_view s = unit.Alternative();
      can_start = can_start || (!s.empty() && s[0] == q[0]);
    }
    if (can_start && MatchesFrom(start, key.end, q)) return true;
    start = static_cast<uint32_t>(unit.next - data);
  }
  return false;
}

std::vector<uint32_t> SearchIndex::Find(std::string_view q) const {
  std::vector<uint32_t> found;
  if (q.empty()) return found;
  if (unusual_ || (static_cast<unsigned char>(q[0]) >= 0x80 && q.size() < 2)) {  // (never from MakeKey and Fold)
    for (uint32_t k = 0; k < keys_.size(); ++k)
      if (Matches(k, q)) found.push_back(k);
    return found;
  }
  // Units are stored in key order, so the keys come out ascending.
  for (const Start& s : starts_[StartOf(q)]) {
    if (!found.empty() && found.back() == s.key) continue;  // already found
    if (MatchesFrom(s.unit, keys_[s.key].end, q)) found.push_back(s.key);
  }
  return found;
}

#if QIAO_MAKES_SEARCH_KEYS
std::vector<size_t> CollatedOrder(const std::vector<std::string>& texts, std::string_view tag) {
  std::vector<size_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::unique_ptr<icu::Collator> collator = MakeCollator(tag);
  if (!collator) return order;
  std::vector<icu::UnicodeString> u;
  for (const std::string& t : texts) u.push_back(icu::UnicodeString::fromUTF8(t));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    UErrorCode status = U_ZERO_ERROR;
    return collator->compare(u[a], u[b], status) == UCOL_LESS;
  });
  return order;
}

std::string SortKeyHex(std::string_view text, std::string_view tag) {
  std::unique_ptr<icu::Collator> collator = MakeCollator(tag);
  if (!collator) return {};
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  int32_t len = collator->getSortKey(u, nullptr, 0);
  std::vector<uint8_t> bytes(len);
  collator->getSortKey(u, bytes.data(), len);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    if (b == 0) break;  // the key ends with a terminating zero
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}
#endif  // QIAO_MAKES_SEARCH_KEYS

}  // namespace qiao::i18n
