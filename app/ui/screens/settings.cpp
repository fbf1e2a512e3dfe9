// Settings: text size, theme, speech (on/off, rate, volume, touch-and-hear), language. Each
// value is a Stepper — one slider for screen readers, two large buttons for fingers — and every
// change is spoken (by the App), so none needs sight.
#include "ui/page.h"
#include "ui/screens/screen.h"

#include "accessibility/speech_limits.h"

#include <algorithm>
#include <cmath>

namespace qiao::ui {

void DrawSettings(ScreenContext& c) {
  if (!TopBar(c, c.Ui("settings.title"))) return;
  const Settings& s = c.settings;
  BeginContent(0, FormatRoute(c.route));

  Heading(c.Ui("settings.text_size"), 2);
  const int index = s.text_scale_index;
  const Msg size = c.Ui("settings.text_size_value", {{"percent", std::round(s.text_scale() * 100)}});
  const int size_step = Stepper("text-size", c.Ui("settings.text_size"), size, TextRole::kHeading2, size,
                                {"smaller", c.Ui("settings.smaller"), ButtonKind::kSecondary, index == 0},
                                {"larger", c.Ui("settings.larger"), ButtonKind::kSecondary, index == kTextScaleCount - 1});
  Settings changed = s;
  if (size_step >= 0) changed.text_scale_index = std::clamp(index + (size_step == 1 ? 1 : -1), 0, kTextScaleCount - 1);

  Heading(c.Ui("settings.theme"), 2);
  PushGroup("theme", a11y::Role::kGroup, c.Ui("settings.theme"));
  if (RadioButton("standard", c.Ui("settings.theme_default"), s.theme == ThemeId::kStandard))
    changed.theme = ThemeId::kStandard;
  if (RadioButton("high-contrast", c.Ui("settings.theme_high_contrast"), s.theme == ThemeId::kHighContrast))
    changed.theme = ThemeId::kHighContrast;
  PopGroup();

  Heading(c.Ui("settings.speech"), 2);
  bool speech = s.speech;
  if (Checkbox("speech", c.Ui("settings.speech_on"), &speech)) changed.speech = speech;
  // Which voice reads this language where no recording exists: a beta voice says "beta" (made
  // without native speakers), and one the operator switched off says so (Mandarin reads instead).
  const a11y::LanguageVoice& voice = c.language_voice;
  if (voice.layer == a11y::SpeechLayer::kSynthetic)
    Paragraph(c.Ui(voice.beta ? "settings.voice_synthetic_beta" : "settings.voice_synthetic", {{"voice", voice.voice}}));
  else if (voice.layer == a11y::SpeechLayer::kMandarin && !voice.reading_voice.empty())
    Paragraph(c.Ui("settings.voice_reading", {{"voice", voice.reading_voice}}));  // mn-Mong
  else if (voice.layer == a11y::SpeechLayer::kMandarin)
    Paragraph(c.Ui(voice.switched_off ? "settings.voice_switched_off" : "settings.voice_none"));
  // Speech rate (kept) and volume (this session only).
  using Limits = a11y::SpeechLimits;
  const int rate = s.speech_rate;
  const Msg rate_name = c.Ui("settings.speech_rate");
  const Msg rate_value = c.Ui("settings.speech_rate_value", {{"wpm", double(rate)}});
  const int rate_step = Stepper("speech-rate", rate_name, Texts::Join(rate_name, ": ", rate_value), TextRole::kBody,
                                rate_value,
                                {"slower", c.Ui("settings.slower"), ButtonKind::kSecondary, rate <= Limits::kMinRate},
                                {"faster", c.Ui("settings.faster"), ButtonKind::kSecondary, rate >= Limits::kMaxRate});
  // Every press is spoken: the new rate, or the same one again at a limit.
  if (rate_step >= 0) {
    changed.speech_rate = std::clamp(rate + (rate_step == 1 ? Limits::kRateStep : -Limits::kRateStep),
                                     Limits::kMinRate, Limits::kMaxRate);
    c.out.say.push_back({"settings.speech_rate_value", {{"wpm", double(changed.speech_rate)}}});
  }
  const double volume = std::round(c.volume * 100);
  const Msg volume_name = c.Ui("settings.volume");
  const Msg volume_value = c.Ui("a11y.volume", {{"percent", volume}});
  const int volume_step =
      Stepper("volume", volume_name, Texts::Join(volume_name, ": ", volume_value), TextRole::kBody, volume_value,
              {"quieter", c.Ui("settings.quieter"), ButtonKind::kSecondary, volume <= std::round(Limits::kMinVolume * 100)},
              {"louder", c.Ui("settings.louder"), ButtonKind::kSecondary, volume >= std::round(Limits::kMaxVolume * 100)});
  if (volume_step >= 0) c.out.volume_steps = volume_step == 1 ? 1 : -1;
  bool touch = c.touch_and_hear;
  if (Checkbox("touch-and-hear", c.Ui("settings.touch_and_hear"), &touch)) c.out.touch_and_hear = touch;

  if (!(changed == s)) c.out.settings = changed;

  Heading(c.Ui("settings.language"), 2);
  if (Button("language", Msg{c.translator().info().endonym, c.translator().locale()}))
    c.out.go = Route{Route::Kind::kPicker};
  EndContent();
}

}  // namespace qiao::ui
