#include "ui/page.h"
#include "ui/screens/screen.h"

namespace qiao::ui {

void DrawLessons(ScreenContext& c) {
  if (!TopBar(c, c.Ui("lessons.title"))) return;
  BeginContent(0, FormatRoute(c.route));
  auto lessons = c.library.Lessons();
  if (lessons.empty()) Paragraph(c.Ui("lessons.empty"));
  PushGroup("list", a11y::Role::kList, c.Ui("lessons.title"));
  for (const content::Lesson* l : lessons) {
    Msg detail = c.Pack(l->summary);
    if (l->minutes > 0) {
      Msg minutes = c.Ui("lessons.minutes", {{"minutes", double(l->minutes)}});
      detail.text = detail.text.empty() ? minutes.text : detail.text + " · " + minutes.text;
    }
    if (c.session.lesson_done.count(l->id)) detail.text = "✓ " + detail.text;
    if (ListItem(l->id.c_str(), c.Pack(l->title), detail)) c.out.go = Route::Lesson(l->id);
  }
  PopGroup();
  EndContent();
}

}  // namespace qiao::ui
