#include "ui/page.h"
#include "ui/screens/screen.h"

#include "ui/resume.h"

#include <algorithm>
#include <cctype>

namespace qiao::ui {

void DrawHome(ScreenContext& c) {
  if (!TopBar(c, c.Ui("home.title"))) return;
  Session& s = c.session;
  BeginContent(0, FormatRoute(c.route));
  TextInput("search", c.Ui("home.search"), c.Ui("home.search_hint"), &s.search_query);
  TextInput("resume", c.Ui("resume.enter"), c.Ui("resume.enter_hint"), &s.resume_entry);
  const auto complete = std::count_if(s.resume_entry.begin(), s.resume_entry.end(),
                                      [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)); }) >=
                        ResumeCodes::kLength;
  if (complete) {
    // The App looks the code up after the frame; an unknown one comes back as resume_rejected.
    if (s.resume_rejected == s.resume_entry) Feedback("resume-unknown", c.Ui("resume.unknown"), Tone::kWarn);
    else c.out.redeem_code = s.resume_entry;
  }
  if (!s.search_query.empty()) {
    const std::vector<const SearchHit*>& hits = c.search(s.search_query);
    if (hits.empty()) Paragraph(c.Ui("home.search_none"));
    PushGroup("results", a11y::Role::kList, c.Ui("home.search_results", {{"count", double(hits.size())}}));
    for (const SearchHit* hit : hits)
      if (ListItem(FormatRoute(hit->route).c_str(), hit->title, hit->detail)) c.out.go = hit->route;
    PopGroup();
  }
  if (Button("lessons", c.Ui("home.lessons"), ButtonKind::kPrimary)) c.out.go = Route{Route::Kind::kLessons};
  if (Button("guides", c.Ui("home.guides"), ButtonKind::kPrimary)) c.out.go = Route{Route::Kind::kGuides};
  if (Button("settings", c.Ui("home.settings"))) c.out.go = Route{Route::Kind::kSettings};
  if (Button("help", c.Ui("home.help"))) c.out.go = Route{Route::Kind::kHelp};
  // The operator's notice: never a silent skip of broken content.
  if (c.content_problems > 0)
    Feedback("problems", c.Ui("notice.content_problems", {{"count", double(c.content_problems)}}), Tone::kWarn);
  EndContent();
}

}  // namespace qiao::ui
