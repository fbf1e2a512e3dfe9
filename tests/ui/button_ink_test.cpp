// Script-aware sizing seen on screen: on Home, every button's label is drawn inside the button,
// clear of its 2 px border, and centred by its ink (Tibetan stacks used to touch the top border).
// The glyph quads are read back from the frame's ImGui draw lists (the atlas texture gets a
// marker id), so this is what the kiosk draws, not a re-computation.
#include "kiosk_fixture.h"

#include <cmath>
#include <string>
#include <vector>

using namespace qiao;
using namespace qiao::testing;

TEST_F(KioskTest, HomeButtonLabelsAreInsideTheirButtonsAndCentredByInk) {
  const ImTextureID atlas = TestAtlasTexture();
  for (const char* tag : {"bo", "mn-Mong", "zh-Hans", "ug", "ii", "en"}) {
    SCOPED_TRACE(tag);
    Start();
    app().SetAtlasTexture(atlas);
    Pick(tag);
    runner().Settle();
    const std::vector<Box> quads = GlyphQuads(atlas);
    ASSERT_FALSE(quads.empty());
    int checked = 0;
    for (const a11y::Node* n : runner().tree().Flatten()) {
      if (n->role != a11y::Role::kButton || (n->states & a11y::kOffscreen) || n->name.empty()) continue;
      const a11y::Rect& r = n->bounds;
      Box ink{1e9f, 1e9f, -1e9f, -1e9f};
      for (const Box& q : quads) {
        const float cx = (q.x0 + q.x1) / 2, cy = (q.y0 + q.y1) / 2;
        if (cx < r.x || cx > r.x + r.w || cy < r.y || cy > r.y + r.h) continue;
        ink = {std::min(ink.x0, q.x0), std::min(ink.y0, q.y0), std::max(ink.x1, q.x1), std::max(ink.y1, q.y1)};
      }
      if (ink.x1 < ink.x0) continue;  // an icon-only button
      ++checked;
      const float border = 2.0f;
      SCOPED_TRACE(n->name);
      // Clear of the border, with at least a pixel of fill between.
      EXPECT_GE(ink.y0, r.y + border + 1) << "label ink touches the top border";
      EXPECT_LE(ink.y1, r.y + r.h - border - 1) << "label ink touches the bottom border";
      EXPECT_GE(ink.x0, r.x + border + 1);
      EXPECT_LE(ink.x1, r.x + r.w - border - 1);
      // Centred by ink: the space above and below differ by at most a tenth of the button in
      // Tibetan and Mongolian (Tibetan labels used to sit high: ~15 px above, ~29 below), a
      // fifth elsewhere (one tall letter or a descender in a short label tips the balance).
      const float above = ink.y0 - r.y, below = r.y + r.h - ink.y1;
      const bool small_script = std::string(tag) == "bo" || std::string(tag) == "mn-Mong";
      EXPECT_LE(std::abs(above - below), r.h * (small_script ? 0.1f : 0.2f)) << above << " above, " << below << " below";
    }
    EXPECT_GE(checked, 3) << "expected Home's buttons with labels";
  }
}
