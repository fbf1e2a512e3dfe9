// Reflow, never clip: at the largest text size, on a small and a large screen, in scripts of
// every direction, no node leaves the viewport horizontally and no text overflows its box.
// Also: every target is at least 60x60 px at the default size.
#include "kiosk_fixture.h"

using namespace qiao;
using namespace qiao::testing;

namespace {

std::vector<std::string> AllRoutes(const content::Library& lib) {
  std::vector<std::string> routes = {"picker", "home", "lessons", "guides", "settings", "help"};
  for (const content::Lesson* l : lib.Lessons())
    for (size_t i = 0; i <= l->steps.size(); ++i)  // the last one is the completion screen
      routes.push_back("lesson/" + l->id + "/" + std::to_string(i + 1));
  for (const content::Guide* g : lib.Guides()) routes.push_back("guide/" + g->id);
  return routes;
}

struct Case {
  float w, h;
  const char* locale;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.w << "x" << c.h << " " << c.locale; }

class LargestText : public KioskTest, public ::testing::WithParamInterface<Case> {
 protected:
  void ExpectStepContentShown(const std::string& route) {
    if (!route.starts_with("lesson/")) return;
    std::string rest = route.substr(7);
    const std::string id = rest.substr(0, rest.find('/'));
    const size_t index = std::stoul(rest.substr(rest.find('/') + 1)) - 1;
    const content::Lesson* lesson = app().library().FindLesson(id);
    if (index >= lesson->steps.size()) return;  // completion screen
    const content::Step& step = lesson->steps[index];
    using content::StepType;
    const content::LocalizedText& main = step.type == StepType::kQuiz    ? step.question
                                         : step.type == StepType::kImage ? step.alt
                                         : step.type == StepType::kText  ? step.title
                                                                         : step.instruction;
    const std::string want = Content(main);
    bool found = false;
    for (const a11y::Node* n : runner().tree().Flatten()) found |= n->name == want;
    EXPECT_TRUE(found) << route << ": the step's text is missing from the screen: " << want;
  }
};

}  // namespace

TEST_P(LargestText, EveryScreenReflowsWithoutClipping) {
  const Case c = GetParam();
  Start(c.w, c.h);
  app().SetLocale(c.locale);
  app().SetTextScaleIndexForRun(ui::kTextScaleCount - 1);
  ASSERT_FLOAT_EQ(ui::kTextScales[ui::kTextScaleCount - 1], 3.0f);
  int checked = 0;
  for (const std::string& route : AllRoutes(app().library())) {
    runner().Visit(route);
    ExpectStepContentShown(route);
    for (const a11y::Node* n : runner().tree().Flatten()) {
      ++checked;
      EXPECT_GE(n->bounds.x, -0.5f) << route << ": " << n->name;
      EXPECT_LE(n->bounds.x + n->bounds.w, c.w + 0.5f) << route << ": " << n->name;
      EXPECT_FALSE(n->states & a11y::kClipped) << route << ": text does not fit: " << n->name;
    }
  }
  EXPECT_GT(checked, 100);
}

INSTANTIATE_TEST_SUITE_P(Screens, LargestText,
                         ::testing::Values(Case{800, 600, "zh-Hans"}, Case{800, 600, "en"},
                                           Case{800, 600, "ug"}, Case{800, 600, "bo"},
                                           Case{1920, 1080, "zh-Hans"}, Case{1920, 1080, "en"},
                                           Case{1920, 1080, "ug"}),
                         [](const auto& info) {
                           std::string name = std::to_string(int(info.param.w)) + "x" +
                                              std::to_string(int(info.param.h)) + "_" + info.param.locale;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST_F(KioskTest, TargetsAreAtLeast60PxAtTheDefaultSize) {
  Start(800, 600);
  app().SetLocale("zh-Hans");
  for (const std::string& route : AllRoutes(app().library())) {
    runner().Visit(route);
    for (const a11y::Node* n : runner().tree().Flatten()) {
      if (!(n->actions & a11y::kActionClick)) continue;
      EXPECT_GE(n->bounds.w, 60.0f) << route << ": " << n->name;
      EXPECT_GE(n->bounds.h, 60.0f) << route << ": " << n->name;
    }
  }
}

TEST_F(KioskTest, TextGrowsWithTheTextSizeSetting) {
  Start(1280, 800);
  app().SetLocale("en");
  app().Navigate("help");
  runner().Settle();
  const a11y::Node* small = runner().tree().Flatten().back();
  const float small_h = small->bounds.h;
  app().SetTextScaleIndexForRun(ui::kTextScaleCount - 1);
  runner().Settle();
  const a11y::Node* large = runner().tree().Flatten().back();
  EXPECT_GT(large->bounds.h, small_h * 2.5f) << "3x text takes about 3x (or more, re-wrapped) height";
}
