// Benchmarks of the kiosk as a whole, each against the limit of the library it stands on,
// measured in the same run (never as timed tests):
//   PackLoad/<bytes>   parse + validate + build the model of a pack, 10 KB .. 4 MiB (packs are
//                      refused over 4 MiB), vs raw nlohmann::json::parse of the same bytes
//                      (target: >= 0.7x its throughput, and linear: the same ns per byte),
//                      both timed in the thread's CPU time
//   Frame/<screen>/<scale>  CPU time to build one frame of each screen, vs Dear ImGui's demo
//                      window at the same window size (target <= 1.5x)
//   IdleFramesPerMinute   frames an idle kiosk draws in a minute through the loops' own rule,
//                      also with the appliance's update status polled (target 0)
//   StartToFirstFrame   App construction (packs, catalogs, fonts) + the first frame
// A summary table with the ratios is printed at the end.
#include "content/pack.h"
#include "generated_guides.h"
#include "store/update_status.h"
#include "ui/headless.h"

#include <benchmark/benchmark.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <time.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of this thread: on a machine shared with builds, wall time would count the moments
// another process had the core, and the two sides of a ratio would not get the same share.
double ThreadCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

qiao::ui::AppOptions Bundled() {
  qiao::ui::AppOptions o;
  o.packs_dir = std::string(QIAO_SOURCE_DIR) + "/lessons";
  o.locales_dir = std::string(QIAO_SOURCE_DIR) + "/locales";
  return o;
}

// A pack of at most `target` bytes (and close to it), shaped like real ones: generated guides
// (zh-Hans + en, bench/generated_guides.h) and, where they fit, the bundled lessons (ten
// languages, simulated screens, quizzes) under fresh ids, one lesson to seven guides.
std::string MakePack(size_t target) {
  std::string bytes, error;
  qiao::content::ReadFile(std::string(QIAO_SOURCE_DIR) + "/lessons/basics.pack.json", &bytes, &error);
  const nlohmann::json base = nlohmann::json::parse(bytes);
  nlohmann::json pack = qiao::bench::GeneratedPack("bench", 0, 0);
  pack["lessons"] = nlohmann::json::array();
  // The size an item adds at depth 2 of the pack: its own lines indented 4 more, plus ",\n".
  auto added = [](const nlohmann::json& item) {
    std::string s = item.dump(2);
    return s.size() + 4 * static_cast<size_t>(std::count(s.begin(), s.end(), '\n')) + 4 + 2;
  };
  size_t estimate = pack.dump(2).size();
  for (int n = 0; estimate < target; ++n) {
    if (n % 8 == 7) {
      nlohmann::json lesson = base["lessons"][static_cast<size_t>(n / 8) % base["lessons"].size()];
      lesson["id"] = lesson["id"].get<std::string>() + "-" + std::to_string(n);
      if (estimate + added(lesson) > target) continue;
      estimate += added(lesson);
      pack["lessons"].push_back(std::move(lesson));
    } else {
      nlohmann::json guide = qiao::bench::GeneratedGuide(n);
      estimate += added(guide);
      pack["guides"].push_back(std::move(guide));
    }
  }
  std::string out = pack.dump(2);
  while (out.size() > target && pack["guides"].size() > 1) {
    pack["guides"].erase(pack["guides"].size() - 1);
    out = pack.dump(2);
  }
  return out;
}

// Per pack size, each repetition's measurements (the summary prints their medians).
struct PackRun {
  double ours_ns_per_byte, json_ns_per_byte, json_and_free_ns_per_byte;
};
std::map<size_t, std::vector<PackRun>> g_pack_runs;
std::map<std::string, double> g_results;  // name -> value

void PackLoad(benchmark::State& state) {
  const std::string bytes = MakePack(static_cast<size_t>(state.range(0)));
  double ours = 0, raw = 0, raw_free = 0;
  for (auto _ : state) {
    const double t0 = ThreadCpuSeconds();
    qiao::content::PackResult r = qiao::content::LoadPack(bytes, "bench.pack.json");
    const double t1 = ThreadCpuSeconds();
    nlohmann::json j = nlohmann::json::parse(bytes);
    const double t2 = ThreadCpuSeconds();
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(j);
    j = nullptr;  // LoadPack frees its document inside; parse's caller frees it after
    const double t3 = ThreadCpuSeconds();
    if (!r.loaded || !r.errors.empty()) state.SkipWithError("the generated pack did not load cleanly");
    ours += t1 - t0;
    raw += t2 - t1;
    raw_free += t3 - t2;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes.size()) * state.iterations());
  state.counters["bytes"] = static_cast<double>(bytes.size());
  state.counters["MB/s_ours"] = bytes.size() * state.iterations() / ours / 1e6;
  state.counters["MB/s_json"] = bytes.size() * state.iterations() / raw / 1e6;
  state.counters["throughput_ratio"] = raw / ours;  // ours / json throughput
  const double per_byte = 1e9 / state.iterations() / bytes.size();
  g_pack_runs[bytes.size()].push_back({ours * per_byte, raw * per_byte, (raw + raw_free) * per_byte});
}
// 10 KB to the largest pack the kiosk accepts (kMaxPackBytes, 4 MiB: a limit against hostile
// input, app/content/README.md), so never 10 MB.
BENCHMARK(PackLoad)
    ->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Arg(static_cast<int64_t>(qiao::content::kMaxPackBytes))
    ->Unit(benchmark::kMillisecond);

// One frame of a settled screen (nothing changes between frames: the idle-redraw cost).
void Frame(benchmark::State& state, std::string route, int scale_index) {
  qiao::ui::HeadlessRunner runner(Bundled(), 1280, 800);
  runner.app().SetLocale("zh-Hans");
  runner.app().SetTextScaleIndexForRun(scale_index);
  runner.app().Navigate(route);
  runner.Settle(10);
  for (int i = 0; i < 5; ++i) runner.Frame();  // warm caches
  for (auto _ : state) runner.Frame();
}

// Dear ImGui's demo window at the same size: what a frame of a busy ImGui screen costs.
void ImGuiDemo(benchmark::State& state) {
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  unsigned char* px;
  int w, h;
  io.Fonts->GetTexDataAsAlpha8(&px, &w, &h);
  auto frame = [&io] {
    io.DeltaTime = 1.0f / 30;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::ShowDemoWindow();
    ImGui::Render();
  };
  for (int i = 0; i < 5; ++i) frame();  // warm up
  for (auto _ : state) frame();
  ImGui::DestroyContext(ctx);
}
BENCHMARK(ImGuiDemo)->Unit(benchmark::kMicrosecond);

// An idle minute through the loop every platform uses (HeadlessRunner::Wait: App::NeedsFrame at
// each App::NextDeadline, as main.cpp and web.cpp do): 0 the picker, 1 a lesson (a learner who
// walked away: the idle warning comes after two minutes), 2 the appliance's start screen with
// its update root set (the USB update status file polled every second, unchanged).
void IdleFramesPerMinute(benchmark::State& state) {
  static const char* kCases[] = {"the picker", "a lesson", "the appliance"};  // the appliance: its update root polled
  const int which = static_cast<int>(state.range(0));
  qiao::ui::AppOptions options = Bundled();
  const std::filesystem::path root =
      std::filesystem::temp_directory_path() / ("qiao-bench-idle-" + std::to_string(::getpid()));
  if (which == 2) {
    std::filesystem::create_directories(root);
    qiao::store::UpdateStatus old_update;  // an update from before the kiosk started: not shown
    old_update.run = "boot/1/1000";
    old_update.state = qiao::store::UpdateState::kInstalled;
    old_update.removable = true;
    std::string error;
    if (!qiao::store::WriteUpdateStatus(root.string(), old_update, &error)) state.SkipWithError(error.c_str());
    options.bundle = root.string();
  }
  {
    qiao::ui::HeadlessRunner runner(options, 1280, 800);
    runner.app().SetLocale("en");
    runner.app().Navigate(which == 1 ? "lesson/qr-code" : "picker");
    runner.Settle(10);
    int64_t frames = 0, wakes = 0;
    for (auto _ : state) {
      int w = 0;
      frames = runner.Wait(60.0, &w);
      wakes = w;
    }
    state.counters["frames_per_idle_minute"] = static_cast<double>(frames);
    state.counters["wakes_per_idle_minute"] = static_cast<double>(wakes);
    g_results[std::string("idle frames/min on ") + kCases[which]] = static_cast<double>(frames);
    g_results[std::string("idle wake-ups/min on ") + kCases[which]] = static_cast<double>(wakes);
  }
  std::filesystem::remove_all(root);
}
BENCHMARK(IdleFramesPerMinute)->Arg(0)->Arg(1)->Arg(2)->Iterations(1);

void StartToFirstFrame(benchmark::State& state) {
  for (auto _ : state) {
    qiao::ui::HeadlessRunner runner(Bundled(), 1280, 800);
    runner.Frame();
  }
}
BENCHMARK(StartToFirstFrame)->Unit(benchmark::kMillisecond)->Iterations(5);

// Collects per-benchmark CPU time so the summary can print ratios measured in this run.
class Collector : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    // With --benchmark_repetitions, the median of the repetitions (aggregates come last).
    for (const Run& r : runs) {
      if (r.iterations <= 0) continue;
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median") continue;
      // CPU time of the benchmark thread: a machine busy with other work slows the wall clock of
      // both sides of a ratio unevenly, not their CPU time.
      times_[r.run_name.str()] = r.GetAdjustedCPUTime() * Factor(r.time_unit);
    }
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, double> times_;  // ns

 private:
  static double Factor(benchmark::TimeUnit u) {
    switch (u) {
      case benchmark::kNanosecond: return 1;
      case benchmark::kMicrosecond: return 1e3;
      case benchmark::kMillisecond: return 1e6;
      case benchmark::kSecond: return 1e9;
    }
    return 1;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const char* screens[] = {"picker", "home", "lessons", "lesson/qr-code/3", "lesson/qr-code/6",
                           "guides", "guide/pension-certification", "settings"};
  for (const char* s : screens)
    for (int scale : {0, 5}) {
      std::string name = std::string("Frame/") + s + "/" + (scale ? "3x" : "1x");
      benchmark::RegisterBenchmark(name.c_str(), Frame, std::string(s), scale)->Unit(benchmark::kMicrosecond);
    }
  benchmark::Initialize(&argc, argv);
  Collector reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);

  std::printf("\nSummary (ratios measured in this run; medians of the repetitions)\n");
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  if (!g_pack_runs.empty())
    std::printf("%-12s %14s %17s %8s %19s %8s\n", "pack bytes", "LoadPack ns/B", "json::parse ns/B", "ratio",
                "parse+free ns/B", "ratio");
  for (const auto& [size, runs] : g_pack_runs) {
    std::vector<double> ours, json, ratio, json_free, ratio_free;
    for (const PackRun& r : runs) {
      ours.push_back(r.ours_ns_per_byte);
      json.push_back(r.json_ns_per_byte);
      ratio.push_back(r.json_ns_per_byte / r.ours_ns_per_byte);
      json_free.push_back(r.json_and_free_ns_per_byte);
      ratio_free.push_back(r.json_and_free_ns_per_byte / r.ours_ns_per_byte);
    }
    std::printf("%-12zu %14.2f %17.2f %7.3fx %19.2f %7.3fx\n", size, median(ours), median(json), median(ratio),
                median(json_free), median(ratio_free));
  }
  std::printf("%-44s %12s\n", "measure", "value");
  for (const auto& [name, value] : g_results) std::printf("%-44s %12.3f\n", name.c_str(), value);
  auto demo = reporter.times_.find("ImGuiDemo");
  if (demo != reporter.times_.end()) {
    std::printf("%-44s %12.1f us\n", "ImGui demo window frame", demo->second / 1e3);
    for (const auto& [name, ns] : reporter.times_)
      if (name.rfind("Frame/", 0) == 0)
        std::printf("%-44s %9.1f us  %5.2fx demo (target <= 1.5x)\n", name.c_str(), ns / 1e3, ns / demo->second);
  }
  auto first = reporter.times_.find("StartToFirstFrame/iterations:5");
  if (first != reporter.times_.end())
    std::printf("%-44s %9.1f ms\n", "start (packs, catalogs, fonts) to first frame", first->second / 1e6);
  return 0;
}
