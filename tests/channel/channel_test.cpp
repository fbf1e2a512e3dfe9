// Channels as an operator meets them: signatures interoperate with Debian's minisign both ways,
// patches with Debian's zstd both ways, and qiao-update refuses every damaged, foreign or old
// channel with a message that says why, leaving the installed content exactly as it was.
#include "channel/channel.h"
#include "channel/crypto.h"
#include "channel/install.h"
#include "channel/minisign.h"
#include "channel/publish.h"
#include "test_support.h"

#include <functional>

namespace qiao::channel {
namespace {

using namespace test_support;

// [SECTION] minisign interoperability

class MinisignTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeMinisignKey(dir / "k.pub", dir / "k.key");
    WriteAll(dir / "message.txt", "Qiao channel test message\n");
  }
  PublicKey Pub() {
    std::string error;
    std::optional<PublicKey> key = ParsePublicKey(ReadAll(dir / "k.pub"), &error);
    EXPECT_TRUE(key) << error;
    return key.value_or(PublicKey{});
  }
  Scratch dir;
};

TEST_F(MinisignTest, SignaturesMadeByMinisignVerifyInQiao) {
  // -l: the legacy "Ed" signature Qiao publishes; without it minisign 0.11 makes a prehashed "ED" one.
  for (const std::string& mode : {std::string("-l"), std::string("")}) {
    SCOPED_TRACE("minisign -S " + mode);
    RunResult r = RunCommand("minisign -S " + mode + " -s " + (dir / "k.key") + " -m " + (dir / "message.txt") + " -x " +
                      (dir / "sig") + " -t 'words the publisher signed'");
    ASSERT_EQ(r.status, 0) << r.output;
    std::string error;
    std::optional<Signature> sig = ParseSignature(ReadAll(dir / "sig"), &error);
    ASSERT_TRUE(sig) << error;
    EXPECT_EQ(sig->prehashed, mode.empty());
    EXPECT_EQ(sig->trusted_comment, "words the publisher signed");
    const std::string message = ReadAll(dir / "message.txt");
    EXPECT_TRUE(Verify(message, *sig, {Pub()}, &error)) << error;

    EXPECT_FALSE(Verify(message + "!", *sig, {Pub()}, &error));
    EXPECT_NE(error.find("does not match the file"), std::string::npos) << error;
    Signature forged = *sig;
    forged.trusted_comment = "words the publisher did not sign";
    EXPECT_FALSE(Verify(message, forged, {Pub()}, &error));
    EXPECT_NE(error.find("trusted comment was changed"), std::string::npos) << error;
  }
}

TEST_F(MinisignTest, SignaturesMadeByQiaoVerifyWithMinisign) {
  std::string error;
  std::optional<SecretKey> key = ParseSecretKey(ReadAll(dir / "k.key"), "", &error);
  ASSERT_TRUE(key) << error;
  EXPECT_EQ(key->Public().id, Pub().id);
  EXPECT_EQ(key->Public().key, Pub().key);
  WriteAll(dir / "message.txt.minisig", Sign(ReadAll(dir / "message.txt"), *key, "signed by qiao"));
  RunResult r = RunCommand("minisign -V -p " + (dir / "k.pub") + " -m " + (dir / "message.txt"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("Trusted comment: signed by qiao"), std::string::npos) << r.output;

  WriteAll(dir / "message.txt", "Qiao channel test messagE\n");
  r = RunCommand("minisign -V -p " + (dir / "k.pub") + " -m " + (dir / "message.txt"));
  EXPECT_NE(r.status, 0) << "minisign accepted a changed file: " << r.output;
}

TEST_F(MinisignTest, KeyFilesRoundTripAndDamageIsCaught) {
  SecretKey key = GenerateKey();
  std::string error;
  std::optional<SecretKey> back = ParseSecretKey(FormatSecretKeyUnencrypted(key), "", &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->key, key.key);
  std::optional<PublicKey> pub = ParsePublicKey(FormatPublicKey(key.Public()), &error);
  ASSERT_TRUE(pub) << error;
  EXPECT_EQ(pub->key, key.Public().key);
  // Our public key file is one minisign reads.
  WriteAll(dir / "q.pub", FormatPublicKey(key.Public()));
  WriteAll(dir / "message.txt.minisig", Sign(ReadAll(dir / "message.txt"), key, "ok"));
  RunResult r = RunCommand("minisign -V -p " + (dir / "q.pub") + " -m " + (dir / "message.txt"));
  EXPECT_EQ(r.status, 0) << r.output;

  // minisign's unencrypted key with one bit of the secret changed.
  std::string text = ReadAll(dir / "k.key");
  size_t line = text.find('\n') + 1;
  text[line + 90] = text[line + 90] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ParseSecretKey(text, "", &error));
  EXPECT_NE(error.find("damaged"), std::string::npos) << error;
}

TEST_F(MinisignTest, UntrustedKeyIsNamed) {
  RunResult r = RunCommand("minisign -S -l -s " + (dir / "k.key") + " -m " + (dir / "message.txt"));
  ASSERT_EQ(r.status, 0) << r.output;
  std::string error;
  std::optional<Signature> sig = ParseSignature(ReadAll(dir / "message.txt.minisig"), &error);
  ASSERT_TRUE(sig) << error;
  SecretKey other = GenerateKey();
  EXPECT_FALSE(Verify(ReadAll(dir / "message.txt"), *sig, {other.Public()}, &error));
  EXPECT_NE(error.find(KeyIdHex(Pub().id)), std::string::npos) << error;
  EXPECT_NE(error.find(KeyIdHex(other.id)), std::string::npos) << error;
}

// [SECTION] zstd patches

TEST(ZstdPatch, PatchesAreInterchangeableWithDebianZstd) {
  Scratch dir;
  const std::string old_bytes = ReadAll(kLessons + "/basics.pack.json");
  const std::string new_bytes = old_bytes + ReadAll(kLessons + "/safety.pack.json");
  WriteAll(dir / "old", old_bytes);
  WriteAll(dir / "new", new_bytes);

  // zstd --patch-from made it; Qiao applies it.
  RunResult r = RunCommand("zstd -q -f --patch-from=" + (dir / "old") + " " + (dir / "new") + " -o " + (dir / "cli.zst"));
  ASSERT_EQ(r.status, 0) << r.output;
  std::string out, error;
  ASSERT_TRUE(ZstdDecompress(ReadAll(dir / "cli.zst"), new_bytes.size(), &out, &error, old_bytes)) << error;
  EXPECT_EQ(out, new_bytes);

  // Qiao made it; zstd applies it.
  std::string patch = ZstdCompress(new_bytes, 19, old_bytes);
  EXPECT_LT(patch.size(), ZstdCompress(new_bytes, 19).size()) << "a patch should be smaller than the whole";
  WriteAll(dir / "qiao.zst", patch);
  r = RunCommand("zstd -q -f -d --patch-from=" + (dir / "old") + " " + (dir / "qiao.zst") + " -o " + (dir / "out"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(ReadAll(dir / "out"), new_bytes);

  // A frame that grows beyond what channel.json promised is stopped.
  EXPECT_FALSE(ZstdDecompress(patch, new_bytes.size() - 1, &out, &error, old_bytes));
  EXPECT_NE(error.find("more than"), std::string::npos) << error;
}

// [SECTION] channel.json

TEST(Manifest, ProblemsNameFileLineColumnAndPointer) {
  const std::string json =
      "{\n"
      "  \"format\": \"qiao-channel/1\",\n"
      "  \"channel\": \"demo\",\n"
      "  \"sequence\": \"7\",\n"
      "  \"created\": \"2026-12-07\",\n"
      "  \"expires\": \"2026-02-30\",\n"
      "  \"minAppVersion\": \"0.1.0\",\n"
      "  \"files\": [{\"path\": \"../etc/passwd\", \"size\": 1, \"sha256\": \"" + std::string(64, 'a') + "\"}]\n"
      "}\n";
  std::vector<support::LoadError> errors;
  EXPECT_FALSE(ParseManifest(json, "QIAO/channel.json", &errors));
  std::string all;
  for (const support::LoadError& e : errors) all += e.ToString() + "\n";
  EXPECT_NE(all.find("QIAO/channel.json:4:3: /sequence: must be a whole number"), std::string::npos) << all;
  EXPECT_NE(all.find("QIAO/channel.json:6:3: /expires: must be a date"), std::string::npos) << all;
  EXPECT_NE(all.find("QIAO/channel.json:8:14: /files/0/path: \"../etc/passwd\" is not a channel file name"), std::string::npos) << all;
  EXPECT_NE(all.find("/files: lists 0 bundles"), std::string::npos) << all;

  errors.clear();
  EXPECT_FALSE(ParseManifest("{\"format\": ", "QIAO/channel.json", &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "QIAO/channel.json");
  EXPECT_EQ(errors[0].line, 1);
}

// [SECTION] publish, verify, update

// Two releases of channel "demo": 1 (basics) and 2 (basics + safety, with a patch from 1).
class ChannelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = new Scratch;
    MakeMinisignKey(S("other.pub"), S("other.key"));
    PublishReleasesOneAndTwo(shared_->path());
  }
  static void TearDownTestSuite() { delete shared_; }
  static std::string S(const std::string& name) { return *shared_ / name; }

  RunResult Update(const std::string& channel_dir, const std::string& key = "k.pub") {
    return RunCommand(kUpdate + " " + channel_dir + " --root " + (dir / "root") + " --pubkey " + S(key));
  }
  // What a kiosk would show, and what it would fall back to.
  std::string Snapshot() {
    return fs::read_symlink(dir / "root/current").string() + " | " +
           fs::read_symlink(dir / "root/previous", ec_).string() + " | " +
           Sha256Hex(ReadAll(dir / "root/current/bundle.qbundle")) + " | " + ReadAll(dir / "root/current/channel.json");
  }
  // The file of `channel_dir` whose name starts with `prefix` (bundles/, patches/).
  static std::string FileUnder(const std::string& channel_dir, const std::string& sub) {
    for (const auto& e : fs::directory_iterator(channel_dir + "/" + sub)) return e.path().string();
    return {};
  }

  static Scratch* shared_;
  Scratch dir;
  std::error_code ec_;
};
Scratch* ChannelTest::shared_ = nullptr;

TEST_F(ChannelTest, PublishedChannelVerifiesWithMinisignAndQiao) {
  RunResult r = RunCommand("minisign -V -p " + S("k.pub") + " -m " + S("q2") + "/channel.json");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("channel:demo\tsequence:2"), std::string::npos) << r.output;
  r = RunCommand(kPack + " verify " + S("q2") + " --pubkey " + S("k.pub"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("valid: channel \"demo\" sequence 2, 2 files checked"), std::string::npos) << r.output;
  // The publisher's folder keeps only what channel.json lists.
  EXPECT_EQ(std::distance(fs::directory_iterator(S("q2") + "/bundles"), fs::directory_iterator()), 1);
}

TEST_F(ChannelTest, PatchUpdateYieldsTheSameBytesAsTheFullBundle) {
  RunResult r = Update(S("q1"));
  ASSERT_EQ(r.status, 0) << r.output;
  r = Update(S("q2"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("bundle built from patch patches/"), std::string::npos) << r.output;
  r = RunCommand("zstd -q -d -f " + FileUnder(S("q2"), "bundles") + " -o " + (dir / "full.qbundle"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(ReadAll(dir / "root/current/bundle.qbundle"), ReadAll(dir / "full.qbundle"));
  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-2");
  EXPECT_EQ(fs::read_symlink(dir / "root/previous"), "releases/demo-1");
  EXPECT_TRUE(fs::exists(dir / "root/previous/bundle.qbundle"));
}

TEST_F(ChannelTest, EveryDamageIsRefusedAndTheInstalledContentIsUntouched) {
  ASSERT_EQ(Update(S("q1")).status, 0);
  const std::string before = Snapshot();
  struct Case {
    std::string name;
    std::function<void(const std::string& dir)> damage;
    std::string expected;  // in the operator's message
    std::string key = "k.pub";
  };
  auto flip = [](const std::string& file, size_t at) {
    std::string bytes = ReadAll(file);
    bytes[at] ^= 0x01;
    WriteAll(file, bytes);
  };
  auto middle = [&](const std::string& file) { flip(file, fs::file_size(file) / 2); };
  std::vector<Case> cases = {
      {"flipped byte in channel.json", [&](auto& d) { middle(d + "/channel.json"); }, "signature does not match"},
      {"flipped byte in the signature",
       [&](auto& d) { flip(d + "/channel.json.minisig", ReadAll(d + "/channel.json.minisig").find('\n') + 30); },
       "channel.json"},
      {"flipped byte in the bundle", [&](auto& d) { middle(FileUnder(d, "bundles")); }, "SHA-256 differs"},
      {"flipped byte in the patch", [&](auto& d) { middle(FileUnder(d, "patches")); }, "SHA-256 differs"},
      {"wrong key", [](auto&) {}, "not a trusted key", "other.pub"},
      {"oversized bundle", [&](auto& d) { std::ofstream(FileUnder(d, "bundles"), std::ios::app) << "extra"; },
       "is larger than the"},
      {"truncated patch", [&](auto& d) { fs::resize_file(FileUnder(d, "patches"), 100); }, "has only 100 of the"},
      {"missing bundle", [&](auto& d) { fs::remove(FileUnder(d, "bundles")); }, "missing"},
      {"oversized channel.json",
       [&](auto& d) { std::ofstream(d + "/channel.json", std::ios::app) << std::string(70000, ' '); },
       "larger than 65536 bytes"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string channel = dir / ("case-" + std::to_string(&c - cases.data()));
    fs::copy(S("q2"), channel, fs::copy_options::recursive);
    c.damage(channel);
    RunResult r = Update(channel, c.key);
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find(c.expected), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("REFUSED: nothing was changed"), std::string::npos) << r.output;
    EXPECT_EQ(Snapshot(), before);
    if (c.key == "k.pub") {
      RunResult v = RunCommand(kPack + " verify " + channel + " --pubkey " + S("k.pub"));
      EXPECT_EQ(v.status, 1) << v.output;
      EXPECT_NE(v.output.find(c.expected), std::string::npos) << v.output;
    }
  }
  // And the undamaged channel still installs over it.
  EXPECT_EQ(Update(S("q2")).status, 0);
}

TEST_F(ChannelTest, EitherOfTwoTrustedKeysIsAccepted) {
  // The package ships two keys; a channel signed with either installs.
  RunResult r = RunCommand(kUpdate + " " + S("q1") + " --root " + (dir / "root") + " --pubkey " + S("other.pub") +
                           " --pubkey " + S("k.pub"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-1");
}

TEST_F(ChannelTest, OlderOrSameSequenceIsRefused) {
  ASSERT_EQ(Update(S("q2")).status, 0);
  const std::string before = Snapshot();
  RunResult r = Update(S("q1"));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("sequence 1 is older than the installed 2"), std::string::npos) << r.output;
  EXPECT_EQ(Snapshot(), before);
  r = Update(S("q2"));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("sequence 2 is already installed"), std::string::npos) << r.output;
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(ChannelTest, NewerAppVersionIsRefusedAndExpiryOnlyWarns) {
  RunResult r = Publish(S("k.key"), dir / "future", "basics", "--min-app-version 99.0.0");
  ASSERT_EQ(r.status, 0) << r.output;
  r = Update(dir / "future");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("needs Qiao 99.0.0 or newer"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "root/current"));

  r = Publish(S("k.key"), dir / "old", "basics", "--created 2020-01-01 --expires 2020-06-01");
  ASSERT_EQ(r.status, 0) << r.output;
  r = Update(dir / "old");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("warning: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("expired on 2020-06-01"), std::string::npos) << r.output;
  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-1");
}

TEST_F(ChannelTest, BundleTheKioskCannotLoadIsRefused) {
  // Signed correctly, but its pack is not one the kiosk's loader accepts.
  std::string error;
  std::optional<SecretKey> key = ParseSecretKey(ReadAll(S("k.key")), "", &error);
  ASSERT_TRUE(key) << error;
  PublishOptions options;
  options.out_dir = dir / "broken";
  options.channel = "demo";
  options.level = 3;
  PublishResult p = Publish(options, R"({"bundleVersion":1,"packs":[{"id":"broken"}],"index":{}})", *key);
  ASSERT_TRUE(p.ok) << p.error;
  RunResult r = Update(dir / "broken");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("#/packs/0"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "root/current"));
}

TEST_F(ChannelTest, ClipsAreInstalledNextToTheBundle) {
  WriteAll(dir / "clip.wav", std::string("RIFF") + std::string(100, 'x'));
  RunResult r = Publish(S("k.key"), dir / "media", "basics", "--media " + (dir / "clip.wav"));
  ASSERT_EQ(r.status, 0) << r.output;
  r = Update(dir / "media");
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string sha = Sha256Hex(ReadAll(dir / "clip.wav"));
  EXPECT_EQ(ReadAll(dir / ("root/current/media/" + sha + ".wav")), ReadAll(dir / "clip.wav"));

  // A damaged clip on the next stick: refused, the installed clip stays.
  r = Publish(S("k.key"), dir / "media", "basics safety", "--media " + (dir / "clip.wav"));
  ASSERT_EQ(r.status, 0) << r.output;
  std::string clip = ReadAll(dir / ("media/media/" + sha + ".wav"));
  clip[50] ^= 1;
  WriteAll(dir / ("media/media/" + sha + ".wav"), clip);
  r = Update(dir / "media");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find(sha + ".wav: its SHA-256 differs"), std::string::npos) << r.output;
  EXPECT_EQ(ReadAll(dir / ("root/current/media/" + sha + ".wav")), ReadAll(dir / "clip.wav"));
  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-1");
}

TEST_F(ChannelTest, AnotherChannelNeedsTheOperatorsSay) {
  ASSERT_EQ(Update(S("q2")).status, 0);
  RunResult r = RunCommand(kPack + " publish --key " + S("k.key") + " --channel county-b --out " + (dir / "b") +
                           " --level 3 " + kLessons + "/safety.pack.json");
  ASSERT_EQ(r.status, 0) << r.output;
  r = Update(dir / "b");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("but this kiosk follows \"demo\""), std::string::npos) << r.output;
  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-2");
  r = RunCommand(kUpdate + " " + (dir / "b") + " --root " + (dir / "root") + " --pubkey " + S("k.pub") +
                 " --allow-channel-change");
  EXPECT_EQ(r.status, 0) << r.output;
  std::string error;
  std::optional<Manifest> m = InstalledManifest(dir / "root", &error);
  ASSERT_TRUE(m) << error;
  EXPECT_EQ(m->channel, "county-b");
  EXPECT_EQ(m->sequence, 1u);
}

}  // namespace
}  // namespace qiao::channel
