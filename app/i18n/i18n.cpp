#include "i18n/i18n.h"

#include "content/pack.h"

#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <filesystem>

namespace qiao::i18n {

using nlohmann::json;
using content::LoadError;

std::string IcuLocaleFor(std::string_view tag) {
  // ICU 72 has no data for these script variants; plural rules and number formats of the
  // language itself are the right ones.
  if (tag == "mn-Mong") return "mn";
  if (tag == "kk-Arab") return "kk";
  if (tag == "zh-Hans") return "zh";
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

bool ParseCatalog(std::string_view bytes, const std::string& file, const std::string& tag,
                  Catalog* out, std::vector<LoadError>* errors) {
  content::JsonParseResult parsed = content::ParseJsonWithPositions(bytes, file);
  if (!parsed.ok) {
    errors->push_back(parsed.error);
    return false;
  }
  const json& root = parsed.doc.root;
  if (!root.is_object() || !root.contains("strings") || !root["strings"].is_object()) {
    errors->push_back(parsed.doc.MakeError("/strings", "expected an object of strings"));
    return false;
  }
  out->tag = tag;
  out->status = root.value("status", json("")).is_string() ? root.value("status", "") : "";
  for (const auto& [key, value] : root["strings"].items()) {
    std::string ptr = content::PointerJoin("/strings", key);
    if (!value.is_string()) {
      errors->push_back(parsed.doc.MakeError(ptr, "expected a string"));
      continue;
    }
    // Check the pattern now, so a broken translation is reported at start-up, not when
    // a learner reaches the screen. It falls back to the next language instead.
    std::string formatted, why;
    if (!FormatMessage(value.get<std::string>(), tag, {}, &formatted, &why) &&
        why.starts_with("invalid")) {
      errors->push_back(parsed.doc.MakeError(ptr, why));
      continue;
    }
    out->strings[key] = value.get<std::string>();
  }
  return true;
}

Translator::~Translator() = default;

std::unique_ptr<Translator> Translator::Load(const std::string& folder) {
  std::unique_ptr<Translator> t(new Translator());
  namespace fs = std::filesystem;
  const std::string meta_path = (fs::path(folder) / "locales.json").string();
  std::string bytes, error;
  if (!content::ReadFile(meta_path, &bytes, &error)) {
    t->errors_.push_back({meta_path, 0, 0, "", error});
  } else {
    content::JsonParseResult parsed = content::ParseJsonWithPositions(bytes, meta_path);
    if (!parsed.ok) {
      t->errors_.push_back(parsed.error);
    } else {
      const json& root = parsed.doc.root;
      const json* list = root.is_object() && root.contains("locales") ? &root["locales"] : nullptr;
      if (!list || !list->is_array()) {
        t->errors_.push_back(parsed.doc.MakeError("/locales", "expected a list of locales"));
      } else {
        for (size_t i = 0; i < list->size(); ++i) {
          const json& e = (*list)[i];
          std::string ptr = content::PointerJoin("/locales", i);
          if (!e.is_object() || !e.value("tag", json()).is_string() ||
              !e.value("endonym", json()).is_string()) {
            t->errors_.push_back(parsed.doc.MakeError(ptr, "a locale needs \"tag\" and \"endonym\" strings"));
            continue;
          }
          LocaleInfo info;
          info.tag = e["tag"].get<std::string>();
          info.endonym = e["endonym"].get<std::string>();
          auto str = [&](const char* key) {
            auto it = e.find(key);
            return it != e.end() && it->is_string() ? it->get<std::string>() : std::string();
          };
          auto list_of = [&](const char* key) {
            std::vector<std::string> out;
            auto it = e.find(key);
            if (it != e.end() && it->is_array())
              for (const json& s : *it)
                if (s.is_string()) out.push_back(s.get<std::string>());
            return out;
          };
          info.english_name = str("englishName");
          info.script = str("script");
          info.fallback = list_of("fallback");
          info.speech = str("speech");
          t->locales_.push_back(std::move(info));
        }
      }
    }
  }

  for (const LocaleInfo& info : t->locales_) {
    const std::string path = (fs::path(folder) / (info.tag + ".json")).string();
    if (!content::ReadFile(path, &bytes, &error)) {
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
    if (FormatMessage(it->second, tag, args, &m.text)) return m;
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
