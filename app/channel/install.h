// Installing a channel on a kiosk, never leaving it broken (what `qiao-update` runs). The kiosk
// keeps its content under ROOT (/var/lib/qiao):
//
//   objects/<sha256>.qbundle        verified, uncompressed bundles; objects/<sha256>.wav clips,
//                                   objects/<sha256>.json a clip index (clip_index.h)
//   releases/<channel>-<sequence>/  one installed release: bundle.qbundle, media/<sha>.{wav,json}
//                                   (hard links to objects), audio/<locale>/clips.json beside
//                                   <sha>.wav links (the clips as the kiosk's ClipLibrary reads
//                                   them), channel.json + .minisig as verified
//   current -> releases/<c>-<n>     what the kiosk shows; switched by one rename(2)
//   previous -> releases/<c>-<m>    the release before, kept
//   lock                            held while an update runs (two at once would race)
//
// Every file is written under a ".partial" name, fsync'ed, then renamed; a release folder is
// complete before `current` points at it; `current` changes in one rename of a symlink. So a power
// cut at any moment leaves the old content or the new, never a mix, and the next run cleans up
// what a cut left behind.
#pragma once

#include "channel/channel.h"

#include <map>
#include <string>
#include <vector>

namespace qiao::channel {

struct InstallOptions {
  std::string root = "/var/lib/qiao";
  std::vector<PublicKey> keys;   // trusted; the signature's key id picks one
  std::string today;             // YYYY-MM-DD (expiry warning); empty = Today()
  // Accept a channel id other than the installed one (its sequence then starts anew).
  bool allow_channel_change = false;
  // The channel folder is a download (fetch.h) holding only what this kiosk needs (NeededFiles):
  // a listed file that is absent is then no damage as long as the install can do without it (a
  // bundle a fitting patch or objects/ replaces, a clip already in objects/, an unused patch).
  bool only_needed_files = false;
};

// Why a channel was refused or could not be installed, for the operator's screen (qiao-update
// writes it into the status file the kiosk shows: store/update_status.h).
enum class InstallProblem {
  kNone,
  kSignature,     // channel.json or its signature missing, unreadable, or not by a trusted key
  kSame,          // this sequence is installed already
  kOlder,         // an older sequence than the installed one
  kOtherChannel,  // another channel id than the installed one
  kAppVersion,    // the channel needs a newer Qiao
  kDamaged,       // a listed file is missing, of the wrong size or hash
  kContent,       // the bundle does not load with the kiosk's loader
  kMachine,       // this machine could not write it (kFailed)
};

// A lesson or guide an update adds, changes (its JSON differs) or removes, with its title in
// every language the pack gives.
struct ContentChange {
  std::string kind;  // "lesson" or "guide"
  std::string id;
  std::map<std::string, std::string> title;  // locale tag -> title
};

enum class InstallStatus {
  kInstalled = 0,   // switched to the new content
  kRefused = 1,     // the channel is not acceptable (signature, hash, sequence, version...)
  kFailed = 3,      // this machine could not do it (disk full, permissions); old content kept
};

struct InstallResult {
  InstallStatus status = InstallStatus::kFailed;
  std::vector<std::string> errors;    // why it was refused or failed
  std::vector<std::string> warnings;  // installed anyway (e.g. expired)
  std::vector<std::string> notes;     // what was done, for the operator's log
  InstallProblem problem = InstallProblem::kNone;  // why, when not installed
  uint64_t installed_sequence = 0;    // after the run
  uint64_t previous_sequence = 0;     // before the run (0: nothing installed)
  bool used_patch = false;
  // What the channel is (once its signature is checked): id, sequence, expiry.
  std::string channel;
  uint64_t sequence = 0;
  std::string expires;
  bool expired = false;
  // Installed: what changed against the content installed before (all added on a first install).
  std::vector<ContentChange> added, changed, removed;
};

InstallResult Install(const std::string& channel_dir, const InstallOptions& options);

// Install's step 2, on its own so a download can refuse a channel before fetching its files:
// another channel id (unless allowed), a sequence not newer than the installed one, a too-new
// minAppVersion. True if acceptable; else false with `result`'s errors, status and problem set.
// `manifest_name` names channel.json in the messages (a path or a URL).
bool AcceptableRelease(const Manifest& m, const std::optional<Manifest>& installed, const InstallOptions& options,
                       const std::string& manifest_name, InstallResult* result);

// The files of `m` that Install will read from the channel folder on this kiosk (ROOT =
// options.root): the bundle, or instead the patch from the installed bundle when one is listed
// and the installed bundle is intact, or nothing when objects/ has the bundle already; every
// clip and clip index not already intact in objects/. What a download fetches (fetch.h).
std::vector<const FileEntry*> NeededFiles(const Manifest& m, const std::optional<Manifest>& installed,
                                          const std::string& root);

// What ROOT/current holds: its channel.json (as verified when installed). nullopt when nothing is
// installed yet; `error` set when something is installed but cannot be read.
std::optional<Manifest> InstalledManifest(const std::string& root, std::string* error);

}  // namespace qiao::channel
