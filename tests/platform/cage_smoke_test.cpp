// The appliance's way of starting, end to end: the kiosk under the `cage` Wayland kiosk
// compositor, started with the packaged unit's own ExecStart and Environment lines
// (packaging/qiao-kiosk.service, only the installed paths swapped for the build's), as an
// unprivileged user, with systemd's NOTIFY_SOCKET and WATCHDOG_USEC. cage runs headless
// (WLR_BACKENDS=headless, the pixman renderer, no input devices); the kiosk draws with Mesa's
// software GL through SDL's Wayland driver. The test plays systemd's part (a datagram socket)
// and looks at the compositor's screen with grim (wlr-screencopy): the kiosk must say READY=1,
// keep pinging WATCHDOG=1, and its first screen must really be on the output.
//
// Every wait ends on an event (a message, a screenshot showing the kiosk); the time limits are
// only a safety net for a loaded machine and assert nothing.
#include "ui/theme.h"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The unit's ExecStart and Environment= lines.
struct Unit {
  std::vector<std::string> exec_start;
  std::vector<std::pair<std::string, std::string>> environment;
};

Unit ReadUnit(const std::string& path) {
  Unit u;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("ExecStart=")) {
      std::istringstream words(line.substr(10));
      for (std::string w; words >> w;) u.exec_start.push_back(w);
    } else if (line.starts_with("Environment=")) {
      const std::string kv = line.substr(12);
      const size_t eq = kv.find('=');
      if (eq != std::string::npos) u.environment.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
  }
  return u;
}

// What the test runs as: itself, or (as root, which cage refuses to run as) the user nobody.
struct RunAs {
  bool drop = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

RunAs Unprivileged() {
  RunAs r;
  if (::geteuid() != 0) return r;
  const passwd* pw = ::getpwnam("nobody");
  if (!pw) return r;
  r.drop = true;
  r.uid = pw->pw_uid;
  r.gid = pw->pw_gid;
  return r;
}

// In a forked child: become the unprivileged user for good (cage checks it cannot regain root).
void DropPrivileges(const RunAs& as) {
  if (!as.drop) return;
  if (::setgroups(0, nullptr) != 0 || ::setresgid(as.gid, as.gid, as.gid) != 0 ||
      ::setresuid(as.uid, as.uid, as.uid) != 0)
    ::_exit(126);
}

// Runs grim as the kiosk's user on the compositor's display; the PNG's path, or "" if it failed.
std::string Screenshot(const RunAs& as, const fs::path& runtime_dir, const fs::path& out) {
  fs::remove(out);
  pid_t pid = ::fork();
  if (pid == 0) {
    DropPrivileges(as);
    ::setenv("XDG_RUNTIME_DIR", runtime_dir.c_str(), 1);
    ::setenv("WAYLAND_DISPLAY", "wayland-0", 1);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDERR_FILENO);
    ::execl(GRIM, GRIM, out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs::exists(out) ? out.string() : "";
}

struct ScreenLook {
  int width = 0, height = 0;
  double background_share = 0;  // pixels of the kiosk's background colour
  size_t colours = 0;           // distinct colours (text and buttons add many)
};

ScreenLook Look(const std::string& png, uint32_t background) {
  ScreenLook look;
  int channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &look.width, &look.height, &channels, 3);
  if (!pixels) return look;
  std::map<uint32_t, size_t> counts;
  const size_t n = static_cast<size_t>(look.width) * look.height;
  for (size_t i = 0; i < n; ++i)
    ++counts[(uint32_t{pixels[3 * i]} << 16) | (uint32_t{pixels[3 * i + 1]} << 8) | pixels[3 * i + 2]];
  stbi_image_free(pixels);
  look.colours = counts.size();
  look.background_share = n ? static_cast<double>(counts[background]) / n : 0;
  return look;
}

// Swaps the unit's installed paths for the build's and the test's own folders.
std::string Localize(const std::string& word, const std::map<std::string, std::string>& paths) {
  for (const auto& [installed, here] : paths)
    if (word == installed) return here;
  return word;
}

TEST(CageSmoke, PackagedUnitsCommandShowsTheKioskAndPingsTheWatchdog) {
  const Unit unit = ReadUnit(std::string(QIAO_SOURCE_DIR) + "/packaging/qiao-kiosk.service");
  ASSERT_GE(unit.exec_start.size(), 3u) << "no ExecStart in packaging/qiao-kiosk.service";
  ASSERT_EQ(fs::path(unit.exec_start[0]).filename(), "cage") << "the unit no longer starts the kiosk under cage";

  const RunAs as = Unprivileged();
  const fs::path dir = fs::temp_directory_path() / ("qiao-cage-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  const fs::path runtime = dir / "run", data = dir / "data", home = dir / "home";
  for (const fs::path& p : {runtime, data, home}) {
    fs::create_directories(p);
    if (as.drop) ASSERT_EQ(::chown(p.c_str(), as.uid, as.gid), 0) << p;
  }
  fs::permissions(runtime, fs::perms::owner_all);  // as systemd's RuntimeDirectoryMode=0700

  // systemd's side: the notify socket, writable by the kiosk's user.
  const std::string socket_path = (dir / "notify").string();
  int sock = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  ASSERT_LT(socket_path.size(), sizeof addr.sun_path);
  std::copy(socket_path.begin(), socket_path.end(), addr.sun_path);
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::chmod(socket_path.c_str(), 0666);
  timeval one_second{1, 0};
  ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &one_second, sizeof one_second);

  // The unit's command line, with the build's binaries and the test's folders.
  const std::map<std::string, std::string> paths = {
      {"/usr/bin/cage", CAGE},
      {"/usr/bin/qiao-kiosk", QIAO_KIOSK},
      {"/etc/qiao/kiosk.json", std::string(QIAO_SOURCE_DIR) + "/packaging/kiosk.json"},
      {"/var/lib/qiao-kiosk", data.string()},
      {"/run/qiao-kiosk", runtime.string()},
  };
  std::vector<std::string> args;
  for (const std::string& w : unit.exec_start) args.push_back(Localize(w, paths));
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const fs::path log = dir / "kiosk.log";
  // cage starts Xwayland detached from itself: as the subreaper, the test gets it back to reap.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);  // the test ends cage, Xwayland and the kiosk together
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) {
      ::dup2(out, STDOUT_FILENO);
      ::dup2(out, STDERR_FILENO);
    }
    DropPrivileges(as);
    ::clearenv();
    ::setenv("PATH", "/usr/bin:/bin", 1);
    ::setenv("HOME", home.c_str(), 1);
    for (const auto& [key, value] : unit.environment) ::setenv(key.c_str(), Localize(value, paths).c_str(), 1);
    // What systemd gives a Type=notify unit with WatchdogSec (the kiosk pings at half of it).
    ::setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
    ::setenv("WATCHDOG_USEC", "1000000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);  // cage's: the unit's main process
    // A machine with no screen, keyboard or GPU: cage's headless output, Mesa's software GL.
    ::setenv("WLR_BACKENDS", "headless", 1);
    ::setenv("WLR_RENDERER", "pixman", 1);
    ::setenv("WLR_LIBINPUT_NO_DEVICES", "1", 1);
    ::setenv("LIBGL_ALWAYS_SOFTWARE", "1", 1);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ASSERT_GT(pid, 0);
  ::setpgid(pid, pid);

  std::vector<std::string> messages;
  int pings = 0;
  ScreenLook seen;
  bool on_screen = false, exited = false;
  const uint32_t background = qiao::ui::kStandardTheme.background;
  const auto give_up = Clock::now() + std::chrono::minutes(4);  // a loaded two-core machine
  while ((pings < 3 || !on_screen) && !exited && Clock::now() < give_up) {
    char buf[256];
    const ssize_t n = ::recv(sock, buf, sizeof buf, 0);
    if (n > 0) {
      messages.emplace_back(buf, static_cast<size_t>(n));
      if (messages.back() == "WATCHDOG=1") ++pings;
    }
    // After READY=1 the first frame has been drawn: look at the compositor's output until the
    // kiosk's screen is on it (a frame committed to cage reaches its output a moment later).
    if (!on_screen && !messages.empty() && n > 0) {
      const std::string png = Screenshot(as, runtime, home / "screen.png");  // where the user may write
      if (!png.empty()) {
        seen = Look(png, background);
        on_screen = seen.background_share > 0.3 && seen.colours > 8;
      }
    }
    int status = 0;
    exited = ::waitpid(pid, &status, WNOHANG) == pid;
  }
  // cage, the kiosk and Xwayland: asked to stop, then anything left is killed, and all reaped.
  // cage starts the kiosk in a process group of its own: that one is killed by name of pid.
  {
    std::ifstream children("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
    for (pid_t child; children >> child;) {
      ::kill(-child, SIGKILL);
      ::kill(child, SIGKILL);
    }
  }
  if (!exited) {
    ::kill(-pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
  }
  ::kill(-pid, SIGKILL);
  // Everything that was ours (as subreaper, also what cage left behind) is reaped.
  while (::waitpid(-1, nullptr, 0) > 0 || errno == EINTR) {
  }
  ::close(sock);
  std::string kiosk_log;
  {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    kiosk_log = s.str();
  }
  if (on_screen && pings >= 3) fs::remove_all(dir);  // kept for a look when it failed

  EXPECT_FALSE(exited) << "cage or the kiosk exited early:\n" << kiosk_log;
  ASSERT_FALSE(messages.empty()) << "the kiosk never notified. Its output:\n" << kiosk_log;
  EXPECT_EQ(messages.front(), "READY=1") << kiosk_log;
  EXPECT_GE(pings, 3) << "the watchdog pings stopped\n" << kiosk_log;
  EXPECT_TRUE(on_screen) << "the kiosk's screen never reached cage's output: last screenshot " << seen.width << "x"
                         << seen.height << ", " << seen.background_share * 100 << "% background, " << seen.colours
                         << " colours (" << home / "screen.png" << ")\n"
                         << kiosk_log;
}

}  // namespace
