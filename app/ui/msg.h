// Msg: a piece of text the kiosk shows, with the language it is in after fallback. The language
// drives the font, the direction and the voice; `alt` carries the same words in Mandarin where
// that language has no voice, so speech never falls silent.
#pragma once

#include <string>

namespace qiao::ui {

struct Msg {
  std::string text;
  std::string lang;
  std::string alt = {};  // the same in Mandarin, for speech where `lang` has no voice (a11y::Node)
  std::string reading = {};  // how `text` reads in another script (mn-Mong: Cyrillic), for speech
};

}  // namespace qiao::ui
