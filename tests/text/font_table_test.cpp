// One font table (app/text/fonts.json): the engine loads every font it lists, says clearly which
// file (and which Debian package) is missing, and the browser build's font cutter (web/fonts.py)
// reads the same list.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "text/text.h"

namespace qiao::text {
namespace {

TEST(FontTable, EveryRowIsWellFormed) {
  std::vector<std::string> errors;
  const auto rows = FontTable(&errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
  ASSERT_FALSE(rows.empty());
  std::set<std::string> roles;
  for (const auto& r : rows) {
    EXPECT_TRUE(roles.insert(r.role).second) << "role listed twice: " << r.role;
    EXPECT_FALSE(r.package.empty()) << r.file;
  }
  // Every script the kiosk's languages use has its font.
  for (const char* role : {"sans", "sans-bold", "cjk-sc", "cjk-kr", "arabic", "tibetan", "yi", "mongolian"})
    EXPECT_TRUE(roles.count(role)) << role;
}

TEST(FontTable, TheEngineLoadsEveryFontItLists) {
  auto engine = Engine::Create();
  for (const auto& w : engine->warnings()) ADD_FAILURE() << w;
  std::set<std::pair<std::string, unsigned>> loaded;
  for (uint32_t id = 0;; ++id) {
    const FontFile f = engine->font_file(id);
    if (f.path.empty()) break;
    loaded.insert({f.file, f.face_index});
  }
  const auto rows = FontTable();
  EXPECT_EQ(loaded.size(), rows.size()) << "a font is loaded that the table does not list";
  for (const auto& r : rows) EXPECT_TRUE(loaded.count({r.file, r.face})) << r.file << " face " << r.face;
}

TEST(FontTable, AMissingFileIsNamedWithItsPackage) {
  const auto dir = std::filesystem::temp_directory_path() / "qiao-no-fonts-here";
  std::filesystem::create_directories(dir);
  FontOptions options;
  options.search_dirs = {dir.string()};
  auto engine = Engine::Create(options);
  std::string all;
  for (const auto& w : engine->warnings()) all += w + "\n";
  for (const auto& r : FontTable()) {
    EXPECT_NE(all.find("font not found: " + r.file + " (Debian package " + r.package + ")"), std::string::npos)
        << r.file << " in:\n" << all;
  }
  // And text still lays out (lines with plausible metrics, nothing drawn).
  ParagraphStyle style;
  const Layout l = engine->LayoutParagraph("Qiao", style, 0);
  EXPECT_EQ(l.lines.size(), 1u);
  EXPECT_GT(l.height, 0.0f);
}

TEST(FontTable, TheWebFontCutterReadsTheSameTable) {
  const std::string cmd = std::string("python3 ") + QIAO_SOURCE_ROOT + "/web/fonts.py --table " + QIAO_SOURCE_ROOT;
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr) << cmd;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ASSERT_EQ(pclose(p), 0) << cmd << "\n" << out;
  const auto web = nlohmann::json::parse(out, nullptr, false);
  ASSERT_TRUE(web.is_object()) << out;
  std::map<std::string, std::set<unsigned>> engine;
  for (const auto& r : FontTable()) engine[r.file].insert(r.face);
  std::map<std::string, std::set<unsigned>> cutter;
  for (const auto& [file, faces] : web.items())
    for (const auto& f : faces) cutter[file].insert(f.get<unsigned>());
  EXPECT_EQ(cutter, engine);
}

}  // namespace
}  // namespace qiao::text
