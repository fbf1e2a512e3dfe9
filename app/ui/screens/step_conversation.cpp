// A scam call or chat that unfolds line by line: the caller's line (a live region, so it is
// spoken in the learner's language as it appears), then the learner's replies as buttons; each
// reply leads to a later turn or to an ending, safe or a loss explained kindly. The path taken
// is the learner's session, so Back and a restart on their own device keep it. Complete when an
// ending is reached; "Try other answers" starts over to meet the other endings.
#include "ui/page.h"
#include "ui/screens/steps.h"

#include <string>

namespace qiao::ui {

bool DrawConversation(ScreenContext& c, const content::Step& step, const std::string& key) {
  if (!step.title.empty()) Heading(c.Pack(step.title), 2);
  Paragraph(c.Pack(step.instruction));
  if (step.turns.empty()) return true;
  std::vector<std::string> path;
  if (auto it = c.session.conversation.find(key); it != c.session.conversation.end()) path = it->second;

  const Msg caller = c.Pack(step.caller);
  const Msg you = c.Ui("lesson.conv_you");
  const content::Turn* turn = &step.turns.front();
  const content::Ending* ending = nullptr;
  PushGroup("transcript", a11y::Role::kGroup, caller);
  for (size_t n = 0;; ++n) {
    const std::string line_id = "say-" + std::to_string(n);
    ChatBubble(line_id.c_str(), caller, c.Pack(turn->say), false, /*live=*/n == path.size());
    if (n == path.size()) break;
    const content::Reply* reply = nullptr;
    for (const content::Reply& r : turn->replies)
      if (r.id == path[n]) reply = &r;
    if (!reply) {  // a path saved before the pack changed: keep what still fits
      path.resize(n);
      c.session.conversation[key] = path;
      break;
    }
    const std::string reply_id = "reply-" + std::to_string(n);
    ChatBubble(reply_id.c_str(), you, c.Pack(reply->text), true, false);
    if ((ending = step.FindEnding(reply->next))) break;
    turn = step.FindTurn(reply->next);
    if (!turn) break;  // the loader guarantees a next turn or ending; never loop on bad data
  }
  PopGroup();

  if (ending) {
    c.session.endings_seen[key].insert(ending->id);
    const Msg outcome = c.Ui(ending->safe ? "lesson.conv_safe" : "lesson.conv_loss");
    Feedback("ending", Texts::Join(Texts::Join(outcome, " ", c.Pack(ending->title)), " ", c.Pack(ending->text)),
             ending->safe ? Tone::kGood : Tone::kBad);
    if (step.endings.size() > 1)
      Paragraph(c.Ui("lesson.conv_endings", {{"seen", double(c.session.endings_seen[key].size())},
                                             {"total", double(step.endings.size())}}),
                TextRole::kSmall, Ctx().theme->muted_text);
    if (Button("again", c.Ui("lesson.conv_again"))) {
      c.session.conversation.erase(key);
      c.out.new_screen = true;  // back to the first line, focus on the step's heading
    }
    return true;
  }
  if (!turn) return true;
  // The replies keep their place in the list from turn to turn ("choice-0", ...), so keyboard
  // and switch focus stays in the replies when the next turn comes.
  const Msg question = c.Ui("lesson.conv_choose");
  Heading(question, 3);
  PushGroup("replies", a11y::Role::kGroup, question);
  for (size_t i = 0; i < turn->replies.size(); ++i) {
    const std::string id = "choice-" + std::to_string(i);
    if (Button(id.c_str(), c.Pack(turn->replies[i].text))) c.session.conversation[key].push_back(turn->replies[i].id);
  }
  PopGroup();
  Feedback("needed", c.Ui("lesson.conv_needed"), Tone::kInfo);
  return false;
}

}  // namespace qiao::ui
