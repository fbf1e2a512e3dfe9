// A kiosk following a channel on a web server (`qiao-update URL`, app/channel/fetch.h): served
// by a local static server (channel_server.py, on a free port, its requests logged), the first
// install downloads the bundle, the next release only the patch, a refused channel costs only
// channel.json and its signature, damage and a server sending too much are refused, 404 and a
// refused connection are named, an interrupted download is continued with a Range request, and
// the installed content is untouched whenever nothing installs.
#include "channel/crypto.h"
#include "channel/fetch.h"
#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>
#include <vector>

namespace qiao::channel {
namespace {

using namespace test_support;

// A server process, killed (and waited for) when this goes out of scope: channel_server.py
// serving `dir`, or any program printing its port on its first lines as `port_format` says.
class Server {
 public:
  Server(const std::string& dir, const std::string& log, std::vector<std::string> faults = {})
      : Server(Python(dir, log, faults), "port %d") {}
  Server(std::vector<std::string> args, const char* port_format) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return;  // dup2 below clears it on the child's stdout
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    // One of its first lines says the port it bound (port 0: any free one). A program that
    // never says it fails the test (port 0) rather than hanging it: a minute is a safety net.
    std::string said;
    char buf[256];
    for (int lines = 0; port_ == 0 && lines < 5;) {
      pollfd p{out[0], POLLIN, 0};
      if (::poll(&p, 1, 60'000) <= 0) break;
      const ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      said.append(buf, static_cast<size_t>(n));
      for (size_t nl; port_ == 0 && (nl = said.find('\n')) != std::string::npos; ++lines) {
        std::sscanf(said.substr(0, nl).c_str(), port_format, &port_);
        said.erase(0, nl + 1);
      }
    }
    said_fd_ = out[0];  // open while it runs: a later line must not kill it with SIGPIPE
  }
  ~Server() { Stop(); }
  void Stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    if (said_fd_ >= 0) ::close(said_fd_);
    said_fd_ = -1;
  }
  static std::vector<std::string> Python(const std::string& dir, const std::string& log, std::vector<std::string> faults) {
    std::vector<std::string> args = {QIAO_PYTHON, std::string(QIAO_SOURCE_DIR) + "/tests/channel/channel_server.py", dir,
                                     log};
    args.insert(args.end(), faults.begin(), faults.end());
    return args;
  }
  int port() const { return port_; }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int said_fd_ = -1;
};

// Two releases of channel "demo": 1 (basics) and 2 (basics + safety, with a patch from 1).
class FetchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = new Scratch;
    PublishReleasesOneAndTwo(shared_->path());
  }
  static void TearDownTestSuite() { delete shared_; }
  static std::string S(const std::string& name) { return *shared_ / name; }
  static std::string FileUnder(const std::string& channel_dir, const std::string& sub) {
    for (const auto& e : fs::directory_iterator(channel_dir + "/" + sub)) return e.path().string();
    return {};
  }
  // "/bundles/<name>" of the file under `sub` of `channel_dir`, as the server logs it.
  static std::string Served(const std::string& channel_dir, const std::string& sub) {
    return "/" + sub + "/" + fs::path(FileUnder(channel_dir, sub)).filename().string();
  }

  // The site the server serves: a copy of release `q` (what a publisher uploads).
  void Serve(const std::string& q) {
    fs::remove_all(dir / "site", ec_);
    fs::copy(S(q), dir / "site", fs::copy_options::recursive);
  }
  RunResult Update(const std::string& from) {
    return RunCommand(kUpdate + " " + from + " --root " + (dir / "root") + " --pubkey " + S("k.pub"));
  }
  // The requests the server saw since the last call.
  std::vector<std::string> Requests() {
    std::vector<std::string> lines;
    std::istringstream in(ReadAll(dir / "log"));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    fs::remove(dir / "log", ec_);
    return lines;
  }
  std::string Snapshot() {
    return fs::read_symlink(dir / "root/current", ec_).string() + " | " +
           fs::read_symlink(dir / "root/previous", ec_).string() + " | " +
           Sha256Hex(ReadAll(dir / "root/current/bundle.qbundle")) + " | " + ReadAll(dir / "root/current/channel.json");
  }

  static Scratch* shared_;
  Scratch dir;
  std::error_code ec_;
};
Scratch* FetchTest::shared_ = nullptr;

using Lines = std::vector<std::string>;

TEST_F(FetchTest, FirstInstallDownloadsTheBundleAndTheNextReleaseOnlyThePatch) {
  Serve("q1");
  Server server(dir / "site", dir / "log");
  ASSERT_GT(server.port(), 0);
  RunResult r = Update(server.Url());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(Requests(), (Lines{"GET /channel.json", "GET /channel.json.minisig", "GET " + Served(S("q1"), "bundles")}));
  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-1");

  Serve("q2");
  r = Update(server.Url() + "channel.json");  // the address of channel.json works as well as the folder's
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("bundle built from patch patches/"), std::string::npos) << r.output;
  EXPECT_EQ(Requests(), (Lines{"GET /channel.json", "GET /channel.json.minisig", "GET " + Served(S("q2"), "patches")}));
  r = RunCommand("zstd -q -d -f " + FileUnder(S("q2"), "bundles") + " -o " + (dir / "full.qbundle"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(ReadAll(dir / "root/current/bundle.qbundle"), ReadAll(dir / "full.qbundle"));
  EXPECT_EQ(fs::read_symlink(dir / "root/previous"), "releases/demo-1");
  // Installed: nothing is kept in the staging folder.
  EXPECT_TRUE(fs::is_empty(dir / "root/download")) << "root/download holds what is installed already";

  // The same release again: refused after the two small requests.
  r = Update(server.Url());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("sequence 2 is already installed"), std::string::npos) << r.output;
  EXPECT_EQ(Requests(), (Lines{"GET /channel.json", "GET /channel.json.minisig"}));
}

TEST_F(FetchTest, AnOlderSequenceIsRefusedAfterOnlyChannelJsonAndItsSignature) {
  ASSERT_EQ(Update(S("q2")).status, 0);  // sequence 2 from a stick
  const std::string before = Snapshot();
  Serve("q1");
  Server server(dir / "site", dir / "log");
  RunResult r = Update(server.Url());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find(server.Url() + "channel.json: sequence 1 is older than the installed 2"), std::string::npos)
      << r.output;
  EXPECT_EQ(Requests(), (Lines{"GET /channel.json", "GET /channel.json.minisig"}));
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(FetchTest, ServedDamageIsRefusedAndTheInstalledContentIsUntouched) {
  Serve("q1");
  Server server(dir / "site", dir / "log");
  ASSERT_EQ(Update(server.Url()).status, 0);
  const std::string before = Snapshot();
  auto flip = [](const std::string& path) {
    std::string bytes = ReadAll(path);
    bytes[bytes.size() / 2] ^= 0x20;
    WriteAll(path, bytes);
  };

  Serve("q2");
  flip(FileUnder(dir / "site", "patches"));
  RunResult r = Update(server.Url());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find(server.Url() + Served(S("q2"), "patches").substr(1) + ": SHA-256 differs"), std::string::npos)
      << r.output;
  EXPECT_EQ(Snapshot(), before);
  EXPECT_FALSE(fs::exists(dir / ("root/download" + Served(S("q2"), "patches"))));
  EXPECT_FALSE(fs::exists(dir / ("root/download" + Served(S("q2"), "patches") + ".part")));

  // A server that sends more than listed is cut off (and nothing of it is kept).
  Serve("q2");
  const std::string patch = FileUnder(dir / "site", "patches");
  WriteAll(patch, ReadAll(patch) + std::string(4 << 20, 'x'));
  r = Update(server.Url());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("sends more than the " + std::to_string(fs::file_size(FileUnder(S("q2"), "patches"))) +
                          " bytes channel.json allows; stopped there"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(Snapshot(), before);
  EXPECT_FALSE(fs::exists(dir / ("root/download" + Served(S("q2"), "patches") + ".part")));
  {
    // The same from a server that cannot continue a .part: its whole answer is cut off as it
    // arrives (the announced length was not checked up front: the answer to a range request).
    WriteAll(dir / ("root/download" + Served(S("q2"), "patches") + ".part"), ReadAll(FileUnder(S("q2"), "patches")).substr(0, 100));
    Server plain(dir / "site", dir / "log", {"--no-range"});
    r = Update(plain.Url());
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("bytes channel.json allows; stopped there"), std::string::npos) << r.output;
    EXPECT_EQ(Snapshot(), before);
    EXPECT_FALSE(fs::exists(dir / ("root/download" + Served(S("q2"), "patches") + ".part")));
  }

  // A channel.json larger than 64 KiB: not read beyond that, and nothing else is asked for.
  Serve("q2");
  WriteAll(dir / "site/channel.json", ReadAll(dir / "site/channel.json") + std::string(70000, ' '));
  Requests();
  r = Update(server.Url());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find(server.Url() + "channel.json: larger than the 65536 bytes it may be"), std::string::npos) << r.output;
  EXPECT_EQ(Requests(), (Lines{"GET /channel.json"}));
  EXPECT_EQ(Snapshot(), before);

  // A signature that does not match channel.json: nothing else is asked for.
  Serve("q2");
  std::string manifest = ReadAll(dir / "site/channel.json");
  manifest.replace(manifest.find("\"sequence\": 2"), 13, "\"sequence\": 9");
  WriteAll(dir / "site/channel.json", manifest);
  Requests();
  r = Update(server.Url());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("(downloaded from " + server.Url() + ")"), std::string::npos) << r.output;
  EXPECT_EQ(Requests(), (Lines{"GET /channel.json", "GET /channel.json.minisig"}));
  EXPECT_EQ(Snapshot(), before);

  // A first install from a damaged bundle installs nothing.
  Scratch other;
  Serve("q1");
  flip(FileUnder(dir / "site", "bundles"));
  r = RunCommand(kUpdate + " " + server.Url() + " --root " + (other / "root") + " --pubkey " + S("k.pub"));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("SHA-256 differs"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(other / "root/current"));
}

TEST_F(FetchTest, NotFoundARefusedConnectionAndAnUntrustedCertificateAreNamed) {
  Serve("q1");
  fs::remove(FileUnder(dir / "site", "bundles"));
  Server server(dir / "site", dir / "log");
  RunResult r = Update(server.Url());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find(server.Url() + Served(S("q1"), "bundles").substr(1) + ": the server answers HTTP 404"),
            std::string::npos)
      << r.output;
  r = Update(server.Url() + "no-such-channel/");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find(server.Url() + "no-such-channel/channel.json: the server answers HTTP 404"), std::string::npos)
      << r.output;
  EXPECT_FALSE(fs::exists(dir / "root/current"));

  // Nobody listens on the port any more.
  const std::string url = server.Url();
  server.Stop();
  r = Update(url);
  EXPECT_EQ(r.status, 3) << r.output;
  EXPECT_NE(r.output.find(url + "channel.json: cannot connect"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "root/current"));

  // A TLS server whose certificate nobody vouches for (Debian's openssl, a fresh self-signed one).
  r = RunCommand("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + (dir / "tls.key") + " -out " + (dir / "tls.crt") +
                 " -days 1 -subj /CN=127.0.0.1");
  ASSERT_EQ(r.status, 0) << r.output;
  {
    Server tls({QIAO_OPENSSL, "s_server", "-accept", "127.0.0.1:0", "-cert", dir / "tls.crt", "-key", dir / "tls.key", "-www"},
               "ACCEPT 127.0.0.1:%d");
    ASSERT_GT(tls.port(), 0);
    const std::string https = "https://127.0.0.1:" + std::to_string(tls.port()) + "/qiao/demo/";
    r = Update(https);
    EXPECT_EQ(r.status, 3) << r.output;
    EXPECT_NE(r.output.find(https + "channel.json: TLS error (SSL certificate problem: self-signed certificate)"),
              std::string::npos)
        << r.output;
  }
  EXPECT_FALSE(fs::exists(dir / "root/current"));

  r = Update("ftp://127.0.0.1/qiao/");  // not a URL qiao-update fetches: taken for a folder, which is missing
  EXPECT_EQ(r.status, 1) << r.output;
}

TEST_F(FetchTest, AnInterruptedDownloadIsContinuedWithARangeRequest) {
  Serve("q1");
  const std::string bundle = Served(S("q1"), "bundles");
  const std::string part = dir / ("root/download" + bundle + ".part");
  {
    Server server(dir / "site", dir / "log", {"--cut-after", "1000"});
    RunResult r = Update(server.Url());
    EXPECT_EQ(r.status, 3) << r.output;
    EXPECT_NE(r.output.find(server.Url() + bundle.substr(1) + ": the download broke off after 1000 bytes"),
              std::string::npos)
        << r.output;
    EXPECT_FALSE(fs::exists(dir / "root/current"));
    ASSERT_TRUE(fs::exists(part));
    EXPECT_EQ(fs::file_size(part), 1000u);
    Requests();
    r = Update(server.Url());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("continued from byte 1000"), std::string::npos) << r.output;
    EXPECT_EQ(Requests(), (Lines{"GET /channel.json", "GET /channel.json.minisig", "GET " + bundle + " bytes=1000-"}));
  }
  // A server that cannot continue: the .part is started again, and the result is the same.
  Scratch other;
  const std::string other_part = other / ("root/download" + bundle + ".part");
  fs::create_directories(fs::path(other_part).parent_path());
  WriteAll(other_part, ReadAll(FileUnder(S("q1"), "bundles")).substr(0, 500));
  Server plain(dir / "site", dir / "log", {"--no-range"});
  RunResult r = RunCommand(kUpdate + " " + plain.Url() + " --root " + (other / "root") + " --pubkey " + S("k.pub"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("does not continue downloads (no Range); started again"), std::string::npos) << r.output;
  EXPECT_EQ(ReadAll(other / "root/current/bundle.qbundle"), ReadAll(dir / "root/current/bundle.qbundle"));

  // A .part of other bytes: continued, found wrong, fetched whole once more.
  Scratch third;
  const std::string third_part = third / ("root/download" + bundle + ".part");
  fs::create_directories(fs::path(third_part).parent_path());
  WriteAll(third_part, std::string(500, 'x'));
  Server ranged(dir / "site", dir / "log");
  r = RunCommand(kUpdate + " " + ranged.Url() + " --root " + (third / "root") + " --pubkey " + S("k.pub"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("the continued download does not match; fetching it whole"), std::string::npos) << r.output;
}

// FetchAndInstall itself, with a short stall limit (the real one is 120 s): a link that hangs is
// given up and its .part kept; a slow one that keeps moving for longer than the limit is not.
TEST_F(FetchTest, AHangingDownloadIsGivenUpButASlowOneThatMovesIsNot) {
  InstallOptions options;
  options.root = dir / "root";
  std::string error;
  ASSERT_TRUE(LoadPublicKeys({S("k.pub")}, &options.keys, &error)) << error;
  FetchOptions fetch;
  fetch.stalled_seconds = 2;
  Serve("q1");
  const std::string bundle = Served(S("q1"), "bundles");
  {
    Server hanging(dir / "site", dir / "log", {"--stall-after", "1000"});
    InstallResult r = FetchAndInstall(hanging.Url(), options, fetch);
    EXPECT_EQ(r.status, InstallStatus::kFailed);
    ASSERT_FALSE(r.errors.empty());
    EXPECT_NE(r.errors[0].find(hanging.Url() + bundle.substr(1) + ": timed out"), std::string::npos) << r.errors[0];
    EXPECT_EQ(fs::file_size(dir / ("root/download" + bundle + ".part")), 1000u);
    EXPECT_FALSE(fs::exists(dir / "root/current"));
  }
  // 8 pieces half a second apart: 4 s of a slow download, twice the stall limit.
  fs::remove_all(dir / "root");
  Server slow(dir / "site", dir / "log", {"--trickle", "8"});
  InstallResult r = FetchAndInstall(slow.Url(), options, fetch);
  EXPECT_EQ(r.status, InstallStatus::kInstalled) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-1");
}

TEST_F(FetchTest, TheTimerFollowsTheConfiguredUrlAndSaysOnceWhenThereIsNone) {
  WriteAll(dir / "kiosk.json", "{\"operatorPin\": \"1234\"}\n");
  const std::string web = kUpdate + " --web --config " + (dir / "kiosk.json") + " --root " + (dir / "root") +
                          " --pubkey " + S("k.pub");
  RunResult r = RunCommand(web);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("no \"updateUrl\" in " + (dir / "kiosk.json") + ": web updates are off"), std::string::npos)
      << r.output;
  r = RunCommand(web);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.output, "") << "said once only";

  WriteAll(dir / "kiosk.json", "{\n  \"updateUrl\": 7\n}\n");
  r = RunCommand(web);
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("kiosk.json:2:3: /updateUrl: expected a string"), std::string::npos) << r.output;
  WriteAll(dir / "kiosk.json", "{\n  \"updateUrl\": \"/media/usb\"\n}\n");
  r = RunCommand(web);
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("/updateUrl: expected an http:// or https:// address"), std::string::npos) << r.output;

  Serve("q1");
  Server server(dir / "site", dir / "log");
  WriteAll(dir / "kiosk.json", "{\"updateUrl\": \"" + server.Url() + "\"}\n");
  r = RunCommand(web);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(fs::read_symlink(dir / "root/current"), "releases/demo-1");
}

}  // namespace
}  // namespace qiao::channel
