// Additions (the browser's per-locale CJK glyphs, web/fonts.py): a file "STEM.plus-WHAT.EXT"
// beside the font table's "STEM.EXT" holds only the characters the first-visit cut lacks, and
// the engine opens it as part of the same font. What a learner sees must not tell the two ways
// of shipping a locale's glyphs apart: text laid out and drawn from the first-visit cut plus
// the addition is pixel for pixel what one file with all of them (the superset that used to
// replace the first-visit cut) gives, with nothing missing. The cuts are made here the way
// fonts.py makes them (Debian's hb-subset on Debian's Noto Sans CJK, the same options).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "platform/render_text.h"
#include "text/text.h"

namespace qiao::text {
namespace {

namespace fs = std::filesystem;

// What the picker shows (the first visit's cut; it keeps the font table's samples, as fonts.py
// does) and what a zh-Hans / ko learner reads beyond it.
const char kBaseText[] = "中文课程医保 한국어 수업 English 汉语 0123456789，。：（）《》";
const char kChineseText[] = "社会保障卡的养老金资格认证，每年一次。请带身份证到社区服务中心办理；电话 12345。";
const char kKoreanText[] = "사회보장카드 연금 자격 인증은 매년 한 번입니다. 신분증을 가지고 오세요.";

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

uint32_t Be32(const std::string& s, size_t at) {
  return uint32_t(uint8_t(s[at])) << 24 | uint32_t(uint8_t(s[at + 1])) << 16 | uint32_t(uint8_t(s[at + 2])) << 8 |
         uint32_t(uint8_t(s[at + 3]));
}
void PutBe32(std::string* s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*s)[at + size_t(i)] = char(v >> (24 - 8 * i));
}

// A collection of single-face fonts (OpenType's 'ttcf' header, version 1.0, each face's table
// offsets moved to where its tables land), so face i is faces[i].
std::string Collection(const std::vector<std::string>& faces) {
  const size_t header = 12 + 4 * faces.size();
  std::string out(header, '\0');
  out.replace(0, 4, "ttcf");
  PutBe32(&out, 4, 0x00010000);
  PutBe32(&out, 8, uint32_t(faces.size()));
  for (size_t i = 0; i < faces.size(); ++i) {
    while (out.size() % 4) out.push_back('\0');
    const uint32_t at = uint32_t(out.size());
    PutBe32(&out, 12 + 4 * i, at);
    std::string face = faces[i];
    const uint32_t tables = uint32_t(uint8_t(face[4])) << 8 | uint8_t(face[5]);
    for (uint32_t t = 0; t < tables; ++t) PutBe32(&face, 12 + 16 * t + 8, Be32(face, 12 + 16 * t + 8) + at);
    out += face;
  }
  return out;
}

class FontAdditionTest : public ::testing::Test {
 protected:
  // hb-subset of face `face` of the system's CJK collection to `text` (as web/fonts.py cuts).
  std::string Cut(unsigned face, const std::string& text) {
    const fs::path txt = dir_ / "text.txt", out = dir_ / "face.otf";
    std::ofstream(txt, std::ios::binary) << text << ' ';
    const std::string cmd = std::string(QIAO_HB_SUBSET) + " --font-file=" + Quote(cjk_path_) +
                            " --face-index=" + std::to_string(face) + " --text-file=" + Quote(txt.string()) +
                            " --output-file=" + Quote(out.string()) + " --no-hinting --desubroutinize 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return ReadFile(out);
  }
  // The CJK collection as the engine opens it (face 1 KR, face 2 SC; face 0 repeats KR), each
  // face cut to its text, written as `name` in `folder`.
  void WriteCollection(const fs::path& folder, const std::string& name, const std::string& kr, const std::string& sc) {
    fs::create_directories(folder);
    const std::string k = Cut(1, kr), s = Cut(2, sc);
    std::ofstream(folder / name, std::ios::binary) << Collection({k, k, s});
  }

  void SetUp() override {
    auto system = Engine::Create();
    for (uint32_t id = 0;; ++id) {
      const FontFile f = system->font_file(id);
      if (f.path.empty()) break;
      if (f.file == "NotoSansCJK-Regular.ttc") cjk_path_ = f.path;
    }
    if (cjk_path_.empty()) GTEST_SKIP() << "NotoSansCJK-Regular.ttc (fonts-noto-cjk) is not installed";
    dir_ = fs::path(::testing::TempDir()) / ("qiao-font-addition-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    const std::string all = std::string(kBaseText) + kChineseText + kKoreanText;
    // The superset one file used to hold: the first visit's characters and the locale's.
    WriteCollection(dir_ / "superset", "NotoSansCJK-Regular.ttc", all, all);
    // The first-visit cut alone, and with the locale's addition (only what the cut lacks; the
    // cutter leaves out what the first visit has, the test need not).
    WriteCollection(dir_ / "first", "NotoSansCJK-Regular.ttc", kBaseText, kBaseText);
    fs::create_directories(dir_ / "added");
    fs::copy_file(dir_ / "first/NotoSansCJK-Regular.ttc", dir_ / "added/NotoSansCJK-Regular.ttc");
    WriteCollection(dir_ / "added", "NotoSansCJK-Regular.plus-locale.ttc", kKoreanText, kChineseText);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Engine> EngineOn(const std::string& folder) {
    FontOptions options;
    options.search_dirs = {(dir_ / folder).string()};
    return Engine::Create(options);
  }

  fs::path dir_;
  std::string cjk_path_;
};

TEST_F(FontAdditionTest, TextDrawsAsFromOneFileWithEveryGlyph) {
  auto superset = EngineOn("superset"), added = EngineOn("added"), first = EngineOn("first");
  struct Case {
    const char* lang;
    std::string text;
  };
  const Case cases[] = {
      {"zh-Hans", std::string("中文课程：") + kChineseText + "（医保）"},
      {"ko", std::string("한국어 수업 ") + kKoreanText},
  };
  for (const Case& c : cases) {
    for (float size : {18.0f, 33.0f}) {
      SCOPED_TRACE(std::string(c.lang) + " at " + std::to_string(size) + " px");
      ParagraphStyle style;
      style.lang = c.lang;
      style.size_px = size;
      style.line_height = 1.4f;
      const float width = size * 9.5f;  // several lines, breaking between characters of both files
      const Layout want = superset->LayoutParagraph(c.text, style, width);
      const Layout got = added->LayoutParagraph(c.text, style, width);
      EXPECT_EQ(want.missing_glyphs, 0u);
      EXPECT_EQ(got.missing_glyphs, 0u) << "a character of the addition is drawn as a box";
      EXPECT_GT(first->LayoutParagraph(c.text, style, width).missing_glyphs, 0u)
          << "the first-visit cut alone has every character: the addition is not what draws them";
      // Some runs come from the addition, some from the first-visit file.
      std::map<std::string, int> files;
      for (const auto& line : got.lines)
        for (const auto& run : line.runs) ++files[added->font_file(run.font_id).file];
      EXPECT_TRUE(files.count("NotoSansCJK-Regular.plus-locale.ttc")) << "no run from the addition";
      EXPECT_TRUE(files.count("NotoSansCJK-Regular.ttc")) << "no run from the first-visit file";
      // Same lines at the same places.
      ASSERT_EQ(got.lines.size(), want.lines.size());
      EXPECT_FLOAT_EQ(got.height, want.height);
      for (size_t i = 0; i < got.lines.size(); ++i) {
        EXPECT_EQ(got.lines[i].utf8_begin, want.lines[i].utf8_begin) << "line " << i;
        EXPECT_EQ(got.lines[i].utf8_end, want.lines[i].utf8_end) << "line " << i;
        EXPECT_FLOAT_EQ(got.lines[i].width, want.lines[i].width) << "line " << i;
        EXPECT_FLOAT_EQ(got.lines[i].baseline, want.lines[i].baseline) << "line " << i;
      }
      // And the same pixels.
      const platform::GreyImage a = platform::RenderText(*superset, c.text, style, width);
      const platform::GreyImage b = platform::RenderText(*added, c.text, style, width);
      ASSERT_EQ(a.width, b.width);
      ASSERT_EQ(a.height, b.height);
      size_t differing = 0;
      for (size_t i = 0; i < a.pixels.size(); ++i) differing += a.pixels[i] != b.pixels[i];
      EXPECT_EQ(differing, 0u) << "pixels differ between the superset and the first-visit cut plus the addition";
    }
  }
}

TEST_F(FontAdditionTest, AnAdditionWithoutItsFileIsNotOpened) {
  // The addition alone (its first-visit file missing) adds to nothing: the file is reported
  // missing as before and the addition's glyphs are not drawn as some other font.
  fs::create_directories(dir_ / "orphan");
  fs::copy_file(dir_ / "added/NotoSansCJK-Regular.plus-locale.ttc", dir_ / "orphan/NotoSansCJK-Regular.plus-locale.ttc");
  auto engine = EngineOn("orphan");
  EXPECT_TRUE(engine->font_file(0).path.empty()) << engine->font_file(0).file;
  std::string all;
  for (const auto& w : engine->warnings()) all += w + "\n";
  EXPECT_NE(all.find("font not found: NotoSansCJK-Regular.ttc"), std::string::npos) << all;
}

TEST(FontAddition, TheSystemFontsHaveNone) {
  // The native kiosk reads the system's fonts: exactly the table's files, no additions.
  auto engine = Engine::Create();
  size_t loaded = 0;
  for (uint32_t id = 0; !engine->font_file(id).path.empty(); ++id) {
    EXPECT_EQ(engine->font_file(id).file.find(".plus-"), std::string::npos) << engine->font_file(id).path;
    ++loaded;
  }
  EXPECT_EQ(loaded, FontTable().size());
}

}  // namespace
}  // namespace qiao::text
