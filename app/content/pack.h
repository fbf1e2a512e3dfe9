// The content model: packs of lessons and guides, loaded from JSON (format: lessons/README.md).
// No UI code here. Loading never throws: a broken lesson or guide is reported with file,
// line:column and JSON pointer and skipped, and everything good in the pack still loads.
#pragma once

#include "support/files.h"
#include "support/json_source.h"

#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::content {

// The generic pieces packs are read with live in app/support; these names keep working for the
// code that says content::LoadError, content::ParseJsonWithPositions... (tools, app.cpp).
using support::JsonDocument;
using support::JsonParseResult;
using support::LoadError;
using support::ParseJsonWithPositions;
using support::PointerJoin;
using support::SourcePos;

// One language's translation of one text, as its own review recorded it ("review" in the pack):
// it overrides the pack's status for that language (translations.<locale>.status), for this
// text only. Written by `qiao-pack po import --reviewed-by` or by the reviewer; never shown.
struct TextReview {
  std::string status;    // "reviewed" (a native speaker checked it) or "draft" (changed since)
  std::string by, date;  // reviewed only: who checked it, and when (YYYY-MM-DD)
};

// A text in several languages: locale tag -> text.
struct LocalizedText {
  std::map<std::string, std::string> by_locale;
  // Languages whose text was translated from an earlier version of the source and must be
  // checked again ("needsReview" in the pack). Kept for the translator, never shown: it may say
  // what the corrected source no longer says.
  std::set<std::string> needs_review;
  std::string pointer;  // where it was read from (JSON pointer), for tools that point at it
  // locale -> how that language's text reads in another script, written by the translator, for
  // speech ("readings": {"mn-Mong": "<Cyrillic>"}: the mn voice reads traditional Mongolian).
  std::map<std::string, std::string> readings;
  // locale -> this translation's own review, where it differs from the pack's status for the
  // language ("review"). Absent: the pack's status holds.
  std::map<std::string, TextReview> review;
  // A note for translators ("note": "the real WeChat label: keep it in Chinese"): `po export`
  // writes it as a PO extracted comment, lint repeats it; never shown to learners.
  std::string note;

  struct Resolved {
    std::string_view text;  // empty if the text has no language at all
    std::string_view lang;  // the locale actually used (drives font, speech voice, a11y lang)
  };
  // First of `chain` that the text has (and that needs no review); failing that, any language
  // it has, preferring those that need no review (never blank when the author wrote something).
  Resolved Resolve(std::span<const std::string> chain) const;
  bool empty() const { return by_locale.empty(); }
};

// Percent of the screen: x, y, width, height in 0..100.
struct PercentRect {
  float x = 0, y = 0, w = 0, h = 0;
};

struct ScreenElement {
  enum class Kind { kBox, kBar, kText, kButton, kIcon };
  Kind kind = Kind::kBox;
  PercentRect rect;
  uint32_t color = 0;  // 0xRRGGBB; 0 = the kind's default
  bool has_color = false;
  LocalizedText text;
  // The real app shows this label in Chinese whatever the learner's language: the simulated
  // phone shows (and reads) its zh-Hans text, and the step's instruction glosses it.
  bool shown_in_chinese = false;
  std::string icon;  // qr, camera, phone, message, lock, warning, check, person
};

// A simulated phone screen, drawn by the kiosk.
struct Screen {
  uint32_t background = 0xFFFFFF;
  std::vector<ScreenElement> elements;
};

struct Hotspot {
  std::string id;
  PercentRect rect;
  bool correct = false;
  LocalizedText label, feedback;
};

struct Choice {
  std::string id;
  LocalizedText text;
  bool correct = false;
  LocalizedText feedback;
};

// [SECTION] Rehearsals (issue 13): a conversation that unfolds turn by turn.
struct Reply {  // what the learner can say or do at a turn
  std::string id;
  LocalizedText text;
  std::string next;  // a later turn's id or an ending's id
};
struct Turn {  // what the caller says, then the learner's replies
  std::string id;
  LocalizedText say;
  std::vector<Reply> replies;
};
struct Ending {
  std::string id;
  bool safe = false;  // "safe" or "loss"
  LocalizedText title, text;
};

// What a typing step's keypad types: an amount (digits and one '.'), a PIN (shown as dots,
// never spoken) or a phone number.
enum class Keypad { kAmount, kPin, kPhone };

// The gesture a gesture step asks for, beyond the tap every other step uses: a swipe (up to
// unlock, down for the notification shade) or a long press (hold a message to copy or delete it).
enum class Gesture { kSwipe, kLongPress };
enum class Direction { kUp, kDown, kLeft, kRight };
std::string_view DirectionName(Direction direction);

enum class StepType { kText, kImage, kPractice, kQuiz, kRedFlags, kConversation, kTyping, kGesture };
std::string_view StepTypeName(StepType type);

struct Step {
  std::string id;
  StepType type = StepType::kText;
  std::map<std::string, std::string> audio;     // locale -> recorded speech, relative to the pack
  LocalizedText title, body;                    // text
  Screen screen;                                // image, practice
  LocalizedText alt, caption;                   // image
  LocalizedText instruction, hint, miss_feedback;  // practice
  std::vector<Hotspot> hotspots;                // practice
  LocalizedText question;                       // quiz
  std::vector<Choice> choices;                  // quiz
  bool multiple = false;                        // quiz: several choices are right, tick them all
  // redFlags: `instruction`, `screen` and `hotspots`: the red flags (correct = true) and the
  // safe places that explain why they are safe (correct = false); `feedback` explains each.
  LocalizedText caller;                         // conversation: who is calling or writing
  std::vector<Turn> turns;                      // conversation: the first turn starts it
  std::vector<Ending> endings;                  // conversation
  Keypad keypad = Keypad::kAmount;              // typing (with `instruction`, optional `screen`)
  std::string answer;                           // typing: what must be typed
  LocalizedText right_feedback, wrong_feedback;  // typing, gesture
  // gesture (with `instruction`, `screen`, `hint`): where on the phone it is made (`target`:
  // its rect and its label, the name a screen reader gives it), and what a plain tap there
  // does instead (`tap_feedback`); `wrong_feedback` explains any other wrong gesture.
  Gesture gesture = Gesture::kSwipe;
  Direction direction = Direction::kUp;         // swipe only
  Hotspot target;
  LocalizedText tap_feedback;

  // A red-flag step's number of flags.
  int FlagCount() const;
  // The turn or ending a conversation reply leads to (nullptr if none).
  const Turn* FindTurn(std::string_view id) const;
  const Ending* FindEnding(std::string_view id) const;
};

// Quiz and typing steps: the steps a lesson's mastery counts.
bool IsQuestion(const Step& step);
// Whether `typed` is the typing step's answer (amounts compare as money: "25" == "25.00").
bool TypedMatches(const Step& step, std::string_view typed);

struct Lesson {
  std::string id;
  LocalizedText title, summary;
  int minutes = 0;
  // Mastery, as Kolibri's "m of n": the learner masters the lesson with at least this many of
  // its questions (quiz and typing steps) right at the first try. 0: no mastery goal.
  int mastery_correct = 0;
  std::vector<Step> steps;
};

struct ChecklistItem {
  std::string id;
  LocalizedText text;
};

struct OtherWay {
  std::string channel;  // in-person, phone, online, family
  LocalizedText text;
};

// A document a guide rests on: a law, regulation or official notice.
struct Source {
  std::string title;   // its official title, as published
  std::string number;  // document number, e.g. 国办发〔2024〕38号; may be empty
  std::string url;     // where it is published; may be empty
  std::string date;    // when it was issued, YYYY-MM-DD; may be empty
};

struct Guide {
  std::string id;
  LocalizedText title, summary;
  std::string region;  // "national", or the ISO 3166-2 code of a province ("CN-GD"); may be empty
  std::vector<Source> sources;
  // Who checked the procedure against its sources, and when: set by that reviewer, never by a
  // tool. Both empty for a guide nobody has checked yet.
  std::string reviewed_by, reviewed_at;
  std::string expires_at;  // ISO date, YYYY-MM-DD: check the procedure again by then
  LocalizedText who_can_apply;
  std::vector<ChecklistItem> what_to_bring;
  std::vector<LocalizedText> steps;
  LocalizedText where_and_when, fees, help;
  std::vector<OtherWay> other_ways;
};

struct Pack {
  std::string file;
  std::string id;
  std::string schema_version;
  LocalizedText title;
  std::string author, license;
  std::map<std::string, std::string> translation_status;  // locale -> source|draft|reviewed
  // locale -> text pointer -> CRC-32 (8 hex digits) of the zh-Hans source that translation was
  // made from ("sourceHashes", written by `qiao-pack po import`): a different hash today means
  // the source changed since, and the translation is stale.
  std::map<std::string, std::map<std::string, std::string>> source_hashes;
  std::vector<Lesson> lessons;
  std::vector<Guide> guides;
};

// The newest pack format this build understands. Packs with a newer major are refused.
inline constexpr int kSchemaMajor = 1;

// Limits that keep a broken or hostile pack from exhausting memory (lessons/README.md).
// A pack with every text in ten languages is ~300 KiB; pictures and audio live in other files.
inline constexpr size_t kMaxPackBytes = 4 * 1024 * 1024;
inline constexpr int kMaxLessonMinutes = 600;
// "file is 5000 KiB; a pack may be at most 4 MiB (...)"
std::string TooLargeMessage(size_t bytes);

struct PackResult {
  bool loaded = false;  // false: nothing of the pack could be used
  Pack pack;
  std::vector<LoadError> errors;  // may be non-empty even when loaded (parts skipped)
};

// Parses and validates one pack. `file` names it in errors.
PackResult LoadPack(std::string_view bytes, const std::string& file);

// A real calendar date written YYYY-MM-DD (review dates, guides' dates, sources' dates).
bool ValidDate(std::string_view s);

// Calls `fn` for every text of the pack that has at least one language (titles, bodies, labels,
// feedback, guide fields...), in file order. Tools count and check texts through it.
void ForEachText(const Pack& pack, const std::function<void(const LocalizedText&)>& fn);

// All packs of a folder (*.pack.json, in file-name order), merged.
struct Library {
  std::vector<Pack> packs;
  std::vector<LoadError> errors;

  const Lesson* FindLesson(std::string_view id) const;
  const Guide* FindGuide(std::string_view id) const;
  std::vector<const Lesson*> Lessons() const;
  std::vector<const Guide*> Guides() const;
};

Library LoadLibrary(const std::string& folder);

// support::ReadFile, except that a file over kMaxPackBytes is told what a pack may be
// (TooLargeMessage): the kiosk's watch mode and the trainers' tools read packs through it.
bool ReadFile(const std::string& path, std::string* out, std::string* error,
              size_t max_bytes = support::kMaxFileBytes);

}  // namespace qiao::content
