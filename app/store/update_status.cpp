#include "store/update_status.h"

#include "store/store.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include <signal.h>

namespace qiao::store {

namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "qiao-update-status/1";

struct StateName {
  UpdateState state;
  const char* name;
};
constexpr StateName kStates[] = {{UpdateState::kUpdating, "updating"},
                                 {UpdateState::kInstalled, "installed"},
                                 {UpdateState::kRefused, "refused"},
                                 {UpdateState::kFailed, "failed"}};

constexpr UpdateReason kReasons[] = {UpdateReason::kNone,         UpdateReason::kSignature, UpdateReason::kSame,
                                     UpdateReason::kOlder,        UpdateReason::kOtherChannel,
                                     UpdateReason::kAppVersion,   UpdateReason::kDamaged,   UpdateReason::kContent,
                                     UpdateReason::kMachine};

json ChangesToJson(const std::vector<UpdateChange>& changes) {
  json out = json::array();
  for (const UpdateChange& c : changes) out.push_back({{"kind", c.kind}, {"id", c.id}, {"title", c.title}});
  return out;
}

std::vector<UpdateChange> ChangesFromJson(const json& doc, const char* key) {
  std::vector<UpdateChange> out;
  if (!doc.contains(key) || !doc[key].is_array()) return out;
  for (const json& c : doc[key]) {
    if (!c.is_object()) continue;
    UpdateChange change{c.value("kind", ""), c.value("id", ""), {}};
    if (c.contains("title") && c["title"].is_object())
      for (const auto& [tag, text] : c["title"].items())
        if (text.is_string()) change.title[tag] = text.get<std::string>();
    if (!change.id.empty()) out.push_back(std::move(change));
  }
  return out;
}

std::string StatusPath(const std::string& root) {
  return (std::filesystem::path(root) / std::string(kUpdateStatusFile)).string();
}

}  // namespace

std::string_view UpdateReasonName(UpdateReason reason) {
  switch (reason) {
    case UpdateReason::kNone: return "";
    case UpdateReason::kSignature: return "signature";
    case UpdateReason::kSame: return "same";
    case UpdateReason::kOlder: return "older";
    case UpdateReason::kOtherChannel: return "other_channel";
    case UpdateReason::kAppVersion: return "app_version";
    case UpdateReason::kDamaged: return "damaged";
    case UpdateReason::kContent: return "content";
    case UpdateReason::kMachine: return "machine";
  }
  return "";
}

std::string UpdateStatusToJson(const UpdateStatus& s) {
  const char* state = "updating";
  for (const StateName& n : kStates)
    if (n.state == s.state) state = n.name;
  json doc = {{"format", kFormat},
              {"run", s.run},
              {"pid", s.pid},
              {"bootId", s.boot_id},
              {"state", state},
              {"removable", s.removable},
              {"channel", s.channel},
              {"sequence", s.sequence},
              {"previousSequence", s.previous_sequence},
              {"expires", s.expires},
              {"expired", s.expired},
              {"added", ChangesToJson(s.added)},
              {"changed", ChangesToJson(s.changed)},
              {"removed", ChangesToJson(s.removed)},
              {"reason", UpdateReasonName(s.reason)},
              {"detail", s.detail}};
  return doc.dump(2) + "\n";
}

std::optional<UpdateStatus> ParseUpdateStatus(std::string_view text, std::string* error) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || doc.value("format", "") != kFormat) {
    *error = "not a " + std::string(kFormat) + " file";
    return std::nullopt;
  }
  UpdateStatus s;
  try {
    s.run = doc.value("run", "");
    s.pid = doc.value("pid", int64_t{0});
    s.boot_id = doc.value("bootId", "");
    const std::string state = doc.value("state", "");
    bool known = false;
    for (const StateName& n : kStates)
      if (state == n.name) s.state = n.state, known = true;
    if (!known) {
      *error = "unknown state \"" + state + "\"";
      return std::nullopt;
    }
    s.removable = doc.value("removable", false);
    s.channel = doc.value("channel", "");
    s.sequence = doc.value("sequence", uint64_t{0});
    s.previous_sequence = doc.value("previousSequence", uint64_t{0});
    s.expires = doc.value("expires", "");
    s.expired = doc.value("expired", false);
    s.added = ChangesFromJson(doc, "added");
    s.changed = ChangesFromJson(doc, "changed");
    s.removed = ChangesFromJson(doc, "removed");
    const std::string reason = doc.value("reason", "");
    for (UpdateReason r : kReasons)
      if (UpdateReasonName(r) == reason) s.reason = r;
    s.detail = doc.value("detail", "");
  } catch (const json::exception& e) {  // a member of the wrong type
    *error = e.what();
    return std::nullopt;
  }
  return s;
}

bool WriteUpdateStatus(const std::string& root, const UpdateStatus& status, std::string* error) {
  return Write(StatusPath(root), UpdateStatusToJson(status), error);
}

std::optional<UpdateStatus> ReadUpdateStatus(const std::string& root, std::string* error) {
  const std::string path = StatusPath(root);
  ReadResult r = Read(path);
  if (!r.found) {
    if (!r.problems.empty()) *error = r.problems.front();
    return std::nullopt;
  }
  std::optional<UpdateStatus> s = ParseUpdateStatus(r.payload, error);
  if (!s) *error = path + ": " + *error;
  return s;
}

std::string BootId() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  in >> id;
  return id;
}

bool UpdaterAlive(const UpdateStatus& status) {
  if (status.finished() || status.pid <= 0 || status.boot_id != BootId()) return false;
  // EPERM: it is there, and not ours (qiao-update runs as root, the kiosk as qiao).
  return ::kill(static_cast<pid_t>(status.pid), 0) == 0 || errno == EPERM;
}

}  // namespace qiao::store
