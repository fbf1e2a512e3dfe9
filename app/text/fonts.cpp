// Font discovery and loading: one hb_blob per file (the 19 MB CJK .ttc is mapped once and shared by
// its KR and SC faces, by HarfBuzz and FreeType), one hb_font + FT_Face per face.
#include <filesystem>
#include <map>
#include <set>

#include "text/text_internal.h"

namespace qiao::text::internal {

namespace {

struct FontSpec {
  FontRole role;
  const char* file;
  unsigned face_index;
};

// The font table (see README.md). Order = font_id order when all files are present.
constexpr FontSpec kSpecs[] = {
    {FontRole::kSans, "NotoSans-Regular.ttf", 0},
    {FontRole::kSansBold, "NotoSans-Bold.ttf", 0},
    {FontRole::kCjkSc, "NotoSansCJK-Regular.ttc", 2},
    {FontRole::kCjkKr, "NotoSansCJK-Regular.ttc", 1},
    {FontRole::kArabic, "NotoSansArabic-Regular.ttf", 0},
    {FontRole::kTibetan, "NotoSerifTibetan-Regular.ttf", 0},
    {FontRole::kYi, "NotoSansYi-Regular.ttf", 0},
    {FontRole::kMongolian, "NotoSansMongolian-Regular.ttf", 0},
};

// Finds each wanted file name under the search dirs (recursively; first hit wins).
std::map<std::string, std::string> FindFiles(const std::vector<std::string>& dirs) {
  std::map<std::string, std::string> found;
  for (const auto& spec : kSpecs) found.emplace(spec.file, "");
  size_t missing = found.size();
  namespace fs = std::filesystem;
  for (const auto& dir : dirs) {
    if (missing == 0) break;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      if (!it->is_regular_file(ec2)) continue;
      auto f = found.find(it->path().filename().string());
      if (f != found.end() && f->second.empty()) {
        f->second = it->path().string();
        if (--missing == 0) break;
      }
    }
  }
  return found;
}

}  // namespace

FontSet::FontSet(const std::vector<std::string>& search_dirs, std::vector<std::string>* warnings) {
  for (int& id : role_id_) id = -1;
  if (FT_Init_FreeType(&ft_lib_) != 0) {
    ft_lib_ = nullptr;
    warnings->push_back("FreeType could not be initialised: no text will be drawn");
    return;
  }
  auto paths = FindFiles(search_dirs);
  std::map<std::string, hb_blob_t*> blob_by_file;
  std::set<std::string> warned;
  for (const auto& spec : kSpecs) {
    const std::string& path = paths[spec.file];
    if (path.empty()) {
      if (warned.insert(spec.file).second) warnings->push_back(std::string("font not found: ") + spec.file);
      continue;
    }
    hb_blob_t* blob = nullptr;
    auto b = blob_by_file.find(spec.file);
    if (b != blob_by_file.end()) {
      blob = b->second;
    } else {
      blob = hb_blob_create_from_file_or_fail(path.c_str());
      blob_by_file[spec.file] = blob;  // may be null: failure remembered
      if (blob) blobs_.push_back(blob);
      else warnings->push_back("font unreadable: " + path);
    }
    if (!blob) continue;
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob, &len);
    if (spec.face_index >= hb_face_count(blob)) {
      warnings->push_back("font " + std::string(spec.file) + " has no face " + std::to_string(spec.face_index));
      continue;
    }
    FT_Face ft = nullptr;
    if (FT_New_Memory_Face(ft_lib_, reinterpret_cast<const FT_Byte*>(data), FT_Long(len), FT_Long(spec.face_index),
                           &ft) != 0) {
      warnings->push_back("FreeType cannot open " + path + " face " + std::to_string(spec.face_index));
      continue;
    }
    hb_face_t* face = hb_face_create(blob, spec.face_index);
    hb_font_t* font = hb_font_create(face);
    hb_face_destroy(face);  // the font keeps a reference
    LoadedFont lf;
    lf.role = spec.role;
    lf.file = spec.file;
    lf.path = path;
    lf.face_index = spec.face_index;
    lf.hb = font;
    lf.ft = ft;
    unsigned upem = hb_face_get_upem(hb_font_get_face(font));
    if (upem == 0) upem = 1000;
    hb_font_set_scale(font, int(upem), int(upem));
    hb_font_extents_t ext{};
    if (hb_font_get_h_extents(font, &ext) && ext.ascender > 0) {
      lf.ascender = float(ext.ascender) / float(upem);
      lf.descender = float(-ext.descender) / float(upem);
    }
    role_id_[static_cast<int>(spec.role)] = int(fonts_.size());
    fonts_.push_back(std::move(lf));
  }
  if (fonts_.empty()) warnings->push_back("no font could be loaded: text will not be drawn");
}

FontSet::~FontSet() {
  for (auto& f : fonts_) {
    if (f.hb) hb_font_destroy(f.hb);
    if (f.ft) FT_Done_Face(f.ft);
  }
  for (hb_blob_t* b : blobs_) hb_blob_destroy(b);  // after the FT faces that read from them
  if (ft_lib_) FT_Done_FreeType(ft_lib_);
}

bool FontSet::HasGlyph(uint32_t id, UChar32 c) const {
  hb_codepoint_t g = 0;
  return id < fonts_.size() && hb_font_get_nominal_glyph(fonts_[id].hb, hb_codepoint_t(c), &g) && g != 0;
}

const std::vector<uint32_t>& FontSet::Chain(UScriptCode script, std::string_view lang, bool bold) {
  const bool ko = LangIsKorean(lang);
  const uint32_t key = uint32_t(script) << 2 | (ko ? 2u : 0u) | (bold ? 1u : 0u);
  for (const auto& [k, chain] : chain_cache_)
    if (k == key) return chain;

  FontRole cjk = ko ? FontRole::kCjkKr : FontRole::kCjkSc;
  std::vector<FontRole> roles;
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_SIMPLIFIED_HAN:
    case USCRIPT_TRADITIONAL_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
    case USCRIPT_BOPOMOFO:
    case USCRIPT_JAPANESE:
      roles.push_back(cjk);
      break;
    case USCRIPT_HANGUL:
    case USCRIPT_KOREAN:
      roles.push_back(FontRole::kCjkKr);
      break;
    case USCRIPT_ARABIC:
      roles.push_back(FontRole::kArabic);
      break;
    case USCRIPT_TIBETAN:
      roles.push_back(FontRole::kTibetan);
      break;
    case USCRIPT_YI:
      roles.push_back(FontRole::kYi);
      break;
    case USCRIPT_MONGOLIAN:
      roles.push_back(FontRole::kMongolian);
      break;
    default:
      break;
  }
  if (bold) roles.push_back(FontRole::kSansBold);
  for (FontRole r : {FontRole::kSans, FontRole::kArabic, FontRole::kTibetan, FontRole::kYi, FontRole::kMongolian, cjk,
                     FontRole::kCjkSc, FontRole::kCjkKr})
    roles.push_back(r);

  std::vector<uint32_t> ids;
  for (FontRole r : roles) {
    int id = IdForRole(r);
    if (id < 0) continue;
    bool dup = false;
    for (uint32_t x : ids) dup |= (x == uint32_t(id));
    if (!dup) ids.push_back(uint32_t(id));
  }
  chain_cache_.emplace_back(key, std::move(ids));
  return chain_cache_.back().second;
}

int FontSet::PrimaryFor(std::string_view lang, bool bold) {
  const auto& chain = Chain(LangDefaultScript(lang), lang, bold);
  return chain.empty() ? -1 : int(chain.front());
}

}  // namespace qiao::text::internal
