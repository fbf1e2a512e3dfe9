// Page chrome and compound widgets: everything a screen needs besides the basic widgets of
// widgets.h, so that screens (screens/) never call ImGui themselves. Same rules as widgets.h:
// one accessibility node per control, text through DrawText, mirrored in right-to-left locales.
#pragma once

#include "accessibility/tree.h"
#include "ui/widgets.h"

#include <string>
#include <vector>

namespace qiao::ui {

// [SECTION] The frame
// Starts a frame of the widget layer (Ctx()): theme, text size, the UI language (and so the
// direction rows are mirrored in), per-frame state reset, the glyph atlas, ImGui's style, and the
// accessibility tree's root named `app_name`.
void BeginUiFrame(const Theme& theme, float scale, const std::string& lang, const std::string& app_name);
// Style for this frame from the theme and the text size (ImGui's spacing, scroll bars, colours).
void ApplyStyle();
// The viewport in pixels.
float ViewportWidth();
float ViewportHeight();
// A finger or the mouse went down this frame (speech stops at once).
bool PointerPressed();

// [SECTION] Pages and dialogs
// The whole-screen window of one route (`id`: the route's text, so each screen keeps its own
// scroll position and opens at its top when `new_screen`), with margins that shrink on small
// screens and drag-to-scroll for touch. Draw the screen between BeginPage and EndPage.
void BeginPage(const std::string& id, bool new_screen);
void EndPage();
// The content area below the top bar. Where there is room, it scrolls on its own and the top
// bar and any bottom bar (`bottom_reserved` px) stay fixed: Back, Home and Next always in reach.
// Where the fixed parts would leave too little room (large text on a small screen), the content
// is drawn inline and the whole page scrolls instead: nothing is pushed off screen for good.
// `scroll_id` names the scroll position (a new id starts at the top: one per lesson step).
void BeginContent(float bottom_reserved, const std::string& scroll_id);
void EndContent();
// A dialog over the whole screen, taking all input: a window of its own with a dimmed backdrop
// when `dim`, its content column starting `top_fraction` of the way down.
void BeginModal(const char* id, float top_fraction, bool dim);
void EndModal();

// [SECTION] Layout queries
float AvailableWidth();
float RowGap();  // the vertical gap between widgets

// [SECTION] Compound widgets
// A grid of equally wide buttons (the language picker): two columns when every label fits
// comfortably, one otherwise (large text, narrow screens); mirrored in RTL. Returns the index of
// the pressed button, or -1.
int ButtonGrid(const std::vector<RowButton>& buttons);
// A row of buttons under its own id scope (several rows with the same button ids, e.g. a keypad).
int ButtonRow(const char* scope, const std::vector<RowButton>& buttons);
// A value stepped by two large buttons (text size, speech rate, volume): one slider node for
// screen readers (name, value, increment/decrement actions it handles itself) holding the shown
// value and the buttons. Returns -1, 0 (decrease) or 1 (increase).
int Stepper(const char* id, const Msg& name, const Msg& shown, TextRole shown_role, const Msg& value,
            const RowButton& decrease, const RowButton& increase);
// The focus ring drawn above everything around `bounds` (a group highlighted by switch scanning).
void DrawOverlayFocusRing(const a11y::Rect& bounds);

}  // namespace qiao::ui
