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
#include <set>
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

// An `audio/<locale>/clips.json` listing `clips` (all of that locale), each under its key and
// with "file" its WAV's file name: the WAV must lie in that folder. What qiao-update writes into
// a release (app/channel/clip_index.h) for AddFolder to read.
std::string FormatClipsJson(const std::vector<Clip>& clips);

// [SECTION] What to record: the recording script (`qiao-pack clips`) and the recording studio
// (`qiao-kiosk --record`) both list texts through ClipScript, so they agree on what is missing.

enum class ClipStatus { kRecorded, kNeedsRerecording, kMissing };
const char* ClipStatusName(ClipStatus status);  // "recorded", "needs re-recording", "no clip"

struct ClipText {
  std::string locale;
  std::string source;  // a UI catalog key, or "<pack id>#<JSON pointer>" ("@p2": its 2nd paragraph)
  std::string text;    // exactly as the kiosk shows and speaks it
  ClipStatus status = ClipStatus::kMissing;
  std::string file;    // its clip, or where to record it: <folder>/audio/<locale>/<hash>.wav
};

// The paragraphs the kiosk shows and speaks one by one (ui::Paragraphs splits at blank lines).
std::vector<std::string> SpeechParagraphs(const std::string& text);

// The UI catalog keys in locales/keys.txt's order (screen by screen, as a volunteer meets them).
std::vector<std::string> CatalogKeyOrder(const std::string& locales_dir);

class ClipScript {
 public:
  // `clips`: every clip the kiosk would load. It must outlive the script.
  explicit ClipScript(const ClipLibrary& clips);
  // A text, paragraph by paragraph ("for" names the paragraph: "<source>@p2" when there are
  // several). A text said twice is listed once. Its status: recorded when a clip of this exact
  // wording exists; needs re-recording when none does but one was recorded for the same source
  // (the wording changed since); else missing. `folder`: where a new clip of it would go.
  void Add(const std::string& locale, const std::string& source, const std::string& text,
           const std::string& folder);
  const std::vector<ClipText>& texts() const { return texts_; }
  std::vector<ClipText> Take() { return std::move(texts_); }

 private:
  const ClipLibrary& clips_;
  std::set<std::pair<std::string, std::string>> recorded_for_;  // (locale, "for")
  std::set<std::pair<std::string, std::string>> listed_;        // (locale, hash)
  std::vector<ClipText> texts_;
};

// [SECTION] Keeping a take (native only: clips_write.cpp, libebur128 and libsndfile)

// What the studio did to a take before keeping it.
struct TakeReport {
  double seconds = 0;          // after trimming
  double loudness_lufs = 0;    // integrated loudness after normalising (EBU R128)
  double true_peak_dbfs = 0;   // after normalising
};

// Trims leading and trailing silence (below -45 dBFS, keeping 0.1 s at each end) and normalises
// to -16 LUFS integrated loudness with the true peak at or below -1 dBFS, both measured by
// libebur128; a look-ahead limiter holds the peaks down where the gain to -16 LUFS would push
// them over. Mono float samples in -1..1. False with `error` set when nothing is left (a silent
// take).
bool PrepareTake(std::vector<float>* samples, int rate, TakeReport* report, std::string* error);

// Keeps a recording of `text` in `locale`: PrepareTake, then writes
// `root`/audio/<locale>/<hash>.wav (16-bit PCM WAV, libsndfile) and its clips.json entry, each
// through a temporary file, fsync and rename (the WAV first, then the index): after a power cut
// the clip is either fully there and listed, or not listed. A clips.json that cannot be read is
// left as it is and the take is refused (`error` names the file). `path`: the kept WAV.
bool KeepClip(const std::string& root, const std::string& locale, const std::string& text,
              const std::string& source, std::vector<float> samples, int rate, std::string* path,
              TakeReport* report, std::string* error);

}  // namespace qiao::a11y
