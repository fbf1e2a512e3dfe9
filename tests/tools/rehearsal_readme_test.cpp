// lessons/README.md teaches the rehearsal step kinds with worked examples: each one, put into a
// scaffolded lesson, must validate as the README promises, and mean what it says (a red flag
// step with its flags and safe part, a conversation whose every path meets the safe-account
// line).
#include "tools/pack/pack_tool.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace qiao;

namespace {

// The JSON block after `intro` in the README, as a step.
nlohmann::ordered_json StepAfter(const std::string& readme, const std::string& intro) {
  size_t at = readme.find(intro);
  EXPECT_NE(at, std::string::npos) << intro;
  if (at == std::string::npos) return {};
  size_t begin = readme.find("```json", at) + 7, end = readme.find("```", begin);
  return nlohmann::ordered_json::parse(readme.substr(begin, end - begin));
}

tools::FileReport ValidateInScaffold(const nlohmann::ordered_json& step, const std::string& name) {
  nlohmann::ordered_json pack =
      nlohmann::ordered_json::parse(tools::Scaffold(tools::ScaffoldKind::kLesson, name, "2026-12-07"));
  pack["lessons"][0]["steps"][1] = step;
  const fs::path p = fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".pack.json");
  std::ofstream(p) << pack.dump(2);
  tools::FileReport r = tools::ValidateFile(p.string());
  fs::remove(p);
  return r;
}

}  // namespace

TEST(Readme, RehearsalExamplesValidate) {
  std::string readme, error;
  ASSERT_TRUE(content::ReadFile(std::string(QIAO_SOURCE_DIR) + "/lessons/README.md", &readme, &error));
  tools::FileReport flags = ValidateInScaffold(StepAfter(readme, "A worked example of a red-flag step:"), "flags");
  for (const auto& e : flags.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(flags.valid());
  const content::Step& f = flags.pack->lessons[0].steps[1];
  EXPECT_EQ(f.type, content::StepType::kRedFlags);
  EXPECT_EQ(f.FlagCount(), 2);
  EXPECT_EQ(f.hotspots.size(), 3u);

  tools::FileReport call = ValidateInScaffold(StepAfter(readme, "**Conversation** (`conversation`)"), "call");
  for (const auto& e : call.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(call.valid());
  const content::Step& c = call.pack->lessons[0].steps[1];
  EXPECT_EQ(c.type, content::StepType::kConversation);
  EXPECT_EQ(c.endings.size(), 2u);
  // As the README asks: every reply of the first turn leads to the safe-account line.
  for (const content::Reply& r : c.turns[0].replies) EXPECT_EQ(r.next, "safe-account");
}

// qiao-pack lint notes places to tap that a finger cannot tell apart once the kiosk grows them
// to its minimum target size, naming the later one of each pair; places far enough apart pass.
TEST(Lint, NotesPlacesToTapThatOverlapOnceGrownToAFingersSize) {
  const std::string pack = R"({"schemaVersion": "1.0", "id": "apart", "title": {"en": "Apart"},
  "lessons": [{"id": "l", "title": {"en": "Lesson"}, "steps": [
    {"id": "flags", "type": "redFlags", "instruction": {"en": "Find them."},
     "screen": {"elements": [{"kind": "text", "rect": [5, 10, 90, 5], "text": {"en": "Frozen"}}]},
     "flags": [
       {"id": "thin", "rect": [5, 10, 90, 5], "label": {"en": "Frozen"}, "feedback": {"en": "Scary."}},
       {"id": "far", "rect": [5, 60, 90, 12], "label": {"en": "Link"}, "feedback": {"en": "Do not tap."}}],
     "safe": [{"id": "close", "rect": [5, 16, 90, 5], "label": {"en": "Time"}, "feedback": {"en": "Fine."}}]}]}]})";
  const fs::path p = fs::temp_directory_path() / ("apart-" + std::to_string(::getpid()) + ".pack.json");
  std::ofstream(p) << pack;
  std::vector<tools::FileReport> reports = {tools::ValidateFile(p.string())};
  ASSERT_TRUE(reports[0].valid());
  tools::LintContext context;
  std::vector<tools::Finding> findings = tools::Lint(reports, context);
  fs::remove(p);
  std::vector<std::string> overlaps;
  for (const tools::Finding& f : findings)
    if (f.where.message.find("finger's size") != std::string::npos) {
      EXPECT_EQ(f.severity, tools::Severity::kNote);
      overlaps.push_back(f.where.pointer);
    }
  EXPECT_EQ(overlaps, std::vector<std::string>{"/lessons/0/steps/0/safe/0"});
}

TEST(Readme, GestureExampleValidates) {
  std::string readme, error;
  ASSERT_TRUE(content::ReadFile(std::string(QIAO_SOURCE_DIR) + "/lessons/README.md", &readme, &error));
  nlohmann::ordered_json step = StepAfter(readme, "A worked example of a gesture step:");
  tools::FileReport hold = ValidateInScaffold(step, "hold");
  for (const auto& e : hold.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(hold.valid());
  const content::Step& g = hold.pack->lessons[0].steps[1];
  EXPECT_EQ(g.type, content::StepType::kGesture);
  EXPECT_EQ(g.gesture, content::Gesture::kLongPress);
  // As the README says: a long press has no direction, and a swipe needs one.
  step["direction"] = "up";
  EXPECT_FALSE(ValidateInScaffold(step, "hold-with-direction").valid());
  step["gesture"] = "swipe";
  EXPECT_TRUE(ValidateInScaffold(step, "swipe").valid());
  step.erase("direction");
  EXPECT_FALSE(ValidateInScaffold(step, "swipe-without-direction").valid());
}
