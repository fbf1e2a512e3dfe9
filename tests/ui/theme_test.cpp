// Contrast of both themes (WCAG 2.x): text >= 4.5:1 standard, >= 7:1 high contrast;
// borders >= 3:1; the two-tone focus ring keeps >= 3:1 against anything it touches.
#include "ui/theme.h"

#include <gtest/gtest.h>

using namespace qiao::ui;

TEST(Theme, ContrastRatioMatchesWcagReferenceValues) {
  EXPECT_NEAR(ContrastRatio(0x000000, 0xFFFFFF), 21.0, 0.01);
  EXPECT_NEAR(ContrastRatio(0x777777, 0xFFFFFF), 4.48, 0.01);
  EXPECT_NEAR(ContrastRatio(0x123456, 0x123456), 1.0, 1e-9);
}

void CheckTheme(const Theme& t, double text_min) {
  for (uint32_t bg : {t.background, t.surface}) {
    EXPECT_GE(ContrastRatio(t.text, bg), text_min);
    EXPECT_GE(ContrastRatio(t.muted_text, bg), text_min);
    EXPECT_GE(ContrastRatio(t.border, bg), 3.0);
  }
  EXPECT_GE(ContrastRatio(t.on_primary, t.primary), text_min);
  EXPECT_GE(ContrastRatio(t.good_text, t.good_bg), text_min);
  EXPECT_GE(ContrastRatio(t.bad_text, t.bad_bg), text_min);
  EXPECT_GE(ContrastRatio(t.warn_text, t.warn_bg), text_min);
  // Focus ring: at least one of its tones contrasts 3:1 with each neighbour.
  for (uint32_t neighbour : {t.background, t.surface, t.primary}) {
    EXPECT_GE(std::max(ContrastRatio(t.focus_outer, neighbour), ContrastRatio(t.focus_inner, neighbour)), 3.0);
  }
  EXPECT_GE(ContrastRatio(t.focus_outer, t.focus_inner), 3.0);
}

TEST(Theme, StandardThemeMeetsAA) { CheckTheme(kStandardTheme, 4.5); }
TEST(Theme, HighContrastThemeMeetsAAA) { CheckTheme(kHighContrastTheme, 7.0); }

TEST(Theme, TextSizeStepsReachThreeTimesInAtLeastFiveSteps) {
  EXPECT_GE(kTextScaleCount, 5);
  EXPECT_FLOAT_EQ(kTextScales[0], 1.0f);
  EXPECT_GE(kTextScales[kTextScaleCount - 1], 3.0f);
  EXPECT_GE(kBodyPx, 24.0f);
  EXPECT_GE(kMinTargetPx, 60.0f);
  EXPECT_GE(kLineHeight, 1.5f);
}
