#include "ui/session.h"

#include "store/store.h"

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
  j["firstTry"] = s.first_try;
  j["lessonDone"] = s.lesson_done;
  j["checklist"] = s.checklist;
  return j.dump(1) + "\n";
}

namespace {

// Typed readers that never throw (the browser build has no exception catching): false when the
// JSON value does not have the expected shape.
bool Read(const nlohmann::json& j, std::string* out) {
  if (!j.is_string()) return false;
  *out = j.get<std::string>();
  return true;
}
bool Read(const nlohmann::json& j, bool* out) {
  if (!j.is_boolean()) return false;
  *out = j.get<bool>();
  return true;
}
bool Read(const nlohmann::json& j, int* out) {
  if (!j.is_number_integer()) return false;
  *out = j.get<int>();
  return true;
}
bool Read(const nlohmann::json& j, Route* out) {
  std::string text;
  if (!Read(j, &text)) return false;
  std::optional<Route> r = ParseRoute(text);
  if (!r) return false;
  *out = std::move(*r);
  return true;
}
template <typename T>
bool Read(const nlohmann::json& j, std::vector<T>* out) {
  if (!j.is_array()) return false;
  for (const auto& e : j) {
    T v;
    if (!Read(e, &v)) return false;
    out->push_back(std::move(v));
  }
  return true;
}
template <typename T>
bool Read(const nlohmann::json& j, std::set<T>* out) {
  std::vector<T> v;
  if (!Read(j, &v)) return false;
  out->insert(v.begin(), v.end());
  return true;
}
template <typename T>
bool Read(const nlohmann::json& j, std::map<std::string, T>* out) {
  if (!j.is_object()) return false;
  for (const auto& [k, e] : j.items()) {
    T v;
    if (!Read(e, &v)) return false;
    (*out)[k] = std::move(v);
  }
  return true;
}

}  // namespace

bool SessionFromJson(const std::string& text, SavedSession* out, std::string* error) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    *error = "1:1: /: expected a JSON object";
    return false;
  }
  // Each field on its own: one mistyped field costs only that field.
  auto field = [&](const char* key, auto* value) {
    auto it = j.find(key);
    if (it != j.end() && !Read(*it, value)) *value = {};
  };
  SavedSession s;
  field("locale", &s.locale);
  field("route", &s.route);
  field("history", &s.session.history);
  field("lessonStep", &s.session.lesson_step);
  field("quizAnswer", &s.session.quiz_answer);
  field("practiceTap", &s.session.practice_tap);
  field("hintShown", &s.session.hint_shown);
  field("flagsFound", &s.session.flags_found);
  field("flagsShown", &s.session.flags_shown);
  field("conversation", &s.session.conversation);
  field("endingsSeen", &s.session.endings_seen);
  field("quizPicks", &s.session.quiz_picks);
  field("quizChecked", &s.session.quiz_checked);
  field("typed", &s.session.typed);
  field("typedChecked", &s.session.typed_checked);
  field("firstTry", &s.session.first_try);
  field("lessonDone", &s.session.lesson_done);
  field("checklist", &s.session.checklist);
  *out = std::move(s);
  return true;
}

bool SessionStore::Load(SavedSession* out, std::vector<std::string>* problems) {
  if (path_.empty()) return false;
  store::ReadResult stored = store::Read(path_);  // crash-safe: checksum, previous good version
  problems->insert(problems->end(), stored.problems.begin(), stored.problems.end());
  if (!stored.found) return false;
  std::string error;
  if (!SessionFromJson(stored.payload, out, &error)) {
    problems->push_back(path_ + ":" + error + " (starting a new session)");
    return false;
  }
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
