// Focus and keyboard: which node has focus, where Tab / Shift+Tab / arrows take it, and which
// repeated key presses to ignore. Pure functions of the accessibility tree, so the kiosk, the
// switch scanner and tests share one notion of reading order.
//
// Reading order is the tree's depth-first order: the widget layer publishes nodes in logical
// order (a row of buttons is published first-to-last even when drawn right to left), so Tab
// follows the language's reading direction.
#pragma once

#include "accessibility/tree.h"

#include <string_view>
#include <vector>

namespace qiao::a11y {

// Inputs the kiosk understands, whatever device they come from (keyboard, keypad, switch).
// The platform maps its key codes to these. Never renumbered. Next value: 16.
enum class Key : uint8_t {
  kNone = 0,
  kTab = 1,
  kShiftTab = 2,
  kUp = 3,
  kDown = 4,
  kLeft = 5,
  kRight = 6,
  kEnter = 7,
  kSpace = 8,
  kEscape = 9,      // Back
  kSpeech = 10,     // F2: speech on + touch-and-hear; reads the whole screen
  kRepeat = 11,     // F3: say the last thing again
  kPause = 12,      // F4: pause / resume speech
  kVolumeDown = 13, // F5
  kVolumeUp = 14,   // F6
  kReadPage = 15,   // F7: read the whole screen from the top
};
std::string_view KeyName(Key key);

// The subtree that has the user's attention: the last open dialog (modal: Tab stays inside it),
// else the whole tree.
NodeId ModalScope(const Tree& tree);
// Nodes of the modal scope in reading order.
std::vector<const Node*> ScopeOrder(const Tree& tree);

// A node keyboard focus can land on: it accepts focus and is not disabled.
bool IsFocusable(const Node& node);
// Focusable nodes in reading order.
std::vector<NodeId> FocusOrder(const Tree& tree);
// The next (`step` = +1) or previous (-1) focusable node after `current` in reading order,
// wrapping at the ends. `current` may be a non-focusable node (the heading focused on a screen
// change): the walk starts from its place. 0 when nothing is focusable.
NodeId NextFocus(const Tree& tree, NodeId current, int step);
// Arrow keys: the next / previous focusable node inside the same group (list, group, dialog),
// wrapping; outside any group, the same as NextFocus.
NodeId NextInGroup(const Tree& tree, NodeId current, int step);
// The node focus moves to on a new screen: the first level-1 heading (else any heading, else
// the first focusable node).
NodeId ScreenHeading(const Tree& tree);
// The nearest ancestor of `id` (0 for the root or an unknown node).
NodeId ParentOf(const Tree& tree, NodeId id);

// Ignores an identical key pressed again within `seconds` (a tremor, a bounce): EN 301 549 and
// ADA kiosk guidance. Different keys are never ignored. 0 disables it.
class KeyDebouncer {
 public:
  explicit KeyDebouncer(double seconds = 0.5) : seconds_(seconds) {}
  void set_seconds(double s) { seconds_ = s; }
  double seconds() const { return seconds_; }
  // True if the press counts.
  bool Accept(Key key, double now);

 private:
  double seconds_;
  Key last_ = Key::kNone;
  double last_time_ = -1e9;
};

}  // namespace qiao::a11y
