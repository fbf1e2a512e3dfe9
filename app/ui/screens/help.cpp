#include "ui/page.h"
#include "ui/screens/screen.h"

namespace qiao::ui {

void DrawHelp(ScreenContext& c) {
  if (!TopBar(c, c.Ui("help.title"))) return;
  BeginContent(0, FormatRoute(c.route));
  Paragraphs(c.Ui("help.body"));
  EndContent();
}

}  // namespace qiao::ui
