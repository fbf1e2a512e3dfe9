// What one learner did, and where it is kept on a learner's own device.
//
// At the kiosk the session lives only in memory and is forgotten at the idle reset and at
// "start over": nothing personal stays. In the browser on a learner's own phone
// (AppOptions::keep_session) it is kept in data_dir/session.json, so a restart lands where the
// learner was.
#pragma once

#include "support/json_source.h"
#include "ui/resume.h"
#include "ui/route.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace qiao::ui {

struct Session {
  std::vector<Route> history;                       // screens visited, for Back
  std::map<std::string, int> lesson_step;           // lesson id -> current step (0-based)
  std::map<std::string, std::string> quiz_answer;   // "lesson/step" -> choice id
  std::map<std::string, int> practice_tap;          // "lesson/step" -> last hotspot index, -2 miss
  std::set<std::string> hint_shown;                 // "lesson/step"
  // Rehearsals (issue 13), all keyed "lesson/step":
  std::map<std::string, std::set<std::string>> flags_found;  // red flags and safe parts tapped (ids)
  std::set<std::string> flags_shown;                // "show me the rest" was asked
  std::map<std::string, std::vector<std::string>> conversation;  // reply ids chosen, in order
  std::map<std::string, std::set<std::string>> endings_seen;     // conversation endings reached
  std::map<std::string, std::set<std::string>> quiz_picks;       // multi-answer quiz: ticked ids
  std::set<std::string> quiz_checked;               // multi-answer quiz: "check" pressed since the last change
  std::map<std::string, std::string> typed;         // typing step: what is on the keypad's display
  std::map<std::string, std::string> typed_checked; // typing step: what was last checked
  std::map<std::string, std::string> gesture_made;  // gesture step: the last gesture ("tap", "hold", "swipe-up"...)
  std::set<std::string> gesture_done;               // gesture step: the asked-for gesture was made
  std::map<std::string, bool> first_try;            // question steps: right at the first try (mastery)
  std::set<std::string> lesson_done;
  std::map<std::string, std::set<std::string>> checklist;  // guide id -> ticked item ids
  std::map<std::string, std::string> resume_code;  // lesson id -> the code shown at its end
  // What the learner is typing on Home (never saved).
  std::string search_query;
  std::string resume_entry;
  std::string resume_rejected;  // the last complete code typed that the kiosk did not know
};

// The learner reached the end of lesson `id`: it is done, and a resume code for everything done
// so far is issued (once per completion; lesson ids only). `unix_time`: now, in seconds.
void CompleteLesson(Session* session, ResumeCodes* codes, const std::string& id, int64_t unix_time);
// A complete code typed on Home: true (and the lessons it holds marked done, the field cleared)
// when the kiosk knows it; false keeps it as `resume_rejected` so Home can say so.
bool RedeemResumeCode(Session* session, ResumeCodes* codes, const std::string& code, int64_t unix_time);

// The session as JSON, with the route and locale, and back. Parsing is lenient: unknown or
// mistyped fields are skipped; false only when the text is not a JSON object (the error says
// where).
struct SavedSession {
  Session session;
  std::string route;
  std::string locale;
};
std::string SessionToJson(const SavedSession& saved);
// Each problem names `file`, line:column and the JSON pointer of the entry that was skipped.
bool SessionFromJson(const std::string& text, const std::string& file, SavedSession* out,
                     std::vector<support::LoadError>* problems);
// The same with the problems as text, one per line ("session.json:line:col: pointer: message").
bool SessionFromJson(const std::string& text, SavedSession* out, std::string* error);

// data_dir/session.json through the crash-safe store (app/store). An empty path keeps nothing.
class SessionStore {
 public:
  explicit SessionStore(std::string path) : path_(std::move(path)) {}
  // The saved session, if there is a readable one; problems (a corrupt file) are reported and
  // the learner starts afresh.
  bool Load(SavedSession* out, std::vector<std::string>* problems);
  // Writes when the text differs from what was last written.
  void SaveIfChanged(const SavedSession& saved, std::vector<std::string>* problems);

 private:
  std::string path_;
  std::string last_written_;
};

}  // namespace qiao::ui
