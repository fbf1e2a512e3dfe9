// The appliance's watchdog (app/platform/watchdog.h): the real kiosk window under Xvfb, started
// as systemd starts it (NOTIFY_SOCKET, WATCHDOG_USEC), says READY=1 after its first frame and
// then keeps pinging WATCHDOG=1 while nobody touches it: an idle kiosk draws nothing, but its
// loop must still wake for the pings, or systemd would kill a healthy kiosk. The socket here
// plays systemd's part. Waits have a generous upper bound; nothing is asserted about time.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

TEST(KioskWatchdog, ReadyAfterTheFirstFrameThenPingsWhileIdle) {
  const fs::path dir = fs::temp_directory_path() / ("qiao-watchdog-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string socket_path = (dir / "notify").string();
  int sock = ::socket(AF_UNIX, SOCK_DGRAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  ASSERT_LT(socket_path.size(), sizeof addr.sun_path);
  std::copy(socket_path.begin(), socket_path.end(), addr.sun_path);
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  timeval one_second{1, 0};
  ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &one_second, sizeof one_second);

  const std::string data = (dir / "data").string();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);  // the test ends xvfb-run, Xvfb and the kiosk together
    ::setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
    ::setenv("WATCHDOG_USEC", "400000", 1);  // a ping every 0.2 s
    ::execl(XVFB_RUN, XVFB_RUN, "-a", "-s", "-screen 0 1280x800x24", QIAO_KIOSK, "--data-dir", data.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ASSERT_GT(pid, 0);
  ::setpgid(pid, pid);

  std::vector<std::string> messages;
  int pings = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(3);  // a loaded machine
  while (pings < 5 && std::chrono::steady_clock::now() < give_up) {
    char buf[256];
    const ssize_t n = ::recv(sock, buf, sizeof buf, 0);
    if (n <= 0) continue;
    messages.emplace_back(buf, static_cast<size_t>(n));
    if (messages.back() == "WATCHDOG=1") ++pings;
  }
  ::kill(-pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(sock);
  fs::remove_all(dir);

  ASSERT_FALSE(messages.empty()) << "the kiosk never notified";
  EXPECT_EQ(messages.front(), "READY=1");
  EXPECT_EQ(pings, 5) << "pings stopped while the kiosk sat idle";
}

}  // namespace
