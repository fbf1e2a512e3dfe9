// The home screen's search with keys from a bundle (what the browser build uses: it ships no
// transliteration or collation data) finds the same lessons and guides, in the same order, as
// with keys it makes itself. Every locale, queries in the script of the screen and in the
// scripts learners type instead.
#include "tools/pack/pack_tool.h"
#include "ui/library_search.h"
#include "ui/texts.h"

#include "content/bundle.h"
#include "content/pack.h"
#include "i18n/i18n.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

using namespace qiao;

TEST(LibrarySearchBundle, SameHitsAsKeysMadeAtLoad) {
  const std::string root = QIAO_SOURCE_DIR;
  content::Library library = content::LoadLibrary(root + "/lessons");
  ASSERT_TRUE(library.errors.empty());
  std::unique_ptr<i18n::Translator> translator = i18n::Translator::Load(root + "/locales");
  tools::Chains chains;
  std::vector<tools::FileReport> reports;
  std::vector<content::LoadError> errors;
  for (const std::string& f : tools::ExpandPaths({root + "/lessons"}, &errors)) reports.push_back(tools::ValidateFile(f));
  for (const i18n::LocaleInfo& l : translator->locales()) {
    std::vector<std::string> chain = {l.tag};
    chain.insert(chain.end(), l.fallback.begin(), l.fallback.end());
    chains.emplace_back(l.tag, chain);
  }
  const nlohmann::json bundle = tools::Bundle(reports, chains);
  ui::LibrarySearch made, bundled;
  std::vector<std::string> problems;
  // Through the kiosk's own bundle loader, as `qiao-kiosk --bundle` reads it.
  const content::Bundle loaded = content::LoadBundle(bundle.dump(), "test.qbundle");
  EXPECT_TRUE(loaded.library.errors.empty());
  bundled.UseBundleIndex(loaded.index, &problems);
  EXPECT_TRUE(problems.empty());
  const char* queries[] = {"sbk", "zhapian", "uchur", "saxta", "pensiye", "rgan", "sman khang", "zalilan",
                           "tetgemj", "社保", "ئۇچۇر", "qr", "a", "e", "code", "qqqxxx"};
  int nonempty = 0;
  // Printed, not asserted (no timing in tests): what the first search in each language costs.
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  for (const auto& [tag, chain] : chains) {
    translator->SetLocale(tag);
    ui::Texts texts(*translator, false);
    const Clock::time_point t0 = Clock::now();
    made.Find("x", library, texts, tag);
    const Clock::time_point t1 = Clock::now();
    bundled.Find("x", library, texts, tag);
    std::printf("first search in %-8s keys made here %7.1f ms, from the bundle %6.1f ms\n", tag.c_str(),
                ms(t1 - t0), ms(Clock::now() - t1));
    for (const char* q : queries) {
      std::vector<std::string> a, b;
      for (const ui::SearchHit* h : made.Find(q, library, texts, tag)) a.push_back(ui::FormatRoute(h->route));
      for (const ui::SearchHit* h : bundled.Find(q, library, texts, tag)) b.push_back(ui::FormatRoute(h->route));
      EXPECT_EQ(a, b) << tag << " \"" << q << "\"";
      nonempty += !a.empty();
    }
  }
  EXPECT_GT(nonempty, 30);  // the queries find things
}
