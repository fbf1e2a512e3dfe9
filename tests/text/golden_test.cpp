// Golden images: a sample paragraph per script at two sizes, drawn by the --render-text path
// (platform::RenderText: the engine's layout + glyph atlas, the same placement as the widget
// layer), compared with the PNGs in golden/ that a person looked at before committing them
// (see golden/README.md). Small differences (a FreeType or hinting update) pass; a wrong font,
// a lost joining form, a broken stack, a wrong line break or a mirrored column order does not.
//
// To make new goldens: QIAO_UPDATE_GOLDENS=1 ./qiao test -R Golden, then look at every
// changed PNG before committing it.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "platform/render_text.h"
#include "text/text.h"

namespace qiao::text {
namespace {

struct Golden {
  const char* name;
  const char* lang;
  const char* text;
};

const Golden kGoldens[] = {
    {"ug", "ug", "ئايشەم ئاپا ھەر يىلى پېنسىيە سالاھىيىتىنى 2026-يىلى 3-ئايدا دەلىللەيدۇ."},
    {"kk_Arab", "kk-Arab", "ٴبىز قازاق ٴتىلىن ۇيرەنەمىز، 2026 جىل."},
    {"bo", "bo", "བོད་ཀྱི་སྐད་ཡིག་ནི་བསྒྲིགས་པ་ཡིན། རྒྱ་མཚོ་ཆེན་པོ་དང་རི་བོ་མཐོན་པོ།"},
    {"mn_Mong", "mn-Mong", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ ᠦᠨ ᠬᠢᠴᠢᠶᠡᠯ ᠢ ᠰᠤᠷᠤᠶ᠎ᠠ᠃ ᠲᠠ ᠰᠠᠢᠨ ᠪᠠᠶᠢᠨ᠎ᠠ ᠤᠤ?"},
    {"ii", "ii", "ꆈꌠꁱꂷ ꀊꆨꌠ ꉢ ꆏ ꌋꆀꁱꂷ ꇬꀋ ꐯꒉ."},
    {"ko", "ko", "연금 수급 자격을 매년 확인해야 합니다. 신분증을 가져오세요."},
    {"zh", "zh-Hans", "社会保障卡可以在手机上办理，每年需要做一次养老金资格认证。"},
    {"en", "en", "Office affine: scan the QR code, then check the page address."},
};

struct Size {
  float px, width;
};
const Size kSizes[] = {{18, 320}, {48, 720}};

std::filesystem::path GoldenPath(const Golden& g, const Size& s) {
  return std::filesystem::path(QIAO_TEXT_TEST_DATA_DIR) / "golden" /
         (std::string(g.name) + "-" + std::to_string(int(s.px)) + ".png");
}

class GoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenTest, MatchesTheImageAPersonLookedAt) {
  static std::unique_ptr<Engine> engine = Engine::Create();
  const Golden& g = GetParam();
  for (const Size& size : kSizes) {
    ParagraphStyle style;
    style.lang = g.lang;
    style.size_px = size.px;
    const platform::GreyImage img = platform::RenderText(*engine, g.text, style, size.width);
    const auto path = GoldenPath(g, size);
    SCOPED_TRACE(path.string());
    if (std::getenv("QIAO_UPDATE_GOLDENS")) {
      ASSERT_TRUE(platform::WritePng(path.string(), img));
      continue;
    }
    int w = 0, h = 0, n = 0;
    std::unique_ptr<uint8_t, void (*)(void*)> want(stbi_load(path.c_str(), &w, &h, &n, 1), stbi_image_free);
    ASSERT_TRUE(want) << "missing golden (QIAO_UPDATE_GOLDENS=1 makes it; look at it before committing)";
    ASSERT_EQ(w, img.width) << "size differs: the text wraps or measures differently";
    ASSERT_EQ(h, img.height) << "size differs: the text wraps or measures differently";
    // Tolerance: a pixel differs if it moved by more than a quarter of the grey range; up to
    // 0.5% of the pixels may differ (anti-aliasing, hinting), and the ink in total stays
    // within 2%.
    size_t differing = 0;
    double ink_got = 0, ink_want = 0;
    for (size_t i = 0; i < img.pixels.size(); ++i) {
      const int a = img.pixels[i], b = want.get()[i];
      if (std::abs(a - b) > 64) ++differing;
      ink_got += 255 - a;
      ink_want += 255 - b;
    }
    const double pixels = double(img.pixels.size());
    EXPECT_LE(differing / pixels, 0.005) << differing << " of " << pixels << " pixels differ";
    EXPECT_NEAR(ink_got, ink_want, 0.02 * ink_want + 255);
    if (differing / pixels > 0.005) {
      const auto got = std::filesystem::path(::testing::TempDir()) / ("got-" + path.filename().string());
      platform::WritePng(got.string(), img);
      ADD_FAILURE() << "rendered image written to " << got;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Scripts, GoldenTest, ::testing::ValuesIn(kGoldens),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace qiao::text
