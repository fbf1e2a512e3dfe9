// Home-screen search over the lessons and guides in the language the learner sees: titles and
// summaries, each also by its readings in the other scripts a learner may type it in (ULY for
// Uyghur, Cyrillic and Latin for Arabic-script Kazakh, Wylie for Tibetan, the Yi romanization,
// Latin for Mongolian, Zhuang without tone letters, pinyin for Chinese: i18n::Searcher), and
// traditional Mongolian also by its Cyrillic translation. Hits come in the locale's collation
// order of their titles.
//
// Keys are made once per locale, when it is first searched, and kept. A bundle made by
// `qiao-pack bundle` carries them already made (UseBundleIndex): then no transliteration runs
// here at all: the browser searches only its bundle's keys (and built against an ICU without
// collation and transliteration, QIAO_MAKES_SEARCH_KEYS in i18n/search.h, has nothing else).
#pragma once

#include "content/bundle.h"
#include "content/pack.h"
#include "i18n/search.h"
#include "ui/msg.h"
#include "ui/route.h"


#include <map>
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
  // The hits for `query`, pointing into the index: valid until the next Find or Invalidate. A
  // locale's index is made on its first search; a repeated query costs nothing (Home asks every
  // frame). Without a bundle's keys, the first call creates ICU's transliterators (~80 ms).
  const std::vector<const SearchHit*>& Find(const std::string& query, const content::Library& library,
                                            const Texts& texts, const std::string& locale);
  // The library changed (a preview reload): every index is made again. Keys from a bundle are
  // forgotten too: they belong to the library they came with.
  void Invalidate();
  // The index of a bundle the kiosk loaded (content::LoadBundle has read it and checked its
  // shape; keys as i18n::SearchKey::Encode writes them, in collation order): used for those
  // locales instead of making keys. A key that does not decode is left out and described in
  // `problems`; routes the library does not hold are skipped.
  void UseBundleIndex(const content::BundleIndex& index, std::vector<std::string>* problems);
  // Transliteration rule files that could not be read or compiled (file:line:column, the rule,
  // ICU's error): search goes on without those readings; the App may list them.
  std::vector<std::string> problems() const {
    return searcher_ ? searcher_->problems() : std::vector<std::string>{};
  }
 private:
  struct LocaleIndex {
    std::vector<SearchHit> hits;      // in collation order
    std::vector<uint32_t> hit_of_key;  // key number in `keys` -> hit
    i18n::SearchIndex keys;
  };
  LocaleIndex& IndexFor(const content::Library& library, const Texts& texts, const std::string& locale);

  std::unique_ptr<i18n::Searcher> searcher_;  // created on the first search that needs it
  std::map<std::string, LocaleIndex> indexes_;  // by locale
  struct BundleEntry {
    std::string route;
    std::vector<i18n::SearchKey> keys;
  };
  std::map<std::string, std::vector<BundleEntry>> bundle_;  // by locale, in collation order
  std::string last_locale_, last_query_;  // and its hits, for the next frame
  std::vector<const SearchHit*> last_hits_;
};

}  // namespace qiao::ui
