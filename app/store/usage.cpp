#include "store/usage.h"

#include "store/store.h"

#include <charconv>
#include <ctime>

namespace qiao::store {

namespace {

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// Letters, digits and the few marks ids and locale tags use: never a comma, quote or space.
bool IsToken(std::string_view s, std::string_view marks, size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && marks.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool ParseCount(std::string_view s, uint64_t* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

std::string Csv(const std::map<UsageKey, UsageCount>& rows, bool withhold) {
  auto cell = [&](uint64_t n) {
    return withhold && n > 0 && n < kUsageWithheldBelow ? "<" + std::to_string(kUsageWithheldBelow) : std::to_string(n);
  };
  std::string out(kUsageCsvHeader);
  out += "\n";
  for (const auto& [k, c] : rows)
    out += k.day + "," + k.locale + "," + k.kind + "," + k.id + "," + cell(c.opened) + "," + cell(c.completed) + "\n";
  return out;
}

}  // namespace

bool IsValidUsageKey(const UsageKey& key) {
  return IsDate(key.day) && IsToken(key.locale, "-", 35) && (key.kind == "lesson" || key.kind == "guide") &&
         IsToken(key.id, "-_.", 100);
}

std::map<UsageKey, UsageCount> ParseUsageCsv(std::string_view text, const std::string& file,
                                             std::vector<std::string>* problems) {
  std::map<UsageKey, UsageCount> rows;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || (line_no == 1 && line == kUsageCsvHeader)) continue;
    std::vector<std::string_view> cells;
    for (size_t start = 0;;) {
      const size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    const std::string where = file + ":" + std::to_string(line_no) + ": ";
    if (cells.size() != 6) {
      problems->push_back(where + "expected 6 columns (" + std::string(kUsageCsvHeader) + "); skipped");
      continue;
    }
    UsageKey key{std::string(cells[0]), std::string(cells[1]), std::string(cells[2]), std::string(cells[3])};
    UsageCount count;
    if (!IsValidUsageKey(key) || !ParseCount(cells[4], &count.opened) || !ParseCount(cells[5], &count.completed)) {
      problems->push_back(where + "not a date, locale, lesson or guide, id and two counts; skipped");
      continue;
    }
    UsageCount& sum = rows[key];
    sum.opened += count.opened;
    sum.completed += count.completed;
  }
  return rows;
}

UsageCounts UsageCounts::Load(const std::string& path, std::vector<std::string>* problems) {
  UsageCounts counts;
  counts.path_ = path;
  std::vector<std::string> unheard;
  if (!problems) problems = &unheard;
  if (path.empty()) return counts;
  ReadResult r = Read(path);
  problems->insert(problems->end(), r.problems.begin(), r.problems.end());
  if (r.found) counts.rows_ = ParseUsageCsv(r.payload, path, problems);
  return counts;
}

bool UsageCounts::Add(const UsageKey& key, UsageEvent event) {
  if (!IsValidUsageKey(key)) return false;
  UsageCount& c = rows_[key];
  ++(event == UsageEvent::kOpened ? c.opened : c.completed);
  return true;
}

bool UsageCounts::Save(std::string* error) const {
  if (path_.empty()) return true;
  return Write(path_, ToCsv(), error);
}

std::string UsageCounts::ToCsv() const { return Csv(rows_, false); }
std::string UsageCounts::ExportCsv() const { return Csv(rows_, true); }

std::string LocalDay(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace qiao::store
