#include "ui/library_search.h"

#include "ui/texts.h"


#include <optional>

namespace qiao::ui {

LibrarySearch::LibrarySearch() = default;
LibrarySearch::~LibrarySearch() = default;

void LibrarySearch::Invalidate() {
  indexes_.clear();
  bundle_.clear();
  last_locale_.clear();
  last_query_.clear();
  last_hits_.clear();
}

void LibrarySearch::UseBundleIndex(const content::BundleIndex& index, std::vector<std::string>* problems) {
  Invalidate();
  for (const auto& [locale, entries] : index) {
    std::vector<BundleEntry>& out = bundle_[locale];
    for (size_t i = 0; i < entries.size(); ++i) {
      BundleEntry entry{entries[i].route, {}};
      for (size_t k = 0; k < entries[i].search.size(); ++k) {
        if (std::optional<i18n::SearchKey> decoded = i18n::SearchKey::Decode(entries[i].search[k]))
          entry.keys.push_back(std::move(*decoded));
        else
          problems->push_back("/index/" + locale + "/" + std::to_string(i) + "/search/" + std::to_string(k) +
                              ": not a search key");
      }
      out.push_back(std::move(entry));
    }
  }
}

LibrarySearch::LocaleIndex& LibrarySearch::IndexFor(const content::Library& library, const Texts& texts,
                                                    const std::string& locale) {
  auto made = indexes_.find(locale);
  if (made != indexes_.end()) return made->second;
  LocaleIndex& index = indexes_[locale];
  auto add = [&](SearchHit hit, const std::vector<i18n::SearchKey>& keys) {
    for (const i18n::SearchKey& k : keys) {
      index.keys.Add(k);
      index.hit_of_key.push_back(static_cast<uint32_t>(index.hits.size()));
    }
    index.hits.push_back(std::move(hit));
  };
  if (auto bundled = bundle_.find(locale); bundled != bundle_.end()) {
    // Keys and order as the bundle made them; the words shown come from the library.
    for (const BundleEntry& e : bundled->second) {
      std::optional<Route> route = ParseRoute(e.route);
      const content::Lesson* l = route && route->kind == Route::Kind::kLesson ? library.FindLesson(route->id) : nullptr;
      const content::Guide* g = route && route->kind == Route::Kind::kGuide ? library.FindGuide(route->id) : nullptr;
      if (l) add({*route, texts.Pack(l->title), texts.Pack(l->summary)}, e.keys);
      if (g) add({*route, texts.Pack(g->title), texts.Pack(g->summary)}, e.keys);
    }
    return index;
  }
#if QIAO_MAKES_SEARCH_KEYS
  if (!searcher_) searcher_ = i18n::Searcher::Create(i18n::PinyinReadingsFile());
  struct Entry {
    SearchHit hit;
    std::vector<i18n::SearchKey> keys;
  };
  std::vector<Entry> entries;
  std::vector<std::string> titles;
  const std::vector<std::string>& chain = texts.translator().chain();
  auto collect = [&](Route route, const content::LocalizedText& title, const content::LocalizedText& summary) {
    Entry e{{std::move(route), texts.Pack(title), texts.Pack(summary)}, {}};
    for (const content::LocalizedText* text : {&title, &summary}) {  // as `qiao-pack bundle` does
      const content::LocalizedText::Resolved shown = text->Resolve(chain);
      for (i18n::SearchKey& k : i18n::KeysOfShownText(*searcher_, shown.text, shown.lang, text->by_locale))
        e.keys.push_back(std::move(k));
    }
    titles.push_back(e.hit.title.text);
    entries.push_back(std::move(e));
  };
  for (const content::Lesson* l : library.Lessons()) collect(Route::Lesson(l->id), l->title, l->summary);
  for (const content::Guide* g : library.Guides()) collect(Route::Guide(g->id), g->title, g->summary);
  for (size_t i : i18n::CollatedOrder(titles, locale)) add(std::move(entries[i].hit), entries[i].keys);
#endif
  // Without ICU's collation and transliteration (the browser), only a bundle's locales have
  // keys: another locale finds nothing (the page loads the bundle of the learner's language).
  return index;
}

const std::vector<const SearchHit*>& LibrarySearch::Find(const std::string& query, const content::Library& library,
                                                         const Texts& texts, const std::string& locale) {
  if (query == last_query_ && locale == last_locale_) return last_hits_;
  LocaleIndex& index = IndexFor(library, texts, locale);
  last_locale_ = locale;
  last_query_ = query;
  last_hits_.clear();
  const std::string q = i18n::FoldQuery(query);
  if (q.empty()) return last_hits_;
  std::vector<char> seen(index.hits.size());
  for (uint32_t key : index.keys.Find(q)) seen[index.hit_of_key[key]] = 1;  // its title, summary or a reading
  for (size_t i = 0; i < index.hits.size(); ++i)
    if (seen[i]) last_hits_.push_back(&index.hits[i]);
  return last_hits_;
}

}  // namespace qiao::ui
