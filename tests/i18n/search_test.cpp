// Search keys and collation: what a learner types finds the lesson or guide they mean.
#include "i18n/search.h"

#include <gtest/gtest.h>

#include <memory>

using namespace qiao::i18n;

namespace {

const Searcher& S() {
  static std::unique_ptr<Searcher> searcher = Searcher::Create(QIAO_PINYIN_READINGS);  // ~76 ms, once
  return *searcher;
}

bool Finds(std::string_view text, std::string_view query) {
  return Matches(S().MakeKey(text), S().Fold(query));
}

}  // namespace

TEST(Search, FindsByTitleWordsIgnoringCaseAndSpaces) {
  EXPECT_TRUE(Finds("Scanning a QR code", "qr code"));
  EXPECT_TRUE(Finds("Scanning a QR code", "SCANNING"));
  EXPECT_FALSE(Finds("Scanning a QR code", "payment"));
  EXPECT_TRUE(Finds("社保卡线上服务", "社保"));
}

TEST(Search, FindsChineseByTonelessPinyinInitialsAndMixes) {
  EXPECT_TRUE(Finds("社保卡", "sbk"));
  EXPECT_TRUE(Finds("社保卡", "shebaoka"));
  EXPECT_TRUE(Finds("社保卡", "she bao ka"));
  EXPECT_TRUE(Finds("社保卡", "shebk"));
  EXPECT_TRUE(Finds("社保卡", "sheb"));  // still typing
  EXPECT_TRUE(Finds("申领社保卡", "sbk"));
  EXPECT_FALSE(Finds("社保卡", "sbx"));
  EXPECT_FALSE(Finds("社保卡", "kbs"));
}

TEST(Search, PolyphonicCharactersMatchEveryStandardReading) {
  ASSERT_GE(S().Readings(U'行').size(), 2u) << "no Unihan readings loaded from " << QIAO_PINYIN_READINGS;
  EXPECT_TRUE(Finds("银行卡", "yinhang"));   // 行 read háng
  EXPECT_TRUE(Finds("出行码", "chuxing"));   // 行 read xíng
  EXPECT_TRUE(Finds("长辈模式", "zhangbei"));  // 长 read zhǎng
  EXPECT_TRUE(Finds("长辈模式", "changbei"));  // and cháng
  EXPECT_TRUE(Finds("绿码", "lvma"));        // ü typed v
  EXPECT_TRUE(Finds("绿码", "luma"));
}

TEST(Search, FindsUyghurAndTibetanText) {
  EXPECT_TRUE(Finds("ئىككى ئۆلچەملىك كودنى سىكانىرلاش", "كودنى"));
  EXPECT_FALSE(Finds("ئىككى ئۆلچەملىك كودنى سىكانىرلاش", "پۇل"));
  EXPECT_TRUE(Finds("ཉེན་བརྡ་ཆེད་སྐུལ་གྱི་འཕྲིན་ཐུང་ངོས་འཛིན།", "འཕྲིན་ཐུང"));
  EXPECT_FALSE(Finds("ཉེན་བརྡ་ཆེད་སྐུལ་གྱི་འཕྲིན་ཐུང་ངོས་འཛིན།", "དངུལ"));
}

TEST(Collation, ChineseSortsByPinyinAndKeysAgree) {
  std::vector<std::string> titles = {"社保卡", "阿姨", "报名", "医院"};
  std::vector<size_t> order = CollatedOrder(titles, "zh-Hans");
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(titles[order[0]], "阿姨");   // a
  EXPECT_EQ(titles[order[1]], "报名");   // b
  EXPECT_EQ(titles[order[2]], "社保卡");  // s
  EXPECT_EQ(titles[order[3]], "医院");   // y
  for (size_t i = 1; i < order.size(); ++i)
    EXPECT_LT(SortKeyHex(titles[order[i - 1]], "zh-Hans"), SortKeyHex(titles[order[i]], "zh-Hans"));
}

TEST(Collation, EnglishIgnoresCaseFirst) {
  std::vector<std::string> titles = {"banana", "Apple", "cherry"};
  std::vector<size_t> order = CollatedOrder(titles, "en");
  EXPECT_EQ(titles[order[0]], "Apple");
  EXPECT_EQ(titles[order[2]], "cherry");
}

// The home screen searches a flat SearchIndex; Matches is the definition. Every prefix of every
// query against every text: the same verdict (found and not found both occur).
TEST(SearchIndex, AgreesWithMatchesOnEveryPrefix) {
  const std::vector<std::string> texts = {
      "社保卡线上服务", "申领社保卡", "银行卡挂失", "出行码", "长辈模式", "绿码", "养老金资格认证",
      "在手机上办理医保", "Scanning a QR code", "Pension eligibility check", "bus card, senior card",
      "ئىككى ئۆلچەملىك كودنى سىكانىرلاش", "ཉེན་བརྡ་ཆེད་སྐུལ་གྱི་འཕྲིན་ཐུང་ངོས་འཛིན།", "", "行行行", "a"};
  const std::vector<std::string> queries = {
      "社保卡", "shebaoka", "sbk", "shebk", "she bao ka", "yinhang", "yhk", "chuxing", "zhangbei", "changbei",
      "lvma", "luma", "yanglaojin", "ylj", "yibao", "shoujishang", "qr code", "pension", "card", "ard",
      "كودنى", "འཕྲིན་ཐུང", "xxx", "hhh", "xingxing", "hangxh", "a", "卡卡", "Z"};
  SearchIndex index;
  std::vector<SearchKey> keys;
  for (const std::string& t : texts) {
    keys.push_back(S().MakeKey(t));
    index.Add(keys.back());
  }
  ASSERT_EQ(index.size(), texts.size());
  int found = 0, not_found = 0;
  for (const std::string& query : queries)
    for (size_t end = 1; end <= query.size(); ++end) {
      const std::string q = S().Fold(query.substr(0, end));  // may cut a character: still agree
      std::vector<uint32_t> expected_keys;
      for (size_t k = 0; k < keys.size(); ++k) {
        const bool expected = Matches(keys[k], q);
        EXPECT_EQ(index.Matches(k, q), expected) << "\"" << texts[k] << "\" by \"" << q << "\"";
        (expected ? found : not_found)++;
        if (expected) expected_keys.push_back(static_cast<uint32_t>(k));
      }
      EXPECT_EQ(index.Find(q), expected_keys) << "\"" << q << "\"";
    }
  EXPECT_GT(found, 100);
  EXPECT_GT(not_found, 100);
  // A query longer than the index's small buffers takes the other path.
  const std::string long_query(100, 'a');
  EXPECT_EQ(index.Matches(texts.size() - 1, S().Fold(long_query)), Matches(keys.back(), S().Fold(long_query)));
  // Hand-made keys the index has no shortcut for: an empty alternative, a lone non-ASCII byte.
  index.clear();
  EXPECT_EQ(index.size(), 0u);
  SearchKey odd;
  odd.units = {{{"x"}, false}, {{"", "b"}, false}, {{"\xE5"}, false}, {{"c"}, false}};
  index.Add(odd);
  for (std::string q : {"x", "xc", "xbc", "c", "b", "\xE5", "\xE5c", "xb\xE5c", "q"})
    EXPECT_EQ(index.Find(q).size(), Matches(odd, q) ? 1u : 0u) << q;
}
