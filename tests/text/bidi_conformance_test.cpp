// Unicode bidi conformance (UAX #9, BidiCharacterTest.txt from Debian's unicode-data) checked
// through LayoutParagraph: the glyphs of a single-line layout must come out in the visual order
// the test file gives. Glyphs only know their cluster, so the comparison is per HarfBuzz cluster
// (a base and its marks form one). Characters removed by rule X9 (level "x") and the trailing
// white space the engine leaves out of a line are not compared. Cases with an explicit
// paragraph direction (0 = LTR, 1 = RTL) are used; "auto" (2) does not exist in the engine
// (kAuto means the locale's direction). Cases containing paragraph or line separators are
// skipped: the engine splits there into separate lines. Where ICU 72 itself deviates from UAX #9
// the case is listed, with the reason, in bidi_expected_failures.txt.
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "text/text.h"
#include "utf8_util.h"

namespace qiao::text {
namespace {


std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

// Expected failures: "<hex code points>;<direction> # reason" per line.
std::map<std::string, std::string> LoadExpectedFailures() {
  std::map<std::string, std::string> out;
  std::ifstream in(std::string(QIAO_TEXT_TEST_DATA_DIR) + "/bidi_expected_failures.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t hash = line.find('#');
    std::string key = line.substr(0, hash);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    out[key] = hash == std::string::npos ? "" : line.substr(hash + 1);
  }
  return out;
}

TEST(BidiConformance, VisualOrderMatchesBidiCharacterTest) {
  const auto expected_failures = LoadExpectedFailures();
  int known = 0;
  std::ifstream in("/usr/share/unicode/BidiCharacterTest.txt");
  if (!in) GTEST_SKIP() << "BidiCharacterTest.txt missing (apt-get install unicode-data)";
  auto engine = Engine::Create();
  int total = 0, passed = 0, skipped = 0, reported = 0;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line, ';');
    if (f.size() < 5 || f[1] == "2") {
      ++skipped;
      continue;
    }
    std::vector<uint32_t> cps;
    {
      std::istringstream hex(f[0]);
      std::string h;
      while (hex >> h) cps.push_back(uint32_t(std::stoul(h, nullptr, 16)));
    }
    bool has_separator = false;
    for (uint32_t c : cps) {
      auto lb = u_getIntPropertyValue(UChar32(c), UCHAR_LINE_BREAK);
      auto bc = u_charDirection(UChar32(c));
      has_separator |= lb == U_LB_MANDATORY_BREAK || lb == U_LB_CARRIAGE_RETURN || lb == U_LB_LINE_FEED ||
                       lb == U_LB_NEXT_LINE || bc == U_BLOCK_SEPARATOR;
    }
    if (has_separator) {
      ++skipped;
      continue;
    }
    std::vector<std::string> levels;
    {
      std::istringstream ls(f[3]);
      std::string l;
      while (ls >> l) levels.push_back(l);
    }
    std::vector<int> order;
    {
      std::istringstream os(f[4]);
      int i;
      while (os >> i) order.push_back(i);
    }
    std::string text;
    std::vector<uint32_t> offset;
    for (uint32_t c : cps) {
      offset.push_back(uint32_t(text.size()));
      AppendUtf8(&text, c);
    }
    // Trailing white space (as the engine trims it).
    size_t trimmed = cps.size();
    while (trimmed > 0 && u_isUWhiteSpace(UChar32(cps[trimmed - 1]))) --trimmed;

    ParagraphStyle st;
    st.lang = "en";
    st.direction = f[1] == "1" ? Direction::kRtl : Direction::kLtr;
    Layout l = engine->LayoutParagraph(text, st, 0);
    ++total;
    if (l.lines.size() != 1) {
      ADD_FAILURE() << "line " << line_no << ": " << l.lines.size() << " lines";
      continue;
    }
    // Clusters (UTF-8 offsets of their first byte) in visual order, as laid out.
    std::set<uint32_t> starts;
    std::vector<uint32_t> got;
    for (const auto& r : l.lines[0].runs)
      for (const auto& g : r.glyphs) starts.insert(g.cluster);
    auto index_of = [&](uint32_t off) { return size_t(std::upper_bound(offset.begin(), offset.end(), off) - offset.begin()) - 1; };
    auto cluster_of = [&](size_t cp) {
      auto it = starts.upper_bound(offset[cp]);
      return it == starts.begin() ? offset[cp] : *std::prev(it);
    };
    auto compared = [&](size_t cp) { return cp < trimmed && levels[cp] != "x"; };
    for (const auto& r : l.lines[0].runs)
      for (const auto& g : r.glyphs) {
        // A cluster is compared if any of its code points is.
        bool any = false;
        for (size_t cp = index_of(g.cluster); cp < cps.size() && cluster_of(cp) == g.cluster; ++cp) any |= compared(cp);
        if (any && (got.empty() || got.back() != g.cluster)) got.push_back(g.cluster);
      }
    std::vector<uint32_t> want;
    for (int i : order) {
      if (!compared(size_t(i))) continue;
      uint32_t c = cluster_of(size_t(i));
      if (want.empty() || want.back() != c) want.push_back(c);
    }
    if (got == want) {
      ++passed;
    } else if (expected_failures.count(f[0] + ";" + f[1])) {
      ++known;
    } else if (++reported <= 20) {
      std::string g, w;
      for (auto v : got) g += std::to_string(index_of(v)) + " ";
      for (auto v : want) w += std::to_string(index_of(v)) + " ";
      ADD_FAILURE() << "BidiCharacterTest.txt:" << line_no << " visual order {" << g << "} expected {" << w << "}\n  "
                    << line;
    }
  }
  std::printf(
      "BidiCharacterTest.txt: %d of %d cases pass; %d listed as ICU deviations; %d skipped (auto direction or "
      "separators)\n",
      passed, total, known, skipped);
  EXPECT_EQ(passed + known, total);
  EXPECT_GT(total, 80000);
}

}  // namespace
}  // namespace qiao::text
