// Internal pieces of the text engine shared by its .cpp files. Not part of the public API.
#pragma once

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utypes.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include "text/text.h"

namespace qiao::text::internal {

// ---------------------------------------------------------------------------------------------
// Unicode helpers (unicode.cpp)

// UTF-8 decoded to UTF-16 (what ICU wants). Invalid sequences become U+FFFD (one per maximal
// subpart, Unicode's recommended practice). u8_of[i] is the UTF-8 byte offset (in the original
// string) of the code point that UTF-16 unit i belongs to; u8_of[size] == utf8.size().
struct U16Text {
  std::u16string s;
  std::vector<uint32_t> u8_of;
};
U16Text DecodeUtf8(std::string_view utf8);

struct BreakOpp {
  int32_t pos;  // UTF-16 offset; a line may end here
  bool hard;    // mandatory break (after LF, CR, CRLF, NEL, LS, PS, VT, FF)
};
// Line break opportunities in (0, n], always including n. Korean (lang ko*) keeps words
// together (CSS word-break: keep-all): no breaks between two letters/syllables.
std::vector<BreakOpp> LineBreaks(const char16_t* s, int32_t n, std::string_view lang);
// Grapheme cluster boundaries in [0, n], including 0 and n.
std::vector<int32_t> GraphemeBoundaries(const char16_t* s, int32_t n);

bool LangIsKorean(std::string_view lang);
// The script a lang's text is mostly in (for runs of only Common characters, e.g. "2026").
UScriptCode LangDefaultScript(std::string_view lang);

// ---------------------------------------------------------------------------------------------
// Fonts (fonts.cpp)

enum class FontRole : uint8_t {
  kSans, kSansBold, kCjkSc, kCjkKr, kArabic, kTibetan, kYi, kMongolian, kCount
};

struct LoadedFont {
  FontRole role;
  std::string file;       // file name, e.g. NotoSans-Regular.ttf
  std::string path;       // where it was found
  unsigned face_index = 0;
  hb_font_t* hb = nullptr;  // scale set per use (size_px * 64: positions in 26.6)
  FT_Face ft = nullptr;
  int ft_size_q = -1;       // current FreeType char size in 1/4 px (-1: none yet)
  float ascender = 0.8f;    // em fractions, positive
  float descender = 0.2f;   // em fraction, positive (below baseline)
  // From fonts.json, in em at size factor 1: the highest ink of `sample` above the baseline and
  // the lowest below it (positive); the median height of `letters`. 0: not given.
  std::string sample, letters;
  float ink_top = 0, ink_bottom = 0, body = 0;
  // Drawn at size_px * size_factor (>= 1): see FontSet::ScaleToReference.
  float size_factor = 1.0f;
  // An addition (the browser's per-locale glyphs, "STEM.plus-WHAT.EXT" beside the table's
  // "STEM.EXT"): the id of the table font it adds glyphs to, whose metrics and size factor it
  // takes and right after which it comes in every chain. -1: a table font.
  int addition_of = -1;
};

inline constexpr float kMaxSizeFactor = 1.35f;

class FontSet {
 public:
  FontSet(const std::vector<std::string>& search_dirs, std::vector<std::string>* warnings);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  size_t size() const { return fonts_.size(); }
  LoadedFont& font(uint32_t id) { return fonts_[id]; }
  int IdForRole(FontRole role) const { return role_id_[static_cast<int>(role)]; }
  // Font ids to try, in order, for a code point of `script` in a text of `lang`. Empty if no
  // font could be loaded at all.
  const std::vector<uint32_t>& Chain(UScriptCode script, std::string_view lang, bool bold);
  bool HasGlyph(uint32_t id, UChar32 c) const;
  // The font whose metrics define the line box for a paragraph in `lang` (-1: none loaded).
  int PrimaryFor(std::string_view lang, bool bold);

 private:
  // Opens face `face_index` of `blob` as fonts_[n] (false, with a warning, if it cannot).
  bool Open(hb_blob_t* blob, const std::string& path, unsigned face_index, LoadedFont lf,
            std::vector<std::string>* warnings);
  void MeasureSample(LoadedFont* f, unsigned upem);
  void ScaleToReference();
  std::vector<std::vector<uint32_t>> additions_;  // per table font id: its additions' ids
  FT_Library ft_lib_ = nullptr;
  std::vector<LoadedFont> fonts_;
  std::vector<hb_blob_t*> blobs_;
  int role_id_[static_cast<int>(FontRole::kCount)];
  std::deque<std::pair<uint32_t, std::vector<uint32_t>>> chain_cache_;  // stable references
};

// ---------------------------------------------------------------------------------------------
// Atlas (atlas.cpp)
std::unique_ptr<GlyphAtlas> MakeAtlas(FontSet* fonts, int initial_size, int max_size);

}  // namespace qiao::text::internal
