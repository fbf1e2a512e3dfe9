// Search keys and collation: what a learner types finds the lesson or guide they mean.
#include "i18n/search.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <memory>
#include <optional>
#include <utility>

using namespace qiao::i18n;

namespace {

const Searcher& S() {
  static std::unique_ptr<Searcher> searcher = Searcher::Create(PinyinReadingsFile());  // ~76 ms, once
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
  ASSERT_GE(S().Readings(U'行').size(), 2u) << "no Unihan readings loaded from " << PinyinReadingsFile();
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
  for (std::string q : {"x", "xc", "xbc", "c", "b", "\xE5", "\xE5" "c", "xb\xE5" "c", "q"})
    EXPECT_EQ(index.Find(q).size(), Matches(odd, q) ? 1u : 0u) << q;
}

// [SECTION] other scripts (issue 14): a learner types the language in the script they know.

namespace {

// Found by any of the text's keys, as the home screen and `qiao-pack search` do.
bool FindsIn(std::string_view lang, std::string_view text, std::string_view query) {
  const std::string q = S().Fold(query);
  for (const SearchKey& key : S().MakeKeys(text, lang))
    if (Matches(key, q)) return true;
  return false;
}

}  // namespace

TEST(SearchScripts, RuleFilesAllCompile) {
  for (const char* lang : {"ug", "bo", "za", "mn-Mong", "mn", "kk-Arab", "ii"})
    EXPECT_FALSE(S().MakeKeys("x", lang).empty());
  for (const std::string& p : S().problems()) ADD_FAILURE() << p;
}

TEST(SearchScripts, UyghurByLatinWithAndWithoutDiacritics) {
  const char* fake_sms = "ساختا قىسقا ئۇچۇردىكى خەتەر بەلگىلىرىنى تېپىش";  // a rehearsal's title
  EXPECT_TRUE(FindsIn("ug", fake_sms, "saxta"));
  EXPECT_TRUE(FindsIn("ug", fake_sms, "uchur"));
  EXPECT_TRUE(FindsIn("ug", fake_sms, "Qisqa Uchur"));
  EXPECT_TRUE(FindsIn("ug", fake_sms, "tépish"));
  EXPECT_TRUE(FindsIn("ug", fake_sms, "tepish"));
  EXPECT_TRUE(FindsIn("ug", fake_sms, "ساختا"));  // its own script still
  EXPECT_FALSE(FindsIn("ug", fake_sms, "pul"));
  EXPECT_FALSE(FindsIn("ug", fake_sms, "saxtauchur"));  // the words are not next to each other
  const char* pension = "پېنسىيە سالاھىيىتىنى دەلىللەش";
  EXPECT_TRUE(FindsIn("ug", pension, "pensiye"));
  EXPECT_TRUE(FindsIn("ug", pension, "pénsiye"));
  EXPECT_TRUE(FindsIn("ug", pension, "salahiy"));
  // The word as a learner knows it (سالاھىيەت), though the title writes its e raised to i.
  EXPECT_TRUE(FindsIn("ug", pension, "salahiyet"));
  EXPECT_FALSE(FindsIn("ug", pension, "salahiyot"));
  EXPECT_FALSE(FindsIn("ug", pension, "saxta"));
  // Only for Uyghur: the same letters in another language's text are not read as ULY.
  EXPECT_FALSE(FindsIn("zh-Hans", fake_sms, "saxta"));
}

TEST(SearchScripts, KazakhArabicByCyrillicAndLatin) {
  // UI words of the kk-Arab catalog: "search lessons and guides", "learn the digital skills".
  const char* search = "ساباق پەن نۇسقاۋلىق ىزدەۋ";
  EXPECT_TRUE(FindsIn("kk-Arab", search, "сабақ"));
  EXPECT_TRUE(FindsIn("kk-Arab", search, "іздеу"));
  EXPECT_TRUE(FindsIn("kk-Arab", search, "sabaq"));
  EXPECT_TRUE(FindsIn("kk-Arab", search, "nusqaulyq"));
  EXPECT_FALSE(FindsIn("kk-Arab", search, "алаяқ"));
  const char* fraud = "الاياقتىق حابارلامانى تانۋ";  // алаяқтық хабарламаны тану
  EXPECT_TRUE(FindsIn("kk-Arab", fraud, "алаяқ"));
  EXPECT_TRUE(FindsIn("kk-Arab", fraud, "alayaq"));
  EXPECT_TRUE(FindsIn("kk-Arab", fraud, "хабарлама"));
  EXPECT_FALSE(FindsIn("kk-Arab", fraud, "сабақ"));
  // Front-vowel words read with the voice's harmony rules: ٴتىلدى is тілді, not тылды.
  EXPECT_TRUE(FindsIn("kk-Arab", "ٴتىلدى تاڭداڭىز", "тілді"));
  EXPECT_FALSE(FindsIn("kk-Arab", "ٴتىلدى تاڭداڭىز", "тылды"));
}

TEST(SearchScripts, TibetanByWylie) {
  const char* think = "བསམ་བློ་ཐོངས། སྐད་ཆ་གང་གིས་ཁྱེད་སྐྲག་ཏུ་འཇུག་གམ།";
  EXPECT_TRUE(FindsIn("bo", think, "bsam"));
  EXPECT_TRUE(FindsIn("bo", think, "bsam blo"));
  EXPECT_TRUE(FindsIn("bo", think, "skad cha"));
  EXPECT_TRUE(FindsIn("bo", think, "'jug"));
  EXPECT_FALSE(FindsIn("bo", think, "dngul"));
  const char* pension = "རྒན་ཕོགས་ཁེ་དབང་ར་སྤྲོད།";
  EXPECT_TRUE(FindsIn("bo", pension, "rgan phogs"));
  EXPECT_TRUE(FindsIn("bo", pension, "dbang"));
  EXPECT_TRUE(FindsIn("bo", pension, "sprod"));
  EXPECT_TRUE(FindsIn("bo", "གྲོང་གསེབ་སྡོད་དམངས་ལགས་གནས", "dmangs lags gnas"));
  EXPECT_TRUE(FindsIn("bo", "ཨང་རྟགས་བཤར་ནས་རྒན་གསོའི་རོགས་དངུལ་ལེན།", "rgan gso"));
  EXPECT_FALSE(FindsIn("bo", pension, "rgan gso"));
}

TEST(SearchScripts, YiByRomanizationWithOrWithoutTones) {
  EXPECT_TRUE(FindsIn("ii", "ꆈꌠ", "nuosu"));
  EXPECT_TRUE(FindsIn("ii", "ꆈꌠ", "nuo su"));
  EXPECT_FALSE(FindsIn("ii", "ꆈꌠ", "nuosa"));
  // ꌶꀠꏂꑦ (the ii catalog's "search"): syllables with tone letters t x p, found with and
  // without them.
  const char* search = "ꌶꀠꏂꑦ";
  std::string toned, toneless;
  for (const SearchKey& key : S().MakeKeys(search, "ii"))
    if (key.units.size() > 4)
      for (const SearchKey::Unit& u : key.units) {
        toned += u.alternatives[0];
        if (!u.optional) toneless += u.alternatives[0];
      }
  ASSERT_NE(toned, toneless) << "no tone letter in " << toned;
  EXPECT_TRUE(FindsIn("ii", search, toned));
  EXPECT_TRUE(FindsIn("ii", search, toneless));
  EXPECT_FALSE(FindsIn("ii", search, toneless + "q"));
}

TEST(SearchScripts, MongolianByLatin) {
  const char* fraud = "Залилангийн мессежийг таних";
  EXPECT_TRUE(FindsIn("mn", fraud, "zalilan"));
  EXPECT_TRUE(FindsIn("mn", fraud, "tanikh"));  // MNS: х is kh
  EXPECT_TRUE(FindsIn("mn", fraud, "tanih"));   // BGN: х is h
  EXPECT_TRUE(FindsIn("mn", fraud, "залилан"));
  EXPECT_FALSE(FindsIn("mn", fraud, "tetgemj"));
  const char* allowance = "Өндөр насны тэтгэмж авах";
  EXPECT_TRUE(FindsIn("mn", allowance, "öndör"));
  EXPECT_TRUE(FindsIn("mn", allowance, "ondor nasny"));
  EXPECT_TRUE(FindsIn("mn", allowance, "tetgemj"));
  // Traditional script, letter by letter ("search lessons and guides" in the mn-Mong catalog).
  EXPECT_TRUE(FindsIn("mn-Mong", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", "monggol"));
  EXPECT_TRUE(FindsIn("mn-Mong", "ᠬᠢᠴᠢᠶᠡᠯ ᠪᠠ ᠬᠥᠲᠥᠯᠪᠦᠷᠢ ᠶᠢ ᠬᠠᠢᠬᠤ", "hichiyel"));
  EXPECT_FALSE(FindsIn("mn-Mong", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", "hichiyel"));
  EXPECT_EQ(CompanionLanguage("mn-Mong"), "mn");
  EXPECT_EQ(CompanionLanguage("mn"), "");
}

TEST(SearchScripts, ZhuangWithoutToneLettersAndCase) {
  EXPECT_TRUE(FindsIn("za", "Vahcuengh", "vahcuengh"));
  EXPECT_TRUE(FindsIn("za", "Vahcuengh", "VAHCUENGH"));
  EXPECT_TRUE(FindsIn("za", "Vahcuengh", "vacueng"));
  EXPECT_TRUE(FindsIn("za", "Vahcuengh", "vahcueng"));
  EXPECT_FALSE(FindsIn("za", "Vahcuengh", "vacuang"));
  // The za catalog's "learn to use a phone and the internet".
  const char* phone = "Hag yungh soujgih caeuq muengx";
  EXPECT_TRUE(FindsIn("za", phone, "soujgih"));
  EXPECT_TRUE(FindsIn("za", phone, "sougi"));
  EXPECT_TRUE(FindsIn("za", phone, "yung sougi"));
  // An h that begins a syllable (haeux, rice) is no tone letter.
  EXPECT_TRUE(FindsIn("za", "gou haeux", "gou haeu"));
  EXPECT_FALSE(FindsIn("za", "gou haeux", "gouaeu"));
  EXPECT_FALSE(FindsIn("zh-Hans", "Vahcuengh", "vacueng"));  // only Zhuang's letters
}

TEST(SearchScripts, ChinesePinyinWithTones) {
  EXPECT_TRUE(FindsIn("zh-Hans", "识别诈骗短信", "zhapian"));
  EXPECT_TRUE(FindsIn("zh-Hans", "识别诈骗短信", "zhàpiàn"));
  EXPECT_TRUE(FindsIn("zh-Hans", "识别诈骗短信", "zhà piàn duǎnxìn"));
  EXPECT_FALSE(FindsIn("zh-Hans", "识别诈骗短信", "zhǎpiàn"));  // a wrong tone
  EXPECT_TRUE(FindsIn("zh-Hans", "银行卡", "yínháng"));  // 行's second reading, toned
}

TEST(SearchScripts, KeysSurviveEncoding) {
  for (auto [lang, text] : std::vector<std::pair<const char*, const char*>>{
           {"zh-Hans", "社保卡 3/4?"}, {"za", "Vahcuengh"}, {"ug", "ساختا ئۇچۇر"}, {"bo", "བསམ་བློ"}}) {
    for (const SearchKey& key : S().MakeKeys(text, lang)) {
      std::optional<SearchKey> back = SearchKey::Decode(key.Encode());
      ASSERT_TRUE(back.has_value()) << key.Encode();
      ASSERT_EQ(back->units.size(), key.units.size()) << key.Encode();
      for (size_t i = 0; i < key.units.size(); ++i) {
        EXPECT_EQ(back->units[i].alternatives, key.units[i].alternatives) << key.Encode();
        EXPECT_EQ(back->units[i].han, key.units[i].han) << key.Encode();
        EXPECT_EQ(back->units[i].optional, key.units[i].optional) << key.Encode();
      }
    }
  }
  EXPECT_EQ(SearchKey::Decode("社/she v ?h")->units.size(), 3u);
  EXPECT_FALSE(SearchKey::Decode("a  b").has_value());
  EXPECT_FALSE(SearchKey::Decode("a/ b").has_value());
}

TEST(SearchScripts, BrokenRuleFileIsNamedAndSearchGoesOn) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("qiao-translit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ug_Arab-ug_Latn.txt") << "ا > a ;\n$nowhere > b ;\n";  // an undefined variable
  std::unique_ptr<Searcher> s = Searcher::Create(PinyinReadingsFile(), {dir.string(), "/nonexistent/kk.txt"});
  const std::vector<SearchKey> ug = s->MakeKeys("ساختا", "ug");
  ASSERT_EQ(ug.size(), 1u);  // no ULY reading, but the text itself
  EXPECT_TRUE(Matches(ug[0], s->Fold("ساختا")));
  s->MakeKeys("ساباق", "kk-Arab");
  const std::vector<std::string> problems = s->problems();
  ASSERT_GE(problems.size(), 2u);
  EXPECT_NE(problems[0].find((dir / "ug_Arab-ug_Latn.txt").string() + ":2:1: \"$nowhere > b ;\": U_UNDEFINED_VARIABLE"), std::string::npos)
      << problems[0];
  // Which missing file is reported first is up to the order the rules are read in (it differs
  // between compilers): the missing one must be named, wherever it is in the list.
  EXPECT_TRUE(std::any_of(problems.begin() + 1, problems.end(),
                          [](const std::string& p) { return p.find("/nonexistent/kk.txt: cannot read") != std::string::npos; }))
      << testing::PrintToString(problems);
  std::filesystem::remove_all(dir);
}

// The flat index gives Matches' verdicts for readings too: optional units (Zhuang and Yi tone
// letters) may be left out there as well, at any prefix of the query.
TEST(SearchIndex, AgreesWithMatchesOnReadingsWithOptionalLetters) {
  const std::vector<std::pair<const char*, const char*>> texts = {
      {"za", "Vahcuengh"}, {"za", "Hag yungh soujgih caeuq muengx"}, {"za", "gou haeux"},
      {"ii", "ꌶꀠꏂꑦ"}, {"ii", "ꆈꌠ"}, {"ug", "ساختا قىسقا ئۇچۇر"}, {"bo", "རྒན་ཕོགས་ཁེ་དབང་ར་སྤྲོད།"},
      {"kk-Arab", "الاياقتىق حابارلامانى تانۋ"}, {"mn", "Өндөр насны тэтгэмж авах"}};
  const std::vector<std::string> queries = {"vahcuengh", "vacueng", "yungsougi", "gouaeux", "gouhaeu", "nuosu",
                                            "saxta", "rganphogs", "алаяқ", "alayaq", "ondor", "hagyung", "q"};
  SearchIndex index;
  std::vector<SearchKey> keys;
  for (const auto& [lang, text] : texts)
    for (SearchKey& k : S().MakeKeys(text, lang)) {
      keys.push_back(k);
      index.Add(k);
    }
  int found = 0, not_found = 0;
  for (const std::string& query : queries)
    for (size_t end = 1; end <= query.size(); ++end) {
      const std::string q = S().Fold(query.substr(0, end));
      std::vector<uint32_t> expected;
      for (size_t k = 0; k < keys.size(); ++k) {
        const bool m = Matches(keys[k], q);
        EXPECT_EQ(index.Matches(k, q), m) << q;
        (m ? found : not_found)++;
        if (m) expected.push_back(static_cast<uint32_t>(k));
      }
      EXPECT_EQ(index.Find(q), expected) << q;
    }
  EXPECT_GT(found, 50);
  EXPECT_GT(not_found, 50);
}
