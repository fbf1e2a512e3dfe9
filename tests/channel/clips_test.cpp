// Recorded clips travel in a channel: the recording studio's clips, published with
// `qiao-pack publish --clips`, checked by `qiao-pack verify`, installed by `qiao-update`, are
// spoken by the kiosk (the clip layer of its speech chain); a new release's clips replace the old
// ones at the idle reset, with its content; a clip index that names what the channel does not
// list, or that is not JSON, is refused and the installed content stays as it was.
#include "channel/channel.h"
#include "channel/clip_index.h"
#include "channel/minisign.h"
#include "test_support.h"

#include "../clip_index.h"
#include "../ui/kiosk_fixture.h"
#include "../wav_writer.h"

#include <cmath>
#include <ctime>

namespace qiao::channel {
namespace {

using namespace test_support;

// Seconds without input after which the kiosk (default configuration) has reset the session.
const double kUntilReset = ui::KioskConfig{}.idle_timeout_seconds + ui::KioskConfig{}.idle_warning_seconds + 2;

// A short tone: a stand-in for a volunteer's take (a different pitch makes different bytes).
void WriteTone(const fs::path& path, double hz) {
  std::vector<int16_t> pcm(8000);
  for (size_t i = 0; i < pcm.size(); ++i) pcm[i] = static_cast<int16_t>(8000 * std::sin(2 * M_PI * hz * i / 16000.0));
  testing::WriteWav(path, pcm, 16000);
}

class ChannelClips : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeMinisignKey(dir / "k.pub", dir / "k.key");
    // The text the lessons screen says first in English, as the kiosk shows it.
    auto translator = i18n::Translator::Load(std::string(QIAO_SOURCE_DIR) + "/locales");
    translator->SetLocale("en");
    title = translator->Get("lessons.title").text;
    ASSERT_FALSE(title.empty());
  }
  // A recording studio's folder: `title` recorded as a tone of `hz`, and one other text.
  void Studio(const std::string& name, double hz) {
    const fs::path audio = fs::path(dir / name) / "audio" / "en";
    fs::create_directories(audio);
    WriteTone(audio / "title.wav", hz);
    WriteTone(audio / "other.wav", 220);
    testing::WriteClipIndex(audio, "en", {{title, "title.wav", "lessons.title"}, {"Another text", "other.wav"}});
  }
  RunResult Update(const std::string& channel) {
    return RunCommand(kUpdate + " " + (dir / channel) + " --root " + (dir / "root") + " --pubkey " + (dir / "k.pub"));
  }
  void StartKiosk() {
    ui::AppOptions o = testing::BundledOptions();
    o.bundle = dir / "root";
    runner = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
    runner->app().announcer().SetEnabled(true);
    runner->app().SetLocale("en");
    runner->Visit("home");
  }
  // The clip the kiosk plays for the lessons screen's title, "" if it speaks it otherwise.
  std::string TitleClip() {
    ui::App& app = runner->app();
    app.announcer().ClearLog();
    runner->Visit("lessons");
    std::string clip;
    for (const auto& e : app.announcer().log())
      if (e.utterance.text == title && e.utterance.layer == a11y::SpeechLayer::kClip) clip = e.utterance.clip;
    runner->Visit("home");
    return clip;
  }
  std::string TitleWav(const std::string& studio) { return ReadAll(dir / (studio + "/audio/en/title.wav")); }

  Scratch dir;
  std::string title;
  std::unique_ptr<ui::HeadlessRunner> runner;
};

TEST_F(ChannelClips, PublishedClipsAreSpokenByTheKiosk) {
  Studio("studio", 440);
  RunResult r = Publish(dir / "k.key", dir / "q1", "basics", "--clips " + (dir / "studio"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("2 clips in 1 language"), std::string::npos) << r.output;
  r = RunCommand(kPack + " verify " + (dir / "q1") + " --pubkey " + (dir / "k.pub"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("4 files checked"), std::string::npos) << r.output;  // bundle, 2 WAVs, the index
  ASSERT_EQ(Update("q1").status, 0);

  StartKiosk();
  EXPECT_TRUE(runner->app().Problems().empty()) << runner->app().Problems()[0];
  const std::string clip = TitleClip();
  ASSERT_FALSE(clip.empty()) << "the title was not spoken from a clip";
  EXPECT_EQ(ReadAll(clip), TitleWav("studio")) << clip;
  EXPECT_EQ(fs::canonical(clip).parent_path(), fs::canonical(dir / "root/releases/demo-1/audio/en"));
}

TEST_F(ChannelClips, TheNewReleasesClipsComeWithItAtTheIdleReset) {
  Studio("studio1", 440);
  Studio("studio2", 660);  // the same text recorded again, better
  RunResult r = Publish(dir / "k.key", dir / "q1", "basics", "--clips " + (dir / "studio1"));
  ASSERT_EQ(r.status, 0) << r.output;
  fs::copy(dir / "q1", dir / "q2", fs::copy_options::recursive);
  r = Publish(dir / "k.key", dir / "q2", "basics safety", "--clips " + (dir / "studio2"));
  ASSERT_EQ(r.status, 0) << r.output;
  ASSERT_EQ(Update("q1").status, 0);
  StartKiosk();
  ASSERT_EQ(ReadAll(TitleClip()), TitleWav("studio1"));

  ASSERT_EQ(Update("q2").status, 0);  // while a learner is at the kiosk
  runner->Frame(30.0, /*had_input=*/true);
  EXPECT_EQ(ReadAll(TitleClip()), TitleWav("studio1")) << "clips changed under the learner";

  runner->Idle(kUntilReset);  // they walk away; the next learner gets release 2 and its clips
  ASSERT_TRUE(runner->app().library().FindLesson("fraud-sms"));
  runner->app().SetLocale("en");
  const std::string clip = TitleClip();
  EXPECT_EQ(ReadAll(clip), TitleWav("studio2")) << clip;
  EXPECT_EQ(fs::canonical(clip).parent_path(), fs::canonical(dir / "root/releases/demo-2/audio/en"));
  EXPECT_TRUE(runner->app().Problems().empty()) << runner->app().Problems()[0];
}

// [SECTION] Refused clip indexes

// Release 1 installed with clips; release 2's clip index changed as `change` says.
class BadClipIndex : public ChannelClips {
 protected:
  void SetUp() override {
    ChannelClips::SetUp();
    Studio("studio", 440);
    RunResult r = Publish(dir / "k.key", dir / "q1", "basics", "--clips " + (dir / "studio"));
    ASSERT_EQ(r.status, 0) << r.output;
    ASSERT_EQ(Update("q1").status, 0);
    fs::copy(dir / "q1", dir / "q2", fs::copy_options::recursive);
    r = Publish(dir / "k.key", dir / "q2", "basics safety", "--clips " + (dir / "studio"));
    ASSERT_EQ(r.status, 0) << r.output;
    before = Installed();
  }
  // What the kiosk shows and speaks, byte for byte.
  std::string Installed() {
    std::string all = fs::read_symlink(dir / "root/current").string();
    for (const auto& e : fs::recursive_directory_iterator(dir / "root/current/"))
      if (e.is_regular_file()) all += "|" + e.path().string() + "=" + Sha256Hex(ReadAll(e.path().string()));
    return all;
  }
  // The path of release 2's index (the one listed in its channel.json).
  std::optional<Manifest> Read(const std::string& channel) {
    std::vector<support::LoadError> errors;
    return ParseManifest(ReadAll(dir / (channel + "/channel.json")), "channel.json", &errors);
  }
  // Replaces release 2's index by `bytes`; `sign`: list and sign it as a publisher would (a
  // publisher's mistake, or a forged index with the publisher's key), else leave channel.json.
  void ReplaceIndex(const std::string& bytes, bool sign) {
    std::optional<Manifest> m = Read("q2");
    ASSERT_TRUE(m);
    auto it = std::find_if(m->files.begin(), m->files.end(),
                           [](const FileEntry& f) { return f.kind == FileEntry::Kind::kClipIndex; });
    ASSERT_NE(it, m->files.end());
    if (!sign) {
      WriteAll(dir / ("q2/" + it->path), bytes);
      return;
    }
    fs::remove(dir / ("q2/" + it->path));
    it->sha256 = Sha256Hex(bytes);
    it->size = bytes.size();
    it->path = "media/" + it->sha256 + ".json";
    WriteAll(dir / ("q2/" + it->path), bytes);
    std::string error;
    std::optional<SecretKey> key = ParseSecretKey(ReadAll(dir / "k.key"), "", &error);
    ASSERT_TRUE(key) << error;
    const std::string json = m->ToJson();
    WriteAll(dir / "q2/channel.json", json);
    WriteAll(dir / "q2/channel.json.minisig", Sign(json, *key, "timestamp:" + std::to_string(std::time(nullptr))));
    index_path = dir / ("q2/" + it->path);
  }
  void ExpectRefused(const std::vector<std::string>& expected) {
    for (const std::string& command : {kUpdate + " " + (dir / "q2") + " --root " + (dir / "root") + " --pubkey " + (dir / "k.pub"),
                                       kPack + " verify " + (dir / "q2") + " --pubkey " + (dir / "k.pub")}) {
      SCOPED_TRACE(command);
      RunResult r = RunCommand(command);
      EXPECT_EQ(r.status, 1) << r.output;
      for (const std::string& e : expected) EXPECT_NE(r.output.find(e), std::string::npos) << e << "\n" << r.output;
    }
    EXPECT_EQ(Installed(), before);
  }

  std::string before, index_path;
};

TEST_F(BadClipIndex, AClipTheChannelDoesNotListIsRefused) {
  std::optional<Manifest> m = Read("q2");
  ASSERT_TRUE(m);
  const std::string unlisted(64, 'a');
  ReplaceIndex(FormatClipIndex({{"en", title, "lessons.title", unlisted}}), /*sign=*/true);
  ExpectRefused({index_path + ":8:", "/clips/0/sha256: names media/" + unlisted + ".wav, which channel.json does not list"});
}

TEST_F(BadClipIndex, AChangedIndexIsRefusedByItsHash) {
  std::optional<Manifest> m = Read("q2");
  ASSERT_TRUE(m);
  std::string bytes = ReadAll(dir / ("q2/" + m->ClipIndex()->path));
  bytes[bytes.find(title)] ^= 0x20;  // one letter's case
  ReplaceIndex(bytes, /*sign=*/false);
  ExpectRefused({m->ClipIndex()->path + ": its SHA-256 differs from channel.json's"});
}

TEST_F(BadClipIndex, AnIndexThatIsNotJsonIsRefused) {
  ReplaceIndex("{\"format\": \"qiao-clips/1\",\n  \"clips\": [\n", /*sign=*/true);
  ExpectRefused({index_path + ":3:"});
}

TEST_F(BadClipIndex, ALocaleThatIsNoFolderNameIsRefused) {
  std::optional<Manifest> m = Read("q2");
  ASSERT_TRUE(m);
  const FileEntry* wav = nullptr;
  for (const FileEntry& f : m->files)
    if (f.kind == FileEntry::Kind::kMedia) wav = &f;
  ASSERT_TRUE(wav);
  ReplaceIndex(FormatClipIndex({{"../../current", title, "", wav->sha256}}), /*sign=*/true);
  ExpectRefused({index_path + ":5:", "/clips/0/locale: \"../../current\" is not a language tag"});
}

}  // namespace
}  // namespace qiao::channel
