// What an update from a USB stick is doing, for the operator at the kiosk's screen. qiao-update
// (run by qiao-update-stick as root) writes it into the update root, ROOT/update-status.json,
// through store::Write (atomic, checksummed): first "updating" when it starts, then the result
// (installed, refused or failed, with what changed or why not), and, once the stick script has
// unmounted the stick, `removable`. The kiosk (ui::UpdateNotice) looks at the file about once a
// second and shows it in its current language; it never reads the stick itself.
//
//   {"format": "qiao-update-status/1", "run": "<boot id>/<pid>/<unix time>", "pid": 1234,
//    "bootId": "<…>", "state": "installed", "removable": true,
//    "channel": "county-demo", "sequence": 13, "previousSequence": 12,
//    "expires": "2027-12-07", "expired": false,
//    "added":   [{"kind": "lesson", "id": "fraud-sms", "title": {"en": "…", "zh-Hans": "…"}}],
//    "changed": [...], "removed": [...],
//    "reason": "", "detail": "…"}
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::store {

inline constexpr std::string_view kUpdateStatusFile = "update-status.json";  // in the update root

enum class UpdateState { kUpdating, kInstalled, kRefused, kFailed };

// Why an update was refused or failed, for the operator's screen (the catalog's
// "update.reason.<name>"); the English detail goes to the journal.
enum class UpdateReason {
  kNone,
  kSignature,     // no valid signature by a trusted publisher, or channel.json unreadable
  kSame,          // this sequence is installed already
  kOlder,         // an older sequence: no going back
  kOtherChannel,  // another channel than the kiosk follows
  kAppVersion,    // needs a newer Qiao
  kDamaged,       // a file is missing, damaged or incomplete on the stick
  kContent,       // the content does not load
  kMachine,       // this kiosk could not write it (disk full, permissions, another update running)
};
std::string_view UpdateReasonName(UpdateReason reason);

// A lesson or guide that an update added, changed or removed; its title in every language the
// pack gives (the kiosk picks its own).
struct UpdateChange {
  std::string kind;  // "lesson" or "guide"
  std::string id;
  std::map<std::string, std::string> title;  // locale tag -> title
};

struct UpdateStatus {
  std::string run;  // tells one run from another: "<boot id>/<pid>/<unix time>"
  int64_t pid = 0;  // qiao-update's, while it runs
  std::string boot_id;
  UpdateState state = UpdateState::kUpdating;
  bool removable = false;  // the stick is unmounted: it may be pulled out
  std::string channel;
  uint64_t sequence = 0;           // installed: the new one; refused: the stick's (0 if unknown)
  uint64_t previous_sequence = 0;  // what was installed before (0: nothing)
  std::string expires;             // the channel's expiry date, YYYY-MM-DD
  bool expired = false;            // installed anyway, with a warning
  std::vector<UpdateChange> added, changed, removed;
  UpdateReason reason = UpdateReason::kNone;
  std::string detail;  // the English messages, as the journal has them

  bool finished() const { return state != UpdateState::kUpdating; }
};

std::string UpdateStatusToJson(const UpdateStatus& status);
// nullopt (and `error` set) when the text is not a status file of this format.
std::optional<UpdateStatus> ParseUpdateStatus(std::string_view json, std::string* error);

// The file in `root`: written with store::Write; read with store::Read (a damaged file gives its
// previous good version).
bool WriteUpdateStatus(const std::string& root, const UpdateStatus& status, std::string* error);
std::optional<UpdateStatus> ReadUpdateStatus(const std::string& root, std::string* error);

// This machine's boot id (Linux: /proc/sys/kernel/random/boot_id), "" elsewhere.
std::string BootId();
// Whether the qiao-update that wrote an "updating" status is still running: the same boot and
// its process still there. A run killed by a power cut or SIGKILL leaves "updating" behind; the
// kiosk then says the update was interrupted instead of "do not remove the stick" for ever.
bool UpdaterAlive(const UpdateStatus& status);

}  // namespace qiao::store
