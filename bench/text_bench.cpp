// Text engine benchmarks (see README.md):
//  - LayoutVsHarfBuzz/<script>: laying out a 1,000-character paragraph (wrapped at 800 px,
//    24 px, layout cache off) against raw hb_shape of the same runs with the same font files,
//    both timed in the same loop; the counter `ratio` is layout time / hb_shape time
//    (target <= 1.3x).
//  - CacheHit/<script>: SharedLayout on unchanged text, as every frame does (target: a hash
//    lookup, no copy: microseconds).
// After the benchmarks, a summary table prints the ratios.
#include <benchmark/benchmark.h>
#include <hb.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "text/text.h"

namespace {

using namespace qiao::text;

struct Script {
  const char* name;
  const char* lang;
  const char* sentence;  // repeated to 1,000 characters
};

const Script kScripts[] = {
    {"ug", "ug", "ئايشەم ئاپا ھەر يىلى پېنسىيە سالاھىيىتىنى 2026-يىلى دەلىللەيدۇ. "},
    {"kk_Arab", "kk-Arab", "ٴبىز قازاق ٴتىلىن ۇيرەنەمىز، بۇل ٴبىزدىڭ انا ٴتىلىمىز. "},
    {"bo", "bo", "བོད་ཀྱི་སྐད་ཡིག་ནི་བསྒྲིགས་པ་ཡིན། རྒྱ་མཚོ་ཆེན་པོ་དང་རི་བོ་མཐོན་པོ། "},
    {"mn_Mong", "mn-Mong", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ ᠦᠨ ᠬᠢᠴᠢᠶᠡᠯ ᠢ ᠰᠤᠷᠤᠶ᠎ᠠ᠃ ᠲᠠ ᠰᠠᠢᠨ ᠪᠠᠶᠢᠨ᠎ᠠ ᠤᠤ? "},
    {"ii", "ii", "ꆈꌠꁱꂷ ꀊꆨꌠ ꉢ ꆏ ꌋꆀꁱꂷ ꇬꀋ ꐯꒉ. "},
    {"ko", "ko", "연금 수급 자격을 매년 확인해야 합니다. 신분증을 가져오세요. "},
    {"zh", "zh-Hans", "社会保障卡可以在手机上办理，每年需要做一次养老金资格认证。"},
    {"en", "en", "Scan the QR code, then check the page address before you pay. "},
};

constexpr float kSizePx = 24.0f;
constexpr float kWidthPx = 800.0f;
constexpr size_t kChars = 1000;

// The sentence repeated until the paragraph has kChars code points.
std::string Paragraph(const char* sentence) {
  std::string out;
  size_t chars = 0;
  for (const char* p = sentence;; ++p) {
    if (!*p) p = sentence;
    if ((*p & 0xC0) != 0x80) {  // a lead byte starts a code point
      if (chars == kChars) break;
      ++chars;
    }
    out.push_back(*p);
  }
  return out;
}

ParagraphStyle StyleFor(const Script& s) {
  ParagraphStyle style;
  style.lang = s.lang;
  style.size_px = kSizePx;
  return style;
}

// Raw HarfBuzz for the same runs: one hb_font per font file the layout used.
class RawShaper {
 public:
  RawShaper(Engine& engine, const Layout& layout, const std::string& text, const char* lang)
      : text_(text), lang_(hb_language_from_string(lang, -1)) {
    for (const Line& line : layout.lines)
      for (const Run& run : line.runs) {
        if (!fonts_.count(run.font_id)) {
          const FontFile f = engine.font_file(run.font_id);
          hb_blob_t* blob = hb_blob_create_from_file(f.path.c_str());
          hb_face_t* face = hb_face_create(blob, f.face_index);
          hb_font_t* font = hb_font_create(face);
          const int scale = int(kSizePx * 64);
          hb_font_set_scale(font, scale, scale);
          hb_face_destroy(face);
          hb_blob_destroy(blob);
          fonts_[run.font_id] = font;
        }
        runs_.push_back({run.utf8_begin, run.utf8_end, run.rtl, fonts_[run.font_id]});
      }
    buf_ = hb_buffer_create();
  }
  ~RawShaper() {
    hb_buffer_destroy(buf_);
    for (auto& [id, font] : fonts_) hb_font_destroy(font);
  }
  unsigned ShapeAll() {
    unsigned glyphs = 0;
    for (const R& r : runs_) {
      hb_buffer_clear_contents(buf_);
      hb_buffer_add_utf8(buf_, text_.data(), int(text_.size()), r.begin, int(r.end - r.begin));
      hb_buffer_set_direction(buf_, r.rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
      hb_buffer_set_language(buf_, lang_);
      hb_buffer_guess_segment_properties(buf_);
      hb_shape(r.font, buf_, nullptr, 0);
      glyphs += hb_buffer_get_length(buf_);
    }
    return glyphs;
  }
  size_t runs() const { return runs_.size(); }

 private:
  struct R {
    uint32_t begin, end;
    bool rtl;
    hb_font_t* font;
  };
  const std::string& text_;
  hb_language_t lang_;
  std::map<uint32_t, hb_font_t*> fonts_;
  std::vector<R> runs_;
  hb_buffer_t* buf_ = nullptr;
};

struct Result {
  double layout_us = 0, hb_us = 0, hit_us = 0;
};
std::map<std::string, Result>& Results() {
  static std::map<std::string, Result> r;
  return r;
}

void LayoutVsHarfBuzz(benchmark::State& state, const Script* s) {
  FontOptions options;
  options.layout_cache = false;  // lay out from scratch every time
  auto engine = Engine::Create(options);
  const std::string text = Paragraph(s->sentence);
  const ParagraphStyle style = StyleFor(*s);
  const Layout layout = engine->LayoutParagraph(text, style, kWidthPx);
  RawShaper raw(*engine, layout, text, s->lang);
  using Clock = std::chrono::steady_clock;
  double layout_s = 0, hb_s = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    benchmark::DoNotOptimize(engine->LayoutParagraph(text, style, kWidthPx));
    auto t1 = Clock::now();
    benchmark::DoNotOptimize(raw.ShapeAll());
    auto t2 = Clock::now();
    layout_s += std::chrono::duration<double>(t1 - t0).count();
    hb_s += std::chrono::duration<double>(t2 - t1).count();
  }
  const double n = double(state.iterations());
  state.counters["layout_us"] = layout_s / n * 1e6;
  state.counters["hb_shape_us"] = hb_s / n * 1e6;
  state.counters["ratio"] = layout_s / hb_s;
  state.counters["lines"] = double(layout.lines.size());
  state.counters["runs"] = double(raw.runs());
  Result& r = Results()[s->name];
  r.layout_us = layout_s / n * 1e6;
  r.hb_us = hb_s / n * 1e6;
}

void CacheHit(benchmark::State& state, const Script* s) {
  auto engine = Engine::Create();
  const std::string text = Paragraph(s->sentence);
  const ParagraphStyle style = StyleFor(*s);
  engine->LayoutParagraph(text, style, kWidthPx);  // the first frame lays it out
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  for (auto _ : state) benchmark::DoNotOptimize(engine->SharedLayout(text, style, kWidthPx));
  const double us = std::chrono::duration<double>(Clock::now() - t0).count() / double(state.iterations()) * 1e6;
  state.counters["hit_us"] = us;
  Results()[s->name].hit_us = us;
}

}  // namespace

int main(int argc, char** argv) {
  for (const Script& s : kScripts) {
    benchmark::RegisterBenchmark((std::string("LayoutVsHarfBuzz/") + s.name).c_str(), LayoutVsHarfBuzz, &s)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const Script& s : kScripts)
    benchmark::RegisterBenchmark((std::string("CacheHit/") + s.name).c_str(), CacheHit, &s)
        ->Unit(benchmark::kMicrosecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  std::printf("\nText layout of a %zu-character paragraph (%.0f px, wrapped at %.0f px) vs raw hb_shape\n"
              "of the same runs with the same fonts (target ratio <= 1.3x); cache hit = unchanged text.\n",
              kChars, kSizePx, kWidthPx);
  std::printf("%-8s %12s %12s %8s %14s\n", "script", "layout us", "hb_shape us", "ratio", "cache hit us");
  for (const Script& s : kScripts) {
    auto it = Results().find(s.name);
    if (it == Results().end()) continue;
    const Result& r = it->second;
    auto num = [](double v, const char* fmt) {  // "-" for what this run did not measure
      char buf[32];
      if (v > 0) std::snprintf(buf, sizeof buf, fmt, v);
      else std::snprintf(buf, sizeof buf, "-");
      return std::string(buf);
    };
    std::printf("%-8s %12s %12s %8s %14s\n", s.name, num(r.layout_us, "%.1f").c_str(), num(r.hb_us, "%.1f").c_str(),
                num(r.hb_us > 0 ? r.layout_us / r.hb_us : 0.0, "%.2fx").c_str(), num(r.hit_us, "%.2f").c_str());
  }
  return 0;
}
