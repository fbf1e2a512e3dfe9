// The rehearsal step kinds of issue 13 in the loader: what loads, and each rule the schema
// cannot say (a conversation only goes forward and every turn and ending can be reached; an
// answer the keypad can type; mastery within the lesson's questions) reported at its line and
// JSON pointer, with the rest of the pack still loading.
#include "content/pack.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace qiao::content;

namespace {

std::string PackWith(const std::string& steps, const std::string& lesson_extra = "") {
  return "{\n\"schemaVersion\": \"1.0\",\n\"id\": \"t\",\n\"title\": {\"en\": \"T\"},\n\"lessons\": [\n"
         "{\"id\": \"good\", \"title\": {\"en\": \"Good\"}, \"steps\": [{\"id\": \"s\", \"type\": \"text\", "
         "\"title\": {\"en\": \"A\"}, \"body\": {\"en\": \"B\"}}]},\n"
         "{\"id\": \"l\", \"title\": {\"en\": \"L\"}" + lesson_extra + ",\n\"steps\": [\n" + steps + "\n]}]}\n";
}

const char* kConversation = R"({"id": "call", "type": "conversation", "instruction": {"en": "Choose."},
 "caller": {"en": "Unknown number"},
 "turns": [
  {"id": "start", "say": {"en": "I am police."}, "replies": [
    {"id": "hang-up", "text": {"en": "I hang up and call 110."}, "next": "safe"},
    {"id": "ask", "text": {"en": "What should I do?"}, "next": "key"}]},
  {"id": "key", "say": {"en": "Move your money to a safe account."}, "replies": [
    {"id": "no", "text": {"en": "No."}, "next": "safe"},
    {"id": "yes", "text": {"en": "All right."}, "next": "NEXT"}]}],
 "endings": [
  {"id": "safe", "outcome": "safe", "title": {"en": "Safe"}, "text": {"en": "Right."}},
  {"id": "lost", "outcome": "loss", "title": {"en": "Lost"}, "text": {"en": "Call 110."}}]})";

std::string Conversation(const std::string& next) {
  std::string s = kConversation;
  s.replace(s.find("NEXT"), 4, next);
  return s;
}

int LineOf(const std::string& text, const std::string& needle) {
  size_t pos = text.find(needle);
  return pos == std::string::npos ? -1 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
}

}  // namespace

TEST(PackRehearsal, AConversationLoadsAsTurnsRepliesAndEndings) {
  PackResult r = LoadPack(PackWith(Conversation("lost")), "c.pack.json");
  for (const LoadError& e : r.errors) ADD_FAILURE() << e.ToString();
  ASSERT_EQ(r.pack.lessons.size(), 2u);
  const Step& s = r.pack.lessons[1].steps[0];
  EXPECT_EQ(s.type, StepType::kConversation);
  EXPECT_EQ(StepTypeName(s.type), "conversation");
  ASSERT_EQ(s.turns.size(), 2u);
  EXPECT_EQ(s.turns[0].replies[1].next, "key");
  EXPECT_EQ(s.FindTurn("key"), &s.turns[1]);
  ASSERT_NE(s.FindEnding("lost"), nullptr);
  EXPECT_FALSE(s.FindEnding("lost")->safe);
  EXPECT_TRUE(s.FindEnding("safe")->safe);
}

TEST(PackRehearsal, AReplyMustLeadForwardToSomethingThatExists) {
  for (const char* next : {"start", "nowhere"}) {
    SCOPED_TRACE(next);
    const std::string text = PackWith(Conversation(next));
    PackResult r = LoadPack(text, "c.pack.json");
    EXPECT_TRUE(r.loaded);
    ASSERT_EQ(r.pack.lessons.size(), 1u) << "the broken lesson is skipped, the good one kept";
    ASSERT_GE(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].file, "c.pack.json");
    EXPECT_EQ(r.errors[0].pointer, "/lessons/1/steps/0/turns/1/replies/1/next");
    EXPECT_EQ(r.errors[0].line, LineOf(text, "\"next\": \"" + std::string(next)));
    EXPECT_GT(r.errors[0].column, 0);
    // "lost" is now out of reach: said too, at the ending.
    EXPECT_TRUE(std::any_of(r.errors.begin(), r.errors.end(), [](const LoadError& e) {
      return e.pointer == "/lessons/1/steps/0/endings/1" && e.message.find("cannot be reached") != std::string::npos;
    }));
  }
}

TEST(PackRehearsal, TypingAnswersMustBeTypableOnTheirKeypad) {
  auto step = [](const std::string& keypad, const std::string& answer) {
    return R"({"id": "t", "type": "typing", "instruction": {"en": "Type."}, "keypad": ")" + keypad +
           R"(", "answer": ")" + answer + R"(", "rightFeedback": {"en": "Yes."}, "wrongFeedback": {"en": "No."}})";
  };
  for (auto [keypad, answer] : {std::pair{"amount", "23.50"}, {"amount", "7"}, {"pin", "246801"}, {"phone", "110"}})
    EXPECT_TRUE(LoadPack(PackWith(step(keypad, answer)), "t.pack.json").errors.empty()) << keypad << " " << answer;
  for (auto [keypad, answer] : {std::pair{"amount", "23.505"}, {"amount", "23."}, {"amount", "-5"}, {"pin", "123"},
                                {"pin", "1234567"}, {"phone", "11O"}}) {
    PackResult r = LoadPack(PackWith(step(keypad, answer)), "t.pack.json");
    ASSERT_EQ(r.errors.size(), 1u) << keypad << " " << answer;
    EXPECT_EQ(r.errors[0].pointer, "/lessons/1/steps/0/answer");
  }
}

TEST(PackRehearsal, AmountsCompareAsMoney) {
  Step s;
  s.type = StepType::kTyping;
  s.keypad = Keypad::kAmount;
  s.answer = "23.50";
  for (const char* same : {"23.50", "23.5", "023.5"}) EXPECT_TRUE(TypedMatches(s, same)) << same;
  for (const char* other : {"2350", "23.05", "23", "", ".5", "23.500"}) EXPECT_FALSE(TypedMatches(s, other)) << other;
  s.keypad = Keypad::kPin;
  s.answer = "0123";
  EXPECT_TRUE(TypedMatches(s, "0123"));
  EXPECT_FALSE(TypedMatches(s, "123"));
}

TEST(PackRehearsal, MasteryAsksNoMoreThanTheLessonsQuestions) {
  const std::string quiz = R"({"id": "q", "type": "quiz", "question": {"en": "Ok?"}, "choices": [
    {"id": "y", "text": {"en": "Yes"}, "correct": true, "feedback": {"en": "Good."}},
    {"id": "n", "text": {"en": "No"}, "feedback": {"en": "Again."}}]})";
  PackResult ok = LoadPack(PackWith(quiz, ", \"mastery\": 1"), "m.pack.json");
  EXPECT_TRUE(ok.errors.empty());
  ASSERT_EQ(ok.pack.lessons.size(), 2u);
  EXPECT_EQ(ok.pack.lessons[1].mastery_correct, 1);
  PackResult bad = LoadPack(PackWith(quiz, ", \"mastery\": 2"), "m.pack.json");
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].pointer, "/lessons/1/mastery");
  EXPECT_NE(bad.errors[0].message.find("1 questions"), std::string::npos) << bad.errors[0].message;
}

TEST(PackRehearsal, RedFlagsAndSafePartsShareOneSetOfIds) {
  const std::string step = R"({"id": "f", "type": "redFlags", "instruction": {"en": "Find."},
    "screen": {"elements": [{"kind": "text", "rect": [0, 0, 100, 10], "text": {"en": "Frozen!"}}]},
    "flags": [{"id": "a", "rect": [0, 0, 100, 10], "label": {"en": "Frozen!"}, "feedback": {"en": "Scares you."}}],
    "safe": [{"id": "a", "rect": [0, 0, 50, 10], "label": {"en": "Time"}, "feedback": {"en": "Fine."}}]})";
  PackResult r = LoadPack(PackWith(step), "f.pack.json");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pointer, "/lessons/1/steps/0/safe/0/id");
  std::string fixed = step;
  fixed.replace(fixed.rfind("\"id\": \"a\""), 9, "\"id\": \"b\"");
  PackResult good = LoadPack(PackWith(fixed), "f.pack.json");
  ASSERT_TRUE(good.errors.empty());
  const Step& s = good.pack.lessons[1].steps[0];
  EXPECT_EQ(s.FlagCount(), 1);
  ASSERT_EQ(s.hotspots.size(), 2u);
  EXPECT_TRUE(s.hotspots[0].correct);
  EXPECT_FALSE(s.hotspots[1].correct);
}

// [SECTION] Gestures: a swipe (with its direction) or a long press, on a target of the screen.

namespace {

std::string GestureStep(const std::string& fields) {
  return R"({"id": "g", "type": "gesture", "instruction": {"en": "Swipe up."},
 "screen": {"elements": [{"kind": "text", "rect": [10, 10, 80, 10], "text": {"en": "9:30"}}]},
)" + fields + R"(
 "target": {"rect": [0, 40, 100, 60], "label": {"en": "Lock screen"}},
 "rightFeedback": {"en": "Unlocked."}, "tapFeedback": {"en": "A tap only lights the screen."},
 "wrongFeedback": {"en": "That opens another panel."}})";
}

}  // namespace

TEST(PackRehearsal, AGestureLoadsWithItsKindDirectionAndTarget) {
  PackResult r = LoadPack(PackWith(GestureStep(R"("gesture": "swipe", "direction": "left",)")), "g.pack.json");
  for (const LoadError& e : r.errors) ADD_FAILURE() << e.ToString();
  ASSERT_EQ(r.pack.lessons.size(), 2u);
  const Step& s = r.pack.lessons[1].steps[0];
  EXPECT_EQ(s.type, StepType::kGesture);
  EXPECT_EQ(StepTypeName(s.type), "gesture");
  EXPECT_EQ(s.gesture, Gesture::kSwipe);
  EXPECT_EQ(s.direction, Direction::kLeft);
  EXPECT_EQ(s.target.label.by_locale.at("en"), "Lock screen");
  EXPECT_FLOAT_EQ(s.target.rect.h, 60.0f);
  EXPECT_EQ(s.tap_feedback.by_locale.at("en"), "A tap only lights the screen.");
  EXPECT_FALSE(IsQuestion(s)) << "practice, not a question mastery counts";

  PackResult hold = LoadPack(PackWith(GestureStep(R"("gesture": "longPress",)")), "g.pack.json");
  EXPECT_TRUE(hold.errors.empty());
  EXPECT_EQ(hold.pack.lessons[1].steps[0].gesture, Gesture::kLongPress);
  // Every text of the step is visited (translators, search, lint).
  int texts = 0;
  ForEachText(hold.pack, [&](const LocalizedText& t) { texts += t.pointer.starts_with("/lessons/1/steps/0/"); });
  EXPECT_EQ(texts, 6);  // instruction, the screen's label, the target's label, three feedbacks
}

TEST(PackRehearsal, AGesturesDirectionBelongsToASwipeOnly) {
  struct Case {
    const char* fields;
    const char* pointer;
    const char* says;
  };
  for (const Case& c : {Case{R"("gesture": "swipe",)", "/lessons/1/steps/0/direction", "missing required field"},
                        Case{R"("gesture": "swipe", "direction": "upwards",)", "/lessons/1/steps/0/direction", "up"},
                        Case{R"("gesture": "longPress", "direction": "up",)", "/lessons/1/steps/0/direction",
                             "a long press has no direction"},
                        Case{R"("gesture": "doubleTap",)", "/lessons/1/steps/0/gesture", "longPress"}}) {
    SCOPED_TRACE(c.fields);
    const std::string text = PackWith(GestureStep(c.fields));
    PackResult r = LoadPack(text, "g.pack.json");
    ASSERT_EQ(r.errors.size(), 1u) << (r.errors.size() > 1 ? r.errors[1].ToString() : "");
    EXPECT_EQ(r.errors[0].pointer, c.pointer);
    EXPECT_NE(r.errors[0].message.find(c.says), std::string::npos) << r.errors[0].message;
    EXPECT_GT(r.errors[0].line, 0);
    EXPECT_GT(r.errors[0].column, 0);
    // The good lesson still loads; the broken one is skipped.
    ASSERT_EQ(r.pack.lessons.size(), 1u);
    EXPECT_EQ(r.pack.lessons[0].id, "good");
  }
  // A mistyped field of the target is named, with the closest known one.
  PackResult typo = LoadPack(PackWith(R"({"id": "g", "type": "gesture", "instruction": {"en": "Hold."},
 "screen": {"elements": []}, "gesture": "longPress",
 "target": {"rect": [0, 40, 100, 60], "lable": {"en": "Message"}},
 "rightFeedback": {"en": "A menu."}, "tapFeedback": {"en": "Keep holding."}, "wrongFeedback": {"en": "Keep still."}})"),
                              "g.pack.json");
  bool named = false;
  for (const LoadError& e : typo.errors)
    named |= e.pointer == "/lessons/1/steps/0/target/lable" && e.message.find("\"label\"") != std::string::npos;
  EXPECT_TRUE(named);
}
