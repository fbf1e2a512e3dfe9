// `qiao-kiosk --render-text` / `--dump-glyphs` (see render_text.h).
// Index:
// [SECTION] RENDERING
// [SECTION] GLYPH DUMP
// [SECTION] COMMAND LINE
#include "platform/cli_args.h"
#include "platform/render_text.h"

#include <nlohmann/json.hpp>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace qiao::platform {

// [SECTION] RENDERING

GreyImage RenderText(text::Engine& engine, std::string_view utf8, const text::ParagraphStyle& style,
                     float width_px) {
  const text::Layout layout = engine.LayoutParagraph(utf8, style, width_px);
  const bool vertical = text::IsVerticalLanguage(style.lang);
  const float box_w = width_px > 0 ? width_px : layout.width;  // the line length
  GreyImage img;
  const int m = kRenderMarginPx;
  if (vertical) {
    img.width = int(std::ceil(layout.height)) + 2 * m;
    img.height = int(std::ceil(box_w)) + 2 * m;
  } else {
    img.width = int(std::ceil(std::max(box_w, layout.width))) + 2 * m;
    img.height = int(std::ceil(layout.height)) + 2 * m;
  }
  img.pixels.assign(size_t(img.width) * size_t(img.height), 255);

  text::GlyphAtlas& atlas = engine.atlas();
  atlas.BeginFrame();
  // Ink over paper: coverage c darkens a pixel by c/255 (as a black ImDrawList quad would).
  auto ink = [&img](int x, int y, uint8_t coverage) {
    if (x < 0 || y < 0 || x >= img.width || y >= img.height || coverage == 0) return;
    uint8_t& p = img.pixels[size_t(y) * size_t(img.width) + size_t(x)];
    p = uint8_t(p * (255 - coverage) / 255);
  };
  // The quads ui::DrawText draws (text::PlaceGlyphs), filled as the GPU samples them: each
  // bitmap pixel lands on the screen pixel under its centre (upright or turned clockwise).
  text::PlaceOptions options;
  options.vertical = vertical;
  text::PlaceGlyphs(layout, atlas, {float(m), float(m)}, options, [&](const text::GlyphQuad& q) {
    const text::AtlasGlyph& a = q.glyph;
    const uint8_t* src = atlas.pixels();  // valid during the call: the atlas may grow after it
    const int aw = atlas.width();
    const text::Point o = q.corners[0];
    const float ux = (q.corners[1].x - o.x) / float(a.w), uy = (q.corners[1].y - o.y) / float(a.w);
    const float vx = (q.corners[3].x - o.x) / float(a.h), vy = (q.corners[3].y - o.y) / float(a.h);
    for (int j = 0; j < a.h; ++j) {
      for (int i = 0; i < a.w; ++i) {
        const float cx = o.x + ux * (float(i) + 0.5f) + vx * (float(j) + 0.5f);
        const float cy = o.y + uy * (float(i) + 0.5f) + vy * (float(j) + 0.5f);
        ink(int(std::floor(cx)), int(std::floor(cy)), src[size_t(a.y + j) * size_t(aw) + size_t(a.x + i)]);
      }
    }
  });
  return img;
}

bool WritePng(const std::string& path, const GreyImage& image) {
  stbi_flip_vertically_on_write(0);  // global stb state: the GL screenshot path turns it on
  return stbi_write_png(path.c_str(), image.width, image.height, 1, image.pixels.data(), image.width) != 0;
}

// [SECTION] GLYPH DUMP

std::string GlyphsJson(text::Engine& engine, const text::Layout& layout) {
  using nlohmann::json;
  auto px = [](float v) { return std::round(v * 64.0) / 64.0; };  // positions are 26.6
  json lines = json::array();
  for (const text::Line& line : layout.lines) {
    json runs = json::array();
    for (const text::Run& run : line.runs) {
      json glyphs = json::array();
      for (const text::Glyph& g : run.glyphs)
        glyphs.push_back({{"g", g.glyph_id}, {"cl", g.cluster}, {"x", px(g.x)}, {"y", px(g.y)}});
      const text::FontFile f = engine.font_file(run.font_id);
      runs.push_back({{"utf8", {run.utf8_begin, run.utf8_end}},
                      {"dir", run.rtl ? "rtl" : "ltr"},
                      {"font", f.path},
                      {"face", f.face_index},
                      {"size", px(run.size_px)},
                      {"x", px(run.x)},
                      {"width", px(run.width)},
                      {"glyphs", std::move(glyphs)}});
    }
    lines.push_back({{"utf8", {line.utf8_begin, line.utf8_end}},
                     {"x", px(line.x)},
                     {"top", px(line.top)},
                     {"baseline", px(line.baseline)},
                     {"width", px(line.width)},
                     {"runs", std::move(runs)}});
  }
  json out = {{"width", px(layout.width)},     {"height", px(layout.height)},
              {"rtl", layout.rtl},             {"overflow", layout.overflow},
              {"missing_glyphs", layout.missing_glyphs}, {"lines", std::move(lines)}};
  return out.dump(1);
}

// [SECTION] COMMAND LINE

namespace {

const char* kUsage = R"(qiao-kiosk --render-text / --dump-glyphs: see how the kiosk draws a string

Usage: qiao-kiosk --render-text --lang L --size PX --width PX --text "..." --out FILE.png
       qiao-kiosk --dump-glyphs --lang L --size PX --width PX --text "..."
  --lang TAG          BCP 47 tag: zh-Hans, en, ug, kk-Arab, bo, ii, ko, mn, mn-Mong, ... (default en)
  --size PX           font size in pixels (default 24)
  --width PX          wrapping width; the column length for mn-Mong (default 0: no wrapping)
  --line-height F     line height as a multiple of the size (default 1.5)
  --direction D       auto, ltr or rtl (default auto: the language's direction)
  --bold              bold (Noto Sans only)
  --text STRING       the text (UTF-8; "\n" in it is a line feed)
  --text-file FILE    or read the text from a file
  --out FILE.png      with --render-text: where to write the image (black on white)
  --fonts DIR         where to look for fonts (default /usr/share/fonts)
With both --render-text and --dump-glyphs, the PNG is written and the JSON printed.
)";

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out.push_back('\n');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool ParseFloat(const std::string& s, float lo, float hi, float* out) {
  char* end = nullptr;
  const float v = std::strtof(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !(v >= lo && v <= hi)) return false;
  *out = v;
  return true;
}

}  // namespace

bool WantsRenderText(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--render-text" || a == "--dump-glyphs") return true;
  }
  return false;
}

int RenderTextMain(int argc, char** argv) {
  bool render = false, dump = false, have_text = false;
  std::string out, text_utf8, fonts_dir;
  text::ParagraphStyle style;
  float width = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string* out) { return platform::TakeOptionValue(argc, argv, &i, out); };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--render-text") render = true;
    else if (a == "--dump-glyphs") dump = true;
    else if (a == "--bold") style.bold = true;
    else if (a == "--lang") { if (!value(&style.lang)) return 2; }
    else if (a == "--out") { if (!value(&out)) return 2; }
    else if (a == "--fonts") { if (!value(&fonts_dir)) return 2; }
    else if (a == "--text") {
      if (!value(&v)) return 2;
      text_utf8 = Unescape(v);
      have_text = true;
    } else if (a == "--text-file") {
      if (!value(&v)) return 2;
      std::ifstream f(v, std::ios::binary);
      if (!f) {
        std::fprintf(stderr, "qiao-kiosk: cannot read %s\n", v.c_str());
        return 1;
      }
      std::ostringstream ss;
      ss << f.rdbuf();
      text_utf8 = ss.str();
      have_text = true;
    } else if (a == "--size") {
      if (!value(&v) || !ParseFloat(v, 4, 1000, &style.size_px)) {
        std::fprintf(stderr, "qiao-kiosk: --size wants pixels from 4 to 1000\n");
        return 2;
      }
    } else if (a == "--width") {
      if (!value(&v) || !ParseFloat(v, 0, 20000, &width)) {
        std::fprintf(stderr, "qiao-kiosk: --width wants pixels from 0 (no wrapping) to 20000\n");
        return 2;
      }
    } else if (a == "--line-height") {
      if (!value(&v) || !ParseFloat(v, 0.5f, 5, &style.line_height)) {
        std::fprintf(stderr, "qiao-kiosk: --line-height wants a multiple from 0.5 to 5\n");
        return 2;
      }
    } else if (a == "--direction") {
      if (!value(&v)) return 2;
      if (v == "auto") style.direction = text::Direction::kAuto;
      else if (v == "ltr") style.direction = text::Direction::kLtr;
      else if (v == "rtl") style.direction = text::Direction::kRtl;
      else {
        std::fprintf(stderr, "qiao-kiosk: --direction wants auto, ltr or rtl\n");
        return 2;
      }
    } else {
      std::fprintf(stderr, "qiao-kiosk: unknown option for --render-text: %s\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (!have_text) {
    std::fprintf(stderr, "qiao-kiosk: --render-text/--dump-glyphs need --text or --text-file\n");
    return 2;
  }
  if (render && out.empty()) {
    std::fprintf(stderr, "qiao-kiosk: --render-text needs --out FILE.png\n");
    return 2;
  }
  text::FontOptions options;
  if (!fonts_dir.empty()) options.search_dirs = {fonts_dir};
  auto engine = text::Engine::Create(options);
  for (const std::string& w : engine->warnings()) std::fprintf(stderr, "qiao-kiosk: %s\n", w.c_str());
  const text::Layout layout = engine->LayoutParagraph(text_utf8, style, width);
  if (layout.missing_glyphs)
    std::fprintf(stderr, "qiao-kiosk: %u character(s) have no glyph in any font (drawn as boxes)\n",
                 layout.missing_glyphs);
  if (layout.overflow)
    std::fprintf(stderr, "qiao-kiosk: --width %.0f is narrower than one character: text overflows\n", width);
  if (render) {
    const GreyImage img = RenderText(*engine, text_utf8, style, width);
    if (!WritePng(out, img)) {
      std::fprintf(stderr, "qiao-kiosk: cannot write %s\n", out.c_str());
      return 1;
    }
    std::fprintf(stderr, "qiao-kiosk: wrote %s (%dx%d)\n", out.c_str(), img.width, img.height);
  }
  if (dump) std::cout << GlyphsJson(*engine, layout) << "\n";
  return 0;
}

}  // namespace qiao::platform
