// Locales and UI message catalogs (locales/). ICU MessageFormat for plurals and placeholders,
// a fallback chain per locale (ug -> zh-Hans -> en), and the metadata the rest of the app needs
// to show and speak a language: endonym, script, speech voice. (Direction is the text engine's:
// text::DirectionOf; fonts are its font table, app/text/fonts.json.)
#pragma once

#include "support/json_source.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace qiao::i18n {

struct LocaleInfo {
  std::string tag;           // BCP 47: zh-Hans, en, ug, bo, ii, ko, mn, mn-Mong, kk-Arab, za
  std::string endonym;       // the language's name in its own script
  std::string english_name;
  std::string script;        // ISO 15924
  std::vector<std::string> fallback;  // tried after `tag`, in order
  std::string speech;        // espeak-ng voice, or "recorded"
};

// One string's own review ("reviews" in the catalog), as a pack text's "review": "reviewed"
// names who and when; "draft" (changed since the catalog's reviewed status was given) names nobody.
struct StringReview {
  std::string status;  // reviewed | draft
  std::string by;
  std::string date;    // YYYY-MM-DD, not after the day the catalog is read
};

struct Catalog {
  std::string tag;
  std::string status;  // source | draft | reviewed: for every string without its own review
  std::map<std::string, std::string> strings;
  std::map<std::string, StringReview> reviews;  // key -> that string's own review
  // key -> CRC-32 of the zh-Hans source the translation was made from (written by qiao-pack po
  // import): a different hash today means the translation is stale (tools::StatusOfKey).
  std::map<std::string, std::string> source_hashes;
  // key -> how the string reads in another script, written by the translator, for speech
  // ("readings" in the catalog; mn-Mong: Cyrillic, read by the mn voice). A MessageFormat
  // pattern with the same arguments as the string.
  std::map<std::string, std::string> readings;
};

// A resolved UI string: the text and the locale it actually came from (fallback may apply).
struct Message {
  std::string text;
  std::string lang;
  std::string reading = {};  // the catalog's reading of `text` (Catalog::readings), formatted
};

// Named MessageFormat arguments: numbers (plural/number formatting) or strings.
using ArgValue = std::variant<double, std::string>;
using Args = std::vector<std::pair<std::string, ArgValue>>;

class Translator {
 public:
  // Loads locales/locales.json and every locales/<tag>.json. Problems go to errors(); the
  // translator still works with whatever loaded (and with the key itself as a last resort).
  static std::unique_ptr<Translator> Load(const std::string& folder);
  ~Translator();

  const std::vector<LocaleInfo>& locales() const { return locales_; }
  const LocaleInfo* Find(std::string_view tag) const;
  const std::vector<support::LoadError>& errors() const { return errors_; }

  // Switches the UI language. Unknown tags fall back to the first locale.
  void SetLocale(std::string_view tag);
  const std::string& locale() const { return current_; }
  const LocaleInfo& info() const;
  // [locale, fallback...]: also the order in which content texts are resolved.
  const std::vector<std::string>& chain() const { return chain_; }

  // The message for `key` in the current chain, formatted with `args` (ICU MessageFormat).
  Message Get(std::string_view key, const Args& args = {}) const;
  // Same, in an explicit locale chain (e.g. the picker shows each language's own title).
  Message GetIn(std::string_view tag, std::string_view key, const Args& args = {}) const;
  bool Has(std::string_view tag, std::string_view key) const;
  const Catalog* catalog(std::string_view tag) const;

 private:
  Translator() = default;
  std::vector<std::string> ChainFor(std::string_view tag) const;
  Message Resolve(const std::vector<std::string>& chain, std::string_view key, const Args& args) const;
  // Get and GetIn through one cache; `chain` null: ChainFor(tag), built only on a miss.
  Message Memoised(std::string_view tag, const std::vector<std::string>* chain, std::string_view key,
                   const Args& args) const;

  std::vector<LocaleInfo> locales_;
  std::map<std::string, Catalog, std::less<>> catalogs_;
  std::vector<support::LoadError> errors_;
  std::string current_;
  std::vector<std::string> chain_;
  mutable std::unordered_map<std::string, Message> cache_;
  mutable std::string key_buffer_;  // Memoised's lookup key, reused
};

// Formats an ICU MessageFormat pattern. Returns false (and leaves `out` untouched) if the
// pattern is invalid, with a message in `error`.
bool FormatMessage(std::string_view pattern, std::string_view tag, const Args& args,
                   std::string* out, std::string* error = nullptr);

// Parses one UI catalog (locales/<tag>.json). Problems are appended to `errors` with
// file:line:col and pointer; returns false if nothing of it is usable.
bool ParseCatalog(std::string_view bytes, const std::string& file, const std::string& tag,
                  Catalog* out, std::vector<support::LoadError>* errors);

// The ICU locale to use for a tag whose script ICU has no data for (mn-Mong -> mn, kk-Arab -> kk).
std::string IcuLocaleFor(std::string_view tag);

}  // namespace qiao::i18n
