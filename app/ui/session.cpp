#include "ui/session.h"

#include "store/store.h"
#include "support/json_reader.h"

#include <nlohmann/json.hpp>

namespace qiao::ui {

void CompleteLesson(Session* session, ResumeCodes* codes, const std::string& id, int64_t unix_time) {
  session->lesson_done.insert(id);
  if (!session->resume_code.count(id)) session->resume_code[id] = codes->Issue(session->lesson_done, unix_time);
}

bool RedeemResumeCode(Session* session, ResumeCodes* codes, const std::string& code, int64_t unix_time) {
  std::optional<std::set<std::string>> done = codes->Redeem(code, unix_time);
  if (!done) {
    session->resume_rejected = code;
    return false;
  }
  session->lesson_done.insert(done->begin(), done->end());
  session->resume_entry.clear();
  session->resume_rejected.clear();
  return true;
}

std::string SessionToJson(const SavedSession& saved) {
  const Session& s = saved.session;
  nlohmann::json j;
  j["locale"] = saved.locale;
  j["route"] = saved.route;
  std::vector<std::string> history;
  for (const Route& r : s.history) history.push_back(FormatRoute(r));
  j["history"] = history;
  j["lessonStep"] = s.lesson_step;
  j["quizAnswer"] = s.quiz_answer;
  j["practiceTap"] = s.practice_tap;
  j["hintShown"] = s.hint_shown;
  j["flagsFound"] = s.flags_found;
  j["flagsShown"] = s.flags_shown;
  j["conversation"] = s.conversation;
  j["endingsSeen"] = s.endings_seen;
  j["quizPicks"] = s.quiz_picks;
  j["quizChecked"] = s.quiz_checked;
  j["typed"] = s.typed;
  j["typedChecked"] = s.typed_checked;
  j["gestureMade"] = s.gesture_made;
  j["gestureDone"] = s.gesture_done;
  j["firstTry"] = s.first_try;
  j["lessonDone"] = s.lesson_done;
  j["checklist"] = s.checklist;
  return j.dump(1) + "\n";
}

bool SessionFromJson(const std::string& text, const std::string& file, SavedSession* out,
                     std::vector<support::LoadError>* problems) {
  // Lenient entry by entry: a mistyped entry is named (file:line:col: pointer) and skipped, the
  // rest of the session still loads. Only text that is not a JSON object at all is refused.
  support::JsonReader r(text, file, problems);
  if (!r.ok() || !r.IsObject(r.root(), "")) return false;
  using Value = support::JsonReader::Value;
  const Value& root = r.root();
  SavedSession s;
  s.locale = r.String(root, "", "locale", false);
  s.route = r.String(root, "", "route", false);
  r.Array(root, "", "history", false, [&](const Value& v, const std::string& ptr) {
    std::string text_route;
    if (!r.AsString(v, ptr, &text_route)) return;
    if (std::optional<Route> route = ParseRoute(text_route)) s.session.history.push_back(std::move(*route));
    else r.Error(ptr, "\"" + text_route + "\" names no screen");
  });
  auto ints = [&](const char* key, std::map<std::string, int>* into) {
    r.Members(root, "", key, false, [&](std::string_view k, const Value& v, const std::string& ptr) {
      int n = 0;
      if (r.AsInteger(v, ptr, -2, 1 << 20, &n)) (*into)[std::string(k)] = n;
    });
  };
  ints("lessonStep", &s.session.lesson_step);
  ints("practiceTap", &s.session.practice_tap);
  r.Members(root, "", "quizAnswer", false, [&](std::string_view k, const Value& v, const std::string& ptr) {
    std::string id;
    if (r.AsString(v, ptr, &id)) s.session.quiz_answer[std::string(k)] = id;
  });
  for (std::string& key : r.Strings(root, "", "hintShown", false)) s.session.hint_shown.insert(std::move(key));
  for (std::string& id : r.Strings(root, "", "lessonDone", false)) s.session.lesson_done.insert(std::move(id));
  r.Members(root, "", "checklist", false, [&](std::string_view guide, const Value& v, const std::string& ptr) {
    std::vector<std::string> ids;
    if (r.AsStrings(v, ptr, &ids)) s.session.checklist[std::string(guide)].insert(ids.begin(), ids.end());
  });
  // Rehearsals (issue 13).
  auto string_sets = [&](const char* key, std::map<std::string, std::set<std::string>>* into) {
    r.Members(root, "", key, false, [&](std::string_view k, const Value& v, const std::string& ptr) {
      std::vector<std::string> ids;
      if (r.AsStrings(v, ptr, &ids)) (*into)[std::string(k)].insert(ids.begin(), ids.end());
    });
  };
  auto strings = [&](const char* key, std::map<std::string, std::string>* into) {
    r.Members(root, "", key, false, [&](std::string_view k, const Value& v, const std::string& ptr) {
      std::string text_value;
      if (r.AsString(v, ptr, &text_value)) (*into)[std::string(k)] = text_value;
    });
  };
  string_sets("flagsFound", &s.session.flags_found);
  for (std::string& key : r.Strings(root, "", "flagsShown", false)) s.session.flags_shown.insert(std::move(key));
  r.Members(root, "", "conversation", false, [&](std::string_view k, const Value& v, const std::string& ptr) {
    std::vector<std::string> replies;
    if (r.AsStrings(v, ptr, &replies)) s.session.conversation[std::string(k)] = std::move(replies);
  });
  string_sets("endingsSeen", &s.session.endings_seen);
  string_sets("quizPicks", &s.session.quiz_picks);
  for (std::string& key : r.Strings(root, "", "quizChecked", false)) s.session.quiz_checked.insert(std::move(key));
  strings("typed", &s.session.typed);
  strings("typedChecked", &s.session.typed_checked);
  strings("gestureMade", &s.session.gesture_made);
  for (std::string& key : r.Strings(root, "", "gestureDone", false)) s.session.gesture_done.insert(std::move(key));
  r.Members(root, "", "firstTry", false, [&](std::string_view k, const Value& v, const std::string& ptr) {
    bool right = false;
    if (r.AsBool(v, ptr, &right)) s.session.first_try[std::string(k)] = right;
  });
  r.ReportUnknownFields();
  *out = std::move(s);
  return true;
}

bool SessionFromJson(const std::string& text, SavedSession* out, std::string* error) {
  std::vector<support::LoadError> problems;
  const bool ok = SessionFromJson(text, "session.json", out, &problems);
  error->clear();
  for (const support::LoadError& e : problems) *error += (error->empty() ? "" : "\n") + e.ToString();
  return ok;
}

bool SessionStore::Load(SavedSession* out, std::vector<std::string>* problems) {
  if (path_.empty()) return false;
  store::ReadResult stored = store::Read(path_);  // crash-safe: checksum, previous good version
  problems->insert(problems->end(), stored.problems.begin(), stored.problems.end());
  if (!stored.found) return false;
  std::vector<support::LoadError> errors;
  const bool ok = SessionFromJson(stored.payload, path_, out, &errors);
  for (const support::LoadError& e : errors) problems->push_back(e.ToString() + (ok ? "" : " (starting a new session)"));
  if (!ok) return false;
  last_written_ = stored.payload;
  return true;
}

void SessionStore::SaveIfChanged(const SavedSession& saved, std::vector<std::string>* problems) {
  if (path_.empty()) return;
  std::string text = SessionToJson(saved);
  if (text == last_written_) return;
  std::string error;
  if (store::Write(path_, text, &error)) last_written_ = std::move(text);
  else problems->push_back(error);
}

}  // namespace qiao::ui
