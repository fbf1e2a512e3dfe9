// qiao-update: installs a content channel (a USB stick's QIAO/ folder, or a downloaded one) on a
// kiosk. The work is app/channel/install.h; this parses arguments and prints for the operator.
// Exit status: 0 installed, 1 refused (old content kept), 2 wrong usage, 3 this machine could not
// do it (old content kept).
#include "channel/install.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace {

constexpr int kUsage = 2;

const char* kUsageText = R"(Usage: qiao-update DIR [--root DIR] [--pubkey KEY...] [--today YYYY-MM-DD]
                   [--allow-channel-change]

  Checks the channel in DIR (channel.json, its signature, every file's size and SHA-256, the
  bundle loading as the kiosk loads it) and installs it under --root (default /var/lib/qiao),
  switching ROOT/current in one step and keeping the old content as ROOT/previous.
  Refuses content older than, or as old as, what is installed.

  --pubkey KEY            trust this minisign public key (repeatable; default the package's keys
                          in )" QIAO_TRUSTED_KEYS_DIR R"()
  --today DATE            the date expiry is judged by (default today)
  --allow-channel-change  accept a channel id other than the installed one

Exit status: 0 installed, 1 refused (nothing changed), 2 wrong usage,
             3 could not write on this machine (nothing changed).
)";

int Usage(const std::string& message) {
  if (!message.empty()) std::cerr << "qiao-update: " << message << "\n";
  std::cerr << kUsageText;
  return kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  namespace ch = qiao::channel;
  ch::InstallOptions options;
  std::vector<std::string> key_files, dirs;
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
    } else if (a.starts_with("--")) {
      return Usage("unknown option " + a);
    } else {
      dirs.push_back(a);
    }
  }
  if (dirs.size() != 1) return Usage("give one channel folder (e.g. /media/usb/QIAO)");
  if (key_files.empty()) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(QIAO_TRUSTED_KEYS_DIR, ec))
      if (e.path().extension() == ".pub") key_files.push_back(e.path().string());
    std::sort(key_files.begin(), key_files.end());
  }
  if (key_files.empty()) return Usage("no trusted public key: none in " QIAO_TRUSTED_KEYS_DIR " and no --pubkey");
  std::string why;
  if (!ch::LoadPublicKeys(key_files, &options.keys, &why)) return Usage(why);

  ch::InstallResult r = ch::Install(dirs[0], options);
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
      std::cerr << "qiao-update: FAILED on this machine: nothing was changed; the kiosk keeps its content\n";
      break;
  }
  return static_cast<int>(r.status);
}
