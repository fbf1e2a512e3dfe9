// Index:
// [SECTION] ROLES
// [SECTION] TREE QUERIES
// [SECTION] JSON
// [SECTION] BUILDER
// [SECTION] FOCUS
// [SECTION] DIFF
#include "accessibility/tree.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <unordered_set>

namespace qiao::a11y {

// [SECTION] ROLES

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kUnknown: return "generic";
    case Role::kButton: return "button";
    case Role::kCheckbox: return "checkbox";
    case Role::kHeading: return "heading";
    case Role::kLink: return "link";
    case Role::kList: return "list";
    case Role::kListItem: return "listitem";
    case Role::kText: return "text";
    case Role::kImage: return "image";
    case Role::kGroup: return "group";
    case Role::kDialog: return "dialog";
    case Role::kRadio: return "radio";
    case Role::kSlider: return "slider";
    case Role::kTextbox: return "textbox";
    case Role::kProgressbar: return "progressbar";
    case Role::kStatus: return "status";
    case Role::kApplication: return "application";
    case Role::kAlert: return "alert";
  }
  return "generic";
}

// [SECTION] TREE QUERIES

const Node* Tree::Find(NodeId id) const {
  auto it = nodes.find(id);
  return it == nodes.end() ? nullptr : &it->second;
}

std::vector<const Node*> Tree::Flatten() const {
  std::vector<const Node*> out;
  std::function<void(NodeId)> walk = [&](NodeId id) {
    const Node* n = Find(id);
    if (!n) return;
    out.push_back(n);
    for (NodeId c : n->children) walk(c);
  };
  walk(root);
  return out;
}

const Node* Tree::FindByName(Role role, std::string_view name) const {
  for (const Node* n : Flatten())
    if (n->role == role && n->name == name) return n;
  return nullptr;
}

// [SECTION] JSON

const char* DirName(Dir dir) {
  switch (dir) {
    case Dir::kAuto: return "";
    case Dir::kLtr: return "ltr";
    case Dir::kRtl: return "rtl";
    case Dir::kTtb: return "ttb";
  }
  return "";
}

namespace {

// A node's own fields; `children` is left to the caller (nested nodes or ids).
nlohmann::json NodeFields(const Node& n) {
  nlohmann::json j;
  j["id"] = n.id;
  j["role"] = RoleName(n.role);
  j["name"] = n.name;
  j["bounds"] = {n.bounds.x, n.bounds.y, n.bounds.w, n.bounds.h};
  if (!n.description.empty()) j["description"] = n.description;
  if (!n.value.empty()) j["value"] = n.value;
  if (n.level) j["level"] = n.level;
  if (!n.lang.empty()) j["lang"] = n.lang;
  if (n.dir != Dir::kAuto) j["dir"] = DirName(n.dir);
  if (n.live != Live::kOff) j["live"] = n.live == Live::kPolite ? "polite" : "assertive";
  if (n.character) j["character"] = true;
  nlohmann::json states = nlohmann::json::array();
  static const std::pair<State, const char*> kStates[] = {
      {kFocused, "focused"},   {kChecked, "checked"}, {kExpanded, "expanded"},
      {kDisabled, "disabled"}, {kSelected, "selected"}, {kPressed, "pressed"},
      {kClipped, "clipped"},   {kProtected, "protected"},
      {kOffscreen, "offscreen"}, {kSpeechStatus, "speechStatus"}};
  for (auto [bit, name] : kStates)
    if (n.states & bit) states.push_back(name);
  if (!states.empty()) j["states"] = states;
  nlohmann::json actions = nlohmann::json::array();
  static const std::pair<Action, const char*> kActions[] = {
      {kActionClick, "click"}, {kActionFocus, "focus"}, {kActionIncrement, "increment"},
      {kActionDecrement, "decrement"}, {kActionScrollIntoView, "scrollIntoView"}};
  for (auto [bit, name] : kActions)
    if (n.actions & bit) actions.push_back(name);
  if (!actions.empty()) j["actions"] = actions;
  return j;
}

nlohmann::json NodeToJson(const Tree& tree, const Node& n) {
  nlohmann::json j = NodeFields(n);
  nlohmann::json children = nlohmann::json::array();
  for (NodeId c : n.children)
    if (const Node* child = tree.Find(c)) children.push_back(NodeToJson(tree, *child));
  j["children"] = std::move(children);
  return j;
}

}  // namespace

std::string Tree::ToJson(int indent) const {
  nlohmann::json j;
  const Node* r = Find(root);
  j["root"] = r ? NodeToJson(*this, *r) : nlohmann::json(nullptr);
  // Hostile text in a pack must not break the dump: replace invalid UTF-8.
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ToJson(const TreeUpdate& update) {
  nlohmann::json j;
  j["root"] = update.root;
  j["focus"] = update.focus;
  j["full"] = update.full;
  nlohmann::json nodes = nlohmann::json::array();
  for (const Node& n : update.nodes) {
    nlohmann::json o = NodeFields(n);
    o["children"] = n.children;
    nodes.push_back(std::move(o));
  }
  j["nodes"] = std::move(nodes);
  j["removed"] = update.removed;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// [SECTION] BUILDER

void TreeBuilder::Begin(const Rect& viewport, std::string name, std::string lang, Dir dir) {
  tree_ = Tree{};
  stack_.clear();
  Node root;
  root.id = 1;
  root.role = Role::kApplication;
  root.name = std::move(name);
  root.bounds = viewport;
  root.lang = std::move(lang);
  root.dir = dir;
  tree_.root = root.id;
  tree_.nodes.emplace(root.id, root);
  stack_.push_back(root.id);
}

void TreeBuilder::Add(Node node) {
  if (stack_.empty()) return;
  // A widget drawn twice with the same id in one frame would make two nodes with one id; keep
  // the first (ImGui itself warns about such id collisions).
  if (tree_.nodes.count(node.id)) return;
  tree_.nodes[stack_.back()].children.push_back(node.id);
  tree_.nodes.emplace(node.id, std::move(node));
}

void TreeBuilder::Push(Node node) {
  NodeId id = node.id;
  bool fresh = !tree_.nodes.count(id);
  Add(std::move(node));
  if (fresh) stack_.push_back(id);
  else stack_.push_back(stack_.back());  // keep Push/Pop balanced
}

void TreeBuilder::Pop() {
  if (stack_.size() <= 1) return;
  // A container given no bounds covers its children (what hit-testing and a screen reader's
  // highlight need).
  Node& n = tree_.nodes[stack_.back()];
  if (n.bounds.w <= 0 && n.bounds.h <= 0 && !n.children.empty()) {
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    for (NodeId c : n.children) {
      const Rect& b = tree_.nodes[c].bounds;
      x0 = std::min(x0, b.x);
      y0 = std::min(y0, b.y);
      x1 = std::max(x1, b.x + b.w);
      y1 = std::max(y1, b.y + b.h);
    }
    n.bounds = Rect{x0, y0, x1 - x0, y1 - y0};
  }
  stack_.pop_back();
}

Node* TreeBuilder::Get(NodeId id) {
  auto it = tree_.nodes.find(id);
  return it == tree_.nodes.end() ? nullptr : &it->second;
}

Tree TreeBuilder::Finish() {
  stack_.clear();
  return std::move(tree_);
}

// [SECTION] FOCUS

void SetFocus(Tree* tree, NodeId id) {
  if (!tree->nodes.count(id)) id = 0;
  if (tree->focus == id) {
    if (Node* n = id ? &tree->nodes[id] : nullptr) n->states |= kFocused;
    return;
  }
  if (auto it = tree->nodes.find(tree->focus); it != tree->nodes.end()) it->second.states &= ~kFocused;
  tree->focus = id;
  if (id) tree->nodes[id].states |= kFocused;
}

// [SECTION] DIFF

TreeUpdate Diff(const Tree& old, const Tree& now) {
  TreeUpdate u;
  u.root = now.root;
  u.focus = now.focus;
  u.full = old.nodes.empty();
  for (const auto& [id, node] : now.nodes) {
    const Node* before = old.Find(id);
    if (!before || !(*before == node)) u.nodes.push_back(node);
  }
  for (const auto& [id, node] : old.nodes)
    if (!now.nodes.count(id)) u.removed.push_back(id);
  return u;
}

bool Apply(const TreeUpdate& update, Tree* tree) {
  Tree next = update.full ? Tree{} : *tree;
  std::unordered_set<NodeId> updated;
  for (const Node& n : update.nodes) updated.insert(n.id);
  for (NodeId id : update.removed) {
    if (updated.count(id)) return false;  // invariant 3
    next.nodes.erase(id);
  }
  for (const Node& n : update.nodes) next.nodes[n.id] = n;
  next.root = update.root;
  next.focus = next.nodes.count(update.focus) ? update.focus : 0;
  // Every child must exist and the root must be present: never keep a half-applied tree.
  if (!next.nodes.count(next.root)) return false;
  for (const auto& [id, n] : next.nodes)
    for (NodeId c : n.children)
      if (!next.nodes.count(c)) return false;
  *tree = std::move(next);
  return true;
}

}  // namespace qiao::a11y
