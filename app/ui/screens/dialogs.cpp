// Dialogs drawn over any screen, each a window of its own that takes all input.
#include "ui/page.h"
#include "ui/screens/screen.h"

#include <cmath>

namespace qiao::ui {

void DrawIdleDialog(ScreenContext& c) {
  BeginModal("##idle", 0.2f, /*dim=*/true);
  PushGroup("idle", a11y::Role::kDialog, c.Ui("idle.title"));
  Heading(c.Ui("idle.title"), 1);
  Feedback("countdown", c.Ui("idle.body", {{"seconds", std::ceil(c.idle_seconds_left)}}), Tone::kWarn);
  if (Button("stay", c.Ui("idle.stay"), ButtonKind::kPrimary)) c.out.idle_stay = true;
  PopGroup();
  EndModal();
}

namespace {

// Operator-only words: English and Mandarin side by side whatever the learner's language (the
// operator may not read it), from the catalogs.
Msg OperatorText(const ScreenContext& c, std::string_view key) {
  const std::string en = c.translator().GetIn("en", key).text;
  const std::string zh = c.translator().GetIn("zh-Hans", key).text;
  return Msg{en == zh ? en : en + " / " + zh, "en"};
}

}  // namespace

namespace {

// After the PIN: what the operator can do. In English and Mandarin, as the PIN pad.
OperatorChoice DrawOperatorMenu(ScreenContext& c, PinPad* pad) {
  OperatorChoice choice = OperatorChoice::kNone;
  BeginModal("##operator", 0, /*dim=*/false);
  const Msg title = OperatorText(c, "operator.menu_title");
  PushGroup("operator", a11y::Role::kDialog, title);
  Heading(title, 1);
  if (c.can_record) {
    // The language the volunteer will record: the one the kiosk shows now, by its own name.
    Msg record = OperatorText(c, "operator.record");
    record.text += ": " + c.translator().info().endonym;
    if (Button("record", record, ButtonKind::kPrimary)) choice = OperatorChoice::kRecord;
  }
  if (Button("close-kiosk", OperatorText(c, "operator.close"))) choice = OperatorChoice::kClose;
  if (Button("cancel", OperatorText(c, "operator.cancel")) || choice != OperatorChoice::kNone) *pad = PinPad{};
  PopGroup();
  EndModal();
  return choice;
}

}  // namespace

OperatorChoice DrawPinDialog(ScreenContext& c, PinPad* pad) {
  if (pad->unlocked) return DrawOperatorMenu(c, pad);
  bool correct = false;
  std::string* entry = &pad->entry;
  BeginModal("##pin", 0, /*dim=*/false);
  // Never spoken: the digits and what was typed are secret (a11y::kProtected), spoken only on a
  // headset.
  const Msg title = OperatorText(c, "operator.pin_title");
  PushGroup("pin", a11y::Role::kDialog, title);
  Heading(title, 1);
  if (c.config.operator_pin.empty()) Feedback("no-pin", OperatorText(c, "operator.no_pin"), Tone::kWarn);
  Ctx().secret = true;
  Paragraph(Msg{std::string(entry->size(), '*') + " ", "en"}, TextRole::kHeading1);
  std::vector<RowButton> rows[4];
  static const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
  for (int i = 0; i < 10; ++i) rows[i < 9 ? i / 3 : 3].push_back({kDigits[i], Msg{kDigits[i], "en"}});
  rows[3].insert(rows[3].begin(), RowButton{"clear", Msg{"⌫", "en"}});
  rows[3].push_back(RowButton{"ok", OperatorText(c, "operator.ok"), ButtonKind::kPrimary});
  static const char* kRowIds[] = {"row1", "row2", "row3", "row4"};
  for (int r = 0; r < 4; ++r) {
    const int p = ButtonRow(kRowIds[r], rows[r]);
    if (r == 3) Ctx().secret = false;
    if (p < 0) continue;
    const std::string id = rows[r][p].id;
    if (id == "clear") {
      entry->clear();
    } else if (id == "ok") {
      correct = !c.config.operator_pin.empty() && *entry == c.config.operator_pin;
      entry->clear();
    } else if (entry->size() < 12) {
      *entry += id;
    }
  }
  if (Button("cancel", OperatorText(c, "operator.cancel"))) *pad = PinPad{};
  PopGroup();
  EndModal();
  if (correct) pad->unlocked = true;  // the menu, from the next frame
  return OperatorChoice::kNone;
}

}  // namespace qiao::ui
