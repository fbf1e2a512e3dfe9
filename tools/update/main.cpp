// qiao-update: installs a content channel (a USB stick's QIAO/ folder, or one on a web server:
// app/channel/fetch.h) on a kiosk. The work is app/channel/install.h; this parses arguments and prints for the operator.
// Exit status: 0 installed, 1 refused (old content kept), 2 wrong usage, 3 this machine could not
// do it (old content kept).
#include "channel/crypto.h"
#include "channel/fetch.h"
#include "channel/install.h"
#include "store/update_status.h"
#include "store/usage.h"
#include "support/files.h"
#include "support/json_reader.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr int kUsage = 2;

const char* kUsageText = R"(Usage: qiao-update DIR|URL [--root DIR] [--pubkey KEY...] [--today YYYY-MM-DD]
                   [--allow-channel-change] [--usage FILE] [--no-export] [--stick]
       qiao-update --web [--config FILE] [--root DIR] [--pubkey KEY...]
       qiao-update --export-usage DIR [--usage FILE]
       qiao-update --stick-removable [--root DIR]

  Checks the channel in DIR (channel.json, its signature, every file's size and SHA-256, the
  bundle loading as the kiosk loads it) and installs it under --root (default /var/lib/qiao),
  switching ROOT/current in one step and keeping the old content as ROOT/previous.
  Refuses content older than, or as old as, what is installed.

  URL (http:// or https://, the channel's folder on a web server, e.g.
  https://example.org/qiao/county-demo/): fetches channel.json and its signature first and
  refuses there what it would refuse from a folder; then downloads only what this kiosk lacks
  (the patch from the installed bundle when the channel has one, else the bundle; clips not
  here yet), each file checked for size and SHA-256 as it arrives, into ROOT/download/; an
  interrupted download is continued by the next run. Then installs as from a folder.

  --web                   the URL is the "updateUrl" of the kiosk's configuration (--config,
                          default /etc/qiao/kiosk.json); none there: web updates are off, said
                          once, exit 0 (what qiao-update-web.timer runs daily)

  --pubkey KEY            trust this minisign public key (repeatable; default the package's keys
                          in )" QIAO_TRUSTED_KEYS_DIR R"()
  --today DATE            the date expiry is judged by (default today)
  --allow-channel-change  accept a channel id other than the installed one
  --usage FILE            the kiosk's usage counts (default )" QIAO_KIOSK_DATA_DIR R"(/usage.csv)
  --no-export             do not leave the usage counts in DIR/export/
  --export-usage DIR      only leave the usage counts in DIR/export/ (no install; the operator's
                          own command, for any folder, e.g. an empty stick)
  --stick                 DIR is on a USB stick: tell the kiosk's screen (ROOT/update-status.json)
                          that an update runs, then what it changed or why it was refused
  --stick-removable       tell the kiosk's screen the stick is unmounted and may be removed

  Once DIR's channel.json is signed by a trusted key (whether or not it then installs),
  qiao-update leaves in DIR/export/ the kiosk's anonymous usage counts (per day, counts under 5
  withheld) as usage-<kiosk>-<date>.csv and the kiosk's status (app version, installed channel,
  sequence and content, uptime, restarts, problems) as status-<kiosk>-<date>.json. A stick
  without a trusted signature gets nothing: it may be anyone's.

Exit status: 0 installed, 1 refused (nothing changed; from a URL also an HTTP 4xx answer or a
             file the server sends wrong), 2 wrong usage, 3 could not write on this machine or, from
             a URL, could not reach the server, it answered 5xx or the download broke off
             (nothing changed).
)";

// The "updateUrl" of the kiosk's configuration (README "Kiosk configuration"): the web channel
// this kiosk follows. Empty when there is none; false + `error` (file:line:col: pointer) when
// the file or the value is wrong.
bool ConfiguredUrl(const std::string& config, std::string* url, std::string* error) {
  std::error_code ec;
  if (!std::filesystem::exists(config, ec)) return true;
  std::string bytes;
  if (!qiao::support::ReadFile(config, &bytes, error)) return *error = config + ": " + *error, false;
  std::vector<qiao::support::LoadError> errors;
  qiao::support::JsonReader r(bytes, config, &errors);
  if (r.ok() && r.IsObject(r.root(), ""))
    if (const auto* v = r.Field(r.root(), "", "updateUrl", false))
      if (r.AsString(*v, "/updateUrl", url) && !url->empty() && !qiao::channel::IsChannelUrl(*url))
        r.Error("/updateUrl", "expected an http:// or https:// address of a channel's folder");
  if (errors.empty()) return true;
  *error = errors.front().ToString();
  return false;
}

int Usage(const std::string& message) {
  if (!message.empty()) std::cerr << "qiao-update: " << message << "\n";
  std::cerr << kUsageText;
  return kUsage;
}

// A name for this kiosk's export that tells kiosks apart and nothing else: the first 12 hex
// digits of the SHA-256 of the machine id.
std::string KioskName() {
  std::ifstream in("/etc/machine-id");
  std::string id;
  if (!(in >> id) || id.empty()) return "kiosk";
  return qiao::channel::Sha256Hex(id).substr(0, 12);
}

// Writes `bytes` as `dir/name` safely on a stick anyone may have prepared: never through a
// symbolic link (qiao-update runs as root), under a temporary name, flushed, then renamed (a stick
// pulled out mid-write leaves no half file under the real name). Empty on success, else why.
std::string WriteOnStick(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_symlink(dir.parent_path(), ec) || fs::is_symlink(dir, ec)) return "it is a symbolic link";
  fs::create_directory(dir, ec);
  if (fs::is_symlink(dir, ec) || !fs::is_directory(dir, ec)) return "it is not a folder";
  const fs::path out = dir / name, partial = out.string() + ".partial";
  fs::remove(partial, ec);
  int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
  bool ok = fd >= 0 && ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  if (ok) ok = std::rename(partial.c_str(), out.c_str()) == 0;
  if (ok) return "";
  fs::remove(partial, ec);
  return "cannot write there (a read-only stick?)";
}

// Whole hours since the machine booted (/proc/uptime), -1 if unknown. Hours, not seconds: the
// bureau needs to see a kiosk that reboots often, nothing finer.
long long UptimeHours() {
  std::ifstream in("/proc/uptime");
  double seconds = -1;
  if (!(in >> seconds) || seconds < 0) return -1;
  return static_cast<long long>(seconds / 3600);
}

// The kiosk's status for the bureau. Only these keys (tests/ui/usage_kiosk_test.cpp checks them
// against its allow-list): nothing about a person, no time finer than a day.
std::string StatusJson(const std::string& kiosk, const std::string& today, const std::string& root,
                       const qiao::store::UsageCounts& counts, const std::string& update,
                       const std::vector<std::string>& problems) {
  namespace ch = qiao::channel;
  nlohmann::ordered_json j;
  j["format"] = "qiao-kiosk-status/1";
  j["kiosk"] = kiosk;
  j["day"] = today;
  j["appVersion"] = ch::AppVersion();
  std::string error;
  std::optional<ch::Manifest> installed = ch::InstalledManifest(root, &error);
  j["channel"] = installed ? nlohmann::ordered_json(installed->channel) : nullptr;
  j["sequence"] = installed ? nlohmann::ordered_json(installed->sequence) : nullptr;
  const ch::FileEntry* bundle = installed ? installed->Bundle() : nullptr;
  j["contentVersion"] = bundle ? nlohmann::ordered_json(bundle->content_sha256) : nullptr;
  const long long hours = UptimeHours();
  j["uptimeHours"] = hours >= 0 ? nlohmann::ordered_json(hours) : nullptr;
  // Every start of the kiosk program since its data folder was made (the package's install),
  // the first one not a restart.
  const uint64_t starts = counts.Total("kiosk", "start");
  j["kioskStarts"] = starts;
  j["restarts"] = starts > 0 ? starts - 1 : 0;
  j["update"] = update;
  std::vector<std::string> all = problems;
  if (!error.empty()) all.push_back(error);
  j["problems"] = all;
  return j.dump(2, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Leaves the counts and the status in DIR/export/. Returns the messages for the operator.
std::vector<std::string> Export(const std::string& channel_dir, const std::string& usage_file, const std::string& root,
                                const std::string& today, const std::string& update,
                                const std::vector<std::string>& update_errors) {
  namespace fs = std::filesystem;
  std::vector<std::string> problems, notes;
  qiao::store::UsageCounts counts = qiao::store::UsageCounts::Load(usage_file, &problems);
  for (const std::string& p : problems) notes.push_back("qiao-update: " + p);
  // What the kiosk's operator notice shows now (the kiosk keeps it beside usage.csv).
  std::vector<std::string> read_problems;
  std::vector<std::string> shown = qiao::store::LoadShownProblems(
      (fs::path(usage_file).parent_path() / qiao::store::kProblemsFile).string(), &read_problems);
  for (const std::string& p : read_problems) notes.push_back("qiao-update: " + p);
  for (const std::string& e : update_errors) shown.push_back("update " + update + ": " + e);  // e.g. a refused release
  // FindChannelFile: on a FAT stick the folder may show as EXPORT (app/channel/README.md).
  const fs::path dir = qiao::channel::FindChannelFile(channel_dir, "export");
  const std::string kiosk = KioskName(), stem = kiosk + "-" + today;
  std::string why = WriteOnStick(dir, "usage-" + stem + ".csv", counts.ExportCsv());
  if (!why.empty()) {
    notes.push_back("usage counts not left in " + dir.string() + ": " + why);
    return notes;
  }
  notes.push_back("usage counts (" + std::to_string(counts.rows().size()) + " rows) left in " +
                  (dir / ("usage-" + stem + ".csv")).string());
  why = WriteOnStick(dir, "status-" + stem + ".json", StatusJson(kiosk, today, root, counts, update, shown));
  notes.push_back(why.empty() ? "kiosk status left in " + (dir / ("status-" + stem + ".json")).string()
                              : "kiosk status not left in " + dir.string() + ": " + why);
  return notes;
}

// The kiosk's operator screen (store/update_status.h): what this run does, written into the
// update root for the kiosk to show.
namespace status {

namespace st = qiao::store;

st::UpdateReason Reason(qiao::channel::InstallProblem p) {
  using P = qiao::channel::InstallProblem;
  switch (p) {
    case P::kNone: return st::UpdateReason::kNone;
    case P::kSignature: return st::UpdateReason::kSignature;
    case P::kSame: return st::UpdateReason::kSame;
    case P::kOlder: return st::UpdateReason::kOlder;
    case P::kOtherChannel: return st::UpdateReason::kOtherChannel;
    case P::kAppVersion: return st::UpdateReason::kAppVersion;
    case P::kDamaged: return st::UpdateReason::kDamaged;
    case P::kContent: return st::UpdateReason::kContent;
    case P::kMachine: return st::UpdateReason::kMachine;
  }
  return st::UpdateReason::kNone;
}

std::vector<st::UpdateChange> Changes(const std::vector<qiao::channel::ContentChange>& in) {
  std::vector<st::UpdateChange> out;
  for (const auto& c : in) out.push_back({c.kind, c.id, c.title});
  return out;
}

st::UpdateStatus Started() {
  st::UpdateStatus s;
  s.pid = ::getpid();
  s.boot_id = st::BootId();
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  s.run = s.boot_id + "/" + std::to_string(s.pid) + "/" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count());
  return s;
}

void Finish(st::UpdateStatus* s, const qiao::channel::InstallResult& r) {
  using qiao::channel::InstallStatus;
  s->state = r.status == InstallStatus::kInstalled ? st::UpdateState::kInstalled
             : r.status == InstallStatus::kRefused ? st::UpdateState::kRefused
                                                   : st::UpdateState::kFailed;
  s->channel = r.channel;
  s->sequence = r.sequence;
  s->previous_sequence = r.previous_sequence;
  s->expires = r.expires;
  s->expired = r.expired;
  s->added = Changes(r.added);
  s->changed = Changes(r.changed);
  s->removed = Changes(r.removed);
  s->reason = Reason(r.problem);
  s->detail.clear();
  for (const std::string& e : r.errors) s->detail += e + "\n";
  for (const std::string& w : r.warnings) s->detail += "warning: " + w + "\n";
}

// Writes it; a failure only loses the screen's message (the journal still has everything).
void Write(const std::string& root, const st::UpdateStatus& s) {
  std::error_code ec;
  std::filesystem::create_directories(root, ec);  // the first install makes the root
  std::string error;
  if (!st::WriteUpdateStatus(root, s, &error)) std::cerr << "qiao-update: the kiosk's screen is not told: " << error << "\n";
}

// After the stick script unmounted the stick.
int MarkRemovable(const std::string& root) {
  std::string error;
  std::optional<st::UpdateStatus> s = st::ReadUpdateStatus(root, &error);
  if (!s) {
    std::cerr << "qiao-update: no update status in " << root << (error.empty() ? "" : ": " + error) << "\n";
    return 1;
  }
  s->removable = true;
  Write(root, *s);
  return 0;
}

}  // namespace status

}  // namespace

int main(int argc, char** argv) {
  namespace ch = qiao::channel;
  ch::InstallOptions options;
  std::vector<std::string> key_files, dirs;
  std::string usage_file = std::string(QIAO_KIOSK_DATA_DIR) + "/usage.csv", export_only;
  bool export_usage = true, stick = false, stick_removable = false, web = false;
  std::string config = "/etc/qiao/kiosk.json";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::cout << kUsageText;
      return 0;
    } else if (a == "--root") {
      if (!value(&options.root)) return Usage("--root needs a folder");
    } else if (a == "--pubkey") {
      if (!value(&v)) return Usage("--pubkey needs a key file");
      key_files.push_back(v);
    } else if (a == "--today") {
      if (!value(&options.today) || !ch::IsDate(options.today)) return Usage("--today needs a date YYYY-MM-DD");
    } else if (a == "--allow-channel-change") {
      options.allow_channel_change = true;
    } else if (a == "--usage") {
      if (!value(&usage_file)) return Usage("--usage needs the kiosk's usage.csv");
    } else if (a == "--stick") {
      stick = true;
    } else if (a == "--stick-removable") {
      stick_removable = true;
    } else if (a == "--web") {
      web = true;
    } else if (a == "--config") {
      if (!value(&config)) return Usage("--config needs the kiosk's configuration file");
    } else if (a == "--no-export") {
      export_usage = false;
    } else if (a == "--export-usage") {
      if (!value(&export_only)) return Usage("--export-usage needs a channel folder");
    } else if (a.starts_with("--")) {
      return Usage("unknown option " + a);
    } else {
      dirs.push_back(a);
    }
  }
  if (options.today.empty()) options.today = ch::Today();
  if (stick_removable) return status::MarkRemovable(options.root);
  if (!export_only.empty()) {
    for (const std::string& n : Export(export_only, usage_file, options.root, options.today, "none", {}))
      std::cerr << n << "\n";
    return 0;
  }
  if (web) {
    if (!dirs.empty()) return Usage("--web takes the address from --config; give no folder or URL");
    std::string url, error;
    if (!ConfiguredUrl(config, &url, &error)) {
      std::cerr << "qiao-update: " << error << "\n";
      return kUsage;
    }
    // No address: web updates are off. Said once (a daily timer should not fill the journal).
    const std::string said = options.root + "/web-updates-off";
    std::error_code ec;
    if (url.empty()) {
      if (!std::filesystem::exists(said, ec)) {
        std::cerr << "qiao-update: no \"updateUrl\" in " << config << ": web updates are off (this is said once)\n";
        std::filesystem::create_directories(options.root, ec);
        std::ofstream(said) << "no updateUrl in " << config << "\n";
      }
      return 0;
    }
    std::filesystem::remove(said, ec);
    dirs.push_back(url);
  }
  if (dirs.size() != 1) return Usage("give one channel folder (e.g. /media/usb/QIAO) or URL");
  if (key_files.empty()) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(QIAO_TRUSTED_KEYS_DIR, ec))
      if (e.path().extension() == ".pub") key_files.push_back(e.path().string());
    std::sort(key_files.begin(), key_files.end());
  }
  if (key_files.empty()) return Usage("no trusted public key: none in " QIAO_TRUSTED_KEYS_DIR " and no --pubkey");
  std::string why;
  if (!ch::LoadPublicKeys(key_files, &options.keys, &why)) return Usage(why);

  qiao::store::UpdateStatus screen = status::Started();
  if (stick) status::Write(options.root, screen);
  const bool from_web = ch::IsChannelUrl(dirs[0]);
  if (from_web) std::cerr << "qiao-update: from " << dirs[0] << "\n";
  ch::InstallResult r = from_web ? ch::FetchAndInstall(dirs[0], options) : ch::Install(dirs[0], options);
  // Counts go back only on the bureau's own stick: one whose channel.json a trusted key signed
  // (checked again here: Install may have refused before or after its signature check). A web
  // server gets nothing (it is not written to).
  if (export_usage && !from_web) {
    std::vector<std::string> unsigned_why;
    if (ch::ReadSignedManifest(dirs[0], options.keys, &unsigned_why)) {
      const char* update = r.status == ch::InstallStatus::kInstalled ? "installed"
                           : r.status == ch::InstallStatus::kRefused  ? "refused"
                                                                      : "failed";
      for (std::string& n : Export(dirs[0], usage_file, options.root, options.today, update, r.errors)) r.notes.push_back(n);
    } else {
      r.notes.push_back("usage counts not left in " + dirs[0] + "/export: its channel is not signed by a trusted key");
    }
  }
  status::Finish(&screen, r);
  if (stick) status::Write(options.root, screen);
  for (const std::string& n : r.notes) std::cerr << n << "\n";
  for (const std::string& w : r.warnings) std::cerr << "warning: " << w << "\n";
  for (const std::string& e : r.errors) std::cerr << e << "\n";
  switch (r.status) {
    case ch::InstallStatus::kInstalled:
      std::cerr << "qiao-update: installed as " << options.root << "/current\n";
      break;
    case ch::InstallStatus::kRefused:
      std::cerr << "qiao-update: REFUSED: nothing was changed; the kiosk keeps its content"
                << (r.installed_sequence ? " (sequence " + std::to_string(r.installed_sequence) + ")" : "") << "\n";
      break;
    case ch::InstallStatus::kFailed:
      // From a URL, most failures are the way to the server (said above): the next run tries again.
      std::cerr << (from_web ? "qiao-update: FAILED (the next run tries again): nothing was changed; the kiosk keeps its content\n"
                             : "qiao-update: FAILED on this machine: nothing was changed; the kiosk keeps its content\n");
      break;
  }
  return static_cast<int>(r.status);
}
