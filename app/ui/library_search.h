// Home-screen search over the lessons and guides in the language the learner sees: titles and
// summaries, Chinese also by toneless pinyin and initials (i18n::Searcher). Hits come in the
// locale's collation order of their titles.
#pragma once

#include "content/bundle.h"
#include "content/pack.h"
#include "i18n/search.h"
#include "ui/msg.h"
#include "ui/route.h"

#include <memory>
#include <string>
#include <vector>

namespace qiao::ui {

class Texts;

struct SearchHit {
  Route route;
  Msg title, detail;
};

class LibrarySearch {
 public:
  LibrarySearch();
  ~LibrarySearch();
  // The hits for `query`, pointing into the index: valid until the next Find or Invalidate. The
  // index is rebuilt when the locale changes; a repeated query costs nothing (Home asks every
  // frame). The first call creates ICU's transliterator (~76 ms).
  const std::vector<const SearchHit*>& Find(const std::string& query, const content::Library& library,
                                            const Texts& texts, const std::string& locale);
  // The library changed (a preview reload, a new bundle): the next Find rebuilds the index.
  void Invalidate() { index_locale_.clear(); }
  // A bundle's precomputed sort and search keys (ContentSource::index(); it must outlive this):
  // for a locale it lists, titles are ordered by its sort keys and matched by its search keys,
  // with no collation or transliteration at the kiosk. Other locales are computed as before.
  void UsePrecomputed(const content::BundleIndex* index) { precomputed_ = index; }

 private:
  // Fills hits_ and keys_ from the bundle's index for `locale`; false if it has none.
  bool BuildFromPrecomputed(const content::Library& library, const Texts& texts, const std::string& locale);

  std::unique_ptr<i18n::Searcher> searcher_;  // created on the first search
  const content::BundleIndex* precomputed_ = nullptr;
  // For index_locale_, in collation order: hit i is found by key 2i (its title) or 2i + 1 (its
  // summary) of keys_.
  std::vector<SearchHit> hits_;
  i18n::SearchIndex keys_;
  std::string index_locale_;
  std::string last_query_;  // and its hits, for the next frame
  std::vector<const SearchHit*> last_hits_;
};

}  // namespace qiao::ui
