// UTF-8 decoding, line and grapheme break opportunities (ICU), lang tag helpers.
#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uloc.h>
#include <unicode/locid.h>
#include <unicode/rbbi.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <map>

#include "text/text_internal.h"

namespace qiao::text {
namespace internal {

namespace {

std::string_view PrimarySubtag(std::string_view lang) {
  size_t dash = lang.find_first_of("-_");
  return dash == std::string_view::npos ? lang : lang.substr(0, dash);
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

icu::Locale LocaleFor(std::string_view lang) {
  UErrorCode err = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(lang.data(), int32_t(lang.size())), err);
  if (U_FAILURE(err) || loc.isBogus()) return icu::Locale::getRoot();
  return loc;
}

// Break iterators are costly to create (rule data lookup): keep one per lang and kind.
struct BreakIteratorCache {
  std::map<std::string, std::unique_ptr<icu::BreakIterator>, std::less<>> line;
  std::unique_ptr<icu::BreakIterator> grapheme;

  icu::BreakIterator* Line(std::string_view lang) {
    auto it = line.find(lang);
    if (it != line.end()) return it->second.get();
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createLineInstance(LocaleFor(lang), err));
    if (U_FAILURE(err)) bi.reset();
    if (!bi) {
      err = U_ZERO_ERROR;
      bi.reset(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), err));
      if (U_FAILURE(err)) bi.reset();
    }
    if (line.size() > 32) line.clear();  // bounded: the kiosk has ~10 langs
    auto* raw = bi.get();
    line.emplace(std::string(lang), std::move(bi));
    return raw;
  }

  icu::BreakIterator* Grapheme() {
    if (!grapheme) {
      UErrorCode err = U_ZERO_ERROR;
      grapheme.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
      if (U_FAILURE(err)) grapheme.reset();
    }
    return grapheme.get();
  }
};

BreakIteratorCache& Cache() {
  thread_local BreakIteratorCache cache;
  return cache;
}

// A "letter unit" for keep-all: breaks between two of these are suppressed in Korean.
bool IsLetterUnit(UChar32 c) {
  switch (u_getIntPropertyValue(c, UCHAR_LINE_BREAK)) {
    case U_LB_IDEOGRAPHIC:
    case U_LB_ALPHABETIC:
    case U_LB_NUMERIC:
    case U_LB_AMBIGUOUS:
    case U_LB_H2:
    case U_LB_H3:
    case U_LB_JL:
    case U_LB_JV:
    case U_LB_JT:
    case U_LB_HEBREW_LETTER:
    case U_LB_CONDITIONAL_JAPANESE_STARTER:
    case U_LB_COMPLEX_CONTEXT:
      return true;
    default:
      return false;
  }
}

}  // namespace

U16Text DecodeUtf8(std::string_view utf8) {
  U16Text out;
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  // Offsets are int32_t in ICU's macros; the kiosk never lays out 2 GB strings.
  const int32_t n = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX / 2));
  out.s.reserve(n);
  out.u8_of.reserve(n + 1);
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(p, i, n, c);
    if (c <= 0xFFFF) {
      out.s.push_back(static_cast<char16_t>(c));
      out.u8_of.push_back(static_cast<uint32_t>(start));
    } else {
      out.s.push_back(static_cast<char16_t>(U16_LEAD(c)));
      out.s.push_back(static_cast<char16_t>(U16_TRAIL(c)));
      out.u8_of.push_back(static_cast<uint32_t>(start));
      out.u8_of.push_back(static_cast<uint32_t>(start));
    }
  }
  out.u8_of.push_back(static_cast<uint32_t>(n));
  return out;
}

std::vector<BreakOpp> LineBreaks(const char16_t* s, int32_t n, std::string_view lang) {
  std::vector<BreakOpp> out;
  if (n <= 0) return out;
  icu::BreakIterator* bi = Cache().Line(lang);
  if (!bi) {
    out.push_back({n, false});
    return out;
  }
  const bool keep_all = LangIsKorean(lang);
  icu::UnicodeString text(false, s, n);  // read-only alias; setText copies
  bi->setText(text);
  for (int32_t pos = bi->following(0); pos != icu::BreakIterator::DONE; pos = bi->next()) {
    int32_t status = bi->getRuleStatus();
    bool hard = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT;
    if (keep_all && !hard && pos < n) {
      // Base of the character before the break (skip combining marks / ZWJ).
      int32_t i = pos;
      UChar32 before = 0;
      while (i > 0) {
        U16_PREV(s, 0, i, before);
        auto lb = u_getIntPropertyValue(before, UCHAR_LINE_BREAK);
        if (lb != U_LB_COMBINING_MARK && lb != U_LB_ZWJ) break;
      }
      UChar32 after;
      int32_t j = pos;
      U16_NEXT(s, j, n, after);
      if (IsLetterUnit(before) && IsLetterUnit(after)) continue;
    }
    out.push_back({pos, hard});
  }
  if (out.empty() || out.back().pos != n) out.push_back({n, false});
  return out;
}

std::vector<int32_t> GraphemeBoundaries(const char16_t* s, int32_t n) {
  std::vector<int32_t> out{0};
  if (n <= 0) return out;
  icu::BreakIterator* bi = Cache().Grapheme();
  if (!bi) {
    // Fallback: code point boundaries.
    for (int32_t i = 0; i < n;) {
      U16_FWD_1(s, i, n);
      out.push_back(i);
    }
    return out;
  }
  icu::UnicodeString text(false, s, n);
  bi->setText(text);
  for (int32_t pos = bi->following(0); pos != icu::BreakIterator::DONE; pos = bi->next()) out.push_back(pos);
  if (out.back() != n) out.push_back(n);
  return out;
}

bool LangIsKorean(std::string_view lang) { return EqualsNoCase(PrimarySubtag(lang), "ko"); }

UScriptCode LangDefaultScript(std::string_view lang) {
  // CLDR's likely subtags through ICU (ug -> ug_Arab_CN, mn -> mn_Cyrl_MN, bo -> bo_Tibt_CN;
  // an explicit script subtag such as mn-Mong wins). Memoised: the UI asks for every label
  // every frame, and a program uses a handful of tags. One cache per thread (the engine is
  // per thread).
  thread_local std::vector<std::pair<std::string, UScriptCode>> cache;
  for (const auto& [tag, script] : cache)
    if (tag == lang) return script;
  UScriptCode script = USCRIPT_LATIN;  // what an unknown tag gets
  UErrorCode err = U_ZERO_ERROR;
  char id[ULOC_FULLNAME_CAPACITY] = {}, full[ULOC_FULLNAME_CAPACITY] = {}, code[ULOC_SCRIPT_CAPACITY] = {};
  const std::string tag(lang.substr(0, 64));
  uloc_forLanguageTag(tag.c_str(), id, sizeof id, nullptr, &err);
  if (U_SUCCESS(err)) uloc_addLikelySubtags(id, full, sizeof full, &err);
  if (U_SUCCESS(err)) uloc_getScript(full, code, sizeof code, &err);
  UScriptCode codes[4];
  if (U_SUCCESS(err) && code[0] && uscript_getCode(code, codes, 4, &err) > 0 && U_SUCCESS(err)) script = codes[0];
  // Writing systems that mix scripts (zh-Hans, ja, ko) count as their characteristic script:
  // what text in them itemizes to and HarfBuzz shapes with.
  if (script == USCRIPT_SIMPLIFIED_HAN || script == USCRIPT_TRADITIONAL_HAN || script == USCRIPT_JAPANESE)
    script = USCRIPT_HAN;
  if (script == USCRIPT_KOREAN) script = USCRIPT_HANGUL;
  if (cache.size() > 64) cache.clear();  // hostile data with endless tags: stay small
  cache.emplace_back(std::string(lang), script);
  return script;
}

}  // namespace internal

// ---------------------------------------------------------------------------------------------
// Public helpers declared in text.h

Direction DirectionOf(std::string_view lang, std::string_view utf8) {
  UScriptCode script = internal::LangDefaultScript(lang);
  const bool unknown = lang.empty() || internal::EqualsNoCase(internal::PrimarySubtag(lang), "und");
  if (unknown && !utf8.empty()) {
    // No language: the first strong character, as a browser's dir="auto".
    internal::U16Text t = internal::DecodeUtf8(utf8);
    UBiDiDirection d = ubidi_getBaseDirection(t.s.data(), int32_t(t.s.size()));
    if (d == UBIDI_RTL) return Direction::kRtl;
    if (d == UBIDI_LTR) return Direction::kLtr;
  }
  return uscript_isRightToLeft(script) ? Direction::kRtl : Direction::kLtr;
}

bool IsVerticalLanguage(std::string_view lang) {
  return internal::LangDefaultScript(lang) == USCRIPT_MONGOLIAN;
}

std::vector<uint32_t> LineBreakOpportunities(std::string_view utf8, std::string_view lang) {
  internal::U16Text t = internal::DecodeUtf8(utf8);
  std::vector<uint32_t> out;
  for (const auto& b : internal::LineBreaks(t.s.data(), int32_t(t.s.size()), lang)) out.push_back(t.u8_of[b.pos]);
  return out;
}

}  // namespace qiao::text
