#include "i18n/i18n.h"

#include "support/files.h"
#include "support/json_reader.h"

#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <chrono>
#include <optional>
#include <filesystem>

namespace qiao::i18n {

using support::JsonReader;
using support::LoadError;

std::string IcuLocaleFor(std::string_view tag) {
  // ICU 72 has no data for these script variants; plural rules and number formats of the
  // language itself are the right ones.
  if (tag == "mn-Mong") return "mn";
  if (tag == "kk-Arab") return "kk";
  if (tag == "zh-Hans") return "zh";
  // ICU 72 has no Zhuang at all. Without this, ICU falls back to the process's default locale
  // (the browser's language, or en_US_POSIX under LANG=C: numbers without grouping), so a za
  // learner's numbers would depend on the machine. Root's rules are Zhuang's: no plural forms
  // (CLDR gives it none), numbers grouped as in China (1,234,567).
  if (tag == "za") return "root";
  return std::string(tag);
}

bool FormatMessage(std::string_view pattern, std::string_view tag, const Args& args,
                   std::string* out, std::string* error) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  icu::MessageFormat fmt(icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), pattern.size())),
                         icu::Locale(IcuLocaleFor(tag).c_str()), parse_error, status);
  if (U_FAILURE(status)) {
    if (error) *error = std::string("invalid message pattern (") + u_errorName(status) + ")";
    return false;
  }
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const auto& [name, value] : args) {
    names.push_back(icu::UnicodeString::fromUTF8(name));
    if (const std::string* text = std::get_if<std::string>(&value)) {
      values.emplace_back(icu::UnicodeString::fromUTF8(*text));
    } else {
      double number = std::get<double>(value);
      if (number == static_cast<double>(static_cast<int64_t>(number)))
        values.emplace_back(static_cast<int64_t>(number));
      else
        values.emplace_back(number);
    }
  }
  icu::UnicodeString result;
  fmt.format(names.data(), values.data(), static_cast<int32_t>(args.size()), result, status);
  if (U_FAILURE(status)) {
    if (error) *error = std::string("cannot format message (") + u_errorName(status) + ")";
    return false;
  }
  out->clear();
  result.toUTF8String(*out);
  return true;
}

namespace {

// "YYYY-MM-DD" as a day, or nullopt if it is not a real date written so.
std::optional<std::chrono::sys_days> DayOf(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  for (size_t i = 0, part = 0; i < s.size(); ++i) {
    if (i == 4 || i == 7) {
      ++part;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    parts[part] = parts[part] * 10 + (s[i] - '0');
  }
  using namespace std::chrono;
  const year_month_day ymd{year{parts[0]}, month{static_cast<unsigned>(parts[1])}, day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return std::nullopt;  // months 1-12, no 31 April, 29 February only in leap years
  return sys_days(ymd);
}

// {"reviews": {"nav.back": {"status": "reviewed", "by": "…", "date": "YYYY-MM-DD"}}}: the same
// shape and rules as a pack text's "review" (lessons/README.md), one per key.
void ReadReviews(JsonReader& r, const JsonReader::Value& root, Catalog* out) {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  r.Members(root, "", "reviews", false, [&](std::string_view key, const JsonReader::Value& entry,
                                            const std::string& ptr) {
    if (!r.IsObject(entry, ptr)) return;
    static constexpr std::string_view kStatuses[] = {"reviewed", "draft"};
    StringReview review;
    review.status = r.Enum(entry, ptr, "status", true, kStatuses, "status");
    bool has_by = false, has_date = false;
    review.by = r.String(entry, ptr, "by", false, &has_by);
    review.date = r.String(entry, ptr, "date", false, &has_date);
    bool ok = !review.status.empty();
    if (has_by && review.by.empty()) {
      r.Error(support::PointerJoin(ptr, "by"), "name who reviewed the translation");
      ok = false;
    }
    if (has_date) {
      const auto day = DayOf(review.date);
      if (!day) {
        r.Error(support::PointerJoin(ptr, "date"), "date \"" + review.date + "\" must be a real date written YYYY-MM-DD");
        ok = false;
      } else if (*day > today) {
        r.Error(support::PointerJoin(ptr, "date"), "date \"" + review.date + "\" is in the future: a review is "
                                                   "recorded after it happened");
        ok = false;
      }
    }
    if (review.status == "reviewed" && (!has_by || !has_date)) {
      r.Error(ptr, "a reviewed translation names who reviewed it (\"by\") and when (\"date\")");
      ok = false;
    }
    if (review.status == "draft" && (has_by || has_date)) {
      r.Error(ptr, "a draft names no reviewer: leave out \"by\" and \"date\", or say \"reviewed\"");
      ok = false;
    }
    if (!out->strings.count(std::string(key))) {
      r.Error(ptr, "a review of \"" + std::string(key) + "\", but this catalog has no such string");
      return;
    }
    if (out->status == "source") {
      r.Error(ptr, "a source catalog is what translations are checked against: it is not reviewed string by string");
      return;
    }
    // A review that is not what it says is left out: the string counts as the catalog's status.
    if (ok) out->reviews.emplace(key, std::move(review));
  });
}

}  // namespace

bool ParseCatalog(std::string_view bytes, const std::string& file, const std::string& tag,
                  Catalog* out, std::vector<LoadError>* errors) {
  JsonReader r(bytes, file, errors);
  if (!r.ok() || !r.IsObject(r.root(), "")) return false;
  const JsonReader::Value& root = r.root();
  // For people and the PO tools (locales/README.md); the kiosk shows "strings" and speaks "readings".
  for (const char* key : {"locale", "note", "reviewerNotes"}) r.Field(root, "", key, false);
  out->tag = tag;
  out->status = r.String(root, "", "status", false);
  const JsonReader::Value* strings = r.Field(root, "", "strings", true);
  if (!strings || !r.IsObject(*strings, "/strings")) return false;
  r.ForEachMember(*strings, "/strings", [&](std::string_view key, const JsonReader::Value& value,
                                            const std::string& ptr) {
    std::string text;
    if (!r.AsString(value, ptr, &text)) return;
    // Check the pattern now, so a broken translation is reported at start-up, not when
    // a learner reaches the screen. It falls back to the next language instead.
    std::string formatted, why;
    if (!FormatMessage(text, tag, {}, &formatted, &why) && why.starts_with("invalid")) {
      r.Error(ptr, why);
      return;
    }
    out->strings.emplace(key, std::move(text));
  });
  // {"readings": {"nav.back": "Буцах"}}: a string's reading in another script, for speech.
  r.Members(root, "", "readings", false, [&](std::string_view key, const JsonReader::Value& value,
                                             const std::string& ptr) {
    std::string reading;
    if (!r.AsString(value, ptr, &reading)) return;
    if (reading.empty()) {
      r.Error(ptr, "empty reading: leave it out until it is written");
      return;
    }
    if (!out->strings.count(std::string(key))) {
      r.Error(ptr, "a reading of \"" + std::string(key) + "\", but this catalog has no such string");
      return;
    }
    std::string formatted, why;
    if (!FormatMessage(reading, tag, {}, &formatted, &why) && why.starts_with("invalid")) {
      r.Error(ptr, why);
      return;
    }
    out->readings.emplace(key, std::move(reading));
  });
  ReadReviews(r, root, out);
  r.Members(root, "", "sourceHashes", false, [&](std::string_view key, const JsonReader::Value& value,
                                                 const std::string& ptr) {
    std::string hash;
    if (r.AsString(value, ptr, &hash)) out->source_hashes.emplace(key, std::move(hash));
  });
  r.ReportUnknownFields();
  return true;
}

Translator::~Translator() = default;

std::unique_ptr<Translator> Translator::Load(const std::string& folder) {
  std::unique_ptr<Translator> t(new Translator());
  namespace fs = std::filesystem;
  const std::string meta_path = (fs::path(folder) / "locales.json").string();
  std::string bytes, error;
  if (!support::ReadFile(meta_path, &bytes, &error)) {
    t->errors_.push_back({meta_path, 0, 0, "", error});
  } else {
    JsonReader r(bytes, meta_path, &t->errors_);
    if (r.ok() && r.IsObject(r.root(), "")) {
      r.Array(r.root(), "", "locales", true, [&](const JsonReader::Value& e, const std::string& ptr) {
        if (!r.IsObject(e, ptr)) return;
        LocaleInfo info;
        bool has_tag = false, has_endonym = false;
        info.tag = r.String(e, ptr, "tag", true, &has_tag);
        info.endonym = r.String(e, ptr, "endonym", true, &has_endonym);
        info.english_name = r.String(e, ptr, "englishName", false);
        info.script = r.String(e, ptr, "script", false);
        info.fallback = r.Strings(e, ptr, "fallback", false);
        info.speech = r.String(e, ptr, "speech", false);
        if (has_tag && has_endonym) t->locales_.push_back(std::move(info));
      });
      r.ReportUnknownFields();
    }
  }

  for (const LocaleInfo& info : t->locales_) {
    const std::string path = (fs::path(folder) / (info.tag + ".json")).string();
    if (!support::ReadFile(path, &bytes, &error)) {
      t->errors_.push_back({path, 0, 0, "", "missing catalog: " + error});
      continue;
    }
    Catalog cat;
    if (ParseCatalog(bytes, path, info.tag, &cat, &t->errors_))
      t->catalogs_[info.tag] = std::move(cat);
  }
  if (!t->locales_.empty()) t->SetLocale(t->locales_.front().tag);
  return t;
}

const LocaleInfo* Translator::Find(std::string_view tag) const {
  for (const LocaleInfo& info : locales_)
    if (info.tag == tag) return &info;
  return nullptr;
}

const LocaleInfo& Translator::info() const {
  static const LocaleInfo kNone{"en", "English", "English", "Latn", {}, "en-us"};
  const LocaleInfo* i = Find(current_);
  return i ? *i : kNone;
}

std::vector<std::string> Translator::ChainFor(std::string_view tag) const {
  std::vector<std::string> chain{std::string(tag)};
  if (const LocaleInfo* info = Find(tag))
    for (const std::string& f : info->fallback)
      if (std::find(chain.begin(), chain.end(), f) == chain.end()) chain.push_back(f);
  return chain;
}

void Translator::SetLocale(std::string_view tag) {
  if (!Find(tag) && !locales_.empty()) tag = locales_.front().tag;
  current_ = std::string(tag);
  chain_ = ChainFor(current_);
  cache_.clear();
}

const Catalog* Translator::catalog(std::string_view tag) const {
  auto it = catalogs_.find(tag);
  return it == catalogs_.end() ? nullptr : &it->second;
}

bool Translator::Has(std::string_view tag, std::string_view key) const {
  const Catalog* c = catalog(tag);
  return c && c->strings.count(std::string(key));
}

Message Translator::Resolve(const std::vector<std::string>& chain, std::string_view key,
                            const Args& args) const {
  for (const std::string& tag : chain) {
    const Catalog* c = catalog(tag);
    if (!c) continue;
    auto it = c->strings.find(std::string(key));
    if (it == c->strings.end()) continue;
    Message m{{}, tag};
    if (FormatMessage(it->second, tag, args, &m.text)) {
      if (auto reading = c->readings.find(it->first); reading != c->readings.end())
        FormatMessage(reading->second, tag, args, &m.reading);
      return m;
    }
  }
  // Last resort: the key itself, so a missing string is visible to testers, never blank.
  return Message{std::string(key), "en"};
}

Message Translator::Get(std::string_view key, const Args& args) const {
  return Memoised(current_, &chain_, key, args);
}

Message Translator::GetIn(std::string_view tag, std::string_view key, const Args& args) const {
  return Memoised(tag, nullptr, key, args);
}

Message Translator::Memoised(std::string_view tag, const std::vector<std::string>* chain,
                             std::string_view key, const Args& args) const {
  // The UI asks for every visible string every frame; ICU MessageFormat construction is
  // costly, so formatted results are memoised by (locale, key, arguments) (bounded: cleared when
  // it grows large). The key is built in a buffer kept between calls (no allocation on a hit).
  std::string& cache_key = key_buffer_;
  cache_key.assign(tag).append(1, '\x1f').append(key);
  for (const auto& [name, value] : args) {
    cache_key.append(1, '\x1f').append(name).append(1, '=');
    if (const std::string* text = std::get_if<std::string>(&value)) {
      cache_key.append(1, 's').append(*text);
    } else {
      cache_key += 'n';
      // The number's own bytes: exact, and no formatting (the browser's libc++ has no
      // floating-point to_chars).
      const double number = std::get<double>(value);
      cache_key.append(reinterpret_cast<const char*>(&number), sizeof number);
    }
  }
  if (auto it = cache_.find(cache_key); it != cache_.end()) return it->second;
  if (cache_.size() > 4096) cache_.clear();
  Message m = chain ? Resolve(*chain, key, args) : Resolve(ChainFor(tag), key, args);
  cache_.emplace(cache_key, m);
  return m;
}

}  // namespace qiao::i18n
