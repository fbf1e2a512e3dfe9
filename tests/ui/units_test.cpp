// The App's small units on their own: routes, the navigator, the idle timer, the accessibility
// controller's keys and focus. The kiosk-level tests (app_test, a11y_walk_test) drive them
// together; these pin each one's rules where a regression would be hard to see from above.
#include "ui/a11y_controller.h"
#include "ui/idle_timer.h"
#include "ui/route.h"
#include "ui/session.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace qiao;
using namespace qiao::ui;

TEST(Route, EveryScreenRoundTripsThroughText) {
  for (const char* text : {"picker", "home", "lessons", "lesson/qr-code", "lesson/qr-code/3", "guides",
                           "guide/id-card", "settings", "help"}) {
    std::optional<Route> r = ParseRoute(text);
    ASSERT_TRUE(r) << text;
    EXPECT_EQ(FormatRoute(*r), text);
  }
  EXPECT_EQ(ParseRoute("lesson/qr-code/3")->step, 3);
  EXPECT_EQ(ParseRoute("lesson/qr-code/3")->id, "qr-code");
}

TEST(Route, TextThatNamesNoScreenIsRefused) {
  // A typo in --open or a stale saved session must not become a screen of its own.
  for (const char* text : {"", "homes", "home/x", "lesson", "lesson/", "lesson/a/0", "lesson/a/two",
                           "lesson/a/2x", "guide/a/2", "settings/", "/home"})
    EXPECT_FALSE(ParseRoute(text)) << "'" << text << "'";
}

TEST(Navigator, BackRetracesTheWayAndThenFallsBackToHomeAndThePicker) {
  Navigator nav;
  std::vector<Route> history;
  EXPECT_TRUE(nav.TakeNewScreen());  // the first screen is new
  nav.Go(Route::Home(), &history);
  nav.Go(Route{Route::Kind::kLessons}, &history);
  nav.Go(Route::Lesson("qr-code"), &history);
  EXPECT_TRUE(nav.TakeNewScreen());
  EXPECT_FALSE(nav.TakeNewScreen()) << "reported once";
  nav.Go(Route::Lesson("qr-code"), &history);  // where the learner already is
  EXPECT_FALSE(nav.TakeNewScreen());
  EXPECT_EQ(history.size(), 3u);
  nav.Back(&history);
  EXPECT_EQ(nav.current().kind, Route::Kind::kLessons);
  nav.Back(&history);
  nav.Back(&history);
  EXPECT_EQ(nav.current().kind, Route::Kind::kPicker);
  EXPECT_TRUE(history.empty());
  // With no history: from a guide opened directly (--open), Back goes Home, then to the picker.
  nav.Replace(Route::Guide("id-card"));
  nav.Back(&history);
  EXPECT_EQ(nav.current().kind, Route::Kind::kHome);
  nav.Back(&history);
  EXPECT_EQ(nav.current().kind, Route::Kind::kPicker);
}

TEST(IdleTimer, WarnsThenResetsAndAnyInputCancelsTheWarning) {
  IdleTimer idle(120, 15);
  EXPECT_EQ(idle.Update(1000, true), IdleTimer::State::kActive);  // the clock starts
  EXPECT_EQ(idle.Update(1119, true), IdleTimer::State::kActive);
  EXPECT_EQ(idle.Update(1120, true), IdleTimer::State::kWarning);
  EXPECT_DOUBLE_EQ(idle.SecondsLeft(1120), 15);
  EXPECT_DOUBLE_EQ(idle.Deadline(1120.4, true), 1121) << "the countdown redraws every second";
  idle.Input(1125);
  EXPECT_FALSE(idle.warning());
  EXPECT_EQ(idle.Update(1244, true), IdleTimer::State::kActive);
  EXPECT_EQ(idle.Update(1245, true), IdleTimer::State::kWarning);
  EXPECT_EQ(idle.Update(1260, true), IdleTimer::State::kReset);
  EXPECT_FALSE(idle.warning());
}

TEST(IdleTimer, UnarmedNeverWarnsAndNeedsNoFrames) {
  // The first screen of a fresh session, or a learner's own phone: nothing to protect.
  IdleTimer idle(120, 15);
  idle.Update(0, false);
  EXPECT_EQ(idle.Update(10000, false), IdleTimer::State::kActive);
  EXPECT_TRUE(std::isinf(idle.Deadline(10000, false)));
  // Armed again (the learner picked a language), the clock starts from then, not from 0.
  EXPECT_EQ(idle.Update(10100, true), IdleTimer::State::kActive);
}

TEST(Session, HistoryIsSavedAsRouteTextAndABadEntryCostsOnlyThatEntry) {
  SavedSession saved;
  saved.session.history = {Route::Home(), Route::Lesson("qr-code")};
  saved.session.lesson_done = {"qr-code"};
  saved.route = "lesson/qr-code";
  SavedSession back;
  std::string error;
  ASSERT_TRUE(SessionFromJson(SessionToJson(saved), &back, &error)) << error;
  EXPECT_EQ(back.session.history, saved.session.history);
  ASSERT_TRUE(SessionFromJson(R"({"history": ["home", "nowhere"], "lessonDone": ["a"]})", &back, &error));
  EXPECT_EQ(back.session.history, std::vector<Route>{Route::Home()});
  EXPECT_NE(error.find("/history/1"), std::string::npos) << error;
  EXPECT_EQ(back.session.lesson_done, std::set<std::string>{"a"});
}

TEST(Session, AMistypedEntryIsNamedWhereItIsAndTheRestLoads) {
  // Hand-edited or half-written by an old version: the learner keeps everything else.
  const std::string text = "{\n  \"route\": \"guides\",\n  \"lessonStep\": {\"qr-code\": \"two\", \"wifi\": 2},\n"
                           "  \"lessonDone\": [\"qr-code\"],\n  \"lesonDone\": []\n}";
  SavedSession s;
  std::vector<support::LoadError> problems;
  ASSERT_TRUE(SessionFromJson(text, "session.json", &s, &problems));
  EXPECT_EQ(s.route, "guides");
  EXPECT_EQ(s.session.lesson_step, (std::map<std::string, int>{{"wifi", 2}}));
  EXPECT_EQ(s.session.lesson_done, std::set<std::string>{"qr-code"});
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].pointer, "/lessonStep/qr-code");
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_GT(problems[0].column, 1);
  EXPECT_EQ(problems[1].pointer, "/lesonDone");
  EXPECT_NE(problems[1].message.find("lessonDone"), std::string::npos) << "did you mean: " << problems[1].message;
  // Not an object at all: refused, with where.
  problems.clear();
  EXPECT_FALSE(SessionFromJson("[1, 2]", "session.json", &s, &problems));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].file, "session.json");
}

namespace {

// Home with a heading and two buttons, as a frame would publish it.
a11y::Tree SmallTree() {
  a11y::TreeBuilder b;
  b.Begin(a11y::Rect{0, 0, 800, 600}, "Qiao", "en", a11y::Dir::kLtr);
  a11y::Node heading{.id = 10, .role = a11y::Role::kHeading, .name = "Home"};
  heading.level = 1;
  b.Add(heading);
  b.Push(a11y::Node{.id = 20, .role = a11y::Role::kGroup, .name = "Menu"});
  b.Add(a11y::Node{.id = 11, .role = a11y::Role::kButton, .name = "Lessons", .actions = a11y::kActionClick | a11y::kActionFocus});
  b.Add(a11y::Node{.id = 12, .role = a11y::Role::kButton, .name = "Guides", .actions = a11y::kActionClick | a11y::kActionFocus});
  b.Pop();
  return b.Finish();
}

}  // namespace

TEST(AccessibilityController, FocusLivesOnTheTreeAndFollowsTabAndEnter) {
  KioskConfig config;
  config.repeat_key_seconds = 0;
  AccessibilityController a11y(config);
  a11y::Tree tree = SmallTree();
  a11y.AfterFrame(&tree, 0, /*new_screen=*/true, 1.0, /*speech_on=*/false);
  EXPECT_EQ(tree.focus, 10u) << "a new screen focuses its heading";
  EXPECT_TRUE(tree.nodes.at(10).states & a11y::kFocused);

  a11y.OnKey(a11y::Key::kTab);
  AccessibilityController::KeyRequests r = a11y.HandleKeys(tree, 2.0, false);
  EXPECT_TRUE(r.actions.empty());
  a11y.AfterFrame(&tree, 0, false, 2.0, false);
  EXPECT_EQ(tree.focus, 11u);
  EXPECT_FALSE(tree.nodes.at(10).states & a11y::kFocused) << "exactly one node is focused";
  EXPECT_TRUE(tree.nodes.at(11).states & a11y::kFocused);

  a11y.OnKey(a11y::Key::kEnter);
  r = a11y.HandleKeys(tree, 3.0, false);
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0], std::make_pair(a11y::NodeId{11}, a11y::kActionClick));

  a11y.OnKey(a11y::Key::kEscape);
  EXPECT_TRUE(a11y.HandleKeys(tree, 4.0, false).escape);
}

TEST(AccessibilityController, ArrowsFollowTheReadingDirection) {
  KioskConfig config;
  config.repeat_key_seconds = 0;
  AccessibilityController a11y(config);
  a11y::Tree tree = SmallTree();
  a11y.MoveFocus(11);
  a11y.OnKey(a11y::Key::kLeft);  // in Uyghur (right to left), Left goes forward
  a11y.HandleKeys(tree, 1.0, /*rtl=*/true);
  EXPECT_EQ(a11y.focus(), 12u);
  a11y.OnKey(a11y::Key::kLeft);  // in English, Left goes back
  a11y.HandleKeys(tree, 2.0, /*rtl=*/false);
  EXPECT_EQ(a11y.focus(), 11u);
}

TEST(AccessibilityController, TheIdleResetForgetsTheLearnersSpeechChoices) {
  KioskConfig config;
  AccessibilityController a11y(config);
  a11y.announcer().SetVolume(0.3f);
  a11y.SetTouchAndHear(true);
  a11y.MoveFocus(11);
  a11y.Reset();
  EXPECT_FLOAT_EQ(a11y.announcer().volume(), a11y::SpeechLimits::kDefaultVolume);
  EXPECT_FALSE(a11y.touch_and_hear());
  EXPECT_EQ(a11y.focus(), 0u);
}
