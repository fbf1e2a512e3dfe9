// `qiao-pack report` (tools/pack/report.cpp) on the sample exports in tests/tools/report/: the
// numbers a bureau reads in the page's tables, overlapping exports of one kiosk not counted
// twice, withheld counts shown as ranges, bad lines named by file:line while the rest still
// reports, and a page that runs no script and loads nothing. (Its accessibility in Chromium:
// report_axe.mjs.)
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

struct PackRun {
  int status = -1;
  std::string output;
};

PackRun Report(const std::string& args) {
  PackRun r;
  std::FILE* p = ::popen((std::string(QIAO_PACK_BINARY) + " report " + args + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf;
  for (size_t n; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;) r.output.append(buf.data(), n);
  const int s = ::pclose(p);
  r.status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  return r;
}

std::string Sample(const std::string& name) { return std::string(QIAO_REPORT_SAMPLES) + "/" + name; }

class ReportPage : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "qiao-report-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Render(const std::string& files, PackRun* run) {
    const std::string out = (dir_ / "report.html").string();
    *run = Report(files + " --out " + out);
    std::ifstream in(out);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // The table row whose header cell is `label`, e.g. "<td>6</td><td>1–4</td>".
  static std::string RowOf(const std::string& html, const std::string& label) {
    const std::string head = "<tr><th scope=\"row\">" + label + "</th>";
    const size_t at = html.find(head);
    if (at == std::string::npos) return "(no row " + label + ")";
    const size_t end = html.find("</tr>", at);
    return html.substr(at + head.size(), end - at - head.size());
  }
  fs::path dir_;
};

const std::string kGood = Sample("usage-a1b2c3d4e5f6-2026-12-01.csv") + " " + Sample("usage-a1b2c3d4e5f6-2026-12-14.csv") +
                          " " + Sample("usage-0f9e8d7c6b5a-2026-12-14.csv");

TEST_F(ReportPage, TablesHoldTheKiosksCountsOnceEach) {
  PackRun run;
  const std::string html = Render(kGood, &run);
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_NE(html.find("3 files from 2 kiosks, 2026-11-30 to 2026-12-10."), std::string::npos);
  // Lessons per ISO week and language: kiosk a's two exports both hold 2026-11-30 (started 6):
  // counted once. Withheld counts ("<5") make ranges: 12 + (1 to 4).
  EXPECT_EQ(RowOf(html, "2026-W49 ug"), "<td>6</td><td>1–4</td>");
  EXPECT_EQ(RowOf(html, "2026-W50 ug"), "<td>10</td><td>6</td>");
  EXPECT_EQ(RowOf(html, "2026-W50 zh-Hans"), "<td>13–16</td><td>9</td>");
  EXPECT_EQ(RowOf(html, "2026-W50 bo"), "<td>5</td><td>1–4</td>");
  // Languages picked.
  EXPECT_EQ(RowOf(html, "ug"), "<td>19</td>");
  EXPECT_EQ(RowOf(html, "zh-Hans"), "<td>14</td>");
  EXPECT_EQ(RowOf(html, "bo"), "<td>5</td>");
  // Where learners stop, with the quiz's first tries.
  EXPECT_EQ(RowOf(html, "qr-code"), "<td>29–32</td><td>16–19</td><td>step 3: 1–4</td><td>7</td><td>5</td>");
  EXPECT_EQ(RowOf(html, "video-call"), "<td>5</td><td>1–4</td><td>step 2: 1–4</td><td>0</td><td>0</td>");
  EXPECT_EQ(RowOf(html, "pension-certification"), "<td>8</td>");
  // Visits, speech, larger text, switch per week.
  EXPECT_EQ(RowOf(html, "2026-W49"), "<td>9</td><td>7</td><td>0</td><td>0</td>");
  EXPECT_EQ(RowOf(html, "2026-W50"), "<td>35</td><td>0</td><td>5</td><td>1–4</td>");
  EXPECT_NE(html.find("Every line of every file was read."), std::string::npos);
}

TEST_F(ReportPage, RunsNoScriptLoadsNothingAndHasATableBehindEveryChart) {
  PackRun run;
  const std::string html = Render(kGood, &run);
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("://"), std::string::npos);  // no address of anything: opens offline
  EXPECT_EQ(html.find(" style="), std::string::npos);  // no inline style the policy would block
  EXPECT_TRUE(std::regex_search(html, std::regex("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                                                 "'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'\">")));
  int charts = 0;
  for (size_t at = 0; (at = html.find("<svg", at)) != std::string::npos; ++at) {
    ++charts;
    const size_t end = html.find("</svg>", at);
    const std::string table_follows = "</svg>\n<div class=\"scroll\"><table>";
    EXPECT_EQ(html.compare(end, table_follows.size(), table_follows), 0) << html.substr(end, 60);
  }
  EXPECT_EQ(charts, 5);
}

TEST_F(ReportPage, BadLinesAreNamedAndTheRestStillReports) {
  PackRun run;
  const std::string html = Render(kGood + " " + Sample("bad.csv") + " " + Sample("missing.csv"), &run);
  EXPECT_EQ(run.status, 1) << run.output;
  const std::string bad = Sample("bad.csv");
  for (const std::string& line : {":3: ", ":4: expected 6 columns", ":5: ", ":6: "})
    EXPECT_NE(run.output.find(bad + line), std::string::npos) << line << "\n" << run.output;
  EXPECT_EQ(run.output.find(bad + ":2:"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find(Sample("missing.csv") + ": cannot be read"), std::string::npos) << run.output;
  // The good line of bad.csv counts (its own kiosk); the page lists what was skipped.
  EXPECT_EQ(RowOf(html, "2026-W50 en"), "<td>5</td><td>0</td>");
  EXPECT_NE(html.find("5 lines were skipped"), std::string::npos);
  EXPECT_NE(html.find("<li>" + bad + ":4: expected 6 columns"), std::string::npos);
}

TEST_F(ReportPage, WrongUsageSaysHow) {
  PackRun run = Report(Sample("bad.csv"));  // no --out
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("Usage: qiao-pack report CSV... --out report.html"), std::string::npos) << run.output;
}

// `qiao-pack xapi`: the same counts as xAPI statements whose actor is the kiosk, never a person.
TEST(Xapi, StatementsNameTheKioskAsAGroupAndCarryTheCounts) {
  std::string tmpl = (fs::temp_directory_path() / "qiao-xapi-XXXXXX").string();
  const fs::path dir = ::mkdtemp(tmpl.data());
  auto run = [&](const std::string& out) {
    std::FILE* p = ::popen((std::string(QIAO_PACK_BINARY) + " xapi " + kGood + " --out " + (dir / out).string() +
                            " --home https://bureau.example/kiosks 2>&1").c_str(), "r");
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) ADD_FAILURE() << buf;  // nothing to say about good files
    EXPECT_EQ(::pclose(p), 0);
    std::ifstream in(dir / out);
    return nlohmann::json::parse(in);
  };
  const nlohmann::json all = run("a.json");
  // Kiosk a: 7 lesson counts of 5 or more, kiosk b: 2; withheld and whole-kiosk counts are not sent.
  ASSERT_EQ(all.size(), 9u) << all.dump(1);
  std::set<std::string> ids;
  for (const auto& st : all) {
    const auto& actor = st["actor"];
    EXPECT_EQ(actor["objectType"], "Group");
    EXPECT_EQ(actor["account"]["homePage"], "https://bureau.example/kiosks");
    EXPECT_TRUE(std::regex_match(actor["account"]["name"].get<std::string>(), std::regex("^[0-9a-f]{12}$")));
    for (const char* personal : {"mbox", "mbox_sha1sum", "openid", "member"}) EXPECT_FALSE(actor.contains(personal));
    EXPECT_TRUE(std::regex_match(st["timestamp"].get<std::string>(), std::regex(R"(^\d{4}-\d{2}-\d{2}T00:00:00Z$)")));
    EXPECT_GE(st["result"]["extensions"]["urn:qiao:xapi:count"].get<int>(), 5);
    ids.insert(st["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), all.size());
  // The quiz's first tries: answered, with success.
  int answered = 0;
  for (const auto& st : all)
    if (st["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered") {
      ++answered;
      EXPECT_EQ(st["object"]["id"], "urn:qiao:lesson:qr-code");
      EXPECT_EQ(st["result"]["extensions"]["urn:qiao:xapi:count"], st["result"]["success"] == true ? 7 : 5);
    }
  EXPECT_EQ(answered, 2);
  // The same files give the same statement ids (a record store keeps each once).
  EXPECT_EQ(run("b.json"), all);
  fs::remove_all(dir);
}

}  // namespace
