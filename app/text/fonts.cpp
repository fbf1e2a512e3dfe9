// Font discovery and loading: one hb_blob per file (the 19 MB CJK .ttc is mapped once and shared by
// its KR and SC faces, by HarfBuzz and FreeType), one hb_font + FT_Face per face.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "text/text_internal.h"

namespace qiao::text::internal {

extern const char kFontTableJson[];  // app/text/fonts.json, compiled in (fonts_table.cpp.in)

namespace {

struct FontSpec {
  FontRole role;
  std::string file;
  unsigned face_index = 0;
  std::string package;
  std::string sample, letters;
};

constexpr std::pair<FontRole, const char*> kRoleNames[] = {
    {FontRole::kSans, "sans"},     {FontRole::kSansBold, "sans-bold"}, {FontRole::kCjkSc, "cjk-sc"},
    {FontRole::kCjkKr, "cjk-kr"},  {FontRole::kArabic, "arabic"},      {FontRole::kTibetan, "tibetan"},
    {FontRole::kYi, "yi"},         {FontRole::kMongolian, "mongolian"},
};

// The font table (fonts.json). The one function that reads it: rows with problems are skipped
// and named in *errors (JSON pointer /fonts/N).
std::vector<FontSpec> ReadFontTable(std::string_view json_text, std::vector<std::string>* errors) {
  std::vector<FontSpec> out;
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("fonts") || !doc["fonts"].is_array()) {
    errors->push_back("app/text/fonts.json: expected {\"fonts\": [...]}");
    return out;
  }
  const nlohmann::json& rows = doc["fonts"];
  for (size_t i = 0; i < rows.size(); ++i) {
    const nlohmann::json& r = rows[i];
    const std::string where = "app/text/fonts.json /fonts/" + std::to_string(i) + ": ";
    auto str = [&r](const char* key) {
      auto it = r.is_object() ? r.find(key) : r.end();
      return r.is_object() && it != r.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    FontSpec spec;
    spec.file = str("file");
    spec.package = str("package");
    spec.sample = str("sample");
    spec.letters = str("letters");
    const std::string role = str("role");
    bool known = false;
    for (auto [r2, name] : kRoleNames)
      if (role == name) spec.role = r2, known = true;
    if (!known || spec.file.empty()) {
      errors->push_back(where + "needs a \"file\" and a \"role\" (sans, sans-bold, cjk-sc, cjk-kr, arabic, tibetan, yi, mongolian)");
      continue;
    }
    if (r.contains("face")) {
      if (!r["face"].is_number_unsigned()) {
        errors->push_back(where + "\"face\" must be a face index (0, 1, ...)");
        continue;
      }
      spec.face_index = r["face"].get<unsigned>();
    }
    out.push_back(std::move(spec));
  }
  return out;
}

// An addition to the table's file `file` ("STEM.EXT"): a file named "STEM.plus-WHAT.EXT" (the
// browser's per-locale glyphs, web/fonts.py). Its faces hold only glyphs the table's file lacks.
bool IsAdditionOf(const std::string& name, const std::string& file) {
  const size_t dot = file.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string stem = file.substr(0, dot) + ".plus-", ext = file.substr(dot);
  return name.size() > stem.size() + ext.size() && name.compare(0, stem.size(), stem) == 0 &&
         name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
}

struct Found {
  std::map<std::string, std::string> path;                    // table file name -> path ("": missing)
  std::map<std::string, std::map<std::string, std::string>> additions;  // table file -> name -> path
};

// Finds each wanted file name under the search dirs (recursively; first hit wins), and the
// additions to each (none among the system's fonts: the native kiosk loads what it always did).
Found FindFiles(const std::vector<FontSpec>& specs, const std::vector<std::string>& dirs) {
  Found found;
  for (const auto& spec : specs) found.path.emplace(spec.file, "");
  namespace fs = std::filesystem;
  for (const auto& dir : dirs) {
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      if (!it->is_regular_file(ec2)) continue;
      const std::string name = it->path().filename().string();
      auto f = found.path.find(name);
      if (f != found.path.end()) {
        if (f->second.empty()) f->second = it->path().string();
        continue;
      }
      if (name.find(".plus-") == std::string::npos) continue;
      for (const auto& [file, path] : found.path)
        if (IsAdditionOf(name, file)) found.additions[file].emplace(name, it->path().string());
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
  const std::vector<FontSpec> specs = ReadFontTable(kFontTableJson, warnings);
  const Found found = FindFiles(specs, search_dirs);
  std::map<std::string, hb_blob_t*> blob_by_path;
  // The file at `path`, mapped once for all its faces (null, with a warning, if unreadable).
  auto blob_of = [&](const std::string& path) {
    auto b = blob_by_path.find(path);
    if (b != blob_by_path.end()) return b->second;
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
    blob_by_path[path] = blob;  // may be null: failure remembered
    if (blob) blobs_.push_back(blob);
    else warnings->push_back("font unreadable: " + path);
    return blob;
  };
  std::set<std::string> warned;
  std::string dirs;
  for (const auto& d : search_dirs) dirs += (dirs.empty() ? "" : ", ") + d;
  std::vector<std::pair<const FontSpec*, uint32_t>> table_fonts;  // each loaded row and its id
  for (const auto& spec : specs) {
    const std::string& path = found.path.at(spec.file);
    if (path.empty()) {
      if (warned.insert(spec.file).second)
        warnings->push_back("font not found: " + spec.file + " (Debian package " + spec.package + ") under " + dirs);
      continue;
    }
    hb_blob_t* blob = blob_of(path);
    if (!blob) continue;
    LoadedFont lf;
    lf.role = spec.role;
    lf.file = spec.file;
    lf.sample = spec.sample;
    lf.letters = spec.letters;
    if (!Open(blob, path, spec.face_index, std::move(lf), warnings)) continue;
    MeasureSample(&fonts_.back(), hb_face_get_upem(hb_font_get_face(fonts_.back().hb)));
    role_id_[static_cast<int>(spec.role)] = int(fonts_.size() - 1);
    table_fonts.emplace_back(&spec, uint32_t(fonts_.size() - 1));
  }
  if (fonts_.empty()) warnings->push_back("no font could be loaded: text will not be drawn");
  ScaleToReference();
  // Additions after every table font (a table font's id does not depend on them), each taking
  // its table font's metrics and size factor: its glyphs are drawn as if they were in that file.
  additions_.resize(fonts_.size());
  for (const auto& [spec, owner] : table_fonts) {
    auto adds = found.additions.find(spec->file);
    if (adds == found.additions.end()) continue;
    for (const auto& [name, path] : adds->second) {
      hb_blob_t* blob = blob_of(path);
      if (!blob) continue;
      LoadedFont lf = fonts_[owner];
      lf.hb = nullptr;
      lf.ft = nullptr;
      lf.ft_size_q = -1;
      lf.file = name;
      lf.addition_of = int(owner);
      if (!Open(blob, path, spec->face_index, std::move(lf), warnings)) continue;
      additions_[owner].push_back(uint32_t(fonts_.size() - 1));
    }
  }
  additions_.resize(fonts_.size());
}

// Opens face `face_index` of `blob` (HarfBuzz and FreeType share the mapped file) and appends it.
bool FontSet::Open(hb_blob_t* blob, const std::string& path, unsigned face_index, LoadedFont lf,
                   std::vector<std::string>* warnings) {
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  if (face_index >= hb_face_count(blob)) {
    warnings->push_back("font " + path + " has no face " + std::to_string(face_index));
    return false;
  }
  FT_Face ft = nullptr;
  if (FT_New_Memory_Face(ft_lib_, reinterpret_cast<const FT_Byte*>(data), FT_Long(len), FT_Long(face_index), &ft) != 0) {
    warnings->push_back("FreeType cannot open " + path + " face " + std::to_string(face_index));
    return false;
  }
  hb_face_t* face = hb_face_create(blob, face_index);
  hb_font_t* font = hb_font_create(face);
  hb_face_destroy(face);  // the font keeps a reference
  lf.path = path;
  lf.face_index = face_index;
  lf.hb = font;
  lf.ft = ft;
  unsigned upem = hb_face_get_upem(hb_font_get_face(font));
  if (upem == 0) upem = 1000;
  hb_font_set_scale(font, int(upem), int(upem));
  if (lf.addition_of < 0) {
    hb_font_extents_t ext{};
    if (hb_font_get_h_extents(font, &ext) && ext.ascender > 0) {
      lf.ascender = float(ext.ascender) / float(upem);
      lf.descender = float(-ext.descender) / float(upem);
    }
  }
  fonts_.push_back(std::move(lf));
  return true;
}

namespace {

struct Ink {
  float top = 0, bottom = 0, median_height = 0;  // font units, y up; all 0 if nothing has ink
};

// The ink of `text` shaped with `font` (at its current scale): the highest top, the lowest
// bottom, and the median height of one glyph's ink (a letter's body).
Ink MeasureInk(hb_font_t* font, const std::string& text) {
  Ink ink;
  if (text.empty()) return ink;
  hb_buffer_t* buf = hb_buffer_create();
  hb_buffer_add_utf8(buf, text.data(), int(text.size()), 0, -1);
  hb_buffer_guess_segment_properties(buf);
  hb_shape(font, buf, nullptr, 0);
  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
  float top = -1e9f, bottom = 1e9f;
  std::vector<float> heights;
  for (unsigned i = 0; i < n; ++i) {
    hb_glyph_extents_t e{};
    // .notdef (a character the font, or a subset of it, lacks) would measure a box, not a letter.
    if (info[i].codepoint == 0 || !hb_font_get_glyph_extents(font, info[i].codepoint, &e) || e.height == 0) continue;
    const float t = float(e.y_bearing + pos[i].y_offset);
    top = std::max(top, t);
    bottom = std::min(bottom, t + float(e.height));  // height < 0: y grows up
    heights.push_back(float(-e.height));
  }
  hb_buffer_destroy(buf);
  if (heights.empty()) return ink;
  std::nth_element(heights.begin(), heights.begin() + long(heights.size() / 2), heights.end());
  ink.top = top;
  ink.bottom = bottom;
  ink.median_height = heights[heights.size() / 2];
  return ink;
}

}  // namespace

// The font's sample ink box and letter height (fonts.json), in em. The font is at 1 unit per
// font unit here.
void FontSet::MeasureSample(LoadedFont* f, unsigned upem) {
  if (upem == 0) upem = 1000;
  const Ink sample = MeasureInk(f->hb, f->sample);
  f->ink_top = sample.top / float(upem);
  f->ink_bottom = -sample.bottom / float(upem);
  f->body = MeasureInk(f->hb, f->letters).median_height / float(upem);
}

// Size factors: a script whose letters are smaller than the reference (the capitals of Noto
// Sans, the "sans" row's letters: what a whole letter of a caseless script should match) is
// drawn larger, so Tibetan and Mongolian read at the size Chinese and Latin do. Never smaller,
// at most kMaxSizeFactor (letters of thin strokes must not blow a font up).
void FontSet::ScaleToReference() {
  const int ref = IdForRole(FontRole::kSans);
  if (ref < 0 || fonts_[uint32_t(ref)].body <= 0) return;
  const float reference = fonts_[uint32_t(ref)].body;
  for (LoadedFont& f : fonts_)
    if (f.body > 0) f.size_factor = std::clamp(reference / f.body, 1.0f, kMaxSizeFactor);
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
    if (dup) continue;
    ids.push_back(uint32_t(id));
    // Its additions right after it: a character the first-visit cut lacks comes from the
    // locale's addition, drawn as the same font.
    for (uint32_t a : additions_[uint32_t(id)]) ids.push_back(a);
  }
  chain_cache_.emplace_back(key, std::move(ids));
  return chain_cache_.back().second;
}

int FontSet::PrimaryFor(std::string_view lang, bool bold) {
  const auto& chain = Chain(LangDefaultScript(lang), lang, bold);
  return chain.empty() ? -1 : int(chain.front());
}

}  // namespace qiao::text::internal

namespace qiao::text {

std::vector<FontTableRow> FontTable(std::vector<std::string>* errors) {
  std::vector<std::string> ignored;
  std::vector<FontTableRow> rows;
  for (const auto& spec : internal::ReadFontTable(internal::kFontTableJson, errors ? errors : &ignored)) {
    FontTableRow row;
    for (auto [role, name] : internal::kRoleNames)
      if (role == spec.role) row.role = name;
    row.file = spec.file;
    row.face = spec.face_index;
    row.package = spec.package;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace qiao::text
