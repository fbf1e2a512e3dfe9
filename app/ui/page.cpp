// Index:
// [SECTION] THE FRAME
// [SECTION] PAGES AND DIALOGS
// [SECTION] COMPOUND WIDGETS
#include "ui/page.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace qiao::ui {

// [SECTION] THE FRAME

void ApplyStyle() {
  const UiContext& ui = Ctx();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowPadding = ImVec2(0, 0);
  style.ItemSpacing = ImVec2(0, std::round(12.0f * ui.scale));
  style.ScrollbarSize = std::round(24.0f * std::sqrt(ui.scale));
  style.ScrollbarRounding = 6.0f;
  style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(Col(ui.theme->background));
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_ScrollbarBg] = ImGui::ColorConvertU32ToFloat4(Col(ui.theme->surface));
  style.Colors[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(Col(ui.theme->border));
  style.Colors[ImGuiCol_ScrollbarGrabHovered] = ImGui::ColorConvertU32ToFloat4(Col(ui.theme->text));
  style.Colors[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(Col(ui.theme->text));
  style.Colors[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);  // we draw our own, thicker ring
}

void BeginUiFrame(const Theme& theme, float scale, const std::string& lang, const std::string& app_name) {
  UiContext& ui = Ctx();
  ui.theme = &theme;
  ui.scale = scale;
  ui.lang = lang;
  ui.rtl = text::DirectionOf(lang) == text::Direction::kRtl;
  ui.needs_another_frame = false;
  ui.secret = false;
  ui.engine->atlas().BeginFrame();
  ApplyStyle();
  ui.tree.Begin(a11y::Rect{0, 0, ViewportWidth(), ViewportHeight()}, app_name, lang,
                ui.rtl ? a11y::Dir::kRtl : a11y::Dir::kLtr);
}

float ViewportWidth() { return ImGui::GetIO().DisplaySize.x; }
float ViewportHeight() { return ImGui::GetIO().DisplaySize.y; }
bool PointerPressed() { return ImGui::IsMouseClicked(0); }

// [SECTION] PAGES AND DIALOGS

namespace {

// Whether this page's content is drawn inline (see BeginContent). One page is drawn at a time.
bool g_content_inline = false;

// Touch screens: dragging scrolls (a kiosk has no wheel).
void DragToScroll(ImGuiHoveredFlags flags) {
  const ImGuiID active = ImGui::GetActiveID();
  if (active != 0 && active == Ctx().drag_owner) return;  // a swipe on a gesture step's phone
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | flags) &&
      ImGui::IsMouseDragging(0, 8.0f))
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
}

// The current window's content column narrowed to [left, right].
void SetColumn(float left, float right) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  window->WorkRect.Min.x = left;
  window->WorkRect.Max.x = right;
  window->ContentRegionRect.Max.x = right;
}

}  // namespace

void BeginPage(const std::string& id, bool new_screen) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  // The page window scrolls as a whole only when a screen draws its content inline (large text
  // on a small screen). One window per route, so each screen opens at its top.
  ImGui::Begin(("##qiao/" + id).c_str(), nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ScrollbarFlags());
  // Margins that shrink on small screens, so the column never overflows an 800 px viewport.
  const float margin = std::round(std::clamp(size.x * 0.04f, 12.0f, 48.0f));
  const float left = std::max(margin, ScrollbarLane());  // RTL: the scroll bar is on the left
  ImGui::SetCursorPos(ImVec2(left, margin * 0.5f));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(size.x - left - margin);
  ImGui::PushClipRect(ImVec2(0, 0), size, false);
  // Content column: the window's work rect narrowed by the margins (and clear of a scrollbar).
  SetColumn(left, std::min(ImGui::GetCurrentWindow()->WorkRect.Max.x - 8.0f, size.x - margin));
  DragToScroll(0);
  if (new_screen) ImGui::SetScrollY(0);  // a new screen or step starts at its top
}

void EndPage() {
  ImGui::PopClipRect();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  MirroredScrollbar();
  ImGui::End();
}

void BeginContent(float bottom_reserved, const std::string& scroll_id) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float display_h = ImGui::GetIO().DisplaySize.y;
  const float h = display_h - ImGui::GetCursorScreenPos().y - bottom_reserved - 8.0f;
  g_content_inline = h < display_h * 0.4f;
  if (g_content_inline) return;
  BeginScrollRegion(scroll_id.c_str(), ImVec2(avail.x, h));  // scroll bar on the left in RTL
  DragToScroll(ImGuiHoveredFlags_ChildWindows);
}

void EndContent() {
  if (g_content_inline) return;
  ImGui::Dummy(ImVec2(0, 16));
  EndScrollRegion();
}

void BeginModal(const char* id, float top_fraction, bool dim) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  ImGui::SetNextWindowFocus();
  ImGui::Begin(id, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                ImGuiWindowFlags_NoSavedSettings);
  if (dim) ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), size, Col(Ctx().theme->background, 0.97f));
  const float margin = std::round(std::clamp(size.x * 0.08f, 12.0f, 120.0f));
  ImGui::SetCursorPos(ImVec2(margin, top_fraction > 0 ? size.y * top_fraction : margin));
  SetColumn(margin, size.x - margin);
  ImGui::BeginGroup();
}

void EndModal() {
  ImGui::EndGroup();
  ImGui::End();
}

float AvailableWidth() { return ImGui::GetContentRegionAvail().x; }
float RowGap() { return ImGui::GetStyle().ItemSpacing.y; }

// [SECTION] COMPOUND WIDGETS

int ButtonGrid(const std::vector<RowButton>& buttons) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float gap = std::round(12.0f * Ctx().scale);
  float widest = 0;
  for (const RowButton& b : buttons) widest = std::max(widest, ButtonNaturalWidth(b.label));
  const int columns = widest * 2 + gap <= width ? 2 : 1;
  const float col_w = (width - gap * (columns - 1)) / columns;
  int pressed = -1;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  for (size_t i = 0; i < buttons.size(); i += columns) {
    const ImVec2 row = window->DC.CursorPos;
    float row_h = 0;
    for (int c = 0; c < columns && i + c < buttons.size(); ++c) {
      const RowButton& b = buttons[i + c];
      const int slot = Ctx().rtl ? columns - 1 - c : c;
      window->DC.CursorPos = ImVec2(row.x + slot * (col_w + gap), row.y);
      row_h = std::max(row_h, ButtonHeight(b.label, col_w));
      if (Button(b.id, b.label, b.kind, col_w, a11y::Role::kButton, b.disabled ? a11y::kDisabled : 0))
        pressed = static_cast<int>(i + c);
    }
    window->DC.CursorPos = ImVec2(row.x, row.y + row_h + ImGui::GetStyle().ItemSpacing.y);
    window->DC.CursorMaxPos.y = std::max(window->DC.CursorMaxPos.y, row.y + row_h);
  }
  return pressed;
}

int ButtonRow(const char* scope, const std::vector<RowButton>& buttons) {
  ImGui::PushID(scope);
  const int pressed = ButtonRow(buttons);
  ImGui::PopID();
  return pressed;
}

int Stepper(const char* id, const Msg& name, const Msg& shown, TextRole shown_role, const Msg& value,
            const RowButton& decrease, const RowButton& increase) {
  const ImGuiID node_id = ImGui::GetID(id);
  PushGroup(id, a11y::Role::kSlider, name);
  Paragraph(shown, shown_role);
  int pressed = ButtonRow({decrease, increase});
  PopGroup();
  if (a11y::Node* node = Ctx().tree.Get(node_id)) {
    node->value = value.text;
    node->actions = a11y::kActionIncrement | a11y::kActionDecrement;
  }
  // A screen reader's increment and decrement do what the buttons do (the caller clamps, and
  // says the value again at a limit).
  if (TakeAction(node_id, a11y::kActionIncrement)) pressed = 1;
  if (TakeAction(node_id, a11y::kActionDecrement)) pressed = 0;
  return pressed;
}

void DrawOverlayFocusRing(const a11y::Rect& b) {
  DrawFocusRing(ImGui::GetForegroundDrawList(), ImRect(b.x, b.y, b.x + b.w, b.y + b.h));
}

}  // namespace qiao::ui
