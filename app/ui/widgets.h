// The widget layer. Screens draw only through these functions, never through ImGui::Text and
// friends. Every widget does three things in one place, with the same spine as Dear ImGui's own
// widgets: size -> ItemSize -> ItemAdd -> behaviour -> draw its text through DrawText (the one
// text function, backed by app/text) -> publish one accessibility node.
//
// Coordinates: pixels. Text sizes scale with Settings' text size; targets never get smaller
// than kMinTargetPx.
#pragma once

#include "accessibility/tree.h"
#include "content/pack.h"
#include "text/text.h"
#include "ui/msg.h"
#include "ui/theme.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImRect, ItemAdd, ButtonBehavior: the widget spine

#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::ui {


enum class TextRole : uint8_t { kBody, kSmall, kHeading1, kHeading2, kButton };

// Everything the widgets need for one frame. Owned by the App; set by BeginFrame.
struct UiContext {
  text::Engine* engine = nullptr;
  const Theme* theme = &kStandardTheme;
  float scale = 1.0f;    // text size setting
  bool rtl = false;      // the UI locale's direction: mirrors rows, Back/Next, checkboxes
  std::string lang;      // the UI locale
  ImTextureID atlas_texture = nullptr;
  a11y::TreeBuilder tree;
  std::deque<std::pair<a11y::NodeId, a11y::Action>> pending_actions;  // from tests / bridges
  // Focus is the App's (keyboard, switch scanning, touch-and-hear), not ImGui's nav.
  a11y::NodeId focused = 0;       // marked kFocused in the tree
  bool focus_visible = false;     // draw the focus ring (keyboard or switch in use)
  bool scroll_to_focus = false;   // bring the focused widget into view this frame
  bool touch_and_hear = false;    // a first touch focuses (and speaks), a second activates
  a11y::NodeId touched = 0;       // out: the widget a finger pressed this frame
  bool secret = false;            // nodes published now are protected (PIN digits)
  bool mandarin_alt = false;      // the UI language has no voice: give nodes a Mandarin `alt`
  bool needs_another_frame = false;  // e.g. the glyph atlas grew mid-frame
  // The gesture surface pressed last: while it is ImGui's active item, a drag is its swipe and
  // the page does not scroll under it (DragToScroll runs before the widgets of a frame).
  ImGuiID drag_owner = 0;
};

UiContext& Ctx();
void SetContext(UiContext* ctx);

float TextPx(TextRole role);
ImU32 Col(uint32_t rgb, float alpha = 1.0f);

// [SECTION] The one text function
// Lays out `msg` to `width` pixels with the size of `role`; the engine's cached layout itself
// (shared, immutable: no copy per frame).
std::shared_ptr<const text::Layout> LayoutText(const Msg& msg, TextRole role, float width);
// How DrawText places each line: where the engine put it, or centred in a box of a given width
// (button labels).
struct LineAlign {
  float centre_in = 0;  // > 0: centre every line in a box this wide
};
// Draws a laid-out paragraph whose box's top-left is `pos`, glyphs placed by text::PlaceGlyphs
// (what --render-text and the golden images draw too). `size_px` is no longer used: each run
// carries the size it was shaped at (scripts have size factors); it goes when callers drop it. `vertical`: each line turned 90
// degrees clockwise into a column, columns left to right (text::ToVertical; Mongolian script).
void DrawText(ImDrawList* draw, const text::Layout& layout, float size_px, ImVec2 pos, ImU32 color,
              bool vertical = false, LineAlign align = {});

// The Mandarin text of `text`, when the UI language has no voice (else empty).
std::string MandarinAlt(const content::LocalizedText& text);

// [SECTION] Widgets
void Heading(const Msg& text, int level = 1);
void Paragraph(const Msg& text, TextRole role = TextRole::kBody, uint32_t color = 0);
// Several paragraphs separated by blank lines ("\n\n").
void Paragraphs(const Msg& text);

enum class ButtonKind : uint8_t { kPrimary, kSecondary, kNav };
// A full-width (width <= 0) or fixed-width button. Label wraps; height grows to fit.
bool Button(const char* id, const Msg& label, ButtonKind kind = ButtonKind::kSecondary,
            float width = 0, a11y::Role role = a11y::Role::kButton, uint32_t states = 0);
// A full-width button that also acts while held (the recording studio's Record): `held` while
// a finger or the mouse holds it down; `clicked` on release, or by its click action (Enter, a
// switch, a screen reader), which cannot hold: the screen lets a click toggle instead.
struct HoldButtonState {
  bool held = false;
  bool clicked = false;
};
HoldButtonState HoldButton(const char* id, const Msg& label, ButtonKind kind = ButtonKind::kPrimary,
                           uint32_t states = 0);
// Height a Button would have at `width`, for layouts that must know before drawing.
float ButtonHeight(const Msg& label, float width);
float ButtonNaturalWidth(const Msg& label);

bool Checkbox(const char* id, const Msg& label, bool* checked);
bool RadioButton(const char* id, const Msg& label, bool selected);
// A list entry: title and a line of detail, the whole card is one target.
bool ListItem(const char* id, const Msg& title, const Msg& detail);

// A one-line text field with a visible label above it; `placeholder` shows while it is empty.
// Returns true when the value changed this frame. One accessibility node, role textbox.
bool TextInput(const char* id, const Msg& label, const Msg& placeholder, std::string* value);

enum class Tone : uint8_t { kInfo, kGood, kBad, kWarn };
// A message announced to screen readers without moving focus (role status, live polite).
void Feedback(const char* id, const Msg& text, Tone tone);

// The kiosk's speech status line (which layer spoke: a recording, a synthetic voice, Mandarin):
// small muted text, one node with role status, live polite and a11y::kSpeechStatus, so screen
// readers and the browser mirror announce it and the kiosk's own voice never reads it. `id` keeps
// the node the same while its text changes.
void SpeechStatus(const char* id, const Msg& text);

// A progress bar with its text ("Step 3 of 7"), filled in the reading direction.
void ProgressBar(const char* id, const Msg& text, float fraction);

// A row of buttons laid out in reading order (mirrored in RTL); stacked when they do not fit.
// Returns the index of the pressed button, or -1.
struct RowButton {
  const char* id;
  Msg label;
  ButtonKind kind = ButtonKind::kSecondary;
  bool disabled = false;
};
int ButtonRow(const std::vector<RowButton>& buttons);
float ButtonRowHeight(const std::vector<RowButton>& buttons, float width);

// [SECTION] Scrolling regions
// A child region `size` big that scrolls vertically, with a lane for its scroll bar at the end
// of the reading direction's far side: right in LTR, left in RTL (Dear ImGui 1.86 only knows
// the right, so in RTL the widget layer hides ImGui's bar and draws the same scroll bar
// (ScrollbarEx) on the left). Text never runs under the bar.
void BeginScrollRegion(const char* id, ImVec2 size);
void EndScrollRegion();
// The same for a whole window that scrolls: Begin it with ScrollbarFlags(), keep
// ScrollbarLane() pixels free on its left (0 unless RTL and it scrolls), and call
// MirroredScrollbar() before End.
ImGuiWindowFlags ScrollbarFlags();
float ScrollbarLane();
void MirroredScrollbar();

// [SECTION] Simulated phone screens
// Draws `screen`. With hotspots, they are buttons (named by their label); returns the index of
// the tapped hotspot, -2 for a tap on the screen outside every hotspot, -1 for none.
// `revealed` outlines one hotspot (the last tapped) in good/bad colours.
// `marked` (red-flag steps): hotspots already found, each drawn with a badge (a warning sign
// for a flag, a tick for a safe part) and published as a pressed toggle button.
int PhoneScreen(const char* id, const content::Screen& screen, std::span<const std::string> chain,
                const Msg& alt, const std::vector<content::Hotspot>* hotspots, int revealed,
                const std::vector<bool>* marked = nullptr);

// What a finger or the mouse did on a GestureScreen's target this frame.
enum class GestureMade : uint8_t { kNone, kTap, kLongPress, kSwipeUp, kSwipeDown, kSwipeLeft, kSwipeRight };
// A gesture step's phone: `screen` drawn as PhoneScreen draws it (its labels readable), and on
// it the `target` where the gesture is made, with a visible hint of the motion (an arrow the
// finger follows for a swipe, rings that fill while held for a long press). A drag that starts
// on the target is a swipe once it goes far enough (the page does not scroll under it); a press
// held still for kLongPressSeconds is a long press (recognised while still held, as a real phone
// shows its menu); anything shorter is a tap. The target is one button node named by its label,
// described by `how`; its click action (a screen reader's double tap, Enter) is a tap.
inline constexpr float kLongPressSeconds = 0.6f;
GestureMade GestureScreen(const char* id, const content::Screen& screen, std::span<const std::string> chain,
                          const Msg& alt, const content::Step& step, const Msg& how);

// A line of a conversation: who speaks (small, above) and what they say, in a bubble at the
// start of the reading direction for the other side and at its end for the learner. `live`:
// announced when it appears (the newest caller line).
void ChatBubble(const char* id, const Msg& speaker, const Msg& text, bool from_learner, bool live);

// [SECTION] Accessibility plumbing
void PushGroup(const char* id, a11y::Role role, const Msg& name);
void PopGroup();
// True once if a consumer asked for `action` on `id` this frame.
bool TakeAction(a11y::NodeId id, a11y::Action action);
void Publish(a11y::Node node);
a11y::Rect ToRect(const ImRect& r);
// The focus ring (two tones, 3 px each) around `r`, e.g. a group highlighted by switch scanning.
void DrawFocusRing(ImDrawList* draw, const ImRect& r);

}  // namespace qiao::ui
