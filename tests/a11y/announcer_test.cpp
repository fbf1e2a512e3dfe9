// The announcer: what the kiosk says for a tree, in which voice or clip, and when it stops.
#include "accessibility/announcer.h"
#include "clip_index.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace qiao::a11y;

namespace {

// Records what reaches the audio device.
struct Recorder : SpeechOutput {
  std::vector<std::string> calls;
  void Speak(const Utterance& u) override { calls.push_back("speak " + u.text); }
  void Stop() override { calls.push_back("stop"); }
  void SetPaused(bool p) override { calls.push_back(p ? "pause" : "resume"); }
  void SetVolume(float v) override { calls.push_back("volume " + std::to_string(int(v * 100 + 0.5f))); }
  void SetRate(int wpm) override { calls.push_back("rate " + std::to_string(wpm)); }
};

Phrase Word(std::string_view key) {
  if (key == "a11y.role.button") return {"button", "en", "按钮"};
  if (key == "a11y.role.checkbox") return {"checkbox", "en", "复选框"};
  if (key == "a11y.state.checked") return {"checked", "en", "已选中"};
  if (key == "a11y.state.not_checked") return {"not checked", "en", "未选中"};
  if (key == "a11y.state.protected") return {"hidden", "en", "已隐藏"};
  return {std::string(key), "en", ""};
}

Announcer Make(Recorder* out, const ClipLibrary* clips = nullptr) {
  Announcer a(out);
  a.SetVoices({{"zh-Hans", "cmn-latn-pinyin"}, {"en", "en-us"}, {"ug", "ug"}, {"bo", "recorded"}});
  a.SetWords(Word);
  a.SetClips(clips);
  return a;
}

Node Make(NodeId id, Role role, std::string name, std::string lang, std::string alt = "") {
  Node n;
  n.id = id;
  n.role = role;
  n.name = std::move(name);
  n.lang = std::move(lang);
  n.speech_alt = std::move(alt);
  if (role == Role::kButton || role == Role::kCheckbox) n.actions = kActionClick | kActionFocus;
  return n;
}

Tree Screen(const std::string& feedback = "") {
  TreeBuilder b;
  b.Begin(Rect{0, 0, 800, 600}, "Qiao", "en", Dir::kAuto);
  b.Add(Make(2, Role::kButton, "Back", "en"));
  Node h = Make(3, Role::kHeading, "Scan a QR code", "en");
  h.level = 1;
  b.Add(h);
  b.Add(Make(4, Role::kText, "Open WeChat first.", "en"));
  if (!feedback.empty()) {
    Node f = Make(5, Role::kStatus, feedback, "en");
    f.live = Live::kPolite;
    b.Add(f);
  }
  b.Add(Make(6, Role::kCheckbox, "ID card", "en"));
  b.Add(Make(7, Role::kButton, "Next", "en"));
  return b.Finish();
}

std::vector<std::string> Log(const Announcer& a) {
  std::vector<std::string> out;
  for (const auto& e : a.log()) out.push_back(e.ToString());
  return out;
}

}  // namespace

TEST(Announcer, ANewScreenSaysItsHeadingAndTextUpToTheFirstControl) {
  Recorder out;
  Announcer a = Make(&out);
  a.Update(Screen(), 3, true);
  EXPECT_EQ(Log(a), (std::vector<std::string>{
                        "speak [en, voice en-us] Scan a QR code",
                        "speak [en, voice en-us] Open WeChat first."}));
}

TEST(Announcer, FocusSpeaksNameRoleAndStateAndAnyInputInterrupts) {
  Recorder out;
  Announcer a = Make(&out);
  Tree t = Screen();
  a.Update(t, 3, true);
  a.ClearLog();
  a.Interrupt();  // a key press
  a.Update(t, 6, false);
  EXPECT_EQ(Log(a), (std::vector<std::string>{"stop", "speak [en, voice en-us] ID card, checkbox, not checked"}));
  a.ClearLog();
  a.Update(t, 6, false);  // nothing changed: nothing said
  EXPECT_TRUE(a.log().empty());
  EXPECT_EQ(out.calls.back(), "speak ID card, checkbox, not checked");
}

TEST(Announcer, LiveRegionsAreAnnouncedWhenTheyAppearOrChange) {
  Recorder out;
  Announcer a = Make(&out);
  a.Update(Screen(), 3, true);
  a.ClearLog();
  a.Update(Screen("Correct! Well spotted."), 3, false);
  EXPECT_EQ(Log(a), (std::vector<std::string>{"speak [en, voice en-us] Correct! Well spotted."}));
  a.ClearLog();
  a.Update(Screen("Correct! Well spotted."), 3, false);
  EXPECT_TRUE(a.log().empty());
}

TEST(Announcer, RepeatSaysTheLastThingAgainAndPauseToggles) {
  Recorder out;
  Announcer a = Make(&out);
  Tree t = Screen();
  a.Update(t, 7, false);
  a.ClearLog();
  a.Repeat();
  EXPECT_EQ(Log(a), (std::vector<std::string>{"stop", "speak [en, voice en-us] Next, button"}));
  a.TogglePause();
  a.TogglePause();
  EXPECT_EQ(Log(a).back(), "resume");
  EXPECT_EQ(out.calls[out.calls.size() - 2], "pause");
}

TEST(Announcer, ProtectedNodesAreNeverSpokenUnlessOnAHeadset) {
  Recorder out;
  Announcer a = Make(&out);
  Node digit = Make(9, Role::kButton, "7", "en");
  digit.states |= kProtected;
  EXPECT_EQ(a.Describe(digit)[0].text, "hidden, button");
  a.SetHeadset(true);
  EXPECT_EQ(a.Describe(digit)[0].text, "7, button");
}

TEST(Announcer, RecordedLanguagesPlayTheClipOrFallBackToMandarin) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "qiao-announcer-clips";
  fs::remove_all(dir);
  fs::create_directories(dir / "audio" / "bo");
  std::ofstream(dir / "audio" / "bo" / "next.wav") << "RIFF";  // only its existence matters here
  qiao::testing::WriteClipIndex(dir / "audio" / "bo", "bo", {{"མུ་མཐུད།", "next.wav"}, {"ཕྱིར་ལོག", "missing.wav"}});
  ClipLibrary clips;
  std::vector<std::string> problems;
  clips.AddFolder(dir.string(), &problems);
  ASSERT_EQ(problems.size(), 1u);  // the clip that does not exist is reported, with its pointer
  EXPECT_NE(problems[0].find("clips.json:"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("/clips/" + ClipHash("bo", "ཕྱིར་ལོག") + "/file"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("missing.wav"), std::string::npos);

  Recorder out;
  Announcer a = Make(&out, &clips);
  auto next = a.Describe(Make(1, Role::kText, "མུ་མཐུད།", "bo", "下一步"));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].clip, (dir / "audio" / "bo" / "next.wav").string());
  EXPECT_FALSE(next[0].fallback);
  auto back = a.Describe(Make(2, Role::kText, "ཕྱིར་ལོག", "bo", "返回"));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].text, "返回");
  EXPECT_EQ(back[0].voice, "cmn-latn-pinyin");
  EXPECT_TRUE(back[0].fallback);
  a.Update(Tree{}, 0, false);
  TreeBuilder b;
  b.Begin(Rect{0, 0, 10, 10}, "Qiao", "bo", Dir::kAuto);
  Node h = Make(2, Role::kHeading, "ཕྱིར་ལོག", "bo", "返回");
  h.level = 1;
  b.Add(h);
  a.Update(b.Finish(), 2, true);
  EXPECT_TRUE(a.fallback_active()) << "the app shows the Mandarin indicator";
  fs::remove_all(dir);
}

TEST(Announcer, VolumeAndRateAreClampedAndReachTheOutput) {
  Recorder out;
  Announcer a = Make(&out);
  a.SetVolume(0.0f);
  EXPECT_FLOAT_EQ(a.volume(), 0.1f) << "never silent by accident";
  a.SetRate(1000);
  EXPECT_EQ(a.rate(), 300);
  EXPECT_EQ(out.calls[out.calls.size() - 2], "volume 10");
  EXPECT_EQ(out.calls.back(), "rate 300");
}

TEST(Announcer, DisabledSaysNothing) {
  Recorder out;
  Announcer a = Make(&out);
  a.SetEnabled(false);
  a.Update(Screen(), 3, true);
  a.Update(Screen("Correct!"), 7, false);
  EXPECT_TRUE(a.log().empty());
}

TEST(Announcer, ABrokenClipIndexNamesLineColumnAndPointerAndTheRestLoads) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qiao-announcer-clips-broken-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "audio" / "ug");
  std::ofstream(dir / "audio" / "ug" / "next.wav") << "RIFF";
  // A good clip; one that is not an object; one whose text was edited by hand after recording
  // (its hash no longer matches); a misspelt field; a misspelt top-level field.
  const std::string next = ClipHash("ug", "كېيىنكى"), back = ClipHash("ug", "قايتىش");
  std::ofstream(dir / "audio" / "ug" / "clips.json")
      << "{\n  \"clips\": {\n    \"" << next << "\": {\"file\": \"next.wav\", \"text\": \"كېيىنكى\"},\n"
      << "    \"" << back << "\": 7,\n"
      << "    \"0badc0de\": {\"file\": \"next.wav\", \"text\": \"قايتىش!\"},\n"
      << "    \"" << ClipHash("ug", "ياق") << "\": {\"file\": \"next.wav\", \"text\": \"ياق\", \"fro\": \"a\"}\n"
      << "  },\n  \"clip\": {}\n}\n";
  ClipLibrary clips;
  std::vector<std::string> problems;
  clips.AddFolder(dir.string(), &problems);
  const std::string index = (dir / "audio" / "ug" / "clips.json").string();
  EXPECT_EQ(problems, (std::vector<std::string>{
                          index + ":4:5: /clips/" + back + ": expected an object, found number",
                          index + ":5:5: /clips/0badc0de: the text's hash is \"" + ClipHash("ug", "قايتىش!") +
                              "\", not the key: it was edited after recording (record it again)",
                          index + ":6:53: /clips/" + ClipHash("ug", "ياق") + "/fro: unknown field \"fro\" (did you mean \"for\"?)",
                          index + ":8:3: /clip: unknown field \"clip\" (did you mean \"clips\"?)"}));
  ASSERT_NE(clips.Find("ug", "كېيىنكى"), nullptr) << "the good clip still loads";
  EXPECT_EQ(clips.Find("ug", "قايتىش!"), nullptr);
  fs::remove_all(dir);
}
