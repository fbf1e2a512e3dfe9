// The engine's glyphs are HarfBuzz's glyphs: for a sample string per script, the glyph ids,
// clusters and positions LayoutParagraph returns equal what Debian's `hb-shape` command
// (libharfbuzz-bin) prints for the same font file, face, size, direction, script and language.
// A difference means the engine picked another font, split the text differently or lost an
// offset: joining, stacking or kerning a reader would see go wrong.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "text/text.h"

namespace qiao::text {
namespace {

struct Sample {
  const char* name;
  const char* lang;
  const char* script;  // ISO 15924, as the engine itemizes it
  bool rtl;
  const char* text;
};

// One script per string, short enough for one unwrapped line: the engine's run is the line.
const Sample kSamples[] = {
    {"ug", "ug", "Arab", true, "ئۇيغۇرچە يېزىق ۋە كومپيۇتېر"},
    {"kk_Arab", "kk-Arab", "Arab", true, "قازاق ٴتىلى ٴۇشىن"},
    {"bo", "bo", "Tibt", false, "བོད་ཀྱི་སྐད་ཡིག་བསྒྲིགས།"},
    {"mn_Mong", "mn-Mong", "Mong", false, "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ ᠦᠨ ᠬᠢᠴᠢᠶᠡᠯ"},
    {"ii", "ii", "Yiii", false, "ꆈꌠꁱꂷ ꀊꆨꌠ"},
    {"ko", "ko", "Hang", false, "한국어 문장을 씁니다"},
    {"zh", "zh-Hans", "Hani", false, "社会保障卡，养老金资格认证。"},
    {"en", "en", "Latn", false, "Office affine AVATAR Wave"},
};

// The paragraph's size; a run is shaped at it times its font's size factor (Run::size_px), and
// hb-shape is given the same scale (--font-size = Run::size_px * 64: positions in 26.6).
constexpr float kSizePx = 24.0f;

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs hb-shape and returns its JSON glyph array (or a null json with *error set).
nlohmann::json HbShape(const FontFile& font, float size_px, const Sample& s, std::string* error) {
  std::string cmd = std::string(QIAO_HB_SHAPE) + " --output-format=json --no-glyph-names --utf8-clusters" +
                    " --font-funcs=ot --font-file=" + Quote(font.path) +
                    " --face-index=" + std::to_string(font.face_index) +
                    " --font-size=" + std::to_string(std::lround(size_px * 64)) +
                    " --direction=" + (s.rtl ? "rtl" : "ltr") + " --script=" + s.script +
                    " --language=" + s.lang + " --text=" + Quote(s.text) + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    *error = "cannot run " + cmd;
    return nullptr;
  }
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  auto j = nlohmann::json::parse(out, nullptr, false);
  if (rc != 0 || !j.is_array()) {
    *error = "hb-shape failed (" + cmd + "): " + out;
    return nullptr;
  }
  return j;
}

class HbShapeTest : public ::testing::TestWithParam<Sample> {};

TEST_P(HbShapeTest, GlyphIdsAndAdvancesEqualHbShape) {
  const Sample& s = GetParam();
  static std::unique_ptr<Engine> engine = Engine::Create();
  ParagraphStyle style;
  style.lang = s.lang;
  style.size_px = kSizePx;
  const Layout layout = engine->LayoutParagraph(s.text, style, 0);
  ASSERT_EQ(layout.lines.size(), 1u);
  ASSERT_EQ(layout.lines[0].runs.size(), 1u) << "one script and font expected for " << s.name;
  EXPECT_EQ(layout.missing_glyphs, 0u);
  const text::Run& run = layout.lines[0].runs[0];
  EXPECT_EQ(run.rtl, s.rtl);
  const FontFile font = engine->font_file(run.font_id);
  ASSERT_FALSE(font.path.empty());

  std::string error;
  EXPECT_FLOAT_EQ(run.size_px, std::lround(kSizePx * font.size_factor * 64) / 64.0f);
  const nlohmann::json hb = HbShape(font, run.size_px, s, &error);
  ASSERT_TRUE(hb.is_array()) << error;
  ASSERT_EQ(run.glyphs.size(), hb.size()) << font.path;
  int64_t pen = 0;  // 26.6 fixed point, as HarfBuzz gives it
  for (size_t i = 0; i < hb.size(); ++i) {
    const Glyph& g = run.glyphs[i];
    SCOPED_TRACE("glyph " + std::to_string(i) + " " + hb[i].dump());
    EXPECT_EQ(g.glyph_id, hb[i]["g"].get<uint32_t>());
    EXPECT_EQ(g.cluster, hb[i]["cl"].get<uint32_t>());
    EXPECT_FLOAT_EQ(g.x, float(pen + hb[i]["dx"].get<int64_t>()) / 64.0f);
    EXPECT_FLOAT_EQ(g.y, -float(hb[i]["dy"].get<int64_t>()) / 64.0f);
    pen += hb[i]["ax"].get<int64_t>();
  }
  EXPECT_FLOAT_EQ(run.width, float(pen) / 64.0f);  // the sum of the advances
}

INSTANTIATE_TEST_SUITE_P(Scripts, HbShapeTest, ::testing::ValuesIn(kSamples),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace qiao::text
