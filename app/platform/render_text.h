// `qiao-kiosk --render-text` / `--dump-glyphs`: see any string as the kiosk draws it, without a
// window. Uses only the text engine (layout + glyph atlas) and stb_image_write; no ImGui, SDL or
// GL, so tests link it too (the golden images in tests/text/golden/ are made by RenderText).
#pragma once

#include "text/text.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::platform {

// An 8-bit grey image: 255 = white paper, 0 = full ink.
struct GreyImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // width * height, row-major
};

constexpr int kRenderMarginPx = 8;

// Lays out `utf8` at `style` wrapped to `width_px` (<= 0: one unwrapped line) and draws it in
// black on white with a kRenderMarginPx margin. Vertical languages (mn-Mong) are drawn as the
// kiosk draws body text: columns `width_px` tall, read left to right.
GreyImage RenderText(text::Engine& engine, std::string_view utf8, const text::ParagraphStyle& style,
                     float width_px);

// The layout as JSON: lines with their UTF-8 ranges, runs (font file, face, direction, range)
// and glyphs (id, cluster, x, y in pixels).
std::string GlyphsJson(text::Engine& engine, const text::Layout& layout);

bool WritePng(const std::string& path, const GreyImage& image);

// True if argv asks for the text tool (--render-text or --dump-glyphs anywhere).
bool WantsRenderText(int argc, char** argv);
// The whole command: parses its own options, prints problems, returns the exit code.
int RenderTextMain(int argc, char** argv);

}  // namespace qiao::platform
