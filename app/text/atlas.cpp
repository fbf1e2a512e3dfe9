// Dynamic 8-bit coverage atlas with shelf packing.
//
// Invariant: a glyph returned by Get() keeps its rectangle and pixels until the next BeginFrame().
// Hence nothing used in the current frame ever moves or is overwritten mid-frame. When the atlas
// runs out of room mid-frame it (1) reuses the slots of glyphs not used this frame, (2) grows
// (doubling, up to max_size), (3) gives up on that glyph (returned with w == 0, counted in
// dropped()). Any shortage schedules a compaction at the next BeginFrame(): glyphs used in the
// frame that just ended are repacked tightly, all others are dropped (re-rasterized on demand).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <unordered_map>


#include "text/text_internal.h"

namespace qiao::text::internal {

namespace {

constexpr int kPad = 1;

struct Slot {
  int x = 0, y = 0, w = 0, h = 0;  // including padding
};

struct Entry {
  AtlasGlyph g;
  Slot slot;  // w == 0: no slot (no ink)
  uint64_t last_frame = 0;
};

struct Shelf {
  int y = 0, h = 0, x = 0;  // x: first free column
};

class AtlasImpl final : public GlyphAtlas {
 public:
  AtlasImpl(FontSet* fonts, int initial, int max_size)
      : fonts_(fonts), max_(std::max(64, max_size)), w_(std::clamp(initial, 64, max_)), h_(w_) {
    pix_.assign(size_t(w_) * size_t(h_), 0);
  }

  void BeginFrame() override {
    if (compact_pending_) Compact();
    ++frame_;
    free_slots_.clear();
    reclaimed_this_frame_ = false;
  }

  AtlasGlyph Get(uint32_t font_id, uint32_t glyph_id, float size_px) override {
    if (!(size_px > 0) || font_id >= fonts_->size()) return {};
    const int q = int(std::min(size_px, 2048.0f) * 4.0f + 0.5f);  // size_px > 0: rounds as lround
    if (q <= 0) return {};
    const uint64_t key = (uint64_t(font_id & 0xFF) << 56) | (uint64_t(q & 0xFFFF) << 40) | (glyph_id & 0xFFFFFFFFull);
    auto it = map_.find(key);
    if (it != map_.end()) {
      it->second.last_frame = frame_;
      return it->second.g;
    }
    Entry e;
    e.last_frame = frame_;
    if (!Rasterize(font_id, glyph_id, q, &e)) {
      // Too big for any atlas, or FreeType failed: remember nothing, draw nothing.
      ++dropped_;
      return {};
    }
    auto& stored = map_.emplace(key, e).first->second;
    return stored.g;
  }

  int width() const override { return w_; }
  int height() const override { return h_; }
  const uint8_t* pixels() const override { return pix_.data(); }
  bool TakeDirty() override {
    bool d = dirty_;
    dirty_ = false;
    return d;
  }

  AtlasStats stats() const override { return {map_.size(), dropped_, compactions_, frame_}; }

 private:
  bool Rasterize(uint32_t font_id, uint32_t glyph_id, int q, Entry* e) {
    LoadedFont& f = fonts_->font(font_id);
    if (f.ft_size_q != q) {
      if (FT_Set_Char_Size(f.ft, 0, FT_F26Dot6(q) * 16, 72, 72) != 0) return false;
      f.ft_size_q = q;
    }
    if (FT_Load_Glyph(f.ft, glyph_id, FT_LOAD_TARGET_LIGHT) != 0) return false;
    FT_GlyphSlot gs = f.ft->glyph;
    if (gs->format != FT_GLYPH_FORMAT_BITMAP && FT_Render_Glyph(gs, FT_RENDER_MODE_NORMAL) != 0) return false;
    const FT_Bitmap& bm = gs->bitmap;
    e->g.bearing_x = float(gs->bitmap_left);
    e->g.bearing_y = float(gs->bitmap_top);
    if (bm.width == 0 || bm.rows == 0) {
      e->g.w = e->g.h = 0;
      return true;  // no ink (space)
    }
    const int w = int(bm.width), h = int(bm.rows);
    Slot slot;
    if (!Allocate(w + 2 * kPad, h + 2 * kPad, &slot)) return false;
    e->slot = slot;
    e->g.x = slot.x + kPad;
    e->g.y = slot.y + kPad;
    e->g.w = w;
    e->g.h = h;
    ClearRect(slot);
    for (int row = 0; row < h; ++row) {
      const uint8_t* src = bm.buffer + ptrdiff_t(row) * bm.pitch;
      uint8_t* dst = &pix_[size_t(e->g.y + row) * size_t(w_) + size_t(e->g.x)];
      if (bm.pixel_mode == FT_PIXEL_MODE_GRAY) {
        if (bm.num_grays == 256) {
          std::memcpy(dst, src, size_t(w));
        } else {
          for (int c = 0; c < w; ++c) dst[c] = uint8_t(int(src[c]) * 255 / std::max(1, int(bm.num_grays) - 1));
        }
      } else if (bm.pixel_mode == FT_PIXEL_MODE_MONO) {
        for (int c = 0; c < w; ++c) dst[c] = (src[c >> 3] & (0x80 >> (c & 7))) ? 255 : 0;
      } else if (bm.pixel_mode == FT_PIXEL_MODE_BGRA) {
        for (int c = 0; c < w; ++c) dst[c] = src[c * 4 + 3];  // alpha as coverage
      }
    }
    dirty_ = true;
    return true;
  }

  void ClearRect(const Slot& s) {
    for (int row = s.y; row < s.y + s.h; ++row) std::memset(&pix_[size_t(row) * size_t(w_) + size_t(s.x)], 0, size_t(s.w));
  }

  bool ShelfAllocate(int w, int h, Slot* out) {
    if (w > w_ || h > h_) return false;
    // Best shelf: tall enough, not much taller (limits waste), with room left.
    Shelf* best = nullptr;
    for (auto& s : shelves_) {
      if (s.h >= h && s.x + w <= w_ && s.h <= h + h / 3 + 2 && (!best || s.h < best->h)) best = &s;
    }
    if (!best) best = NewShelf(std::min(h_, (h + 3) & ~3));  // rounded up: more glyphs share it
    if (!best) {  // any shelf that fits, however wasteful
      for (auto& s : shelves_)
        if (s.h >= h && s.x + w <= w_ && (!best || s.h < best->h)) best = &s;
    }
    if (!best) return false;
    *out = {best->x, best->y, w, h};
    best->x += w;
    return true;
  }

  // A new shelf in the first vertical gap tall enough (shelves_ is sorted by y).
  Shelf* NewShelf(int sh) {
    int y = 0;
    size_t i = 0;
    for (; i < shelves_.size(); ++i) {
      if (shelves_[i].y - y >= sh) break;
      y = shelves_[i].y + shelves_[i].h;
    }
    if (i == shelves_.size() && h_ - y < sh) return nullptr;
    return &*shelves_.insert(shelves_.begin() + ptrdiff_t(i), Shelf{y, sh, 0});
  }

  bool Allocate(int w, int h, Slot* out) {
    if (ShelfAllocate(w, h, out)) return true;
    compact_pending_ = true;
    // (1) Slots of glyphs not used in this frame.
    if (!reclaimed_this_frame_) {
      ReclaimStale();
      if (ShelfAllocate(w, h, out)) return true;
    }
    auto it = free_slots_.lower_bound({h, 0});
    for (int tries = 0; it != free_slots_.end() && tries < 64; ++it, ++tries) {
      if (it->second.w >= w) {
        *out = it->second;  // keeps the slot's full size so it can be reused again
        free_slots_.erase(it);
        return true;
      }
    }
    // (2) Grow.
    while (w_ < max_ || h_ < max_) {
      Grow();
      if (ShelfAllocate(w, h, out)) return true;
    }
    return false;  // (3) give up on this glyph
  }

  // Mid-frame shortage: forget every glyph not used in this frame. Shelves with no glyph of this
  // frame are removed (their rows become free for shelves of any height); in the others, the
  // stale glyphs' slots become reusable.
  void ReclaimStale() {
    reclaimed_this_frame_ = true;
    std::vector<char> live(shelves_.size(), 0);
    auto shelf_of = [this](int y) {
      auto it = std::lower_bound(shelves_.begin(), shelves_.end(), y, [](const Shelf& s, int v) { return s.y + s.h <= v; });
      return size_t(it - shelves_.begin());
    };
    for (const auto& [k, e] : map_)
      if (e.last_frame == frame_ && e.slot.w > 0) {
        size_t i = shelf_of(e.slot.y);
        if (i < live.size()) live[i] = 1;
      }
    for (auto it = map_.begin(); it != map_.end();) {
      if (it->second.last_frame < frame_) {
        const Slot& sl = it->second.slot;
        if (sl.w > 0) {
          size_t i = shelf_of(sl.y);
          if (i < live.size() && live[i]) free_slots_.emplace(std::make_pair(sl.h, sl.w), sl);
        }
        it = map_.erase(it);
      } else {
        ++it;
      }
    }
    std::vector<Shelf> kept;
    for (size_t i = 0; i < shelves_.size(); ++i)
      if (live[i]) kept.push_back(shelves_[i]);
    shelves_.swap(kept);
  }

  void Grow() {
    const int nw = std::min(max_, w_ * 2), nh = std::min(max_, h_ * 2);
    std::vector<uint8_t> np(size_t(nw) * size_t(nh), 0);
    for (int row = 0; row < h_; ++row) std::memcpy(&np[size_t(row) * size_t(nw)], &pix_[size_t(row) * size_t(w_)], size_t(w_));
    pix_.swap(np);
    w_ = nw;
    h_ = nh;
    dirty_ = true;
  }

  // Between frames: repack the glyphs of the frame that just ended, drop the rest.
  void Compact() {
    compact_pending_ = false;
    ++compactions_;
    struct Keep {
      uint64_t key;
      Entry e;
    };
    std::vector<Keep> keep;
    for (auto& [k, e] : map_)
      if (e.last_frame == frame_) keep.push_back({k, e});
    std::sort(keep.begin(), keep.end(), [](const Keep& a, const Keep& b) { return a.e.slot.h > b.e.slot.h; });
    std::vector<uint8_t> old;
    old.swap(pix_);
    const int old_w = w_;
    pix_.assign(size_t(w_) * size_t(h_), 0);
    shelves_.clear();
    map_.clear();
    for (auto& k : keep) {
      Entry e = k.e;
      if (e.slot.w > 0) {
        const int w = e.g.w + 2 * kPad, h = e.g.h + 2 * kPad;
        Slot s;
        if (!ShelfAllocate(w, h, &s)) continue;  // dropped; re-rasterized when asked for
        const int ox = e.g.x, oy = e.g.y;
        e.slot = s;
        e.g.x = s.x + kPad;
        e.g.y = s.y + kPad;
        for (int row = 0; row < e.g.h; ++row)
          std::memcpy(&pix_[size_t(e.g.y + row) * size_t(w_) + size_t(e.g.x)], &old[size_t(oy + row) * size_t(old_w) + size_t(ox)],
                      size_t(e.g.w));
      }
      map_.emplace(k.key, e);
    }
    dirty_ = true;
  }

  FontSet* fonts_;
  const int max_;
  int w_, h_;
  std::vector<uint8_t> pix_;
  std::vector<Shelf> shelves_;  // sorted by y
  std::unordered_map<uint64_t, Entry> map_;
  std::multimap<std::pair<int, int>, Slot> free_slots_;  // (h, w) -> slot, reclaimed this frame
  uint64_t frame_ = 1;
  uint64_t dropped_ = 0;
  uint64_t compactions_ = 0;
  bool dirty_ = false;
  bool compact_pending_ = false;
  bool reclaimed_this_frame_ = false;
};

}  // namespace

std::unique_ptr<GlyphAtlas> MakeAtlas(FontSet* fonts, int initial_size, int max_size) {
  return std::make_unique<AtlasImpl>(fonts, initial_size, max_size);
}

}  // namespace qiao::text::internal
