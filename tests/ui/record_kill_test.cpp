// A power cut while the studio saves (issue 15): the real qiao-kiosk, keeping clip after clip
// (--headless --record bo --mic-wav F --keep N), is killed with SIGKILL at moments drawn from a
// fixed seed, many times over the same data folder. After every kill: clips.json parses, every
// clip it lists is a whole WAV whose text hashes to its key, and every clip the studio said it
// kept ("kept <hash>" on stdout, printed after the index was renamed into place) is listed.
// The assertions hold whenever the kill lands, so the test does not depend on timing luck; the
// seed only decides where the kills fall.
#include "wav_writer.h"

#include "accessibility/clips.h"
#include "accessibility/espeak.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

extern char** environ;

namespace {

namespace fs = std::filesystem;

struct KioskResult {
  std::string out;  // stdout
  int status = 0;
};

// Spawns qiao-kiosk with `args`; kills it after `kill_after_ms` (negative: lets it finish).
KioskResult KioskRun(const std::vector<std::string>& args, int kill_after_ms, const fs::path& err_file) {
  int out[2];
  EXPECT_EQ(::pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<char*> argv;
  std::string binary = QIAO_KIOSK_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copy = args;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (kill_after_ms >= 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms));
    ::kill(pid, SIGKILL);
  }
  KioskResult run;
  char buf[4096];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) run.out.append(buf, static_cast<size_t>(n));
  ::close(out[0]);
  ::waitpid(pid, &run.status, 0);
  return run;
}

// The size a RIFF WAV's own chunks say it has, or -1 when its header cannot be read.
long long DeclaredWavSize(const fs::path& wav) {
  std::ifstream f(wav, std::ios::binary);
  char riff[12];
  if (!f.read(riff, 12) || std::memcmp(riff, "RIFF", 4) != 0 || std::memcmp(riff + 8, "WAVE", 4) != 0) return -1;
  long long at = 12;
  while (true) {
    char head[8];
    if (!f.read(head, 8)) return -1;
    uint32_t size;
    std::memcpy(&size, head + 4, 4);
    at += 8 + size + (size & 1);
    if (std::memcmp(head, "data", 4) == 0) return at;
    f.seekg(at);
  }
}

// Everything a kept clip must be, whenever the process died.
void ExpectConsistent(const fs::path& data, const std::set<std::string>& kept, int iteration) {
  SCOPED_TRACE("after kill " + std::to_string(iteration));
  const fs::path dir = data / "audio" / "bo";
  const fs::path index = dir / "clips.json";
  if (!fs::exists(index)) {
    EXPECT_TRUE(kept.empty()) << "clips were said to be kept, but there is no index";
    return;
  }
  std::ifstream f(index);
  const nlohmann::json doc = nlohmann::json::parse(f, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(doc.is_object() && doc.contains("clips") && doc["clips"].is_object()) << "clips.json always parses";
  for (const auto& [hash, entry] : doc["clips"].items()) {
    const fs::path wav = dir / entry["file"].get<std::string>();
    ASSERT_TRUE(fs::exists(wav)) << "listed but missing: " << wav;
    EXPECT_EQ(DeclaredWavSize(wav), static_cast<long long>(fs::file_size(wav))) << "listed but truncated: " << wav;
    EXPECT_GT(fs::file_size(wav), 44u);
    EXPECT_EQ(qiao::a11y::ClipHash("bo", entry["text"].get<std::string>()), hash);
  }
  for (const std::string& hash : kept) EXPECT_TRUE(doc["clips"].contains(hash)) << "kept, then lost: " << hash;
  // And the kiosk's own reader finds nothing wrong.
  qiao::a11y::ClipLibrary clips;
  std::vector<std::string> problems;
  clips.AddFolder(data.string(), &problems);
  EXPECT_TRUE(problems.empty()) << problems.front();
  EXPECT_EQ(clips.size(), doc["clips"].size());
}

}  // namespace

TEST(RecordKill, AKeptClipIsNeverLostNorListedHalfWrittenWhenTheStudioIsKilledWhileSaving) {
  const fs::path dir = fs::temp_directory_path() / ("qiao-record-kill-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  {
    std::string error;
    auto synth = qiao::a11y::Synthesizer::Get(&error);
    ASSERT_TRUE(synth) << error;
    std::vector<int16_t> pcm;
    ASSERT_TRUE(synth->Synthesize("Learn digital skills", "en-us", 150, &pcm));
    qiao::testing::WriteWav(dir / "mic.wav", pcm, synth->sample_rate());
  }
  const std::vector<std::string> args = {"--headless",  "--record", "bo", "--mic-wav", (dir / "mic.wav").string(),
                                         "--data-dir", (dir / "data").string(), "--keep", "100000",
                                         "--frames",   "1"};
  std::mt19937 rng(20261207);  // where the kills fall: the same every run
  std::uniform_int_distribution<int> delay_ms(0, 1500);
  std::set<std::string> kept;
  int killed_while_keeping = 0;
  for (int i = 0; i < 30; ++i) {
    const KioskResult run = KioskRun(args, delay_ms(rng), dir / "stderr.txt");
    ASSERT_TRUE(WIFSIGNALED(run.status) || WIFEXITED(run.status));
    std::istringstream lines(run.out);
    int this_run = 0;
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("kept ", 0) == 0) kept.insert(line.substr(5)), ++this_run;
    if (WIFSIGNALED(run.status) && this_run > 0) ++killed_while_keeping;
    ExpectConsistent(dir / "data", kept, i);
    if (::testing::Test::HasFatalFailure()) break;
  }
  // The studio goes on after all that: a run to its end keeps two more.
  const size_t before = kept.size();
  const KioskResult last = KioskRun({"--headless", "--record", "bo", "--mic-wav", (dir / "mic.wav").string(), "--data-dir",
                             (dir / "data").string(), "--keep", "2"},
                            -1, dir / "stderr.txt");
  EXPECT_TRUE(WIFEXITED(last.status) && WEXITSTATUS(last.status) == 0) << last.out;
  std::istringstream lines(last.out);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("kept ", 0) == 0) kept.insert(line.substr(5));
  EXPECT_EQ(kept.size(), before + 2);
  ExpectConsistent(dir / "data", kept, 30);
  // How many kills landed after the first keep (for the log; a count, not an assertion).
  std::printf("%d of 30 kills landed while the studio was keeping clips; %zu clips kept in all\n",
              killed_while_keeping, kept.size());
  fs::remove_all(dir);
}
