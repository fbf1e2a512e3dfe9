// A power cut at any moment of an update leaves the old content or the new, never a mix: 200
// imports, each qiao-update killed with SIGKILL at a random moment (fixed seed), and after every
// one ROOT/current must be a complete bundle the kiosk's loader accepts, equal to the content
// before the import or the content being imported, with its own channel.json.
//
// The moments are spread over 1.2 times the length of a whole import as measured on this machine
// (every 20th import runs to the end and sets the scale), so the kills land in reading, writing,
// flushing, linking, switching and cleaning up alike. Nothing is asserted about time.
#include "channel/bundle.h"
#include "channel/channel.h"
#include "channel/crypto.h"
#include "channel/install.h"
#include "channel/publish.h"
#include "test_support.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>

namespace qiao::channel {
namespace {

using namespace test_support;
using Clock = std::chrono::steady_clock;

// Three contents the channel rotates through, so the new bundle is never the one kept as
// `previous` and each import really writes (a patch when the installed bundle is the one before).
// One real lesson pack (a 130 KB bundle) and two small test packs keep 200 imports affordable
// under AddressSanitizer too.
std::vector<std::string> Contents(const Scratch& dir, const std::string& key) {
  std::vector<std::string> bundles;
  int n = 0;
  const std::string valid = std::string(QIAO_SOURCE_DIR) + "/tests/tools/packs/valid/";
  for (const std::string& packs : {kLessons + "/basics.pack.json", valid + "full.json", valid + "all-locales.json"}) {
    const std::string out = dir / ("content" + std::to_string(n++));
    RunResult r = PublishPaths(key, out, packs);
    EXPECT_EQ(r.status, 0) << r.output;
    std::vector<support::LoadError> errors;
    std::optional<Manifest> m = ParseManifest(ReadAll(out + "/channel.json"), out, &errors);
    EXPECT_TRUE(m);
    if (!m) return {};
    std::string bundle, error;
    EXPECT_TRUE(ZstdDecompress(ReadAll(out + "/" + m->Bundle()->path), m->Bundle()->content_size, &bundle, &error));
    bundles.push_back(bundle);
  }
  return bundles;
}

// Runs qiao-update; kills it `delay` after it starts (never, when delay < 0). Returns how long it ran.
Clock::duration RunUpdate(const std::vector<std::string>& args, std::chrono::microseconds delay, bool* finished) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const Clock::time_point start = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  if (delay.count() >= 0) {
    if (delay.count() > 0) ::usleep(static_cast<useconds_t>(delay.count()));
    ::kill(pid, SIGKILL);  // not yet reaped, so the pid cannot belong to anyone else
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  *finished = WIFEXITED(status);
  if (*finished) {
    EXPECT_EQ(WEXITSTATUS(status), 0) << "an import that was not killed failed";
  }
  return Clock::now() - start;
}

TEST(KillDuringUpdate, TwoHundredKilledImportsAlwaysLeaveTheOldOrTheNewBundle) {
  Scratch dir;
  MakeMinisignKey(dir / "k.pub", dir / "k.key");
  const std::vector<std::string> contents = Contents(dir, dir / "k.key");
  ASSERT_EQ(contents.size(), 3u);
  std::vector<std::string> shas;
  for (const std::string& c : contents) shas.push_back(Sha256Hex(c));
  std::string error;
  std::optional<SecretKey> key = ParseSecretKey(ReadAll(dir / "k.key"), "", &error);
  ASSERT_TRUE(key) << error;

  const std::string root = dir / "root", channel = dir / "channel";
  const std::vector<std::string> args = {kUpdate, channel, "--root", root, "--pubkey", dir / "k.pub"};
  std::mt19937 random(20261207);
  Clock::duration whole_total{};  // of the imports run to the end
  int whole_count = 0;
  int kept_old = 0, got_new = 0;
  std::string installed_sha;    // what current holds before each import ("" = nothing yet)
  uint64_t installed_seq = 0;

  for (int i = 0; i < 200; ++i) {
    // Publish release i+1 into the channel folder, with a patch from release i's bundle.
    PublishOptions options;
    options.out_dir = channel;
    options.channel = "demo";
    options.level = 3;
    const std::string& content = contents[i % 3];
    PublishResult p = Publish(options, content, *key);
    ASSERT_TRUE(p.ok) << p.error;
    ASSERT_EQ(p.manifest.sequence, static_cast<uint64_t>(i + 1));

    // Every 20th import runs to the end (it measures how long a whole one takes); the next is
    // killed before it can start; the rest at a random moment within a whole import's length.
    std::chrono::microseconds delay(-1);
    if (i % 20 == 1) {
      delay = std::chrono::microseconds(0);
    } else if (i % 20 != 0) {
      auto span = std::chrono::duration_cast<std::chrono::microseconds>(whole_total / whole_count).count();
      delay = std::chrono::microseconds(std::uniform_int_distribution<long>(0, span + span / 5)(random));
    }
    bool finished = false;
    Clock::duration took = RunUpdate(args, delay, &finished);
    if (delay.count() < 0) {
      whole_total += took;
      ++whole_count;
    }

    // What would the kiosk show now?
    SCOPED_TRACE("import " + std::to_string(i) + ", killed after " + std::to_string(delay.count()) + " µs");
    std::optional<Manifest> m = InstalledManifest(root, &error);
    ASSERT_TRUE(m) << "nothing readable is installed: " << error;
    const std::string bundle = ReadAll(root + "/current/bundle.qbundle");
    const std::string sha = Sha256Hex(bundle);
    ASSERT_EQ(sha, m->Bundle()->content_sha256) << "current's bundle is not the one its channel.json names";
    std::vector<std::string> problems;
    ASSERT_TRUE(ValidateBundle(bundle, root + "/current/bundle.qbundle", &problems)) << problems.front();
    if (sha == shas[i % 3] && m->sequence == static_cast<uint64_t>(i + 1)) {
      ++got_new;
    } else {
      ASSERT_EQ(sha, installed_sha) << "current is neither the old content nor the new";
      ASSERT_EQ(m->sequence, installed_seq);
      ASSERT_FALSE(finished) << "an import that ran to the end left the old content";
      ++kept_old;
    }
    // The release kept to fall back to is complete too.
    if (fs::is_symlink(root + "/previous")) {
      const std::string prev_json = ReadAll(root + "/previous/channel.json");
      std::vector<support::LoadError> errors;
      std::optional<Manifest> pm = ParseManifest(prev_json, root + "/previous/channel.json", &errors);
      ASSERT_TRUE(pm) << "previous has no readable channel.json";
      ASSERT_EQ(Sha256Hex(ReadAll(root + "/previous/bundle.qbundle")), pm->Bundle()->content_sha256);
    }
    installed_sha = sha;
    installed_seq = m->sequence;
  }
  std::cout << "200 imports: " << got_new << " switched to the new content, " << kept_old
            << " killed before the switch kept the old (a whole import took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(whole_total / whole_count).count()
            << " ms on average)\n";

  // Whatever the kills left behind, the next import runs clean and tidies up.
  PublishOptions options;
  options.out_dir = channel;
  options.channel = "demo";
  options.level = 3;
  ASSERT_TRUE(Publish(options, contents[0], *key).ok);
  bool finished = false;
  RunUpdate(args, std::chrono::microseconds(-1), &finished);
  ASSERT_TRUE(finished);
  EXPECT_EQ(Sha256Hex(ReadAll(root + "/current/bundle.qbundle")), shas[0]);
  EXPECT_EQ(std::distance(fs::directory_iterator(root + "/releases"), fs::directory_iterator()), 2)
      << "only current and previous are kept";
  for (const auto& e : fs::recursive_directory_iterator(root))
    EXPECT_FALSE(e.path().string().ends_with(".partial")) << e.path();
  EXPECT_GT(got_new, 0);
  EXPECT_GT(kept_old, 0);
}

}  // namespace
}  // namespace qiao::channel
