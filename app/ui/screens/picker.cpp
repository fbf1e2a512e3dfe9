#include "ui/page.h"
#include "ui/screens/screen.h"

namespace qiao::ui {

// The picker speaks every language at once: the title in Mandarin and English, each language
// named in its own script (and drawn in its own font and direction).
void DrawPicker(ScreenContext& c) {
  const i18n::Message zh = c.translator().GetIn("zh-Hans", "picker.title");
  const i18n::Message en = c.translator().GetIn("en", "picker.title");
  Heading(Msg{zh.text, zh.lang}, 1);
  Paragraph(Msg{en.text, en.lang}, TextRole::kHeading2);
  BeginContent(0, FormatRoute(c.route));
  PushGroup("languages", a11y::Role::kList, Msg{en.text, en.lang});
  const auto& locales = c.translator().locales();
  std::vector<RowButton> names;
  for (const auto& l : locales) names.push_back({l.tag.c_str(), Msg{l.endonym, l.tag}});
  const int pressed = ButtonGrid(names);
  PopGroup();
  EndContent();
  if (pressed >= 0) {
    c.out.locale = locales[pressed].tag;
    c.out.go = Route::Home();
  }
}

}  // namespace qiao::ui
