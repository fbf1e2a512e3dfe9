// Index:
// [SECTION] UTF-8
// [SECTION] KAZAKH: ARABIC SCRIPT TO CYRILLIC
// [SECTION] NUMBERS, AMOUNTS, DATES
// [SECTION] TIBETAN: SYLLABLE TO PHONEMES
// [SECTION] PER LANGUAGE
#include "accessibility/speech_text.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <sstream>
#include <vector>

namespace qiao::a11y {

// [SECTION] UTF-8

namespace {

std::u32string Decode(std::string_view s) {
  std::u32string out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(static_cast<char32_t>(u.char32At(i)));
  return out;
}

std::string Encode(char32_t c) {
  std::string out;
  icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
  return out;
}

}  // namespace

// [SECTION] KAZAKH: ARABIC SCRIPT TO CYRILLIC

std::string KazakhArabicToCyrillic(std::string_view text, const std::string& voices_dir,
                                   std::string* error) {
  // Built once: ICU compiles the rules in a few milliseconds, but the kiosk speaks often.
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<icu::Transliterator>> cache;
  static std::map<std::string, std::string> failures;
  std::lock_guard<std::mutex> lock(mutex);
  const std::string path = voices_dir + "/kk-Arab/kk_Arab-kk_Cyrl.txt";
  auto it = cache.find(path);
  if (it == cache.end()) {
    if (auto f = failures.find(path); f != failures.end()) {
      if (error) *error = f->second;
      return {};
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    UParseError where{};
    UErrorCode status = U_ZERO_ERROR;
    std::shared_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
        "kk_Arab-kk_Cyrl", icu::UnicodeString::fromUTF8(bytes.str()), UTRANS_FORWARD, where, status));
    if (!in || U_FAILURE(status) || !t) {
      std::string message = path + (in ? ":" + std::to_string(where.line) + ":" + std::to_string(where.offset) +
                                             ": " + u_errorName(status)
                                       : ": cannot read the transliteration rules");
      failures[path] = message;
      if (error) *error = message;
      return {};
    }
    it = cache.emplace(path, std::move(t)).first;
  }
  // Padded with spaces: the loanword rules match whole words by the non-letters around them.
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(" " + std::string(text) + " ");
  it->second->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out.substr(1, out.size() - 2);
}

// [SECTION] NUMBERS, AMOUNTS, DATES

namespace {

// The words each voice needs around a number. Empty: not known to us; the number alone is
// read (Nuosu Yi's words await a native reviewer).
struct NumberWords {
  const char* yuan;
  const char* fen;     // hundredth of a yuan
  const char* year;    // 年
  const char* month;   // 月
  const char* day;     // 日
  bool unit_first;     // "year 2026" (Tibetan) rather than "2026 year"
};

const NumberWords* WordsFor(std::string_view lang) {
  static const std::map<std::string, NumberWords, std::less<>> kWords = {
      {"mn", {"юань", "фэн", "он", "сар", "өдөр", false}},
      {"kk-Arab", {"юань", "тиын", "жыл", "ай", "күн", false}},  // after transliteration
      {"za", {"maenz", "faen", "nienz", "nyied", "hauh", false}},
      {"bo", {"སྒོར་མོ", "སྐར་མ", "ལོ", "ཟླ་བ", "ཚེས", true}},
      {"ii", {"", "", "", "", "", false}},
  };
  auto it = kWords.find(lang);
  return it == kWords.end() ? nullptr : &it->second;
}

std::string Join(const std::string& number, const char* word, bool unit_first) {
  if (!*word) return " " + number + " ";
  return unit_first ? " " + std::string(word) + " " + number + " " : " " + number + " " + word + " ";
}

std::string Spaced(const std::string& digits) {
  std::string out;
  for (char c : digits) {
    if (!out.empty()) out += ' ';
    out += c;
  }
  return out;
}

std::string ReplaceAll(std::string s, const std::regex& re,
                       const std::function<std::string(const std::smatch&)>& f) {
  std::string out;
  auto begin = std::sregex_iterator(s.begin(), s.end(), re);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out.append(s, last, it->position() - last);
    out += f(*it);
    last = it->position() + it->length();
  }
  out.append(s, last, std::string::npos);
  return out;
}

}  // namespace

std::string SpellNumbers(std::string_view text, std::string_view lang) {
  const NumberWords* w = WordsFor(lang);
  std::string s(text);
  if (!w) return s;
  // Amounts: ¥125.00, 125.50元, ￥8. Cents only when not zero.
  static const std::regex amount(R"((?:¥|￥)\s*([0-9]+)(?:\.([0-9]{1,2}))?|([0-9]+)(?:\.([0-9]{1,2}))?\s*元)");
  s = ReplaceAll(s, amount, [&](const std::smatch& m) {
    const std::string whole = m[1].matched ? m[1].str() : m[3].str();
    std::string cents = m[2].matched ? m[2].str() : m[4].str();
    if (cents.size() == 1) cents += '0';
    std::string out = Join(whole, w->yuan, w->unit_first);
    if (!cents.empty() && cents != "00") {
      const std::string c = cents[0] == '0' ? cents.substr(1) : cents;
      out += Join(c, w->fen, w->unit_first);
    }
    return out;
  });
  // Dates: 2026年11月5日.
  static const std::regex year(R"(([0-9]{4})\s*年)"), month(R"(([0-9]{1,2})\s*月)"), day(R"(([0-9]{1,2})\s*(?:日|号))");
  s = ReplaceAll(s, year, [&](const std::smatch& m) { return Join(m[1], w->year, w->unit_first); });
  s = ReplaceAll(s, month, [&](const std::smatch& m) { return Join(m[1], w->month, w->unit_first); });
  s = ReplaceAll(s, day, [&](const std::smatch& m) { return Join(m[1], w->day, w->unit_first); });
  // Five digits or more with nothing around them is a number to dial (12333, 110 is short
  // enough to read as a number): one digit at a time.
  static const std::regex digits(R"((^|[^0-9.,])([0-9]{5,})(?![0-9]|[.,][0-9]))");
  s = ReplaceAll(s, digits, [&](const std::smatch& m) { return m[1].str() + Spaced(m[2]); });
  return s;
}

// [SECTION] TIBETAN: SYLLABLE TO PHONEMES

namespace {

// Tibetan numbers in words (Lhasa usage): the tens take a connecting syllable before a unit
// (ཉེར་ for 2x, སོ་ 3x, ...), hundreds and thousands a multiplier form (ཉིས་ for two).
const std::array<const char*, 10> kUnits = {"ཀླད་ཀོར", "གཅིག", "གཉིས", "གསུམ", "བཞི",
                                            "ལྔ",       "དྲུག", "བདུན", "བརྒྱད", "དགུ"};
const std::array<const char*, 10> kTens = {"", "བཅུ", "ཉི་ཤུ", "སུམ་ཅུ", "བཞི་བཅུ",
                                           "ལྔ་བཅུ", "དྲུག་ཅུ", "བདུན་ཅུ", "བརྒྱད་ཅུ", "དགུ་བཅུ"};
const std::array<const char*, 10> kTensBeforeUnit = {"", "བཅུ་", "ཉེར་", "སོ་", "ཞེ་",
                                                     "ང་", "རེ་", "དོན་", "གྱ་", "གོ་"};
const std::array<const char*, 10> kMultiplier = {"", "", "ཉིས་", "སུམ་", "བཞི་",
                                                 "ལྔ་", "དྲུག་", "བདུན་", "བརྒྱད་", "དགུ་"};

std::string TibetanNumber(unsigned long n) {
  if (n == 0) return kUnits[0];
  if (n >= 100000) return {};
  std::string out;
  auto add = [&](const std::string& part) {
    if (!out.empty()) out += "་";
    out += part;
  };
  if (n >= 10000) add(std::string(kMultiplier[n / 10000]) + "ཁྲི");
  if (n / 1000 % 10) add(std::string(kMultiplier[n / 1000 % 10]) + "སྟོང");
  if (n / 100 % 10) add(std::string(kMultiplier[n / 100 % 10]) + "བརྒྱ");
  const unsigned long rest = n % 100;
  if (rest && n >= 100) add("དང");
  if (rest >= 10 && rest % 10 == 0) add(kTens[rest / 10]);
  else if (rest >= 10) {
    std::string tens = kTensBeforeUnit[rest / 10];
    if (rest == 15 || rest == 18) tens = "བཅོ་";  // བཅོ་ལྔ, བཅོ་བརྒྱད
    add(tens + kUnits[rest % 10]);
  } else if (rest) add(kUnits[rest]);
  return out;
}

// Numbers in a Tibetan text as words (Tibetan digits ༠..༩ too); long digit strings (already
// spaced by SpellNumbers) one digit at a time.
std::string TibetanNumbersInWords(std::string_view text) {
  std::string ascii;
  for (char32_t c : Decode(text)) ascii += (c >= 0x0F20 && c <= 0x0F29) ? std::string(1, char('0' + (c - 0x0F20))) : Encode(c);
  static const std::regex number(R"([0-9]+)");
  return ReplaceAll(ascii, number, [](const std::smatch& m) {
    const std::string& d = m[0];
    if (d.size() > 5) {
      std::string out;
      for (char c : d) out += std::string(kUnits[c - '0']) + "་";
      return out;
    }
    return TibetanNumber(std::stoul(d)) + "་";
  });
}

enum Register : uint8_t { kHigh, kLow };
struct Onset {
  const char* ph;
  Register reg;
};

// Onset and register of each root letter (Lhasa). Low-register stops and affricates are
// aspirated at the start of a word unless a prefix or superscript stands before them.
const std::map<char32_t, Onset>& Roots() {
  static const std::map<char32_t, Onset> kRoots = {
      {U'ཀ', {"k", kHigh}},   {U'ཁ', {"kh", kHigh}},  {U'ག', {"k", kLow}},    {U'ང', {"N", kLow}},
      {U'ཅ', {"tS;", kHigh}}, {U'ཆ', {"tS;h", kHigh}}, {U'ཇ', {"tS;", kLow}}, {U'ཉ', {"n^", kLow}},
      {U'ཏ', {"t", kHigh}},   {U'ཐ', {"th", kHigh}},  {U'ད', {"t", kLow}},    {U'ན', {"n", kLow}},
      {U'པ', {"p", kHigh}},   {U'ཕ', {"ph", kHigh}},  {U'བ', {"p", kLow}},    {U'མ', {"m", kLow}},
      {U'ཙ', {"ts", kHigh}},  {U'ཚ', {"tsh", kHigh}}, {U'ཛ', {"ts", kLow}},   {U'ཝ', {"w", kLow}},
      {U'ཞ', {"S;", kLow}},   {U'ཟ', {"s", kLow}},    {U'འ', {"", kLow}},     {U'ཡ', {"j", kLow}},
      {U'ར', {"r", kLow}},    {U'ལ', {"l", kLow}},    {U'ཤ', {"S;", kHigh}},  {U'ས', {"s", kHigh}},
      {U'ཧ', {"h", kHigh}},   {U'ཨ', {"", kHigh}},
  };
  return kRoots;
}

bool IsSonorant(char32_t c) {
  return c == U'ང' || c == U'ཉ' || c == U'ན' || c == U'མ' || c == U'ཡ' || c == U'ར' || c == U'ལ' || c == U'ཝ';
}
bool IsPrefix(char32_t c) { return c == U'ག' || c == U'ད' || c == U'བ' || c == U'མ' || c == U'འ'; }

// One consonant with what is written under and on it.
struct Stack {
  char32_t base = 0;
  std::vector<char32_t> below;  // subjoined letters, as their ordinary letters
  char32_t vowel = 0;           // ི ུ ེ ོ, or 0 (the inherent a)
};

std::string Syllable(const std::vector<Stack>& stacks) {
  if (stacks.empty()) return {};
  size_t r = stacks.size();
  for (size_t i = 0; i < stacks.size(); ++i)
    if (stacks[i].vowel || !stacks[i].below.empty()) { r = i; break; }
  if (r == stacks.size()) r = (stacks.size() >= 3 && IsPrefix(stacks[0].base)) ? 1 : 0;
  const Stack& s = stacks[r];
  const bool prefixed = r > 0;
  char32_t root = s.base, sub = 0;
  bool superscript = false;
  if (!s.below.empty()) {
    const char32_t first = s.below[0];
    const bool subscript_letter = first == U'ཡ' || first == U'ར' || first == U'ལ' || first == U'ཝ' ||
                                  (root == U'ལ' && first == U'ཧ');
    if ((root == U'ར' || root == U'ལ' || root == U'ས') && !subscript_letter) {
      superscript = true;
      root = first;
      if (s.below.size() > 1) sub = s.below[1];
    } else {
      sub = first;
    }
  }
  auto found = Roots().find(root);
  if (found == Roots().end()) return {};
  std::string onset = found->second.ph;
  Register reg = found->second.reg;
  const bool stop = onset == "k" || onset == "t" || onset == "p" || onset == "tS;" || onset == "ts";
  // Subscripts: ya palatalises, ra makes retroflex affricates, la gives l (ཟླ: d).
  if (sub == U'ཡ') {
    if (root == U'ཀ' || root == U'པ') onset = "tS;";
    else if (root == U'ཁ' || root == U'ཕ') onset = "tS;h";
    else if (root == U'ག' || root == U'བ') onset = "tS;";
    else if (root == U'མ') onset = "n^";
  } else if (sub == U'ར') {
    if (root == U'ཀ' || root == U'ཏ' || root == U'པ' || root == U'ག' || root == U'ད' || root == U'བ') onset = "ts.";
    else if (root == U'ཁ' || root == U'ཐ' || root == U'ཕ') onset = "ts.h";
    else if (root == U'ས') onset = "s";
    else if (root == U'ཧ') onset = "s.";
  } else if (sub == U'ལ') {
    if (root == U'ཟ') onset = "t";
    else { onset = "l"; reg = kHigh; }
  } else if (sub == U'ཧ' && root == U'ལ') {
    onset = "l#";
    reg = kHigh;
  }
  if (root == U'བ' && prefixed && !sub && stacks[0].base == U'ད') onset = "w";  // དབང: wang
  if (IsSonorant(root) && (prefixed || superscript)) reg = kHigh;
  if (reg == kLow && stop && !prefixed && !superscript && sub != U'ལ') onset += "h";

  // Rhyme: the vowel, changed by the suffix (ད ན ལ ས front it), then the coda.
  const char32_t suffix = r + 1 < stacks.size() ? stacks[r + 1].base : 0;
  const bool fronting = suffix == U'ད' || suffix == U'ན' || suffix == U'ལ' || suffix == U'ས';
  std::string vowel = "a";
  switch (s.vowel) {
    case U'ི': vowel = "i"; break;
    case U'ུ': vowel = fronting ? "y" : "u"; break;
    case U'ེ': vowel = "e"; break;
    case U'ོ': vowel = "o"; break;  // ö after a fronting suffix: the nearest the table has is o
    default: vowel = fronting ? "E" : "a"; break;
  }
  std::string coda;
  bool checked = false;
  switch (suffix) {
    case U'ག': coda = "?"; checked = true; break;
    case U'ད': coda = "?"; checked = true; break;
    case U'བ': coda = "p"; checked = true; break;
    case U'ས': checked = true; break;
    case U'ང': coda = "N"; break;
    case U'ན': coda = "n"; break;
    case U'མ': coda = "m"; break;
    case U'འ': case U'ར': case U'ལ': coda = ":"; break;  // Lhasa drops them and lengthens
    default: break;
  }
  // Tones: high register 55 (53 when checked), low register rising (214) or low falling (21).
  const char* tone = reg == kHigh ? (checked ? "53" : "55") : (checked ? "21" : "214");
  return onset + "'" + vowel + coda + tone;
}

}  // namespace

std::string TibetanPhonemes(std::string_view text) {
  std::vector<std::string> words;
  std::vector<Stack> stacks;
  auto flush = [&] {
    if (std::string p = Syllable(stacks); !p.empty()) words.push_back(std::move(p));
    stacks.clear();
  };
  for (char32_t c : Decode(TibetanNumbersInWords(text))) {
    if (c >= 0x0F40 && c <= 0x0F6C) {
      stacks.push_back(Stack{c, {}, 0});
    } else if (c >= 0x0F90 && c <= 0x0FBC) {
      if (!stacks.empty()) stacks.back().below.push_back(c - 0x50);
    } else if (c == 0x0F72 || c == 0x0F74 || c == 0x0F7A || c == 0x0F7C) {
      if (!stacks.empty()) stacks.back().vowel = c;
    } else if (c == 0x0F71 || c == 0x0F80) {
      // a-chung and reversed i (Sanskrit): no sound of their own here
    } else {
      flush();
      // Shad, full stops and other punctuation: a pause. The tsheg only ends a syllable.
      if (c == 0x0F0D || c == 0x0F0E || c == '.' || c == ',' || c == '?' || c == '!' || c == 0x3002 || c == 0xFF0C)
        if (!words.empty() && words.back() != "_:") words.push_back("_:");
    }
  }
  flush();
  std::string out = "[[";
  for (const std::string& w : words) out += w + " ";
  if (out.back() == ' ') out.pop_back();
  return out + "]]";
}

// [SECTION] PER LANGUAGE

SpeakableText PrepareForVoice(std::string_view text, std::string_view lang, const std::string& voices_dir) {
  SpeakableText out;
  if (lang == "kk-Arab") {
    std::string cyrillic = KazakhArabicToCyrillic(text, voices_dir, &out.error);
    out.text = SpellNumbers(cyrillic.empty() && !out.error.empty() ? std::string(text) : cyrillic, lang);
  } else if (lang == "bo") {
    out.text = TibetanPhonemes(SpellNumbers(text, lang));
    out.phonemes = true;
  } else if (lang == "za") {
    // Zhuang's w is always the vowel ɯ; espeak-ng would take a word whose only vowel is w for
    // an abbreviation and spell it, so the voice's rules read it as ư (voices/za/za_rules).
    for (char32_t c : Decode(SpellNumbers(text, lang))) out.text += (c == U'w' || c == U'W') ? "ư" : Encode(c);
  } else {
    out.text = SpellNumbers(text, lang);
  }
  return out;
}

}  // namespace qiao::a11y
