// Installing a channel from a static web server (`qiao-update https://host/qiao/<channel>/`):
// the same channel folder as on a USB stick (channel.h), fetched over HTTP(S) with libcurl, then
// installed by the one installer there is (install.h) from a staging folder under the update root.
//
//   ROOT/download/           the channel as far as this kiosk needs it: channel.json + .minisig,
//                            the patch or bundle, clips not already in objects/; a file still
//                            arriving is <path>.part (continued with a Range request next run)
//   ROOT/download.lock       held while a download runs
//
// Order: channel.json (at most 64 KiB) and its signature first, checked against the trusted keys
// and the installed sequence (AcceptableRelease): a refused channel costs two small requests.
// Then only the files NeededFiles names, each cut off as soon as it exceeds its listed size and
// hashed while it arrives; a complete file is checked again and renamed from .part. Then Install
// runs on the staging folder (options.only_needed_files), and the folder is emptied once installed.
// On every failure the installed content is untouched.
#pragma once

#include "channel/install.h"

#include <string>

namespace qiao::channel {

struct FetchOptions {
  // A rural link is slow: only a connection that does not open, or a download that stops moving
  // for this long, is given up (never a slow one that still moves).
  long connect_timeout_seconds = 30;
  long stalled_seconds = 120;
};

// True for an http:// or https:// address (what qiao-update treats as a web channel).
bool IsChannelUrl(const std::string& s);

// Downloads what the channel at `url` (its folder: ".../qiao/demo/" or ".../qiao/demo/channel.json")
// needs on this kiosk and installs it (InstallOptions as for a folder). Network problems (no
// connection, timeout, TLS, an interrupted download, HTTP 5xx) are kFailed/kMachine: nothing was wrong with
// the channel, try again later; what the server serves wrong (HTTP 4xx such as 404, a file
// longer than listed, a wrong hash) is kRefused/kDamaged (or kSignature for channel.json).
// Every message names the URL.
InstallResult FetchAndInstall(const std::string& url, const InstallOptions& options, const FetchOptions& fetch = {});

}  // namespace qiao::channel
