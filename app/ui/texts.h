// The words a screen shows, in the current language after fallback: from the UI catalog
// (`Ui`) or from a lesson pack (`Pack`). Where the language has no voice, each Msg also carries
// its Mandarin text for speech (never silence).
#pragma once

#include "content/pack.h"
#include "i18n/i18n.h"
#include "ui/msg.h"

#include <string_view>

namespace qiao::ui {

class Texts {
 public:
  // `mandarin_alt`: the UI language has no voice (LocaleInfo::speech == "recorded").
  Texts(const i18n::Translator& translator, bool mandarin_alt)
      : translator_(translator), mandarin_alt_(mandarin_alt) {}

  Msg Ui(std::string_view key, const i18n::Args& args = {}) const;
  Msg Pack(const content::LocalizedText& text) const;
  // "a<sep>b" in b's language (the Mandarin alternatives joined the same way).
  static Msg Join(const Msg& a, std::string_view sep, const Msg& b);
  const i18n::Translator& translator() const { return translator_; }

 private:
  const i18n::Translator& translator_;
  bool mandarin_alt_;
};

}  // namespace qiao::ui
