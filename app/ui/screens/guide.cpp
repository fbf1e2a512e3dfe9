// A service guide in GOV.UK's step-by-step pattern: who can apply, what to bring (a checklist the
// learner can tick), the steps, where and when, fees, other ways to do it, where to get help.
#include "ui/page.h"
#include "ui/screens/screen.h"

namespace qiao::ui {

void DrawGuide(ScreenContext& c) {
  const content::Guide* guide = c.library.FindGuide(c.route.id);
  if (!guide) {
    if (!TopBar(c, c.Ui("guides.title"))) return;
    Paragraph(c.Ui("guides.empty"));
    return;
  }
  if (!TopBar(c, c.Pack(guide->title))) return;
  const uint32_t muted = Ctx().theme->muted_text;
  BeginContent(0, FormatRoute(c.route));
  if (!guide->summary.empty()) Paragraph(c.Pack(guide->summary));
  // Only a reviewer's name and date make a guide "checked"; a new or changed guide says it is not.
  Paragraph(guide->reviewed_by.empty() ? c.Ui("guide.not_reviewed")
                                       : c.Ui("guide.reviewed", {{"date", guide->reviewed_at}}),
            TextRole::kSmall, muted);
  if (!guide->expires_at.empty() && guide->expires_at < IsoDate(c.unix_time))
    Feedback("expired", c.Ui("guide.expired"), Tone::kWarn);

  auto section = [&](const char* key, const content::LocalizedText& body) {
    if (body.empty()) return;
    Heading(c.Ui(key), 2);
    Paragraphs(c.Pack(body));
  };
  section("guide.who", guide->who_can_apply);

  Heading(c.Ui("guide.bring"), 2);
  auto& ticked = c.session.checklist[guide->id];
  PushGroup("bring", a11y::Role::kList, c.Ui("guide.bring"));
  for (const content::ChecklistItem& item : guide->what_to_bring) {
    bool checked = ticked.count(item.id) > 0;
    if (Checkbox(item.id.c_str(), c.Pack(item.text), &checked)) {
      if (checked) ticked.insert(item.id);
      else ticked.erase(item.id);
    }
  }
  PopGroup();
  Paragraph(c.Ui("guide.bring_count", {{"checked", double(ticked.size())},
                                       {"total", double(guide->what_to_bring.size())}}),
            TextRole::kSmall, muted);

  Heading(c.Ui("guide.steps"), 2);
  PushGroup("steps", a11y::Role::kList, c.Ui("guide.steps"));
  for (size_t i = 0; i < guide->steps.size(); ++i)
    Paragraph(Texts::Join(c.Ui("guide.step_n", {{"n", double(i + 1)}}), " — ", c.Pack(guide->steps[i])));
  PopGroup();
  section("guide.where", guide->where_and_when);
  section("guide.fees", guide->fees);
  if (!guide->other_ways.empty()) {
    Heading(c.Ui("guide.other_ways"), 2);
    for (const content::OtherWay& way : guide->other_ways)
      Paragraph(Texts::Join(c.Ui("channel." + way.channel), ": ", c.Pack(way.text)));
  }
  section("guide.help", guide->help);
  EndContent();
}

}  // namespace qiao::ui
