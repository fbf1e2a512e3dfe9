// Anonymous usage counts, for the bureau that feeds the kiosk content. Only counts per day, each
// named by what was counted; no time finer than a day, no session or order of visits, nothing a
// learner typed, nothing about a person. The kiosk counts (ui::App); qiao-update exports the
// counts into a signed channel's export/ folder when the bureau's stick is plugged in.
//
// Kept in the data folder as `usage.csv`, written through store::Write (crash-safe: a power cut
// loses at most the last count, never the file). One count per line, the same columns on disk
// and in the export:
//
//   day,locale,kind,id,what,count
//   2026-12-07,ug,lesson,smartphone-basics,started,12
//   2026-12-07,ug,lesson,smartphone-basics,stopped-at-3,4
//   2026-12-07,ug,kiosk,,language-picked,9
//   2026-12-07,,kiosk,,idle-reset,31
//
// What may be counted (IsValidUsageKey; anything else is refused):
//   kind lesson or guide, with a locale and an id:
//     started         the lesson or guide was opened (not a step within it)
//     finished        the lesson's end was reached
//     quiz-right      a question answered right at the first try
//     quiz-wrong      a question answered wrong at the first try
//     stopped-at-N    the visit ended (idle reset) with the lesson left unfinished at step N
//   kind kiosk, no id:
//     language-picked a visit picked this locale (locale set; once per visit and locale)
//     speech          a visit used a lesson, a guide or the settings with speech on
//     large-text      ... with text larger than the default
//     switch          a visit pressed a switch (switch access)
//     idle-reset      a visit ended at the idle reset
//     start           the kiosk program started (restarts, for the operator)
//   (these five: no locale; each counted at most once per visit)
// A "visit" is the time from the start screen to the idle reset that forgets the learner.
//
// In the export a count from 1 to 4 is withheld (written "<5"): on a quiet kiosk one visit in one
// language on one day could point at one person.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace qiao::store {

inline constexpr uint64_t kUsageWithheldBelow = 5;
inline constexpr std::string_view kUsageCsvHeader = "day,locale,kind,id,what,count";
// Every column the CSV may have, in order (what a bureau's allow-list check reads).
inline constexpr std::string_view kUsageColumns[] = {"day", "locale", "kind", "id", "what", "count"};
// The first format (before quiz and per-day counts): still read, as started/finished.
inline constexpr std::string_view kUsageCsvHeaderV1 = "day,locale,kind,id,opened,completed";
// The step numbers stopped-at-N may carry (longer lessons are counted at their last).
inline constexpr int kUsageMaxStep = 999;

struct UsageKey {
  std::string day;     // YYYY-MM-DD, the kiosk's local date
  std::string locale;  // the UI language tag ("zh-Hans", "ug", ...); empty for whole-kiosk counts
  std::string kind;    // "lesson", "guide" or "kiosk"
  std::string id;      // the lesson's or guide's id; empty for "kiosk"
  std::string what;    // what was counted (the list above)
  // Spelled out rather than `operator<=> = default`: the browser build's libc++ (Emscripten
  // 3.1.6, clang 14) has no <=> for std::string, so the defaulted one would be deleted there.
  bool operator<(const UsageKey& o) const {
    return std::tie(day, locale, kind, id, what) < std::tie(o.day, o.locale, o.kind, o.id, o.what);
  }
  bool operator==(const UsageKey& o) const {
    return std::tie(day, locale, kind, id, what) == std::tie(o.day, o.locale, o.kind, o.id, o.what);
  }
};

class UsageCounts {
 public:
  // The counts kept at `path` ("" = in memory only). A missing file is no counts yet; a damaged
  // one is named in `problems` (may be null; the previous good version, or none, is used).
  static UsageCounts Load(const std::string& path, std::vector<std::string>* problems);

  // Counts one event. False (nothing counted) for anything IsValidUsageKey refuses, so nothing
  // free-form can enter the file.
  bool Add(const UsageKey& key, uint64_t n = 1);
  // Writes the counts to the file they were loaded from.
  bool Save(std::string* error) const;

  const std::map<UsageKey, uint64_t>& rows() const { return rows_; }
  // The count of one key (0 if never counted).
  uint64_t Get(const UsageKey& key) const;
  // The sum over every day, locale and id of one kind's `what` ("kiosk", "start": starts).
  uint64_t Total(std::string_view kind, std::string_view what) const;
  // Every count, as kept on disk.
  std::string ToCsv() const;
  // For the bureau: counts from 1 to kUsageWithheldBelow - 1 written "<5".
  std::string ExportCsv() const;

 private:
  std::string path_;
  std::map<UsageKey, uint64_t> rows_;
};

// Reads the CSV (kUsageCsvHeader's columns, or the first format's). Each bad line is named
// ("usage.csv:7: ...") and skipped. `withheld` (may be null) receives the keys exported as "<5";
// without it "<5" is a bad line (the kiosk's own file never holds one).
std::map<UsageKey, uint64_t> ParseUsageCsv(std::string_view text, const std::string& file,
                                           std::vector<std::string>* problems,
                                           std::vector<UsageKey>* withheld = nullptr);
// Whether the key is one of those listed above.
bool IsValidUsageKey(const UsageKey& key);
// "stopped-at-N": N (1..kUsageMaxStep), else 0.
int StoppedAtStep(std::string_view what);
std::string StoppedAt(int step);
// The problems the kiosk currently shows the operator (a refused release, a missing font), kept
// by the kiosk beside usage.csv as `problems.txt` (one a line, through store::Write) so that
// qiao-update can put them in the export's status. At most kMaxKeptProblems, each cut to
// kMaxProblemChars bytes (at a UTF-8 boundary).
inline constexpr std::string_view kProblemsFile = "problems.txt";
inline constexpr size_t kMaxKeptProblems = 50, kMaxProblemChars = 400;
bool SaveShownProblems(const std::string& path, const std::vector<std::string>& problems, std::string* error);
// What SaveShownProblems kept (none if the file is missing; a damaged one is named in `problems`).
std::vector<std::string> LoadShownProblems(const std::string& path, std::vector<std::string>* problems);
// The local date of a Unix time, YYYY-MM-DD.
std::string LocalDay(int64_t unix_seconds);

}  // namespace qiao::store
