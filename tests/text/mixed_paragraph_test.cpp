// A Uyghur paragraph with Chinese, Latin and digits inside (as a real guide has: an app name, a
// place name in Hanzi, a date and a phone number): it must read right to left with every
// embedded left-to-right island in its own order, wrap only between words, stay right-aligned,
// and map every run back to the bytes it came from. Checked through run order and UTF-8 ranges,
// not pixels.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "text/text.h"

namespace qiao::text {
namespace {

// "On 15 March 2026 I learned the Qiao app at the 桥 centre; phone 09911234567."
const std::string kText =
    "مەن 2026-يىلى 3-ئاينىڭ 15-كۈنى Qiao ئەپىنى 桥 مەركىزىدە ئۆگەندىم، تېلېفون 09911234567.";

Engine& TheEngine() {
  static std::unique_ptr<Engine> engine = Engine::Create();
  return *engine;
}

ParagraphStyle Uyghur() {
  ParagraphStyle s;
  s.lang = "ug";
  s.size_px = 24;
  return s;
}

std::string Sub(uint32_t b, uint32_t e) { return kText.substr(b, e - b); }

const Run* RunWith(const Line& line, const std::string& piece) {
  const size_t at = kText.find(piece);
  for (const Run& r : line.runs)
    if (r.utf8_begin <= at && at + piece.size() <= r.utf8_end) return &r;
  return nullptr;
}

// What a reader meets going right to left along a line: runs sorted by x, with the pieces of
// one left-to-right island (split only because a font changes, e.g. digits and a hyphen) merged.
struct Span {
  uint32_t utf8_begin, utf8_end;
};
std::vector<Span> RightToLeft(const Line& line) {
  std::vector<const Run*> runs;
  for (const Run& r : line.runs) runs.push_back(&r);
  std::sort(runs.begin(), runs.end(), [](const Run* a, const Run* b) { return a->x > b->x; });
  std::vector<Span> out;
  for (size_t i = 0; i < runs.size(); ++i) {
    if (i && !runs[i]->rtl && !runs[i - 1]->rtl && runs[i]->utf8_end == out.back().utf8_begin)
      out.back().utf8_begin = runs[i]->utf8_begin;
    else
      out.push_back({runs[i]->utf8_begin, runs[i]->utf8_end});
  }
  return out;
}

TEST(MixedParagraph, OneLineReadsRightToLeftWithLtrIslandsInOrder) {
  const Layout l = TheEngine().LayoutParagraph(kText, Uyghur(), 0);
  ASSERT_EQ(l.lines.size(), 1u);
  EXPECT_TRUE(l.rtl);
  EXPECT_EQ(l.missing_glyphs, 0u);
  const Line& line = l.lines[0];
  // Right to left on screen = logical order: every run starts after the one to its right.
  const auto runs = RightToLeft(line);
  for (size_t i = 1; i < runs.size(); ++i)
    EXPECT_GT(runs[i].utf8_begin, runs[i - 1].utf8_begin)
        << "\"" << Sub(runs[i].utf8_begin, runs[i].utf8_end) << "\" should be left of \""
        << Sub(runs[i - 1].utf8_begin, runs[i - 1].utf8_end) << "\"";
  // The Latin word, the Hanzi and the numbers are left-to-right runs in their own fonts, glyphs
  // in logical order from left to right.
  for (const char* island : {"Qiao", "桥", "2026", "09911234567"}) {
    const text::Run* r = RunWith(line, island);
    ASSERT_NE(r, nullptr) << island;
    EXPECT_FALSE(r->rtl) << island;
    for (size_t i = 1; i < r->glyphs.size(); ++i) {
      EXPECT_GE(r->glyphs[i].cluster, r->glyphs[i - 1].cluster) << island;
      EXPECT_GT(r->glyphs[i].x, r->glyphs[i - 1].x) << island;
    }
  }
  EXPECT_NE(TheEngine().font_file(RunWith(line, "桥")->font_id).path.find("CJK"), std::string::npos);
  EXPECT_NE(TheEngine().font_file(RunWith(line, "Qiao")->font_id).path.find("NotoSans-"), std::string::npos);
  EXPECT_NE(TheEngine().font_file(RunWith(line, "مەن")->font_id).path.find("Arabic"), std::string::npos);
  // The first word is at the right edge, the phone number at the left.
  EXPECT_NEAR(RunWith(line, "مەن")->x + RunWith(line, "مەن")->width, line.width, 0.5f);
  EXPECT_LT(RunWith(line, "09911234567")->x, RunWith(line, "ئۆگەندىم")->x);
}

TEST(MixedParagraph, WrapsBetweenWordsRightAlignedAndCoversEveryByte) {
  for (float width : {180.0f, 260.0f, 400.0f}) {
    SCOPED_TRACE("width " + std::to_string(width));
    const Layout l = TheEngine().LayoutParagraph(kText, Uyghur(), width);
    ASSERT_GE(l.lines.size(), 2u);
    EXPECT_FALSE(l.overflow);
    uint32_t expect_begin = 0;
    for (const Line& line : l.lines) {
      // Lines follow each other in the text, with nothing lost or repeated.
      EXPECT_EQ(line.utf8_begin, expect_begin);
      expect_begin = line.utf8_end;
      // Right-aligned and within the width.
      EXPECT_LE(line.width, width + 0.01f);
      EXPECT_NEAR(line.x + line.width, width, 0.5f);
      // A line ends after a space or a hyphen, or at the end: no word, number or name is cut.
      if (line.utf8_end < kText.size())
        EXPECT_TRUE(kText[line.utf8_end - 1] == ' ' || kText[line.utf8_end - 1] == '-')
            << Sub(line.utf8_begin, line.utf8_end);
      // Runs lie inside the line and read right to left in logical order.
      const auto runs = RightToLeft(line);
      for (size_t i = 0; i < runs.size(); ++i) {
        EXPECT_GE(runs[i].utf8_begin, line.utf8_begin);
        EXPECT_LE(runs[i].utf8_end, line.utf8_end);
        if (i) { EXPECT_GT(runs[i].utf8_begin, runs[i - 1].utf8_begin); }
      }
    }
    EXPECT_EQ(expect_begin, kText.size());
    // The numbers stay whole, on one line, left to right.
    for (const char* island : {"2026", "09911234567"}) {
      const size_t at = kText.find(island);
      int lines_with_it = 0;
      for (const Line& line : l.lines)
        if (line.utf8_begin <= at && at < line.utf8_end) {
          ++lines_with_it;
          EXPECT_LE(at + std::string(island).size(), line.utf8_end) << island << " split across lines";
        }
      EXPECT_EQ(lines_with_it, 1) << island;
    }
  }
}

}  // namespace
}  // namespace qiao::text
