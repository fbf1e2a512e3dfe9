// An update from a USB stick as the bureau brings one: a channel copied onto a FAT32 file system
// (Debian's mkfs.vfat and mcopy, as a PC would), mounted read-only in user space (Debian's
// fusefat: this machine, like CI, has no vfat kernel module), installed by the real qiao-update
// as the stick script runs it (packaging/qiao-update-stick). The image is unmounted on every
// path, success or failure, and must come back byte for byte unchanged.
#include "channel/channel.h"
#include "channel/crypto.h"
#include "test_support.h"

#include "../clip_index.h"
#include "../wav_writer.h"

#include <cmath>

namespace qiao::channel {
namespace {

using namespace test_support;

// A FAT image mounted read-only with fusefat while this lives.
class FatMount {
 public:
  FatMount(const std::string& image, const std::string& dir) : dir_(dir) {
    fs::create_directories(dir);
    RunResult r = RunCommand("fusefat -o ro " + image + " " + dir);
    mounted_ = r.status == 0 && IsMountPoint(dir);
    if (!mounted_) {
      error_ = "cannot mount a FAT image in user space with fusefat (" + r.output +
               "); this test needs FUSE: /dev/fuse usable by this user, and Debian's fusefat, dosfstools and "
               "mtools (./qiao installs them)";
      Unmount();  // if fusefat half-started
    }
  }
  ~FatMount() { Unmount(); }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  void Unmount() {
    if (IsMountPoint(dir_)) RunCommand("fusermount -u " + dir_);
    mounted_ = false;
  }
  static bool IsMountPoint(const std::string& dir) {
    return ReadAll("/proc/self/mounts").find(" " + fs::absolute(dir).string() + " ") != std::string::npos;
  }

 private:
  std::string dir_, error_;
  bool mounted_ = false;
};

std::string Tool(const char* name) { return RunCommand(std::string("command -v ") + name).output; }

TEST(FatStick, AnImportFromAFat32ImageWorksAndLeavesTheImageUnchanged) {
  for (const char* tool : {"mkfs.vfat", "mcopy", "fusefat", "fusermount"})
    ASSERT_FALSE(Tool(tool).empty()) << tool << " is missing: ./qiao installs dosfstools, mtools and fusefat";
  Scratch dir;
  MakeMinisignKey(dir / "k.pub", dir / "k.key");
  // Release 1 installed; release 2 brings a patch, a bundle, clips and their index: every kind
  // of channel file name.
  fs::create_directories(dir / "studio/audio/en");
  std::vector<int16_t> pcm(4000);
  for (size_t i = 0; i < pcm.size(); ++i) pcm[i] = static_cast<int16_t>(6000 * std::sin(i * 0.1));
  testing::WriteWav(dir / "studio/audio/en/take.wav", pcm, 16000);
  testing::WriteClipIndex(dir / "studio/audio/en", "en", {{"Lessons", "take.wav", "lessons.title"}});
  RunResult r = Publish(dir / "k.key", dir / "q1", "basics");
  ASSERT_EQ(r.status, 0) << r.output;
  fs::create_directories(dir / "stage");
  fs::copy(dir / "q1", dir / "stage/QIAO", fs::copy_options::recursive);
  r = Publish(dir / "k.key", dir / "stage/QIAO", "basics safety", "--clips " + (dir / "studio"));
  ASSERT_EQ(r.status, 0) << r.output;
  r = RunCommand(kUpdate + " " + (dir / "q1") + " --root " + (dir / "root") + " --pubkey " + (dir / "k.pub"));
  ASSERT_EQ(r.status, 0) << r.output;

  // The stick: FAT32, the QIAO/ folder copied onto it.
  r = RunCommand("mkfs.vfat -F 32 -n QIAOSTICK -C " + (dir / "stick.img") + " 40000");
  ASSERT_EQ(r.status, 0) << r.output;
  r = RunCommand("mcopy -s -i " + (dir / "stick.img") + " " + (dir / "stage/QIAO") + " ::/");
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string image_before = Sha256Hex(ReadAll(dir / "stick.img"));

  {
    FatMount mount(dir / "stick.img", dir / "mnt");
    ASSERT_TRUE(mount.mounted()) << mount.error();
    const std::string qiao = dir / "mnt/QIAO";

    // Names on FAT: every file channel.json lists is found, with its own name's case and length
    // (the hashes are long names, kept as written); folders whose names fit 8.3 ("bundles",
    // "media") may show in capitals, which qiao-update allows for (FindChannelFile).
    std::vector<support::LoadError> errors;
    std::optional<Manifest> m = ParseManifest(ReadAll(qiao + "/channel.json"), "channel.json", &errors);
    ASSERT_TRUE(m);
    ASSERT_EQ(m->files.size(), 4u);  // bundle, patch, clip, clip index
    for (const FileEntry& f : m->files) {
      const fs::path found = FindChannelFile(qiao, f.path);
      EXPECT_TRUE(fs::is_regular_file(found)) << f.path;
      EXPECT_EQ(found.filename().string(), fs::path(f.path).filename().string());
    }

    // An operator's copy of the stick on a case-sensitive disk (say, for a web server): made by
    // listing the stick, it carries the names as FAT shows them, capitals and all.
    r = RunCommand("cp -r " + qiao + " " + (dir / "copy"));
    ASSERT_EQ(r.status, 0) << r.output;

    // As the stick script runs it (--stick: the kiosk's screen follows along).
    r = RunCommand(kUpdate + " --stick " + qiao + " --root " + (dir / "root") + " --pubkey " + (dir / "k.pub") +
                   " --usage " + (dir / "usage.csv"));
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("bundle built from patch patches/"), std::string::npos) << r.output;
  }
  EXPECT_FALSE(FatMount::IsMountPoint(dir / "mnt"));

  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-2");
  r = RunCommand("zstd -q -d -c " + (dir / "stage/QIAO/bundles") + "/*.zst > " + (dir / "full"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(ReadAll(dir / "root/current/bundle.qbundle"), ReadAll(dir / "full"));
  const std::string clips = ReadAll(dir / "root/current/audio/en/clips.json");
  EXPECT_NE(clips.find("\"Lessons\""), std::string::npos) << clips;
  EXPECT_EQ(Sha256Hex(ReadAll(dir / "stick.img")), image_before) << "the read-only stick was changed";

  // The copy installs as well (fusefat shows "bundles", "media" and "patches" in capitals).
  r = RunCommand(kUpdate + " " + (dir / "copy") + " --root " + (dir / "root2") + " --pubkey " + (dir / "k.pub") +
                 " --no-export");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(ReadAll(dir / "root2/current/bundle.qbundle"), ReadAll(dir / "full"));
}

TEST(FatStick, ChannelFilesAreFoundWhateverTheCaseFatShowsTheirFolderIn) {
  Scratch dir;
  fs::create_directories(dir / "QIAO/BUNDLES");
  WriteAll(dir / "QIAO/BUNDLES/abc.zst", "x");
  WriteAll(dir / "QIAO/CHANNEL.JSON", "{}");
  EXPECT_EQ(FindChannelFile(dir / "QIAO", "bundles/abc.zst"), dir / "QIAO/BUNDLES/abc.zst");
  EXPECT_EQ(FindChannelFile(dir / "QIAO", "channel.json"), dir / "QIAO/CHANNEL.JSON");
  // Not there: the name channel.json lists, for the message.
  EXPECT_EQ(FindChannelFile(dir / "QIAO", "media/x.wav"), dir / "QIAO/media/x.wav");
  // Two names differing only in case (not on FAT; on a stick prepared elsewhere): none is guessed.
  fs::create_directories(dir / "QIAO/Bundles");
  WriteAll(dir / "QIAO/Bundles/abc.zst", "y");
  EXPECT_EQ(FindChannelFile(dir / "QIAO", "bundles/abc.zst"), dir / "QIAO/bundles/abc.zst");
}

}  // namespace
}  // namespace qiao::channel
