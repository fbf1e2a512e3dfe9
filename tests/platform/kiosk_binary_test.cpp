// The built qiao-kiosk, as the operator and the tests of other issues use it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stb_image.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

namespace {

struct Result {
  int status = -1;
  std::string out;
};

Result RunCommand(const std::string& command) {
  Result r;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

void CollectNames(const nlohmann::json& node, std::set<std::string>* roles, std::vector<std::string>* names) {
  roles->insert(node["role"].get<std::string>());
  names->push_back(node["name"].get<std::string>());
  for (const auto& c : node["children"]) CollectNames(c, roles, names);
}

}  // namespace

TEST(KioskBinary, HeadlessDumpTreePrintsTheDocumentedJson) {
  Result r = RunCommand(std::string(QIAO_KIOSK) + " --headless --locale en --open guides --size 800x600 --dump-tree");
  ASSERT_EQ(r.status, 0);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("root"));
  EXPECT_EQ(j["root"]["bounds"], nlohmann::json({0, 0, 800, 600}));
  std::set<std::string> roles;
  std::vector<std::string> names;
  CollectNames(j["root"], &roles, &names);
  EXPECT_TRUE(roles.count("heading"));
  EXPECT_TRUE(roles.count("link"));
  EXPECT_TRUE(roles.count("button"));
  EXPECT_NE(std::find(names.begin(), names.end(), "Service guides"), names.end());
}

TEST(KioskBinary, BadArgumentsGetAClearMessageAndExitCode2) {
  EXPECT_EQ(RunCommand(std::string(QIAO_KIOSK) + " --size huge").status, 2);
  EXPECT_EQ(RunCommand(std::string(QIAO_KIOSK) + " --no-such-flag").status, 2);
  EXPECT_EQ(RunCommand(std::string(QIAO_KIOSK) + " --help").status, 0);
}

TEST(KioskBinary, CheckReportsBrokenPacks) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("qiao-check-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  FILE* f = fopen((dir / "x.pack.json").c_str(), "w");
  fputs("{\"schemaVersion\": \"9.0\"}", f);
  fclose(f);
  // Its own data folder: --check also reads the kiosk's state (usage counts, settings), and the
  // default one (~/.local/state/qiao) is whatever this machine's last kiosk left there.
  const std::string data = " --data-dir " + (dir / "data").string();
  Result bad = RunCommand(std::string(QIAO_KIOSK) + " --check --packs " + dir.string() + data + " 2>&1");
  EXPECT_EQ(bad.status, 1);
  Result good = RunCommand(std::string(QIAO_KIOSK) + " --check" + data + " 2>&1");
  EXPECT_EQ(good.status, 0) << good.out;
  fs::remove_all(dir);
}

// Starts the real window under Xvfb (Mesa llvmpipe) and checks the home screen is drawn: not
// blank, not one flat colour, with dark text on the light background.
TEST(KioskBinary, HomeScreenScreenshotUnderXvfbIsNotBlank) {
  namespace fs = std::filesystem;
  const fs::path png = fs::temp_directory_path() / ("qiao-home-" + std::to_string(::getpid()) + ".png");
  const std::string cmd = std::string(XVFB_RUN) + " -a -s '-screen 0 1280x800x24' " + QIAO_KIOSK +
                          " --locale zh-Hans --open home --data-dir " +
                          (fs::temp_directory_path() / ("qiao-shot-data-" + std::to_string(::getpid()))).string() +
                          " --screenshot " + png.string();
  Result r = RunCommand(cmd);
  ASSERT_EQ(r.status, 0) << cmd;
  int w = 0, h = 0, channels = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &channels, 4);
  ASSERT_NE(px, nullptr) << "no PNG at " << png;
  EXPECT_EQ(w, 1280);
  EXPECT_EQ(h, 800);
  std::set<uint32_t> colours;
  size_t dark = 0, light = 0;
  for (int i = 0; i < w * h; ++i) {
    const unsigned char* p = px + i * 4;
    colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
    int luma = (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000;
    if (luma < 60) ++dark;
    if (luma > 200) ++light;
  }
  stbi_image_free(px);
  EXPECT_GT(colours.size(), 20u) << "anti-aliased text makes many shades";
  EXPECT_GT(light, size_t(w * h) / 2) << "the standard theme's background is light";
  EXPECT_GT(dark, size_t(500)) << "there is text";
  fs::remove(png);
}
