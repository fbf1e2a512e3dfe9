// The accessibility tree: one semantic node per widget, rebuilt every frame by the widget layer
// and diffed into incremental updates (a full tree first, then only what changed), as
// Chromium's AXTreeUpdate and AccessKit do. Consumers: the kiosk's own speech, the browser's
// ARIA mirror, and tests (`qiao-kiosk --headless --dump-tree`).
//
// Nodes are plain copyable structs: no pointers, no ImGui or platform types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qiao::a11y {

using NodeId = uint32_t;  // the widget's ImGuiID: stable across frames

// ARIA role names. Values are explicit and never renumbered. Next value: 18.
enum class Role : uint16_t {
  kUnknown = 0,
  kButton = 1,
  kCheckbox = 2,
  kHeading = 3,
  kLink = 4,
  kList = 5,
  kListItem = 6,
  kText = 7,
  kImage = 8,
  kGroup = 9,
  kDialog = 10,
  kRadio = 11,
  kSlider = 12,
  kTextbox = 13,
  kProgressbar = 14,
  kStatus = 15,
  kApplication = 16,  // the root
  kAlert = 17,
};
std::string_view RoleName(Role role);

// State bits. Never renumbered.
enum State : uint32_t {
  kFocused = 1u << 0,
  kChecked = 1u << 1,
  kExpanded = 1u << 2,
  kDisabled = 1u << 3,
  kSelected = 1u << 4,
  kPressed = 1u << 5,
  kClipped = 1u << 6,  // not ARIA: the widget's text did not fit its box (a layout bug)
  kProtected = 1u << 7,  // a secret (PIN digits): never spoken aloud unless on a headset
  kOffscreen = 1u << 8,  // scrolled out of view (as Chromium's kOffscreen)
  // Not ARIA: the kiosk's speech status line (which layer spoke: a recording, a synthetic voice,
  // Mandarin). A live region for screen readers, the browser mirror and tests; the kiosk's own
  // voice never reads it (it would describe itself, and each reading would change it).
  kSpeechStatus = 1u << 9,
};

// Actions a node supports; a consumer asks for one with an ActionRequest.
enum Action : uint32_t {
  kActionClick = 1u << 0,
  kActionFocus = 1u << 1,
  kActionIncrement = 1u << 2,
  kActionDecrement = 1u << 3,
  kActionScrollIntoView = 1u << 4,
};

enum class Live : uint8_t { kOff = 0, kPolite = 1, kAssertive = 2 };

// Which way a node's text runs on screen (decided by app/text: text::DirectionOf). kAuto: not
// said (inherits). kTtb: vertical columns read top to bottom, columns left to right
// (traditional Mongolian body text). Values are explicit and never renumbered. Next value: 4.
enum class Dir : uint8_t { kAuto = 0, kLtr = 1, kRtl = 2, kTtb = 3 };
// "ltr", "rtl", "ttb"; "" for kAuto (left out of the JSON).
const char* DirName(Dir dir);

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Rect&) const = default;
};

struct Node {
  NodeId id = 0;
  Role role = Role::kUnknown;
  std::string name;         // logical-order text, as spoken
  std::string description;  // extra help, spoken after the name
  std::string value;        // e.g. "150%" for a slider, "2 of 4 ready"
  uint32_t states = 0;
  uint32_t actions = 0;
  int level = 0;            // heading level
  Live live = Live::kOff;
  Rect bounds;              // pixels, window coordinates
  std::string lang;         // BCP 47 of `name`
  Dir dir = Dir::kAuto;
  // The same words in Mandarin, for speech where `lang` has no voice and no recorded clip
  // (bo, ii, mn, ...): spoken instead of silence. Empty where `lang` has a voice.
  std::string speech_alt;
  // How `name` reads in another script, written by a translator (mn-Mong: Cyrillic): spoken by
  // that script's voice where there is no recorded clip. Empty for most nodes.
  std::string speech_reading;
  // Said by another person in a rehearsal (the caller's lines of a scam call), not by the
  // narrator: speech gives it a different voice so a blind learner hears who is talking.
  bool character = false;
  std::vector<NodeId> children;
  bool operator==(const Node&) const = default;
};

struct Tree {
  NodeId root = 0;
  // The node with keyboard, switch or screen-reader focus (0: none), as AccessKit's tree holds
  // it. Set only through SetFocus, which keeps the nodes' kFocused state in step.
  NodeId focus = 0;
  std::unordered_map<NodeId, Node> nodes;

  const Node* Find(NodeId id) const;
  // Depth-first, reading order.
  std::vector<const Node*> Flatten() const;
  // The first node (reading order) with this role and exact name, or null.
  const Node* FindByName(Role role, std::string_view name) const;
  // Nested JSON: {"root": {id, role, name, bounds, children: [...], states?, value?, ...}}.
  std::string ToJson(int indent = 2) const;
};

// Moves focus to `id` (0, or a node not in the tree: none), marking that node alone kFocused.
void SetFocus(Tree* tree, NodeId id);

// Builds one frame's tree. Push opens a container (its following nodes are its children).
class TreeBuilder {
 public:
  void Begin(const Rect& viewport, std::string name, std::string lang, Dir dir);
  void Add(Node node);
  void Push(Node node);
  void Pop();
  // Updates the bounds/name of a node already added (e.g. a container sized after its content).
  Node* Get(NodeId id);
  Tree Finish();

 private:
  Tree tree_;
  std::vector<NodeId> stack_;
};

// An incremental update: everything changed or added since `old`, and what was removed.
// Invariants: (1) applying it to `old` yields `now`; (2) a full update (old empty) lists every
// node; (3) `removed` never names a node that is also in `nodes`.
struct TreeUpdate {
  NodeId root = 0;
  NodeId focus = 0;  // the tree's focus after the update (0: none)
  bool full = false;
  std::vector<Node> nodes;
  std::vector<NodeId> removed;
};
TreeUpdate Diff(const Tree& old, const Tree& now);
// One line of JSON: {"root", "focus", "full", "nodes": [node fields as Tree::ToJson, with "children" as
// ids], "removed": [ids]}. What the browser's ARIA mirror (web/a11y_bridge.js) applies.
std::string ToJson(const TreeUpdate& update);
// Applies an update; returns false (and leaves `tree` untouched) if it breaks the invariants.
bool Apply(const TreeUpdate& update, Tree* tree);

}  // namespace qiao::a11y
