// Behaviour of LayoutParagraph a reader would notice: direction, joining, stacking, wrapping.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "text/text.h"

namespace qiao::text {
namespace {

Engine& SharedEngine() {
  static std::unique_ptr<Engine> engine = Engine::Create();
  return *engine;
}

ParagraphStyle Style(const std::string& lang, float size = 24.0f) {
  ParagraphStyle s;
  s.lang = lang;
  s.size_px = size;
  return s;
}

std::vector<Glyph> AllGlyphs(const Line& line) {
  std::vector<Glyph> out;
  for (const auto& r : line.runs) out.insert(out.end(), r.glyphs.begin(), r.glyphs.end());
  return out;
}

// The text of each line, trailing white space and newlines included.
std::vector<std::string> LineTexts(const Layout& l, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& line : l.lines) out.push_back(text.substr(line.utf8_begin, line.utf8_end - line.utf8_begin));
  return out;
}

std::string Dump(const Layout& l, const std::string& text) {
  std::string s;
  for (const auto& line : l.lines) {
    s += "[" + text.substr(line.utf8_begin, line.utf8_end - line.utf8_begin) + "] w=" + std::to_string(line.width) +
         "\n";
  }
  return s;
}

// Every code point's UTF-8 offset in `s`.
std::vector<uint32_t> CodePointOffsets(const std::string& s) {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < s.size(); ++i)
    if ((uint8_t(s[i]) & 0xC0) != 0x80) out.push_back(i);
  return out;
}

TEST(Engine, LoadsAllKioskFonts) {
  EXPECT_TRUE(SharedEngine().warnings().empty()) << SharedEngine().warnings().front();
}

TEST(Uyghur, RightToLeftVisualOrderAndJoiningForms) {
  Engine& e = SharedEngine();
  const std::string word = "ئۇيغۇرچە";
  Layout l = e.LayoutParagraph(word, Style("ug"), 1000);
  ASSERT_EQ(l.lines.size(), 1u);
  EXPECT_TRUE(l.rtl);
  EXPECT_EQ(l.missing_glyphs, 0u);
  auto glyphs = AllGlyphs(l.lines[0]);
  ASSERT_GE(glyphs.size(), 6u);
  // Visual order: the leftmost glyph is the end of the word, clusters decrease to the right.
  uint32_t max_cluster = 0;
  for (const auto& g : glyphs) max_cluster = std::max(max_cluster, g.cluster);
  EXPECT_EQ(glyphs.front().cluster, max_cluster);
  EXPECT_EQ(glyphs.back().cluster, 0u);
  for (size_t i = 1; i < glyphs.size(); ++i) {
    EXPECT_LE(glyphs[i].cluster, glyphs[i - 1].cluster);
    EXPECT_GE(glyphs[i].x, glyphs[i - 1].x);
  }
  // Right-aligned in the box.
  EXPECT_NEAR(l.lines[0].x + l.lines[0].width, 1000.0f, 0.01f);

  // Joining: compare with each letter shaped on its own (isolated form).
  int differing = 0, compared = 0;
  for (const auto& g : glyphs) {
    size_t len = 1;
    while (g.cluster + len < word.size() && (uint8_t(word[g.cluster + len]) & 0xC0) == 0x80) ++len;
    Layout alone = e.LayoutParagraph(word.substr(g.cluster, len), Style("ug"), 1000);
    auto ag = AllGlyphs(alone.lines[0]);
    ASSERT_FALSE(ag.empty());
    ++compared;
    if (ag[0].glyph_id != g.glyph_id) ++differing;
  }
  // All letters but the non-joining ones at the right edge take a joined form.
  EXPECT_GE(differing, compared / 2) << differing << " of " << compared;
}

TEST(Tibetan, StacksVowelSignsIntoClusters) {
  Engine& e = SharedEngine();
  const std::string text = "བོད་ཡིག";
  Layout l = e.LayoutParagraph(text, Style("bo"), 1000);
  ASSERT_EQ(l.lines.size(), 1u);
  EXPECT_FALSE(l.rtl);
  EXPECT_EQ(l.missing_glyphs, 0u);
  auto glyphs = AllGlyphs(l.lines[0]);
  auto cps = CodePointOffsets(text);
  std::set<uint32_t> clusters;
  for (const auto& g : glyphs) clusters.insert(g.cluster);
  // བ+ོ and ཡ+ི each form one cluster: fewer clusters than code points.
  EXPECT_LT(clusters.size(), cps.size());
  EXPECT_EQ(clusters.count(cps[1]), 0u) << "the vowel sign ོ must share its consonant's cluster";
}

TEST(Tibetan, BreaksOnlyAfterTsheg) {
  Engine& e = SharedEngine();
  const std::string text = "བོད་ཡིག་བོད་ཡིག་བོད་ཡིག་བོད་ཡིག";
  float full = e.MeasureWidth(text, Style("bo"));
  for (float w : {full * 0.6f, full * 0.35f, full * 0.2f}) {
    Layout l = e.LayoutParagraph(text, Style("bo"), w);
    EXPECT_FALSE(l.overflow);
    ASSERT_GE(l.lines.size(), 2u) << w;
    auto lines = LineTexts(l, text);
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
      EXPECT_TRUE(lines[i].size() >= 3 && lines[i].substr(lines[i].size() - 3) == "་") << Dump(l, text);
    }
  }
}

TEST(Chinese, WrapsWithoutLeadingPunctuation) {
  Engine& e = SharedEngine();
  const std::string text = "社会保障卡可以在银行办理，也可以在社区服务中心办理。请带好身份证，按时前往。";
  for (float w : {60.f, 75.f, 100.f, 130.f, 170.f}) {
    Layout l = e.LayoutParagraph(text, Style("zh-Hans"), w);
    EXPECT_FALSE(l.overflow);
    EXPECT_GT(l.lines.size(), 2u);
    EXPECT_EQ(l.missing_glyphs, 0u);
    for (const auto& line : LineTexts(l, text)) {
      EXPECT_NE(line.rfind("，", 0), 0u) << Dump(l, text);
      EXPECT_NE(line.rfind("。", 0), 0u) << Dump(l, text);
    }
    for (const auto& line : l.lines) EXPECT_LE(line.width, w + 0.01f);
  }
}

TEST(Korean, BreaksOnlyAtSpaces) {
  Engine& e = SharedEngine();
  const std::string text = "안녕하세요 여러분 반갑습니다";
  float first = e.MeasureWidth("안녕하세요", Style("ko"));
  float second = e.MeasureWidth("여러분", Style("ko"));
  // Room for about one and a half words.
  float w = first + e.MeasureWidth(" ", Style("ko")) + second * 0.5f;
  Layout l = e.LayoutParagraph(text, Style("ko"), w);
  auto lines = LineTexts(l, text);
  ASSERT_EQ(lines.size(), 3u) << Dump(l, text);
  EXPECT_EQ(lines[0], "안녕하세요 ");
  EXPECT_EQ(lines[1], "여러분 ");
  EXPECT_EQ(lines[2], "반갑습니다");
  EXPECT_FALSE(l.overflow);
  // Chinese in the same width would break between syllable-like characters: Korean must not.
  auto opps = LineBreakOpportunities(text, "ko");
  EXPECT_EQ(opps, (std::vector<uint32_t>{16, 26, uint32_t(text.size())}));
}

TEST(Korean, LongWordStillBreaksWhenLongerThanLine) {
  Engine& e = SharedEngine();
  const std::string text = "반갑습니다";
  float w = e.MeasureWidth(text, Style("ko")) * 0.6f;
  Layout l = e.LayoutParagraph(text, Style("ko"), w);
  EXPECT_EQ(l.lines.size(), 2u);
  EXPECT_FALSE(l.overflow);
}

TEST(Han, RareCharacterOutsideBmpHasGlyph) {
  Engine& e = SharedEngine();
  const std::string text = "𠮷野家";  // U+20BB7
  Layout l = e.LayoutParagraph(text, Style("zh-Hans"), 1000);
  EXPECT_EQ(l.missing_glyphs, 0u);
  auto glyphs = AllGlyphs(l.lines[0]);
  ASSERT_EQ(glyphs.size(), 3u);
  EXPECT_NE(glyphs[0].glyph_id, 0u);
  EXPECT_EQ(glyphs[1].cluster, 4u);  // UTF-8 offsets, the first character is 4 bytes
}

TEST(Bidi, NumbersAndLatinStayLeftToRightInUyghur) {
  Engine& e = SharedEngine();
  const std::string text = "ئۇيغۇرچە 2026 Qiao";
  Layout l = e.LayoutParagraph(text, Style("ug"), 2000);
  ASSERT_EQ(l.lines.size(), 1u);
  EXPECT_TRUE(l.rtl);
  EXPECT_EQ(l.missing_glyphs, 0u);
  auto glyphs = AllGlyphs(l.lines[0]);
  const uint32_t d = uint32_t(text.find("2026"));
  const uint32_t q = uint32_t(text.find("Qiao"));
  auto x_of = [&](uint32_t cluster) {
    for (const auto& g : glyphs)
      if (g.cluster == cluster) return g.x;
    ADD_FAILURE() << "no glyph for cluster " << cluster;
    return -1.0f;
  };
  // Digits left to right.
  EXPECT_LT(x_of(d), x_of(d + 1));
  EXPECT_LT(x_of(d + 1), x_of(d + 2));
  EXPECT_LT(x_of(d + 2), x_of(d + 3));
  EXPECT_LT(x_of(q), x_of(q + 3));
  // RTL paragraph: the Uyghur word (logically first) is at the right, "Qiao" at the left.
  EXPECT_LT(x_of(q), x_of(d));
  EXPECT_LT(x_of(d + 3), x_of(0));
}

TEST(Robustness, InvalidUtf8AndEmpty) {
  Engine& e = SharedEngine();
  Layout empty = e.LayoutParagraph("", Style("en"), 100);
  ASSERT_EQ(empty.lines.size(), 1u);
  EXPECT_GT(empty.lines[0].height, 0.f);
  EXPECT_EQ(empty.width, 0.f);
  EXPECT_EQ(e.MeasureWidth("", Style("en")), 0.f);

  const std::string bad = std::string("ab\xC3") + "\xFF\xFE" + "c\xE4\xB8" + "\xF0\x9F\x98" + "\xED\xA0\x80" + "d";
  for (const char* lang : {"en", "ug", "zh-Hans", "ko", "bo"}) {
    for (float w : {0.f, 1.f, 30.f, 1000.f}) {
      Layout l = e.LayoutParagraph(bad, Style(lang), w);
      ASSERT_FALSE(l.lines.empty());
      for (const auto& line : l.lines) {
        EXPECT_LE(line.utf8_end, bad.size());
        for (const auto& r : line.runs)
          for (const auto& g : r.glyphs) EXPECT_LT(g.cluster, bad.size());
      }
    }
  }
  // U+FFFD has a glyph: nothing is counted missing.
  EXPECT_EQ(e.LayoutParagraph(bad, Style("en"), 1000).missing_glyphs, 0u);
  // Odd inputs.
  for (std::string s : {std::string("\n"), std::string("\n\n\r\n"), std::string(" "), std::string("\t\t"),
                        std::string(1, '\0'), std::string("\xE2\x80\x8F\xE2\x80\xAE")}) {
    Layout l = e.LayoutParagraph(s, Style("en"), 50);
    EXPECT_FALSE(l.lines.empty());
  }
}

TEST(Wrapping, HardLineBreaks) {
  Engine& e = SharedEngine();
  const std::string text = "one\ntwo\r\nthree\n";
  Layout l = e.LayoutParagraph(text, Style("en"), 1000);
  auto lines = LineTexts(l, text);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "one\n");
  EXPECT_EQ(lines[1], "two\r\n");
  EXPECT_EQ(lines[2], "three\n");
  EXPECT_EQ(lines[3], "");
  EXPECT_FLOAT_EQ(l.height, 4 * 24.0f * 1.5f);
  EXPECT_FLOAT_EQ(l.lines[1].top, 36.0f);
  EXPECT_GT(l.lines[1].baseline, l.lines[1].top);
  EXPECT_LT(l.lines[1].baseline, l.lines[1].top + l.lines[1].height);
}

TEST(Wrapping, LongWordBreaksAtGraphemesAndOverflowOnlyWhenNeeded) {
  Engine& e = SharedEngine();
  // Combining marks: e + U+0301 must never be split.
  std::string word;
  for (int i = 0; i < 12; ++i) word += "e\xCC\x81x";
  float full = e.MeasureWidth(word, Style("en"));
  Layout l = e.LayoutParagraph(word, Style("en"), full / 3);
  EXPECT_FALSE(l.overflow);
  EXPECT_GE(l.lines.size(), 3u);
  for (const auto& line : l.lines) {
    EXPECT_LE(line.width, full / 3 + 0.01f);
    // No line starts with the combining accent.
    EXPECT_NE(word.substr(line.utf8_begin, 2), "\xCC\x81");
  }
  // A width narrower than one grapheme: one grapheme per line, overflow set.
  Layout tiny = e.LayoutParagraph(word, Style("en"), 2);
  EXPECT_TRUE(tiny.overflow);
  EXPECT_EQ(tiny.lines.size(), 24u);
  // Exactly the widest grapheme: no overflow.
  float widest = std::max(e.MeasureWidth("e\xCC\x81", Style("en")), e.MeasureWidth("x", Style("en")));
  Layout exact = e.LayoutParagraph(word, Style("en"), widest + 0.001f);
  EXPECT_FALSE(exact.overflow);
}

// (How fast this is belongs to bench/, not here.)
TEST(Wrapping, VeryLongUnbreakableTextWrapsAtGraphemes) {
  Engine& e = SharedEngine();
  const std::string text(20000, 'a');
  Layout l = e.LayoutParagraph(text, Style("en"), 100);
  EXPECT_FALSE(l.overflow);
  EXPECT_GT(l.lines.size(), 1000u);
  for (const auto& line : l.lines) EXPECT_LE(line.width, 100.01f);
  EXPECT_EQ(l.lines.back().utf8_end, text.size()) << "every letter is on some line";
}

TEST(Wrapping, TrailingSpacesExcludedFromWidth) {
  Engine& e = SharedEngine();
  Layout a = e.LayoutParagraph("hello", Style("en"), 1000);
  Layout b = e.LayoutParagraph("hello   ", Style("en"), 1000);
  EXPECT_FLOAT_EQ(a.width, b.width);
}

TEST(Wrapping, RtlLinesAreRightAligned) {
  Engine& e = SharedEngine();
  const std::string text = "ئۇيغۇرچە ئۇيغۇرچە ئۇيغۇرچە ئۇيغۇرچە";
  float word = e.MeasureWidth("ئۇيغۇرچە", Style("ug"));
  Layout l = e.LayoutParagraph(text, Style("ug"), word * 2.5f);
  ASSERT_EQ(l.lines.size(), 2u) << Dump(l, text);
  for (const auto& line : l.lines) EXPECT_NEAR(line.x + line.width, word * 2.5f, 0.01f);
  // Logical order goes right to left: the first line holds the first bytes.
  EXPECT_EQ(l.lines[0].utf8_begin, 0u);
}

TEST(Wrapping, NoLineWiderThanMaxWidthUnlessOverflow) {
  Engine& e = SharedEngine();
  const std::vector<std::pair<std::string, std::string>> samples = {
      {"en", "The quick brown fox jumps over the lazy dog. Supercalifragilisticexpialidocious!"},
      {"zh-Hans", "请把社会保障卡放在读卡器上，然后按“确认”。如果忘记密码，请到窗口办理。"},
      {"ug", "ئۇيغۇرچە 2026 Qiao ئۇيغۇرچە كومپيۇتېر ئۆگىنىش"},
      {"bo", "བོད་ཡིག་ནི་བོད་མིའི་ཡི་གེ་ཡིན།"},
      {"ko", "안녕하세요 여러분 반갑습니다 컴퓨터를 배워 봅시다"},
      {"ii", "ꆈꌠꁱꂷ ꀉꂿ ꌠꅇꂷ"},
      {"mn", "Монгол хэл Өө Үү сурах"},
      {"mn-Mong", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ"},
      {"kk-Arab", "قازاق ٴتىلى"},
  };
  for (const auto& [lang, text] : samples) {
    for (float size : {12.f, 24.f, 37.5f}) {
      float full = e.MeasureWidth(text, Style(lang, size));
      EXPECT_GT(full, 0.f) << lang;
      for (float frac : {1.1f, 0.7f, 0.5f, 0.33f, 0.2f, 0.1f, 0.05f, 0.01f}) {
        const float w = full * frac;
        Layout l = e.LayoutParagraph(text, Style(lang, size), w);
        EXPECT_EQ(l.missing_glyphs, 0u) << lang;
        if (!l.overflow) {
          for (const auto& line : l.lines) EXPECT_LE(line.width, w + 0.01f) << lang << " " << size << " " << frac;
        }
        // Lines cover the text without gaps, in order.
        uint32_t at = 0;
        for (const auto& line : l.lines) {
          EXPECT_EQ(line.utf8_begin, at);
          at = line.utf8_end;
        }
        EXPECT_EQ(at, text.size());
        float widest = 0;
        for (const auto& line : l.lines) widest = std::max(widest, line.width);
        EXPECT_FLOAT_EQ(l.width, widest);
      }
    }
  }
}

// Randomized: mixed scripts, marks, bidi controls, newlines, random bytes. Invariants: no crash,
// lines tile the text in order, no line wider than the box unless overflow, clusters in range.
TEST(Wrapping, RandomTextKeepsInvariants) {
  Engine& e = SharedEngine();
  const std::vector<std::string> pool = {
      "a", "Q", "1", " ", " ", "  ", "\n", "\r\n", "-", ",", ".", "(", ")", "\xCC\x81", "社", "会", "，", "。", "“",
      "𠮷", "ئ", "ۇ", "ي", "غ", "ە", "ڭ", "ى", "ب", "\xE0\xBD\x96", "\xE0\xBD\xBC", "\xE0\xBC\x8B", "\xE0\xBE\xB2",
      "안", "녕", "ꆈ", "ꌠ", "ᠮ", "ᠣ", "Ө", "\xE2\x80\x8F", "\xE2\x80\x8E", "\xE2\x80\xAB", "\xE2\x80\xAC",
      "\xE2\x80\x8D", "\xEF\xB8\x8F", "\xF0\x9F\x98\x80", "\t", "\xFF", "\xC3", "\xE2\x80\xA8", "\x1C", "\xC2\x85", "\xE2\x81\xA6", "\xE2\x81\xA9"};
  const char* langs[] = {"en", "zh-Hans", "ug", "bo", "ko", "ii", "mn-Mong", "kk-Arab"};
  uint32_t seed = 12345;
  auto rnd = [&seed](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  };
  for (int iter = 0; iter < 1500; ++iter) {
    std::string text;
    const uint32_t len = rnd(40);
    for (uint32_t i = 0; i < len; ++i) text += pool[rnd(uint32_t(pool.size()))];
    ParagraphStyle st = Style(langs[rnd(8)], float(8 + rnd(40)));
    st.direction = Direction(rnd(3));
    st.bold = rnd(2) == 1;
    const float w = rnd(5) == 0 ? 0.f : float(rnd(300)) + 0.5f;
    Layout l = e.LayoutParagraph(text, st, w);
    ASSERT_FALSE(l.lines.empty());
    uint32_t at = 0;
    float top = 0;
    for (const auto& line : l.lines) {
      EXPECT_EQ(line.utf8_begin, at) << iter;
      EXPECT_GE(line.utf8_end, line.utf8_begin);
      EXPECT_FLOAT_EQ(line.top, top);
      top += line.height;
      at = line.utf8_end;
      if (w > 0 && !l.overflow) {
        EXPECT_LE(line.width, w + 0.01f) << iter;
      }
      float x = 0;
      for (const auto& r : line.runs) {
        EXPECT_NEAR(r.x, x, 0.01f);
        x += r.width;
        for (const auto& g : r.glyphs) {
          EXPECT_GE(g.cluster, line.utf8_begin);
          EXPECT_LT(g.cluster, std::max<uint32_t>(line.utf8_end, 1));
        }
      }
      EXPECT_NEAR(x, line.width, 0.01f);
    }
    EXPECT_EQ(at, text.size()) << iter;
    EXPECT_FLOAT_EQ(l.height, top);
  }
}

TEST(Fonts, BoldUsesTheBoldFaceAndKoreanHanUsesKrFace) {
  Engine& e = SharedEngine();
  ParagraphStyle bold = Style("en");
  bold.bold = true;
  Layout a = e.LayoutParagraph("Qiao", Style("en"), 1000);
  Layout b = e.LayoutParagraph("Qiao", bold, 1000);
  EXPECT_NE(a.lines[0].runs[0].font_id, b.lines[0].runs[0].font_id);
  Layout zh = e.LayoutParagraph("漢字", Style("zh-Hans"), 1000);
  Layout ko = e.LayoutParagraph("漢字", Style("ko"), 1000);
  EXPECT_NE(zh.lines[0].runs[0].font_id, ko.lines[0].runs[0].font_id);
}

TEST(Fonts, MissingFontsAreReportedAndLayoutStaysSane) {
  FontOptions none;
  none.search_dirs = {"/nonexistent-qiao-dir"};
  auto e = Engine::Create(none);
  EXPECT_FALSE(e->warnings().empty());
  Layout l = e->LayoutParagraph("Hello world", Style("en", 20), 100);
  ASSERT_EQ(l.lines.size(), 1u);
  EXPECT_FLOAT_EQ(l.lines[0].height, 30.0f);
  EXPECT_GT(l.lines[0].baseline, 0.f);
  EXPECT_GT(l.missing_glyphs, 0u);
  e->atlas().BeginFrame();
  EXPECT_EQ(e->atlas().Get(0, 5, 20).w, 0);
}

TEST(Cache, RepeatedLayoutIsIdentical) {
  Engine& e = SharedEngine();
  const std::string text = "请把社会保障卡放在读卡器上，然后按“确认”。ئۇيغۇرچە 2026 Qiao";
  Layout first = e.LayoutParagraph(text, Style("zh-Hans"), 200);
  Layout again = e.LayoutParagraph(text, Style("zh-Hans"), 200);
  ASSERT_EQ(again.lines.size(), first.lines.size());
  for (size_t i = 0; i < first.lines.size(); ++i) {
    EXPECT_EQ(again.lines[i].utf8_begin, first.lines[i].utf8_begin);
    EXPECT_EQ(again.lines[i].width, first.lines[i].width);
  }
}

// Every frame asks again for every paragraph on screen: the answer is the cached layout itself,
// and one a widget still holds stays valid after the cache has dropped it.
TEST(Cache, RepeatedParagraphIsSharedAndOutlivesEviction) {
  auto engine = Engine::Create();
  ParagraphStyle style;
  style.lang = "zh-Hans";
  const std::string text = "扫描二维码前，先看清楚是谁的码。";
  auto first = engine->SharedLayout(text, style, 200);
  auto again = engine->SharedLayout(text, style, 200);
  EXPECT_EQ(first.get(), again.get()) << "a repeated request should not lay out or copy again";
  EXPECT_NE(first.get(), engine->SharedLayout(text, style, 300).get()) << "another width is another layout";
  const Layout copy = *first;
  again.reset();
  // More distinct paragraphs than the cache keeps (4,096 entries): the first is evicted.
  for (int i = 0; i < 5000; ++i) engine->SharedLayout("paragraph " + std::to_string(i), ParagraphStyle{}, 200);
  ASSERT_EQ(first->lines.size(), copy.lines.size());
  for (size_t i = 0; i < copy.lines.size(); ++i) {
    ASSERT_EQ(first->lines[i].runs.size(), copy.lines[i].runs.size());
    for (size_t r = 0; r < copy.lines[i].runs.size(); ++r)
      EXPECT_EQ(first->lines[i].runs[r].glyphs.size(), copy.lines[i].runs[r].glyphs.size());
  }
  EXPECT_NE(first.get(), engine->SharedLayout(text, style, 200).get()) << "it was evicted and laid out anew";
}

}  // namespace
}  // namespace qiao::text
