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

enum class Direction : uint8_t { kAuto = 0, kLtr = 1, kRtl = 2 };

// How a paragraph is styled. `lang` is a BCP 47 tag (zh-Hans, en, ug, bo, ii, ko, mn, mn-Mong,
// kk-Arab, za): it picks the font chain (Han in ko uses the KR face), the line-break rules
// (Korean breaks at spaces only) and the HarfBuzz language.
struct ParagraphStyle {
  std::string lang = "en";
  float size_px = 24.0f;
  float line_height = 1.5f;  // multiple of size_px (WCAG 1.4.12 asks for 1.5)
  Direction direction = Direction::kAuto;  // kAuto: the locale's default (ug, kk-Arab: RTL)
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
};

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
};

// True if `lang` is written right-to-left by default (ug, kk-Arab, ar, fa, ...): the paragraph
// direction LayoutParagraph uses for Direction::kAuto. The UI can use it to mirror layouts.
bool IsRtlLanguage(std::string_view lang);

// Vertical presentation: Mongolian traditional script (mn-Mong, or any lang tagged -Mong) is
// written in columns read top to bottom, columns left to right. Noto Sans Mongolian has no
// vertical metrics, so a paragraph is laid out horizontally (LayoutParagraph with max_width =
// the column length) and each line is turned 90 degrees clockwise about its own box: line i
// becomes column i, counted from the left. The vertical box is layout.height wide and
// max_width tall. Renderers (the widget layer, the --render-text tool) map points with this.
bool IsVerticalLanguage(std::string_view lang);
struct Point {
  float x = 0, y = 0;
};
// (x, y): a point of the horizontal paragraph box lying on `line`; returns it in the vertical box.
inline Point ToVertical(const Line& line, float x, float y) {
  return {2 * line.top + line.height - y, x};
}

// Where a line may end in `utf8` for `lang` (UTF-8 byte offsets, ascending, > 0, always including
// utf8.size() for non-empty text). The same rules LayoutParagraph wraps with: ICU's line
// breaking (UAX #14 + locale tailoring), except Korean which breaks only between words
// (CSS word-break: keep-all).
std::vector<uint32_t> LineBreakOpportunities(std::string_view utf8, std::string_view lang);

}  // namespace qiao::text
