// qiao-pack lint: checks beyond validity, for plain language and completeness.
// [SECTION] index: context · plain language · translations, alt text, audio · guides' dates ·
// fonts · ids · Lint()
#include "pack/pack_tool.h"

#include "text/text.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
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
    content::ForEachText(pack, [&](const LocalizedText& t) { CheckText(t); });
    for (const content::Lesson& lesson : pack.lessons)
      for (const content::Step& step : lesson.steps) CheckStep(step);
    for (size_t i = 0; i < pack.guides.size(); ++i) CheckGuide(pack.guides[i]);
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
          field == "alt" ? "alt text missing in " + tag + " (read to people who cannot see the picture)"
                         : "missing translation in " + tag + ", which the pack marks complete");
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

  // [SECTION] guides' dates

  void CheckGuide(const content::Guide& g) {
    std::string ptr = g.title.pointer.substr(0, g.title.pointer.rfind('/'));
    const std::string& today = context_.today;  // ISO dates compare as strings
    if (!today.empty() && g.expires_at < today)
      Add(Severity::kWarning, ptr + "/expiresAt",
          "guide \"" + g.id + "\" expired on " + g.expires_at + ": check the procedure, then update reviewedAt and expiresAt");
    else if (!today.empty() && g.expires_at < AddDays(today, 30))
      Add(Severity::kNote, ptr + "/expiresAt", "guide \"" + g.id + "\" expires on " + g.expires_at);
    if (!today.empty() && g.reviewed_at > today)
      Add(Severity::kWarning, ptr + "/reviewedAt", "reviewedAt " + g.reviewed_at + " is in the future");
    if (g.expires_at <= g.reviewed_at)
      Add(Severity::kWarning, ptr + "/expiresAt", "expiresAt must come after reviewedAt");
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
