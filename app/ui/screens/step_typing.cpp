// Typing on an on-screen keypad: an amount to pay, a PIN (shown as dots and never spoken unless
// on a headset, as the kiosk's own PIN pad) or a number to dial. The keypad is the kiosk's, not
// the system keyboard's, so it looks the same on every kiosk and in the browser.
#include "ui/page.h"
#include "ui/screens/steps.h"

#include <string>

namespace qiao::ui {

namespace {

// Whether `key` may be added to `typed` on this keypad.
bool Accepts(content::Keypad keypad, const std::string& typed, const std::string& key) {
  if (typed.size() >= 15) return false;
  if (keypad == content::Keypad::kPin && typed.size() >= 6) return false;
  if (key != ".") {
    const size_t dot = typed.find('.');
    return dot == std::string::npos || typed.size() - dot <= 2;  // at most 2 digits of fen
  }
  return keypad == content::Keypad::kAmount && !typed.empty() && typed.find('.') == std::string::npos;
}

}  // namespace

bool DrawTyping(ScreenContext& c, const content::Step& step, const std::string& key) {
  if (!step.title.empty()) Heading(c.Pack(step.title), 2);
  Paragraph(c.Pack(step.instruction));
  std::string typed;
  if (auto it = c.session.typed.find(key); it != c.session.typed.end()) typed = it->second;
  const bool pin = step.keypad == content::Keypad::kPin;

  // Feedback on the last check, above the phone and the keypad: seen and announced at once.
  if (auto checked = c.session.typed_checked.find(key); checked != c.session.typed_checked.end()) {
    const bool right = content::TypedMatches(step, checked->second);
    Feedback("feedback",
             Texts::Join(c.Ui(right ? "lesson.correct" : "lesson.try_again"), " ",
                         c.Pack(right ? step.right_feedback : step.wrong_feedback)),
             right ? Tone::kGood : Tone::kBad);
  }
  // What is typed so far, large. A PIN shows dots, and says only how many digits.
  if (pin) {
    std::string dots = typed.empty() ? "–" : "";
    for (size_t i = 0; i < typed.size(); ++i) dots += i ? " ●" : "●";
    Ctx().secret = true;
    Paragraph(Msg{dots, "en"}, TextRole::kHeading1);
    Ctx().secret = false;
    Paragraph(c.Ui("lesson.typed_secret", {{"count", double(typed.size())}}), TextRole::kSmall,
              Ctx().theme->muted_text);
  } else {
    Paragraph(typed.empty() ? c.Ui("lesson.typed_empty") : c.Ui("lesson.typed", {{"value", typed}}),
              TextRole::kHeading1);
  }

  std::vector<RowButton> rows[4];
  static const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
  for (int i = 0; i < 9; ++i) rows[i / 3].push_back({kDigits[i], Msg{kDigits[i], "en"}});
  if (step.keypad == content::Keypad::kAmount) rows[3].push_back({".", c.Ui("lesson.key_point")});
  rows[3].push_back({"0", Msg{"0", "en"}});
  rows[3].push_back({"delete", c.Ui("lesson.key_delete")});
  static const char* kRowIds[] = {"row1", "row2", "row3", "row4"};
  PushGroup("keypad", a11y::Role::kGroup, c.Ui("lesson.keypad"));
  std::string pressed;
  for (int r = 0; r < 4; ++r) {
    Ctx().secret = pin;  // the keys of a PIN pad are never spoken aloud (as the operator PIN pad)
    const int p = ButtonRow(kRowIds[r], rows[r]);
    Ctx().secret = false;
    if (p >= 0) pressed = rows[r][p].id;
  }
  PopGroup();
  if (pressed == "delete") {
    if (!typed.empty()) typed.pop_back();
  } else if (!pressed.empty() && Accepts(step.keypad, typed, pressed)) {
    typed += pressed;
  }
  if (!pressed.empty()) {
    c.session.typed[key] = typed;
    c.session.typed_checked.erase(key);  // the feedback was about what was typed before
  }
  if (Button("check", c.Ui("lesson.check"), ButtonKind::kPrimary) && !typed.empty()) {
    c.session.typed_checked[key] = typed;
    RecordFirstTry(c, key, content::TypedMatches(step, typed));
  }
  if (!step.hint.empty()) {
    if (c.session.hint_shown.count(key))
      Feedback("hint", Texts::Join(c.Ui("lesson.hint"), ": ", c.Pack(step.hint)), Tone::kInfo);
    else if (Button("show-hint", c.Ui("lesson.show_hint")))
      c.session.hint_shown.insert(key);
  }
  // The phone the typing is for, below the keypad so that the keys are in reach without
  // scrolling: a group whose labels are read (the amount field, the shop's name), with nothing
  // to tap on it.
  static const std::vector<content::Hotspot> kNothingToTap;
  if (!step.screen.elements.empty())
    PhoneScreen("phone", step.screen, c.translator().chain(), c.Pack(step.instruction), &kNothingToTap, -1);
  return true;
}

}  // namespace qiao::ui
