// qiao-pack publish / verify. Publishing bundles the packs exactly as `qiao-pack bundle` does
// (same bytes), then hands them to app/channel to compress, hash, patch and sign.
#include "tools/pack/publish.h"

#include "tools/pack/pack_tool.h"

#include "channel/channel.h"
#include "channel/publish.h"
#include "i18n/i18n.h"

#include <iostream>
#include <memory>
#include <vector>

namespace qiao::tools {
namespace {

constexpr int kOk = 0, kProblems = 1, kUsage = 2;

const char* kPublishUsage = R"(Usage: qiao-pack publish --key FILE --channel ID --out DIR [OPTIONS] PACK...

  Bundles the packs (as qiao-pack bundle), compresses the bundle, adds a patch from DIR's
  previous bundle, writes DIR/channel.json with the next sequence number and signs it
  (DIR/channel.json.minisig, minisign format; check with minisign -V -p KEY.pub -m channel.json).

  --key FILE            minisign secret key (minisign -G; -W for one without a password)
  --password-file FILE  the key's password, when it has one (first line)
  --channel ID          channel id, e.g. county-demo (lowercase letters, digits, '-')
  --out DIR             the channel folder (a USB stick's QIAO/, or a web server's folder)
  --sequence N          instead of the folder's previous sequence + 1
  --created DATE        YYYY-MM-DD (default today); --expires DATE (default a year later)
  --min-app-version V   oldest Qiao that may install it (default this version)
  --media FILE          a recorded clip (.wav) to ship; repeatable
  --clips DIR           every clip the recording studio kept in DIR/audio/<locale>/clips.json,
                        with an index saying which text each speaks (media/<sha256>.json), so
                        kiosks speak them; repeatable
  --level N             zstd level (default 19)
  --locales DIR         UI locales (default the bundled ones)
)";

const char* kVerifyUsage = R"(Usage: qiao-pack verify DIR --pubkey KEY [--pubkey KEY...] [--today YYYY-MM-DD]

  Checks a channel folder as a kiosk does: signature, channel.json, every file's size and
  SHA-256, the bundle loading with the kiosk's loader, the clip index naming only listed clips.
  Expiry is a warning.
)";

int Usage(const char* text, const std::string& message) {
  if (!message.empty()) std::cerr << "qiao-pack: " << message << "\n";
  std::cerr << text;
  return kUsage;
}

struct Options {
  std::vector<std::string> paths;
  std::vector<std::pair<std::string, std::string>> values;
  std::string error;
  std::string Value(const std::string& name) const {
    for (const auto& [k, v] : values)
      if (k == name) return v;
    return {};
  }
  std::vector<std::string> All(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : values)
      if (k == name) out.push_back(v);
    return out;
  }
};

Options Parse(int argc, char** argv, const std::vector<std::string>& valued) {
  Options o;
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    if (!s.starts_with("--")) {
      o.paths.push_back(s);
    } else if (std::find(valued.begin(), valued.end(), s) == valued.end()) {
      o.error = "unknown option " + s;
    } else if (i + 1 >= argc) {
      o.error = s + " needs a value";
    } else {
      o.values.emplace_back(s, argv[++i]);
    }
  }
  return o;
}

// The bytes `qiao-pack bundle` writes for these packs; false (problems printed) if a pack is not valid.
bool BuildBundle(const std::vector<std::string>& paths, const std::string& locales, std::string* bytes) {
  std::unique_ptr<i18n::Translator> translator = i18n::Translator::Load(locales);
  std::vector<std::pair<std::string, std::vector<std::string>>> chains;
  for (const i18n::LocaleInfo& l : translator->locales()) {
    std::vector<std::string> chain = {l.tag};
    chain.insert(chain.end(), l.fallback.begin(), l.fallback.end());
    chains.emplace_back(l.tag, chain);
  }
  std::vector<support::LoadError> path_errors;
  std::vector<FileReport> reports;
  for (const std::string& file : ExpandPaths(paths, &path_errors)) reports.push_back(ValidateFile(file));
  CheckIdsAcrossPacks(reports);
  bool ok = path_errors.empty() && !reports.empty();
  for (const support::LoadError& e : path_errors) std::cerr << e.ToString() << "\n";
  for (const FileReport& r : reports) {
    for (const support::LoadError& e : r.errors) std::cerr << e.ToString() << "\n";
    ok = ok && r.valid();
  }
  if (!ok) return false;
  *bytes = Bundle(reports, chains).dump() + "\n";
  return true;
}

}  // namespace

int PublishCommand(int argc, char** argv, const std::string& default_locales) {
  Options o = Parse(argc, argv,
                    {"--key", "--password-file", "--channel", "--out", "--sequence", "--created", "--expires",
                     "--min-app-version", "--media", "--clips", "--level", "--locales"});
  if (!o.error.empty()) return Usage(kPublishUsage, o.error);
  if (o.Value("--key").empty() || o.Value("--channel").empty() || o.Value("--out").empty() || o.paths.empty())
    return Usage(kPublishUsage, "publish needs --key FILE, --channel ID, --out DIR and packs");
  channel::PublishOptions options;
  options.out_dir = o.Value("--out");
  options.channel = o.Value("--channel");
  options.created = o.Value("--created");
  options.expires = o.Value("--expires");
  options.min_app_version = o.Value("--min-app-version");
  options.media_files = o.All("--media");
  options.clip_folders = o.All("--clips");
  for (const std::string& date : {options.created, options.expires})
    if (!date.empty() && !channel::IsDate(date)) return Usage(kPublishUsage, "dates are written YYYY-MM-DD");
  if (!options.min_app_version.empty() && !channel::IsVersion(options.min_app_version))
    return Usage(kPublishUsage, "--min-app-version needs MAJOR.MINOR.PATCH, e.g. 0.1.0");
  try {
    if (!o.Value("--sequence").empty()) options.sequence = std::stoull(o.Value("--sequence"));
    if (!o.Value("--level").empty()) options.level = std::stoi(o.Value("--level"));
  } catch (const std::exception&) {
    return Usage(kPublishUsage, "--sequence and --level need numbers");
  }

  std::string key_text, password, why;
  if (!channel::ReadSmallFile(o.Value("--key"), 4096, &key_text, &why)) {
    std::cerr << "qiao-pack: " << o.Value("--key") << ": " << why << "\n";
    return kProblems;
  }
  if (!o.Value("--password-file").empty()) {
    if (!channel::ReadSmallFile(o.Value("--password-file"), 4096, &password, &why)) {
      std::cerr << "qiao-pack: " << o.Value("--password-file") << ": " << why << "\n";
      return kProblems;
    }
    password = password.substr(0, password.find_first_of("\r\n"));
  }
  std::optional<channel::SecretKey> key = channel::ParseSecretKey(key_text, password, &why);
  if (!key) {
    std::cerr << "qiao-pack: " << o.Value("--key") << ": " << why << "\n";
    return kProblems;
  }
  std::string bundle;
  if (!BuildBundle(o.paths, o.Value("--locales").empty() ? default_locales : o.Value("--locales"), &bundle)) {
    std::cerr << "qiao-pack: not published: fix the problems above first\n";
    return kProblems;
  }
  channel::PublishResult r = channel::Publish(options, bundle, *key);
  for (const std::string& note : r.notes) std::cerr << note << "\n";
  if (!r.ok) {
    std::cerr << "qiao-pack: not published: " << r.error << "\n";
    return kProblems;
  }
  std::cerr << "published channel \"" << r.manifest.channel << "\" sequence " << r.manifest.sequence << " into "
            << options.out_dir << " (expires " << r.manifest.expires << ")\n";
  return kOk;
}

int VerifyCommand(int argc, char** argv) {
  Options o = Parse(argc, argv, {"--pubkey", "--today"});
  if (!o.error.empty()) return Usage(kVerifyUsage, o.error);
  if (o.paths.size() != 1 || o.All("--pubkey").empty())
    return Usage(kVerifyUsage, "verify needs one channel folder and at least one --pubkey KEY");
  std::string today = o.Value("--today").empty() ? channel::Today() : o.Value("--today");
  if (!channel::IsDate(today)) return Usage(kVerifyUsage, "--today needs a date written YYYY-MM-DD");
  std::vector<channel::PublicKey> keys;
  std::string why;
  if (!channel::LoadPublicKeys(o.All("--pubkey"), &keys, &why)) {
    std::cerr << "qiao-pack: " << why << "\n";
    return kUsage;
  }
  channel::VerifyReport report = channel::VerifyChannel(o.paths[0], keys, today);
  for (const std::string& e : report.errors) std::cout << e << "\n";
  for (const std::string& w : report.warnings) std::cout << "warning: " << w << "\n";
  if (!report.ok()) {
    std::cerr << o.paths[0] << ": NOT valid; a kiosk would refuse it (" << report.errors.size()
              << (report.errors.size() == 1 ? " problem)\n" : " problems)\n");
    return kProblems;
  }
  const channel::Manifest& m = *report.manifest;
  std::cerr << o.paths[0] << ": valid: channel \"" << m.channel << "\" sequence " << m.sequence << ", "
            << m.files.size() << (m.files.size() == 1 ? " file" : " files") << " checked, expires " << m.expires
            << ", needs Qiao " << m.min_app_version << "\n";
  return kOk;
}

}  // namespace qiao::tools
