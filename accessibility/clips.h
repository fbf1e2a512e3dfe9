// Recorded clips: a person's recording of one exact text in one language, the first layer of the
// speech chain (issue 15). A folder `audio/<locale>/` beside the UI catalogs or the packs holds
// the WAV files and `clips.json`:
//
//   {"clips": {"<hash>": {"file": "<hash>.wav", "for": "lessons.title", "text": "སློབ་ཚན།"}}}
//
// Each clip is keyed by ClipHash(locale, text) of the text it is a recording of: an edited text
// has another hash, so it never plays the old recording. "text" is the text as recorded (it must
// hash to the key); "for" says what it was recorded for (a UI catalog key, or a pack's id and
// the text's JSON pointer, "basics#/lessons/0/title"), so tools can tell a text whose recording
// is out of date ("needs re-recording") from one that never had one (`qiao-pack clips`).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qiao::a11y {

// 8 lower-case hex digits: zlib's CRC-32 of "<locale>\n<text>" (UTF-8, exactly as shown). The
// PO round trip's sourceHashes use the same CRC-32. A collision cannot play a wrong clip: the
// clip's recorded text must also equal the text.
std::string ClipHash(std::string_view locale, std::string_view text);

struct Clip {
  std::string locale;
  std::string hash;    // ClipHash(locale, text)
  std::string path;    // the WAV file
  std::string text;    // the text it is a recording of
  std::string source;  // "for": a catalog key or "<pack id>#<JSON pointer>"; may be empty
};

class ClipLibrary {
 public:
  // Reads `root`/audio/<locale>/clips.json for every locale folder there. Problems go to
  // `problems` (file:line:col: pointer: message); entries whose WAV is missing, or whose text
  // does not hash to their key, are left out (the next layer of the chain speaks instead).
  void AddFolder(const std::string& root, std::vector<std::string>* problems);
  void Add(Clip clip);
  // A clip of `text` in `lang` at `path` (tests, and the recording studio after a take is kept).
  void Add(const std::string& lang, const std::string& text, const std::string& path);
  // The clip's WAV for exactly this text in this language, or null.
  const std::string* Find(std::string_view lang, std::string_view text) const;
  // Every clip, by (locale, hash).
  const std::map<std::pair<std::string, std::string>, Clip>& clips() const { return clips_; }
  size_t size() const { return clips_.size(); }

 private:
  std::map<std::pair<std::string, std::string>, Clip> clips_;
};

}  // namespace qiao::a11y
