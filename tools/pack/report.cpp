// `qiao-pack report`: many kiosks' usage exports -> one static, accessible HTML page.
//
// The page has no script and loads nothing (a Content-Security-Policy of `default-src 'none'`
// with the one inline stylesheet allowed by its SHA-256): it opens from a stick, offline, in any
// browser. Every chart is an inline SVG drawn from the table under it; a screen reader reads the
// table. Counts the kiosk withheld ("<5": 1 to 4) are shown as ranges ("7–10"); bars show the
// lowest possible value.
//
// A kiosk's exports repeat every count since it was installed, so two exports of one kiosk
// overlap: per kiosk (usage-<kiosk>-<date>.csv) the largest value of each count is taken (counts
// only grow), then kiosks are added up. Files named otherwise count as one kiosk each.
#include "tools/pack/report.h"

#include "channel/crypto.h"
#include "store/usage.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace qiao::tools {

namespace {

// A sum of counts, some of them withheld by the kiosk (each 1 to 4).
struct Cell {
  uint64_t known = 0;
  uint64_t withheld = 0;  // how many "<5" went into it
  uint64_t low() const { return known + withheld; }
  uint64_t high() const { return known + (store::kUsageWithheldBelow - 1) * withheld; }
  Cell& operator+=(const Cell& o) {
    known += o.known;
    withheld += o.withheld;
    return *this;
  }
  bool empty() const { return known == 0 && withheld == 0; }
};

std::string Show(const Cell& c) {
  if (c.withheld == 0) return std::to_string(c.known);
  return std::to_string(c.low()) + "–" + std::to_string(c.high());
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// "2026-W50": the ISO 8601 week (Monday first; the week with the year's first Thursday is 1).
std::string IsoWeek(const std::string& day) {
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(day.substr(0, 4))}, month{unsigned(std::stoi(day.substr(5, 2)))},
                           std::chrono::day{unsigned(std::stoi(day.substr(8, 2)))}};
  const sys_days date{ymd};
  const sys_days thursday = date + days{4 - int(weekday{date}.iso_encoding())};
  const year_month_day t{thursday};
  const int week = int((thursday - sys_days{t.year() / January / 1}).count() / 7 + 1);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d-W%02d", int(t.year()), week);
  return buf;
}

// [SECTION] Charts and tables

struct Series {
  std::string name;
  std::string color;  // dark enough for 3:1 against white (WCAG non-text contrast)
};
struct Row {
  std::string label;
  std::vector<Cell> values;  // one per series
};

const Series kStarted{"started", "#1f5fa8"}, kFinished{"finished", "#2e6b30"};

// Horizontal bars, one group per row; the table under it holds the same numbers.
std::string BarChart(const std::string& id, const std::string& title, const std::vector<Series>& series,
                     const std::vector<Row>& rows) {
  constexpr int kWidth = 760, kLabel = 230, kBars = 420, kBar = 18, kGap = 10, kLegend = 28;
  uint64_t max = 1;
  for (const Row& r : rows)
    for (const Cell& c : r.values) max = std::max(max, c.low());
  const int group = int(series.size()) * kBar + kGap;
  const int height = kLegend + int(rows.size()) * group + 4;
  std::ostringstream svg;
  svg << "<svg class=\"chart\" role=\"img\" aria-labelledby=\"" << id << "-t\" viewBox=\"0 0 " << kWidth << " "
      << height << "\" width=\"" << kWidth << "\" height=\"" << height << "\">"
      << "<title id=\"" << id << "-t\">" << Escape(title) << " (the table below has the numbers)</title>";
  int x = kLabel;
  for (const Series& s : series) {  // the legend
    svg << "<rect x=\"" << x << "\" y=\"6\" width=\"12\" height=\"12\" fill=\"" << s.color << "\"/>"
        << "<text x=\"" << x + 16 << "\" y=\"17\">" << Escape(s.name) << "</text>";
    x += 24 + int(s.name.size()) * 8;
  }
  int y = kLegend;
  for (const Row& r : rows) {
    std::string label = r.label;
    if (label.size() > 30) label = label.substr(0, 28) + "…";  // the table has it whole
    svg << "<text x=\"" << kLabel - 8 << "\" y=\"" << y + group / 2 << "\" text-anchor=\"end\">" << Escape(label)
        << "</text>";
    for (size_t i = 0; i < r.values.size(); ++i) {
      const int w = int(double(r.values[i].low()) / double(max) * kBars);
      const int by = y + int(i) * kBar;
      // Text only where nothing is drawn: its background is the page's (contrast as measured).
      svg << "<rect x=\"" << kLabel << "\" y=\"" << by + 2 << "\" width=\"" << w << "\" height=\"" << kBar - 4
          << "\" fill=\"" << series[i].color << "\"/>"
          << "<text x=\"" << kLabel + w + 4 << "\" y=\"" << by + kBar - 5 << "\" class=\"v\">"
          << Escape(Show(r.values[i])) << "</text>";
    }
    y += group;
  }
  svg << "</svg>\n";
  return svg.str();
}

std::string Table(const std::string& caption, const std::vector<std::string>& head,
                  const std::vector<std::vector<std::string>>& body) {
  std::ostringstream t;
  t << "<div class=\"scroll\"><table>\n<caption>" << Escape(caption) << "</caption>\n<thead><tr>";
  for (const std::string& h : head) t << "<th scope=\"col\">" << Escape(h) << "</th>";
  t << "</tr></thead>\n<tbody>\n";
  for (const auto& row : body) {
    t << "<tr>";
    for (size_t i = 0; i < row.size(); ++i)
      t << (i == 0 ? "<th scope=\"row\">" : "<td>") << Escape(row[i]) << (i == 0 ? "</th>" : "</td>");
    t << "</tr>\n";
  }
  t << "</tbody></table></div>\n";
  return t.str();
}

// One section: heading, what it shows, the chart and its table (or a line saying there is none).
std::string Section(const std::string& id, const std::string& heading, const std::string& intro,
                    const std::vector<Series>& series, const std::vector<Row>& rows, const std::string& first_column,
                    const std::vector<std::string>& extra_head = {},
                    const std::vector<std::vector<std::string>>& extra_cells = {}) {
  std::ostringstream s;
  s << "<section aria-labelledby=\"" << id << "\">\n<h2 id=\"" << id << "\">" << Escape(heading) << "</h2>\n<p>"
    << Escape(intro) << "</p>\n";
  if (rows.empty()) {
    s << "<p>No counts of this kind in these files.</p>\n</section>\n";
    return s.str();
  }
  s << BarChart(id + "-chart", heading, series, rows);
  std::vector<std::string> head = {first_column};
  for (const Series& se : series) head.push_back(se.name);
  head.insert(head.end(), extra_head.begin(), extra_head.end());
  std::vector<std::vector<std::string>> body;
  for (size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::string> cells = {rows[i].label};
    for (const Cell& c : rows[i].values) cells.push_back(Show(c));
    if (i < extra_cells.size()) cells.insert(cells.end(), extra_cells[i].begin(), extra_cells[i].end());
    body.push_back(std::move(cells));
  }
  s << Table(heading, head, body) << "</section>\n";
  return s.str();
}

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;color:#1a1a1a;background:#fff;margin:1.5rem;max-width:60rem;line-height:1.5}"
    "h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.5rem;border-top:1px solid #888;padding-top:1rem}"
    "table{border-collapse:collapse;margin:.5rem 0 1rem}caption{text-align:left;font-weight:bold;padding:.3rem 0}"
    "th,td{border:1px solid #888;padding:.25rem .6rem;text-align:right}th[scope=row],th:first-child{text-align:left}"
    "thead th{background:#eee}.scroll{overflow-x:auto}svg.chart{max-width:100%;height:auto;font-size:13px}"
    "svg.chart text{fill:#1a1a1a}ul.problems{font-family:monospace}";

// 'sha256-<base64>' of the stylesheet: the page's policy allows that one and nothing else.
std::string StyleHash() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(kStyle.data()), kStyle.size());
  char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return std::string("'sha256-") + b64 + "'";
}

}  // namespace

// [SECTION] The page

namespace {

// Per kiosk, each count's largest value over its exports (a kiosk's exports repeat every count
// since it was installed, and counts only grow).
struct Seen {
  uint64_t max = 0;
  bool withheld = false;
};
using Kiosks = std::map<std::string, std::map<store::UsageKey, Seen>>;

Kiosks ReadKiosks(const std::vector<ReportInput>& files, std::vector<std::string>* problems) {
  Kiosks kiosks;
  const std::regex export_name(R"(^usage-([0-9a-z]+)-\d{4}-\d{2}-\d{2}\.csv$)");
  for (const ReportInput& f : files) {
    const std::string base = std::filesystem::path(f.name).filename().string();
    std::smatch m;
    const std::string kiosk = std::regex_match(base, m, export_name) ? m[1].str() : f.name;
    std::vector<store::UsageKey> withheld;
    const size_t before = problems->size();
    auto rows = store::ParseUsageCsv(f.text, f.name, problems, &withheld);
    if (rows.empty() && withheld.empty() && problems->size() == before)
      problems->push_back(f.name + ":1: no counts in this file");
    auto& seen = kiosks[kiosk];
    for (const auto& [key, n] : rows) seen[key].max = std::max(seen[key].max, n);
    for (const store::UsageKey& key : withheld) seen[key].withheld = true;
  }
  return kiosks;
}

// Reads the files named on the command line; one that cannot be read is a problem, not the end.
std::vector<ReportInput> ReadFiles(const std::vector<std::string>& paths, std::vector<std::string>* problems) {
  std::vector<ReportInput> files;
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      problems->push_back(p + ": cannot be read; skipped");
      continue;
    }
    files.push_back({p, std::string(std::istreambuf_iterator<char>(in), {})});
  }
  return files;
}

}  // namespace

std::string RenderReport(const std::vector<ReportInput>& files, std::vector<std::string>* problems) {
  const Kiosks kiosks = ReadKiosks(files, problems);
  std::map<store::UsageKey, Cell> total;
  for (const auto& [kiosk, seen] : kiosks)
    for (const auto& [key, s] : seen) {
      Cell& c = total[key];
      if (s.max > 0) c.known += s.max;
      else if (s.withheld) ++c.withheld;
    }

  // What each section shows.
  std::map<std::pair<std::string, std::string>, std::pair<Cell, Cell>> week_locale;  // lessons
  std::map<std::string, Cell> languages;
  struct LessonCounts {
    Cell started, finished, right, wrong;
    std::map<int, Cell> stopped;
  };
  std::map<std::string, LessonCounts> lessons;
  std::map<std::string, Cell> guides;
  std::map<std::string, std::map<std::string, Cell>> kiosk_week;  // week -> what -> count
  std::set<std::string> days;
  for (const auto& [key, c] : total) {
    days.insert(key.day);
    const std::string week = IsoWeek(key.day);
    if (key.kind == "lesson") {
      LessonCounts& l = lessons[key.id];
      if (key.what == "started") {
        l.started += c;
        week_locale[{week, key.locale}].first += c;
      } else if (key.what == "finished") {
        l.finished += c;
        week_locale[{week, key.locale}].second += c;
      } else if (key.what == "quiz-right") {
        l.right += c;
      } else if (key.what == "quiz-wrong") {
        l.wrong += c;
      } else if (int step = store::StoppedAtStep(key.what)) {
        l.stopped[step] += c;
      }
    } else if (key.kind == "guide" && key.what == "started") {
      guides[key.id] += c;
    } else if (key.kind == "kiosk" && key.what == "language-picked") {
      languages[key.locale] += c;
    } else if (key.kind == "kiosk") {
      kiosk_week[week][key.what] += c;
    }
  }

  std::ostringstream page;
  page << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src " << StyleHash()
       << "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>Qiao kiosks: anonymous usage</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<main>\n"
       << "<h1>Qiao kiosks: anonymous usage</h1>\n";
  page << "<p>" << files.size() << (files.size() == 1 ? " file" : " files") << " from " << kiosks.size()
       << (kiosks.size() == 1 ? " kiosk" : " kiosks");
  if (!days.empty()) page << ", " << *days.begin() << " to " << *days.rbegin();
  page << ". Counts per day only: no time of day, nothing typed, nothing about a person. A kiosk withholds "
          "each count from 1 to 4 (&lt;5); sums that hold withheld counts are shown as a range, and their bars "
          "show the lowest possible value. Several exports of one kiosk are not added twice: each count's latest "
          "(largest) value is used.</p>\n";

  {
    std::vector<Row> rows;
    for (const auto& [wl, c] : week_locale) rows.push_back({wl.first + " " + wl.second, {c.first, c.second}});
    page << Section("weeks", "Lessons started and finished, per ISO week and language",
                    "A lesson is started when it is opened and finished when its end is reached.",
                    {kStarted, kFinished}, rows, "week and language");
  }
  {
    std::vector<Row> rows;
    for (const auto& [locale, c] : languages) rows.push_back({locale, {c}});
    page << Section("languages", "Languages picked",
                    "Visits that picked each language on the kiosk (a visit ends when the kiosk resets itself "
                    "after the learner leaves).",
                    {{"visits", "#1f5fa8"}}, rows, "language");
  }
  {
    std::vector<Row> rows;
    std::vector<std::vector<std::string>> extra;
    for (const auto& [id, l] : lessons) {
      rows.push_back({id, {l.started, l.finished}});
      std::string stops;
      for (const auto& [step, c] : l.stopped) stops += (stops.empty() ? "" : ", ") + ("step " + std::to_string(step) + ": " + Show(c));
      extra.push_back({stops.empty() ? "none counted" : stops, Show(l.right), Show(l.wrong)});
    }
    page << Section("stops", "Where learners stop",
                    "Per lesson, all languages: how often it was started and finished, the step at which visits "
                    "that left it unfinished stopped, and quiz questions answered right or wrong at the first try.",
                    {kStarted, kFinished}, rows, "lesson",
                    {"left unfinished at", "quiz right first try", "quiz wrong first try"}, extra);
  }
  {
    std::vector<Row> rows;
    for (const auto& [id, c] : guides) rows.push_back({id, {c}});
    page << Section("guides", "Guides opened", "Per guide, all languages.", {{"opened", "#1f5fa8"}}, rows, "guide");
  }
  {
    std::vector<Row> rows;
    for (const auto& [week, what] : kiosk_week) {
      auto get = [&what = what](const char* w) {  // named capture: clang 14 cannot capture a binding
        auto it = what.find(w);
        return it == what.end() ? Cell{} : it->second;
      };
      rows.push_back({week, {get("idle-reset"), get("speech"), get("large-text"), get("switch")}});
    }
    page << Section("access", "Visits and how they used the kiosk, per ISO week",
                    "Visits (ended by the idle reset), and visits that used speech, text larger than the "
                    "default, or a switch.",
                    {{"visits", "#1f5fa8"}, {"speech", "#2e6b30"}, {"larger text", "#8a4500"}, {"switch", "#6a3d9a"}},
                    rows, "week");
  }
  page << "<section aria-labelledby=\"skipped\">\n<h2 id=\"skipped\">Lines not read</h2>\n";
  if (problems->empty()) {
    page << "<p>Every line of every file was read.</p>\n";
  } else {
    page << "<p>" << problems->size() << " lines were skipped; the counts above leave them out.</p>\n"
         << "<ul class=\"problems\">\n";
    for (size_t i = 0; i < problems->size() && i < 200; ++i) page << "<li>" << Escape((*problems)[i]) << "</li>\n";
    page << "</ul>\n";
  }
  page << "</section>\n</main>\n</body>\n</html>\n";
  return page.str();
}

int ReportCommand(int argc, char** argv) {
  std::string out;
  std::vector<std::string> paths;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) out = argv[++i];
    else if (a.starts_with("--")) return std::cerr << "qiao-pack report: unknown option " << a << "\n", 2;
    else paths.push_back(a);
  }
  if (out.empty() || paths.empty()) {
    std::cerr << "Usage: qiao-pack report CSV... --out report.html\n";
    return 2;
  }
  std::vector<std::string> problems;
  const std::vector<ReportInput> files = ReadFiles(paths, &problems);
  const std::string html = RenderReport(files, &problems);
  for (const std::string& p : problems) std::cerr << p << "\n";
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  if (!(f << html) || !f.flush()) {
    std::cerr << "qiao-pack report: cannot write " << out << "\n";
    return 2;
  }
  std::cerr << out << ": " << files.size() << " files read, " << problems.size() << " lines skipped\n";
  return problems.empty() ? 0 : 1;
}

// [SECTION] xAPI

std::string XapiStatements(const std::vector<ReportInput>& files, const std::string& home,
                           std::vector<std::string>* problems) {
  using Json = nlohmann::ordered_json;
  const Kiosks kiosks = ReadKiosks(files, problems);
  Json out = Json::array();
  for (const auto& [kiosk, seen] : kiosks) {
    // The kiosk as a group with an account on the bureau's system: never a person.
    const Json actor = {{"objectType", "Group"},
                        {"name", "Qiao kiosk " + kiosk},
                        {"account", {{"homePage", home}, {"name", kiosk}}}};
    for (const auto& [key, s] : seen) {
      if (key.kind == "kiosk" || s.max == 0) continue;  // whole-kiosk counts and withheld ones: not sent
      std::string verb;
      Json result = Json::object();
      if (key.what == "started") verb = "attempted";
      else if (key.what == "finished") verb = "completed";
      else if (key.what == "quiz-right" || key.what == "quiz-wrong") {
        verb = "answered";
        result["success"] = key.what == "quiz-right";
      } else if (int step = store::StoppedAtStep(key.what)) {
        verb = "suspended";
        result["extensions"]["urn:qiao:xapi:step"] = step;
      }
      if (verb.empty()) continue;
      result["extensions"]["urn:qiao:xapi:count"] = s.max;
      // A UUID made from what the statement says: sending a file twice sends the same ids, which
      // a learning record store accepts once.
      std::string h = channel::Sha256Hex(kiosk + "\n" + key.day + "\n" + key.locale + "\n" + key.kind + "\n" + key.id +
                                         "\n" + key.what);
      h[12] = '5';
      h[16] = "89ab"[h[16] % 4];
      Json st = {{"id", h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
                           h.substr(20, 12)},
                 {"actor", actor},
                 {"verb", {{"id", "http://adlnet.gov/expapi/verbs/" + verb}, {"display", {{"en-US", verb}}}}},
                 {"object",
                  {{"objectType", "Activity"},
                   {"id", "urn:qiao:" + key.kind + ":" + key.id},
                   {"definition",
                    {{"type", key.kind == "lesson" ? "http://adlnet.gov/expapi/activities/lesson"
                                                   : "http://adlnet.gov/expapi/activities/module"}}}}},
                 {"result", result},
                 {"context", {{"language", key.locale}, {"platform", "Qiao kiosk"}}},
                 {"timestamp", key.day + "T00:00:00Z"}};
      out.push_back(std::move(st));
    }
  }
  return out.dump(2) + "\n";
}

int XapiCommand(int argc, char** argv) {
  std::string out, home = "https://qiao.invalid/kiosk";
  std::vector<std::string> paths;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) out = argv[++i];
    else if (a == "--home" && i + 1 < argc) home = argv[++i];
    else if (a.starts_with("--")) return std::cerr << "qiao-pack xapi: unknown option " << a << "\n", 2;
    else paths.push_back(a);
  }
  if (out.empty() || paths.empty()) {
    std::cerr << "Usage: qiao-pack xapi CSV... --out statements.json [--home URL]\n";
    return 2;
  }
  std::vector<std::string> problems;
  const std::string json = XapiStatements(ReadFiles(paths, &problems), home, &problems);
  for (const std::string& p : problems) std::cerr << p << "\n";
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  if (!(f << json) || !f.flush()) {
    std::cerr << "qiao-pack xapi: cannot write " << out << "\n";
    return 2;
  }
  return problems.empty() ? 0 : 1;
}

}  // namespace qiao::tools
