// Index:
// [SECTION] KEYS
// [SECTION] READING ORDER
// [SECTION] DEBOUNCE
#include "accessibility/focus.h"

#include <algorithm>
#include <functional>

namespace qiao::a11y {

// [SECTION] KEYS

std::string_view KeyName(Key key) {
  switch (key) {
    case Key::kNone: return "none";
    case Key::kTab: return "Tab";
    case Key::kShiftTab: return "Shift+Tab";
    case Key::kUp: return "Up";
    case Key::kDown: return "Down";
    case Key::kLeft: return "Left";
    case Key::kRight: return "Right";
    case Key::kEnter: return "Enter";
    case Key::kSpace: return "Space";
    case Key::kEscape: return "Escape";
    case Key::kSpeech: return "Speech";
    case Key::kRepeat: return "Repeat";
    case Key::kPause: return "Pause";
    case Key::kVolumeDown: return "VolumeDown";
    case Key::kVolumeUp: return "VolumeUp";
    case Key::kReadPage: return "ReadPage";
  }
  return "none";
}

// [SECTION] READING ORDER

NodeId ModalScope(const Tree& tree) {
  NodeId scope = tree.root;
  for (const Node* n : tree.Flatten())
    if (n->role == Role::kDialog) scope = n->id;
  return scope;
}

std::vector<const Node*> ScopeOrder(const Tree& tree) {
  std::vector<const Node*> out;
  std::vector<NodeId> stack = {ModalScope(tree)};
  while (!stack.empty()) {
    const Node* n = tree.Find(stack.back());
    stack.pop_back();
    if (!n) continue;
    out.push_back(n);
    for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

bool IsFocusable(const Node& node) {
  return (node.actions & kActionFocus) && !(node.states & kDisabled);
}

std::vector<NodeId> FocusOrder(const Tree& tree) {
  std::vector<NodeId> out;
  for (const Node* n : ScopeOrder(tree))
    if (IsFocusable(*n)) out.push_back(n->id);
  return out;
}

namespace {

// Walks `order` (all nodes in reading order) from the position of `current`.
NodeId Walk(const std::vector<const Node*>& order, NodeId current, int step) {
  const int n = static_cast<int>(order.size());
  if (n == 0) return 0;
  int pos = -1;
  for (int i = 0; i < n; ++i)
    if (order[i]->id == current) pos = i;
  if (pos < 0) pos = step > 0 ? -1 : n;  // unknown: start before the first / after the last
  for (int k = 1; k <= n; ++k) {
    const int i = ((pos + step * k) % n + n) % n;
    if (IsFocusable(*order[i])) return order[i]->id;
  }
  return 0;
}

bool IsGroup(Role role) {
  return role == Role::kGroup || role == Role::kList || role == Role::kDialog ||
         role == Role::kSlider;
}

}  // namespace

NodeId NextFocus(const Tree& tree, NodeId current, int step) {
  return Walk(ScopeOrder(tree), current, step);
}

NodeId ParentOf(const Tree& tree, NodeId id) {
  for (const auto& [pid, node] : tree.nodes)
    if (std::find(node.children.begin(), node.children.end(), id) != node.children.end()) return pid;
  return 0;
}

NodeId NextInGroup(const Tree& tree, NodeId current, int step) {
  // The nearest enclosing group that holds more than one focusable node.
  NodeId group = ParentOf(tree, current);
  std::vector<const Node*> members;
  while (group != 0 && group != tree.root) {
    const Node* g = tree.Find(group);
    if (g && IsGroup(g->role)) {
      members.clear();
      std::function<void(NodeId)> walk = [&](NodeId id) {
        const Node* n = tree.Find(id);
        if (!n) return;
        if (id != group) members.push_back(n);
        for (NodeId c : n->children) walk(c);
      };
      walk(group);
      if (std::count_if(members.begin(), members.end(), [](const Node* n) { return IsFocusable(*n); }) > 1)
        return Walk(members, current, step);
    }
    group = ParentOf(tree, group);
  }
  return NextFocus(tree, current, step);
}

NodeId ScreenHeading(const Tree& tree) {
  const Node* any = nullptr;
  for (const Node* n : ScopeOrder(tree)) {
    if (n->role != Role::kHeading) continue;
    if (n->level <= 1) return n->id;
    if (!any) any = n;
  }
  if (any) return any->id;
  return NextFocus(tree, 0, +1);
}

// [SECTION] DEBOUNCE

bool KeyDebouncer::Accept(Key key, double now) {
  if (key == last_ && seconds_ > 0 && now - last_time_ < seconds_) return false;
  last_ = key;
  last_time_ = now;
  return true;
}

}  // namespace qiao::a11y
