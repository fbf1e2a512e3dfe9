// Facts the bundled packs must keep (issue 13: "wrong or harmful today"). People may lose savings
// or benefits if one of these goes wrong again, so each is pinned where a text can be checked:
// a hotline that must be there, advice that must never come back, a right answer that must
// stay right. The texts may be reworded freely as long as the facts hold.
#include "content/pack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace qiao::content;

namespace {

const Library& Bundled() {
  static const Library lib = LoadLibrary(std::string(QIAO_SOURCE_DIR) + "/lessons");
  return lib;
}

std::string In(const LocalizedText& t, const std::string& locale) {
  auto it = t.by_locale.find(locale);
  return it == t.by_locale.end() ? "" : it->second;
}

// Every text of a guide in one language, one after the other.
std::string GuideText(const Guide& g, const std::string& locale) {
  std::string all;
  for (const LocalizedText* t : {&g.title, &g.summary, &g.who_can_apply, &g.where_and_when, &g.fees, &g.help})
    all += In(*t, locale) + "\n";
  for (const ChecklistItem& i : g.what_to_bring) all += In(i.text, locale) + "\n";
  for (const LocalizedText& s : g.steps) all += In(s, locale) + "\n";
  for (const OtherWay& w : g.other_ways) all += In(w.text, locale) + "\n";
  return all;
}

const Guide& GuideNamed(const std::string& id) {
  const Guide* g = Bundled().FindGuide(id);
  if (!g) throw std::runtime_error("no bundled guide " + id);
  return *g;
}

bool Has(const std::string& text, const std::string& words) { return text.find(words) != std::string::npos; }

// Sentences of a text: split at Chinese and Latin sentence ends and at line breaks.
std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out(1);
  for (size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = std::string_view(text).substr(i);
    size_t end = 0;
    for (std::string_view mark : {"。", "！", "？", "\n", ".", "!", "?"})
      if (rest.starts_with(mark)) end = mark.size();
    if (end) {
      out.emplace_back();
      i += end - 1;
    } else {
      out.back() += text[i];
    }
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Overlaps(const PercentRect& a, const PercentRect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

}  // namespace

TEST(Facts, BundledLibraryLoads) {
  for (const LoadError& e : Bundled().errors) ADD_FAILURE() << e.ToString();
  ASSERT_NE(Bundled().FindLesson("fraud-sms"), nullptr);
}

// Deleting a fraud message destroys the evidence the police and the report-fraud guide ask for.
// No text anywhere may present deleting as what keeps you safe.
TEST(Facts, NoTextPraisesDeletingAsSafe) {
  for (const Pack& pack : Bundled().packs)
    ForEachText(pack, [&](const LocalizedText& t) {
      for (const std::string& s : Sentences(In(t, "zh-Hans")))
        EXPECT_FALSE(Has(s, "删") && Has(s, "安全")) << pack.file << " " << t.pointer << ": " << s;
      for (const std::string& s : Sentences(Lower(In(t, "en"))))
        EXPECT_FALSE(Has(s, "delet") && Has(s, "safe")) << pack.file << " " << t.pointer << ": " << s;
    });
  // In the fraud-message lesson no right answer is a deletion.
  for (const Step& step : Bundled().FindLesson("fraud-sms")->steps) {
    for (const Hotspot& h : step.hotspots)
      if (h.correct)
        EXPECT_FALSE(Has(In(h.label, "zh-Hans"), "删") || Has(Lower(In(h.label, "en")), "delet")) << step.id << "/" << h.id;
    for (const Choice& c : step.choices)
      if (c.correct)
        EXPECT_FALSE(Has(In(c.text, "zh-Hans"), "删") || Has(Lower(In(c.text, "en")), "delet")) << step.id << "/" << c.id;
  }
}

// What the lesson teaches: don't tap, report it (12321, the national anti-fraud app); if you
// already tapped or paid, keep everything and call 110.
TEST(Facts, FraudMessageLessonTeachesReportingAndKeepingEvidence) {
  const Lesson& lesson = *Bundled().FindLesson("fraud-sms");
  std::string zh, en;
  for (const Step& s : lesson.steps) {
    for (const LocalizedText* t : {&s.body, &s.hint, &s.instruction}) zh += In(*t, "zh-Hans"), en += In(*t, "en");
    for (const Hotspot& h : s.hotspots) zh += In(h.feedback, "zh-Hans"), en += In(h.feedback, "en");
    for (const Choice& c : s.choices) zh += In(c.feedback, "zh-Hans"), en += In(c.feedback, "en");
  }
  for (const char* fact : {"12321", "国家反诈中心", "110", "证据"}) EXPECT_TRUE(Has(zh, fact)) << fact;
  for (const char* fact : {"12321", "National Anti-Fraud Centre", "110", "evidence"}) EXPECT_TRUE(Has(en, fact)) << fact;
}

// Threats and urgency are red flags in their own right: tapping them is never "try again".
TEST(Facts, EveryRedFlagInTheFakeMessageIsARightAnswer) {
  const Lesson& lesson = *Bundled().FindLesson("fraud-sms");
  auto step = std::find_if(lesson.steps.begin(), lesson.steps.end(), [](const Step& s) { return s.id == "find-red-flag"; });
  ASSERT_NE(step, lesson.steps.end());
  int red_flags = 0;
  for (const ScreenElement& e : step->screen.elements) {
    const std::string zh = In(e.text, "zh-Hans");
    const bool red_flag = Has(zh, "冻结") || Has(zh, "24小时") || Has(zh, "链接") || Has(zh, "www.") || Has(zh, "http");
    if (!red_flag) continue;
    ++red_flags;
    bool covered = false;
    for (const Hotspot& h : step->hotspots) {
      if (!Overlaps(h.rect, e.rect)) continue;
      covered = true;
      EXPECT_TRUE(h.correct) << "hotspot \"" << h.id << "\" over \"" << zh << "\" is a red flag";
      EXPECT_FALSE(Has(Lower(In(h.feedback, "en")), "try again") || Has(Lower(In(h.feedback, "en")), "look again"))
          << h.id << ": " << In(h.feedback, "en");
    }
    EXPECT_TRUE(covered) << "the red flag \"" << zh << "\" cannot be tapped";
  }
  EXPECT_GE(red_flags, 2) << "the threat and the link";
}

TEST(Facts, HospitalGuideSendsEmergenciesTo120) {
  const Guide& g = GuideNamed("hospital-registration");
  EXPECT_TRUE(Has(GuideText(g, "zh-Hans"), "120"));
  EXPECT_TRUE(Has(GuideText(g, "en"), "120"));
}

// Most retirees are certified from official records and need to act only when told; residents'
// pension recipients are included; 12333 and national apps are named; stopped months are paid.
TEST(Facts, PensionCertificationIsMostlyAutomaticAndFree) {
  const Guide& g = GuideNamed("pension-certification");
  const std::string zh = GuideText(g, "zh-Hans"), en = GuideText(g, "en");
  for (const char* fact : {"12333", "无感认证", "城乡居民养老保险", "掌上12333", "补发", "接到通知", "免费"})
    EXPECT_TRUE(Has(zh, fact)) << fact;
  for (const char* fact : {"12333", "passive certification", "residents’ pension", "paid", "free"})
    EXPECT_TRUE(Has(en, fact)) << fact;
}

// 国办发〔2024〕38号: from 2025, a late or interrupted payment means a fixed 3-month wait, plus one
// month per year missed.
TEST(Facts, ResidentsMedicalInsuranceStatesTheWaitingPeriod) {
  const Guide& g = GuideNamed("rural-medical-insurance");
  const std::string zh = GuideText(g, "zh-Hans"), en = GuideText(g, "en");
  for (const char* fact : {"2025", "3个月", "每断1年，再多等1个月", "12393"}) EXPECT_TRUE(Has(zh, fact)) << fact;
  for (const char* fact : {"2025", "3-month wait", "1 more month", "12393"}) EXPECT_TRUE(Has(en, fact)) << fact;
  EXPECT_TRUE(std::any_of(g.sources.begin(), g.sources.end(), [](const Source& s) { return s.number == "国办发〔2024〕38号"; }));
}

// Reporting a lost card in the social security app does not stop its bank account everywhere.
TEST(Facts, LostSocialSecurityCardIsAlsoReportedToItsBank) {
  EXPECT_TRUE(Has(GuideText(GuideNamed("social-security-card"), "zh-Hans"), "发卡银行"));
  EXPECT_TRUE(Has(GuideText(GuideNamed("social-security-card"), "en"), "its bank"));
  for (const Lesson* lesson : Bundled().Lessons())
    for (const Step& s : lesson->steps)
      for (const Hotspot& h : s.hotspots) {
        EXPECT_FALSE(Has(In(h.feedback, "zh-Hans"), "钱是安全的")) << lesson->id << "/" << s.id << "/" << h.id;
        EXPECT_FALSE(Has(In(h.feedback, "en"), "Your money is safe")) << lesson->id << "/" << s.id << "/" << h.id;
      }
}

// The fee exemption is for people on minimum living support or in special hardship, not for
// older people as such; remote areas may take up to 30 days longer than the 60.
TEST(Facts, IdCardFeesAndWaitingTime) {
  const Guide& g = GuideNamed("id-card-renewal");
  const std::string fees = In(g.fees, "zh-Hans");
  EXPECT_TRUE(Has(fees, "低保") && Has(fees, "特困")) << fees;
  EXPECT_FALSE(Has(fees, "对老人等免收")) << fees;
  EXPECT_TRUE(Has(In(g.where_and_when, "zh-Hans"), "60天") && Has(In(g.where_and_when, "zh-Hans"), "30天"));
  EXPECT_TRUE(Has(In(g.where_and_when, "en"), "30 days longer"));
}

// Lessons are used for years; a date on a pretend phone goes stale (lint finds them; these two
// were in the packs).
TEST(Facts, LessonsCarryNoFixedDates) {
  for (const Pack& pack : Bundled().packs)
    ForEachText(pack, [&](const LocalizedText& t) {
      if (!t.pointer.starts_with("/lessons/")) return;
      for (const char* stale : {"11月23日", "2027年11月", "November 2027", "23 November"})
        EXPECT_FALSE(Has(In(t, "zh-Hans") + In(t, "en"), stale)) << pack.file << " " << t.pointer;
    });
}

// Every bundled guide says where it applies and what it rests on, and none claims a review date
// without a reviewer.
TEST(Facts, EveryGuideNamesRegionAndSources) {
  for (const Guide* g : Bundled().Guides()) {
    EXPECT_FALSE(g->region.empty()) << g->id;
    EXPECT_FALSE(g->sources.empty()) << g->id;
    EXPECT_TRUE(g->reviewed_at.empty() || !g->reviewed_by.empty()) << g->id;
  }
}
