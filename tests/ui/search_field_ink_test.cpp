// What a learner types into Home's search field is drawn inside the field's box, from the
// reading side, in every script and direction. Reported: in ug, typing `uchur` found "3 نەتىجە"
// but the field looked empty (a right-to-left line was aligned to a 100000 px wrapping width and
// drawn far off the box). The glyph quads are read back from the frame's draw lists (GlyphQuads),
// so this is what the kiosk draws.
#include "kiosk_fixture.h"

#include <string>
#include <vector>

using namespace qiao;
using namespace qiao::testing;

namespace {

class SearchFieldInk : public KioskTest {
 protected:
  struct Ink {
    int glyphs = 0;
    Box box{1e9f, 1e9f, -1e9f, -1e9f};
  };

  // Opens Home in `tag` with the atlas marked, so glyph quads can be read back.
  void OpenHome(const std::string& tag, float width = 1280) {
    Start(width, 800);
    app().SetAtlasTexture(TestAtlasTexture());
    Pick(tag);
    runner().Settle();
  }
  const a11y::Node* Field() { return Find(a11y::Role::kTextbox, Tr("home.search")); }
  // The glyph ink whose centre lies in the field's box (its label sits above the box).
  Ink InkInField() {
    Ink ink;
    const a11y::Node* field = Field();
    if (!field) return ink;
    const a11y::Rect& r = field->bounds;
    for (const Box& q : GlyphQuads(TestAtlasTexture())) {
      const float cx = (q.x0 + q.x1) / 2, cy = (q.y0 + q.y1) / 2;
      if (cx < r.x || cx > r.x + r.w || cy < r.y || cy > r.y + r.h) continue;
      ++ink.glyphs;
      ink.box = {std::min(ink.box.x0, q.x0), std::min(ink.box.y0, q.y0), std::max(ink.box.x1, q.x1),
                 std::max(ink.box.y1, q.y1)};
    }
    return ink;
  }
  void Type(const std::string& query) {
    TapNode(Field());
    runner().Type(query);
    runner().Settle();
  }
};

int CodePoints(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

constexpr float kBorder = 2.0f;  // the field's border (3 px while editing: ink stays clear of it)

}  // namespace

TEST_F(SearchFieldInk, TypedTextIsDrawnInsideTheFieldFromTheReadingSide) {
  struct Case {
    const char* tag;
    const char* query;
    bool rtl;  // the field's reading side: right in ug and kk-Arab
  };
  const Case cases[] = {
      {"ug", "uchur", true},          // the report: ULY Latin on a Uyghur kiosk
      {"ug", "ئۇچۇر", true},          // Uyghur letters (uchur)
      {"kk-Arab", "اقپارات", true},  // Kazakh in Arabic script (aqparat)
      {"zh-Hans", "社保卡", false},
      {"en", "pension", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.tag) + " \"" + c.query + "\"");
    OpenHome(c.tag);
    ASSERT_NE(Field(), nullptr);
    // The hint shows in the empty field.
    EXPECT_GT(InkInField().glyphs, 0) << "the empty field shows no hint";

    Type(c.query);
    const a11y::Node* field = Field();
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->value, c.query);
    const a11y::Rect& r = field->bounds;
    const Ink ink = InkInField();
    // Every letter typed is drawn (each of these has ink and no ligature joins two).
    EXPECT_GE(ink.glyphs, CodePoints(c.query)) << "the field shows less than was typed";
    if (ink.glyphs == 0) continue;
    EXPECT_GE(ink.box.x0, r.x + kBorder + 1) << "ink cut by the field's left edge";
    EXPECT_LE(ink.box.x1, r.x + r.w - kBorder - 1) << "ink cut by the field's right edge";
    EXPECT_GE(ink.box.y0, r.y + kBorder) << "ink above the field";
    EXPECT_LE(ink.box.y1, r.y + r.h - kBorder) << "ink below the field";
    // Short text starts at the reading side, as the rest of the screen reads.
    const float left_gap = ink.box.x0 - r.x, right_gap = r.x + r.w - ink.box.x1;
    if (c.rtl) EXPECT_LT(right_gap, left_gap) << "not right-aligned";
    else EXPECT_LT(left_gap, right_gap) << "not left-aligned";
  }
}

// Text wider than the field scrolls so that its end, where the caret is and the next letter
// appears, stays in view: on the right in English, on the left in Uyghur.
TEST_F(SearchFieldInk, LongTextKeepsItsEndInView) {
  struct Case {
    const char* tag;
    const char* word;
    bool rtl;
  };
  const Case cases[] = {{"en", "pension ", false}, {"ug", "ئۇچۇر ", true}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.tag);
    OpenHome(c.tag, 480);
    std::string query;
    for (int i = 0; i < 12; ++i) query += c.word;
    query += c.rtl ? "ئ" : "z";  // the last letter, right after a word
    Type(query);
    const a11y::Node* field = Field();
    ASSERT_NE(field, nullptr);
    ASSERT_EQ(field->value, query);
    const a11y::Rect& r = field->bounds;
    const Ink ink = InkInField();
    ASSERT_GT(ink.glyphs, 0) << "the field looks empty";
    // The text fills the box: its start runs out of the far side.
    if (c.rtl) EXPECT_GE(ink.box.x1, r.x + r.w - r.h) << "expected text wider than a 480 px field";
    else EXPECT_LE(ink.box.x0, r.x + r.h) << "expected text wider than a 480 px field";
    // The end is drawn whole, within a field's height of the box's inner edge on its side.
    if (c.rtl) {
      EXPECT_GE(ink.box.x0, r.x + kBorder + 1) << "the end of the text is cut off";
      EXPECT_LE(ink.box.x0, r.x + r.h) << "the end of the text is not in view";
    } else {
      EXPECT_LE(ink.box.x1, r.x + r.w - kBorder - 1) << "the end of the text is cut off";
      EXPECT_GE(ink.box.x1, r.x + r.w - r.h) << "the end of the text is not in view";
    }
  }
}
