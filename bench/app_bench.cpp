// Benchmarks of the kiosk as a whole, each against the limit of the library it stands on,
// measured in the same run (never as timed tests):
//   PackLoad/<bytes>   parse + validate + index a pack (10 KB .. 4 MB: packs are refused over
//                      4 MiB), vs raw nlohmann::json::parse of the same
//                      bytes (target: >= 0.7x its throughput, and linear from 10 KB to 10 MB)
//   Frame/<screen>/<scale>  CPU time to build one frame of each screen, vs Dear ImGui's demo
//                      window at the same window size (target <= 1.5x)
//   IdleFramesPerMinute   frames an idle kiosk asks for in a minute (target 0)
//   StartToFirstFrame   App construction (packs, catalogs, fonts) + the first frame
// A summary table with the ratios is printed at the end.
#include "content/pack.h"
#include "ui/headless.h"

#include <benchmark/benchmark.h>
#include <imgui.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

qiao::ui::AppOptions Bundled() {
  qiao::ui::AppOptions o;
  o.packs_dir = std::string(QIAO_SOURCE_DIR) + "/lessons";
  o.locales_dir = std::string(QIAO_SOURCE_DIR) + "/locales";
  return o;
}

// A pack of about `target` bytes: the bundled lessons repeated under fresh ids.
std::string MakePack(size_t target) {
  std::string bytes, error;
  qiao::content::ReadFile(std::string(QIAO_SOURCE_DIR) + "/lessons/basics.pack.json", &bytes, &error);
  nlohmann::json base = nlohmann::json::parse(bytes);
  nlohmann::json pack = base;
  pack["lessons"] = nlohmann::json::array();
  pack["guides"] = nlohmann::json::array();
  size_t n = 0;
  while (pack.dump(2).size() < target) {
    for (auto lesson : base["lessons"]) {
      lesson["id"] = lesson["id"].get<std::string>() + "-" + std::to_string(n++);
      pack["lessons"].push_back(lesson);
    }
    if (pack.dump(2).size() > target * 2 / 3) {  // grow finer near the end
      while (pack.dump(2).size() > target && pack["lessons"].size() > 1) pack["lessons"].erase(pack["lessons"].size() - 1);
      break;
    }
  }
  return pack.dump(2);
}

std::map<std::string, double> g_results;  // name -> ns per iteration (or value)

void PackLoad(benchmark::State& state) {
  const std::string bytes = MakePack(static_cast<size_t>(state.range(0)));
  double ours = 0, raw = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    qiao::content::PackResult r = qiao::content::LoadPack(bytes, "bench.pack.json");
    auto t1 = Clock::now();
    nlohmann::json j = nlohmann::json::parse(bytes);
    auto t2 = Clock::now();
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(j);
    if (!r.loaded || !r.errors.empty()) state.SkipWithError("the generated pack did not load cleanly");
    ours += std::chrono::duration<double>(t1 - t0).count();
    raw += std::chrono::duration<double>(t2 - t1).count();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes.size()) * state.iterations());
  state.counters["MB/s_ours"] = bytes.size() * state.iterations() / ours / 1e6;
  state.counters["MB/s_json"] = bytes.size() * state.iterations() / raw / 1e6;
  state.counters["throughput_ratio"] = raw / ours;  // ours / json throughput
  g_results["pack " + std::to_string(bytes.size() / 1000) + " KB ratio"] = raw / ours;
  g_results["pack " + std::to_string(bytes.size() / 1000) + " KB ns/byte"] = ours * 1e9 / state.iterations() / bytes.size();
}
BENCHMARK(PackLoad)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Arg(4'000'000)->Unit(benchmark::kMillisecond);

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

void IdleFramesPerMinute(benchmark::State& state) {
  // Replays the native loop's rule (app/platform/main.cpp): a frame is drawn only on input, when
  // the App wants one more frame, or when its next deadline passes.
  qiao::ui::HeadlessRunner runner(Bundled(), 1280, 800);
  runner.app().SetLocale("en");
  runner.app().Navigate(state.range(0) ? "lesson/qr-code" : "picker");
  runner.Settle(10);
  int64_t frames = 0;
  for (auto _ : state) {
    frames = 0;
    const double start = runner.now();
    for (double t = start; t < start + 60.0; t += 0.01)
      if (runner.app().WantsAnotherFrame() || t >= runner.app().NextDeadline()) ++frames;
  }
  state.counters["frames_per_idle_minute"] = static_cast<double>(frames);
  g_results[std::string("idle frames/min on ") + (state.range(0) ? "a lesson" : "the picker")] = frames;
}
BENCHMARK(IdleFramesPerMinute)->Arg(0)->Arg(1)->Iterations(1);

void StartToFirstFrame(benchmark::State& state) {
  for (auto _ : state) {
    qiao::ui::HeadlessRunner runner(Bundled(), 1280, 800);
    runner.Frame();
  }
}
BENCHMARK(StartToFirstFrame)->Unit(benchmark::kMillisecond)->Iterations(5);

// Collects per-benchmark real time so the summary can print ratios measured in this run.
class Collector : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs)
      if (r.iterations > 0) times_[r.benchmark_name()] = r.GetAdjustedRealTime() * Factor(r.time_unit);
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

  std::printf("\nSummary (ratios measured in this run)\n");
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
