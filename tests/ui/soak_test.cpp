// Soak: a long run of random input across every screen and locale, as months of unattended use
// would bring: taps on widgets and beside them, keys, text-size changes, and idle periods that
// trigger the idle reset. Run under ASan + UBSan by `./qiao test` (the asan preset), where any
// memory error fails it; everywhere it checks that memory does not creep.
//
// QIAO_SOAK_FRAMES sets the number of frames (default 100,000).
#include "kiosk_fixture.h"

#include <cstdlib>
#include <fstream>
#include <random>

#include <unistd.h>

using namespace qiao;
using namespace qiao::testing;

namespace {

// Resident set size in KiB, from /proc.
long RssKiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

}  // namespace

TEST_F(KioskTest, SoakRandomInputAcrossAllScreensKeepsMemoryFlat) {
  const char* env = std::getenv("QIAO_SOAK_FRAMES");
  const long frames = env ? std::atol(env) : 100000;
  ASSERT_GE(frames, 1000);
  Start(1280, 800);
  std::mt19937 rng(7);
  std::vector<std::string> routes = {"home", "lessons", "guides", "settings", "help"};
  for (const content::Lesson* l : app().library().Lessons()) routes.push_back("lesson/" + l->id);
  for (const content::Guide* g : app().library().Guides()) routes.push_back("guide/" + g->id);
  const auto& locales = app().translator().locales();
  static const int kKeys[] = {ImGuiKey_Escape, ImGuiKey_Tab, ImGuiKey_Enter, ImGuiKey_Space,
                              ImGuiKey_DownArrow, ImGuiKey_UpArrow};

  long rss_after_warmup = 0;
  long frame = 0;
  // Warm-up: the first 40% of the run. By then every screen, locale and text size has been seen
  // many times and the bounded caches (text layouts, glyph atlas, ImGui windows per route) have
  // reached their working size; growth after that is creep.
  const long warmup = frames * 2 / 5;
  long next_report = frames / 5;
  while (frame < frames) {
    const int what = std::uniform_int_distribution<int>(0, 99)(rng);
    const auto nodes = runner().tree().Flatten();
    if (what < 45 && !nodes.empty()) {
      // Tap a widget (what learners mostly do).
      const a11y::Node* n = nodes[std::uniform_int_distribution<size_t>(0, nodes.size() - 1)(rng)];
      runner().Tap(n->bounds.x + n->bounds.w / 2, n->bounds.y + n->bounds.h / 2);
      frame += 4;
    } else if (what < 60) {
      // Tap anywhere, including beside every widget.
      runner().Tap(std::uniform_real_distribution<float>(0, 1280)(rng),
                   std::uniform_real_distribution<float>(0, 800)(rng));
      frame += 4;
    } else if (what < 70) {
      runner().PressKey(kKeys[std::uniform_int_distribution<int>(0, 5)(rng)]);
      frame += 3;
    } else if (what < 85) {
      app().SetLocale(locales[std::uniform_int_distribution<size_t>(0, locales.size() - 1)(rng)].tag);
      app().Navigate(routes[std::uniform_int_distribution<size_t>(0, routes.size() - 1)(rng)]);
      runner().Settle();
      frame += 2;
    } else if (what < 92) {
      app().SetTextScaleIndexForRun(std::uniform_int_distribution<int>(0, ui::kTextScaleCount - 1)(rng));
      runner().Settle();
      frame += 2;
    } else if (what < 94) {
      runner().Idle(140);  // the idle warning, then the reset
      frame += 140;
      EXPECT_EQ(app().route(), "picker");
    } else {
      runner().Frame(0.5);
      frame += 1;
    }
    if (rss_after_warmup == 0 && frame >= warmup) rss_after_warmup = RssKiB();
    if (frame >= next_report) {
      std::printf("soak: frame %ld, RSS %ld KiB\n", frame, RssKiB());
      next_report += frames / 5;
    }
  }
  const long rss_end = RssKiB();
  std::printf("soak: %ld frames; RSS after warm-up %ld KiB, at the end %ld KiB (%+.1f%%)\n", frame,
              rss_after_warmup, rss_end, 100.0 * (rss_end - rss_after_warmup) / rss_after_warmup);
  EXPECT_LE(rss_end, rss_after_warmup * 1.10) << "memory crept by more than 10%";
}
