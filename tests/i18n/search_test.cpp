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
