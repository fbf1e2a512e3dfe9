#include "ui/page.h"
#include "ui/screens/screen.h"

namespace qiao::ui {

void DrawGuides(ScreenContext& c) {
  if (!TopBar(c, c.Ui("guides.title"))) return;
  BeginContent(0, FormatRoute(c.route));
  auto guides = c.library.Guides();
  if (guides.empty()) Paragraph(c.Ui("guides.empty"));
  PushGroup("list", a11y::Role::kList, c.Ui("guides.title"));
  for (const content::Guide* g : guides)
    if (ListItem(g->id.c_str(), c.Pack(g->title), c.Pack(g->summary))) c.out.go = Route::Guide(g->id);
  PopGroup();
  EndContent();
}

}  // namespace qiao::ui
