#include "ui/library_search.h"

#include "ui/texts.h"

namespace qiao::ui {

LibrarySearch::LibrarySearch() = default;
LibrarySearch::~LibrarySearch() = default;

const std::vector<const SearchHit*>& LibrarySearch::Find(const std::string& query,
                                                         const content::Library& library,
                                                         const Texts& texts, const std::string& locale) {
  if (!searcher_) searcher_ = i18n::Searcher::Create(QIAO_PINYIN_READINGS);
  if (index_locale_ != locale && BuildFromPrecomputed(library, texts, locale)) {
    index_locale_ = locale;
    last_query_.clear();
    last_hits_.clear();
  }
  if (index_locale_ != locale) {
    // Rebuilt when the language changes: keys are made from the texts the learner sees.
    struct Entry {
      SearchHit hit;
      i18n::SearchKey title_key, summary_key;
    };
    std::vector<Entry> entries;
    std::vector<std::string> titles;
    auto add = [&](Route route, const content::LocalizedText& title, const content::LocalizedText& summary) {
      Entry e;
      e.hit = {std::move(route), texts.Pack(title), texts.Pack(summary)};
      e.title_key = searcher_->MakeKey(e.hit.title.text);
      e.summary_key = searcher_->MakeKey(e.hit.detail.text);
      titles.push_back(e.hit.title.text);
      entries.push_back(std::move(e));
    };
    for (const content::Lesson* l : library.Lessons()) add(Route::Lesson(l->id), l->title, l->summary);
    for (const content::Guide* g : library.Guides()) add(Route::Guide(g->id), g->title, g->summary);
    hits_.clear();
    keys_.clear();
    for (size_t i : i18n::CollatedOrder(titles, locale)) {
      hits_.push_back(std::move(entries[i].hit));
      keys_.Add(entries[i].title_key);
      keys_.Add(entries[i].summary_key);
    }
    index_locale_ = locale;
    last_query_.clear();
    last_hits_.clear();
  }
  if (query == last_query_) return last_hits_;
  last_query_ = query;
  last_hits_.clear();
  const std::string q = searcher_->Fold(query);
  if (q.empty()) return last_hits_;
  for (uint32_t key : keys_.Find(q)) {
    const SearchHit* hit = &hits_[key / 2];  // its title or its summary matched
    if (last_hits_.empty() || last_hits_.back() != hit) last_hits_.push_back(hit);
  }
  return last_hits_;
}

namespace {

i18n::SearchKey ToKey(const std::vector<std::vector<std::string>>& units) {
  i18n::SearchKey key;
  // Only a Han character has alternatives besides itself (its readings): Searcher::MakeKey.
  for (const std::vector<std::string>& alternatives : units) key.units.push_back({alternatives, alternatives.size() > 1});
  return key;
}

}  // namespace

bool LibrarySearch::BuildFromPrecomputed(const content::Library& library, const Texts& texts,
                                         const std::string& locale) {
  if (!precomputed_) return false;
  auto it = precomputed_->find(locale);
  if (it == precomputed_->end()) return false;
  hits_.clear();
  keys_.clear();
  for (const content::BundleEntry& e : it->second) {  // in the locale's collation order
    std::optional<Route> route = ParseRoute(e.route);
    if (!route) continue;
    const content::LocalizedText* title = nullptr;
    const content::LocalizedText* summary = nullptr;
    if (const content::Lesson* l = route->kind == Route::Kind::kLesson ? library.FindLesson(route->id) : nullptr)
      title = &l->title, summary = &l->summary;
    if (const content::Guide* g = route->kind == Route::Kind::kGuide ? library.FindGuide(route->id) : nullptr)
      title = &g->title, summary = &g->summary;
    if (!title) continue;  // the index names something the packs do not have
    hits_.push_back({std::move(*route), texts.Pack(*title), texts.Pack(*summary)});
    keys_.Add(ToKey(e.title_search));
    if (e.has_summary_search) {
      keys_.Add(ToKey(e.summary_search));
    } else {
      if (!searcher_) searcher_ = i18n::Searcher::Create(QIAO_PINYIN_READINGS);
      keys_.Add(searcher_->MakeKey(hits_.back().detail.text));
    }
  }
  return true;
}

}  // namespace qiao::ui
