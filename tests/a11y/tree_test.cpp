// The accessibility tree: what screen readers and the kiosk's speech will consume.
#include "accessibility/tree.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace qiao::a11y;

namespace {
Tree Sample(const std::string& button_name, bool checked) {
  TreeBuilder b;
  b.Begin(Rect{0, 0, 800, 600}, "Qiao", "en", Dir::kAuto);
  Node group;
  group.id = 10;
  group.role = Role::kGroup;
  b.Push(group);
  Node button;
  button.id = 11;
  button.role = Role::kButton;
  button.name = button_name;
  button.bounds = {10, 10, 100, 64};
  button.actions = kActionClick;
  b.Add(button);
  b.Pop();
  Node box;
  box.id = 12;
  box.role = Role::kCheckbox;
  box.name = "ID card";
  box.states = checked ? kChecked : 0;
  b.Add(box);
  return b.Finish();
}
}  // namespace

TEST(Tree, JsonDumpHasTheDocumentedShape) {
  auto j = nlohmann::json::parse(Sample("Next", true).ToJson());
  const auto& root = j["root"];
  EXPECT_EQ(root["role"], "application");
  ASSERT_EQ(root["children"].size(), 2u);
  const auto& button = root["children"][0]["children"][0];
  EXPECT_EQ(button["role"], "button");
  EXPECT_EQ(button["name"], "Next");
  EXPECT_EQ(button["bounds"], nlohmann::json({10, 10, 100, 64}));
  EXPECT_EQ(button["actions"][0], "click");
  EXPECT_EQ(root["children"][1]["states"][0], "checked");
}

TEST(Tree, HostileTextDoesNotBreakTheDump) {
  Tree t = Sample(std::string("bad \xff\xfe utf8"), false);
  EXPECT_NO_THROW(nlohmann::json::parse(t.ToJson()));
}

TEST(Tree, DiffSendsEverythingFirstThenOnlyChanges) {
  Tree empty;
  Tree a = Sample("Next", false);
  TreeUpdate first = Diff(empty, a);
  EXPECT_TRUE(first.full);
  EXPECT_EQ(first.nodes.size(), a.nodes.size());

  Tree b = Sample("Next", true);  // the checkbox was ticked
  TreeUpdate second = Diff(a, b);
  EXPECT_FALSE(second.full);
  ASSERT_EQ(second.nodes.size(), 1u);
  EXPECT_EQ(second.nodes[0].id, 12u);
  EXPECT_TRUE(second.removed.empty());

  Tree mirror;
  ASSERT_TRUE(Apply(first, &mirror));
  ASSERT_TRUE(Apply(second, &mirror));
  EXPECT_EQ(mirror.Find(12)->states, kChecked);
  EXPECT_EQ(mirror.Flatten().size(), b.Flatten().size());
}

TEST(Tree, BadUpdateIsRejectedWhole) {
  Tree mirror = Sample("Next", false);
  TreeUpdate bad;
  bad.root = 1;
  Node orphan_parent = *mirror.Find(10);
  orphan_parent.children.push_back(999);  // a child that is never sent
  bad.nodes.push_back(orphan_parent);
  EXPECT_FALSE(Apply(bad, &mirror));
  EXPECT_EQ(mirror.Find(10)->children.size(), 1u);  // untouched
}

// The browser's mirror gets updates as JSON: a changed checkbox arrives as one flat node with
// its state, and a removed node by id, so the page can patch its DOM without a rebuild.
TEST(Tree, UpdateJsonCarriesChangedNodesAndRemovals) {
  Tree a = Sample("Next", false);
  Tree b = Sample("Next", true);
  auto second = nlohmann::json::parse(ToJson(Diff(a, b)));
  EXPECT_EQ(second["full"], false);
  EXPECT_EQ(second["root"], 1);
  ASSERT_EQ(second["nodes"].size(), 1u);
  EXPECT_EQ(second["nodes"][0]["id"], 12);
  EXPECT_EQ(second["nodes"][0]["states"][0], "checked");
  EXPECT_TRUE(second["removed"].empty());

  Tree empty;
  auto first = nlohmann::json::parse(ToJson(Diff(empty, a)));
  EXPECT_EQ(first["full"], true);
  EXPECT_EQ(first["nodes"].size(), a.nodes.size());
  for (const auto& n : first["nodes"])  // children are ids, not nested nodes
    for (const auto& c : n["children"]) EXPECT_TRUE(c.is_number());

  auto gone = nlohmann::json::parse(ToJson(Diff(a, empty)));
  EXPECT_EQ(gone["removed"].size(), a.nodes.size());
}

// A screen reader and the web bridge read the direction from the dump: an Urdu label says
// rtl, a Mongolian column ttb, and a node that says nothing inherits (no "dir" key).
TEST(Tree, DirectionIsWrittenByName) {
  TreeBuilder b;
  b.Begin(Rect{0, 0, 800, 600}, "Qiao", "ur", Dir::kRtl);
  Node urdu;
  urdu.id = 2;
  urdu.role = Role::kButton;
  urdu.name = "اردو";
  urdu.lang = "ur";
  urdu.dir = Dir::kRtl;
  b.Add(urdu);
  Node column;
  column.id = 3;
  column.role = Role::kText;
  column.name = "ᠮᠣᠩᠭᠣᠯ";
  column.lang = "mn-Mong";
  column.dir = Dir::kTtb;
  b.Add(column);
  Node english;
  english.id = 4;
  english.role = Role::kText;
  english.name = "Next";
  english.dir = Dir::kLtr;
  b.Add(english);
  Node inherits;
  inherits.id = 5;
  inherits.role = Role::kText;
  b.Add(inherits);
  const Tree t = b.Finish();
  auto j = nlohmann::json::parse(t.ToJson());
  EXPECT_EQ(j["root"]["dir"], "rtl");
  const auto& kids = j["root"]["children"];
  ASSERT_EQ(kids.size(), 4u);
  EXPECT_EQ(kids[0]["dir"], "rtl");
  EXPECT_EQ(kids[1]["dir"], "ttb");
  EXPECT_EQ(kids[2]["dir"], "ltr");
  EXPECT_FALSE(kids[3].contains("dir"));
  // The incremental update carries it too, and applying it keeps the enum.
  auto u = nlohmann::json::parse(ToJson(Diff(Tree{}, t)));
  bool saw_ttb = false;
  for (const auto& n : u["nodes"]) saw_ttb |= n.value("dir", "") == "ttb";
  EXPECT_TRUE(saw_ttb);
  Tree mirror;
  ASSERT_TRUE(Apply(Diff(Tree{}, t), &mirror));
  EXPECT_EQ(mirror.Find(3)->dir, Dir::kTtb);
}
