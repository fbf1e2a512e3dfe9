// A swipe or a long press on the simulated phone, where a real phone needs one: swipe up to
// unlock, swipe down for the notification shade, press and hold a message to copy or delete it.
// Every way in reaches it: a finger or the mouse on the phone (GestureScreen draws the motion to
// make), and for keyboard, switch and screen reader labelled buttons below the phone that make
// the gesture ("Swipe up: lock screen", "Press and hold: message from Li Hua"); the phone's
// target itself is a button whose click is a plain tap. Each gesture is answered kindly and
// specifically: what was done ("That was a quick tap.", "You swiped down.") and, from the pack,
// what it does on a real phone and how the asked-for gesture differs. Never a bare "try again".
#include "ui/page.h"
#include "ui/screens/steps.h"

#include <string>

namespace qiao::ui {

namespace {

// Session and catalog names of what was done ("swipe-up" and {direction} "up").
const char* Name(GestureMade g) {
  switch (g) {
    case GestureMade::kTap: return "tap";
    case GestureMade::kLongPress: return "hold";
    case GestureMade::kSwipeUp: return "swipe-up";
    case GestureMade::kSwipeDown: return "swipe-down";
    case GestureMade::kSwipeLeft: return "swipe-left";
    case GestureMade::kSwipeRight: return "swipe-right";
    case GestureMade::kNone: break;
  }
  return "";
}

bool IsAsked(const content::Step& step, const std::string& made) {
  if (step.gesture == content::Gesture::kLongPress) return made == "hold";
  return made == "swipe-" + std::string(content::DirectionName(step.direction));
}

}  // namespace

bool DrawGesture(ScreenContext& c, const content::Step& step, const std::string& key) {
  if (!step.title.empty()) Heading(c.Pack(step.title), 2);
  Paragraph(c.Pack(step.instruction));
  std::string made;
  if (auto it = c.session.gesture_made.find(key); it != c.session.gesture_made.end()) made = it->second;
  const bool done = c.session.gesture_done.count(key) > 0;

  // What the last gesture did, above the phone: seen and announced without scrolling.
  if (!made.empty()) {
    if (IsAsked(step, made)) {
      Feedback("feedback", Texts::Join(c.Ui("lesson.correct"), " ", c.Pack(step.right_feedback)), Tone::kGood);
    } else if (made == "tap") {
      Feedback("feedback", Texts::Join(c.Ui("lesson.gesture_tapped"), " ", c.Pack(step.tap_feedback)), Tone::kBad);
    } else {
      const Msg what = made == "hold" ? c.Ui("lesson.gesture_held")
                                      : c.Ui("lesson.gesture_swiped", {{"direction", made.substr(6)}});
      Feedback("feedback", Texts::Join(what, " ", c.Pack(step.wrong_feedback)), Tone::kBad);
    }
  }

  const Msg target = c.Pack(step.target.label);
  GestureMade g = GestureScreen("phone", step.screen, c.translator().chain(), c.Pack(step.instruction), step,
                                c.Pack(step.instruction));

  // The same gestures without a finger: one button per gesture, named by what it does.
  PushGroup("gesture-buttons", a11y::Role::kGroup, c.Ui("lesson.gesture_buttons"));
  if (step.gesture == content::Gesture::kSwipe) {
    static const GestureMade kSwipes[] = {GestureMade::kSwipeUp, GestureMade::kSwipeDown, GestureMade::kSwipeLeft,
                                          GestureMade::kSwipeRight};
    std::vector<RowButton> swipes;
    std::vector<std::string> ids;  // kept alive for the row's ids
    for (GestureMade s : kSwipes) ids.push_back(Name(s));
    for (size_t i = 0; i < ids.size(); ++i)
      swipes.push_back({ids[i].c_str(), c.Ui("lesson.gesture_swipe", {{"direction", ids[i].substr(6)}, {"target", target.text}})});
    // Up and down, then left and right: two rows that fit at any text size.
    for (int row = 0; row < 2; ++row) {
      std::vector<RowButton> pair(swipes.begin() + row * 2, swipes.begin() + row * 2 + 2);
      const int p = ButtonRow(row == 0 ? "vertical" : "horizontal", pair);
      if (p >= 0) g = kSwipes[row * 2 + p];
    }
  } else if (Button("hold", c.Ui("lesson.gesture_hold", {{"target", target.text}}))) {
    g = GestureMade::kLongPress;
  }
  PopGroup();

  if (g != GestureMade::kNone) {
    made = Name(g);
    c.session.gesture_made[key] = made;
    if (IsAsked(step, made)) c.session.gesture_done.insert(key);
  }
  if (!step.hint.empty()) {
    if (c.session.hint_shown.count(key))
      Feedback("hint", Texts::Join(c.Ui("lesson.hint"), ": ", c.Pack(step.hint)), Tone::kInfo);
    else if (Button("show-hint", c.Ui("lesson.show_hint")))
      c.session.hint_shown.insert(key);
  }
  if (!done && !c.session.gesture_done.count(key)) {
    Feedback("needed", c.Ui("lesson.gesture_needed"), Tone::kInfo);
    return false;
  }
  return true;
}

}  // namespace qiao::ui
