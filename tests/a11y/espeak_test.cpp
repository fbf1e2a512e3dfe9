// libespeak-ng in process, synthesizing into a buffer (no audio device needed).
#include "accessibility/espeak.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace qiao::a11y;

namespace {
double Seconds(const std::vector<int16_t>& pcm, int rate) { return double(pcm.size()) / rate; }
double Rms(const std::vector<int16_t>& pcm) {
  double sum = 0;
  for (int16_t s : pcm) sum += double(s) * s;
  return pcm.empty() ? 0 : std::sqrt(sum / pcm.size());
}
}  // namespace

class Espeak : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    synth_ = Synthesizer::Get(&error);
    ASSERT_TRUE(synth_) << error;
  }
  std::shared_ptr<Synthesizer> synth_;
};

TEST_F(Espeak, EveryKioskVoiceSpeaksItsLanguage) {
  struct Case { const char* voice; const char* text; };
  const Case cases[] = {{"cmn-latn-pinyin", "扫描二维码"}, {"en-us", "Scan a QR code"},
                        {"ug", "ئىككى ئۆلچەملىك كودنى سىكانىرلاش"}, {"ko", "큐알 코드 스캔"}};
  for (const Case& c : cases) {
    std::vector<int16_t> pcm;
    ASSERT_TRUE(synth_->Synthesize(c.text, c.voice, 150, &pcm)) << c.voice;
    const double s = Seconds(pcm, synth_->sample_rate());
    EXPECT_GT(s, 0.4) << c.voice;
    EXPECT_LT(s, 10.0) << c.voice;
    EXPECT_GT(Rms(pcm), 300) << c.voice << ": audible, not silence";
  }
}

TEST_F(Espeak, LongerTextTakesLongerAndAFasterRateIsShorter) {
  std::vector<int16_t> one, two, fast;
  ASSERT_TRUE(synth_->Synthesize("下一步", "cmn-latn-pinyin", 150, &one));
  ASSERT_TRUE(synth_->Synthesize("下一步。请打开微信，点右上角的加号。", "cmn-latn-pinyin", 150, &two));
  ASSERT_TRUE(synth_->Synthesize("下一步。请打开微信，点右上角的加号。", "cmn-latn-pinyin", 300, &fast));
  EXPECT_GT(two.size(), one.size() * 3);
  EXPECT_LT(fast.size(), two.size() * 3 / 4);
}

TEST_F(Espeak, PinyinVoiceReadsHanziAsMandarinNotLetterNames) {
  // The plain "cmn" voice is known to misread; the pinyin voice must produce speech for Hanzi
  // at a Mandarin pace: four syllables take roughly a second, not the spelling of code points.
  std::vector<int16_t> pcm;
  ASSERT_TRUE(synth_->Synthesize("社会保障", "cmn-latn-pinyin", 150, &pcm));
  const double s = Seconds(pcm, synth_->sample_rate());
  EXPECT_GT(s, 0.5);
  EXPECT_LT(s, 3.0);
}

TEST_F(Espeak, AnUnknownVoiceIsRefused) {
  std::vector<int16_t> pcm;
  EXPECT_FALSE(synth_->Synthesize("hello", "no-such-voice-xx", 150, &pcm));
}
