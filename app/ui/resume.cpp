#include "ui/resume.h"

#include "store/store.h"
#include "support/json_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace qiao::ui {

ResumeCodes::ResumeCodes(std::string file, std::vector<std::string>* problems) : file_(std::move(file)) {
  if (file_.empty()) return;
  store::ReadResult r = store::Read(file_);
  if (problems) problems->insert(problems->end(), r.problems.begin(), r.problems.end());
  if (!r.found) return;
  // {"codes": [{"code": "K7QX3M", "issued": 1765000000, "lessonsDone": ["qr-code"]}]}
  std::vector<support::LoadError> errors;
  support::JsonReader reader(r.payload, file_, &errors);
  using Value = support::JsonReader::Value;
  const Value* codes = nullptr;
  if (reader.ok() && reader.IsObject(reader.root(), "")) codes = reader.Field(reader.root(), "", "codes", true);
  if (codes && reader.IsArray(*codes, "/codes")) {
    std::span<const Value> items = reader.tree().children(*codes);
    for (size_t i = 0; i < items.size(); ++i) {
      // One bad entry costs only that entry (named in `problems`).
      const std::string ptr = support::PointerJoin("/codes", i);
      if (!reader.IsObject(items[i], ptr)) continue;
      bool has_code = false;
      Entry entry;
      entry.code = reader.String(items[i], ptr, "code", true, &has_code);
      const Value* issued = reader.Field(items[i], ptr, "issued", true);
      if (!has_code || !issued ||
          !reader.AsInteger(*issued, support::PointerJoin(ptr, "issued"), INT64_MIN, INT64_MAX, &entry.issued))
        continue;
      for (std::string& id : reader.Strings(items[i], ptr, "lessonsDone", false))
        entry.lessons_done.insert(std::move(id));
      entries_.push_back(std::move(entry));
    }
    reader.ReportUnknownFields();
  } else {
    errors.push_back({file_, 0, 0, "", "not a resume code list; starting a new one"});
  }
  if (problems)
    for (const support::LoadError& e : errors) problems->push_back(e.ToString());
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
