#include "ui/page.h"
#include "ui/screens/screen.h"

#include <ctime>

namespace qiao::ui {

bool TopBar(ScreenContext& c, const Msg& title) {
  // Back and Home on every screen, big; Back sits at the start of the reading direction.
  std::vector<RowButton> nav = {{"back", c.Ui("nav.back"), ButtonKind::kNav},
                                {"home", c.Ui("nav.home"), ButtonKind::kNav}};
  PushGroup("topbar", a11y::Role::kGroup, Msg{});
  const int pressed = ButtonRow(nav);
  PopGroup();
  if (pressed == 0) c.out.back = true;
  if (pressed == 1) c.out.go = c.route.kind == Route::Kind::kHome ? Route{Route::Kind::kPicker} : Route::Home();
  Heading(title, 1);
  if (c.show_fallback_notice) Paragraph(c.Ui("a11y.fallback_indicator"), TextRole::kSmall, Ctx().theme->muted_text);
  return pressed < 0;
}

void DrawPreviewProblems(ScreenContext& c) {
  if (!c.preview_errors || c.preview_errors->empty()) return;
  Msg problem = c.Ui("preview.broken");
  problem.text += "\n" + c.preview_errors->front();
  if (c.preview_errors->size() > 1)
    problem.text += "\n" + c.Ui("preview.more", {{"count", double(c.preview_errors->size() - 1)}}).text;
  Feedback("preview-problem", problem, Tone::kBad);
}

std::string IsoDate(int64_t unix_time) {
  const std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace qiao::ui
