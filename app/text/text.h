// Qiao text engine: UTF-8 paragraph -> lines of positioned, shaped glyph runs.
//
// Life cycle (as Skia's paragraph): Engine::Create once -> per paragraph
// LayoutParagraph(utf8, style, max_width) -> the widget layer draws the result by asking the
// GlyphAtlas for each glyph's bitmap. Pipeline: ICU bidi + line breaking, script itemization,
// HarfBuzz shaping per run, font fallback chain per script, FreeType rasterization on demand.
//
// This header has no ImGui, SDL or GL types: the UI layer converts glyph quads to draw calls
// and uploads the atlas pixels to the GPU itself. Offsets are always UTF-8 byte offsets into the
// string given to LayoutParagraph, so carets, highlights and accessibility ranges map back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::text {

// kTtb (top to bottom, columns left to right) describes a block of traditional Mongolian; a
// paragraph styled kTtb is laid out as kLtr lines that the renderer turns (see ToVertical).
enum class Direction : uint8_t { kAuto = 0, kLtr = 1, kRtl = 2, kTtb = 3 };

// How a paragraph is styled. `lang` is a BCP 47 tag (zh-Hans, en, ug, bo, ii, ko, mn, mn-Mong,
// kk-Arab, za): it picks the font chain (Han in ko uses the KR face), the line-break rules
// (Korean breaks at spaces only) and the HarfBuzz language.
struct ParagraphStyle {
  std::string lang = "en";
  float size_px = 24.0f;
  float line_height = 1.5f;  // multiple of size_px (WCAG 1.4.12 asks for 1.5)
  Direction direction = Direction::kAuto;  // kAuto: DirectionOf(lang, text)
  bool bold = false;
};

// One shaped glyph. x/y: pen position of the glyph origin relative to the line's left edge and
// baseline, in pixels, y grows down. cluster: UTF-8 byte offset of the cluster it belongs to.
struct Glyph {
  uint32_t font_id = 0;
  uint32_t glyph_id = 0;
  float x = 0, y = 0;
  uint32_t cluster = 0;
};

// A maximal run of one font, script and direction within a line, in visual order.
struct Run {
  uint32_t utf8_begin = 0, utf8_end = 0;
  bool rtl = false;
  uint32_t font_id = 0;
  // The pixel size its glyphs are shaped and drawn at: the paragraph's size times the font's
  // size factor (> 1 for scripts whose letters are small for their em, e.g. Tibetan, Mongolian).
  float size_px = 0;
  float x = 0, width = 0;  // relative to the line's left edge
  std::vector<Glyph> glyphs;
};

// A laid-out line. Runs are in visual (left-to-right on screen) order. `x` is the line's offset
// inside the paragraph box after alignment (RTL paragraphs are right-aligned).
struct Line {
  uint32_t utf8_begin = 0, utf8_end = 0;
  float x = 0;         // left edge within the paragraph box
  float top = 0;       // top of the line box within the paragraph box
  float baseline = 0;  // baseline y within the paragraph box
  float height = 0;    // line box height (size_px * line_height)
  float width = 0;     // advance width of the glyphs (trailing spaces excluded)
  std::vector<Run> runs;
};

struct Layout {
  std::vector<Line> lines;
  float width = 0;   // widest line
  float height = 0;  // sum of line heights
  bool rtl = false;  // resolved paragraph direction
  // True only if some line is wider than max_width, which happens only when max_width is
  // narrower than a single grapheme cluster. The UI treats this as clipped text.
  bool overflow = false;
  // Code points no font in the chain could draw (shown as .notdef boxes).
  uint32_t missing_glyphs = 0;
};

// A glyph bitmap in the atlas. w == 0 for glyphs with no ink (spaces).
struct AtlasGlyph {
  int x = 0, y = 0, w = 0, h = 0;        // rectangle in the atlas, pixels
  float bearing_x = 0, bearing_y = 0;    // from pen position to bitmap top-left (y up, FreeType)
};

// Counters for a debug overlay and tests (added to the original contract).
struct AtlasStats {
  size_t glyphs = 0;         // glyphs currently in the atlas
  uint64_t dropped = 0;      // glyphs that could not be placed (atlas at max size and full)
  uint64_t compactions = 0;  // repacks done at BeginFrame after the atlas ran out of room
  uint64_t frame = 0;        // BeginFrame counter
};

// Dynamic single-channel (coverage) glyph atlas, rasterized on demand at the exact pixel size
// (crisp at every size, no scaled bitmaps). Memory stays bounded: least-recently-used glyphs
// are evicted, but never a glyph already used in the current frame.
class GlyphAtlas {
 public:
  virtual ~GlyphAtlas() = default;
  // Call once at the start of every frame (marks what the frame uses, for LRU).
  virtual void BeginFrame() = 0;
  // Rasterizes if needed. Returns a glyph with w == 0 when it has no ink.
  virtual AtlasGlyph Get(uint32_t font_id, uint32_t glyph_id, float size_px) = 0;
  virtual int width() const = 0;
  virtual int height() const = 0;
  virtual const uint8_t* pixels() const = 0;  // width*height bytes, 0 = empty, 255 = full ink
  // True once since the last call if pixels changed (the UI re-uploads the texture then).
  virtual bool TakeDirty() = 0;
  virtual AtlasStats stats() const { return {}; }
};

// Where fonts come from. Natively: Debian's font packages under /usr/share/fonts; in the browser
// build: the subset fonts shipped with the site. Missing fonts are reported, never fatal.
struct FontOptions {
  std::vector<std::string> search_dirs = {"/usr/share/fonts"};
  // Glyph atlas texture size: starts square at atlas_initial_size, doubles while a single frame
  // needs more room, never beyond atlas_max_size (memory bound: max_size^2 bytes).
  int atlas_initial_size = 1024;
  int atlas_max_size = 4096;
  // Keep finished layouts for reuse (LRU, 4096 entries / 32 MB). Off only to measure the cost of
  // laying out from scratch (bench/).
  bool layout_cache = true;
};

// The file behind a font_id: what tools and tests hand to hb-shape / hb-view.
struct FontFile {
  std::string path;         // absolute path of the font file
  unsigned face_index = 0;  // face inside a collection (.ttc)
  std::string file;         // its name in the font table (fonts.json)
  float size_factor = 1;    // Run::size_px / the paragraph's size_px for this font
};

// One row of the font table, app/text/fonts.json: the one list of fonts, compiled into the
// engine and read by the browser build's font cutter (web/fonts.py).
struct FontTableRow {
  std::string role;    // sans, sans-bold, cjk-sc, cjk-kr, arabic, tibetan, yi, mongolian
  std::string file;    // file name, searched under FontOptions::search_dirs
  unsigned face = 0;   // face index in a collection (.ttc)
  std::string package; // the Debian package that installs it
};
// The table as compiled in. Malformed rows are left out and described in *errors.
std::vector<FontTableRow> FontTable(std::vector<std::string>* errors = nullptr);

class Engine {
 public:
  virtual ~Engine() = default;
  // Never returns null. Problems (a missing font file) are listed in warnings().
  static std::unique_ptr<Engine> Create(const FontOptions& options = {});

  // Lays out `utf8` in a box `max_width` pixels wide, wrapping at the locale's break
  // opportunities, and at grapheme boundaries if a word is longer than a line. Invalid UTF-8 is
  // replaced by U+FFFD, never a crash.
  // max_width <= 0, infinite or NaN means "no wrapping" (as ImGui's wrap_width 0); RTL lines
  // are then right-aligned to the widest line. An empty string gives one empty line (so a caret
  // has a height); "a\n" gives two lines.
  // Cost: finished layouts are cached by (text, style, max_width) and shared, immutable: asking
  // every frame for unchanged text costs a hash lookup, no copy. What the UI draws with.
  virtual std::shared_ptr<const Layout> SharedLayout(std::string_view utf8, const ParagraphStyle& style,
                                                     float max_width) = 0;
  // The same, as a copy the caller owns and may change (tools, tests).
  Layout LayoutParagraph(std::string_view utf8, const ParagraphStyle& style, float max_width) {
    return *SharedLayout(utf8, style, max_width);
  }

  // Natural (unwrapped) width of a single line of text: for sizing buttons.
  virtual float MeasureWidth(std::string_view utf8, const ParagraphStyle& style) = 0;

  virtual GlyphAtlas& atlas() = 0;
  virtual const std::vector<std::string>& warnings() const = 0;
  // Empty path for an unknown id.
  virtual FontFile font_file(uint32_t font_id) const = 0;
  // Layout::missing_glyphs summed over every layout this engine has made (each cached layout
  // once): 0 means no character shown so far was drawn as a box (the browser's test reads it
  // for a screen, web.cpp: qiao_missing_glyphs).
  virtual uint64_t missing_glyphs() const = 0;
};

// The one place text direction is decided.
// Which way text in `lang` runs within a line: the direction of the language's usual script
// (ICU's likely subtags: ug, ur, kk-Arab -> Arabic, he -> Hebrew, bo -> Tibetan, mn -> Cyrillic;
// ICU's script data says which scripts are right to left). With no language ("" or "und") the
// text's first strong character decides (UAX #9 rules P2-P3), left to right if it has none.
// Returns kLtr or kRtl: what LayoutParagraph uses for Direction::kAuto, what the UI mirrors rows
// by and what the accessibility tree publishes.
Direction DirectionOf(std::string_view lang, std::string_view utf8 = {});

// Vertical presentation: Mongolian traditional script (mn-Mong, or any lang tagged -Mong) is
// written in columns read top to bottom, columns left to right. Noto Sans Mongolian has no
// vertical metrics, so a paragraph is laid out horizontally (LayoutParagraph with max_width =
// the column length) and each line is turned 90 degrees clockwise about its own box: line i
// becomes column i, counted from the left. The vertical box is layout.height wide and
// max_width tall. Renderers (the widget layer, the --render-text tool) map points with this.
// A block of body text in such a language is published as Direction::kTtb.
bool IsVerticalLanguage(std::string_view lang);
struct Point {
  float x = 0, y = 0;
};
// (x, y): a point of the horizontal paragraph box lying on `line`; returns it in the vertical box.
inline Point ToVertical(const Line& line, float x, float y) {
  return {2 * line.top + line.height - y, x};
}

// [SECTION] Glyph placement: the one function that puts glyphs on screen. The kiosk
// (ui::DrawText, as ImGui quads) and `qiao-kiosk --render-text` (as PNG pixels, which the
// golden images in tests/text/golden are) both draw exactly these quads.

// One glyph bitmap placed on screen, in whole pixels (glyphs are rasterised for pixel-aligned
// placement; a fractional position would blur them). corners: where the bitmap's top-left,
// top-right, bottom-right and bottom-left corners go. Horizontal text gives an upright
// rectangle (corners[0] top-left, corners[2] bottom-right); vertical text the same turned 90
// degrees clockwise (the bitmap's top edge becomes the right edge).
struct GlyphQuad {
  Point corners[4];
  AtlasGlyph glyph;  // its rectangle in the atlas, as Get returned it
};

struct PlaceOptions {
  bool vertical = false;  // each line turned into a column (IsVerticalLanguage; see ToVertical)
  float centre_in = 0;    // > 0: centre every line in a box this wide instead of at Line::x
  // Horizontal text: lines entirely above clip_top or below clip_bottom (screen y) are skipped.
  float clip_top = -1e30f, clip_bottom = 1e30f;
};

// Calls emit(const GlyphQuad&) for every glyph with ink, line by line, right after taking its
// bitmap from `atlas` at the run's size (so atlas.pixels() holds it during the call; the atlas
// may grow between two calls). `origin`: where the paragraph box's top-left goes on screen.
template <typename Emit>
void PlaceGlyphs(const Layout& layout, GlyphAtlas& atlas, Point origin, const PlaceOptions& options, Emit&& emit) {
  // std::round for screen coordinates (|v| < 2^31) without a libm call: this runs per glyph per frame.
  auto snap = [](float v) { return static_cast<float>(static_cast<int>(v + (v >= 0 ? 0.5f : -0.5f))); };
  for (const Line& line : layout.lines) {
    const float top = origin.y + line.top;
    if (!options.vertical && (top > options.clip_bottom || top + line.height < options.clip_top)) continue;
    const float line_x = options.centre_in > 0 ? (options.centre_in - line.width) * 0.5f : line.x;
    for (const Run& run : line.runs) {
      for (const Glyph& g : run.glyphs) {
        GlyphQuad q;
        q.glyph = atlas.Get(g.font_id, g.glyph_id, run.size_px);
        const AtlasGlyph& a = q.glyph;
        if (a.w == 0 || a.h == 0) continue;
        const float x0 = snap(origin.x + line_x + g.x + a.bearing_x);
        const float y0 = snap(origin.y + line.baseline + g.y - a.bearing_y);
        const float x1 = x0 + float(a.w), y1 = y0 + float(a.h);
        if (!options.vertical) {
          q.corners[0] = {x0, y0}, q.corners[1] = {x1, y0}, q.corners[2] = {x1, y1}, q.corners[3] = {x0, y1};
        } else {
          auto turn = [&](float x, float y) {
            const Point p = ToVertical(line, x - origin.x, y - origin.y);
            return Point{snap(origin.x + p.x), snap(origin.y + p.y)};
          };
          q.corners[0] = turn(x0, y0), q.corners[1] = turn(x1, y0), q.corners[2] = turn(x1, y1),
          q.corners[3] = turn(x0, y1);
        }
        emit(static_cast<const GlyphQuad&>(q));
      }
    }
  }
}

// Where a line may end in `utf8` for `lang` (UTF-8 byte offsets, ascending, > 0, always including
// utf8.size() for non-empty text). The same rules LayoutParagraph wraps with: ICU's line
// breaking (UAX #14 + locale tailoring), except Korean which breaks only between words
// (CSS word-break: keep-all).
std::vector<uint32_t> LineBreakOpportunities(std::string_view utf8, std::string_view lang);

}  // namespace qiao::text
