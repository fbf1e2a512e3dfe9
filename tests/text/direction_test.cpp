// Text direction is decided in one place, text::DirectionOf: what the layout uses for kAuto is
// what the UI mirrors by and what the accessibility tree publishes.
#include <gtest/gtest.h>

#include "text/text.h"

namespace qiao::text {
namespace {

TEST(Direction, RightToLeftLanguagesByScriptData) {
  // The kiosk's Arabic-script languages, and others the packs or a label may carry.
  for (const char* lang : {"ug", "kk-Arab", "ur", "he", "ar", "fa", "yi", "ug-CN"})
    EXPECT_EQ(DirectionOf(lang), Direction::kRtl) << lang;
  for (const char* lang : {"zh-Hans", "en", "bo", "ii", "ko", "mn", "mn-Mong", "za", "kk", "ja", "und", ""})
    EXPECT_EQ(DirectionOf(lang), Direction::kLtr) << lang;
}

TEST(Direction, WithoutALanguageTheFirstStrongCharacterDecides) {
  EXPECT_EQ(DirectionOf("", "2026 שלום world"), Direction::kRtl);
  EXPECT_EQ(DirectionOf("und", "اردو"), Direction::kRtl);
  EXPECT_EQ(DirectionOf("", "Qiao اردو"), Direction::kLtr);
  EXPECT_EQ(DirectionOf("", "2026"), Direction::kLtr);
  // A language, when given, wins over the text: a Chinese label starting with a Uyghur name is
  // still laid out as Chinese.
  EXPECT_EQ(DirectionOf("zh-Hans", "ئۇيغۇرچە 中文"), Direction::kLtr);
}

TEST(Direction, LayoutUsesTheSameDecision) {
  auto engine = Engine::Create();
  struct Case {
    const char* lang;
    const char* text;
  };
  for (const Case& c : {Case{"ur", "اردو زبان"}, Case{"he", "שלום עולם"}, Case{"ug", "ئۇيغۇرچە"},
                        Case{"en", "Hello"}, Case{"bo", "བོད་ཡིག"}, Case{"", "שלום"}, Case{"", "Hi"}}) {
    ParagraphStyle style;
    style.lang = c.lang;
    const Layout l = engine->LayoutParagraph(c.text, style, 0);
    EXPECT_EQ(l.rtl, DirectionOf(c.lang, c.text) == Direction::kRtl) << c.lang << " " << c.text;
  }
  // An Urdu line is right-aligned in its box and its first letter is drawn rightmost.
  ParagraphStyle ur;
  ur.lang = "ur";
  const std::string text = "اردو زبان";
  const Layout l = engine->LayoutParagraph(text, ur, 400);
  ASSERT_EQ(l.lines.size(), 1u);
  EXPECT_GT(l.lines[0].x, 100.0f);
  const text::Run& rightmost = l.lines[0].runs.back();
  EXPECT_TRUE(rightmost.rtl);
  EXPECT_EQ(rightmost.utf8_begin, 0u);
}

TEST(Direction, TraditionalMongolianIsVertical) {
  EXPECT_TRUE(IsVerticalLanguage("mn-Mong"));
  EXPECT_TRUE(IsVerticalLanguage("mn-Mong-CN"));
  EXPECT_FALSE(IsVerticalLanguage("mn"));
  EXPECT_FALSE(IsVerticalLanguage("zh-Hans"));
  EXPECT_FALSE(IsVerticalLanguage("ug"));
}

}  // namespace
}  // namespace qiao::text
