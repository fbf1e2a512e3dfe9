// Switch scanning for people who use one or two switches instead of a keyboard or touch.
//   One switch: the first press starts auto-scan; the highlight moves every `interval` seconds;
//               a press selects what is highlighted.
//   Two switches: switch 1 steps the highlight, switch 2 selects.
// Group scanning: the screen is scanned as a few groups (top bar, a list, the answer choices,
// the bottom buttons); selecting a group scans inside it; a group scanned once without a
// selection hands the highlight back to its parent level. Long lists are therefore a few
// presses away, not one step per item.
// Pure logic over the accessibility tree and a clock: the app feeds switch presses and time and
// acts on the result (draw the highlight, speak it, activate a node).
#pragma once

#include "accessibility/tree.h"

#include <vector>

namespace qiao::a11y {

enum class SwitchMode : uint8_t { kOff = 0, kOneSwitch = 1, kTwoSwitch = 2 };

struct ScanOptions {
  SwitchMode mode = SwitchMode::kOff;
  double interval = 1.2;   // seconds per item in auto-scan
  int idle_cycles = 3;     // auto-scan stops after this many silent passes over the top level
};

struct ScanStep {
  NodeId highlight = 0;    // what to highlight (and speak) now; 0 = nothing
  NodeId activate = 0;     // a node to activate now (its click action)
  bool changed = false;    // the highlight moved
};

class Scanner {
 public:
  explicit Scanner(ScanOptions options = {}) : options_(options) {}
  const ScanOptions& options() const { return options_; }
  void set_options(const ScanOptions& o) { options_ = o; }
  bool active() const { return active_; }
  NodeId highlight() const;
  // When Tick next has something to do (infinity when idle), in the clock of `now`.
  double NextTick() const;

  // Switch 0 (one-switch: select; two-switch: step) or 1 (two-switch: select).
  ScanStep Press(int switch_index, const Tree& tree, double now);
  // Auto-scan: moves the highlight when its time has come.
  ScanStep Tick(const Tree& tree, double now);
  // A new screen: start again at the top level (still scanning if it was).
  void Restart(const Tree& tree, double now);
  void Stop() { active_ = false; levels_.clear(); }

  // The items scanned inside `container` (the tree's modal scope for the top level): single
  // controls and groups holding two or more controls, in reading order.
  static std::vector<NodeId> Items(const Tree& tree, NodeId container);

 private:
  struct Level {
    NodeId container = 0;
    int index = 0;
  };
  ScanStep Step(const Tree& tree, double now);
  ScanStep Select(const Tree& tree, double now);
  ScanStep Current(bool changed) const;
  void Begin(const Tree& tree, double now);

  ScanOptions options_;
  bool active_ = false;
  std::vector<Level> levels_;
  std::vector<NodeId> items_;  // of the innermost level
  int passes_ = 0;             // silent passes over the current level
  double next_ = 0;
};

}  // namespace qiao::a11y
