// "Find every red flag": a fake SMS, chat, app page or call transcript on the simulated phone.
// Each flag tapped is marked found (a badge on the phone, a pressed toggle in the accessibility
// tree) and explained; a safe part tapped says why it is safe. The count is a status that is
// announced on every change. One tap is never enough: the step is complete only when every
// flag is found or the learner asks to be shown the rest.
#include "ui/page.h"
#include "ui/screens/steps.h"

#include <algorithm>

namespace qiao::ui {

bool DrawRedFlags(ScreenContext& c, const content::Step& step, const std::string& key) {
  if (!step.title.empty()) Heading(c.Pack(step.title), 2);
  Paragraph(c.Pack(step.instruction));
  static const std::set<std::string> kNone;
  auto found_it = c.session.flags_found.find(key);
  const std::set<std::string>& found = found_it == c.session.flags_found.end() ? kNone : found_it->second;
  const int total = step.FlagCount();
  const int found_flags = static_cast<int>(std::count_if(step.hotspots.begin(), step.hotspots.end(), [&](auto& h) {
    return h.correct && found.count(h.id);
  }));
  const bool shown = c.session.flags_shown.count(key) > 0;
  const bool complete = found_flags == total || shown;

  // The count and the last tap's explanation sit above the phone: seen and announced without
  // scrolling.
  Feedback("count", c.Ui("lesson.flags_found", {{"found", double(found_flags)}, {"total", double(total)}}),
           found_flags == total ? Tone::kGood : Tone::kInfo);
  auto last_it = c.session.practice_tap.find(key);
  const int last = last_it == c.session.practice_tap.end() ? -1 : last_it->second;
  if (last >= 0 && last < static_cast<int>(step.hotspots.size())) {
    const content::Hotspot& h = step.hotspots[last];
    Feedback("feedback",
             Texts::Join(c.Ui(h.correct ? "lesson.flag_found" : "lesson.flag_safe"), " ", c.Pack(h.feedback)),
             h.correct ? Tone::kGood : Tone::kInfo);
  } else if (last == -2) {
    Feedback("feedback", c.Ui("lesson.flags_prompt"), Tone::kInfo);
  }

  std::vector<bool> marked(step.hotspots.size());
  for (size_t i = 0; i < marked.size(); ++i)
    marked[i] = found.count(step.hotspots[i].id) || (shown && step.hotspots[i].correct);
  const int hit = PhoneScreen("phone", step.screen, c.translator().chain(), c.Pack(step.instruction),
                              &step.hotspots, last, &marked);
  if (hit >= 0) c.session.flags_found[key].insert(step.hotspots[hit].id);
  if (hit != -1) c.session.practice_tap[key] = hit;

  if (!complete) {
    Feedback("needed", c.Ui("lesson.flags_needed", {{"total", double(total)}}), Tone::kInfo);
    if (Button("show-rest", c.Ui("lesson.flags_show_rest"))) c.session.flags_shown.insert(key);
    return false;
  }
  // Every flag with its reason, to read again (and for anyone who did not see the badges).
  Heading(c.Ui("lesson.flags_list"), 3);
  for (const content::Hotspot& h : step.hotspots)
    if (h.correct) Paragraph(Texts::Join(c.Pack(h.label), " — ", c.Pack(h.feedback)));
  return true;
}

void RecordFirstTry(ScreenContext& c, const std::string& key, bool right) {
  // Only the first answer counts (mastery; the bureau's right and wrong answers).
  if (c.session.first_try.emplace(key, right).second) c.out.first_try_right = right;
}

}  // namespace qiao::ui
