// Colours and sizes of the two themes. Contrast ratios (WCAG 2.x relative luminance) are
// checked by tests/ui/theme_test.cpp: text >= 4.5:1 in the standard theme, >= 7:1 in high
// contrast; borders and focus ring >= 3:1 against what they touch.
#pragma once

#include <cstdint>

namespace qiao::ui {

enum class ThemeId : uint8_t { kStandard = 0, kHighContrast = 1 };

// 0xRRGGBB colours.
struct Theme {
  uint32_t background;
  uint32_t text;
  uint32_t muted_text;        // secondary text, still >= 4.5:1 (>= 7:1 in high contrast)
  uint32_t surface;           // cards, list items, secondary buttons
  uint32_t border;
  uint32_t primary;           // primary button fill
  uint32_t on_primary;        // text on primary
  uint32_t focus_outer;       // focus ring: two tones so it contrasts with any neighbour
  uint32_t focus_inner;
  uint32_t good_bg, good_text;  // "Correct!" feedback (with a ✓ and a word: never colour only)
  uint32_t bad_bg, bad_text;    // "Not quite" feedback
  uint32_t warn_bg, warn_text;  // notices
};

inline constexpr Theme kStandardTheme{
    .background = 0xF7F5F0,
    .text = 0x1A1A1A,
    .muted_text = 0x4A4A4A,
    .surface = 0xFFFFFF,
    .border = 0x5F6368,
    .primary = 0x0B57D0,
    .on_primary = 0xFFFFFF,
    .focus_outer = 0x000000,
    .focus_inner = 0xFFFFFF,
    .good_bg = 0xE6F4EA,
    .good_text = 0x0D652D,
    .bad_bg = 0xFCE8E6,
    .bad_text = 0xA50E0E,
    .warn_bg = 0xFEF7E0,
    .warn_text = 0x5C3C00,
};

inline constexpr Theme kHighContrastTheme{
    .background = 0x000000,
    .text = 0xFFFFFF,
    .muted_text = 0xE0E0E0,
    .surface = 0x000000,
    .border = 0xFFFF00,
    .primary = 0xFFFF00,
    .on_primary = 0x000000,
    .focus_outer = 0x00FFFF,
    .focus_inner = 0x000000,
    .good_bg = 0x000000,
    .good_text = 0x7CFC00,
    .bad_bg = 0x000000,
    .bad_text = 0xFF8C8C,
    .warn_bg = 0x000000,
    .warn_text = 0xFFFF00,
};

inline const Theme& GetTheme(ThemeId id) {
  return id == ThemeId::kHighContrast ? kHighContrastTheme : kStandardTheme;
}

// WCAG contrast ratio of two 0xRRGGBB colours (1..21).
double ContrastRatio(uint32_t a, uint32_t b);

// Sizes at text scale 1 (kiosk default). Body text 24 px (BRIEF: ours 24 px at default).
inline constexpr float kBodyPx = 24.0f;
inline constexpr float kMinTargetPx = 64.0f;  // >= 60x60 (MIIT elder mode), >= 44 (WCAG 2.5.5)
inline constexpr float kLineHeight = 1.5f;    // WCAG 1.4.12

// Text size steps offered in Settings: 6 steps up to 3x.
inline constexpr float kTextScales[] = {1.0f, 1.25f, 1.5f, 2.0f, 2.5f, 3.0f};
inline constexpr int kTextScaleCount = sizeof(kTextScales) / sizeof(kTextScales[0]);

}  // namespace qiao::ui
