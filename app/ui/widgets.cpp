// Index:
// [SECTION] CONTEXT AND HELPERS
// [SECTION] TEXT
// [SECTION] ACCESSIBILITY PLUMBING
// [SECTION] TEXT WIDGETS
// [SECTION] BUTTONS
// [SECTION] FEEDBACK AND PROGRESS
// [SECTION] SCROLLING REGIONS
// [SECTION] PHONE SCREEN
#include "ui/widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qiao::ui {

// [SECTION] CONTEXT AND HELPERS

namespace {
UiContext* g_ctx = nullptr;

float Gap() { return std::round(12.0f * Ctx().scale); }
float Pad() { return std::round(std::max(12.0f, 16.0f * std::sqrt(Ctx().scale))); }
float Rounding() { return 10.0f; }
}  // namespace

UiContext& Ctx() { return *g_ctx; }
void SetContext(UiContext* ctx) { g_ctx = ctx; }

float TextPx(TextRole role) {
  const float scale = Ctx().scale;
  float base = kBodyPx * scale;
  // Headings and small print converge on the body size as text grows: at 3x, body text is
  // already 72 px and a 1.4x heading would leave three words a line on a small screen.
  const float grow = std::clamp((scale - 1.0f) / 2.0f, 0.0f, 1.0f);
  switch (role) {
    case TextRole::kBody: return base;
    case TextRole::kSmall: return std::round(base * (0.85f + 0.1f * grow));
    case TextRole::kHeading1: return std::round(base * (1.4f - 0.25f * grow));
    case TextRole::kHeading2: return std::round(base * (1.17f - 0.1f * grow));
    case TextRole::kButton: return base;
  }
  return base;
}

ImU32 Col(uint32_t rgb, float alpha) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, static_cast<int>(alpha * 255));
}

double ContrastRatio(uint32_t a, uint32_t b) {
  auto luminance = [](uint32_t rgb) {
    auto channel = [](uint32_t v) {
      double c = v / 255.0;
      return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) +
           0.0722 * channel(rgb & 0xFF);
  };
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

a11y::Rect ToRect(const ImRect& r) { return {r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()}; }

// [SECTION] TEXT

std::shared_ptr<const text::Layout> LayoutText(const Msg& msg, TextRole role, float width) {
  text::ParagraphStyle style;
  style.lang = msg.lang.empty() ? Ctx().lang : msg.lang;
  style.size_px = TextPx(role);
  style.line_height = kLineHeight;
  style.bold = role == TextRole::kHeading1 || role == TextRole::kHeading2;
  return Ctx().engine->SharedLayout(msg.text, style, std::max(1.0f, width));
}

void DrawText(ImDrawList* draw, const text::Layout& layout, float /*size_px*/, ImVec2 pos, ImU32 color,
              bool vertical, LineAlign align) {
  UiContext& ctx = Ctx();
  text::GlyphAtlas& atlas = ctx.engine->atlas();
  const int atlas_w = atlas.width(), atlas_h = atlas.height();
  if (layout.lines.empty()) return;
  // Clip quickly: skip lines outside the current clip rectangle (long scrolled pages).
  const ImVec4 clip = draw->_ClipRectStack.Size ? draw->_ClipRectStack.back() : ImVec4(-1e9f, -1e9f, 1e9f, 1e9f);
  text::PlaceOptions options;
  options.vertical = vertical;
  options.centre_in = align.centre_in;
  options.clip_top = clip.y;
  options.clip_bottom = clip.w;
  draw->PushTextureID(ctx.atlas_texture);
  // The engine places the glyphs: the same quads --render-text and the golden images draw.
  text::PlaceGlyphs(layout, atlas, {pos.x, pos.y}, options, [&](const text::GlyphQuad& q) {
    const text::AtlasGlyph& a = q.glyph;
    const ImVec2 uv0(static_cast<float>(a.x) / atlas_w, static_cast<float>(a.y) / atlas_h);
    const ImVec2 uv1(static_cast<float>(a.x + a.w) / atlas_w, static_cast<float>(a.y + a.h) / atlas_h);
    auto p = [&q](int i) { return ImVec2(q.corners[i].x, q.corners[i].y); };
    draw->PrimReserve(6, 4);
    if (!vertical) draw->PrimRectUV(p(0), p(2), uv0, uv1, color);
    else draw->PrimQuadUV(p(0), p(1), p(2), p(3), uv0, ImVec2(uv1.x, uv0.y), uv1, ImVec2(uv0.x, uv1.y), color);
  });
  draw->PopTextureID();
  // If the atlas had to grow, UVs computed earlier this frame are stale: draw again.
  if (atlas.width() != atlas_w || atlas.height() != atlas_h) ctx.needs_another_frame = true;
}

// [SECTION] ACCESSIBILITY PLUMBING

std::string MandarinAlt(const content::LocalizedText& text) {
  if (!Ctx().mandarin_alt) return {};
  static const std::string kChain[] = {"zh-Hans", "en"};
  return std::string(text.Resolve(kChain).text);
}

bool TakeAction(a11y::NodeId id, a11y::Action action) {
  auto& q = Ctx().pending_actions;
  for (auto it = q.begin(); it != q.end(); ++it) {
    if (it->first == id && it->second == action) {
      q.erase(it);
      return true;
    }
  }
  return false;
}

void Publish(a11y::Node node) {
  UiContext& ctx = Ctx();
  if (node.lang.empty()) node.lang = ctx.lang;
  if (ctx.secret) node.states |= a11y::kProtected;
  // Scrolled out of its scroll area: still in the tree (a reader can reach it; focus scrolls it
  // in), but not where a finger or an eye can find it now.
  if (ImGuiWindow* window = ImGui::GetCurrentWindowRead()) {
    const ImRect bb(node.bounds.x, node.bounds.y, node.bounds.x + node.bounds.w, node.bounds.y + node.bounds.h);
    if (!window->ClipRect.Overlaps(bb)) node.states |= a11y::kOffscreen;
  }
  // Focus is marked on the finished tree (a11y::SetFocus), in one place.
  ctx.tree.Add(std::move(node));
}

namespace {

// Text direction of a message as published: its own language's (a Uyghur endonym on a Chinese
// screen is still right-to-left), decided by the text engine as it lays the message out;
// `columns`: drawn as vertical columns (Mongolian body text).
a11y::Dir DirOf(const Msg& msg, bool columns = false) {
  if (columns) return a11y::Dir::kTtb;
  const std::string& lang = msg.lang.empty() ? Ctx().lang : msg.lang;
  return text::DirectionOf(lang, msg.text) == text::Direction::kRtl ? a11y::Dir::kRtl : a11y::Dir::kLtr;
}

}  // namespace

void PushGroup(const char* id, a11y::Role role, const Msg& name) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  a11y::Node node;
  node.id = window->GetID(id);
  node.role = role;
  node.name = name.text;
  node.lang = name.lang;
  node.dir = DirOf(name);
  node.speech_alt = name.alt;
  // Bounds: the union of the children, filled in when the group is closed.
  ImGui::PushID(id);
  Ctx().tree.Push(std::move(node));
}

void PopGroup() {
  Ctx().tree.Pop();
  ImGui::PopID();
}

namespace {

// The node every widget starts from: id, role, label (text, language, direction and the
// Mandarin alternative speech falls back to) and bounds. Widgets add states and actions.
a11y::Node NodeFor(ImGuiID id, a11y::Role role, const Msg& label, const ImRect& bb) {
  a11y::Node node;
  node.id = id;
  node.role = role;
  node.name = label.text;
  node.lang = label.lang;
  node.speech_alt = label.alt;
  node.speech_reading = label.reading;
  node.dir = DirOf(label);
  node.bounds = ToRect(bb);
  return node;
}

// Adds a text node for a paragraph occupying `bb`.
// `overflow`, `shown_width`: the layout's, as drawn (clipped when wider than the box).
void PublishText(ImGuiID id, a11y::Role role, const Msg& msg, const ImRect& bb, bool overflow,
                 float shown_width, int level = 0, bool columns = false) {
  a11y::Node node = NodeFor(id, role, msg, bb);
  node.level = level;
  node.dir = DirOf(msg, columns);
  if (overflow || shown_width > bb.GetWidth() + 0.5f) node.states |= a11y::kClipped;
  Publish(std::move(node));
}

float AvailWidth() { return std::max(1.0f, ImGui::GetContentRegionAvail().x); }

bool ShowsFocus(ImGuiID id) { return Ctx().focus_visible && Ctx().focused == id; }

}  // namespace

void DrawFocusRing(ImDrawList* draw, const ImRect& bb) {
  const Theme& t = *Ctx().theme;
  // Two tones, 3 px each: contrasts >= 3:1 with any neighbour (WCAG 2.4.13 asks 2 px).
  draw->AddRect(bb.Min - ImVec2(3, 3), bb.Max + ImVec2(3, 3), Col(t.focus_inner), Rounding() + 3, 0, 3.0f);
  draw->AddRect(bb.Min - ImVec2(6, 6), bb.Max + ImVec2(6, 6), Col(t.focus_outer), Rounding() + 6, 0, 3.0f);
}

namespace {
void DrawFocusRing(const ImRect& bb) { qiao::ui::DrawFocusRing(ImGui::GetWindowDrawList(), bb); }

// A filled, rounded box with a border `thickness` px wide inside its edge: the border colour
// filled, then the fill inset. Two filled shapes cost about half of a fill plus ImGui's stroked
// outline (a thick anti-aliased polyline), and every button, card and checkbox is one.
void FramedBox(ImDrawList* draw, const ImRect& bb, ImU32 fill, ImU32 border, float thickness) {
  draw->AddRectFilled(bb.Min, bb.Max, border, Rounding());
  draw->AddRectFilled(bb.Min + ImVec2(thickness, thickness), bb.Max - ImVec2(thickness, thickness), fill,
                      std::max(0.0f, Rounding() - thickness));
}
}  // namespace

// [SECTION] TEXT WIDGETS

static void TextBlock(const Msg& msg, TextRole role, a11y::Role a11y_role, int level, uint32_t color) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return;
  // A paragraph is known by its text within its window's scope. std::hash reads 8 bytes a step;
  // ImGui's string hash one byte at a time was ~8% of a frame on a long guide.
  const size_t text_hash = std::hash<std::string_view>{}(msg.text);
  const ImGuiID id = window->GetID(reinterpret_cast<const void*>(static_cast<uintptr_t>(text_hash)));
  const float width = AvailWidth();
  const std::string& lang = msg.lang.empty() ? Ctx().lang : msg.lang;
  if (a11y_role == a11y::Role::kText && role != TextRole::kSmall && text::IsVerticalLanguage(lang)) {
    // Mongolian paragraphs, body size or larger (the studio's text to read aloud): vertical
    // columns, left to right (small print such as a "checked on" date stays a horizontal line,
    // like headings). Columns are about half the window tall (shorter for a short text),
    // longer if that many columns would not fit the width: the block never clips, the page
    // scrolls down as for any other text.
    const float px = TextPx(role);
    float column = std::round(std::max(8 * px, window->InnerRect.GetHeight() * 0.5f));
    const float natural = Ctx().engine->MeasureWidth(msg.text, text::ParagraphStyle{.lang = lang, .size_px = px});
    column = std::min(column, std::ceil(natural) + 2);
    auto layout = LayoutText(msg, role, column);
    for (int i = 0; i < 4 && layout->height > width; ++i) {
      column = std::ceil(column * layout->height / width * 1.05f);
      layout = LayoutText(msg, role, column);
    }
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, pos + ImVec2(width, column));
    ImGui::ItemSize(bb.GetSize());
    if (ImGui::ItemAdd(bb, 0))
      DrawText(window->DrawList, *layout, px, pos, Col(color ? color : Ctx().theme->text), true);
    // As shown, the columns are the layout's height wide: clipped if they overrun the width.
    PublishText(id, a11y_role, msg, bb, layout->overflow, layout->height, level, /*columns=*/true);
    return;
  }
  auto layout = LayoutText(msg, role, width);
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(width, layout->height));
  ImGui::ItemSize(bb.GetSize());
  const bool visible = ImGui::ItemAdd(bb, 0);  // text is not interactive: no ImGui id
  if (visible)
    DrawText(window->DrawList, *layout, TextPx(role), pos, Col(color ? color : Ctx().theme->text));
  PublishText(id, a11y_role, msg, bb, layout->overflow, layout->width, level);
}

void Heading(const Msg& text, int level) {
  TextBlock(text, level <= 1 ? TextRole::kHeading1 : TextRole::kHeading2, a11y::Role::kHeading,
            level, 0);
  ImGui::Dummy(ImVec2(0, Gap() * 0.5f));
}

void Paragraph(const Msg& text, TextRole role, uint32_t color) {
  TextBlock(text, role, a11y::Role::kText, 0, color);
}

void Paragraphs(const Msg& text) {
  size_t start = 0;
  while (start <= text.text.size()) {
    size_t end = text.text.find("\n\n", start);
    if (end == std::string::npos) end = text.text.size();
    if (end > start) {
      Paragraph(Msg{text.text.substr(start, end - start), text.lang});
      ImGui::Dummy(ImVec2(0, Gap() * 0.5f));
    }
    start = end + 2;
  }
}

// [SECTION] BUTTONS

float ButtonNaturalWidth(const Msg& label) {
  text::ParagraphStyle style;
  style.lang = label.lang.empty() ? Ctx().lang : label.lang;
  style.size_px = TextPx(TextRole::kButton);
  return std::max(kMinTargetPx, Ctx().engine->MeasureWidth(label.text, style) + 2 * Pad() + 2);
}

float ButtonHeight(const Msg& label, float width) {
  return std::max(kMinTargetPx, std::ceil(LayoutText(label, TextRole::kButton, width - 2 * Pad())->height + Pad()));
}

namespace {

struct ButtonColors {
  ImU32 fill, text, border;
};

ButtonColors ColorsFor(ButtonKind kind, bool hovered, bool held, bool selected) {
  const Theme& t = *Ctx().theme;
  if (kind == ButtonKind::kPrimary || selected)
    return {Col(t.primary, held ? 0.85f : 1.0f), Col(t.on_primary), Col(t.primary)};
  return {Col(hovered || held ? t.background : t.surface), Col(t.text), Col(t.border)};
}

// A finger pressed widget `id`: reported to the App (focus follows the finger). In
// touch-and-hear mode the first touch only focuses (the App speaks it); touching the focused
// widget again activates it.
bool Touched(ImGuiID id) {
  UiContext& ctx = Ctx();
  ctx.touched = id;
  return !ctx.touch_and_hear || ctx.focused == id;
}

// The common body of every pressable widget: returns pressed, fills hovered/held.
bool Pressable(ImGuiID id, const ImRect& bb, bool disabled, bool* hovered, bool* held) {
  ImGui::ItemSize(bb.GetSize());
  bool visible = ImGui::ItemAdd(bb, id);
  *hovered = *held = false;
  if (Ctx().scroll_to_focus && Ctx().focused == id)
    ImGui::ScrollToBringRectIntoView(ImGui::GetCurrentWindow(), bb);
  if (disabled) return false;
  bool pressed = visible && ImGui::ButtonBehavior(bb, id, hovered, held);
  if (pressed) pressed = Touched(id);
  if (TakeAction(id, a11y::kActionClick)) pressed = true;
  return pressed;
}

}  // namespace

namespace {

// `marker` is drawn before the label but not published: the state it shows is in `states`.
bool ButtonImpl(const char* str_id, const Msg& label, const char* marker, ButtonKind kind,
                float width, a11y::Role role, uint32_t states, bool* held_out = nullptr) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const ImGuiID id = window->GetID(str_id);
  if (width <= 0) width = AvailWidth();
  width = std::max(width, kMinTargetPx);
  const float pad = Pad();
  const Msg shown{marker ? marker + label.text : label.text, label.lang};
  auto layout = LayoutText(shown, TextRole::kButton, width - 2 * pad);
  const float height = std::max(kMinTargetPx, std::ceil(layout->height + pad));
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(width, height));
  const bool disabled = states & a11y::kDisabled;
  bool hovered, held;
  bool pressed = Pressable(id, bb, disabled, &hovered, &held);
  if (held_out) *held_out = held;

  const bool selected = states & (a11y::kSelected | a11y::kChecked);
  ButtonColors c = ColorsFor(kind, hovered, held, selected && role == a11y::Role::kRadio);
  ImDrawList* draw = window->DrawList;
  if (disabled) c = {Col(Ctx().theme->background), Col(Ctx().theme->muted_text), Col(Ctx().theme->muted_text)};
  FramedBox(draw, bb, c.fill, c.border, 2.0f);
  // Centre the text block; each line keeps the alignment the engine gave it.
  ImVec2 text_pos(bb.Min.x + pad, bb.Min.y + (height - layout->height) * 0.5f);
  float inner = width - 2 * pad;
  // Buttons centre their label; answer choices (radios) read like text, from the line start.
  DrawText(draw, *layout, TextPx(TextRole::kButton), text_pos, c.text, false,
           {.centre_in = role != a11y::Role::kRadio ? inner : 0});
  if (ShowsFocus(id)) DrawFocusRing(bb);

  a11y::Node node = NodeFor(id, role, label, bb);
  node.states = states;
  node.actions = disabled ? 0 : (a11y::kActionClick | a11y::kActionFocus);
  if (layout->overflow || layout->width > inner + 0.5f) node.states |= a11y::kClipped;
  Publish(std::move(node));
  return pressed;
}

}  // namespace

bool Button(const char* id, const Msg& label, ButtonKind kind, float width, a11y::Role role,
            uint32_t states) {
  return ButtonImpl(id, label, nullptr, kind, width, role, states);
}

HoldButtonState HoldButton(const char* id, const Msg& label, ButtonKind kind, uint32_t states) {
  HoldButtonState out;
  out.clicked = ButtonImpl(id, label, nullptr, kind, 0, a11y::Role::kButton, states, &out.held);
  return out;
}

bool RadioButton(const char* id, const Msg& label, bool selected) {
  // A radio is a wide button whose state is shown by fill AND a marker ("●"/"○"), so colour is
  // never the only cue.
  ImGui::PushID(id);
  bool pressed = ButtonImpl("radio", label, selected ? "● " : "○ ", ButtonKind::kSecondary, 0,
                            a11y::Role::kRadio, selected ? a11y::kChecked : 0);
  ImGui::PopID();
  return pressed;
}

bool Checkbox(const char* str_id, const Msg& label, bool* checked) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const ImGuiID id = window->GetID(str_id);
  const float width = AvailWidth();
  const float pad = Pad();
  const float box = std::max(40.0f, TextPx(TextRole::kBody) * 1.2f);
  const float text_w = width - box - 3 * pad;
  const auto layout_ref = LayoutText(label, TextRole::kBody, text_w);
  const text::Layout& layout = *layout_ref;
  const float height = std::max(kMinTargetPx, std::ceil(std::max(layout.height, box) + pad));
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(width, height));
  bool hovered, held;
  bool pressed = Pressable(id, bb, false, &hovered, &held);
  if (pressed) *checked = !*checked;

  const Theme& t = *Ctx().theme;
  ImDrawList* draw = window->DrawList;
  FramedBox(draw, bb, Col(hovered ? t.background : t.surface), Col(t.border), 2.0f);
  // The box sits at the start of the reading direction.
  const bool rtl = Ctx().rtl;
  float box_x = rtl ? bb.Max.x - pad - box : bb.Min.x + pad;
  ImRect box_bb(ImVec2(box_x, bb.Min.y + (height - box) * 0.5f),
                ImVec2(box_x + box, bb.Min.y + (height + box) * 0.5f));
  draw->AddRectFilled(box_bb.Min, box_bb.Max, Col(*checked ? t.primary : t.surface), 6.0f);
  draw->AddRect(box_bb.Min, box_bb.Max, Col(t.border), 6.0f, 0, 3.0f);
  if (*checked) {
    const ImVec2 a(box_bb.Min.x + box * 0.2f, box_bb.Min.y + box * 0.52f);
    const ImVec2 b(box_bb.Min.x + box * 0.42f, box_bb.Min.y + box * 0.74f);
    const ImVec2 c(box_bb.Min.x + box * 0.8f, box_bb.Min.y + box * 0.28f);
    draw->AddLine(a, b, Col(t.on_primary), box * 0.12f);
    draw->AddLine(b, c, Col(t.on_primary), box * 0.12f);
  }
  float text_x = rtl ? bb.Min.x + pad : box_bb.Max.x + pad;
  DrawText(draw, layout, TextPx(TextRole::kBody), ImVec2(text_x, bb.Min.y + (height - layout.height) * 0.5f), Col(t.text));
  if (ShowsFocus(id)) DrawFocusRing(bb);

  a11y::Node node = NodeFor(id, a11y::Role::kCheckbox, label, bb);
  node.states = *checked ? a11y::kChecked : 0;
  node.actions = a11y::kActionClick | a11y::kActionFocus;
  if (layout.overflow || layout.width > text_w + 0.5f) node.states |= a11y::kClipped;
  Publish(std::move(node));
  return pressed;
}

bool ListItem(const char* str_id, const Msg& title, const Msg& detail) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const ImGuiID id = window->GetID(str_id);
  const float width = AvailWidth();
  const float pad = Pad();
  const auto title_ref = LayoutText(title, TextRole::kHeading2, width - 2 * pad);
  const auto detail_ref = detail.text.empty() ? std::make_shared<const text::Layout>()
                                              : LayoutText(detail, TextRole::kSmall, width - 2 * pad);
  const text::Layout& title_layout = *title_ref;
  const text::Layout& detail_layout = *detail_ref;
  const float height = std::max(kMinTargetPx, std::ceil(title_layout.height + detail_layout.height + 2 * pad));
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(width, height));
  bool hovered, held;
  bool pressed = Pressable(id, bb, false, &hovered, &held);

  const Theme& t = *Ctx().theme;
  ImDrawList* draw = window->DrawList;
  FramedBox(draw, bb, Col(hovered ? t.background : t.surface), Col(t.border), 2.0f);
  DrawText(draw, title_layout, TextPx(TextRole::kHeading2), bb.Min + ImVec2(pad, pad), Col(t.primary == 0xFFFF00 ? t.text : t.primary));
  if (!detail.text.empty())
    DrawText(draw, detail_layout, TextPx(TextRole::kSmall), bb.Min + ImVec2(pad, pad + title_layout.height), Col(t.muted_text));
  if (ShowsFocus(id)) DrawFocusRing(bb);

  a11y::Node node = NodeFor(id, a11y::Role::kLink, title, bb);
  node.description = detail.text;
  node.actions = a11y::kActionClick | a11y::kActionFocus;
  if (title_layout.overflow || title_layout.width > width - 2 * pad + 0.5f ||
      detail_layout.overflow || detail_layout.width > width - 2 * pad + 0.5f)
    node.states |= a11y::kClipped;
  Publish(std::move(node));
  return pressed;
}

float ButtonRowHeight(const std::vector<RowButton>& buttons, float width) {
  const float gap = Gap();
  float natural = 0;
  for (const RowButton& b : buttons) natural += ButtonNaturalWidth(b.label);
  natural += gap * (buttons.size() - 1);
  if (natural <= width) {
    float each = (width - gap * (buttons.size() - 1)) / buttons.size();
    float h = 0;
    for (const RowButton& b : buttons) h = std::max(h, ButtonHeight(b.label, each));
    return h;
  }
  float h = 0;
  for (const RowButton& b : buttons) h += ButtonHeight(b.label, width) + gap;
  return h - gap;
}

int ButtonRow(const std::vector<RowButton>& buttons) {
  const float width = AvailWidth();
  const float gap = Gap();
  float natural = 0;
  for (const RowButton& b : buttons) natural += ButtonNaturalWidth(b.label);
  natural += gap * (buttons.size() - 1);
  int pressed = -1;
  const bool rtl = Ctx().rtl;
  if (natural <= width && !buttons.empty()) {
    // Equal widths side by side, first button at the start of the reading direction; the
    // accessibility order stays logical (first to last) whatever the visual order.
    const float each = (width - gap * (buttons.size() - 1)) / buttons.size();
    float height = 0;
    for (const RowButton& b : buttons) height = std::max(height, ButtonHeight(b.label, each));
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 start = window->DC.CursorPos;
    for (size_t i = 0; i < buttons.size(); ++i) {
      size_t slot = rtl ? buttons.size() - 1 - i : i;
      window->DC.CursorPos = ImVec2(start.x + slot * (each + gap), start.y);
      if (Button(buttons[i].id, buttons[i].label, buttons[i].kind, each, a11y::Role::kButton,
                 buttons[i].disabled ? a11y::kDisabled : 0))
        pressed = static_cast<int>(i);
    }
    window->DC.CursorPos = ImVec2(start.x, start.y + height + ImGui::GetStyle().ItemSpacing.y);
    window->DC.CursorMaxPos.y = std::max(window->DC.CursorMaxPos.y, start.y + height);
    return pressed;
  }
  for (size_t i = 0; i < buttons.size(); ++i) {
    if (Button(buttons[i].id, buttons[i].label, buttons[i].kind, width, a11y::Role::kButton,
               buttons[i].disabled ? a11y::kDisabled : 0))
      pressed = static_cast<int>(i);
  }
  return pressed;
}

// [SECTION] FEEDBACK AND PROGRESS

void Feedback(const char* str_id, const Msg& text, Tone tone) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return;
  const ImGuiID id = window->GetID(str_id);
  const Theme& t = *Ctx().theme;
  uint32_t bg = t.surface, fg = t.text;
  const char* mark = "";
  switch (tone) {
    case Tone::kGood: bg = t.good_bg; fg = t.good_text; mark = "✓ "; break;
    case Tone::kBad: bg = t.bad_bg; fg = t.bad_text; mark = "✗ "; break;
    case Tone::kWarn: bg = t.warn_bg; fg = t.warn_text; mark = "⚠ "; break;
    case Tone::kInfo: break;
  }
  const float width = AvailWidth();
  const float pad = Pad();
  Msg shown{mark + text.text, text.lang};
  const auto layout_ref = LayoutText(shown, TextRole::kBody, width - 2 * pad);
  const text::Layout& layout = *layout_ref;
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(width, layout.height + 2 * pad));
  ImGui::ItemSize(bb.GetSize());
  if (ImGui::ItemAdd(bb, 0)) {
    FramedBox(window->DrawList, bb, Col(bg), Col(fg), 3.0f);
    DrawText(window->DrawList, layout, TextPx(TextRole::kBody), bb.Min + ImVec2(pad, pad), Col(fg));
  }
  a11y::Node node = NodeFor(id, tone == Tone::kWarn ? a11y::Role::kAlert : a11y::Role::kStatus, text, bb);
  node.live = tone == Tone::kWarn ? a11y::Live::kAssertive : a11y::Live::kPolite;
  if (layout.overflow || layout.width > width - 2 * pad + 0.5f) node.states |= a11y::kClipped;
  Publish(std::move(node));
}

void SpeechStatus(const char* str_id, const Msg& text) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return;
  const ImGuiID id = window->GetID(str_id);
  const float width = AvailWidth();
  const auto layout = LayoutText(text, TextRole::kSmall, width);
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(width, layout->height));
  ImGui::ItemSize(bb.GetSize());
  if (ImGui::ItemAdd(bb, 0))
    DrawText(window->DrawList, *layout, TextPx(TextRole::kSmall), pos, Col(Ctx().theme->muted_text));
  a11y::Node node = NodeFor(id, a11y::Role::kStatus, text, bb);
  node.live = a11y::Live::kPolite;
  node.states |= a11y::kSpeechStatus;
  if (layout->overflow || layout->width > width + 0.5f) node.states |= a11y::kClipped;
  Publish(std::move(node));
}

void ChatBubble(const char* str_id, const Msg& speaker, const Msg& text, bool from_learner, bool live) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return;
  const ImGuiID id = window->GetID(str_id);
  const Theme& t = *Ctx().theme;
  const float avail = AvailWidth();
  const float pad = Pad();
  const float width = std::round(avail * 0.85f);
  const auto who = LayoutText(speaker, TextRole::kSmall, width - 2 * pad);
  const auto said = LayoutText(text, TextRole::kBody, width - 2 * pad);
  const float gap = std::round(pad * 0.25f);
  // The other side speaks from the start of the reading direction, the learner from its end.
  const bool at_right = from_learner != Ctx().rtl;
  const ImVec2 pos = window->DC.CursorPos + ImVec2(at_right ? avail - width : 0, 0);
  const ImRect bb(pos, pos + ImVec2(width, who->height + gap + said->height + 2 * pad));
  ImGui::ItemSize(ImVec2(avail, bb.GetHeight()));
  if (ImGui::ItemAdd(bb, 0)) {
    // The learner's lines on the primary colour's light tint; a bold border on the other side's:
    // told apart by place and by border, not by colour alone.
    FramedBox(window->DrawList, bb, Col(from_learner ? t.background : t.surface), Col(from_learner ? t.primary : t.border),
              from_learner ? 2.0f : 4.0f);
    DrawText(window->DrawList, *who, TextPx(TextRole::kSmall), bb.Min + ImVec2(pad, pad), Col(t.muted_text));
    DrawText(window->DrawList, *said, TextPx(TextRole::kBody), bb.Min + ImVec2(pad, pad + who->height + gap), Col(t.text));
  }
  Msg spoken{speaker.text + ": " + text.text, text.lang};
  if (!speaker.alt.empty() || !text.alt.empty())
    spoken.alt = (speaker.alt.empty() ? speaker.text : speaker.alt) + "：" + (text.alt.empty() ? text.text : text.alt);
  a11y::Node node = NodeFor(id, live ? a11y::Role::kStatus : a11y::Role::kText, spoken, bb);
  if (live) node.live = a11y::Live::kPolite;
  node.character = !from_learner;
  if (said->overflow || who->overflow || said->width > width - 2 * pad + 0.5f) node.states |= a11y::kClipped;
  Publish(std::move(node));
}

void ProgressBar(const char* str_id, const Msg& label, float fraction) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return;
  const ImGuiID id = window->GetID(str_id);
  const Theme& t = *Ctx().theme;
  const float width = AvailWidth();
  const auto layout_ref = LayoutText(label, TextRole::kBody, width);
  const text::Layout& layout = *layout_ref;
  const float bar_h = std::round(10.0f * std::sqrt(Ctx().scale));
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(width, layout.height + bar_h + 4));
  ImGui::ItemSize(bb.GetSize());
  if (ImGui::ItemAdd(bb, 0)) {
    DrawText(window->DrawList, layout, TextPx(TextRole::kBody), pos, Col(t.text));
    ImVec2 b0(pos.x, pos.y + layout.height + 2), b1(pos.x + width, b0.y + bar_h);
    window->DrawList->AddRectFilled(b0, b1, Col(t.surface), bar_h * 0.5f);
    window->DrawList->AddRect(b0, b1, Col(t.border), bar_h * 0.5f, 0, 2.0f);
    float filled = width * std::clamp(fraction, 0.0f, 1.0f);
    if (Ctx().rtl) window->DrawList->AddRectFilled(ImVec2(b1.x - filled, b0.y), b1, Col(t.primary), bar_h * 0.5f);
    else window->DrawList->AddRectFilled(b0, ImVec2(b0.x + filled, b1.y), Col(t.primary), bar_h * 0.5f);
  }
  a11y::Node node = NodeFor(id, a11y::Role::kProgressbar, label, bb);
  node.value = std::to_string(static_cast<int>(std::round(fraction * 100))) + "%";
  if (layout.overflow || layout.width > width + 0.5f) node.states |= a11y::kClipped;
  Publish(std::move(node));
}

// [SECTION] SCROLLING REGIONS

namespace {
float ScrollLane() { return ImGui::GetStyle().ScrollbarSize + 8.0f; }
}  // namespace

ImGuiWindowFlags ScrollbarFlags() { return Ctx().rtl ? ImGuiWindowFlags_NoScrollbar : 0; }

namespace {
// True if the current window's content (as of the last frame) is taller than the window.
bool Scrolls(ImGuiWindow* w) { return w->ContentSize.y + w->WindowPadding.y * 2.0f > w->InnerRect.GetHeight(); }
}  // namespace

float ScrollbarLane() {
  return Ctx().rtl && Scrolls(ImGui::GetCurrentWindow()) ? ScrollLane() : 0.0f;
}

void MirroredScrollbar() {
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  if (!Ctx().rtl) return;
  // The lane follows the last frame's content height (as ImGui's own bar does): if this
  // frame's content changes whether the window scrolls, draw once more.
  const float next_h = w->DC.CursorMaxPos.y - w->DC.CursorStartPos.y + w->WindowPadding.y * 2.0f;
  if ((next_h > w->InnerRect.GetHeight()) != Scrolls(w)) Ctx().needs_another_frame = true;
  if (w->SkipItems || !Scrolls(w)) return;
  // What ImGui::Scrollbar(ImGuiAxis_Y) does, mirrored to the left edge.
  const ImRect bb(w->Pos.x, w->InnerRect.Min.y, w->Pos.x + ImGui::GetStyle().ScrollbarSize, w->InnerRect.Max.y);
  const ImGuiID id = ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y);
  ImGui::KeepAliveID(id);
  ImS64 scroll = static_cast<ImS64>(w->Scroll.y);
  ImGui::PushClipRect(bb.Min, bb.Max, false);
  ImGui::ScrollbarEx(bb, id, ImGuiAxis_Y, &scroll, static_cast<ImS64>(w->InnerRect.GetHeight()),
                     static_cast<ImS64>(w->ContentSize.y + w->WindowPadding.y * 2.0f), ImDrawFlags_RoundCornersAll);
  ImGui::PopClipRect();
  if (static_cast<float>(scroll) != w->Scroll.y) ImGui::SetScrollY(static_cast<float>(scroll));
}

void BeginScrollRegion(const char* id, ImVec2 size) {
  ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoBackground | ScrollbarFlags());
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  if (Ctx().rtl) {
    ImGui::Indent(ScrollLane());  // the lane is on the left: content starts after it
  } else {
    w->WorkRect.Max.x = std::min(w->WorkRect.Max.x, w->Pos.x + size.x - ScrollLane());
    w->ContentRegionRect.Max.x = w->WorkRect.Max.x;
  }
}

void EndScrollRegion() {
  if (Ctx().rtl) ImGui::Unindent(ScrollLane());
  MirroredScrollbar();
  ImGui::EndChild();
}

// [SECTION] PHONE SCREEN

namespace {

void DrawIcon(ImDrawList* d, const std::string& icon, const ImRect& r, ImU32 col, ImU32 bg) {
  const float s = std::min(r.GetWidth(), r.GetHeight());
  const ImVec2 c = r.GetCenter();
  const ImVec2 tl(c.x - s / 2, c.y - s / 2);
  const float lw = std::max(2.0f, s * 0.06f);
  if (icon == "qr") {
    // Three finder squares and a scatter of modules: reads as "a QR code" at any size.
    auto finder = [&](float fx, float fy) {
      ImVec2 p(tl.x + fx * s, tl.y + fy * s);
      d->AddRectFilled(p, p + ImVec2(s * 0.3f, s * 0.3f), col);
      d->AddRectFilled(p + ImVec2(s * 0.05f, s * 0.05f), p + ImVec2(s * 0.25f, s * 0.25f), bg);
      d->AddRectFilled(p + ImVec2(s * 0.1f, s * 0.1f), p + ImVec2(s * 0.2f, s * 0.2f), col);
    };
    finder(0, 0);
    finder(0.7f, 0);
    finder(0, 0.7f);
    static const uint8_t kModules[] = {0x5A, 0xA5, 0x3C, 0xC3, 0x69, 0x96, 0x0F, 0xF0};
    for (int y = 0; y < 8; ++y)
      for (int x = 0; x < 8; ++x)
        if ((kModules[y] >> x) & 1) {
          float mx = tl.x + s * (0.35f + x * 0.08f), my = tl.y + s * (0.35f + y * 0.08f);
          if (mx + s * 0.08f <= tl.x + s && my + s * 0.08f <= tl.y + s)
            d->AddRectFilled(ImVec2(mx, my), ImVec2(mx + s * 0.07f, my + s * 0.07f), col);
        }
  } else if (icon == "camera") {
    d->AddRect(ImVec2(tl.x, tl.y + s * 0.25f), ImVec2(tl.x + s, tl.y + s * 0.85f), col, s * 0.1f, 0, lw);
    d->AddRectFilled(ImVec2(tl.x + s * 0.3f, tl.y + s * 0.12f), ImVec2(tl.x + s * 0.6f, tl.y + s * 0.25f), col);
    d->AddCircle(ImVec2(c.x, tl.y + s * 0.55f), s * 0.18f, col, 0, lw);
  } else if (icon == "phone") {
    d->AddRect(ImVec2(tl.x + s * 0.28f, tl.y), ImVec2(tl.x + s * 0.72f, tl.y + s), col, s * 0.08f, 0, lw);
    d->AddCircleFilled(ImVec2(c.x, tl.y + s * 0.9f), s * 0.04f, col);
  } else if (icon == "message") {
    d->AddRect(ImVec2(tl.x, tl.y + s * 0.1f), ImVec2(tl.x + s, tl.y + s * 0.7f), col, s * 0.12f, 0, lw);
    d->AddTriangleFilled(ImVec2(tl.x + s * 0.2f, tl.y + s * 0.68f), ImVec2(tl.x + s * 0.45f, tl.y + s * 0.68f),
                         ImVec2(tl.x + s * 0.15f, tl.y + s * 0.92f), col);
  } else if (icon == "lock") {
    d->AddRectFilled(ImVec2(tl.x + s * 0.15f, tl.y + s * 0.45f), ImVec2(tl.x + s * 0.85f, tl.y + s), col, s * 0.08f);
    d->PathArcTo(ImVec2(c.x, tl.y + s * 0.45f), s * 0.25f, IM_PI, 2 * IM_PI);
    d->PathStroke(col, 0, lw * 1.5f);
  } else if (icon == "warning") {
    d->AddTriangleFilled(ImVec2(c.x, tl.y), ImVec2(tl.x + s, tl.y + s * 0.9f), ImVec2(tl.x, tl.y + s * 0.9f), col);
    d->AddRectFilled(ImVec2(c.x - s * 0.05f, tl.y + s * 0.3f), ImVec2(c.x + s * 0.05f, tl.y + s * 0.62f), bg);
    d->AddCircleFilled(ImVec2(c.x, tl.y + s * 0.75f), s * 0.06f, bg);
  } else if (icon == "check") {
    d->AddLine(ImVec2(tl.x + s * 0.1f, tl.y + s * 0.55f), ImVec2(tl.x + s * 0.4f, tl.y + s * 0.85f), col, lw * 2);
    d->AddLine(ImVec2(tl.x + s * 0.4f, tl.y + s * 0.85f), ImVec2(tl.x + s * 0.9f, tl.y + s * 0.2f), col, lw * 2);
  } else {  // person
    d->AddCircleFilled(ImVec2(c.x, tl.y + s * 0.3f), s * 0.2f, col);
    d->PathArcTo(ImVec2(c.x, tl.y + s * 1.0f), s * 0.45f, IM_PI, 2 * IM_PI);
    d->PathFillConvex(col);
  }
}

uint32_t Luma(uint32_t rgb) {
  return (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
}

}  // namespace

// PhoneScreen, also telling where the phone's screen is (`inner_out`: its pixels, for a
// GestureScreen's target).
static int DrawPhone(const char* str_id, const content::Screen& screen, std::span<const std::string> chain,
                     const Msg& alt, const std::vector<content::Hotspot>* hotspots, int revealed,
                     const std::vector<bool>* marked, ImRect* inner_out) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return -1;
  const ImGuiID id = window->GetID(str_id);
  const Theme& t = *Ctx().theme;
  // The phone grows with the text size so its labels stay readable, within the column.
  const float avail = AvailWidth();
  const float phone_w = std::min(avail, std::round(360.0f * std::max(1.0f, Ctx().scale * 0.85f)));
  const float phone_h = std::round(phone_w * 1.75f);
  const float bezel = std::round(phone_w * 0.04f);
  const ImVec2 origin = window->DC.CursorPos + ImVec2(std::round((avail - phone_w) * 0.5f), 0);
  const ImRect outer(origin, origin + ImVec2(phone_w, phone_h));
  const ImRect inner(outer.Min + ImVec2(bezel, bezel * 2), outer.Max - ImVec2(bezel, bezel * 2));
  ImGui::ItemSize(ImVec2(avail, phone_h));
  const bool visible = ImGui::ItemAdd(outer, 0);
  if (inner_out) *inner_out = inner;

  auto to_px = [&](const content::PercentRect& r) {
    return ImRect(ImVec2(inner.Min.x + inner.GetWidth() * r.x / 100, inner.Min.y + inner.GetHeight() * r.y / 100),
                  ImVec2(inner.Min.x + inner.GetWidth() * (r.x + r.w) / 100,
                         inner.Min.y + inner.GetHeight() * (r.y + r.h) / 100));
  };

  // The group node: an image (with alt) or, with hotspots, a group of buttons.
  a11y::Node group;
  group.id = id;
  group.role = hotspots ? a11y::Role::kGroup : a11y::Role::kImage;
  group.name = alt.text;
  group.lang = alt.lang;
  group.speech_alt = alt.alt;
  group.dir = DirOf(alt);
  group.bounds = ToRect(outer);
  ImGui::PushID(str_id);
  Ctx().tree.Push(std::move(group));

  ImDrawList* d = window->DrawList;
  if (visible) {
    d->AddRectFilled(outer.Min, outer.Max, Col(0x202124), bezel * 2.5f);
    d->AddRectFilled(inner.Min, inner.Max, Col(screen.background), 4.0f);
  }
  // Labels inside the phone are part of the picture: sized to the phone, shrunk to fit.
  const float base_px = std::max(12.0f, std::round(phone_w / 17.0f));
  std::vector<a11y::Node> labels;
  d->PushClipRect(inner.Min, inner.Max, true);
  for (size_t i = 0; i < screen.elements.size(); ++i) {
    const content::ScreenElement& el = screen.elements[i];
    const ImRect r = to_px(el.rect);
    uint32_t fill = el.has_color ? el.color : 0;
    uint32_t text_col = 0x202124;
    using Kind = content::ScreenElement::Kind;
    if (visible) {
      if (el.kind == Kind::kBox) d->AddRectFilled(r.Min, r.Max, Col(el.has_color ? fill : 0xEEEEEE), 6.0f);
      if (el.kind == Kind::kBar) {
        fill = el.has_color ? fill : 0x1E6FD9;
        d->AddRectFilled(r.Min, r.Max, Col(fill));
      }
      if (el.kind == Kind::kButton) {
        fill = el.has_color ? fill : 0x07C160;
        d->AddRectFilled(r.Min, r.Max, Col(fill), std::min(r.GetHeight() * 0.3f, 16.0f));
      }
      if (el.kind == Kind::kIcon) DrawIcon(d, el.icon, r, Col(el.has_color ? fill : 0x202124), Col(screen.background));
    }
    if (el.kind == Kind::kBar || el.kind == Kind::kButton) text_col = Luma(fill) < 140 ? 0xFFFFFF : 0x202124;
    if (el.kind == Kind::kText && el.has_color) text_col = el.color;
    if (!el.text.empty() && el.kind != Kind::kIcon) {
      // A label the real app shows in Chinese stays Chinese in every language (the lesson's
      // instruction glosses it), so the learner practises what the real phone shows.
      static const std::string kChinese[] = {"zh-Hans"};
      auto resolved = el.text.Resolve(el.shown_in_chinese ? std::span<const std::string>(kChinese) : chain);
      Msg m{std::string(resolved.text), std::string(resolved.lang)};
      text::ParagraphStyle style;
      style.lang = m.lang;
      style.line_height = 1.25f;
      const float box_w = std::max(1.0f, r.GetWidth() - 8);
      std::shared_ptr<const text::Layout> lay_ref;
      for (float px = base_px; px >= 9.0f; px -= 1.0f) {
        style.size_px = px;
        lay_ref = Ctx().engine->SharedLayout(m.text, style, box_w);
        if (lay_ref->height <= r.GetHeight() - 2 && !lay_ref->overflow) break;
      }
      const text::Layout& lay = *lay_ref;
      if (visible) {
        const bool centre = el.kind != Kind::kText;
        ImVec2 p(r.Min.x + 4, centre ? r.Min.y + (r.GetHeight() - lay.height) * 0.5f : r.Min.y + 1);
        // The phone's own colours are the pack's; in high contrast the picture keeps them so
        // the learner recognises the real app.
        DrawText(d, lay, style.size_px, p, Col(text_col), false, {.centre_in = centre ? box_w : 0});
      }
      a11y::Node node;
      node.id = window->GetID(static_cast<int>(i));
      node.role = a11y::Role::kText;
      node.name = m.text;
      node.lang = m.lang;
      node.dir = DirOf(m);
      node.bounds = ToRect(r);
      if (lay.overflow || lay.height > r.GetHeight() + 0.5f) node.states |= a11y::kClipped;
      // In a picture the alt text speaks for it all. On a practice screen the phone's labels
      // follow its hotspots, so a reader meets the things to tap first.
      if (hotspots) labels.push_back(std::move(node));
    }
  }
  d->PopClipRect();

  int result = -1;
  if (hotspots) {
    // Hotspots in visual reading order (top to bottom; along the line in the UI's direction),
    // whatever order the pack lists them in.
    std::vector<size_t> order(hotspots->size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const content::PercentRect& ra = (*hotspots)[a].rect;
      const content::PercentRect& rb = (*hotspots)[b].rect;
      if (ra.y != rb.y) return ra.y < rb.y;
      return Ctx().rtl ? ra.x > rb.x : ra.x < rb.x;
    });
    for (size_t i : order) {
      const content::Hotspot& h = (*hotspots)[i];
      const ImGuiID hid = ImGui::GetID(h.id.c_str());
      ImRect r = to_px(h.rect);
      // Keep every hotspot a usable target (>= kMinTargetPx) even if the pack drew it small.
      ImVec2 grow(std::max(0.0f, (kMinTargetPx - r.GetWidth()) * 0.5f),
                  std::max(0.0f, (kMinTargetPx - r.GetHeight()) * 0.5f));
      r.Expand(grow);
      const ImVec2 saved = window->DC.CursorPos;
      bool hovered = false, held = false;
      bool pressed = false;
      if (Ctx().scroll_to_focus && Ctx().focused == hid)
        ImGui::ScrollToBringRectIntoView(window, r);
      if (ImGui::ItemAdd(r, hid)) pressed = ImGui::ButtonBehavior(r, hid, &hovered, &held);
      if (pressed) pressed = Touched(hid);
      if (TakeAction(hid, a11y::kActionClick)) pressed = true;
      window->DC.CursorPos = saved;
      if (pressed) result = static_cast<int>(i);
      const bool is_marked = marked && i < marked->size() && (*marked)[i];
      if (visible && static_cast<int>(i) == revealed && !marked) {
        uint32_t col = h.correct ? t.good_text : t.bad_text;
        d->AddRect(r.Min - ImVec2(2, 2), r.Max + ImVec2(2, 2), Col(col), 8.0f, 0, 5.0f);
      }
      if (visible && is_marked) {
        // A found red flag: outlined and badged with a warning sign; a safe part tapped: a tick.
        // The badge's shape tells them apart, not only its colour.
        const uint32_t col = h.correct ? t.bad_text : t.good_text;
        const float thick = static_cast<int>(i) == revealed ? 6.0f : 4.0f;
        d->AddRect(r.Min - ImVec2(2, 2), r.Max + ImVec2(2, 2), Col(col), 8.0f, 0, thick);
        const float badge = std::clamp(r.GetHeight() * 0.8f, 22.0f, 40.0f);
        const float bx = Ctx().rtl ? r.Min.x - badge * 0.35f : r.Max.x - badge * 0.65f;
        const ImRect b(ImVec2(bx, r.Min.y - badge * 0.45f), ImVec2(bx + badge, r.Min.y + badge * 0.55f));
        d->AddCircleFilled(b.GetCenter(), badge * 0.55f, Col(0xFFFFFF));
        DrawIcon(d, h.correct ? "warning" : "check", b, Col(col), Col(0xFFFFFF));
      }
      if (ShowsFocus(hid)) DrawFocusRing(r);
      auto label = h.label.Resolve(chain);
      a11y::Node node;
      node.id = hid;
      node.role = a11y::Role::kButton;
      node.name = std::string(label.text);
      node.lang = std::string(label.lang);
      if (node.lang != "zh-Hans") node.speech_alt = MandarinAlt(h.label);
      node.dir = DirOf(Msg{node.name, node.lang});
      node.bounds = ToRect(r);
      node.actions = a11y::kActionClick | a11y::kActionFocus;
      if (is_marked) node.states |= a11y::kPressed;
      Publish(std::move(node));
    }
    // A tap on the screen that hit no hotspot gets "missFeedback".
    if (result == -1 && ImGui::IsMouseReleased(0) && inner.Contains(ImGui::GetIO().MousePos) &&
        ImGui::IsWindowHovered() && !ImGui::IsAnyItemActive() &&
        inner.Contains(ImGui::GetIO().MouseClickedPos[0]))
      result = -2;
  }
  for (a11y::Node& n : labels) Publish(std::move(n));
  Ctx().tree.Pop();
  ImGui::PopID();
  return result;
}

int PhoneScreen(const char* str_id, const content::Screen& screen, std::span<const std::string> chain,
                const Msg& alt, const std::vector<content::Hotspot>* hotspots, int revealed,
                const std::vector<bool>* marked) {
  return DrawPhone(str_id, screen, chain, alt, hotspots, revealed, marked, nullptr);
}

// [SECTION] Gesture screens
namespace {

// The motion a gesture step asks for, drawn on its target so a learner sees what the finger
// does: a fingertip where it starts and a dotted trail with an arrowhead to where it ends (a
// swipe), or a fingertip ringed twice, the outer ring filling while it is held (a long press).
// The shape says it all; nothing relies on colour. It keeps to the target's right edge (the
// bottom for a sideways swipe: the phone's own labels start on the left, and the simulated phone
// is not mirrored in right-to-left languages, as a real one is not) and is translucent, so the
// labels it passes over stay readable.
void DrawGestureHint(ImDrawList* d, const ImRect& r, const content::Step& step, float held_fraction) {
  const Theme& t = *Ctx().theme;
  const ImU32 ink = Col(t.primary, 0.8f);
  const ImU32 halo = Col(0xFFFFFF, 0.6f);
  const float finger = std::clamp(std::min(r.GetWidth(), r.GetHeight()) * 0.12f, 8.0f, 22.0f);
  const float end_x = r.Max.x - finger * 2.6f;
  if (step.gesture == content::Gesture::kLongPress) {
    const ImVec2 c(end_x, r.GetCenter().y);
    d->AddCircleFilled(c, finger * 2.5f, halo);
    d->AddCircleFilled(c, finger, ink);
    d->AddCircle(c, finger * 1.6f, ink, 0, 3.0f);
    d->AddCircle(c, finger * 2.3f, ink, 0, 2.0f);
    if (held_fraction > 0) {  // the outer ring fills clockwise from the top while held
      d->PathArcTo(c, finger * 2.3f, -IM_PI / 2, -IM_PI / 2 + 2 * IM_PI * std::min(1.0f, held_fraction), 32);
      d->PathStroke(Col(t.primary), 0, 7.0f);
    }
    return;
  }
  using content::Direction;
  ImVec2 dir(0, 0);
  switch (step.direction) {
    case Direction::kUp: dir = ImVec2(0, -1); break;
    case Direction::kDown: dir = ImVec2(0, 1); break;
    case Direction::kLeft: dir = ImVec2(-1, 0); break;
    case Direction::kRight: dir = ImVec2(1, 0); break;
  }
  const bool vertical = dir.x == 0;
  const ImVec2 c = vertical ? ImVec2(end_x, r.GetCenter().y) : ImVec2(r.GetCenter().x, r.Max.y - finger * 2.0f);
  const float reach = (vertical ? r.GetHeight() : r.GetWidth()) * 0.3f;
  const ImVec2 from = c - dir * reach, to = c + dir * reach;
  const ImVec2 side(-dir.y, dir.x);
  d->AddCircleFilled(from, finger * 1.5f, halo);
  d->AddCircleFilled(from, finger, ink);
  const int dots = 6;
  for (int i = 1; i < dots; ++i) {
    const ImVec2 p = from + (to - from) * (static_cast<float>(i) / dots);
    d->AddCircleFilled(p, finger * 0.45f + 1.0f, halo);
    d->AddCircleFilled(p, finger * 0.3f, ink);
  }
  const float head = finger * 1.6f;
  d->AddTriangleFilled(to + dir * head * 0.3f, to - dir * head + side * head * 0.8f, to - dir * head - side * head * 0.8f,
                       ink);
}

content::Direction DirectionOfDrag(ImVec2 delta) {
  if (std::fabs(delta.x) > std::fabs(delta.y)) return delta.x < 0 ? content::Direction::kLeft : content::Direction::kRight;
  return delta.y < 0 ? content::Direction::kUp : content::Direction::kDown;
}

GestureMade Swipe(content::Direction d) {
  switch (d) {
    case content::Direction::kUp: return GestureMade::kSwipeUp;
    case content::Direction::kDown: return GestureMade::kSwipeDown;
    case content::Direction::kLeft: return GestureMade::kSwipeLeft;
    case content::Direction::kRight: return GestureMade::kSwipeRight;
  }
  return GestureMade::kSwipeUp;
}

}  // namespace

GestureMade GestureScreen(const char* str_id, const content::Screen& screen, std::span<const std::string> chain,
                          const Msg& alt, const content::Step& step, const Msg& how) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return GestureMade::kNone;
  // The phone with its labels readable (a group, as on a typing step), and nothing on it to tap:
  // the target below is the one control.
  static const std::vector<content::Hotspot> kNothingToTap;
  ImRect inner;
  DrawPhone(str_id, screen, chain, alt, &kNothingToTap, -1, nullptr, &inner);
  ImGui::PushID(str_id);
  const ImGuiID tid = ImGui::GetID("target");
  ImGui::PopID();
  const content::PercentRect& pr = step.target.rect;
  ImRect r(ImVec2(inner.Min.x + inner.GetWidth() * pr.x / 100, inner.Min.y + inner.GetHeight() * pr.y / 100),
           ImVec2(inner.Min.x + inner.GetWidth() * (pr.x + pr.w) / 100,
                  inner.Min.y + inner.GetHeight() * (pr.y + pr.h) / 100));
  r.Expand(ImVec2(std::max(0.0f, (kMinTargetPx - r.GetWidth()) * 0.5f),
                  std::max(0.0f, (kMinTargetPx - r.GetHeight()) * 0.5f)));

  UiContext& ctx = Ctx();
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 saved = window->DC.CursorPos;
  if (ctx.scroll_to_focus && ctx.focused == tid) ImGui::ScrollToBringRectIntoView(window, r);
  const bool visible = ImGui::ItemAdd(r, tid);
  // Per press: whether its long press was already recognised (while it was still held).
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID fired_key = tid + 1;
  GestureMade made = GestureMade::kNone;
  // A finger lifted from a press that began here: what did it do? (Read before ButtonBehavior,
  // which lets go of the active item on release.)
  const bool was_active = ImGui::GetActiveID() == tid;
  const ImVec2 delta = io.MousePos - io.MouseClickedPos[0];
  const float held_for = static_cast<float>(ImGui::GetTime() - io.MouseClickedTime[0]);
  // A swipe goes a fifth of the screen's shorter side; less is a finger that wobbled.
  const float swipe_px = std::max(32.0f, std::min(inner.GetWidth(), inner.GetHeight()) * 0.2f);
  const bool moved = std::max(std::fabs(delta.x), std::fabs(delta.y)) >= swipe_px;
  const bool still = std::max(std::fabs(delta.x), std::fabs(delta.y)) < swipe_px * 0.5f;
  if (was_active && ImGui::IsMouseReleased(0)) {
    if (moved) made = Swipe(DirectionOfDrag(delta));
    else if (storage->GetBool(fired_key)) made = GestureMade::kNone;  // its long press was made while held
    else if (held_for >= kLongPressSeconds) made = GestureMade::kLongPress;
    else if (Touched(tid)) made = GestureMade::kTap;  // touch-and-hear: a first touch only speaks
  }
  bool hovered = false, held = false;
  if (visible) ImGui::ButtonBehavior(r, tid, &hovered, &held, ImGuiButtonFlags_PressedOnClickRelease);
  if (ImGui::GetActiveID() == tid) {
    if (ImGui::IsMouseClicked(0)) storage->SetBool(fired_key, false);  // a new press
    ctx.drag_owner = tid;
    ctx.needs_another_frame = true;  // frames keep coming while held: the ring fills, the hold is seen
    if (held_for >= kLongPressSeconds && still && !storage->GetBool(fired_key)) {
      storage->SetBool(fired_key, true);
      made = GestureMade::kLongPress;
    }
  }
  if (TakeAction(tid, a11y::kActionClick)) made = GestureMade::kTap;
  window->DC.CursorPos = saved;

  if (visible) {
    ImDrawList* d = window->DrawList;
    d->PushClipRect(inner.Min, inner.Max, true);
    const bool holding = ImGui::GetActiveID() == tid && still && !storage->GetBool(fired_key);
    DrawGestureHint(d, r, step, holding ? held_for / kLongPressSeconds : 0.0f);
    d->PopClipRect();
    if (ShowsFocus(tid)) DrawFocusRing(r);
  }
  auto label = step.target.label.Resolve(chain);
  a11y::Node node;
  node.id = tid;
  node.role = a11y::Role::kButton;
  node.name = std::string(label.text);
  node.lang = std::string(label.lang);
  if (node.lang != "zh-Hans") node.speech_alt = MandarinAlt(step.target.label);
  node.dir = DirOf(Msg{node.name, node.lang});
  node.description = how.text;
  node.bounds = ToRect(r);
  node.actions = a11y::kActionClick | a11y::kActionFocus;
  Publish(std::move(node));
  return made;
}

// [SECTION] TextInput
// Dear ImGui's InputText does the editing (keys, IME, clipboard, selection); its own glyphs are
// drawn fully transparent and the text engine draws the value instead, so every script shapes
// and joins as everywhere else. The caret sits at the end of the text (its logical end: left of
// Uyghur letters, right of a Latin word typed in a Uyghur field), and a value wider than the box
// scrolls so that the caret, where the next letter appears, stays in view.
namespace {
int ResizeString(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

// Where the caret goes after the last character: x from the line's left edge. The run holding
// the logical end ends on its left if it is right-to-left, on its right otherwise.
float EndCaretX(const text::Layout& layout) {
  if (layout.lines.empty()) return 0.0f;
  const text::Line& line = layout.lines.back();
  const text::Run* last = nullptr;
  for (const text::Run& run : line.runs)
    if (!last || run.utf8_end > last->utf8_end) last = &run;
  if (!last) return layout.rtl ? line.x + line.width : line.x;
  return line.x + last->x + (last->rtl ? 0.0f : last->width);
}
}  // namespace

bool TextInput(const char* str_id, const Msg& label, const Msg& placeholder, std::string* value) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const float width = AvailWidth();
  const float pad = Pad();
  const Theme& t = *Ctx().theme;
  const auto label_ref = LayoutText(label, TextRole::kSmall, width);
  const text::Layout& label_layout = *label_ref;
  DrawText(window->DrawList, label_layout, TextPx(TextRole::kSmall), window->DC.CursorPos, Col(t.text));
  ImGui::Dummy(ImVec2(width, label_layout.height));

  const Msg shown = value->empty() ? placeholder : Msg{*value, Ctx().lang};
  // One line, never wrapped (infinite width: the engine's "no wrapping"). A finite wrapping
  // width would right-align a right-to-left line to that width: with 100000 it was drawn far to
  // the right of the box, so in ug and kk-Arab what the learner typed was clipped away.
  const auto layout_ref = LayoutText(shown, TextRole::kBody, std::numeric_limits<float>::infinity());
  const text::Layout& layout = *layout_ref;
  const float height = std::max(kMinTargetPx, std::ceil(TextPx(TextRole::kBody) * 1.5f + pad));
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, pos + ImVec2(width, height));

  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_TextSelectedBg, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, Col(t.surface));
  ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, Col(t.surface));
  ImGui::PushStyleColor(ImGuiCol_FrameBgActive, Col(t.surface));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(pad, std::max(0.0f, (height - ImGui::GetFontSize()) * 0.5f)));
  ImGui::SetNextItemWidth(width);
  value->reserve(64);
  const std::string imgui_label = std::string("##") + str_id;  // "##": ImGui draws no label of its own
  // Focus is the App's: when the keyboard (or a screen reader) brings focus here, the field
  // starts editing; when focus moves on, editing ends.
  const ImGuiID field_id = window->GetID(imgui_label.c_str());
  UiContext& ctx = Ctx();
  if (ctx.focused == field_id && ctx.scroll_to_focus && ImGui::GetActiveID() != field_id)
    ImGui::SetKeyboardFocusHere();
  if (ImGui::GetActiveID() == field_id && ctx.focused != field_id && ctx.focus_visible)
    ImGui::ClearActiveID();
  // Not a Tab stop of ImGui's own: the App's focus order is the only one (ImGui would otherwise
  // take Tab to start editing here while the App moves focus on to the next control).
  ImGui::PushAllowKeyboardFocus(false);
  bool changed = ImGui::InputText(imgui_label.c_str(), value->data(), value->capacity() + 1, ImGuiInputTextFlags_CallbackResize,
                                  ResizeString, value);
  ImGui::PopAllowKeyboardFocus();
  const ImGuiID id = ImGui::GetItemID();
  const bool active = ImGui::IsItemActive();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);

  ImDrawList* draw = window->DrawList;
  draw->AddRect(bb.Min, bb.Max, Col(active ? t.primary : t.border), Rounding(), 0, active ? 3.0f : 2.0f);
  const bool rtl = layout.rtl;
  const float text_y = bb.Min.y + (height - layout.height) * 0.5f;
  const float left = bb.Min.x + pad, right = bb.Max.x - pad;
  // From the reading side (right in ug, kk-Arab); if the text is wider than the box, shifted
  // just enough to keep the caret inside.
  float text_x = rtl ? right - layout.width : left;
  const float caret_x = value->empty() ? (rtl ? right : left) : text_x + EndCaretX(layout);
  const float scroll = caret_x > right ? right - caret_x : (caret_x < left ? left - caret_x : 0.0f);
  text_x += scroll;
  draw->PushClipRect(bb.Min, bb.Max, true);
  DrawText(draw, layout, TextPx(TextRole::kBody), ImVec2(text_x, text_y), Col(value->empty() ? t.muted_text : t.text));
  if (active) {
    const float x = std::clamp(caret_x + scroll, left, right - 2.0f);
    draw->AddRectFilled(ImVec2(x, text_y), ImVec2(x + 2, text_y + layout.height), Col(t.text));
  }
  draw->PopClipRect();
  if (ShowsFocus(id)) DrawFocusRing(bb);
  if (active && ctx.focused != id && !ctx.focus_visible) ctx.touched = id;  // a tap started editing

  a11y::Node node;
  node.id = id;
  node.role = a11y::Role::kTextbox;
  node.name = label.text;
  node.value = *value;
  node.description = value->empty() ? placeholder.text : "";
  node.lang = label.lang;
  node.dir = DirOf(label);
  node.bounds = ToRect(bb);
  node.actions = a11y::kActionFocus;
  if (active) node.states |= a11y::kFocused;
  Publish(std::move(node));
  return changed;
}

}  // namespace qiao::ui
