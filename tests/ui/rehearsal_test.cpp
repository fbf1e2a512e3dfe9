// Rehearsals (issue 13) at kiosk level, driven through the accessibility tree as a screen reader
// or a finger would: a red-flag step is not done after one tap; a conversation reaches every
// ending and every path meets the scam's key line; multi-answer quizzes; typing on the keypad
// (a PIN never spoken); mastery; labels the real phone shows in Chinese.
#include "kiosk_fixture.h"

#include "accessibility/espeak.h"
#include "ui/session.h"

#include <algorithm>
#include <functional>
#include <set>

using namespace qiao;
using namespace qiao::testing;
using a11y::Role;

class RehearsalKiosk : public KioskTest {
 protected:
  // Opens a lesson at `step` (1-based) in `locale`; returns that step.
  const content::Step& Open(const std::string& lesson_id, int step, const std::string& locale = "en") {
    Start();
    Pick(locale);
    app().Navigate("lesson/" + lesson_id + "/" + std::to_string(step));
    runner().Settle();
    lesson_ = app().library().FindLesson(lesson_id);
    EXPECT_NE(lesson_, nullptr) << lesson_id;
    return lesson_->steps.at(step - 1);
  }
  int CurrentStep() { return app().session().lesson_step.at(lesson_->id); }
  const a11y::Node* Next() {
    const a11y::Node* n = Find(Role::kButton, Tr("nav.next"));
    return n ? n : Find(Role::kButton, Tr("lesson.finish"));
  }
  bool NextEnabled() {
    const a11y::Node* n = Next();
    return n && !(n->states & a11y::kDisabled) && (n->actions & a11y::kActionClick);
  }
  // Any node whose name contains `part`.
  const a11y::Node* AnyContaining(const std::string& part) {
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->name.find(part) != std::string::npos) return n;
    return nullptr;
  }
  const a11y::Node* Status(const std::string& part) { return FindContaining(Role::kStatus, part); }
  std::string Count(int found, int total) {
    return Tr("lesson.flags_found", {{"found", double(found)}, {"total", double(total)}});
  }
  // Takes every path through a conversation step (`step_number`, 1-based) to its ending; each path
  // must meet the turn `key_turn_id` (the line the lesson is about), whose English holds `key_words`.
  void ReachEveryEnding(const std::string& lesson_id, int step_number, const std::string& key_turn_id,
                        const std::string& key_words);
  const content::Lesson* lesson_ = nullptr;
};

// [SECTION] Find every red flag

TEST_F(RehearsalKiosk, RedFlagStepIsNotDoneAfterOneTap) {
  const content::Step& step = Open("rehearse-fake-sms", 2);
  ASSERT_EQ(step.type, content::StepType::kRedFlags);
  const int total = step.FlagCount();
  ASSERT_GE(total, 3);
  // The count is visible and announced (a polite live region) from the start.
  const a11y::Node* count = Find(Role::kStatus, Count(0, total));
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->live, a11y::Live::kPolite);
  EXPECT_FALSE(NextEnabled());
  EXPECT_NE(Status(Tr("lesson.flags_needed", {{"total", double(total)}})), nullptr) << "Next says why it waits";

  std::vector<const content::Hotspot*> flags, safe;
  for (const content::Hotspot& h : step.hotspots) (h.correct ? flags : safe).push_back(&h);
  ASSERT_FALSE(safe.empty());
  // Every place is a full-size target of its own: grown to the minimum size, none overlaps another.
  for (size_t i = 0; i < step.hotspots.size(); ++i)
    for (size_t j = i + 1; j < step.hotspots.size(); ++j) {
      const a11y::Rect a = Find(Role::kButton, Content(step.hotspots[i].label))->bounds;
      const a11y::Rect b = Find(Role::kButton, Content(step.hotspots[j].label))->bounds;
      EXPECT_GE(std::min(a.h, a.w), 60.0f);
      const bool apart = a.y + a.h <= b.y + 0.5f || b.y + b.h <= a.y + 0.5f || a.x + a.w <= b.x + 0.5f ||
                         b.x + b.w <= a.x + 0.5f;
      EXPECT_TRUE(apart) << step.hotspots[i].id << " overlaps " << step.hotspots[j].id;
    }

  // One flag: marked found (pressed), explained, counted. Still not done.
  Activate(Role::kButton, Content(flags[0]->label));
  const a11y::Node* flag = Find(Role::kButton, Content(flags[0]->label));
  ASSERT_NE(flag, nullptr);
  EXPECT_TRUE(flag->states & a11y::kPressed);
  EXPECT_FALSE(Find(Role::kButton, Content(flags[1]->label))->states & a11y::kPressed);
  EXPECT_NE(Find(Role::kStatus, Count(1, total)), nullptr);
  const a11y::Node* why = Status(Content(flags[0]->feedback));
  ASSERT_NE(why, nullptr);
  EXPECT_NE(why->name.find(Tr("lesson.flag_found")), std::string::npos);
  EXPECT_FALSE(NextEnabled());
  // Pressing Next anyway (a finger on the disabled button) stays on the step.
  const int before = CurrentStep();
  TapNode(Next());
  runner().Settle();
  EXPECT_EQ(CurrentStep(), before);

  // The same flag again is not counted twice; safe text says why it is safe and counts nothing.
  Activate(Role::kButton, Content(flags[0]->label));
  EXPECT_NE(Find(Role::kStatus, Count(1, total)), nullptr);
  Activate(Role::kButton, Content(safe[0]->label));
  const a11y::Node* safe_why = Status(Content(safe[0]->feedback));
  ASSERT_NE(safe_why, nullptr);
  EXPECT_NE(safe_why->name.find(Tr("lesson.flag_safe")), std::string::npos);
  EXPECT_NE(Find(Role::kStatus, Count(1, total)), nullptr);
  EXPECT_FALSE(NextEnabled());

  // Every flag found: done, each flag listed with its reason, Next goes on.
  for (size_t i = 1; i < flags.size(); ++i) {
    EXPECT_FALSE(NextEnabled()) << i << " of " << total;
    Activate(Role::kButton, Content(flags[i]->label));
  }
  EXPECT_NE(Find(Role::kStatus, Count(total, total)), nullptr);
  EXPECT_TRUE(NextEnabled());
  EXPECT_NE(Find(Role::kHeading, Tr("lesson.flags_list")), nullptr);
  for (const content::Hotspot* h : flags) EXPECT_NE(FindContaining(Role::kText, Content(h->feedback)), nullptr);
  Activate(Role::kButton, Tr("nav.next"));
  EXPECT_EQ(CurrentStep(), before + 1);
}

TEST_F(RehearsalKiosk, AskingToSeeTheRestShowsEveryFlagAndLetsTheLearnerGoOn) {
  const content::Step& step = Open("rehearse-fake-sms", 2, "zh-Hans");
  const int total = step.FlagCount();
  const content::Hotspot* first = nullptr;
  for (const content::Hotspot& h : step.hotspots)
    if (h.correct && !first) first = &h;
  Activate(Role::kButton, Content(first->label));
  Activate(Role::kButton, Tr("lesson.flags_show_rest"));
  EXPECT_TRUE(NextEnabled());
  // Honest count: the learner found one; the rest are shown, marked like found ones.
  EXPECT_NE(Find(Role::kStatus, Count(1, total)), nullptr);
  for (const content::Hotspot& h : step.hotspots)
    if (h.correct) EXPECT_TRUE(Find(Role::kButton, Content(h.label))->states & a11y::kPressed) << h.id;
  EXPECT_EQ(Find(Role::kButton, Tr("lesson.flags_show_rest")), nullptr);
}

// [SECTION] Conversation

void RehearsalKiosk::ReachEveryEnding(const std::string& lesson_id, int step_number, const std::string& key_turn_id,
                                      const std::string& key_words) {
  const content::Step& step = Open(lesson_id, step_number);
  ASSERT_EQ(step.type, content::StepType::kConversation);
  const content::Turn* key_turn = step.FindTurn(key_turn_id);
  ASSERT_NE(key_turn, nullptr);
  ASSERT_NE(Content(key_turn->say).find(key_words), std::string::npos);

  // The caller's first line is announced, in the learner's language.
  const a11y::Node* first = Status(Content(step.turns[0].say));
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->live, a11y::Live::kPolite);
  EXPECT_EQ(first->lang, "en");
  EXPECT_NE(first->name.find(Content(step.caller)), std::string::npos) << "says who speaks";

  // Every path through the replies, depth first, replayed from the start each time.
  std::set<std::string> endings;
  int paths = 0;
  // `replay`: start over ("Try other answers", shown at every ending) and take the whole path;
  // else the kiosk is at the path's parent and only its last reply is taken.
  std::function<void(const std::vector<std::string>&, bool)> explore = [&](const std::vector<std::string>& path,
                                                                           bool replay) {
    if (replay) {
      Activate(Role::kButton, Tr("lesson.conv_again"));
      for (const std::string& reply : path) Activate(Role::kButton, reply);
    } else if (!path.empty()) {
      Activate(Role::kButton, path.back());
    }
    for (const content::Ending& e : step.endings) {
      const a11y::Node* end = Status(Content(e.title));
      if (!end) continue;
      SCOPED_TRACE("ending " + e.id);
      ++paths;
      endings.insert(e.id);
      EXPECT_NE(end->name.find(Content(e.text)), std::string::npos);
      EXPECT_NE(end->name.find(Tr(e.safe ? "lesson.conv_safe" : "lesson.conv_loss")), std::string::npos);
      EXPECT_NE(AnyContaining(Content(key_turn->say)), nullptr) << "the path skipped the line " << key_turn_id;
      for (const std::string& reply : path) EXPECT_NE(AnyContaining(reply), nullptr) << "transcript keeps " << reply;
      EXPECT_TRUE(NextEnabled());
      return;
    }
    EXPECT_FALSE(NextEnabled()) << "Next waits until the conversation ends";
    const a11y::Node* group = Find(Role::kGroup, Tr("lesson.conv_choose"));
    ASSERT_NE(group, nullptr) << "neither an ending nor replies after " << path.size() << " replies";
    std::vector<std::string> replies;
    for (a11y::NodeId id : group->children)
      if (const a11y::Node* n = runner().tree().Find(id); n && n->role == Role::kButton) replies.push_back(n->name);
    ASSERT_FALSE(replies.empty());
    for (size_t i = 0; i < replies.size(); ++i) {
      std::vector<std::string> longer = path;
      longer.push_back(replies[i]);
      explore(longer, /*replay=*/i > 0);
    }
  };
  explore({}, false);
  std::set<std::string> all;
  for (const content::Ending& e : step.endings) all.insert(e.id);
  EXPECT_EQ(endings, all);
  EXPECT_GE(paths, static_cast<int>(all.size()));
  // Endings seen are counted for the learner.
  EXPECT_NE(FindContaining(Role::kText, Tr("lesson.conv_endings", {{"seen", double(all.size())}, {"total", double(all.size())}})), nullptr);
}

TEST_F(RehearsalKiosk, ConversationReachesEveryEndingAndEveryPathMeetsTheSafeAccountLine) {
  ReachEveryEnding("rehearse-police-call", 2, "safe-account", "safe account");
}

// safety's fraud-call: a fake courier "compensation" call; no path ends before it asks to share
// the screen.
TEST_F(RehearsalKiosk, CourierCallReachesEveryEndingAndEveryPathMeetsTheScreenSharingLine) {
  ReachEveryEnding("fraud-call", 2, "share-screen", "Share screen");
}

// [SECTION] Multi-answer quiz, typing, mastery

TEST_F(RehearsalKiosk, MultiAnswerQuizIsRightOnlyWithEveryRightAnswerTicked) {
  const content::Step& step = Open("rehearse-fake-sms", 3);
  ASSERT_EQ(step.type, content::StepType::kQuiz);
  ASSERT_TRUE(step.multiple);
  std::vector<const content::Choice*> right, wrong;
  for (const content::Choice& c : step.choices) (c.correct ? right : wrong).push_back(&c);
  ASSERT_GE(right.size(), 2u);
  ASSERT_FALSE(wrong.empty());
  // One right answer of several: not yet, and told there are more (without naming them).
  Activate(Role::kCheckbox, Content(right[0]->text));
  EXPECT_TRUE(Find(Role::kCheckbox, Content(right[0]->text))->states & a11y::kChecked);
  Activate(Role::kButton, Tr("lesson.check"));
  const a11y::Node* fb = Status(Tr("lesson.try_again"));
  ASSERT_NE(fb, nullptr);
  EXPECT_NE(fb->name.find(Tr("lesson.quiz_more")), std::string::npos);
  // Every right one plus a wrong one: still not right, and the wrong tick is explained.
  for (size_t i = 1; i < right.size(); ++i) Activate(Role::kCheckbox, Content(right[i]->text));
  EXPECT_EQ(Status(Tr("lesson.try_again")), nullptr) << "changing a tick clears the old verdict";
  Activate(Role::kCheckbox, Content(wrong[0]->text));
  Activate(Role::kButton, Tr("lesson.check"));
  fb = Status(Tr("lesson.try_again"));
  ASSERT_NE(fb, nullptr);
  EXPECT_NE(fb->name.find(Content(wrong[0]->feedback)), std::string::npos);
  // Exactly the right ones: correct, with what each teaches.
  Activate(Role::kCheckbox, Content(wrong[0]->text));
  Activate(Role::kButton, Tr("lesson.check"));
  fb = Status(Tr("lesson.correct"));
  ASSERT_NE(fb, nullptr);
  for (const content::Choice* c : right) EXPECT_NE(fb->name.find(Content(c->feedback)), std::string::npos);
  // Only the first check counts for mastery.
  EXPECT_FALSE(app().session().first_try.at("rehearse-fake-sms/" + step.id));
}

TEST_F(RehearsalKiosk, TypingAnAmountOnTheKeypadAndCheckingIt) {
  const content::Step& step = Open("rehearse-shop-payment", 2);
  ASSERT_EQ(step.type, content::StepType::kTyping);
  ASSERT_EQ(step.answer, "23.50");
  EXPECT_NE(Find(Role::kText, Tr("lesson.typed_empty")), nullptr);
  // A wrong amount (the point left out: a hundred times too much).
  for (const char* key : {"2", "3", "5", "0"}) Activate(Role::kButton, key);
  EXPECT_NE(Find(Role::kText, Tr("lesson.typed", {{"value", std::string("2350")}})), nullptr);
  Activate(Role::kButton, Tr("lesson.check"));
  const a11y::Node* fb = Status(Tr("lesson.try_again"));
  ASSERT_NE(fb, nullptr);
  EXPECT_NE(fb->name.find(Content(step.wrong_feedback)), std::string::npos);
  // Delete back to 23, then the point: 23.5 is the same money as 23.50.
  Activate(Role::kButton, Tr("lesson.key_delete"));
  Activate(Role::kButton, Tr("lesson.key_delete"));
  EXPECT_EQ(Status(Tr("lesson.try_again")), nullptr) << "typing again clears the old verdict";
  Activate(Role::kButton, Tr("lesson.key_point"));
  Activate(Role::kButton, "5");
  Activate(Role::kButton, Tr("lesson.key_point"));  // a second point is not typed
  EXPECT_NE(Find(Role::kText, Tr("lesson.typed", {{"value", std::string("23.5")}})), nullptr);
  Activate(Role::kButton, Tr("lesson.check"));
  fb = Status(Tr("lesson.correct"));
  ASSERT_NE(fb, nullptr);
  EXPECT_NE(fb->name.find(Content(step.right_feedback)), std::string::npos);
}

TEST_F(RehearsalKiosk, APinIsShownAsDotsAndItsKeysAreNeverSpoken) {
  const content::Step& step = Open("rehearse-shop-payment", 3);
  ASSERT_EQ(step.keypad, content::Keypad::kPin);
  for (char digit : step.answer) {
    const a11y::Node* key = Find(Role::kButton, std::string(1, digit));
    ASSERT_NE(key, nullptr);
    EXPECT_TRUE(key->states & a11y::kProtected) << digit;
    Activate(Role::kButton, std::string(1, digit));
  }
  EXPECT_EQ(AnyContaining(step.answer + " "), nullptr);
  EXPECT_NE(Find(Role::kText, Tr("lesson.typed_secret", {{"count", double(step.answer.size())}})), nullptr);
  for (const a11y::Node* n : runner().tree().Flatten())
    if (n->name.find("●") != std::string::npos) EXPECT_TRUE(n->states & a11y::kProtected) << a11y::RoleName(n->role) << " " << n->name;
  Activate(Role::kButton, Tr("lesson.check"));
  EXPECT_NE(Status(Tr("lesson.correct")), nullptr);
}

TEST_F(RehearsalKiosk, MasteryCountsAnswersRightAtTheFirstTry) {
  Open("rehearse-shop-payment", 2);
  ASSERT_EQ(lesson_->mastery_correct, 2);
  // Amount: wrong first, then right. PIN: right. Quiz: wrong first, then right. 1 of 3.
  Activate(Role::kButton, "9");
  Activate(Role::kButton, Tr("lesson.check"));
  Activate(Role::kButton, Tr("lesson.key_delete"));
  for (const char* key : {"2", "3"}) Activate(Role::kButton, key);
  Activate(Role::kButton, Tr("lesson.key_point"));
  for (const char* key : {"5", "0"}) Activate(Role::kButton, key);
  Activate(Role::kButton, Tr("lesson.check"));
  ASSERT_NE(Status(Tr("lesson.correct")), nullptr);
  Activate(Role::kButton, Tr("nav.next"));
  for (char digit : lesson_->steps[2].answer) Activate(Role::kButton, std::string(1, digit));
  Activate(Role::kButton, Tr("lesson.check"));
  Activate(Role::kButton, Tr("nav.next"));
  const content::Step& quiz = lesson_->steps[3];
  for (const content::Choice& c : quiz.choices)
    if (!c.correct) Activate(Role::kRadio, Content(c.text));
  for (const content::Choice& c : quiz.choices)
    if (c.correct) Activate(Role::kRadio, Content(c.text));
  Activate(Role::kButton, Tr("lesson.finish"));
  const a11y::Node* mastery = Status(Tr("lesson.mastery_no", {{"right", 1.0}, {"total", 3.0}, {"needed", 2.0}}));
  ASSERT_NE(mastery, nullptr) << "completion screen says 1 of 3, 2 needed";
  // Start again: first tries count afresh; all right this time masters the lesson.
  Activate(Role::kButton, Tr("lesson.again"));
  Activate(Role::kButton, Tr("nav.next"));
  for (const char* key : {"2", "3"}) Activate(Role::kButton, key);
  Activate(Role::kButton, Tr("lesson.key_point"));
  for (const char* key : {"5", "0"}) Activate(Role::kButton, key);
  Activate(Role::kButton, Tr("lesson.check"));
  Activate(Role::kButton, Tr("nav.next"));
  for (char digit : lesson_->steps[2].answer) Activate(Role::kButton, std::string(1, digit));
  Activate(Role::kButton, Tr("lesson.check"));
  Activate(Role::kButton, Tr("nav.next"));
  for (const content::Choice& c : quiz.choices)
    if (!c.correct) Activate(Role::kRadio, Content(c.text));  // the old answer stays; a new first pick
  Activate(Role::kButton, Tr("lesson.finish"));
  EXPECT_NE(Status(Tr("lesson.mastery_yes", {{"right", 2.0}, {"total", 3.0}})), nullptr);
}

// [SECTION] What the real phone shows in Chinese

TEST_F(RehearsalKiosk, LabelsTheRealPhoneShowsInChineseStayChineseInEveryLanguage) {
  for (const char* locale : {"ug", "bo", "en"}) {
    SCOPED_TRACE(locale);
    const content::Step& step = Open("rehearse-shop-payment", 2, locale);
    // The phone: the innermost group named by the instruction (the step's group has that name too).
    const a11y::Node* phone = nullptr;
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->role == Role::kGroup && n->name == Content(step.instruction)) phone = n;
    ASSERT_NE(phone, nullptr);
    int chinese = 0;
    for (a11y::NodeId id : phone->children) {
      const a11y::Node* n = runner().tree().Find(id);
      if (n->name == "付款" || n->name == "金额") {
        ++chinese;
        EXPECT_EQ(n->lang, "zh-Hans") << "read with the Mandarin voice, as the real phone shows it";
      }
      EXPECT_NE(n->name, "Pay");
    }
    EXPECT_EQ(chinese, 3);  // the title bar, the amount label, the button
    // The instruction glosses the Chinese labels in the learner's language.
    const a11y::Node* gloss = FindContaining(Role::kText, "付款");
    ASSERT_NE(gloss, nullptr);
    EXPECT_EQ(gloss->lang, locale);
  }
}

// [SECTION] The session keeps what the learner did

TEST(RehearsalSession, RoundTripsThroughJson) {
  ui::SavedSession saved;
  ui::Session& s = saved.session;
  s.flags_found["l/s"] = {"link", "sender"};
  s.flags_shown.insert("l/s");
  s.conversation["l/c"] = {"prove", "keep-secret"};
  s.endings_seen["l/c"] = {"loss"};
  s.quiz_picks["l/q"] = {"code", "pin"};
  s.quiz_checked.insert("l/q");
  s.typed["l/t"] = "23.5";
  s.typed_checked["l/t"] = "23.5";
  s.gesture_made["l/g"] = "swipe-down";
  s.gesture_done.insert("l/h");
  s.first_try["l/q"] = false;
  s.first_try["l/t"] = true;
  ui::SavedSession back;
  std::vector<support::LoadError> problems;
  ASSERT_TRUE(ui::SessionFromJson(ui::SessionToJson(saved), "session.json", &back, &problems));
  for (const auto& p : problems) ADD_FAILURE() << p.ToString();  // every field is known and well formed
  EXPECT_EQ(back.session.flags_found, s.flags_found);
  EXPECT_EQ(back.session.flags_shown, s.flags_shown);
  EXPECT_EQ(back.session.conversation, s.conversation);
  EXPECT_EQ(back.session.endings_seen, s.endings_seen);
  EXPECT_EQ(back.session.quiz_picks, s.quiz_picks);
  EXPECT_EQ(back.session.quiz_checked, s.quiz_checked);
  EXPECT_EQ(back.session.typed, s.typed);
  EXPECT_EQ(back.session.typed_checked, s.typed_checked);
  EXPECT_EQ(back.session.gesture_made, s.gesture_made);
  EXPECT_EQ(back.session.gesture_done, s.gesture_done);
  EXPECT_EQ(back.session.first_try, s.first_try);
}

// [SECTION] Largest text, small screen: the states a learner reaches, not only the first frame

TEST_F(RehearsalKiosk, FoundFlagsAndAWholeConversationReflowAtTheLargestTextInEveryScript) {
  for (const char* locale : {"zh-Hans", "ug", "bo", "en"}) {
    SCOPED_TRACE(locale);
    Start(800, 600);
    app().SetLocale(locale);
    app().SetTextScaleIndexForRun(ui::kTextScaleCount - 1);
    auto expect_fits = [&](const std::string& where) {
      for (const a11y::Node* n : runner().tree().Flatten()) {
        EXPECT_FALSE(n->states & a11y::kClipped) << where << ": text does not fit: " << n->name;
        EXPECT_LE(n->bounds.x + n->bounds.w, 800.5f) << where << ": " << n->name;
        EXPECT_GE(n->bounds.x, -0.5f) << where << ": " << n->name;
      }
    };
    app().Navigate("lesson/rehearse-fake-sms/2");
    runner().Settle();
    lesson_ = app().library().FindLesson("rehearse-fake-sms");
    for (const content::Hotspot& h : lesson_->steps[1].hotspots) Activate(a11y::Role::kButton, Content(h.label));
    EXPECT_TRUE(NextEnabled());
    expect_fits("every flag found");
    app().Navigate("lesson/rehearse-police-call/2");
    runner().Settle();
    lesson_ = app().library().FindLesson("rehearse-police-call");
    const content::Step& call = lesson_->steps[1];
    // The longest path: the second reply at every turn.
    for (const content::Turn* turn = &call.turns[0]; turn;) {
      const content::Reply& r = turn->replies.size() > 1 ? turn->replies[1] : turn->replies[0];
      Activate(a11y::Role::kButton, Content(r.text));
      turn = call.FindTurn(r.next);
    }
    EXPECT_TRUE(NextEnabled());
    expect_fits("a whole conversation");
  }
}

// [SECTION] Spoken

TEST_F(RehearsalKiosk, TheCallersNextLineAndTheFlagCountAreSpoken) {
  const content::Step& call = Open("rehearse-police-call", 2, "zh-Hans");
  const content::Reply& reply = call.turns[0].replies[0];
  const content::Turn* next = call.FindTurn(reply.next);
  ASSERT_NE(next, nullptr);
  auto spoken = [&](const std::string& part) {
    for (const auto& e : app().announcer().log())
      if (e.ToString().find(part) != std::string::npos) return true;
    return false;
  };
  EXPECT_FALSE(spoken(Content(next->say)));
  Activate(Role::kButton, Content(reply.text));
  runner().Frame(2.0);
  runner().Settle();
  EXPECT_TRUE(spoken(Content(next->say))) << "the caller's new line is announced when it appears";

  const content::Step& flags = Open("rehearse-fake-sms", 2, "zh-Hans");
  const content::Hotspot* first = &*std::find_if(flags.hotspots.begin(), flags.hotspots.end(),
                                                 [](const content::Hotspot& h) { return h.correct; });
  Activate(Role::kButton, Content(first->label));
  runner().Frame(2.0);
  runner().Settle();
  EXPECT_TRUE(spoken(Count(1, flags.FlagCount())));
  EXPECT_TRUE(spoken(Content(first->feedback)));
}

// A blind learner hears who is talking: the caller's lines in another voice than the narrator
// and the learner's own replies (issue 15).
TEST_F(RehearsalKiosk, TheCallersLinesAreSpokenInAnotherVoiceThanTheLearnersReplies) {
  const content::Step& call = Open("rehearse-police-call", 2, "zh-Hans");
  const content::Reply& reply = call.turns[0].replies[0];
  const content::Turn* next = call.FindTurn(reply.next);
  ASSERT_NE(next, nullptr);
  Activate(Role::kButton, Content(reply.text));
  runner().Frame(2.0);
  runner().Settle();
  // The learner's reply, now a line of the transcript, is read on the way through the page.
  app().announcer().ReadPage(runner().tree());
  const a11y::Utterance* caller = nullptr;
  const a11y::Utterance* learner = nullptr;
  const a11y::Utterance* narrator = nullptr;
  for (const auto& e : app().announcer().log()) {
    const a11y::Utterance& u = e.utterance;
    if (u.text.find(Content(next->say)) != std::string::npos) caller = &u;
    else if (u.text.find(Content(reply.text)) != std::string::npos) learner = &u;
    else if (u.text.find(Content(call.instruction)) != std::string::npos) narrator = &u;
  }
  ASSERT_NE(caller, nullptr) << "the caller's new line is spoken";
  ASSERT_NE(learner, nullptr) << "the learner's reply is read with the page";
  ASSERT_NE(narrator, nullptr) << "the step's instruction is read with the page";
  EXPECT_TRUE(caller->character);
  EXPECT_FALSE(learner->character);
  EXPECT_FALSE(narrator->character);
  EXPECT_EQ(caller->voice, narrator->voice) << "the same language's voice, with another variant";
  EXPECT_NE(a11y::CharacterVoice(caller->voice), narrator->voice);
  // The mirror and --dump-tree carry who speaks.
  const a11y::Node* line = FindContaining(Role::kStatus, Content(next->say));
  ASSERT_NE(line, nullptr);
  EXPECT_TRUE(line->character);
  EXPECT_NE(runner().tree().ToJson().find("\"character\": true"), std::string::npos);
}

// [SECTION] Nothing stays at the kiosk

TEST_F(RehearsalKiosk, TheIdleResetForgetsEveryRehearsal) {
  const content::Step& flags = Open("rehearse-fake-sms", 2);
  Activate(Role::kButton, Content(flags.hotspots[0].label));
  app().Navigate("lesson/rehearse-police-call/2");
  runner().Settle();
  const content::Step& call = app().library().FindLesson("rehearse-police-call")->steps[1];
  const std::string said = Content(call.turns[0].replies[0].text);
  Activate(Role::kButton, said);
  app().Navigate("lesson/rehearse-shop-payment/3");
  runner().Settle();
  Activate(Role::kButton, "7");
  ASSERT_FALSE(app().session().flags_found.empty());
  ASSERT_FALSE(app().session().conversation.empty());
  ASSERT_FALSE(app().session().typed.empty());
  runner().Idle(140);
  EXPECT_EQ(app().route(), "picker");
  EXPECT_TRUE(app().session().flags_found.empty());
  EXPECT_TRUE(app().session().practice_tap.empty());
  EXPECT_TRUE(app().session().conversation.empty());
  EXPECT_TRUE(app().session().endings_seen.empty());
  EXPECT_TRUE(app().session().typed.empty());
  EXPECT_TRUE(app().session().first_try.empty());
  // Back at the call, the next learner starts from its first line.
  Pick("en");
  app().Navigate("lesson/rehearse-police-call/2");
  runner().Settle();
  EXPECT_EQ(AnyContaining(Tr("lesson.conv_you") + ": " + said), nullptr) << "the last learner's reply is gone";
  EXPECT_NE(Find(Role::kButton, said), nullptr) << "offered again, as a choice";
  EXPECT_FALSE(NextEnabled());
}

// [SECTION] Keyboard alone

TEST_F(RehearsalKiosk, AConversationCanBeHeldWithTheKeyboardAloneAndFocusStaysInTheReplies) {
  const content::Step& call = Open("rehearse-police-call", 2);
  auto focused = [&]() -> const a11y::Node* {
    for (const a11y::Node* n : runner().tree().Flatten())
      if (n->states & a11y::kFocused) return n;
    return nullptr;
  };
  auto press = [&](a11y::Key key) {
    runner().Frame(0.6);
    runner().Press(key);
  };
  const std::string first = Content(call.turns[0].replies[0].text);
  for (size_t i = 0; i < runner().tree().nodes.size() + 2; ++i) {
    const a11y::Node* f = focused();
    if (f && f->role == Role::kButton && f->name == first) break;
    press(a11y::Key::kTab);
  }
  ASSERT_NE(focused(), nullptr);
  ASSERT_EQ(focused()->name, first);
  // Enter on the first reply of every turn: focus lands on the first reply of the next turn.
  for (const content::Turn* turn = &call.turns[0]; turn;) {
    const content::Reply& r = turn->replies[0];
    ASSERT_EQ(focused()->name, Content(r.text));
    press(a11y::Key::kEnter);
    runner().Settle();
    turn = call.FindTurn(r.next);
    if (turn) ASSERT_NE(focused(), nullptr) << "focus lost after " << r.id;
  }
  EXPECT_TRUE(NextEnabled());
}

// [SECTION] Gestures: swipe and press-and-hold, by finger and by the labelled buttons

class GestureKiosk : public RehearsalKiosk {
 protected:
  // A tall window: the whole phone is on screen, so a finger can reach every part of it.
  const content::Step& OpenTall(const std::string& lesson_id, int step, const std::string& locale = "en") {
    Start(1280, 1800);
    Pick(locale);
    app().Navigate("lesson/" + lesson_id + "/" + std::to_string(step));
    runner().Settle();
    lesson_ = app().library().FindLesson(lesson_id);
    EXPECT_NE(lesson_, nullptr) << lesson_id;
    return lesson_->steps.at(step - 1);
  }
  const a11y::Node* Target(const content::Step& step) { return Find(Role::kButton, Content(step.target.label)); }
  // A finger slides from the target's middle `dx`, `dy` pixels.
  void Slide(const content::Step& step, float dx, float dy) {
    const a11y::Node* t = Target(step);
    ASSERT_NE(t, nullptr);
    const float x = t->bounds.x + t->bounds.w / 2, y = t->bounds.y + t->bounds.h / 2;
    runner().Drag(x, y, x + dx, y + dy);
  }
  void HoldTarget(const content::Step& step, double seconds) {
    const a11y::Node* t = Target(step);
    ASSERT_NE(t, nullptr);
    runner().Hold(t->bounds.x + t->bounds.w / 2, t->bounds.y + t->bounds.h / 2, seconds);
  }
  std::string SwipeButton(const content::Step& step, const char* direction) {
    return Tr("lesson.gesture_swipe", {{"direction", std::string(direction)}, {"target", Content(step.target.label)}});
  }
  // The feedback status holds both what was done and the pack's explanation.
  void ExpectFeedback(const std::string& what, const content::LocalizedText& why) {
    const a11y::Node* fb = Status(what);
    ASSERT_NE(fb, nullptr) << "no status saying \"" << what << "\"";
    EXPECT_NE(fb->name.find(Content(why)), std::string::npos) << fb->name;
    EXPECT_EQ(fb->name.find(Tr("lesson.try_again")), std::string::npos) << "never a bare try again: " << fb->name;
  }
};

TEST_F(GestureKiosk, ASwipeInTheWrongDirectionExplainsAndDoesNotAdvance) {
  const content::Step& step = OpenTall("unlock-charge", 3);
  ASSERT_EQ(step.type, content::StepType::kGesture);
  ASSERT_EQ(step.gesture, content::Gesture::kSwipe);
  ASSERT_EQ(step.direction, content::Direction::kUp);
  // The target is a button a screen reader finds, named by its label and described by what to do.
  const a11y::Node* target = Target(step);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->description, Content(step.instruction));
  EXPECT_TRUE(target->actions & a11y::kActionClick);
  EXPECT_FALSE(NextEnabled());
  EXPECT_NE(Status(Tr("lesson.gesture_needed")), nullptr) << "Next says why it waits";
  const int before = CurrentStep();

  // A finger slides down: explained (what was done, and why it does not unlock); not done.
  Slide(step, 0, 220);
  ExpectFeedback(Tr("lesson.gesture_swiped", {{"direction", std::string("down")}}), step.wrong_feedback);
  EXPECT_FALSE(NextEnabled());
  TapNode(Next());
  EXPECT_EQ(CurrentStep(), before);
  // Sideways is wrong too, and says which way it went.
  Slide(step, -200, 0);
  ExpectFeedback(Tr("lesson.gesture_swiped", {{"direction", std::string("left")}}), step.wrong_feedback);
  EXPECT_FALSE(NextEnabled());
  // A tap is not a swipe: its own explanation.
  TapNode(Target(step));
  ExpectFeedback(Tr("lesson.gesture_tapped"), step.tap_feedback);
  EXPECT_FALSE(NextEnabled());
  // Up, as asked: done, said so, and Next goes on.
  Slide(step, 0, -220);
  ExpectFeedback(Tr("lesson.correct"), step.right_feedback);
  EXPECT_TRUE(NextEnabled());
  EXPECT_EQ(Status(Tr("lesson.gesture_needed")), nullptr);
  Activate(Role::kButton, Tr("nav.next"));
  EXPECT_EQ(CurrentStep(), before + 1);
}

TEST_F(GestureKiosk, KeyboardSwitchAndScreenReaderSwipeWithLabelledButtons) {
  for (const char* locale : {"en", "zh-Hans"}) {
    SCOPED_TRACE(locale);
    const content::Step& step = OpenTall("unlock-charge", 3, locale);
    // One button per direction, each named by what it does.
    for (const char* d : {"up", "down", "left", "right"}) {
      const a11y::Node* b = Find(Role::kButton, SwipeButton(step, d));
      ASSERT_NE(b, nullptr) << d;
      EXPECT_TRUE(b->actions & a11y::kActionFocus) << "reachable by keyboard and switch scanning";
    }
    // The screen reader's double tap on the phone itself is a tap.
    Activate(Role::kButton, Content(step.target.label));
    ExpectFeedback(Tr("lesson.gesture_tapped"), step.tap_feedback);
    Activate(Role::kButton, SwipeButton(step, "right"));
    ExpectFeedback(Tr("lesson.gesture_swiped", {{"direction", std::string("right")}}), step.wrong_feedback);
    EXPECT_FALSE(NextEnabled());
    // Keyboard: focus the "swipe up" button and press Enter.
    const a11y::NodeId up = Find(Role::kButton, SwipeButton(step, "up"))->id;
    for (int i = 0; i < 80 && runner().tree().focus != up; ++i) runner().Press(a11y::Key::kTab);
    ASSERT_EQ(runner().tree().focus, up) << "Tab never reached the swipe-up button";
    runner().Press(a11y::Key::kEnter);
    ExpectFeedback(Tr("lesson.correct"), step.right_feedback);
    EXPECT_TRUE(NextEnabled());
  }
}

TEST_F(GestureKiosk, ALongPressStepIsNotDoneAfterATap) {
  const content::Step& step = OpenTall("voice-photo-message", 4);
  ASSERT_EQ(step.type, content::StepType::kGesture);
  ASSERT_EQ(step.gesture, content::Gesture::kLongPress);
  EXPECT_EQ(Find(Role::kButton, SwipeButton(step, "up")), nullptr) << "a long press has no directions";
  // A finger's quick tap, and a screen reader's: each explained, neither enough.
  TapNode(Target(step));
  ExpectFeedback(Tr("lesson.gesture_tapped"), step.tap_feedback);
  EXPECT_FALSE(NextEnabled());
  Activate(Role::kButton, Content(step.target.label));
  ExpectFeedback(Tr("lesson.gesture_tapped"), step.tap_feedback);
  EXPECT_FALSE(NextEnabled());
  // Held too briefly is still a tap; a slide is no hold.
  HoldTarget(step, 0.3);
  ExpectFeedback(Tr("lesson.gesture_tapped"), step.tap_feedback);
  Slide(step, 0, 200);
  ExpectFeedback(Tr("lesson.gesture_swiped", {{"direction", std::string("down")}}), step.wrong_feedback);
  EXPECT_FALSE(NextEnabled());
  // Held still for a second: the menu, explained; Next goes on.
  HoldTarget(step, 1.0);
  ExpectFeedback(Tr("lesson.correct"), step.right_feedback);
  EXPECT_TRUE(NextEnabled());
  EXPECT_TRUE(app().session().gesture_done.count("voice-photo-message/" + step.id));
}

TEST_F(GestureKiosk, PressAndHoldButtonMakesTheLongPressWithoutAFinger) {
  const content::Step& step = OpenTall("voice-photo-message", 4, "zh-Hans");
  const std::string hold = Tr("lesson.gesture_hold", {{"target", Content(step.target.label)}});
  ASSERT_NE(Find(Role::kButton, hold), nullptr);
  EXPECT_FALSE(NextEnabled());
  Activate(Role::kButton, hold);
  ExpectFeedback(Tr("lesson.correct"), step.right_feedback);
  EXPECT_TRUE(NextEnabled());
}

// On a screen where the lesson scrolls, a swipe on the phone is the phone's, not the page's.
TEST_F(GestureKiosk, TheLessonDoesNotScrollUnderASwipe) {
  const content::Step& step = Open("voice-photo-message", 4);  // 1280 x 800: the step scrolls
  Slide(step, 0, -150);
  ExpectFeedback(Tr("lesson.gesture_swiped", {{"direction", std::string("up")}}), step.wrong_feedback);
  const float y = Target(step)->bounds.y;
  Slide(step, 0, -150);  // the same again: the same feedback above the phone
  EXPECT_EQ(Target(step)->bounds.y, y) << "the page scrolled with the finger";
}

TEST_F(GestureKiosk, WhatAGestureDidIsSpokenAndFitsAtTheLargestText) {
  for (const char* locale : {"zh-Hans", "ug", "bo"}) {
    SCOPED_TRACE(locale);
    Start(800, 600);
    app().SetLocale(locale);
    app().SetTextScaleIndexForRun(ui::kTextScaleCount - 1);
    app().Navigate("lesson/unlock-charge/3");
    runner().Settle();
    lesson_ = app().library().FindLesson("unlock-charge");
    const content::Step& step = lesson_->steps[2];
    app().announcer().ClearLog();
    Activate(Role::kButton, SwipeButton(step, "down"));
    runner().Frame(2.0);
    runner().Settle();
    bool said = false;
    for (const auto& e : app().announcer().log())
      said |= e.ToString().find(Tr("lesson.gesture_swiped", {{"direction", std::string("down")}})) != std::string::npos;
    // (Tibetan has no voice: its screen is spoken from recordings or in Mandarin.)
    if (std::string(locale) == "zh-Hans") EXPECT_TRUE(said) << "the explanation is announced when it appears";
    for (const a11y::Node* n : runner().tree().Flatten()) {
      EXPECT_FALSE(n->states & a11y::kClipped) << "text does not fit: " << n->name;
      EXPECT_LE(n->bounds.x + n->bounds.w, 800.5f) << n->name;
      EXPECT_GE(n->bounds.x, -0.5f) << n->name;
    }
  }
}
