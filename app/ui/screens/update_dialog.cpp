// The operator's screen during and after an update from a USB stick, over whatever screen is up:
// what is happening, what changed or why not, and whether the stick may be pulled out. In the
// kiosk's current language; every line that changes is a live region, so screen readers and the
// kiosk's own voice say it without anyone moving focus.
#include "ui/screens/screen.h"
#include "ui/page.h"
#include "ui/update_notice.h"
#include "ui/widgets.h"

namespace qiao::ui {

namespace {

i18n::Args Counts(const store::UpdateStatus& s, std::string_view kind) {
  auto count = [&](const std::vector<store::UpdateChange>& list) {
    double n = 0;
    for (const store::UpdateChange& c : list) n += c.kind == kind ? 1 : 0;
    return n;
  };
  return {{"added", count(s.added)}, {"changed", count(s.changed)}, {"removed", count(s.removed)}};
}

// Why the update was refused, in the operator's words.
Msg Reason(const ScreenContext& c, const store::UpdateStatus& s) {
  const std::string key = "update.reason." + std::string(store::UpdateReasonName(s.reason));
  return c.Ui(key, {{"sequence", static_cast<double>(s.sequence)},
                    {"installed", static_cast<double>(s.previous_sequence)},
                    {"channel", s.channel}});
}

}  // namespace

bool DrawUpdateDialog(ScreenContext& c, const UpdateNotice& notice) {
  using View = UpdateNotice::View;
  const store::UpdateStatus& s = notice.status();
  BeginModal("##update", 0.08f, /*dim=*/true);
  const Msg title = c.Ui("update.title");
  PushGroup("update", a11y::Role::kDialog, title);
  Heading(title, 1);
  switch (notice.view()) {
    case View::kHidden: break;
    case View::kUpdating: Feedback("update-state", c.Ui("update.updating"), Tone::kWarn); break;
    case View::kInstalled:
      Feedback("update-state",
               c.Ui("update.installed", {{"channel", s.channel}, {"sequence", static_cast<double>(s.sequence)}}),
               Tone::kGood);
      Feedback("update-lessons", c.Ui("update.lessons", Counts(s, "lesson")), Tone::kInfo);
      Feedback("update-guides", c.Ui("update.guides", Counts(s, "guide")), Tone::kInfo);
      if (s.expired) Feedback("update-expired", c.Ui("update.expired", {{"date", s.expires}}), Tone::kWarn);
      Paragraph(c.Ui("update.when_shown"));
      break;
    case View::kRefused:
      Feedback("update-state", c.Ui("update.refused"), Tone::kBad);
      if (s.reason != store::UpdateReason::kNone && s.reason != store::UpdateReason::kMachine)
        Feedback("update-reason", Reason(c, s), Tone::kBad);
      break;
    case View::kFailed: Feedback("update-state", c.Ui("update.failed"), Tone::kBad); break;
    case View::kInterrupted: Feedback("update-state", c.Ui("update.interrupted"), Tone::kWarn); break;
  }
  bool close = false;
  if (notice.can_dismiss()) {
    Feedback("update-stick", c.Ui(s.removable ? "update.removable" : "update.wait"),
             s.removable ? Tone::kGood : Tone::kWarn);
    close = Button("update-ok", c.Ui("operator.ok"), ButtonKind::kPrimary);
  }
  PopGroup();
  EndModal();
  return close;
}

}  // namespace qiao::ui
