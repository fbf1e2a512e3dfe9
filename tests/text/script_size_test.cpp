// Every script reads at about the same apparent size: Tibetan and Mongolian, whose letters are
// small for their em, are drawn larger; lines keep at least 1.3x spacing; a line's typical ink
// sits in the middle of its line box. Measured on the glyph bitmaps as placed for drawing
// (PlaceGlyphs), not on the font tables.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "text/text.h"

namespace qiao::text {
namespace {

Engine& SharedEngine() {
  static std::unique_ptr<Engine> engine = Engine::Create();
  return *engine;
}

struct Ink {
  float top = 1e9f, bottom = -1e9f;  // y down, in the paragraph box
  float median_height = 0;           // of one glyph's bitmap
};

Ink InkOf(const Layout& layout) {
  Ink ink;
  std::vector<float> heights;
  GlyphAtlas& atlas = SharedEngine().atlas();
  atlas.BeginFrame();
  PlaceGlyphs(layout, atlas, {0, 0}, {}, [&](const GlyphQuad& q) {
    ink.top = std::min(ink.top, q.corners[0].y);
    ink.bottom = std::max(ink.bottom, q.corners[2].y);
    heights.push_back(q.corners[2].y - q.corners[0].y);
  });
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + long(heights.size() / 2), heights.end());
    ink.median_height = heights[heights.size() / 2];
  }
  return ink;
}

Layout Lay(const std::string& lang, const std::string& text, float size = 48, float line_height = 1.5f) {
  ParagraphStyle style;
  style.lang = lang;
  style.size_px = size;
  style.line_height = line_height;
  return SharedEngine().LayoutParagraph(text, style, 0);
}

// Whole letters (no marks, no ascenders or descenders to speak of) of each script.
TEST(ScriptSize, LettersOfEveryScriptAreAboutAsTallAsLatinCapitals) {
  const float caps = InkOf(Lay("en", "QIAOHMEN")).median_height;
  ASSERT_GT(caps, 20.0f);  // 48 px: Noto Sans capitals are ~0.71 em
  struct Case {
    const char* lang;
    const char* letters;
  };
  for (const Case& c : {Case{"bo", "ཀགངཔབམཚ"}, Case{"mn-Mong", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ ᠬᠢᠴᠢᠶᠡᠯ"}}) {
    const float h = InkOf(Lay(c.lang, c.letters)).median_height;
    // Within 6%: unscaled, Tibetan letters are ~13% shorter (checked by dropping its letters).
    EXPECT_NEAR(h / caps, 1.0f, 0.06f) << c.lang << ": letters " << h << " px, Latin capitals " << caps << " px";
  }
  // Scripts already drawn to match are never made smaller.
  for (const char* s : {"中文课程", "한국어", "ꆈꌠꉙ"}) EXPECT_GE(InkOf(Lay("zh-Hans", s)).median_height, caps * 0.95f) << s;
}

TEST(ScriptSize, OnlyScriptsThatDrawSmallAreScaled) {
  for (const auto& [lang, text, scaled] : std::vector<std::tuple<std::string, std::string, bool>>{
           {"bo", "བོད་ཡིག", true}, {"mn-Mong", "ᠮᠣᠩᠭᠣᠯ", true}, {"zh-Hans", "中文", false}, {"en", "Home", false},
           {"ug", "ئۇيغۇرچە", false}, {"ii", "ꆈꌠꉙ", false}, {"ko", "한국어", false}, {"mn", "Монгол", false}}) {
    const Layout l = Lay(lang, text, 24);
    ASSERT_EQ(l.lines.size(), 1u);
    ASSERT_FALSE(l.lines[0].runs.empty());
    const float size = l.lines[0].runs[0].size_px;
    if (scaled) {
      EXPECT_GT(size, 24.0f * 1.05f) << lang;
      EXPECT_LE(size, 24.0f * 1.35f + 0.1f) << lang;
    } else {
      EXPECT_FLOAT_EQ(size, 24.0f) << lang;
    }
  }
}

TEST(ScriptSize, LineSpacingStaysAtLeast1Point3TimesTheLargestRun) {
  // A Chinese paragraph quoting Tibetan and Mongolian: the scaled runs set the line height.
  const std::string text = "请说 བོད་ཡིག 和 ᠮᠣᠩᠭᠣᠯ 的名字，然后继续学习下一课的内容和练习";
  for (float lh : {1.3f, 1.5f}) {
    ParagraphStyle style;
    style.lang = "zh-Hans";
    style.size_px = 24;
    style.line_height = lh;
    const Layout l = SharedEngine().LayoutParagraph(text, style, 200);
    ASSERT_GE(l.lines.size(), 2u);
    for (const Line& line : l.lines)
      for (const text::Run& run : line.runs) EXPECT_GE(line.height + 0.01f, 1.3f * run.size_px) << "line height " << lh;
  }
  for (const char* lang : {"bo", "mn-Mong"}) {
    const Layout l = Lay(lang, lang == std::string("bo") ? "བོད་ཡིག" : "ᠮᠣᠩᠭᠣᠯ", 24, 1.3f);
    EXPECT_GE(l.lines[0].height + 0.01f, 1.3f * l.lines[0].runs[0].size_px) << lang;
  }
}

// A one-line label's ink is centred in its line box (the button centres the box), within a
// tenth of the line: Tibetan used to sit high (the font's ascender leaves room for stacks).
TEST(ScriptSize, TypicalTextIsCentredInItsLineByInk) {
  struct Case {
    const char* lang;
    const char* text;
  };
  for (const Case& c : {Case{"bo", "སློབ་ཚན།"}, Case{"bo", "བོད་ཡིག"}, Case{"zh-Hans", "课程"}, Case{"en", "Lessons"},
                        Case{"ug", "دەرسلەر"}, Case{"ii", "ꆈꌠꉙ"}, Case{"ko", "수업"}, Case{"mn", "Хичээл"},
                        Case{"mn-Mong", "ᠬᠢᠴᠢᠶᠡᠯ"}}) {
    const Layout l = Lay(c.lang, c.text, 48);
    ASSERT_EQ(l.lines.size(), 1u);
    const Ink ink = InkOf(l);
    const float centre = (ink.top + ink.bottom) / 2, box = l.lines[0].top + l.lines[0].height / 2;
    EXPECT_NEAR(centre, box, 0.1f * l.lines[0].height) << c.lang << " " << c.text << ": ink " << ink.top << ".."
                                                       << ink.bottom << " in a line 0.." << l.lines[0].height;
    // And the ink stays inside the line box (bitmaps are whole rows, snapped to whole pixels:
    // up to a pixel and a half beyond the exact outline).
    EXPECT_GE(ink.top, -1.5f) << c.lang << " " << c.text;
    EXPECT_LE(ink.bottom, l.lines[0].height + 1.5f) << c.lang << " " << c.text;
  }
}

}  // namespace
}  // namespace qiao::text
