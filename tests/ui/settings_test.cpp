// The operator's kiosk.json and the learner's settings.json: every wrong value is named with its
// line:column and pointer (never "1:1: /"), keeps its default, and the rest still applies.
#include "ui/settings.h"

#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using qiao::ui::KioskConfig;
using qiao::ui::LoadKioskConfig;
using qiao::ui::LoadSettings;
using qiao::ui::Settings;

namespace {

fs::path TempDir() {
  fs::path dir = fs::temp_directory_path() / ("qiao-settings-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST(KioskConfig, EachWrongValueIsNamedWhereItIsAndKeepsItsDefault) {
  fs::path dir = TempDir();
  fs::path file = dir / "kiosk.json";
  std::ofstream(file) << "{\n"
                         "  \"operatorPin\": \"12\",\n"
                         "  \"idleTimeoutSeconds\": 300,\n"
                         "  \"idleWarningSeconds\": 1,\n"
                         "  \"switchAccess\": \"three\",\n"
                         "  \"switchKeys\": [\"Space\", \"Escape\"],\n"
                         "  \"headset\": true,\n"
                         "  \"idleTimoutSeconds\": 60\n"
                         "}\n";
  std::vector<std::string> problems;
  KioskConfig c = LoadKioskConfig(file.string(), &problems);
  const std::string f = file.string();
  EXPECT_EQ(problems, (std::vector<std::string>{
                          f + ":2:3: /operatorPin: expected a string of at least 4 digits",
                          f + ":4:3: /idleWarningSeconds: expected a number at least 5 (seconds)",
                          f + ":5:3: /switchAccess: unknown switch access \"three\" (expected off, one or two)",
                          f + ":6:27: /switchKeys/1: unknown key \"Escape\" (expected Space, Enter, Tab, Up, Down, Left or Right)",
                          f + ":8:3: /idleTimoutSeconds: unknown field \"idleTimoutSeconds\" (did you mean \"idleTimeoutSeconds\"?)"}));
  // The good values apply; the wrong ones keep their defaults.
  EXPECT_EQ(c.idle_timeout_seconds, 300);
  EXPECT_TRUE(c.headset);
  EXPECT_EQ(c.operator_pin, "");
  EXPECT_EQ(c.idle_warning_seconds, KioskConfig{}.idle_warning_seconds);
  EXPECT_EQ(c.switch_access, "off");
  EXPECT_EQ(c.switch_keys, KioskConfig{}.switch_keys);
  fs::remove_all(dir);
}

TEST(KioskConfig, SyntheticVoicesSwitchOffOnlyVoicesThatExist) {
  fs::path dir = TempDir();
  fs::path file = dir / "kiosk.json";
  std::ofstream(file) << "{\n"
                         "  \"syntheticVoices\": {\"bo\": false, \"za\": true,\n"
                         "                      \"tibetan\": false, \"ii\": \"off\"}\n"
                         "}\n";
  std::vector<std::string> problems;
  KioskConfig c = LoadKioskConfig(file.string(), &problems);
  const std::string f = file.string();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], f + ":3:41: /syntheticVoices/ii: expected true or false, found string");
  EXPECT_EQ(problems[1], f + ":3:23: /syntheticVoices/tibetan: Qiao has no synthetic voice for \"tibetan\" (it has bo, ii, kk-Arab, mn, za)");
  EXPECT_EQ(c.synthetic_voices, (std::map<std::string, bool>{{"bo", false}, {"za", true}}));
  fs::remove_all(dir);
}

// "updateUrl" is qiao-update's (--web), in the same file: the kiosk must not call it unknown.
TEST(KioskConfig, TheUpdateUrlIsKnownButNotTheKiosks) {
  fs::path dir = TempDir();
  std::ofstream(dir / "kiosk.json") << "{\"updateUrl\": \"https://example.org/qiao/demo/\", \"updateURL\": 1}\n";
  std::vector<std::string> problems;
  LoadKioskConfig((dir / "kiosk.json").string(), &problems);
  ASSERT_EQ(problems.size(), 1u) << "only the misspelt key is a problem";
  EXPECT_NE(problems[0].find("updateURL"), std::string::npos) << problems[0];
  fs::remove_all(dir);
}

TEST(KioskConfig, MissingFileIsSilentAndBrokenJsonSaysWhere) {
  fs::path dir = TempDir();
  std::vector<std::string> problems;
  LoadKioskConfig((dir / "none.json").string(), &problems);
  EXPECT_TRUE(problems.empty());
  std::ofstream(dir / "kiosk.json") << "{\n  \"headset\": true,\n  \"operatorPin\": 1234\n";
  KioskConfig c = LoadKioskConfig((dir / "kiosk.json").string(), &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("kiosk.json:4:1: /operatorPin: invalid JSON"), std::string::npos) << problems[0];
  EXPECT_FALSE(c.headset) << "a file that is not JSON applies nothing";
  fs::remove_all(dir);
}

TEST(Settings, AWrongValueIsNamedAndTheOthersStillApply) {
  fs::path dir = TempDir();
  const std::string path = (dir / "settings.json").string();
  std::string error;
  ASSERT_TRUE(qiao::store::Write(path, "{\n  \"theme\": \"high-contrast\",\n  \"speechRate\": 1000\n}\n", &error)) << error;
  std::vector<std::string> problems;
  Settings s = LoadSettings(path, &problems);
  EXPECT_EQ(s.theme, qiao::ui::ThemeId::kHighContrast);
  EXPECT_EQ(s.speech_rate, Settings{}.speech_rate);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], path + ":3:3: /speechRate: expected a whole number from 80 to 300 (words per minute)");
  EXPECT_EQ(problems[1], path + ": the values above were replaced by defaults");
  fs::remove_all(dir);
}
