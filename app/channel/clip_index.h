// The clip index a channel ships: which text of which language each recorded clip speaks, so
// that a kiosk's clip library (accessibility/clips.h) finds the clips a channel brings. One file,
// `media/<sha256>.json`, listed in channel.json like every file (so it is signed through it and
// checked for size and hash), named by its own SHA-256:
//
//   {"format": "qiao-clips/1",
//    "clips": [{"locale": "bo", "text": "སློབ་ཚན།", "for": "lessons.title",
//               "sha256": "<SHA-256 of the WAV, listed in channel.json as media/<sha256>.wav>"}]}
//
// "text" is exactly the text recorded (the kiosk plays a clip only for that exact text: its key
// is ClipHash(locale, text), computed on the kiosk rather than trusted from the file); "for" is
// what it was recorded for (a UI catalog key or "<pack id>#<JSON pointer>"; may be empty).
// `qiao-pack publish --clips DIR` writes it from the recording studio's DIR/audio/<locale>/;
// `qiao-update` checks it and writes each release's audio/<locale>/clips.json (install.h).
#pragma once

#include "channel/channel.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::channel {

inline constexpr std::string_view kClipIndexFormat = "qiao-clips/1";

struct ChannelClip {
  std::string locale;  // a language tag, the name of its audio/<locale>/ folder on the kiosk
  std::string text;    // exactly as recorded
  std::string source;  // "for"; may be empty
  std::string sha256;  // of the WAV: media/<sha256>.wav
};

// The index's bytes, clips in the order given.
std::string FormatClipIndex(const std::vector<ChannelClip>& clips);

// Parses and checks an index: its format; every clip's locale (1-35 ASCII letters, digits and
// '-', not starting with '-': it becomes a folder name), a text, and a sha256 naming a WAV that
// `manifest` lists; no (locale, text) twice. Problems name `file`, line:column and the JSON
// pointer ("QIAO/media/ab12....json:7:17: /clips/2/sha256: ..."). nullopt when anything is wrong.
std::optional<std::vector<ChannelClip>> ParseClipIndex(std::string_view bytes, const std::string& file,
                                                       const Manifest& manifest,
                                                       std::vector<support::LoadError>* errors);

}  // namespace qiao::channel
