#include "ui/texts.h"

namespace qiao::ui {

Msg Texts::Ui(std::string_view key, const i18n::Args& args) const {
  i18n::Message m = translator_.Get(key, args);
  Msg out{std::move(m.text), std::move(m.lang)};
  out.reading = std::move(m.reading);
  if (mandarin_alt_ && out.lang != "zh-Hans") out.alt = translator_.GetIn("zh-Hans", key, args).text;
  return out;
}

Msg Texts::Pack(const content::LocalizedText& text) const {
  auto r = text.Resolve(translator_.chain());
  Msg out{std::string(r.text), std::string(r.lang)};
  if (auto reading = text.readings.find(out.lang); reading != text.readings.end()) out.reading = reading->second;
  if (mandarin_alt_ && out.lang != "zh-Hans") {
    static const std::string kChain[] = {"zh-Hans", "en"};
    out.alt = std::string(text.Resolve(kChain).text);
  }
  return out;
}

Msg Texts::Join(const Msg& a, std::string_view sep, const Msg& b) {
  Msg out{a.text + std::string(sep) + b.text, b.lang};
  if (!a.alt.empty() || !b.alt.empty())
    out.alt = (a.alt.empty() ? a.text : a.alt) + std::string(sep) + (b.alt.empty() ? b.text : b.alt);
  return out;
}

}  // namespace qiao::ui
