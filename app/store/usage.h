// Anonymous usage counts, for the bureau that feeds the kiosk content: per day, per locale, per
// lesson or guide, how often it was opened and completed. Nothing else is kept: no time finer
// than a day, no session or order of visits, nothing a learner typed, nothing about the device
// or a person. The kiosk counts (ui::App); qiao-update exports the counts into a channel's
// export/ folder when an update stick is plugged in.
//
// Kept in the data folder as `usage.csv`, written through store::Write (crash-safe: a power cut
// loses at most the last count, never the file). The same columns on disk and in the export:
//
//   day,locale,kind,id,opened,completed
//   2026-12-07,ug,lesson,smartphone-basics,12,7
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
inline constexpr std::string_view kUsageCsvHeader = "day,locale,kind,id,opened,completed";

struct UsageKey {
  std::string day;     // YYYY-MM-DD, the kiosk's local date
  std::string locale;  // the UI language tag ("zh-Hans", "ug", ...)
  std::string kind;    // "lesson" or "guide"
  std::string id;      // the lesson's or guide's id
  // Spelled out rather than `operator<=> = default`: the browser build's libc++ (Emscripten
  // 3.1.6, clang 14) has no <=> for std::string, so the defaulted one would be deleted there.
  bool operator<(const UsageKey& o) const { return std::tie(day, locale, kind, id) < std::tie(o.day, o.locale, o.kind, o.id); }
  bool operator==(const UsageKey& o) const { return std::tie(day, locale, kind, id) == std::tie(o.day, o.locale, o.kind, o.id); }
};

struct UsageCount {
  uint64_t opened = 0, completed = 0;
};

enum class UsageEvent { kOpened, kCompleted };

class UsageCounts {
 public:
  // The counts kept at `path` ("" = in memory only). A missing file is no counts yet; a damaged
  // one is named in `problems` (may be null; the previous good version, or none, is used).
  static UsageCounts Load(const std::string& path, std::vector<std::string>* problems);

  // Counts one event. False (nothing counted) for anything but a date, a locale tag, "lesson" or
  // "guide" and an id of letters, digits and - _ . (so nothing free-form can enter the file).
  bool Add(const UsageKey& key, UsageEvent event);
  // Writes the counts to the file they were loaded from.
  bool Save(std::string* error) const;

  const std::map<UsageKey, UsageCount>& rows() const { return rows_; }
  // Every count, as kept on disk.
  std::string ToCsv() const;
  // For the bureau: counts from 1 to kUsageWithheldBelow - 1 written "<5".
  std::string ExportCsv() const;

 private:
  std::string path_;
  std::map<UsageKey, UsageCount> rows_;
};

// Reads the CSV (ToCsv's or ExportCsv's columns; "<5" reads as unknown and is refused). Each bad
// line is named ("usage.csv:7: ...") and skipped.
std::map<UsageKey, UsageCount> ParseUsageCsv(std::string_view text, const std::string& file,
                                             std::vector<std::string>* problems);
// Whether the key's fields are what Add accepts.
bool IsValidUsageKey(const UsageKey& key);
// The local date of a Unix time, YYYY-MM-DD.
std::string LocalDay(int64_t unix_seconds);

}  // namespace qiao::store
