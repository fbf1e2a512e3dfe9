#include "accessibility/scan.h"

#include "accessibility/focus.h"

#include <functional>
#include <limits>

namespace qiao::a11y {

namespace {

int CountFocusable(const Tree& tree, NodeId id) {
  const Node* n = tree.Find(id);
  if (!n) return 0;
  int count = IsFocusable(*n) ? 1 : 0;
  for (NodeId c : n->children) count += CountFocusable(tree, c);
  return count;
}

NodeId FirstFocusable(const Tree& tree, NodeId id) {
  const Node* n = tree.Find(id);
  if (!n) return 0;
  if (IsFocusable(*n)) return id;
  for (NodeId c : n->children)
    if (NodeId f = FirstFocusable(tree, c)) return f;
  return 0;
}

}  // namespace

std::vector<NodeId> Scanner::Items(const Tree& tree, NodeId container) {
  std::vector<NodeId> out;
  const Node* c = tree.Find(container);
  if (!c) return out;
  for (NodeId child : c->children) {
    const Node* n = tree.Find(child);
    if (!n) continue;
    if (IsFocusable(*n)) {
      out.push_back(child);
      continue;
    }
    const int count = CountFocusable(tree, child);
    if (count == 1) out.push_back(FirstFocusable(tree, child));
    if (count < 2) continue;
    // A container that only wraps one group is scanned as that group (no empty extra press).
    std::vector<NodeId> inner = Items(tree, child);
    if (inner.size() == 1 && CountFocusable(tree, inner[0]) >= 2) out.push_back(inner[0]);
    else if (n->role == Role::kGroup || n->role == Role::kList || n->role == Role::kDialog ||
             n->role == Role::kSlider)
      out.push_back(child);
    else
      out.insert(out.end(), inner.begin(), inner.end());
  }
  return out;
}

NodeId Scanner::highlight() const {
  if (!active_ || levels_.empty() || items_.empty()) return 0;
  return items_[levels_.back().index % items_.size()];
}

double Scanner::NextTick() const {
  if (!active_ || options_.mode != SwitchMode::kOneSwitch) return std::numeric_limits<double>::infinity();
  return next_;
}

ScanStep Scanner::Current(bool changed) const {
  ScanStep s;
  s.highlight = highlight();
  s.changed = changed;
  return s;
}

void Scanner::Begin(const Tree& tree, double now) {
  levels_ = {Level{ModalScope(tree), 0}};
  items_ = Items(tree, levels_.back().container);
  passes_ = 0;
  active_ = !items_.empty();
  next_ = now + options_.interval;
}

void Scanner::Restart(const Tree& tree, double now) {
  if (active_) Begin(tree, now);
}

ScanStep Scanner::Step(const Tree& tree, double now) {
  next_ = now + options_.interval;
  items_ = Items(tree, levels_.back().container);
  if (items_.empty()) {
    Begin(tree, now);
    return Current(true);
  }
  Level& level = levels_.back();
  ++level.index;
  if (level.index >= static_cast<int>(items_.size())) {
    level.index = 0;
    ++passes_;
    if (levels_.size() > 1) {
      // Nothing chosen in this group: back to its level, the group highlighted again.
      const NodeId group = level.container;
      levels_.pop_back();
      items_ = Items(tree, levels_.back().container);
      for (size_t i = 0; i < items_.size(); ++i)
        if (items_[i] == group) levels_.back().index = static_cast<int>(i);
      passes_ = 0;
    } else if (options_.mode == SwitchMode::kOneSwitch && passes_ >= options_.idle_cycles) {
      active_ = false;  // nobody is choosing: stop moving until the next press
      return ScanStep{0, 0, true};
    }
  }
  return Current(true);
}

ScanStep Scanner::Select(const Tree& tree, double now) {
  const NodeId chosen = highlight();
  next_ = now + options_.interval;
  if (chosen == 0) return Current(false);
  const Node* n = tree.Find(chosen);
  if (n && !IsFocusable(*n)) {  // a group: scan inside it
    levels_.push_back(Level{chosen, 0});
    items_ = Items(tree, chosen);
    passes_ = 0;
    return Current(true);
  }
  ScanStep s;
  s.activate = chosen;
  // After a choice, start again from the top of whatever the screen is then.
  levels_.resize(1);
  levels_[0].index = 0;
  passes_ = 0;
  s.highlight = chosen;
  return s;
}

ScanStep Scanner::Press(int switch_index, const Tree& tree, double now) {
  if (options_.mode == SwitchMode::kOff) return {};
  if (!active_) {
    Begin(tree, now);
    return Current(true);
  }
  items_ = Items(tree, levels_.back().container);
  if (options_.mode == SwitchMode::kTwoSwitch && switch_index == 0) return Step(tree, now);
  return Select(tree, now);
}

ScanStep Scanner::Tick(const Tree& tree, double now) {
  if (!active_ || options_.mode != SwitchMode::kOneSwitch || now < next_) return {};
  return Step(tree, now);
}

}  // namespace qiao::a11y
