#include "ui/resume.h"

#include "store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace qiao::ui {

ResumeCodes::ResumeCodes(std::string file, std::vector<std::string>* problems) : file_(std::move(file)) {
  if (file_.empty()) return;
  store::ReadResult r = store::Read(file_);
  if (problems) problems->insert(problems->end(), r.problems.begin(), r.problems.end());
  if (!r.found) return;
  nlohmann::json j = nlohmann::json::parse(r.payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("codes") || !j["codes"].is_array()) {
    if (problems) problems->push_back(file_ + ": not a resume code list; starting a new one");
    return;
  }
  for (const auto& e : j["codes"]) {
    if (!e.is_object() || !e.contains("code") || !e["code"].is_string() || !e.contains("issued") ||
        !e["issued"].is_number_integer())
      continue;  // one bad entry costs only that entry
    Entry entry{e["code"].get<std::string>(), e["issued"].get<int64_t>(), {}};
    if (e.contains("lessonsDone") && e["lessonsDone"].is_array())
      for (const auto& id : e["lessonsDone"])
        if (id.is_string()) entry.lessons_done.insert(id.get<std::string>());
    entries_.push_back(std::move(entry));
  }
}

void ResumeCodes::DropExpired(int64_t now) {
  std::erase_if(entries_, [&](const Entry& e) { return now - e.issued >= kLifetimeSeconds; });
}

void ResumeCodes::Save() {
  if (file_.empty()) return;
  nlohmann::json codes = nlohmann::json::array();
  for (const Entry& e : entries_)
    codes.push_back({{"code", e.code}, {"issued", e.issued}, {"lessonsDone", e.lessons_done}});
  std::string error;
  store::Write(file_, nlohmann::json{{"codes", codes}}.dump() + "\n", &error);  // best effort: the code still works this visit
}

std::string ResumeCodes::Issue(const std::set<std::string>& lessons_done, int64_t now) {
  DropExpired(now);
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  std::string code;
  do {
    code.clear();
    for (int i = 0; i < kLength; ++i) code += kAlphabet[pick(random_)];
  } while (std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.code == code; }));
  entries_.push_back({code, now, lessons_done});
  Save();
  return code;
}

std::optional<std::set<std::string>> ResumeCodes::Redeem(std::string_view typed, int64_t now) {
  std::string code;
  for (char c : typed)
    if (std::isalnum(static_cast<unsigned char>(c))) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const Entry& e : entries_)
    if (e.code == code && now - e.issued < kLifetimeSeconds && now >= e.issued) return e.lessons_done;
  return std::nullopt;
}

}  // namespace qiao::ui
