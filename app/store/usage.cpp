#include "store/usage.h"

#include "store/store.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>

namespace qiao::store {

namespace {

// YYYY-MM-DD, a real calendar date.
bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  auto num = [&](size_t at, size_t len) {
    int n = 0;
    for (size_t i = at; i < at + len; ++i) n = n * 10 + (s[i] - '0');
    return n;
  };
  using namespace std::chrono;
  return year_month_day{year{num(0, 4)}, month{unsigned(num(5, 2))}, day{unsigned(num(8, 2))}}.ok();
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
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

constexpr std::string_view kStoppedAt = "stopped-at-";

std::string Csv(const std::map<UsageKey, uint64_t>& rows, bool withhold) {
  std::string out(kUsageCsvHeader);
  out += "\n";
  for (const auto& [k, n] : rows) {
    if (n == 0) continue;
    const std::string cell =
        withhold && n < kUsageWithheldBelow ? "<" + std::to_string(kUsageWithheldBelow) : std::to_string(n);
    out += k.day + "," + k.locale + "," + k.kind + "," + k.id + "," + k.what + "," + cell + "\n";
  }
  return out;
}

std::vector<std::string_view> Cells(std::string_view line) {
  std::vector<std::string_view> cells;
  for (size_t start = 0;;) {
    const size_t comma = line.find(',', start);
    cells.push_back(line.substr(start, comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return cells;
}

}  // namespace

int StoppedAtStep(std::string_view what) {
  if (!what.starts_with(kStoppedAt)) return 0;
  std::string_view n = what.substr(kStoppedAt.size());
  uint64_t step = 0;
  if (n.empty() || n[0] == '0' || !ParseCount(n, &step) || step > kUsageMaxStep) return 0;
  return static_cast<int>(step);
}

std::string StoppedAt(int step) { return std::string(kStoppedAt) + std::to_string(step); }

bool IsValidUsageKey(const UsageKey& key) {
  if (!IsDate(key.day)) return false;
  const bool locale = IsToken(key.locale, "-", 35);
  if (key.kind == "lesson" || key.kind == "guide") {
    return locale && IsToken(key.id, "-_.", 100) &&
           (key.what == "started" || key.what == "finished" || key.what == "quiz-right" || key.what == "quiz-wrong" ||
            StoppedAtStep(key.what) > 0);
  }
  if (key.kind != "kiosk" || !key.id.empty()) return false;
  if (key.what == "language-picked") return locale;
  return key.locale.empty() && (key.what == "speech" || key.what == "large-text" || key.what == "switch" ||
                                key.what == "idle-reset" || key.what == "start");
}

std::map<UsageKey, uint64_t> ParseUsageCsv(std::string_view text, const std::string& file,
                                           std::vector<std::string>* problems, std::vector<UsageKey>* withheld) {
  std::map<UsageKey, uint64_t> rows;
  size_t line_no = 0;
  bool v1 = false;  // the first format: opened and completed columns
  const std::string withheld_cell = "<" + std::to_string(kUsageWithheldBelow);
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a spreadsheet's CRLF
    if (line.empty()) continue;
    if (line_no == 1 && (line == kUsageCsvHeader || line == kUsageCsvHeaderV1)) {
      v1 = line == kUsageCsvHeaderV1;
      continue;
    }
    const std::string where = file + ":" + std::to_string(line_no) + ": ";
    if (line_no == 1 && line.starts_with("day,")) {
      problems->push_back(where + "unknown columns (expected " + std::string(kUsageCsvHeader) + "); skipped");
      continue;
    }
    std::vector<std::string_view> cells = Cells(line);
    if (cells.size() != 6) {
      problems->push_back(where + "expected 6 columns (" + std::string(v1 ? kUsageCsvHeaderV1 : kUsageCsvHeader) +
                          "); skipped");
      continue;
    }
    // The first format's row holds two counts: started and finished.
    std::vector<std::pair<UsageKey, std::string_view>> counts;
    const std::string day(cells[0]), locale(cells[1]), kind(cells[2]), id(cells[3]);
    if (v1) {
      counts.push_back({{day, locale, kind, id, "started"}, cells[4]});
      counts.push_back({{day, locale, kind, id, "finished"}, cells[5]});
    } else {
      counts.push_back({{day, locale, kind, id, std::string(cells[4])}, cells[5]});
    }
    for (const auto& [key, cell] : counts) {
      uint64_t n = 0;
      if (!IsValidUsageKey(key)) {
        problems->push_back(where + "\"" + std::string(line) + "\" is not a day, locale, kind, id and what Qiao counts; skipped");
        break;
      }
      if (withheld && cell == withheld_cell) {
        withheld->push_back(key);
        continue;
      }
      if (!ParseCount(cell, &n)) {
        problems->push_back(where + "count \"" + std::string(cell) + "\" is not a whole number; skipped");
        break;
      }
      rows[key] += n;
    }
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

bool UsageCounts::Add(const UsageKey& key, uint64_t n) {
  if (!IsValidUsageKey(key)) return false;
  rows_[key] += n;
  return true;
}

uint64_t UsageCounts::Get(const UsageKey& key) const {
  auto it = rows_.find(key);
  return it == rows_.end() ? 0 : it->second;
}

uint64_t UsageCounts::Total(std::string_view kind, std::string_view what) const {
  uint64_t sum = 0;
  for (const auto& [k, n] : rows_)
    if (k.kind == kind && k.what == what) sum += n;
  return sum;
}

bool UsageCounts::Save(std::string* error) const {
  if (path_.empty()) return true;
  return Write(path_, ToCsv(), error);
}

std::string UsageCounts::ToCsv() const { return Csv(rows_, false); }
std::string UsageCounts::ExportCsv() const { return Csv(rows_, true); }

bool SaveShownProblems(const std::string& path, const std::vector<std::string>& problems, std::string* error) {
  std::string text;
  for (size_t i = 0; i < problems.size() && i < kMaxKeptProblems; ++i) {
    std::string line = problems[i].substr(0, kMaxProblemChars);
    if (line.size() < problems[i].size())
      while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
    if (line.size() < problems[i].size() && !line.empty()) line.pop_back();  // a lead byte cut from its tail
    for (char& c : line)
      if (c == '\n' || c == '\r') c = ' ';
    text += line + "\n";
  }
  return Write(path, text, error);
}

std::vector<std::string> LoadShownProblems(const std::string& path, std::vector<std::string>* problems) {
  std::vector<std::string> out;
  ReadResult r = Read(path);
  problems->insert(problems->end(), r.problems.begin(), r.problems.end());
  std::string_view text = r.payload;
  while (r.found && !text.empty() && out.size() < kMaxKeptProblems) {
    const size_t nl = text.find('\n');
    if (nl > 0) out.emplace_back(text.substr(0, std::min(nl, kMaxProblemChars)));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::string LocalDay(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace qiao::store
