// Focus order, arrows in groups, modal dialogs, key debounce and switch scanning, on small
// hand-built trees (the kiosk-level walks are in tests/ui/a11y_walk_test.cpp).
#include "accessibility/focus.h"
#include "accessibility/scan.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace qiao::a11y;

namespace {

Node Control(NodeId id, const char* name, Role role = Role::kButton, uint32_t states = 0) {
  Node n;
  n.id = id;
  n.role = role;
  n.name = name;
  n.states = states;
  n.actions = kActionClick | kActionFocus;
  return n;
}

Node Container(NodeId id, Role role, const char* name = "") {
  Node n;
  n.id = id;
  n.role = role;
  n.name = name;
  return n;
}

// [topbar: Back Home] Heading [list: A B C(disabled) D] Text [nav: Previous Next]
Tree Screen() {
  TreeBuilder b;
  b.Begin(Rect{0, 0, 800, 600}, "Qiao", "en", Dir::kAuto);
  b.Push(Container(10, Role::kGroup));
  b.Add(Control(11, "Back"));
  b.Add(Control(12, "Home"));
  b.Pop();
  Node h = Container(20, Role::kHeading, "Lessons");
  h.level = 1;
  b.Add(h);
  b.Push(Container(30, Role::kList, "Lessons"));
  b.Add(Control(31, "A", Role::kLink));
  b.Add(Control(32, "B", Role::kLink));
  b.Add(Control(33, "C", Role::kLink, kDisabled));
  b.Add(Control(34, "D", Role::kLink));
  b.Pop();
  b.Add(Container(40, Role::kText, "Some text"));
  b.Push(Container(50, Role::kGroup));
  b.Add(Control(51, "Previous"));
  b.Add(Control(52, "Next"));
  b.Pop();
  return b.Finish();
}

}  // namespace

TEST(Focus, TabFollowsReadingOrderSkipsDisabledAndWraps) {
  Tree t = Screen();
  EXPECT_EQ(FocusOrder(t), (std::vector<NodeId>{11, 12, 31, 32, 34, 51, 52}));
  EXPECT_EQ(NextFocus(t, 0, +1), 11u);
  EXPECT_EQ(NextFocus(t, 0, -1), 52u);
  EXPECT_EQ(NextFocus(t, 32, +1), 34u);  // C is disabled
  EXPECT_EQ(NextFocus(t, 52, +1), 11u);  // wraps
  EXPECT_EQ(NextFocus(t, 11, -1), 52u);
}

TEST(Focus, FromTheHeadingTabGoesToWhatFollowsIt) {
  Tree t = Screen();
  EXPECT_EQ(ScreenHeading(t), 20u);
  EXPECT_EQ(NextFocus(t, 20, +1), 31u);
  EXPECT_EQ(NextFocus(t, 20, -1), 12u);
}

TEST(Focus, ArrowsStayInsideTheirGroup) {
  Tree t = Screen();
  EXPECT_EQ(NextInGroup(t, 31, +1), 32u);
  EXPECT_EQ(NextInGroup(t, 34, +1), 31u);  // wraps within the list
  EXPECT_EQ(NextInGroup(t, 31, -1), 34u);
  EXPECT_EQ(NextInGroup(t, 52, +1), 51u);
  EXPECT_EQ(NextInGroup(t, 20, +1), 31u);  // outside any group: like Tab
}

TEST(Focus, AnOpenDialogTrapsFocusAndTakesTheHeading) {
  TreeBuilder b;
  b.Begin(Rect{0, 0, 800, 600}, "Qiao", "en", Dir::kAuto);
  b.Add(Control(11, "Back"));
  b.Push(Container(60, Role::kDialog, "Are you still there?"));
  Node h = Container(61, Role::kHeading, "Are you still there?");
  h.level = 1;
  b.Add(h);
  b.Add(Control(62, "I am still here"));
  b.Pop();
  Tree t = b.Finish();
  EXPECT_EQ(ModalScope(t), 60u);
  EXPECT_EQ(ScreenHeading(t), 61u);
  EXPECT_EQ(NextFocus(t, 62, +1), 62u);
  EXPECT_EQ(NextFocus(t, 11, +1), 62u);  // focus outside the dialog is pulled in
}

TEST(KeyDebouncer, IgnoresTheSameKeyWithinTheWindowOnly) {
  KeyDebouncer d(0.5);
  EXPECT_TRUE(d.Accept(Key::kTab, 10.0));
  EXPECT_FALSE(d.Accept(Key::kTab, 10.3));   // a bounce
  EXPECT_TRUE(d.Accept(Key::kEnter, 10.35)); // a different key always counts
  EXPECT_TRUE(d.Accept(Key::kTab, 10.4));
  EXPECT_TRUE(d.Accept(Key::kTab, 10.95));   // 0.55 s later: a real second press
  KeyDebouncer off(0);
  EXPECT_TRUE(off.Accept(Key::kTab, 1.0));
  EXPECT_TRUE(off.Accept(Key::kTab, 1.01));
}

TEST(Scanner, GroupsAreScannedAsOneItemAndLoneControlsAsThemselves) {
  Tree t = Screen();
  EXPECT_EQ(Scanner::Items(t, t.root), (std::vector<NodeId>{10, 30, 50}));
  EXPECT_EQ(Scanner::Items(t, 30), (std::vector<NodeId>{31, 32, 34}));
}

TEST(Scanner, OneSwitchAutoScansEnterAGroupAndSelect) {
  Tree t = Screen();
  Scanner s({SwitchMode::kOneSwitch, 1.2, 3});
  EXPECT_FALSE(s.active());
  ScanStep st = s.Press(0, t, 100.0);  // the first press starts scanning
  EXPECT_EQ(st.highlight, 10u);
  EXPECT_DOUBLE_EQ(s.NextTick(), 101.2);
  EXPECT_EQ(s.Tick(t, 101.0).changed, false);  // not yet
  EXPECT_EQ(s.Tick(t, 101.2).highlight, 30u);  // the list
  st = s.Press(0, t, 101.5);                   // enter the list
  EXPECT_EQ(st.highlight, 31u);
  EXPECT_EQ(st.activate, 0u);
  EXPECT_EQ(s.Tick(t, 102.7).highlight, 32u);
  st = s.Press(0, t, 103.0);
  EXPECT_EQ(st.activate, 32u);  // B chosen
}

TEST(Scanner, AGroupPassedOverHandsBackToItsParentAndIdleScanningStops) {
  Tree t = Screen();
  Scanner s({SwitchMode::kOneSwitch, 1.0, 2});
  s.Press(0, t, 0);
  s.Tick(t, 1);               // list
  s.Press(0, t, 1.5);         // into the list: A
  s.Tick(t, 2.5);             // B
  s.Tick(t, 3.5);             // D
  EXPECT_EQ(s.Tick(t, 4.5).highlight, 30u);  // out again, on the list
  double now = 4.5;
  int steps = 0;
  while (s.active() && steps < 20) {
    now += 1.0;
    s.Tick(t, now);
    ++steps;
  }
  EXPECT_FALSE(s.active()) << "auto-scan must stop when nobody chooses";
  EXPECT_EQ(s.Press(0, t, now + 1).highlight, 10u);  // a press starts again at the top
}

TEST(Scanner, TwoSwitchesStepAndSelectWithoutATimer) {
  Tree t = Screen();
  Scanner s({SwitchMode::kTwoSwitch, 1.2, 3});
  EXPECT_EQ(s.Press(0, t, 0).highlight, 10u);
  EXPECT_TRUE(std::isinf(s.NextTick()));
  EXPECT_EQ(s.Tick(t, 100).changed, false);
  EXPECT_EQ(s.Press(0, t, 1).highlight, 30u);
  EXPECT_EQ(s.Press(0, t, 2).highlight, 50u);
  EXPECT_EQ(s.Press(1, t, 3).highlight, 51u);  // into the bottom bar
  EXPECT_EQ(s.Press(0, t, 4).highlight, 52u);
  EXPECT_EQ(s.Press(1, t, 5).activate, 52u);   // Next
}
