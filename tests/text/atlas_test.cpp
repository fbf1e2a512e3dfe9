// Glyph atlas: crisp bitmaps on demand, bounded memory, stable rectangles within a frame.
#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "text/text.h"

namespace qiao::text {
namespace {

struct Snapshot {
  AtlasGlyph g;
  std::vector<uint8_t> pixels;
};

Snapshot Take(const GlyphAtlas& a, const AtlasGlyph& g) {
  Snapshot s{g, {}};
  for (int row = 0; row < g.h; ++row) {
    const uint8_t* p = a.pixels() + size_t(g.y + row) * size_t(a.width()) + size_t(g.x);
    s.pixels.insert(s.pixels.end(), p, p + g.w);
  }
  return s;
}

bool Same(const GlyphAtlas& a, const Snapshot& s) { return Take(a, s.g).pixels == s.pixels; }

// Glyph ids of a run of CJK ideographs, via layout (so ids are real).
std::vector<Glyph> HanGlyphs(Engine& e, char32_t first, int count, float size) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    char32_t c = first + char32_t(i);
    text += char(0xE0 | (c >> 12));
    text += char(0x80 | ((c >> 6) & 0x3F));
    text += char(0x80 | (c & 0x3F));
  }
  ParagraphStyle st;
  st.lang = "zh-Hans";
  st.size_px = size;
  Layout l = e.LayoutParagraph(text, st, 0);
  std::vector<Glyph> out;
  for (const auto& line : l.lines)
    for (const auto& r : line.runs) out.insert(out.end(), r.glyphs.begin(), r.glyphs.end());
  return out;
}

TEST(Atlas, RasterizesAtExactSizeAndCachesIt) {
  auto e = Engine::Create();
  auto& a = e->atlas();
  EXPECT_EQ(a.width(), 1024);
  EXPECT_EQ(a.height(), 1024);
  auto g = HanGlyphs(*e, U'永', 1, 32)[0];
  a.BeginFrame();
  AtlasGlyph small = a.Get(g.font_id, g.glyph_id, 16);
  AtlasGlyph big = a.Get(g.font_id, g.glyph_id, 32);
  EXPECT_TRUE(a.TakeDirty());
  EXPECT_FALSE(a.TakeDirty());
  EXPECT_GT(small.w, 8);
  EXPECT_LE(small.w, 17);
  EXPECT_GT(big.w, 2 * small.w - 4);
  EXPECT_GT(big.bearing_y, 20);
  // Some ink, and a second request is served from the atlas.
  Snapshot s = Take(a, big);
  int ink = 0;
  for (uint8_t p : s.pixels) ink += p > 128;
  EXPECT_GT(ink, 50);
  AtlasGlyph again = a.Get(g.font_id, g.glyph_id, 32);
  EXPECT_EQ(again.x, big.x);
  EXPECT_EQ(again.y, big.y);
  EXPECT_FALSE(a.TakeDirty());
  // A space has no ink.
  ParagraphStyle st;
  Layout sp = e->LayoutParagraph("a b", st, 0);
  AtlasGlyph space = a.Get(sp.lines[0].runs[0].glyphs[1].font_id, sp.lines[0].runs[0].glyphs[1].glyph_id, 24);
  EXPECT_EQ(space.w, 0);
}

TEST(Atlas, ThousandsOfGlyphsStayBoundedAndValidWithinAFrame) {
  FontOptions opt;
  opt.atlas_initial_size = 256;
  opt.atlas_max_size = 1024;
  auto e = Engine::Create(opt);
  auto& a = e->atlas();
  const float sizes[] = {14, 20, 28, 40};
  char32_t next = 0x4E00;
  for (int frame = 0; frame < 24; ++frame) {
    a.BeginFrame();
    // Each frame: ~300 new ideographs at one size plus a common set used every frame.
    std::vector<Snapshot> used;
    for (const auto& g : HanGlyphs(*e, 0x4E00, 40, 20)) used.push_back(Take(a, a.Get(g.font_id, g.glyph_id, 20)));
    float size = sizes[frame % 4];
    for (const auto& g : HanGlyphs(*e, next, 300, size)) {
      AtlasGlyph ag = a.Get(g.font_id, g.glyph_id, size);
      if (ag.w > 0) used.push_back(Take(a, ag));
    }
    next += 300;
    EXPECT_LE(a.width(), 1024);
    EXPECT_LE(a.height(), 1024);
    // Everything returned this frame still has the same pixels at the same place.
    int broken = 0;
    for (const auto& s : used) broken += !Same(a, s);
    EXPECT_EQ(broken, 0) << "frame " << frame;
  }
  AtlasStats st = a.stats();
  EXPECT_GT(st.compactions, 0u);
  EXPECT_LT(st.glyphs, 2000u);
  EXPECT_EQ(st.frame, 25u);
  std::printf("atlas: %dx%d, %zu glyphs, %llu compactions, %llu dropped\n", a.width(), a.height(), st.glyphs,
              (unsigned long long)st.compactions, (unsigned long long)st.dropped);
}

TEST(Atlas, AFrameThatNeedsMoreThanMaxDropsInsteadOfCorrupting) {
  FontOptions opt;
  opt.atlas_initial_size = 128;
  opt.atlas_max_size = 256;
  auto e = Engine::Create(opt);
  auto& a = e->atlas();
  a.BeginFrame();
  std::vector<Snapshot> used;
  for (const auto& g : HanGlyphs(*e, 0x5000, 400, 32)) {
    AtlasGlyph ag = a.Get(g.font_id, g.glyph_id, 32);
    if (ag.w > 0) used.push_back(Take(a, ag));
  }
  EXPECT_EQ(a.width(), 256);
  EXPECT_GT(a.stats().dropped, 0u);
  for (const auto& s : used) EXPECT_TRUE(Same(a, s));
  // Next frame with a small working set works normally again.
  a.BeginFrame();
  auto g = HanGlyphs(*e, 0x6000, 1, 32)[0];
  EXPECT_GT(a.Get(g.font_id, g.glyph_id, 32).w, 0);
}

TEST(Atlas, GlyphsFromEveryKioskScript) {
  auto e = Engine::Create();
  auto& a = e->atlas();
  a.BeginFrame();
  const std::vector<std::pair<std::string, std::string>> samples = {
      {"en", "Qiao"}, {"ug", "ئۇيغۇرچە"}, {"bo", "བོད་ཡིག"}, {"ii", "ꆈꌠ"}, {"ko", "안녕"}, {"mn-Mong", "ᠮᠣᠩᠭᠣᠯ"}};
  for (const auto& [lang, text] : samples) {
    ParagraphStyle st;
    st.lang = lang;
    Layout l = e->LayoutParagraph(text, st, 0);
    for (const auto& line : l.lines)
      for (const auto& r : line.runs)
        for (const auto& g : r.glyphs) EXPECT_GT(a.Get(g.font_id, g.glyph_id, 24).w, 0) << lang;
  }
}

}  // namespace
}  // namespace qiao::text
