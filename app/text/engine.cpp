// Paragraph layout: UTF-8 -> UTF-16 -> hard segments -> bidi (ICU) -> script + font itemization
// -> HarfBuzz advances -> greedy line filling at ICU break opportunities (grapheme fallback) ->
// per line: bidi visual runs -> shaped runs in visual order.
#include <unicode/ubidi.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <list>
#include <unordered_map>

#include "text/text_internal.h"

namespace qiao::text {
namespace {

using namespace internal;

constexpr uint32_t kNoFont = std::numeric_limits<uint32_t>::max();
constexpr float kEps = 0.01f;

struct Piece {
  int32_t start, end;  // UTF-16, absolute
  UScriptCode script;
  uint32_t font;
};

// A glyph as HarfBuzz gave it, kept from the paragraph-wide shaping so lines can reuse it.
struct ShapedGlyph {
  uint32_t glyph_id;
  int32_t cluster;  // UTF-16, absolute
  int32_t x_advance, x_offset, y_offset;  // 26.6
};

// One piece shaped with the whole segment as context: its glyphs in buffer (visual) order, and
// where a line may cut it without reshaping (HarfBuzz's UNSAFE_TO_BREAK flag clear).
struct ShapedPiece {
  int32_t start, end;
  uint32_t font;
  bool rtl;
  std::vector<ShapedGlyph> glyphs;
  std::vector<bool> safe;  // safe[k - start], k in [start, end]
};

struct UBiDiDeleter {
  void operator()(UBiDi* b) const { ubidi_close(b); }
};
using BidiPtr = std::unique_ptr<UBiDi, UBiDiDeleter>;

bool IsHardBreakChar(char16_t c) {
  return c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Bounded LRU of finished layouts keyed by (text, style, max_width). Entries are immutable and
// shared: a hit hands out the same Layout, never a copy (every frame asks for every paragraph
// on screen, so copying the glyphs each time was a large part of a frame).
class LayoutCache {
 public:
  std::shared_ptr<const Layout> Find(const std::string& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    list_.splice(list_.begin(), list_, it->second);
    return it->second->second;
  }
  void Put(const std::string& key, std::shared_ptr<const Layout> layout) {
    size_t cost = CostOf(key, *layout);
    if (cost > kMaxBytes / 4) return;  // a huge text: not worth caching
    auto it = map_.find(key);
    if (it != map_.end()) {
      bytes_ -= CostOf(it->first, *it->second->second);
      list_.erase(it->second);
      map_.erase(it);
    }
    list_.emplace_front(key, std::move(layout));
    map_.emplace(key, list_.begin());
    bytes_ += cost;
    while (!list_.empty() && (map_.size() > kMaxEntries || bytes_ > kMaxBytes)) {
      auto& back = list_.back();
      bytes_ -= CostOf(back.first, *back.second);
      map_.erase(back.first);
      list_.pop_back();  // a caller still holding this layout keeps it alive until it lets go
    }
  }

 private:
  static size_t CostOf(const std::string& key, const Layout& l) {
    size_t c = 2 * key.size() + 128;
    for (const auto& line : l.lines) {
      c += sizeof(Line);
      for (const auto& r : line.runs) c += sizeof(Run) + r.glyphs.size() * sizeof(Glyph);
    }
    return c;
  }
  static constexpr size_t kMaxEntries = 4096;
  static constexpr size_t kMaxBytes = 32u << 20;
  using Entry = std::pair<std::string, std::shared_ptr<const Layout>>;
  std::list<Entry> list_;
  std::unordered_map<std::string, std::list<Entry>::iterator> map_;
  size_t bytes_ = 0;
};

class EngineImpl final : public Engine {
 public:
  explicit EngineImpl(const FontOptions& options) {
    fonts_ = std::make_unique<FontSet>(options.search_dirs, &warnings_);
    atlas_ = MakeAtlas(fonts_.get(), options.atlas_initial_size, options.atlas_max_size);
    buf_ = hb_buffer_create();
    use_cache_ = options.layout_cache;
  }
  ~EngineImpl() override {
    atlas_.reset();
    hb_buffer_destroy(buf_);
  }

  std::shared_ptr<const Layout> SharedLayout(std::string_view utf8, const ParagraphStyle& style,
                                             float max_width) override {
    float mw = (max_width > 0 && std::isfinite(max_width)) ? max_width : 0.0f;
    if (!use_cache_) return std::make_shared<const Layout>(DoLayout(utf8, style, mw));
    // The key is built in a buffer kept between calls: a hit allocates nothing.
    std::string& key = key_;
    key.clear();
    auto add = [&key](const void* p, size_t n) { key.append(static_cast<const char*>(p), n); };
    add(&style.size_px, sizeof(float));
    add(&style.line_height, sizeof(float));
    add(&mw, sizeof(float));
    key.push_back(char(style.direction));
    key.push_back(char(style.bold));
    key.append(style.lang);
    key.push_back('\0');
    key.append(utf8);
    if (auto hit = cache_.Find(key)) return hit;
    auto made = std::make_shared<const Layout>(DoLayout(utf8, style, mw));
    cache_.Put(key, made);
    return made;
  }

  float MeasureWidth(std::string_view utf8, const ParagraphStyle& style) override {
    return SharedLayout(utf8, style, 0)->width;
  }

  GlyphAtlas& atlas() override { return *atlas_; }
  const std::vector<std::string>& warnings() const override { return warnings_; }
  FontFile font_file(uint32_t font_id) const override {
    if (font_id >= fonts_->size()) return {};
    const LoadedFont& f = fonts_->font(font_id);
    return {f.path, f.face_index, f.file, f.size_factor};
  }
  uint64_t missing_glyphs() const override { return missing_glyphs_; }

 private:
  // State of one LayoutParagraph call.
  struct Ctx {
    const ParagraphStyle* style;
    float size;
    float limit;  // +inf: no wrapping
    UBiDiLevel level;
    U16Text text;
    // Per UTF-16 unit of the current segment (index - seg_start).
    int32_t seg_start = 0, seg_end = 0;
    std::vector<UScriptCode> script;
    std::vector<uint32_t> font;
    std::vector<int32_t> graphemes;  // absolute, [seg_start .. seg_end]
    std::vector<double> prefix;      // prefix[i]: advance of [seg_start, seg_start + i)
    std::vector<ShapedPiece> shaped; // the segment's logical pieces, ascending
    UBiDi* para = nullptr;
    Layout* out;
  };

  Layout DoLayout(std::string_view utf8, const ParagraphStyle& style, float max_width) {
    Ctx ctx;
    Layout layout;
    ctx.style = &style;
    ctx.size = (style.size_px > 0 && std::isfinite(style.size_px)) ? std::min(style.size_px, 2048.0f) : 1.0f;
    ctx.limit = max_width > 0 ? max_width : std::numeric_limits<float>::infinity();
    bool rtl = style.direction == Direction::kRtl ||
               (style.direction == Direction::kAuto && DirectionOf(style.lang, utf8) == Direction::kRtl);
    ctx.level = rtl ? 1 : 0;
    ctx.text = DecodeUtf8(utf8);
    ctx.out = &layout;
    layout.rtl = rtl;

    const char16_t* s = ctx.text.s.data();
    const int32_t n = int32_t(ctx.text.s.size());
    std::vector<BreakOpp> breaks = LineBreaks(s, n, style.lang);

    // Hard segments, each laid out as its own bidi paragraph.
    int32_t seg = 0;
    size_t bi = 0;
    bool ended_with_hard = false;
    while (seg < n) {
      std::vector<int32_t> soft;
      int32_t seg_end = n;
      ended_with_hard = false;
      for (; bi < breaks.size(); ++bi) {
        if (breaks[bi].pos <= seg) continue;
        if (breaks[bi].hard) {
          seg_end = breaks[bi].pos;
          ended_with_hard = true;
          ++bi;
          break;
        }
        soft.push_back(breaks[bi].pos);
      }
      int32_t content_end = seg_end;
      while (content_end > seg && IsHardBreakChar(s[content_end - 1])) --content_end;
      // Soft breaks inside the newline characters are meaningless; the content end is always one.
      while (!soft.empty() && soft.back() >= content_end) soft.pop_back();
      soft.push_back(content_end);
      LayoutSegment(&ctx, seg, content_end, seg_end, soft);
      seg = seg_end;
    }
    if (n == 0 || ended_with_hard) {
      Line empty;
      empty.utf8_begin = empty.utf8_end = uint32_t(utf8.size());
      layout.lines.push_back(empty);
    }

    // Vertical metrics and alignment. Lines are as tall as the largest font drawn in the
    // paragraph needs (line_height times its size), so a scaled-up script keeps its spacing.
    // The baseline centres the primary font's (the lang's script's) ink of typical text in the
    // line box, so a label sits in the middle of its button by what is drawn, not by the
    // font's ascender and descender (Noto Serif Tibetan's leave room for stacks it rarely has).
    float factor = 1.0f;
    float ink_top = 0.8f * ctx.size, ink_bottom = 0.2f * ctx.size;
    const int primary = fonts_->PrimaryFor(style.lang, style.bold);
    if (primary >= 0) {
      const LoadedFont& f = fonts_->font(uint32_t(primary));
      factor = f.size_factor;
      const bool measured = f.ink_top > 0 || f.ink_bottom > 0;
      ink_top = (measured ? f.ink_top : f.ascender) * ctx.size * f.size_factor;
      ink_bottom = (measured ? f.ink_bottom : f.descender) * ctx.size * f.size_factor;
    }
    for (const auto& line : layout.lines)
      for (const auto& run : line.runs) factor = std::max(factor, run.size_px / ctx.size);
    const float lh = (style.line_height > 0 && std::isfinite(style.line_height)) ? style.line_height : 1.0f;
    // ...and never shorter than the typical ink itself (Tibetan's vowel signs and stacks span
    // about 1.6 em), so stacked lines do not touch.
    const float height = std::max(ctx.size * factor * lh, ink_top + ink_bottom);
    float widest = 0;
    for (const auto& line : layout.lines) widest = std::max(widest, line.width);
    const float box = std::isfinite(ctx.limit) ? ctx.limit : widest;
    float top = 0;
    for (auto& line : layout.lines) {
      line.top = top;
      line.height = height;
      line.baseline = top + (height - (ink_top + ink_bottom)) / 2 + ink_top;
      line.x = rtl ? std::max(0.0f, box - line.width) : 0.0f;
      if (line.width > ctx.limit + kEps) layout.overflow = true;
      top += height;
    }
    layout.width = widest;
    layout.height = top;
    missing_glyphs_ += layout.missing_glyphs;
    return layout;
  }

  // Lays out [a, c) (content; [c, e) are the newline characters) into lines.
  void LayoutSegment(Ctx* ctx, int32_t a, int32_t c, int32_t e, const std::vector<int32_t>& opps) {
    const char16_t* s = ctx->text.s.data();
    const auto& u8 = ctx->text.u8_of;
    if (a == c) {
      Line line;
      line.utf8_begin = u8[a];
      line.utf8_end = u8[e];
      ctx->out->lines.push_back(line);
      return;
    }
    ctx->seg_start = a;
    ctx->seg_end = c;
    ctx->shaped.clear();
    const int32_t len = c - a;

    // Bidi for the whole segment.
    UErrorCode err = U_ZERO_ERROR;
    BidiPtr para(ubidi_openSized(len, 0, &err));
    if (U_SUCCESS(err)) ubidi_setPara(para.get(), reinterpret_cast<const UChar*>(s + a), len, ctx->level, nullptr, &err);
    if (U_FAILURE(err)) para.reset();
    ctx->para = para.get();

    // Graphemes, scripts, fonts.
    ctx->graphemes = GraphemeBoundaries(s + a, len);
    for (auto& g : ctx->graphemes) g += a;
    ResolveScripts(ctx);
    AssignFonts(ctx);

    // Advances of the logical text (for line filling).
    std::vector<double> adv(size_t(len), 0.0);
    {
      std::vector<Piece> pieces;
      int32_t pos = 0;
      while (pos < len) {
        int32_t limit = len;
        UBiDiLevel level = ctx->level;
        if (ctx->para) ubidi_getLogicalRun(ctx->para, pos, &limit, &level);
        if (limit <= pos) limit = len;
        Itemize(ctx, a + pos, a + limit, &pieces);
        for (const Piece& p : pieces) {
          Shape(ctx, a, c, p, level & 1);
          ShapedPiece sp{p.start, p.end, p.font, bool(level & 1), Glyphs(a), {}};
          // A line may start or end inside this piece without reshaping where HarfBuzz says
          // the shaping would be the same: at a cluster start whose glyphs are all safe to
          // break (the usual case: between words, between Han characters).
          const int32_t plen = p.end - p.start;
          std::vector<uint8_t> seen(size_t(plen) + 1, 0);  // bit 1: a cluster starts; bit 2: unsafe
          unsigned count = 0;
          hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf_, &count);
          for (unsigned i = 0; i < count; ++i) {
            const int32_t k = a + int32_t(info[i].cluster) - p.start;
            if (k < 0 || k > plen) continue;
            seen[size_t(k)] |= 1;
            if (hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) seen[size_t(k)] |= 2;
          }
          sp.safe.resize(size_t(plen) + 1);
          for (int32_t k = 0; k <= plen; ++k) sp.safe[size_t(k)] = seen[size_t(k)] == 1;
          sp.safe[0] = sp.safe[size_t(plen)] = true;
          for (const ShapedGlyph& g : sp.glyphs) {
            const int32_t cl = g.cluster - a;
            if (cl >= 0 && cl < len) adv[size_t(cl)] += g.x_advance / 64.0;
          }
          ctx->shaped.push_back(std::move(sp));
        }
        pos = limit;
      }
    }
    ctx->prefix.assign(size_t(len) + 1, 0.0);
    for (int32_t i = 0; i < len; ++i) ctx->prefix[size_t(i) + 1] = ctx->prefix[size_t(i)] + adv[size_t(i)];

    // Greedy line filling.
    const float limit = ctx->limit;
    auto fits = [&](int32_t from, int32_t to) { return Width(ctx, from, to) <= limit + kEps; };
    size_t oi = 0;
    int32_t ls = a;
    while (ls < c) {
      while (oi < opps.size() && opps[oi] <= ls) ++oi;
      if (oi >= opps.size()) break;  // cannot happen: c is always an opportunity
      Line line;
      int32_t end = -1;
      size_t best = oi;
      bool any = false;
      for (size_t k = oi; k < opps.size(); ++k) {
        if (fits(ls, opps[k])) {
          best = k;
          any = true;
        } else {
          break;
        }
      }
      if (any) {
        for (;;) {
          end = opps[best];
          line = ShapeLine(ctx, ls, end);
          if (line.width <= limit + kEps || best == oi) break;
          --best;
        }
        if (line.width > limit + kEps) end = -1;  // even the first word does not fit once shaped
      }
      if (end < 0) {
        // The first word is longer than the line: break it at grapheme boundaries.
        const int32_t word_end = opps[oi];
        // Candidates: grapheme boundaries in (ls, word_end] (graphemes always contains c).
        const auto& gr = ctx->graphemes;
        const size_t g0 = size_t(std::upper_bound(gr.begin(), gr.end(), ls) - gr.begin());
        size_t k = g0;
        bool fit = false;
        for (size_t j = g0; j < gr.size() && gr[j] <= word_end; ++j) {
          if (!fits(ls, gr[j])) break;
          k = j;
          fit = true;
        }
        if (fit) {
          for (;;) {
            end = gr[k];
            line = ShapeLine(ctx, ls, end);
            if (line.width <= limit + kEps || k == g0) break;
            --k;
          }
        } else {
          end = g0 < gr.size() ? gr[g0] : c;  // not even one grapheme fits: a line of its own (overflow)
          line = ShapeLine(ctx, ls, end);
        }
      }
      if (end >= c) line.utf8_end = u8[e];  // the newline belongs to the last line
      ctx->out->lines.push_back(std::move(line));
      ls = end;
    }
    ctx->para = nullptr;
  }

  static bool IsSpaceAt(const char16_t* s, int32_t i) { return u_isUWhiteSpace(s[i]); }

  // End of [from, to) without trailing white space.
  int32_t TrimEnd(const Ctx* ctx, int32_t from, int32_t to) const {
    const char16_t* s = ctx->text.s.data();
    while (to > from && IsSpaceAt(s, to - 1)) --to;
    return to;
  }

  double Width(const Ctx* ctx, int32_t from, int32_t to) const {
    to = TrimEnd(ctx, from, to);
    return ctx->prefix[size_t(to - ctx->seg_start)] - ctx->prefix[size_t(from - ctx->seg_start)];
  }

  void ResolveScripts(Ctx* ctx) {
    const char16_t* s = ctx->text.s.data();
    const int32_t a = ctx->seg_start, c = ctx->seg_end;
    ctx->script.assign(size_t(c - a), USCRIPT_INVALID_CODE);
    for (int32_t i = a; i < c;) {
      int32_t start = i;
      UChar32 cp;
      U16_NEXT(s, i, c, cp);
      UErrorCode err = U_ZERO_ERROR;
      UScriptCode sc = uscript_getScript(cp, &err);
      if (U_FAILURE(err) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) sc = USCRIPT_INVALID_CODE;
      for (int32_t k = start; k < i; ++k) ctx->script[size_t(k - a)] = sc;
    }
    // Common / Inherited take the preceding script, leading ones the following, all-Common text
    // the lang's.
    UScriptCode last = USCRIPT_INVALID_CODE;
    for (auto& sc : ctx->script) {
      if (sc == USCRIPT_INVALID_CODE) sc = last;
      else last = sc;
    }
    UScriptCode next = USCRIPT_INVALID_CODE;
    for (auto it = ctx->script.rbegin(); it != ctx->script.rend(); ++it) {
      if (*it == USCRIPT_INVALID_CODE) *it = next;
      else next = *it;
    }
    UScriptCode def = LangDefaultScript(ctx->style->lang);
    for (auto& sc : ctx->script)
      if (sc == USCRIPT_INVALID_CODE) sc = def;
  }

  // One font per grapheme cluster: the first in the script's chain that has all its characters.
  void AssignFonts(Ctx* ctx) {
    const char16_t* s = ctx->text.s.data();
    const int32_t a = ctx->seg_start;
    ctx->font.assign(size_t(ctx->seg_end - a), kNoFont);
    UScriptCode chain_script = USCRIPT_INVALID_CODE;
    const std::vector<uint32_t>* chain_of_script = nullptr;  // looked up once per script change
    for (size_t gi = 0; gi + 1 < ctx->graphemes.size(); ++gi) {
      const int32_t g0 = ctx->graphemes[gi], g1 = ctx->graphemes[gi + 1];
      const UScriptCode script = ctx->script[size_t(g0 - a)];
      if (!chain_of_script || script != chain_script) {
        chain_of_script = &fonts_->Chain(script, ctx->style->lang, ctx->style->bold);
        chain_script = script;
      }
      const auto& chain = *chain_of_script;
      uint32_t chosen = kNoFont;
      if (!chain.empty()) {
        UChar32 first;
        int32_t j = g0;
        U16_NEXT(s, j, g1, first);
        // Full coverage (marks included: they must come from the base's font to stack right).
        for (uint32_t id : chain) {
          bool all = true;
          for (int32_t i = g0; i < g1 && all;) {
            UChar32 cp;
            U16_NEXT(s, i, g1, cp);
            if (u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_charType(cp) == U_CONTROL_CHAR)
              continue;
            all = fonts_->HasGlyph(id, cp);
          }
          if (all) {
            chosen = id;
            break;
          }
        }
        if (chosen == kNoFont) {
          for (uint32_t id : chain) {
            if (fonts_->HasGlyph(id, first)) {
              chosen = id;
              break;
            }
          }
        }
        if (chosen == kNoFont) chosen = chain.front();
      }
      for (int32_t k = g0; k < g1; ++k) ctx->font[size_t(k - a)] = chosen;
    }
  }

  // Splits [s, e) into maximal pieces of one script and font (logical order).
  void Itemize(const Ctx* ctx, int32_t s, int32_t e, std::vector<Piece>* out) const {
    out->clear();
    const int32_t a = ctx->seg_start;
    int32_t start = s;
    for (int32_t i = s + 1; i <= e; ++i) {
      if (i == e || ctx->script[size_t(i - a)] != ctx->script[size_t(start - a)] ||
          ctx->font[size_t(i - a)] != ctx->font[size_t(start - a)]) {
        out->push_back({start, i, ctx->script[size_t(start - a)], ctx->font[size_t(start - a)]});
        start = i;
      }
    }
  }

  // Shapes piece p with [ctx_start, ctx_end) as context; result in buf_, clusters relative to
  // ctx_start. A piece without a font yields an empty buffer.
  void Shape(const Ctx* ctx, int32_t ctx_start, int32_t ctx_end, const Piece& p, bool rtl) {
    hb_buffer_clear_contents(buf_);
    if (p.font == kNoFont) return;
    const auto* s = reinterpret_cast<const uint16_t*>(ctx->text.s.data());
    hb_buffer_add_utf16(buf_, s + ctx_start, ctx_end - ctx_start, unsigned(p.start - ctx_start), p.end - p.start);
    hb_buffer_set_direction(buf_, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    const char* tag = uscript_getShortName(p.script);
    hb_buffer_set_script(buf_, tag ? hb_script_from_string(tag, -1) : HB_SCRIPT_COMMON);
    hb_buffer_set_language(buf_, hb_language_from_string(ctx->style->lang.data(), int(ctx->style->lang.size())));
    hb_font_t* font = fonts_->font(p.font).hb;
    const int scale = ShapeScale(ctx, p.font);
    hb_font_set_scale(font, scale, scale);
    hb_shape(font, buf_, nullptr, 0);
  }

  // HarfBuzz scale for a font: 26.6 pixels at the paragraph's size times the font's size factor.
  int ShapeScale(const Ctx* ctx, uint32_t font) const {
    return int(std::lround(ctx->size * fonts_->font(font).size_factor * 64.0f));
  }

  // The glyphs in buf_ after Shape(ctx, ctx_start, ...), clusters made absolute.
  std::vector<ShapedGlyph> Glyphs(int32_t ctx_start) const {
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf_, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf_, &count);
    std::vector<ShapedGlyph> out(count);
    for (unsigned i = 0; i < count; ++i)
      out[i] = {info[i].codepoint, ctx_start + int32_t(info[i].cluster), pos[i].x_advance, pos[i].x_offset,
                pos[i].y_offset};
    return out;
  }

  // Glyphs of piece p of a line: taken from the segment-wide shaping when the line cuts that
  // piece only where it is safe to break (then they are what reshaping would give), else
  // shaped anew with the line as context.
  std::vector<ShapedGlyph> LineGlyphs(const Ctx* ctx, int32_t from, int32_t to, const Piece& p, bool rtl) {
    auto it = std::upper_bound(ctx->shaped.begin(), ctx->shaped.end(), p.start,
                               [](int32_t v, const ShapedPiece& sp) { return v < sp.start; });
    if (it != ctx->shaped.begin()) {
      const ShapedPiece& sp = *(it - 1);
      if (p.start >= sp.start && p.end <= sp.end && sp.font == p.font && sp.rtl == rtl &&
          sp.safe[size_t(p.start - sp.start)] && sp.safe[size_t(p.end - sp.start)]) {
        // Clusters are monotonic in buffer order (ascending LTR, descending RTL).
        auto before = [&](int32_t k) {  // glyphs strictly before logical position k in buffer order
          return [k, rtl](const ShapedGlyph& g) { return rtl ? g.cluster >= k : g.cluster < k; };
        };
        auto g0 = std::partition_point(sp.glyphs.begin(), sp.glyphs.end(), before(rtl ? p.end : p.start));
        auto g1 = std::partition_point(g0, sp.glyphs.end(), before(rtl ? p.start : p.end));
        return std::vector<ShapedGlyph>(g0, g1);
      }
    }
    Shape(ctx, from, to, p, rtl);
    return Glyphs(from);
  }

  // Shapes the line [from, to) (trailing white space dropped) into visual runs.
  Line ShapeLine(Ctx* ctx, int32_t from, int32_t to) {
    const auto& u8 = ctx->text.u8_of;
    const char16_t* s = ctx->text.s.data();
    Line line;
    line.utf8_begin = u8[from];
    line.utf8_end = u8[to];
    const int32_t t = TrimEnd(ctx, from, to);
    if (t <= from) return line;

    // Visual runs of the line.
    struct VRun {
      int32_t start, end;
      bool rtl;
    };
    std::vector<VRun> vruns;
    UErrorCode err = U_ZERO_ERROR;
    BidiPtr lb;
    if (ctx->para) {
      lb.reset(ubidi_openSized(t - from, 0, &err));
      if (U_SUCCESS(err)) ubidi_setLine(ctx->para, from - ctx->seg_start, t - ctx->seg_start, lb.get(), &err);
      int32_t count = U_SUCCESS(err) ? ubidi_countRuns(lb.get(), &err) : 0;
      for (int32_t i = 0; U_SUCCESS(err) && i < count; ++i) {
        int32_t start = 0, length = 0;
        UBiDiDirection d = ubidi_getVisualRun(lb.get(), i, &start, &length);
        vruns.push_back({from + start, from + start + length, d == UBIDI_RTL});
      }
    }
    if (U_FAILURE(err) || vruns.empty()) {
      vruns.clear();
      vruns.push_back({from, t, (ctx->level & 1) != 0});
    }

    double pen = 0;
    std::vector<Piece> pieces;
    for (const VRun& vr : vruns) {
      Itemize(ctx, vr.start, vr.end, &pieces);
      if (vr.rtl) std::reverse(pieces.begin(), pieces.end());
      for (const Piece& p : pieces) {
        Run run;
        run.utf8_begin = u8[p.start];
        run.utf8_end = u8[p.end];
        run.rtl = vr.rtl;
        run.font_id = p.font == kNoFont ? 0 : p.font;
        run.size_px = p.font == kNoFont ? ctx->size : float(ShapeScale(ctx, p.font)) / 64.0f;
        run.x = float(pen);
        const std::vector<ShapedGlyph> shaped = p.font == kNoFont ? std::vector<ShapedGlyph>{}
                                                                   : LineGlyphs(ctx, from, t, p, vr.rtl);
        run.glyphs.reserve(shaped.size());
        for (const ShapedGlyph& sg : shaped) {
          Glyph g;
          g.font_id = p.font;
          g.glyph_id = sg.glyph_id;
          g.x = float(pen + sg.x_offset / 64.0);
          g.y = float(-sg.y_offset / 64.0);
          const int32_t cl = sg.cluster;
          g.cluster = u8[size_t(std::clamp(cl, from, t))];
          pen += sg.x_advance / 64.0;
          if (g.glyph_id == 0) {
            UChar32 cp;
            U16_GET(s, 0, std::clamp(cl, from, t - 1), t, cp);
            if (!u_isUWhiteSpace(cp) && u_charType(cp) != U_CONTROL_CHAR) ++ctx->out->missing_glyphs;
          }
          run.glyphs.push_back(g);
        }
        if (p.font == kNoFont) {
          // No font at all: count what cannot be drawn, keep the run for its text range.
          for (int32_t i = p.start; i < p.end;) {
            UChar32 cp;
            U16_NEXT(s, i, p.end, cp);
            if (!u_isUWhiteSpace(cp) && u_charType(cp) != U_CONTROL_CHAR) ++ctx->out->missing_glyphs;
          }
        }
        run.width = float(pen) - run.x;
        line.runs.push_back(std::move(run));
      }
    }
    line.width = float(pen);
    return line;
  }

  std::vector<std::string> warnings_;
  std::unique_ptr<FontSet> fonts_;
  uint64_t missing_glyphs_ = 0;  // over every layout made (missing_glyphs())
  std::unique_ptr<GlyphAtlas> atlas_;
  hb_buffer_t* buf_ = nullptr;
  LayoutCache cache_;
  std::string key_;  // SharedLayout's lookup key, reused
  bool use_cache_ = true;
};

}  // namespace

std::unique_ptr<Engine> Engine::Create(const FontOptions& options) { return std::make_unique<EngineImpl>(options); }

}  // namespace qiao::text
