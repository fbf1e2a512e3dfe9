// Fuzz target: paragraph layout of arbitrary bytes (as UTF-8, valid or not) in any locale, at
// any width and size, then rasterising every glyph. Checks the engine's own promise: when it
// does not report overflow, no line is wider than the box.
#include "text/text.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

namespace {
qiao::text::Engine& SharedEngine() {
  static std::unique_ptr<qiao::text::Engine> engine = qiao::text::Engine::Create();
  return *engine;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  static const char* kLangs[] = {"zh-Hans", "en", "ug", "bo", "ii", "ko", "mn", "mn-Mong", "kk-Arab", "za"};
  qiao::text::ParagraphStyle style;
  style.lang = kLangs[data[0] % 10];
  style.size_px = 6.0f + data[1] % 90;
  style.bold = data[0] & 0x80;
  const float width = 1.0f + static_cast<float>((data[2] << 8 | data[3]) % 2500);
  std::string_view text(reinterpret_cast<const char*>(data + 4), size - 4);
  qiao::text::Engine& engine = SharedEngine();
  engine.atlas().BeginFrame();
  qiao::text::Layout layout = engine.LayoutParagraph(text, style, width);
  for (const auto& line : layout.lines) {
    if (!layout.overflow && line.width > width + 0.5f) std::abort();
    for (const auto& run : line.runs)
      for (const auto& g : run.glyphs) {
        if (g.cluster > text.size()) std::abort();  // offsets must map back into the text
        engine.atlas().Get(g.font_id, g.glyph_id, style.size_px);
      }
  }
  return 0;
}
