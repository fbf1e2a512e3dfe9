// qiao-pack: the trainers' toolkit for content packs (validate, lint, coverage, new, bundle).
// This library does the work and returns data; tools/pack/main.cpp parses arguments and prints,
// so tests can call every command without a process.
#pragma once

#include "accessibility/clips.h"

#include "content/pack.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace qiao::text {
class Engine;
}
namespace qiao::i18n {
struct Catalog;
}

namespace qiao::tools {

// [SECTION] validate

// One pack file, loaded as the kiosk loads it.
struct FileReport {
  std::string file;
  std::vector<content::LoadError> errors;  // sorted by line:column
  std::optional<content::Pack> pack;       // set when the pack (or part of it) loaded
  bool valid() const { return errors.empty() && pack.has_value(); }
};

// Files named on the command line: a folder stands for its *.pack.json files (sorted).
// Paths that do not exist become errors.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& args,
                                     std::vector<content::LoadError>* errors);

FileReport ValidateFile(const std::string& path);

// Lesson and guide ids are global across packs (they name routes and where progress is kept):
// an id used by two of `reports` is an error in the later file.
void CheckIdsAcrossPacks(std::vector<FileReport>& reports);

// {"valid": bool, "files": [{"file", "valid", "errors": [{file,line,column,pointer,message}]}]}
nlohmann::json ReportsToJson(const std::vector<FileReport>& reports);

// [SECTION] lint

enum class Severity { kWarning, kNote };  // warnings make lint fail; notes only inform

struct Finding {
  Severity severity = Severity::kWarning;
  content::LoadError where;  // file, line:column, pointer, message
  std::string ToString() const;
};

struct LintContext {
  std::string locales_dir;           // locales/ (locales.json says which locales exist)
  std::string today;                 // YYYY-MM-DD; guides expiring before it are flagged
  text::Engine* engine = nullptr;    // font coverage check; skipped when null
  int max_sentence_words = 25;
};

// Plain-language and completeness checks beyond validity (see lessons/README.md, "Lint").
std::vector<Finding> Lint(const std::vector<FileReport>& reports, const LintContext& context);

// [SECTION] status of one translation

// How far one language's translation of one text is trusted, in this order:
enum class TextStatus {
  kMissing,   // the text has no such language
  kStale,     // made from an older source: listed in needsReview, or its zh-Hans changed since the
              // translation was imported (translations.<locale>.sourceHashes), reviewed or not
  kSource,    // the pack marks the language "source"
  kReviewed,  // the text's own review says "reviewed", or it has none and the pack says so
  kDraft,     // the text's own review says "draft", or it has none and the pack says so (or nothing)
};
const char* TextStatusName(TextStatus status);  // "missing", "stale", "source", "reviewed", "draft"
TextStatus StatusOf(const content::Pack& pack, const content::LocalizedText& text, const std::string& locale);
// The same for one UI string (`catalog`: locales/<tag>.json, null if it did not load; `source`:
// zh-Hans.json): missing, stale (its sourceHashes entry differs from the zh-Hans string's hash
// today), source (the catalog's status), reviewed or draft (the string's own review in
// "reviews", else the catalog's status).
TextStatus StatusOfKey(const i18n::Catalog* catalog, const i18n::Catalog* source, const std::string& key);

// [SECTION] coverage

struct CoverageRow {
  std::string locale;
  int source = 0;    // StatusOf: kSource
  int reviewed = 0;  // kReviewed
  int draft = 0;     // kDraft
  int stale = 0;     // kStale
  int missing = 0;   // kMissing
  void Count(TextStatus status);  // one more text in the column `status` names
};

// One row per locale in `locales` (in that order), counting every text of every pack.
std::vector<CoverageRow> Coverage(const std::vector<content::Pack>& packs,
                                  const std::vector<std::string>& locales);
std::string CoverageTable(const std::vector<CoverageRow>& rows);  // Markdown

// The UI catalogs of `locales_dir`, one row per locale in `locales`: every key of keys.txt counted
// by StatusOfKey. Catalog problems (file:line:col, pointer) go to `problems`.
std::vector<CoverageRow> UiCoverage(const std::string& locales_dir, const std::vector<std::string>& locales,
                                    std::vector<std::string>* problems);

// [SECTION] clips (recorded speech, issue 15: accessibility/clips.h has the format)

// The types are the kiosk's own (accessibility/clips.h), so the studio and this tool agree.
using ClipStatus = a11y::ClipStatus;
using ClipText = a11y::ClipText;
using a11y::ClipStatusName;

// A pack and the folder it was read from (its clips are in <folder>/audio/<locale>/).
struct PackInFolder {
  content::Pack pack;
  std::string folder;
};

// Every text of `locales` a volunteer could record: the UI catalog's plain strings (a message
// with arguments is read by a voice) in keys.txt order, then each pack's texts in pack order,
// each paragraph on its own. A text has a clip when one for its exact wording exists; it "needs
// re-recording" when there is none, but there is one recorded for the same key or pointer (its
// wording changed since). Problems reading clips.json go to `problems`. `more_clips`: folders
// holding audio/<locale>/ besides the catalogs' and the packs' (a kiosk's data folder).
std::vector<ClipText> ClipTexts(const std::string& locales_dir, const std::vector<std::string>& locales,
                                const std::vector<PackInFolder>& packs, std::vector<std::string>* problems,
                                const std::vector<std::string>& more_clips = {});

struct ClipRow {
  std::string locale;
  int texts = 0, recorded = 0, needs_rerecording = 0, missing = 0;
};
std::vector<ClipRow> ClipSummary(const std::vector<ClipText>& texts, const std::vector<std::string>& locales);
std::string ClipTable(const std::vector<ClipRow>& rows);  // Markdown

// The recording script for volunteers: CSV (RFC 4180, UTF-8 with a byte order mark) with the
// columns locale, for, text, status, file; one row per text that needs a recording.
std::string RecordingScriptCsv(const std::vector<ClipText>& texts);

// [SECTION] new

enum class ScaffoldKind { kLesson, kGuide };
// A complete pack holding one lesson or guide named `name` (an id), that validates as is.
// A guide expires a year after `today` (YYYY-MM-DD); it has no reviewedBy or reviewedAt (only a
// reviewer sets them) and an empty list of sources for the author to fill in.
std::string Scaffold(ScaffoldKind kind, const std::string& name, const std::string& today);

// [SECTION] bundle

// Every valid pack of `reports` in one JSON document (for a USB stick or the browser build):
// {"bundleVersion": 1, "packs": [pack, ...], "index": {locale: [{"route", "title", "lang",
// "sortKey", "search": [key, ...]}, ...]}}, each locale's entries in its collation order
// (sortKey: ICU's, hex), with every search key of the lesson or guide as the home screen makes
// them (title, summary, their readings in other scripts: i18n::KeysOfShownText; written by
// i18n::SearchKey::Encode), so a browser build needs no ICU collation or transliteration data.
// `chains`: locale -> [locale, fallback...] (locales.json). `problems`: transliteration rules that
// could not be read or compiled (the keys then lack those readings).
using Chains = std::vector<std::pair<std::string, std::vector<std::string>>>;
nlohmann::json Bundle(const std::vector<FileReport>& reports, const Chains& chains,
                      std::vector<std::string>* problems = nullptr);

// [SECTION] search

struct SearchHit {
  std::string route;  // lesson/ID or guide/ID
  std::string title;  // as shown in the locale (after fallback)
  std::string lang;   // the title's language
};

// What the home screen finds for `query` in `locale` (`chain`: it and its fallbacks) among the
// valid packs of `reports`, in the locale's collation order: the kiosk's keys and matching
// (a title or summary, or a reading of one in another script). `problems`: transliteration
// rules that could not be read (search then goes on without them).
std::vector<SearchHit> Search(const std::vector<FileReport>& reports, const std::string& locale,
                              const std::vector<std::string>& chain, const std::string& query,
                              std::vector<std::string>* problems);

}  // namespace qiao::tools
