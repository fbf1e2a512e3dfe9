// What a synthetic voice is given for a text: the step between the announcer's utterance and
// espeak-ng (accessibility/espeak.h). Per language:
//   - kk-Arab: Arabic-script Kazakh transliterated to Cyrillic (ICU rules in
//     voices/kk-Arab/kk_Arab-kk_Cyrl.txt) for Debian's `kk` voice;
//   - bo: Tibetan syllables turned into phonemes (onset + register x rhyme, Lhasa), spoken as
//     espeak-ng phoneme input by the qiao/bo voice;
//   - mn, kk-Arab, bo, ii, za: amounts (¥125.00), dates (2026年11月) and long digit strings
//     (12333, a hotline: read digit by digit) written out so each voice reads them in its
//     language.
// Languages with Debian's own voices (zh-Hans, en, ug, ko) pass through unchanged.
#pragma once

#include <string>
#include <string_view>

namespace qiao::a11y {

struct SpeakableText {
  std::string text;
  bool phonemes = false;  // `text` is espeak-ng phoneme input ([[...]])
  std::string error;      // why the text could not be prepared (rules file missing, ...)
};

// `voices_dir`: the source folder of the voices (rules files), e.g. the repo's voices/.
SpeakableText PrepareForVoice(std::string_view text, std::string_view lang,
                              const std::string& voices_dir);

// The pieces, for tests.
// Kazakh Arabic script -> Cyrillic (lower case). Empty with `error` set if the rules fail.
std::string KazakhArabicToCyrillic(std::string_view text, const std::string& voices_dir,
                                   std::string* error = nullptr);
// Amounts, dates and long digit strings written for `lang`'s voice.
std::string SpellNumbers(std::string_view text, std::string_view lang);
// Tibetan text -> espeak-ng phonemes of the Mandarin table (tones named by pitch numbers).
std::string TibetanPhonemes(std::string_view text);

}  // namespace qiao::a11y
