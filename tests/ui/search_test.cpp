// Search on the home screen, driven as a learner would: tap the field, type, tap a result.
#include "kiosk_fixture.h"

#include "i18n/search.h"

#include <algorithm>

using namespace qiao;
using qiao::testing::KioskTest;

namespace {

class Search : public KioskTest {
 protected:
  // Types `query` into the home screen's search field; returns the result links' names.
  std::vector<std::string> TypeQuery(const std::string& query) {
    const a11y::Node* field = Find(a11y::Role::kTextbox, Tr("home.search"));
    EXPECT_NE(field, nullptr) << "no search field on " << app().route();
    if (!field) return {};
    TapNode(field);
    runner().Type(query);
    std::vector<std::string> names;  // on the home screen, only results are links
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->role == a11y::Role::kLink) names.push_back(n->name);
    return names;
  }
  bool Contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }
};

}  // namespace

TEST_F(Search, ChineseByTitlePinyinAndInitials) {
  Start();
  Pick("zh-Hans");
  const content::Lesson* card = app().library().FindLesson("social-security-card-online");
  ASSERT_NE(card, nullptr);
  const std::string title = Content(card->title);  // "社保卡线上办"-like: it contains 社保卡
  ASSERT_NE(title.find("社保卡"), std::string::npos) << title;
  for (const char* query : {"社保卡", "shebaoka", "sbk"}) {
    Start();
    Pick("zh-Hans");
    std::vector<std::string> found = TypeQuery(query);
    EXPECT_TRUE(Contains(found, title)) << query;
    const a11y::Node* field = Find(a11y::Role::kTextbox, Tr("home.search"));
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->value, query);
  }
  // And a result opens what it names.
  TapNode(Find(a11y::Role::kLink, title));
  EXPECT_EQ(app().route(), "lesson/social-security-card-online");
}

TEST_F(Search, ResultsAreInPinyinOrderAndNonsenseFindsNothing) {
  Start();
  Pick("zh-Hans");
  const std::vector<const ui::App::SearchHit*>& hits = app().Search("s");  // every title with an s- reading
  ASSERT_GE(hits.size(), 3u);
  std::vector<std::string> titles;
  for (const auto* h : hits) titles.push_back(h->title.text);
  std::vector<size_t> order = i18n::CollatedOrder(titles, "zh-Hans");
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i) << titles[i];
  EXPECT_TRUE(TypeQuery("qqqxxx").empty());
  EXPECT_NE(Find(a11y::Role::kText, Tr("home.search_none")), nullptr);
}

TEST_F(Search, UyghurAndTibetanTitlesAreFoundInTheirScript) {
  for (const char* tag : {"ug", "bo"}) {
    Start();
    Pick(tag);
    const content::Lesson* qr = app().library().FindLesson("qr-code");
    ASSERT_NE(qr, nullptr);
    ASSERT_TRUE(qr->title.by_locale.count(tag)) << "no " << tag << " title to search";
    const std::string title = qr->title.by_locale.at(tag);
    // The last word (ug) or syllable group (bo) of the title, as a learner might type it.
    std::string part = title.substr(title.size() / 2);
    while (!part.empty() && (static_cast<unsigned char>(part[0]) & 0xC0) == 0x80) part.erase(0, 1);
    std::vector<std::string> found = TypeQuery(part);
    EXPECT_TRUE(Contains(found, title)) << tag << ": " << part;
  }
}

// Issue 14: a learner types the language in the script they know, on the kiosk's own keyboard.
TEST_F(Search, UyghurByLatinTibetanByWylieMongolianByLatin) {
  struct Case {
    const char* tag;
    const char* query;
    const char* lesson;  // found (a lesson id) ...
    const char* guide;   // ... or a guide id
  };
  const Case cases[] = {
      {"ug", "uchur", "fraud-sms", nullptr},
      {"ug", "pensiye", nullptr, "pension-certification"},
      {"bo", "rgan phogs", nullptr, "pension-certification"},
      {"mn", "zalilan", "fraud-sms", nullptr},
      {"zh-Hans", "zhàpiàn", "fraud-sms", nullptr},
  };
  for (const Case& c : cases) {
    Start();
    Pick(c.tag);
    const content::LocalizedText* title = nullptr;
    if (c.lesson) title = &app().library().FindLesson(c.lesson)->title;
    if (c.guide) title = &app().library().FindGuide(c.guide)->title;
    ASSERT_NE(title, nullptr);
    const std::string shown = Content(*title);
    std::vector<std::string> found = TypeQuery(c.query);
    EXPECT_TRUE(Contains(found, shown)) << c.tag << " \"" << c.query << "\" misses " << shown;
    EXPECT_LT(found.size(), 8u) << c.tag << " \"" << c.query << "\" finds nearly everything";
  }
}
