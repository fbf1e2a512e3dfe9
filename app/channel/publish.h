// Publishing a channel folder (what `qiao-pack publish` runs after bundling the packs): the
// bundle compressed, a patch from the folder's previous bundle, clips and their index, then channel.json with the
// next sequence number, signed. Publishing into the same folder again is how a channel moves on.
#pragma once

#include "channel/channel.h"

#include <optional>
#include <string>
#include <vector>

namespace qiao::channel {

struct PublishOptions {
  std::string out_dir;
  std::string channel;                  // id; must match the folder's previous channel.json
  std::optional<uint64_t> sequence;     // default: the folder's previous sequence + 1 (or 1)
  std::string created;                  // YYYY-MM-DD; default today
  std::string expires;                  // YYYY-MM-DD; default a year after `created`
  std::string min_app_version;          // default: this build's version
  std::vector<std::string> media_files; // .wav clips to ship as media/<sha256>.wav
  // Recording studio folders (DIR/audio/<locale>/clips.json, read with the kiosk's ClipLibrary):
  // every clip they list ships as media/<sha256>.wav, and the clip index (clip_index.h) says
  // which text of which language each one speaks. A problem in them stops the publishing.
  std::vector<std::string> clip_folders;
  int level = 19;                       // zstd level (bundles are published once, read often)
};

struct PublishResult {
  bool ok = false;
  std::string error;
  Manifest manifest;
  std::vector<std::string> notes;  // files written and removed
};

PublishResult Publish(const PublishOptions& options, std::string_view bundle, const SecretKey& key);

}  // namespace qiao::channel
