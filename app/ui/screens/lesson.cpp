// The lesson player: one step at a time (text, picture, practice on a simulated phone, quiz,
// and the rehearsals of steps.h: red flags, conversation, typing, gesture), then the completion screen
// with the lesson's mastery and a resume code.
#include "ui/page.h"
#include "ui/screens/screen.h"
#include "ui/screens/steps.h"

#include <algorithm>
#include <set>

namespace qiao::ui {

namespace {

void DrawCompletion(ScreenContext& c, const content::Lesson& lesson, int& current) {
  const std::string base = FormatRoute(c.route);
  // Done: the App marks it and issues a code after this frame (drawing never writes to disk).
  auto code = c.session.resume_code.find(lesson.id);
  if (code == c.session.resume_code.end() || !c.session.lesson_done.count(lesson.id))
    c.out.lesson_completed = lesson.id;
  BeginContent(0, base + "/done");
  Feedback("done", c.Ui("lesson.done_title"), Tone::kGood);
  const Msg title = c.Pack(lesson.title);
  Paragraph(c.Ui("lesson.done_body", {{"title", title.text}}));
  if (lesson.mastery_correct > 0) {
    // Kolibri's "m of n": questions right at the first try.
    int questions = 0, right = 0;
    for (const content::Step& s : lesson.steps) {
      if (!content::IsQuestion(s)) continue;
      ++questions;
      auto it = c.session.first_try.find(lesson.id + "/" + s.id);
      if (it != c.session.first_try.end() && it->second) ++right;
    }
    const bool mastered = right >= lesson.mastery_correct;
    Feedback("mastery",
             c.Ui(mastered ? "lesson.mastery_yes" : "lesson.mastery_no",
                  {{"right", double(right)}, {"total", double(questions)}, {"needed", double(lesson.mastery_correct)}}),
             mastered ? Tone::kGood : Tone::kInfo);
  }
  // A code to continue another day on this kiosk: issued once per completion, lesson ids only.
  if (code != c.session.resume_code.end()) {
    Paragraph(c.Ui("resume.your_code"));
    // In the learner's language, so it is spoken with the same voice as the rest of the screen.
    Heading(Msg{code->second.substr(0, 3) + " " + code->second.substr(3), c.translator().locale()}, 2);
  }
  if (Button("again", c.Ui("lesson.again"))) {
    current = 0;
    c.out.new_screen = true;
    // A new attempt: first tries count again, and the rehearsals start over.
    for (const content::Step& s : lesson.steps) {
      const std::string key = lesson.id + "/" + s.id;
      Session& ses = c.session;
      ses.first_try.erase(key);
      ses.flags_found.erase(key);
      ses.flags_shown.erase(key);
      ses.conversation.erase(key);
      ses.quiz_picks.erase(key);
      ses.quiz_checked.erase(key);
      ses.typed.erase(key);
      ses.typed_checked.erase(key);
      ses.gesture_made.erase(key);
      ses.gesture_done.erase(key);
    }
  }
  if (Button("to-list", c.Ui("lesson.to_list"), ButtonKind::kPrimary)) c.out.go = Route{Route::Kind::kLessons};
  EndContent();
}

void DrawPractice(ScreenContext& c, const content::Step& step, const std::string& key) {
  if (!step.title.empty()) Heading(c.Pack(step.title), 2);
  Paragraph(c.Pack(step.instruction));
  auto tapped = c.session.practice_tap.find(key);
  const int revealed = tapped == c.session.practice_tap.end() ? -1 : tapped->second;
  // Feedback sits above the phone so it is seen (and announced) without scrolling.
  if (revealed >= 0) {
    const content::Hotspot& h = step.hotspots[revealed];
    const Msg head = h.correct ? c.Ui("lesson.correct") : c.Ui("lesson.try_again");
    Feedback("feedback", Texts::Join(head, " ", c.Pack(h.feedback)), h.correct ? Tone::kGood : Tone::kBad);
  } else if (revealed == -2) {
    const Msg fb = step.miss_feedback.empty() ? c.Ui("lesson.practice_prompt") : c.Pack(step.miss_feedback);
    Feedback("feedback", Texts::Join(c.Ui("lesson.try_again"), " ", fb), Tone::kBad);
  }
  const int hit = PhoneScreen("phone", step.screen, c.translator().chain(), c.Pack(step.instruction),
                              &step.hotspots, revealed);
  if (hit != -1) c.session.practice_tap[key] = hit;
  if (!step.hint.empty()) {
    if (c.session.hint_shown.count(key))
      Feedback("hint", Texts::Join(c.Ui("lesson.hint"), ": ", c.Pack(step.hint)), Tone::kInfo);
    else if (Button("show-hint", c.Ui("lesson.show_hint")))
      c.session.hint_shown.insert(key);
  }
}

// A question with several right answers: tick every one, then Check. Right only when the ticks
// are exactly the right answers.
void DrawMultiQuiz(ScreenContext& c, const content::Step& step, const std::string& key) {
  Heading(c.Pack(step.question), 2);
  Paragraph(c.Ui("lesson.quiz_prompt_multiple"), TextRole::kSmall, Ctx().theme->muted_text);
  std::set<std::string> picks;
  if (auto it = c.session.quiz_picks.find(key); it != c.session.quiz_picks.end()) picks = it->second;
  PushGroup("choices", a11y::Role::kGroup, c.Pack(step.question));
  for (const content::Choice& choice : step.choices) {
    bool on = picks.count(choice.id) > 0;
    if (Checkbox(choice.id.c_str(), c.Pack(choice.text), &on)) {
      if (on) c.session.quiz_picks[key].insert(choice.id);
      else c.session.quiz_picks[key].erase(choice.id);
      c.session.quiz_checked.erase(key);  // the feedback was about the ticks before
    }
  }
  PopGroup();
  bool right = true, missed = false;
  for (const content::Choice& choice : step.choices) {
    if (choice.correct != (picks.count(choice.id) > 0)) right = false;
    if (choice.correct && !picks.count(choice.id)) missed = true;
  }
  if (Button("check", c.Ui("lesson.check"), ButtonKind::kPrimary) && !picks.empty()) {
    c.session.quiz_checked.insert(key);
    RecordFirstTry(c, key, right);
  }
  if (!c.session.quiz_checked.count(key)) return;
  // Right: what each right answer teaches. Not yet: why each wrong tick is wrong, and that
  // answers are missing (without giving them away).
  Msg text = c.Ui(right ? "lesson.correct" : "lesson.try_again");
  for (const content::Choice& choice : step.choices)
    if (picks.count(choice.id) && choice.correct == right) text = Texts::Join(text, " ", c.Pack(choice.feedback));
  if (!right && missed) text = Texts::Join(text, " ", c.Ui("lesson.quiz_more"));
  Feedback("feedback", text, right ? Tone::kGood : Tone::kBad);
}

void DrawQuiz(ScreenContext& c, const content::Step& step, const std::string& key) {
  if (step.multiple) {
    DrawMultiQuiz(c, step, key);
    return;
  }
  Heading(c.Pack(step.question), 2);
  Paragraph(c.Ui("lesson.quiz_prompt"), TextRole::kSmall, Ctx().theme->muted_text);
  PushGroup("choices", a11y::Role::kGroup, c.Pack(step.question));
  for (const content::Choice& choice : step.choices) {
    auto answer = c.session.quiz_answer.find(key);
    const bool selected = answer != c.session.quiz_answer.end() && answer->second == choice.id;
    if (RadioButton(choice.id.c_str(), c.Pack(choice.text), selected)) {
      c.session.quiz_answer[key] = choice.id;
      RecordFirstTry(c, key, choice.correct);
    }
  }
  PopGroup();
  auto answer = c.session.quiz_answer.find(key);
  if (answer == c.session.quiz_answer.end()) return;
  for (const content::Choice& choice : step.choices) {
    if (choice.id != answer->second) continue;
    const Msg head = choice.correct ? c.Ui("lesson.correct") : c.Ui("lesson.try_again");
    Feedback("feedback", Texts::Join(head, " ", c.Pack(choice.feedback)), choice.correct ? Tone::kGood : Tone::kBad);
  }
}

}  // namespace

void DrawLesson(ScreenContext& c) {
  const content::Lesson* lesson = c.library.FindLesson(c.route.id);
  if (!lesson || lesson->steps.empty()) {
    if (!TopBar(c, c.Ui("lessons.title"))) return;
    Paragraph(c.Ui("lessons.empty"));
    return;
  }
  const int count = static_cast<int>(lesson->steps.size());
  int& current = c.session.lesson_step[lesson->id];
  current = std::clamp(current, 0, count);
  if (!TopBar(c, c.Pack(lesson->title))) return;
  if (current == count) {
    DrawCompletion(c, *lesson, current);
    return;
  }

  const content::Step& step = lesson->steps[current];
  const std::string key = lesson->id + "/" + step.id;
  const bool last = current == count - 1;
  std::vector<RowButton> nav = {
      {"previous", c.Ui("nav.previous"), ButtonKind::kSecondary, current == 0},
      {"repeat", c.Ui("nav.repeat"), ButtonKind::kSecondary},
      {"next", last ? c.Ui("lesson.finish") : c.Ui("nav.next"), ButtonKind::kPrimary}};
  const float nav_h = ButtonRowHeight(nav, AvailableWidth());
  ProgressBar("progress", c.Ui("lesson.step_of", {{"step", double(current + 1)}, {"total", double(count)}}),
              float(current + 1) / count);

  // One scroll area per step: a new step starts at its top.
  BeginContent(nav_h + RowGap(), FormatRoute(c.route) + "/" + step.id);
  using content::StepType;
  PushGroup(step.id.c_str(), a11y::Role::kGroup,
            c.Pack(step.type == StepType::kQuiz                                      ? step.question
                   : step.type == StepType::kText || step.type == StepType::kImage ? step.title
                                                                                    : step.instruction));
  bool complete = true;  // Next is enabled; rehearsals hold it until they are done
  switch (step.type) {
    case content::StepType::kText:
      Heading(c.Pack(step.title), 2);
      Paragraphs(c.Pack(step.body));
      break;
    case content::StepType::kImage:
      if (!step.title.empty()) Heading(c.Pack(step.title), 2);
      PhoneScreen("picture", step.screen, c.translator().chain(), c.Pack(step.alt), nullptr, -1);
      if (!step.caption.empty()) Paragraph(c.Pack(step.caption), TextRole::kSmall, Ctx().theme->muted_text);
      break;
    case content::StepType::kPractice: DrawPractice(c, step, key); break;
    case content::StepType::kQuiz: DrawQuiz(c, step, key); break;
    case content::StepType::kRedFlags: complete = DrawRedFlags(c, step, key); break;
    case content::StepType::kConversation: complete = DrawConversation(c, step, key); break;
    case content::StepType::kTyping: complete = DrawTyping(c, step, key); break;
    case content::StepType::kGesture: complete = DrawGesture(c, step, key); break;
  }
  nav[2].disabled = !complete;  // the step says what is left (its "needed" status)
  PopGroup();
  EndContent();

  // Previous / Repeat / Next stay at the bottom of the screen, always reachable.
  PushGroup("lesson-nav", a11y::Role::kGroup, Msg{});
  const int pressed = ButtonRow(nav);
  PopGroup();
  if (pressed == 0 && current > 0) --current;
  if (pressed == 1) c.out.read_intro = true;  // focus stays on Repeat
  if (pressed == 2 && complete) ++current;
  if (pressed == 0 || (pressed == 2 && complete)) c.out.new_screen = true;
}

}  // namespace qiao::ui
