// Writing direction and vertical script in the widget layer, as a learner sees them: in
// Uyghur the scrolling content keeps its scroll-bar lane on the left (the bar itself is drawn
// there), text runs to the right edge; Mongolian body text stands in columns.
#include <gtest/gtest.h>

#include "kiosk_fixture.h"
#include "ui/theme.h"

#include <algorithm>

namespace qiao::testing {
namespace {

using a11y::Role;

class Direction : public KioskTest {
 protected:
  // The first paragraph of the guide's scrolling content, in `lang`.
  a11y::Rect FirstParagraph(const std::string& lang, const std::string& route) {
    Start();
    Pick(lang);
    runner().Visit(route);
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->role == Role::kText && n->bounds.y > 150) return n->bounds;
    ADD_FAILURE() << "no paragraph on " << route << " in " << lang;
    return {};
  }
};

TEST_F(Direction, ScrollBarLaneIsOnTheLeftInUyghurAndOnTheRightInEnglish) {
  const a11y::Rect en = FirstParagraph("en", "guide/pension-certification");
  const a11y::Rect ug = FirstParagraph("ug", "guide/pension-certification");
  const float lane = 24.0f;  // at least the scroll bar's width (ImGui style ScrollbarSize at 1x)
  EXPECT_GE(ug.x, en.x + lane) << "Uyghur text starts after a scroll-bar lane on the left";
  EXPECT_GE(ug.x + ug.w, en.x + en.w + lane) << "Uyghur text runs to the right edge (no lane there)";
  EXPECT_NEAR(ug.w, en.w, 2.0f) << "the same column width, mirrored";
}

TEST_F(Direction, WholePageScrollBarIsOnTheLeftInUyghur) {
  // Largest text on a small screen: the whole page scrolls (see BeginContent in screens.cpp).
  auto left_edge = [&](const std::string& lang) {
    Start(800, 600);
    Pick(lang);
    app().SetTextScaleIndexForRun(ui::kTextScaleCount - 1);
    app().Navigate("lesson/qr-code/1");
    runner().Settle();
    float x = 1e9f;
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->role == Role::kButton || n->role == Role::kHeading) x = std::min(x, n->bounds.x);
    return x;
  };
  const float en = left_edge("en"), ug = left_edge("ug");
  EXPECT_GE(ug, en + 8.0f) << "in Uyghur the page keeps a lane on the left for its scroll bar";
}

TEST_F(Direction, MongolianBodyTextStandsInColumns) {
  Start();
  Pick("mn-Mong");
  app().Navigate("help");
  runner().Settle();
  const a11y::Node* body = nullptr;
  for (const a11y::Node* n : runner().tree().Flatten())
    if (n->role == Role::kText && n->lang == "mn-Mong" && n->name.size() > 200) body = n;
  ASSERT_NE(body, nullptr) << "the help text in Mongolian script";
  // A paragraph of several hundred characters in 24 px columns about half the screen tall:
  // a block taller than a horizontal paragraph would be, and never clipped.
  EXPECT_GT(body->bounds.h, 250.0f);
  EXPECT_EQ(body->states & a11y::kClipped, 0u);
  EXPECT_LE(body->bounds.x + body->bounds.w, 1280.0f);
  // Published as the columns it is drawn as; the one-line title above it reads left to right.
  EXPECT_EQ(body->dir, a11y::Dir::kTtb);
  const a11y::Node* title = nullptr;
  for (const a11y::Node* n : runner().tree().Flatten())
    if (n->role == Role::kHeading && !title) title = n;
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->dir, a11y::Dir::kLtr);
}

// Every node is published with the direction it is laid out in, by its own language: a
// Uyghur endonym on the Chinese picker is rtl, Chinese ltr.
TEST_F(Direction, NodesArePublishedInTheDirectionTheyAreLaidOutIn) {
  Start();
  int rtl = 0;
  for (const a11y::Node* n : runner().tree().Flatten()) {
    if (n->name.empty() || n->lang.empty()) continue;
    const bool want_rtl = n->lang == "ug" || n->lang == "kk-Arab";
    EXPECT_EQ(n->dir, want_rtl ? a11y::Dir::kRtl : a11y::Dir::kLtr) << n->name << " (" << n->lang << ")";
    rtl += want_rtl;
  }
  EXPECT_GE(rtl, 2) << "the picker names Uyghur and Kazakh in their own script";
}

}  // namespace
}  // namespace qiao::testing
