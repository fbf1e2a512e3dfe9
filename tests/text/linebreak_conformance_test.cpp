// Unicode line breaking conformance (UAX #14, LineBreakTest.txt from Debian's unicode-data)
// checked through the engine's own API: LineBreakOpportunities is what LayoutParagraph wraps at.
// Cases where ICU deliberately tailors the default algorithm are listed, with the reason, in
// linebreak_expected_failures.txt; any other difference fails the test.
#include <gtest/gtest.h>

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

// Debian's unicode-data puts it under auxiliary/; other layouts at the top.
std::string FindTestFile() {
  for (const char* p : {"/usr/share/unicode/auxiliary/LineBreakTest.txt", "/usr/share/unicode/LineBreakTest.txt"})
    if (std::ifstream(p)) return p;
  return "";
}


std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Expected failures: "<hex code points separated by spaces> # reason" per line.
std::map<std::string, std::string> LoadExpectedFailures() {
  std::map<std::string, std::string> out;
  std::ifstream in(std::string(QIAO_TEXT_TEST_DATA_DIR) + "/linebreak_expected_failures.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t hash = line.find('#');
    out[Trim(line.substr(0, hash))] = hash == std::string::npos ? "" : Trim(line.substr(hash + 1));
  }
  return out;
}

TEST(LineBreakConformance, MatchesUnicodeLineBreakTest) {
  const std::string file = FindTestFile();
  if (file.empty()) GTEST_SKIP() << "LineBreakTest.txt missing (apt-get install unicode-data)";
  std::ifstream in(file);
  const auto expected_failures = LoadExpectedFailures();
  std::set<std::string> seen_expected;
  int total = 0, passed = 0, tailored = 0;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string data = Trim(line.substr(0, line.find('#')));
    if (data.empty()) continue;
    // "× 0023 ÷ 0020 ÷": marks between code points; ÷ = break allowed.
    std::istringstream tokens(data);
    std::string tok, text, key;
    std::vector<uint32_t> want;
    while (tokens >> tok) {
      if (tok == "\xC3\xB7") {  // ÷
        if (!text.empty()) want.push_back(uint32_t(text.size()));
      } else if (tok == "\xC3\x97") {  // ×
      } else {
        AppendUtf8(&text, uint32_t(std::stoul(tok, nullptr, 16)));
        key += (key.empty() ? "" : " ") + tok;
      }
    }
    ++total;
    std::vector<uint32_t> got = LineBreakOpportunities(text, "en");
    if (got == want) {
      ++passed;
      continue;
    }
    auto it = expected_failures.find(key);
    if (it != expected_failures.end()) {
      ++tailored;
      seen_expected.insert(key);
      continue;
    }
    std::string g, w;
    for (auto v : got) g += std::to_string(v) + " ";
    for (auto v : want) w += std::to_string(v) + " ";
    ADD_FAILURE() << "LineBreakTest.txt:" << line_no << " [" << key << "] breaks at UTF-8 offsets {" << g
                  << "}, expected {" << w << "}\n  " << line;
  }
  std::printf("LineBreakTest.txt: %d of %d cases pass; %d listed as ICU tailorings\n", passed, total, tailored);
  for (const auto& [key, reason] : expected_failures)
    if (!seen_expected.count(key))
      std::printf("note: expected failure now passes (remove it): %s\n", key.c_str());
  EXPECT_GT(total, 7000);
}

}  // namespace
}  // namespace qiao::text
