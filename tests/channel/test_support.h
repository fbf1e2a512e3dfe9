// Shared by the channel tests: a scratch folder, running the real binaries (qiao-pack,
// qiao-update, Debian's minisign and zstd), and publishing the bundled packs into channels.
#pragma once

#include "channel/crypto.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace qiao::channel::test_support {

namespace fs = std::filesystem;

// A fresh folder under the test's temp dir, removed afterwards.
class Scratch {
 public:
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "qiao-channel-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct RunResult {
  int status = -1;     // exit status
  std::string output;  // stdout and stderr
};

// Runs a shell command line (arguments are plain paths here: no quoting needed).
inline RunResult RunCommand(const std::string& command) {
  RunResult r;
  FILE* p = ::popen((command + " 2>&1 </dev/null").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int raw = ::pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteAll(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline const std::string kPack = QIAO_PACK_BINARY;
inline const std::string kUpdate = QIAO_UPDATE_BINARY;
inline const std::string kLessons = std::string(QIAO_SOURCE_DIR) + "/lessons";

// A key pair made by Debian's minisign, unencrypted (-W) so nothing asks for a password.
inline void MakeMinisignKey(const std::string& pub, const std::string& sec) {
  RunResult r = RunCommand("minisign -G -W -f -p " + pub + " -s " + sec);
  ASSERT_EQ(r.status, 0) << r.output;
}

// qiao-pack publish of the pack files `paths` (space-separated) into `out`, channel "demo".
inline RunResult PublishPaths(const std::string& key, const std::string& out, const std::string& paths,
                              const std::string& extra = "") {
  return RunCommand(kPack + " publish --key " + key + " --channel demo --out " + out + " --level 3 " + extra + " " +
                    paths);
}

// The same with pack names of lessons/ ("basics safety").
inline RunResult Publish(const std::string& key, const std::string& out, const std::string& packs,
                         const std::string& extra = "") {
  std::string paths;
  std::string rest = packs;
  while (!rest.empty()) {
    size_t sp = rest.find(' ');
    paths += " " + kLessons + "/" + rest.substr(0, sp) + ".pack.json";
    rest = sp == std::string::npos ? "" : rest.substr(sp + 1);
  }
  return PublishPaths(key, out, paths, extra);
}

// The two releases of channel "demo" the channel and fetch tests install, in `dir`: key k.pub /
// k.key, q1/ = release 1 (basics), q2/ = release 2 (basics + safety, with a patch from 1).
inline void PublishReleasesOneAndTwo(const fs::path& dir) {
  MakeMinisignKey(dir / "k.pub", dir / "k.key");
  RunResult r = Publish(dir / "k.key", dir / "q1", "basics");
  ASSERT_EQ(r.status, 0) << r.output;
  fs::copy(dir / "q1", dir / "q2", fs::copy_options::recursive);
  r = Publish(dir / "k.key", dir / "q2", "basics safety");
  ASSERT_EQ(r.status, 0) << r.output;
}

}  // namespace qiao::channel::test_support
