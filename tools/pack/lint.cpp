// qiao-pack lint: checks beyond validity, for plain language and completeness.
// [SECTION] index: context · plain language · translations, alt text, audio, needsReview, reviews · dates in lessons ·
// hints that name only a colour or place · guides' dates · guides' trust · fonts · ids · Lint()
#include "tools/pack/pack_tool.h"

#include "text/text.h"

#include <unicode/brkiter.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <tuple>

namespace qiao::tools {

using content::LoadError;
using content::LocalizedText;

std::string Finding::ToString() const {
  std::string s = where.ToString();
  auto colon = s.find(": ");  // "file:1:2: message" -> "file:1:2: note: message"
  return colon == std::string::npos ? s
                                    : s.substr(0, colon + 2) + (severity == Severity::kNote ? "note: " : "warning: ") +
                                          s.substr(colon + 2);
}

namespace {

// [SECTION] context

struct LocaleMeta {
  bool recorded_speech = false;  // no speech synthesizer: steps need recorded audio
};

std::map<std::string, LocaleMeta> ReadLocales(const std::string& dir) {
  std::map<std::string, LocaleMeta> out;
  std::string bytes, error;
  if (dir.empty() || !content::ReadFile(dir + "/locales.json", &bytes, &error)) return out;
  content::JsonParseResult parsed = content::ParseJsonWithPositions(bytes, dir + "/locales.json");
  if (!parsed.ok || !parsed.doc.root.contains("locales")) return out;
  for (const auto& l : parsed.doc.root["locales"]) {
    if (!l.is_object() || !l.contains("tag") || !l["tag"].is_string()) continue;
    out[l["tag"]].recorded_speech = l.value("speech", "") == "recorded";
  }
  return out;
}

// Collects findings for one file, positioned through the file's own JSON positions.
class FileLinter {
 public:
  FileLinter(const FileReport& report, const LintContext& context,
             const std::map<std::string, LocaleMeta>& locales, std::vector<Finding>& out)
      : report_(report), context_(context), locales_(locales), out_(out) {
    std::string bytes, error;
    content::ReadFile(report.file, &bytes, &error, content::kMaxPackBytes);
    doc_ = content::ParseJsonWithPositions(bytes, report.file).doc;
  }

  void Add(Severity severity, const std::string& pointer, std::string message) {
    out_.push_back({severity, doc_.MakeError(pointer, std::move(message))});
  }

  void Run() {
    const content::Pack& pack = *report_.pack;
    for (const auto& [tag, status] : pack.translation_status) {
      if (!locales_.empty() && !locales_.count(tag))
        Add(Severity::kWarning, content::PointerJoin("/translations", tag),
            "\"" + tag + "\" is not a locale of this kiosk (locales/locales.json)");
      if (status == "source" || status == "reviewed") complete_.insert(tag);
    }
    content::ForEachText(pack, [&](const LocalizedText& t) {
      CheckText(t);
      CheckNeedsReviewNamesATranslation(t);
      CheckTextReviews(t);
      if (t.pointer.starts_with("/lessons/")) CheckNoDateInLesson(t);
    });
    for (const content::Lesson& lesson : pack.lessons)
      for (const content::Step& step : lesson.steps) {
        CheckStep(step);
        CheckHintsNameWhatTheyShow(step);
      }
    for (size_t i = 0; i < pack.guides.size(); ++i) {
      CheckGuide(pack.guides[i]);
      CheckGuideRegion(pack.guides[i]);
      CheckGuideSources(pack.guides[i]);
    }
    // One note per language rather than one per step: recordings come in batches.
    for (const auto& [tag, count] : steps_without_audio_)
      Add(Severity::kNote, content::PointerJoin("/translations", tag),
          std::to_string(count) + " steps have no recorded audio in " + tag +
              " (no speech synthesizer speaks it: add \"audio\" to each step)");
  }

 private:
  // [SECTION] plain language

  // Sentences of more than `max_sentence_words` words, in every language of the text
  // (ICU sentence and word boundaries, so Chinese words are counted as words, not characters).
  // Tibetan and Yi write no spaces between words and ICU has no word dictionary for them: its
  // word boundaries fall between syllables, so a word count would be wrong. Not counted.
  void CheckSentences(const std::string& pointer, const std::string& tag, const std::string& text) {
    if (tag == "bo" || tag == "ii") return;
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
    if (U_FAILURE(status)) return;
    std::unique_ptr<icu::BreakIterator> sentences(icu::BreakIterator::createSentenceInstance(locale, status));
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(locale, status));
    if (U_FAILURE(status)) return;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    sentences->setText(u);
    for (int32_t start = sentences->first(), end = sentences->next(); end != icu::BreakIterator::DONE;
         start = end, end = sentences->next()) {
      icu::UnicodeString sentence(u, start, end - start);
      words->setText(sentence);
      int count = 0;
      for (int32_t b = words->next(); b != icu::BreakIterator::DONE; b = words->next())
        if (words->getRuleStatus() != UBRK_WORD_NONE) ++count;
      if (count <= context_.max_sentence_words) continue;
      std::string utf8;
      sentence.tempSubString(0, 30).toUTF8String(utf8);
      Add(Severity::kWarning, content::PointerJoin(pointer, tag),
          "sentence of " + std::to_string(count) + " words (plain language: " +
              std::to_string(context_.max_sentence_words) + " at most): \"" + utf8 + "…\"");
    }
  }

  // [SECTION] translations, alt text, audio

  void CheckText(const LocalizedText& t) {
    std::string field = t.pointer.substr(t.pointer.rfind('/') + 1);
    for (const std::string& tag : complete_) {
      if (t.by_locale.count(tag)) continue;
      // Languages marked source or reviewed must be complete; drafts are work in progress
      // (`coverage` counts what is left).
      Add(Severity::kWarning, t.pointer,
          (field == "alt" ? "alt text missing in " + tag + " (read to people who cannot see the picture)"
                          : "missing translation in " + tag + ", which the pack marks complete") +
              NoteFor(t));
    }
    for (const auto& [tag, text] : t.by_locale) {
      if (!locales_.empty() && !locales_.count(tag))
        Add(Severity::kWarning, content::PointerJoin(t.pointer, tag),
            "\"" + tag + "\" is not a locale of this kiosk (locales/locales.json): nobody will see this text");
      CheckSentences(t.pointer, tag, text);
      CheckFonts(t.pointer, tag, text);
    }
  }

  void CheckStep(const content::Step& step) {
    std::string step_ptr = StepPointer(step);
    namespace fs = std::filesystem;
    fs::path base = fs::path(report_.file).parent_path();
    for (const auto& [tag, file] : step.audio)
      if (!fs::exists(base / file))
        Add(Severity::kWarning, step_ptr + "/audio/" + tag, "audio file \"" + file + "\" not found next to the pack");
    for (const auto& [tag, status] : report_.pack->translation_status) {
      auto meta = locales_.find(tag);
      if (meta != locales_.end() && meta->second.recorded_speech && !step.audio.count(tag)) ++steps_without_audio_[tag];
    }
    // Ids the loader does not compare: hotspots and choices within a step.
    std::set<std::string> seen;
    for (size_t i = 0; i < step.hotspots.size(); ++i)
      if (!seen.insert(step.hotspots[i].id).second)
        Add(Severity::kWarning, step_ptr + "/hotspots/" + std::to_string(i) + "/id",
            "duplicate hotspot id \"" + step.hotspots[i].id + "\"");
    CheckTargetsApart(step, step_ptr);
    seen.clear();
    for (size_t i = 0; i < step.choices.size(); ++i)
      if (!seen.insert(step.choices[i].id).second)
        Add(Severity::kWarning, step_ptr + "/choices/" + std::to_string(i) + "/id",
            "duplicate choice id \"" + step.choices[i].id + "\"");
  }

  // Places to tap (practice hotspots, red flags and safe parts) that a finger cannot tell apart:
  // the kiosk grows each to at least 64 px (app/ui/theme.h, kMinTargetPx) on its phone, 332 x
  // 574 px inside the bezel at the default text size (widgets.cpp, PhoneScreen), and two grown
  // places overlap. A note, not a warning: the tap still lands on one of them.
  void CheckTargetsApart(const content::Step& step, const std::string& step_ptr) {
    constexpr float kW = 332, kH = 574, kMin = 64;
    struct Box {
      float x0, y0, x1, y1;
    };
    auto grown = [&](const content::PercentRect& r) {
      const float x = r.x * kW / 100, y = r.y * kH / 100, w = r.w * kW / 100, h = r.h * kH / 100;
      const float gx = std::max(0.0f, (kMin - w) / 2), gy = std::max(0.0f, (kMin - h) / 2);
      return Box{x - gx, y - gy, x + w + gx, y + h + gy};
    };
    const int flags = step.type == content::StepType::kRedFlags ? step.FlagCount() : 0;
    auto pointer = [&](size_t i) {
      if (step.type != content::StepType::kRedFlags) return step_ptr + "/hotspots/" + std::to_string(i);
      return i < size_t(flags) ? step_ptr + "/flags/" + std::to_string(i)
                               : step_ptr + "/safe/" + std::to_string(i - flags);
    };
    for (size_t i = 0; i < step.hotspots.size(); ++i)
      for (size_t j = i + 1; j < step.hotspots.size(); ++j) {
        const Box a = grown(step.hotspots[i].rect), b = grown(step.hotspots[j].rect);
        if (a.x0 < b.x1 - 0.5f && b.x0 < a.x1 - 0.5f && a.y0 < b.y1 - 0.5f && b.y0 < a.y1 - 0.5f)
          Add(Severity::kNote, pointer(j),
              "\"" + step.hotspots[j].id + "\" and \"" + step.hotspots[i].id +
                  "\" overlap once grown to a finger's size (64 px on the kiosk's phone): make places to tap "
                  "at least 11% of the screen tall, or move them apart");
      }
  }

  // A step's pointer, from any of its texts ("/lessons/0/steps/2/title" -> "/lessons/0/steps/2").
  static std::string StepPointer(const content::Step& step) {
    for (const LocalizedText* t : {&step.title, &step.body, &step.instruction, &step.question, &step.alt}) {
      if (t->pointer.empty()) continue;
      return t->pointer.substr(0, t->pointer.rfind('/'));
    }
    return "";
  }

  // A language the pack marks "source" is what translations are made from: listing it in
  // needsReview hides the source text itself from the kiosk.
  void CheckNeedsReviewNamesATranslation(const LocalizedText& t) {
    for (const std::string& tag : t.needs_review) {
      auto status = report_.pack->translation_status.find(tag);
      if (status != report_.pack->translation_status.end() && status->second == "source")
        Add(Severity::kWarning, content::PointerJoin(t.pointer, "needsReview"),
            "\"" + tag + "\" is a source language of this pack: correct the text itself rather than list it in needsReview");
    }
  }

  // " [translator note: …]": a text's note for translators, repeated where a finding concerns its
  // translations (it may say why a label stays in Chinese).
  static std::string NoteFor(const LocalizedText& t) {
    return t.note.empty() ? "" : " [translator note: " + t.note + "]";
  }

  // A text's own reviews ("review"): a source language is not reviewed text by text (it is what
  // translations are checked against), a review is not dated after today, and a review written
  // by hand records no source hash, so an edit of the zh-Hans would not make it stale.
  void CheckTextReviews(const LocalizedText& t) {
    const content::Pack& pack = *report_.pack;
    for (const auto& [tag, review] : t.review) {
      const std::string ptr = content::PointerJoin(content::PointerJoin(t.pointer, "review"), tag);
      auto status = pack.translation_status.find(tag);
      if (status != pack.translation_status.end() && status->second == "source") {
        Add(Severity::kWarning, ptr, "\"" + tag + "\" is a source language of this pack: its texts are not reviewed one by one");
        continue;
      }
      if (review.status != "reviewed") continue;
      if (!context_.today.empty() && review.date > context_.today)
        Add(Severity::kWarning, content::PointerJoin(ptr, "date"), "review date " + review.date + " is in the future");
      auto hashes = pack.source_hashes.find(tag);
      if (hashes == pack.source_hashes.end() || !hashes->second.count(t.pointer))
        Add(Severity::kNote, ptr,
            "reviewed, but no source hash is recorded (translations." + tag +
                ".sourceHashes): an edit of the zh-Hans will not show it as stale; record reviews with "
                "qiao-pack po import --reviewed-by");
    }
  }

  // [SECTION] dates in lessons

  // A lesson is used for years: "星期一 11月23日" or "2027年11月前" in its text or on its
  // simulated screens goes stale, and a learner cannot tell. Write "今天", "下个月", "到期前"
  // instead. (Guides carry dated facts on purpose; their review keeps them current.)
  // Patterns, per lessons/README.md: a year (1900-2099, also "2027年"), month and day
  // ("11月23日", "11月23号", "November 23", "23 Nov"), numeric dates (2026-11-23, 2026/11/23).
  void CheckNoDateInLesson(const LocalizedText& t) {
    static const char16_t* kPattern =
        u"(?<![0-9])(19|20)[0-9]{2}(?![0-9])"
        u"|[0-9０-９一二三四五六七八九十]{1,3}\\s*月\\s*[0-9０-９一二三四五六七八九十]{1,3}\\s*[日号號]"
        u"|(?i:\\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?\\s+[0-9]{1,2}\\b)"
        u"|(?i:\\b[0-9]{1,2}(st|nd|rd|th)?\\s+(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\\b)";
    static UErrorCode compile_status = U_ZERO_ERROR;
    static std::unique_ptr<icu::RegexPattern> pattern(
        icu::RegexPattern::compile(icu::UnicodeString(kPattern), 0, compile_status));
    if (U_FAILURE(compile_status)) return;
    for (const auto& [tag, text] : t.by_locale) {
      if (t.needs_review.count(tag)) continue;  // not shown; its translator redoes it from the source
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
      std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(u, status));
      if (U_FAILURE(status) || !m->find()) continue;
      std::string found;
      m->group(status).toUTF8String(found);
      Add(Severity::kWarning, content::PointerJoin(t.pointer, tag),
          "date \"" + found + "\" in a lesson goes stale: say it without a date (\"今天\", \"today\", \"before it expires\")");
    }
  }

  // [SECTION] hints that name only a colour or place

  // "The green button on the left" helps nobody who listens to the kiosk or cannot tell green
  // from red. A hint or instruction that names a colour or a place must also name what the
  // button says or shows: a label on the step's screen, or the picture of an icon on it.
  // Word lists for zh-Hans and en (other languages are translations of these two).
  void CheckHintsNameWhatTheyShow(const content::Step& step) {
    // Gesture steps too: "the message at the top" is as useless to a listener as "the green button".
    if (step.type != content::StepType::kPractice && step.type != content::StepType::kGesture) return;
    for (const LocalizedText* t : {&step.hint, &step.instruction})
      for (const auto& [tag, text] : t->by_locale) {
        if (tag != "zh-Hans" && tag != "en") continue;
        std::string lower = tag == "en" ? AsciiLower(text) : text;
        std::string word = ColourOrPlaceWord(tag, lower);
        if (word.empty() || NamesWhatIsShown(step, tag, lower)) continue;
        Add(Severity::kWarning, content::PointerJoin(t->pointer, tag),
            "names only a colour or place (\"" + word + "\"): also say what the button says or shows, "
            "e.g. “接听” or the camera picture");
      }
  }

  static std::string AsciiLower(std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  }

  // The first colour or place word of `text` ("" if none). English words match whole.
  static std::string ColourOrPlaceWord(const std::string& tag, const std::string& text) {
    static const char* kZh[] = {"红色", "绿色", "蓝色", "黄色", "橙色", "紫色", "灰色", "黑色", "白色", "红的", "绿的",
                                "蓝的", "左边", "右边", "左上", "右上", "左下", "右下", "上方", "下方", "上面", "下面",
                                "中间", "正中", "最上", "最下", "顶部", "底部", "角上", "第一个", "第二个", "第三个",
                                "第一行", "第二行", "第三行", "最后一个"};
    static const char* kEn[] = {"red", "green", "blue", "yellow", "orange", "purple", "grey", "gray", "black",
                                "white", "left", "right", "top", "bottom", "middle", "centre", "center", "corner",
                                "first", "second", "third", "last", "above", "below", "under", "upper", "lower"};
    if (tag == "zh-Hans") {
      for (const char* w : kZh)
        if (text.find(w) != std::string::npos) return w;
      return "";
    }
    auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; };
    for (const char* w : kEn)
      for (size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
        size_t end = at + std::strlen(w);
        if ((at == 0 || !is_letter(text[at - 1])) && (end >= text.size() || !is_letter(text[end]))) return w;
      }
    return "";
  }

  // Whether `text` (lowercased if English) names a label of the step's screen, or the picture
  // of an icon on it.
  static bool NamesWhatIsShown(const content::Step& step, const std::string& tag, const std::string& text) {
    static const std::map<std::string, std::vector<std::string>> kIconWords = {
        {"qr", {"二维码", "qr"}},          {"camera", {"相机", "照相", "camera"}},
        {"phone", {"电话", "话筒", "phone"}}, {"message", {"信封", "短信", "message", "envelope"}},
        {"lock", {"锁", "lock"}},           {"warning", {"感叹号", "警告", "warning", "exclamation"}},
        {"check", {"对勾", "勾", "tick", "check"}}, {"person", {"人像", "小人", "person", "figure"}}};
    for (const content::ScreenElement& e : step.screen.elements) {
      if (auto it = e.text.by_locale.find(tag); it != e.text.by_locale.end()) {
        std::string label = tag == "en" ? AsciiLower(it->second) : it->second;
        if (!label.empty() && text.find(label) != std::string::npos) return true;
      }
      if (e.kind == content::ScreenElement::Kind::kIcon)
        if (auto it = kIconWords.find(e.icon); it != kIconWords.end())
          for (const std::string& w : it->second)
            if (text.find(w) != std::string::npos) return true;
    }
    return false;
  }

  // [SECTION] guides' dates

  void CheckGuide(const content::Guide& g) {
    std::string ptr = GuidePointer(g);
    const std::string& today = context_.today;  // ISO dates compare as strings
    if (!today.empty() && g.expires_at < today)
      Add(Severity::kWarning, ptr + "/expiresAt",
          "guide \"" + g.id + "\" expired on " + g.expires_at +
              ": have a reviewer check the procedure (reviewedBy, reviewedAt), then move expiresAt");
    else if (!today.empty() && g.expires_at < AddDays(today, 30))
      Add(Severity::kNote, ptr + "/expiresAt", "guide \"" + g.id + "\" expires on " + g.expires_at);
    if (g.reviewed_at.empty()) return;  // not checked by a reviewer yet
    if (!today.empty() && g.reviewed_at > today)
      Add(Severity::kWarning, ptr + "/reviewedAt", "reviewedAt " + g.reviewed_at + " is in the future");
    if (g.expires_at <= g.reviewed_at)
      Add(Severity::kWarning, ptr + "/expiresAt", "expiresAt must come after reviewedAt");
  }

  static std::string GuidePointer(const content::Guide& g) {
    return g.title.pointer.substr(0, g.title.pointer.rfind('/'));
  }

  // [SECTION] guides' trust

  // A guide must say where it applies: rules differ between provinces.
  void CheckGuideRegion(const content::Guide& g) {
    if (!g.region.empty()) return;
    Add(Severity::kWarning, GuidePointer(g) + "/id",
        "guide \"" + g.id + "\" has no \"region\": say \"national\" or the province (e.g. \"CN-GD\") it applies to");
  }

  // A guide a bureau can check names the documents it rests on.
  void CheckGuideSources(const content::Guide& g) {
    if (!g.sources.empty()) return;
    Add(Severity::kWarning, GuidePointer(g) + "/id",
        "guide \"" + g.id + "\" names no \"sources\": list the policy documents it rests on "
        "({\"title\", \"number\", \"url\", \"date\"}) so a reviewer can check it");
  }

  static std::string AddDays(const std::string& iso, int n_days) {
    using namespace std::chrono;
    year_month_day ymd{year{std::stoi(iso.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                       day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
    year_month_day later{sys_days{ymd} + std::chrono::days{n_days}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(later.year()),
                  static_cast<unsigned>(later.month()), static_cast<unsigned>(later.day()));
    return buf;
  }

  // [SECTION] fonts

  // Characters the kiosk's font chain for `tag` cannot draw (they would show as empty boxes).
  void CheckFonts(const std::string& pointer, const std::string& tag, const std::string& text) {
    if (!context_.engine) return;
    text::ParagraphStyle style;
    style.lang = tag;
    if (context_.engine->LayoutParagraph(text, style, 0).missing_glyphs == 0) return;
    std::string missing;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    std::set<UChar32> reported;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
      UChar32 c = u.char32At(i);
      if (reported.count(c)) continue;
      std::string one;
      icu::UnicodeString(c).toUTF8String(one);
      if (context_.engine->LayoutParagraph(one, style, 0).missing_glyphs == 0) continue;
      reported.insert(c);
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
      missing += (missing.empty() ? "" : ", ") + one + " (" + hex + ")";
    }
    if (missing.empty()) missing = "some characters of this text (in combination)";
    Add(Severity::kWarning, content::PointerJoin(pointer, tag), "no bundled font can draw " + missing);
  }

  const FileReport& report_;
  const LintContext& context_;
  const std::map<std::string, LocaleMeta>& locales_;
  std::vector<Finding>& out_;
  content::JsonDocument doc_;
  std::set<std::string> complete_;  // locales the pack marks source or reviewed
  std::map<std::string, int> steps_without_audio_;
};

}  // namespace

// [SECTION] Lint()

std::vector<Finding> Lint(const std::vector<FileReport>& reports, const LintContext& context) {
  std::vector<Finding> findings;
  std::map<std::string, LocaleMeta> locales = ReadLocales(context.locales_dir);
  for (const FileReport& report : reports) {
    // Whatever validate refuses is a warning here too: lint is validate and more.
    for (const LoadError& e : report.errors) findings.push_back({Severity::kWarning, e});
    if (!report.pack) continue;
    size_t first = findings.size();
    FileLinter(report, context, locales, findings).Run();
    // In file order, as an editor lists problems.
    std::stable_sort(findings.begin() + first, findings.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
  }
  return findings;
}

}  // namespace qiao::tools
