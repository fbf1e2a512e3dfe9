// `qiao-kiosk --render-text` / `--dump-glyphs`, as a trainer or reviewer uses them to check how
// a translated string renders: no window needed, a PNG with the text in it, JSON glyphs that
// map back to the string's bytes, clear errors for bad arguments.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stb_image.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

struct Result {
  int status = -1;
  std::string out;
};

Result Kiosk(const std::string& args) {
  Result r;
  FILE* p = popen((std::string(QIAO_KIOSK) + " " + args + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(RenderTextCli, WritesAPngOfTheWrappedText) {
  namespace fs = std::filesystem;
  const fs::path png = fs::temp_directory_path() / ("qiao-render-" + std::to_string(::getpid()) + ".png");
  // Uyghur wrapped at 200 px: several lines; no DISPLAY needed.
  const Result r = Kiosk("--render-text --lang ug --size 32 --width 200 --text 'ئۇيغۇرچە يېزىق ۋە كومپيۇتېر' --out " +
                       png.string());
  ASSERT_EQ(r.status, 0) << r.out;
  int w = 0, h = 0, c = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &c, 1);
  ASSERT_NE(px, nullptr);
  EXPECT_EQ(w, 200 + 16);  // the width plus an 8 px margin on each side
  EXPECT_GE(h, 2 * 48);    // wrapped: at least two 48 px lines
  size_t ink = 0;
  for (int i = 0; i < w * h; ++i) ink += px[i] < 128;
  stbi_image_free(px);
  EXPECT_GT(ink, size_t(w * h / 50)) << "the text is drawn";
  fs::remove(png);
}

TEST(RenderTextCli, MongolianComesOutAsColumns) {
  namespace fs = std::filesystem;
  const fs::path png = fs::temp_directory_path() / ("qiao-render-mn-" + std::to_string(::getpid()) + ".png");
  const Result r = Kiosk("--render-text --lang mn-Mong --size 24 --width 300 --text 'ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ ᠦᠨ ᠬᠢᠴᠢᠶᠡᠯ ᠢ ᠰᠤᠷᠤᠶ᠎ᠠ᠃ ᠲᠠ ᠰᠠᠢᠨ ᠪᠠᠶᠢᠨ᠎ᠠ ᠤᠤ?' --out " +
                       png.string());
  ASSERT_EQ(r.status, 0) << r.out;
  int w = 0, h = 0, c = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &c, 1);
  ASSERT_NE(px, nullptr);
  stbi_image_free(px);
  EXPECT_EQ(h, 300 + 16) << "--width is the column length";
  EXPECT_LT(w, h) << "a few narrow columns, taller than wide";
  fs::remove(png);
}

TEST(RenderTextCli, DumpGlyphsMapsBackToTheText) {
  const std::string text = "བོད་ཡིག 2026";
  const Result r = Kiosk("--dump-glyphs --lang bo --size 24 --text '" + text + "'");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.out;
  ASSERT_EQ(j["lines"].size(), 1u);
  EXPECT_EQ(j["missing_glyphs"], 0);
  size_t glyphs = 0;
  for (const auto& run : j["lines"][0]["runs"]) {
    EXPECT_NE(run["font"].get<std::string>().find(".tt"), std::string::npos) << "the font file is named";
    for (const auto& g : run["glyphs"]) {
      ++glyphs;
      EXPECT_LT(g["cl"].get<size_t>(), text.size());
      EXPECT_GT(g["g"].get<int>(), 0) << "no .notdef";
    }
  }
  EXPECT_GE(glyphs, 6u);
}

TEST(RenderTextCli, BadArgumentsSayWhatIsWrong) {
  Result r = Kiosk("--render-text --text hi");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--out"), std::string::npos) << r.out;
  r = Kiosk("--dump-glyphs --size big --text hi");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--size"), std::string::npos) << r.out;
  r = Kiosk("--dump-glyphs");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--text"), std::string::npos) << r.out;
}

}  // namespace
