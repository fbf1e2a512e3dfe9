#include "ui/page.h"
#include "ui/screens/screen.h"

#include <ctime>
#include <optional>

namespace qiao::ui {

namespace {

std::optional<Msg> SpeechStatusText(const ScreenContext& c) {
  // One line per layer that spoke the last thing said. Debian's own voice for the language (en,
  // zh-Hans, ug, ko, kk) needs no line: it is the ordinary case.
  std::optional<Msg> out;
  for (const a11y::SpokenBy& by : c.spoken_by) {
    Msg line;
    switch (by.layer) {
      case a11y::SpeechLayer::kClip: line = c.Ui("a11y.spoken_by_clip"); break;
      case a11y::SpeechLayer::kSynthetic:
        line = c.Ui(by.beta ? "a11y.spoken_by_synthetic_beta" : "a11y.spoken_by_synthetic", {{"voice", by.voice}});
        break;
      case a11y::SpeechLayer::kMandarin: line = c.Ui("a11y.fallback_indicator"); break;
      case a11y::SpeechLayer::kVoice: continue;
    }
    out = out ? Texts::Join(*out, "\n", line) : line;
  }
  return out;
}

}  // namespace

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
  if (std::optional<Msg> status = SpeechStatusText(c)) SpeechStatus("speech-status", *status);
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
