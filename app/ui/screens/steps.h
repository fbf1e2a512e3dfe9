// The lesson player's step kinds that teach by rehearsal (issue 13), one file each, called from
// DrawLesson's switch (lesson.cpp). Each draws one step inside the step's group and returns
// whether the step is complete: Next stays disabled until it is, and the step itself says what
// is left to do (a status the screen reader announces).
#pragma once

#include "ui/screens/screen.h"

#include <string>

namespace qiao::ui {

// Find every red flag on a fake message (step_red_flags.cpp). Complete when every flag is found
// or the learner asked to see the rest.
bool DrawRedFlags(ScreenContext& c, const content::Step& step, const std::string& key);
// A scam call or chat, turn by turn (step_conversation.cpp). Complete when an ending is reached.
bool DrawConversation(ScreenContext& c, const content::Step& step, const std::string& key);
// An amount, a PIN or a number typed on an on-screen keypad (step_typing.cpp). Like a quiz it
// never holds the learner back.
bool DrawTyping(ScreenContext& c, const content::Step& step, const std::string& key);
// A swipe or a long press on the simulated phone (step_gesture.cpp), by finger or by the
// labelled buttons below the phone. Complete once the asked-for gesture is made.
bool DrawGesture(ScreenContext& c, const content::Step& step, const std::string& key);

// Records whether a question step was right at the learner's first try (a lesson's mastery).
void RecordFirstTry(ScreenContext& c, const std::string& key, bool right);

}  // namespace qiao::ui
