#include "content/pack.h"

#include "support/json_reader.h"
#include "support/json_tree.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>

namespace qiao::content {

using support::JsonTree;
using support::PointerAppend;
using Value = JsonTree::Value;

// [SECTION] LocalizedText

LocalizedText::Resolved LocalizedText::Resolve(std::span<const std::string> chain) const {
  for (const std::string& tag : chain) {
    auto it = by_locale.find(tag);
    if (it != by_locale.end() && !it->second.empty() && !needs_review.count(tag)) return {it->second, it->first};
  }
  for (const auto& [tag, text] : by_locale)
    if (!text.empty() && !needs_review.count(tag)) return {text, tag};
  for (const auto& [tag, text] : by_locale)
    if (!text.empty()) return {text, tag};
  return {};
}

std::string_view StepTypeName(StepType type) {
  switch (type) {
    case StepType::kText: return "text";
    case StepType::kImage: return "image";
    case StepType::kPractice: return "practice";
    case StepType::kQuiz: return "quiz";
    case StepType::kRedFlags: return "redFlags";
    case StepType::kConversation: return "conversation";
    case StepType::kTyping: return "typing";
    case StepType::kGesture: return "gesture";
  }
  return "text";
}

std::string_view DirectionName(Direction direction) {
  switch (direction) {
    case Direction::kUp: return "up";
    case Direction::kDown: return "down";
    case Direction::kLeft: return "left";
    case Direction::kRight: return "right";
  }
  return "up";
}

int Step::FlagCount() const {
  return static_cast<int>(std::count_if(hotspots.begin(), hotspots.end(), [](auto& h) { return h.correct; }));
}

const Turn* Step::FindTurn(std::string_view id) const {
  for (const Turn& t : turns)
    if (t.id == id) return &t;
  return nullptr;
}

const Ending* Step::FindEnding(std::string_view id) const {
  for (const Ending& e : endings)
    if (e.id == id) return &e;
  return nullptr;
}

namespace {

// An amount in cents ("25" -> 2500, "25.5" -> 2550); -1 if it is not one.
long long Cents(std::string_view s) {
  const size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot), frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  auto digits = [](std::string_view d) { return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  if (whole.empty() || whole.size() > 12 || frac.size() > 2 || !digits(whole) || !digits(frac) ||
      (dot != std::string_view::npos && frac.empty()))
    return -1;
  long long cents = std::stoll(std::string(whole)) * 100;
  if (!frac.empty()) cents += std::stoi(std::string(frac)) * (frac.size() == 1 ? 10 : 1);
  return cents;
}

}  // namespace

bool IsQuestion(const Step& step) { return step.type == StepType::kQuiz || step.type == StepType::kTyping; }

bool TypedMatches(const Step& step, std::string_view typed) {
  if (step.keypad == Keypad::kAmount) {
    const long long want = Cents(step.answer);
    return want >= 0 && Cents(typed) == want;
  }
  return typed == step.answer;
}

// [SECTION] Reader: typed access that records every problem with its pointer

namespace {

// Syntax checks of ids, locale tags, colours and dates: a few ASCII classes each, written out
// (std::regex costs microseconds a call, and a pack has a locale tag in every text).
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Lowercase letters and digits joined by single '-': "qr-code", "step-2".
bool ValidId(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if (c == '-' ? id[i - 1] == '-' : !(IsLower(c) || IsDigit(c))) return false;
  }
  return true;
}

// language ("zh": 2-3 lowercase) [-Script ("Hans": upper + 3 lowercase)] [-REGION ("CN", "419")].
bool ValidLocaleTag(std::string_view tag) {
  size_t pos = 0;
  auto take = [&](std::string_view* part) {  // the next '-'-separated part; false after the last
    if (pos > tag.size()) return false;
    size_t end = std::min(tag.find('-', pos), tag.size());
    *part = tag.substr(pos, end - pos);
    pos = end + 1;
    return true;
  };
  auto all = [](std::string_view s, bool (*is)(char)) { return std::all_of(s.begin(), s.end(), is); };
  std::string_view part;
  take(&part);
  if (part.size() < 2 || part.size() > 3 || !all(part, IsLower)) return false;
  if (!take(&part)) return true;
  if (part.size() == 4 && IsUpper(part[0]) && all(part.substr(1), IsLower) && !take(&part)) return true;
  const bool region = (part.size() == 2 && all(part, IsUpper)) || (part.size() == 3 && all(part, IsDigit));
  return region && !take(&part);
}

// "#RRGGBB".
bool ValidColor(std::string_view s) {
  return s.size() == 7 && s[0] == '#' && std::all_of(s.begin() + 1, s.end(), IsHex);
}

}  // namespace

bool ValidDate(std::string_view s) {
  // YYYY-MM-DD, ASCII digits only.
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!IsDigit(s[i])) return false;
  auto number = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  using namespace std::chrono;
  year_month_day ymd{year{number(0, 4)}, month{static_cast<unsigned>(number(5, 2))},
                     day{static_cast<unsigned>(number(8, 2))}};
  return ymd.ok();  // months 1-12, no 31 April, 29 February only in leap years
}

namespace {

// The keys of a text that are not languages (lessons/README.md): translations to be checked
// again, readings in another script, each translation's own review, a note for translators.
constexpr std::string_view kNeedsReview = "needsReview";
constexpr std::string_view kReadings = "readings";
constexpr std::string_view kReview = "review";
constexpr std::string_view kNote = "note";
constexpr std::string_view kTextMetaKeys[] = {kNeedsReview, kReadings, kReview, kNote};

// The pack's fields on top of the shared JsonReader (support/json_reader.h): ids, locale maps,
// texts, rectangles, colours, dates. A trainer gets every problem of a lesson in one go rather
// than one per run.
class Reader : public support::JsonReader {
 public:
  using JsonReader::JsonReader;

  // The pack's fields only ever fall back to nothing (absent or wrong: false).
  bool Bool(const Value& obj, const std::string& ptr, const char* key, bool fallback) {
    bool out = fallback;
    JsonReader::Bool(obj, ptr, key, &out);
    return out;
  }

  std::string Id(const Value& obj, const std::string& ptr) {
    bool present = false;
    std::string id = String(obj, ptr, "id", true, &present);
    if (present && !ValidId(id))
      Error(PointerJoin(ptr, "id"),
            "id \"" + id + "\" must be lowercase letters and digits joined by '-'");
    return id;
  }

  // A map from locale tag to a non-empty string (translations, audio files).
  std::map<std::string, std::string> LocaleMap(const Value& obj, const std::string& ptr,
                                               const char* key, bool required, const char* example) {
    std::map<std::string, std::string> out;
    const Value* v = Field(obj, ptr, key, required);
    if (!v) return out;
    ReadLocaleMap(*v, PointerJoin(ptr, key), example, &out);
    return out;
  }

  // The object `v` at `here` as locale tag -> non-empty string. A text (`text` given) may also
  // hold "needsReview", "readings", "review" and "note" (kTextMetaKeys), read into `text`.
  void ReadLocaleMap(const Value& v, const std::string& here, const char* example,
                     std::map<std::string, std::string>* out, LocalizedText* text_meta = nullptr) {
    if (!v.is_object()) {
      Error(here, std::string("expected an object like ") + example + ", found " + v.type_name());
      return;
    }
    MarkAllKnown(v);
    const Value* review_list = nullptr;
    const Value* reading_map = nullptr;
    const Value* review_map = nullptr;
    for (const Value& text : tree().children(v)) {
      const std::string_view tag = tree().key(text);
      if (text_meta && tag == kNeedsReview) {
        review_list = &text;
        continue;
      }
      if (text_meta && tag == kReadings) {
        reading_map = &text;
        continue;
      }
      if (text_meta && tag == kReview) {
        review_map = &text;
        continue;
      }
      if (text_meta && tag == kNote) {
        if (!text.is_string() || tree().string(text).empty())
          Error(PointerJoin(here, tag), std::string("expected a note for translators like \"the real WeChat label: "
                                                    "keep it in Chinese\", found ") +
                                            (text.is_string() ? "an empty string" : text.type_name()));
        else
          text_meta->note = std::move(tree().string(text));
        continue;
      }
      if (!ValidLocaleTag(tag))
        Error(PointerJoin(here, tag), "\"" + std::string(tag) + "\" is not a locale tag like zh-Hans, en, ug, mn-Mong");
      if (!text.is_string()) {
        Error(PointerJoin(here, tag), std::string("expected a string, found ") + text.type_name());
        continue;
      }
      std::string& s = tree().string(text);
      if (s.empty()) {
        Error(PointerJoin(here, tag), "empty text: leave the language out until it is written");
        continue;
      }
      // The text moves from the tree into the model: each value is read once (members are in
      // key order, as the map is).
      out->emplace_hint(out->end(), tag, std::move(s));
    }
    if (review_list) ReadNeedsReview(*review_list, PointerJoin(here, kNeedsReview), *out, &text_meta->needs_review);
    if (reading_map) ReadReadings(*reading_map, PointerJoin(here, kReadings), *out, &text_meta->readings);
    if (review_map) ReadReviews(*review_map, PointerJoin(here, kReview), *out, &text_meta->review);
  }

  // "review": {"ug": {"status": "reviewed", "by": "…", "date": "YYYY-MM-DD"}}: each language's
  // own review, for a language the text has. "reviewed" names who and when; "draft" (a text
  // changed since the pack's reviewed status was given) names nobody.
  void ReadReviews(const Value& v, const std::string& here, const std::map<std::string, std::string>& texts,
                   std::map<std::string, TextReview>* out) {
    if (!v.is_object() || v.size == 0) {
      Error(here, std::string("expected reviews like {\"ug\": {\"status\": \"reviewed\", \"by\": \"…\", "
                              "\"date\": \"YYYY-MM-DD\"}}, found ") +
                      (v.is_object() ? "an empty object" : v.type_name()));
      return;
    }
    MarkAllKnown(v);
    for (const Value& entry : tree().children(v)) {
      const std::string tag(tree().key(entry));
      const std::string ptr = PointerJoin(here, tag);
      if (!IsObject(entry, ptr)) continue;
      static constexpr std::string_view kStatuses[] = {"reviewed", "draft"};
      TextReview review;
      review.status = Enum(entry, ptr, "status", true, kStatuses, "status");
      bool has_by = false, has_date = false;
      review.by = String(entry, ptr, "by", false, &has_by);
      review.date = String(entry, ptr, "date", false, &has_date);
      if (has_by && review.by.empty()) Error(PointerJoin(ptr, "by"), "name who reviewed the translation");
      if (has_date && !ValidDate(review.date))
        Error(PointerJoin(ptr, "date"), "date \"" + review.date + "\" must be a real date written YYYY-MM-DD");
      const bool by_given = tree().find(entry, "by"), date_given = tree().find(entry, "date");
      if (review.status == "reviewed" && (!by_given || !date_given))
        Error(ptr, "a reviewed translation names who reviewed it (\"by\") and when (\"date\")");
      if (review.status == "draft" && (by_given || date_given))
        Error(ptr, "a draft names no reviewer: leave out \"by\" and \"date\", or say \"reviewed\"");
      if (!texts.count(tag)) {
        Error(ptr, "a review of the " + tag + " text, but the text has no " + tag + " translation");
        continue;
      }
      if (!review.status.empty()) out->emplace(tag, std::move(review));
    }
  }

  // "readings": {"mn-Mong": "Монгол"}: how a language's text reads in another script, for
  // speech. Each for a language the text has.
  void ReadReadings(const Value& v, const std::string& here, const std::map<std::string, std::string>& texts,
                    std::map<std::string, std::string>* out) {
    if (!v.is_object() || v.size == 0) {
      Error(here, std::string("expected readings like {\"mn-Mong\": \"Монгол\"}, found ") +
                      (v.is_object() ? "an empty object" : v.type_name()));
      return;
    }
    MarkAllKnown(v);
    for (const Value& reading : tree().children(v)) {
      const std::string tag(tree().key(reading));
      const std::string ptr = PointerJoin(here, tag);
      if (!reading.is_string()) {
        Error(ptr, std::string("expected a string, found ") + reading.type_name());
        continue;
      }
      std::string& s = tree().string(reading);
      if (s.empty()) {
        Error(ptr, "empty reading: leave it out until it is written");
        continue;
      }
      if (!texts.count(tag)) {
        Error(ptr, "a reading of the " + tag + " text, but the text has no " + tag + " translation");
        continue;
      }
      out->emplace(tag, std::move(s));
    }
  }

  // "needsReview": ["ug", "bo"]: languages of this text, each once.
  void ReadNeedsReview(const Value& v, const std::string& here, const std::map<std::string, std::string>& texts,
                       std::set<std::string>* out) {
    if (!v.is_array() || v.size == 0) {
      Error(here, std::string("expected a list of languages like [\"ug\", \"bo\"], found ") +
                      (v.is_array() ? "an empty list" : v.type_name()));
      return;
    }
    std::span<const Value> items = tree().children(v);
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string item_ptr = PointerJoin(here, i);
      if (!items[i].is_string()) {
        Error(item_ptr, std::string("expected a locale tag, found ") + items[i].type_name());
        continue;
      }
      const std::string& tag = tree().string(items[i]);
      if (!texts.count(tag))
        Error(item_ptr, "\"" + tag + "\" needs review, but the text has no " + tag + " translation");
      else if (!out->insert(tag).second)
        Error(item_ptr, "\"" + tag + "\" is listed twice");
    }
  }

  LocalizedText Text(const Value& obj, const std::string& ptr, const char* key, bool required) {
    LocalizedText out;
    out.pointer = PointerJoin(ptr, key);
    const Value* v = Field(obj, ptr, key, required);
    if (!v) return out;
    ReadLocaleMap(*v, out.pointer, "{\"zh-Hans\": \"...\", \"en\": \"...\"}", &out.by_locale, &out);
    if (required && v->is_object() && out.by_locale.empty() &&
        std::all_of(tree().children(*v).begin(), tree().children(*v).end(), [&](const Value& m) {
          return std::find(std::begin(kTextMetaKeys), std::end(kTextMetaKeys), tree().key(m)) != std::end(kTextMetaKeys);
        }))
      Error(out.pointer, "text has no language");
    return out;
  }

  PercentRect Rect(const Value& obj, const std::string& ptr) {
    PercentRect r;
    const Value* v = Field(obj, ptr, "rect", true);
    if (!v) return r;
    std::span<const Value> n = v->is_array() ? tree().children(*v) : std::span<const Value>();
    if (!v->is_array() || n.size() != 4 ||
        !std::all_of(n.begin(), n.end(), [](const Value& x) { return x.is_number(); })) {
      Error(PointerJoin(ptr, "rect"), "expected [x, y, width, height] in percent");
      return r;
    }
    r = {n[0].as_float(), n[1].as_float(), n[2].as_float(), n[3].as_float()};
    if (r.x < 0 || r.y < 0 || r.w <= 0 || r.h <= 0 || r.x + r.w > 100.01f || r.y + r.h > 100.01f)
      Error(PointerJoin(ptr, "rect"), "rectangle must lie within 0..100 percent and have a positive size");
    return r;
  }

  uint32_t Color(const Value& obj, const std::string& ptr, const char* key, bool* present) {
    *present = false;
    if (!tree().find(obj, key)) {
      Field(obj, ptr, key, false);
      return 0;
    }
    std::string s = String(obj, ptr, key, false);
    if (!ValidColor(s)) {
      Error(PointerJoin(ptr, key), "colour \"" + s + "\" must look like #RRGGBB");
      return 0;
    }
    *present = true;
    return static_cast<uint32_t>(std::stoul(s.substr(1), nullptr, 16));
  }
};

// [SECTION] Lessons

Screen ReadScreen(Reader& r, const Value& step, const std::string& ptr) {
  Screen screen;
  const Value* v = r.Field(step, ptr, "screen", true);
  if (!v) return screen;
  std::string here = PointerJoin(ptr, "screen");
  if (!r.IsObject(*v, here)) return screen;
  bool has_bg = false;
  uint32_t bg = r.Color(*v, here, "background", &has_bg);
  if (has_bg) screen.background = bg;
  static constexpr std::string_view kIcons[] = {"qr",   "camera",  "phone", "message",
                                                "lock", "warning", "check", "person"};
  r.Array(*v, here, "elements", true, [&](const Value& e, const std::string& ep) {
    if (!r.IsObject(e, ep)) return;
    ScreenElement el;
    static constexpr std::string_view kKinds[] = {"box", "bar", "text", "button", "icon"};
    std::string kind = r.Enum(e, ep, "kind", true, kKinds, "element kind");
    if (kind == "box") el.kind = ScreenElement::Kind::kBox;
    else if (kind == "bar") el.kind = ScreenElement::Kind::kBar;
    else if (kind == "text") el.kind = ScreenElement::Kind::kText;
    else if (kind == "button") el.kind = ScreenElement::Kind::kButton;
    else if (kind == "icon") el.kind = ScreenElement::Kind::kIcon;
    el.rect = r.Rect(e, ep);
    el.color = r.Color(e, ep, "color", &el.has_color);
    bool needs_text = el.kind == ScreenElement::Kind::kText || el.kind == ScreenElement::Kind::kButton;
    el.text = r.Text(e, ep, "text", needs_text);
    if (kind != "icon") el.shown_in_chinese = r.Bool(e, ep, "shownInChinese", false);
    if (kind == "icon") el.icon = r.Enum(e, ep, "icon", true, kIcons, "icon");
    screen.elements.push_back(std::move(el));
  });
  return screen;
}

// [SECTION] Rehearsals: red flags, conversations, typing (issue 13)

// One place of a red-flag step: a flag or a safe part, each explained when tapped.
Hotspot ReadSpot(Reader& r, const Value& h, const std::string& hp, bool flag) {
  Hotspot spot;
  spot.id = r.Id(h, hp);
  spot.rect = r.Rect(h, hp);
  spot.correct = flag;
  spot.label = r.Text(h, hp, "label", true);
  spot.feedback = r.Text(h, hp, "feedback", true);
  return spot;
}

void ReadRedFlags(Reader& r, const Value& v, const std::string& ptr, Step* step) {
  step->type = StepType::kRedFlags;
  step->title = r.Text(v, ptr, "title", false);
  step->instruction = r.Text(v, ptr, "instruction", true);
  step->screen = ReadScreen(r, v, ptr);
  std::set<std::string> ids;
  // Not a structured binding: clang 14 (the browser build's) cannot capture one in a lambda.
  for (const auto& group : {std::pair{"flags", true}, std::pair{"safe", false}}) {
    const char* key = group.first;
    const bool flag = group.second;
    r.Array(v, ptr, key, flag, [&](const Value& h, const std::string& hp) {
      if (!r.IsObject(h, hp)) return;
      Hotspot spot = ReadSpot(r, h, hp, flag);
      if (!spot.id.empty() && !ids.insert(spot.id).second)
        r.Error(PointerJoin(hp, "id"), "duplicate id \"" + spot.id + "\" among the flags and safe places");
      step->hotspots.push_back(std::move(spot));
    });
  }
}

void ReadConversation(Reader& r, const Value& v, const std::string& ptr, Step* step) {
  step->type = StepType::kConversation;
  step->title = r.Text(v, ptr, "title", false);
  step->instruction = r.Text(v, ptr, "instruction", true);
  step->caller = r.Text(v, ptr, "caller", true);
  // Ids of turns and endings share one namespace: a reply's "next" names either.
  std::map<std::string, std::string> where;  // id -> its pointer
  auto claim = [&](const std::string& id, const std::string& p) {
    if (id.empty()) return;
    if (!where.emplace(id, p).second)
      r.Error(PointerJoin(p, "id"), "duplicate id \"" + id + "\" among the turns and endings");
  };
  struct Link {
    size_t turn;          // index of the turn the reply belongs to
    std::string pointer;  // the reply's
    std::string next;
  };
  std::vector<Link> links;
  r.Array(v, ptr, "turns", true, [&](const Value& t, const std::string& tp) {
    if (!r.IsObject(t, tp)) return;
    Turn turn;
    turn.id = r.Id(t, tp);
    turn.say = r.Text(t, tp, "say", true);
    r.Array(t, tp, "replies", true, [&](const Value& c, const std::string& cp) {
      if (!r.IsObject(c, cp)) return;
      Reply reply;
      reply.id = r.Id(c, cp);
      reply.text = r.Text(c, cp, "text", true);
      bool present = false;
      if (std::any_of(turn.replies.begin(), turn.replies.end(), [&](auto& o) { return o.id == reply.id; }))
        r.Error(PointerJoin(cp, "id"), "duplicate reply id \"" + reply.id + "\"");
      reply.next = r.String(c, cp, "next", true, &present);
      if (present) links.push_back({step->turns.size(), cp, reply.next});
      turn.replies.push_back(std::move(reply));
    });
    claim(turn.id, tp);
    step->turns.push_back(std::move(turn));
  });
  static constexpr std::string_view kOutcomes[] = {"safe", "loss"};
  r.Array(v, ptr, "endings", true, [&](const Value& e, const std::string& ep) {
    if (!r.IsObject(e, ep)) return;
    Ending ending;
    ending.id = r.Id(e, ep);
    ending.safe = r.Enum(e, ep, "outcome", true, kOutcomes, "outcome") == "safe";
    ending.title = r.Text(e, ep, "title", true);
    ending.text = r.Text(e, ep, "text", true);
    claim(ending.id, ep);
    step->endings.push_back(std::move(ending));
  });
  // Every reply leads forward (to a later turn or an ending), so every path ends; every turn and
  // ending can be reached from the first turn; at least one ending is safe.
  std::map<std::string, size_t> turn_index;
  for (size_t i = 0; i < step->turns.size(); ++i) turn_index.emplace(step->turns[i].id, i);
  for (const Link& link : links) {
    auto t = turn_index.find(link.next);
    if (t == turn_index.end() && !step->FindEnding(link.next))
      r.Error(PointerJoin(link.pointer, "next"), "\"" + link.next + "\" is no turn or ending of this conversation");
    else if (t != turn_index.end() && t->second <= link.turn)
      r.Error(PointerJoin(link.pointer, "next"),
              "\"" + link.next + "\" is not a later turn: a conversation only goes forward, so every path ends");
  }
  std::set<std::string> reached;
  if (!step->turns.empty()) reached.insert(step->turns[0].id);
  for (const Turn& turn : step->turns)
    if (reached.count(turn.id))
      for (const Reply& reply : turn.replies) reached.insert(reply.next);
  for (const auto& [id, p] : where)
    if (!reached.count(id)) r.Error(p, "\"" + id + "\" cannot be reached from the first turn");
  if (!step->endings.empty() && std::none_of(step->endings.begin(), step->endings.end(), [](auto& e) { return e.safe; }))
    r.Error(PointerJoin(ptr, "endings"), "no ending has \"outcome\": \"safe\": show the learner a way out");
}

bool ValidAnswer(Keypad keypad, std::string_view s) {
  auto digits = [](std::string_view d) { return std::all_of(d.begin(), d.end(), IsDigit); };
  switch (keypad) {
    case Keypad::kAmount: return Cents(s) >= 0;
    case Keypad::kPin: return s.size() >= 4 && s.size() <= 6 && digits(s);
    case Keypad::kPhone: return s.size() >= 3 && s.size() <= 15 && digits(s);
  }
  return false;
}

void ReadTyping(Reader& r, const Value& v, const std::string& ptr, Step* step) {
  step->type = StepType::kTyping;
  step->title = r.Text(v, ptr, "title", false);
  step->instruction = r.Text(v, ptr, "instruction", true);
  if (r.tree().find(v, "screen")) step->screen = ReadScreen(r, v, ptr);
  else r.Field(v, ptr, "screen", false);
  static constexpr std::string_view kKeypads[] = {"amount", "pin", "phone"};
  const std::string keypad = r.Enum(v, ptr, "keypad", true, kKeypads, "keypad");
  step->keypad = keypad == "pin" ? Keypad::kPin : keypad == "phone" ? Keypad::kPhone : Keypad::kAmount;
  bool present = false;
  step->answer = r.String(v, ptr, "answer", true, &present);
  if (present && !keypad.empty() && !ValidAnswer(step->keypad, step->answer))
    r.Error(PointerJoin(ptr, "answer"),
            "answer \"" + step->answer + "\" cannot be typed on the " + keypad + " keypad (" +
                (keypad == "amount" ? "digits with at most 2 after one '.', e.g. 25.50"
                 : keypad == "pin"  ? "4 to 6 digits"
                                    : "3 to 15 digits") + ")");
  step->hint = r.Text(v, ptr, "hint", false);
  step->right_feedback = r.Text(v, ptr, "rightFeedback", true);
  step->wrong_feedback = r.Text(v, ptr, "wrongFeedback", true);
}

// A swipe or a long press on the simulated phone, where a real phone needs one.
void ReadGesture(Reader& r, const Value& v, const std::string& ptr, Step* step) {
  step->type = StepType::kGesture;
  step->title = r.Text(v, ptr, "title", false);
  step->instruction = r.Text(v, ptr, "instruction", true);
  step->screen = ReadScreen(r, v, ptr);
  static constexpr std::string_view kGestures[] = {"swipe", "longPress"};
  const std::string gesture = r.Enum(v, ptr, "gesture", true, kGestures, "gesture");
  step->gesture = gesture == "longPress" ? Gesture::kLongPress : Gesture::kSwipe;
  static constexpr std::string_view kDirections[] = {"up", "down", "left", "right"};
  if (gesture == "swipe") {
    const std::string direction = r.Enum(v, ptr, "direction", true, kDirections, "direction");
    for (Direction d : {Direction::kUp, Direction::kDown, Direction::kLeft, Direction::kRight})
      if (DirectionName(d) == direction) step->direction = d;
  } else if (gesture == "longPress" && r.tree().find(v, "direction")) {
    r.Field(v, ptr, "direction", false);  // known: the complaint is about its meaning
    r.Error(PointerJoin(ptr, "direction"), "a long press has no direction: leave \"direction\" out (or make it a \"swipe\")");
  } else {
    r.Field(v, ptr, "direction", false);
  }
  if (const Value* t = r.Field(v, ptr, "target", true)) {
    const std::string tp = PointerJoin(ptr, "target");
    if (r.IsObject(*t, tp)) {
      step->target.rect = r.Rect(*t, tp);
      step->target.label = r.Text(*t, tp, "label", true);
      step->target.correct = true;
    }
  }
  step->hint = r.Text(v, ptr, "hint", false);
  step->right_feedback = r.Text(v, ptr, "rightFeedback", true);
  step->tap_feedback = r.Text(v, ptr, "tapFeedback", true);
  step->wrong_feedback = r.Text(v, ptr, "wrongFeedback", true);
}

bool ReadStep(Reader& r, const Value& v, const std::string& ptr, Step* step) {
  size_t before = r.error_count();
  if (!r.IsObject(v, ptr)) return false;
  step->id = r.Id(v, ptr);
  static constexpr std::string_view kTypes[] = {"text",     "image",        "practice", "quiz",
                                                "redFlags", "conversation", "typing",   "gesture"};
  std::string type = r.Enum(v, ptr, "type", true, kTypes, "step type");
  step->audio = r.LocaleMap(v, ptr, "audio", false, "{\"bo\": \"audio/bo/intro.ogg\"}");
  if (type == "text") {
    step->type = StepType::kText;
    step->title = r.Text(v, ptr, "title", true);
    step->body = r.Text(v, ptr, "body", true);
  } else if (type == "image") {
    step->type = StepType::kImage;
    step->title = r.Text(v, ptr, "title", false);
    step->screen = ReadScreen(r, v, ptr);
    step->alt = r.Text(v, ptr, "alt", true);
    step->caption = r.Text(v, ptr, "caption", false);
  } else if (type == "practice") {
    step->type = StepType::kPractice;
    step->title = r.Text(v, ptr, "title", false);
    step->instruction = r.Text(v, ptr, "instruction", true);
    step->screen = ReadScreen(r, v, ptr);
    step->hint = r.Text(v, ptr, "hint", false);
    step->miss_feedback = r.Text(v, ptr, "missFeedback", false);
    r.Array(v, ptr, "hotspots", true, [&](const Value& h, const std::string& hp) {
      if (!r.IsObject(h, hp)) return;
      Hotspot spot;
      spot.id = r.Id(h, hp);
      spot.rect = r.Rect(h, hp);
      spot.correct = r.Bool(h, hp, "correct", false);
      spot.label = r.Text(h, hp, "label", true);
      spot.feedback = r.Text(h, hp, "feedback", true);
      step->hotspots.push_back(std::move(spot));
    });
    if (!step->hotspots.empty() &&
        std::none_of(step->hotspots.begin(), step->hotspots.end(), [](auto& h) { return h.correct; }))
      r.Error(PointerJoin(ptr, "hotspots"), "no hotspot is marked \"correct\": true");
  } else if (type == "quiz") {
    step->type = StepType::kQuiz;
    step->question = r.Text(v, ptr, "question", true);
    step->multiple = r.Bool(v, ptr, "multiple", false);
    r.Array(v, ptr, "choices", true, [&](const Value& c, const std::string& cp) {
      if (!r.IsObject(c, cp)) return;
      Choice choice;
      choice.id = r.Id(c, cp);
      choice.text = r.Text(c, cp, "text", true);
      choice.correct = r.Bool(c, cp, "correct", false);
      choice.feedback = r.Text(c, cp, "feedback", true);
      step->choices.push_back(std::move(choice));
    });
    if (step->choices.size() == 1)
      r.Error(PointerJoin(ptr, "choices"), "a quiz needs at least two choices");
    if (!step->choices.empty() &&
        std::none_of(step->choices.begin(), step->choices.end(), [](auto& c) { return c.correct; }))
      r.Error(PointerJoin(ptr, "choices"), "no choice is marked \"correct\": true");
    // The learner picks one answer: with two marked correct, which one the quiz means is an
    // accident of the file. Point at the second. (A "multiple" quiz asks for every right one.)
    for (size_t i = 0, first = step->choices.size(); !step->multiple && i < step->choices.size(); ++i) {
      if (!step->choices[i].correct) continue;
      if (first == step->choices.size()) {
        first = i;
        continue;
      }
      r.Error(PointerJoin(PointerJoin(PointerJoin(ptr, "choices"), i), "correct"),
              "choice \"" + step->choices[i].id + "\" is marked correct, and so is \"" + step->choices[first].id +
                  "\": a quiz has exactly one correct answer");
    }
  } else if (type == "redFlags") {
    ReadRedFlags(r, v, ptr, step);
  } else if (type == "conversation") {
    ReadConversation(r, v, ptr, step);
  } else if (type == "typing") {
    ReadTyping(r, v, ptr, step);
  } else if (type == "gesture") {
    ReadGesture(r, v, ptr, step);
  } else {
    r.MarkAllKnown(v);  // the type is wrong or missing: its other fields are not typos
  }
  return r.error_count() == before;
}

bool ReadLesson(Reader& r, const Value& v, const std::string& ptr, Lesson* lesson) {
  size_t before = r.error_count();
  if (!r.IsObject(v, ptr)) return false;
  lesson->id = r.Id(v, ptr);
  lesson->title = r.Text(v, ptr, "title", true);
  lesson->summary = r.Text(v, ptr, "summary", false);
  if (const Value* m = r.Field(v, ptr, "minutes", false)) {
    // As JSON Schema's "integer": 10 and 10.0 are the same number.
    double d = m->as_double();  // 0 if not a number
    if (d >= 1 && d <= kMaxLessonMinutes && d == std::floor(d)) lesson->minutes = static_cast<int>(d);
    else
      r.Error(PointerJoin(ptr, "minutes"),
              "expected a whole number of minutes from 1 to " + std::to_string(kMaxLessonMinutes));
  }
  std::set<std::string> step_ids;
  r.Array(v, ptr, "steps", true, [&](const Value& s, const std::string& sp) {
    Step step;
    if (ReadStep(r, s, sp, &step)) {
      if (!step_ids.insert(step.id).second)
        r.Error(PointerJoin(sp, "id"), "duplicate step id \"" + step.id + "\"");
      lesson->steps.push_back(std::move(step));
    }
  });
  if (const Value* m = r.Field(v, ptr, "mastery", false)) {
    // How many of the lesson's questions (quiz and typing steps) must be right at the first try.
    const int questions = static_cast<int>(std::count_if(lesson->steps.begin(), lesson->steps.end(), IsQuestion));
    const double d = m->as_double();
    if (!m->is_number() || d < 1 || d != std::floor(d))
      r.Error(PointerJoin(ptr, "mastery"), "expected a whole number of questions, at least 1");
    else if (d > questions)
      r.Error(PointerJoin(ptr, "mastery"), "mastery asks for " + std::to_string(static_cast<long long>(d)) +
                                               " right answers but the lesson has " + std::to_string(questions) +
                                               " questions (quiz and typing steps)");
    else lesson->mastery_correct = static_cast<int>(d);
  }
  return r.error_count() == before;
}

// [SECTION] Guides


// "national", or a province-level division by its ISO 3166-2:CN code.
constexpr std::string_view kRegions[] = {
    "national", "CN-AH", "CN-BJ", "CN-CQ", "CN-FJ", "CN-GD", "CN-GS", "CN-GX", "CN-GZ", "CN-HA", "CN-HB", "CN-HE",
    "CN-HI",    "CN-HK", "CN-HL", "CN-HN", "CN-JL", "CN-JS", "CN-JX", "CN-LN", "CN-MO", "CN-NM", "CN-NX", "CN-QH",
    "CN-SC",    "CN-SD", "CN-SH", "CN-SN", "CN-SX", "CN-TJ", "CN-TW", "CN-XJ", "CN-XZ", "CN-YN", "CN-ZJ"};

// What lets a bureau trust a guide: where it applies, the documents it rests on, who checked it
// and when, and when it must be checked again. A review date only ever comes with a reviewer.
void ReadGuideTrust(Reader& r, const Value& v, const std::string& ptr, Guide* guide) {
  guide->region = r.Enum(v, ptr, "region", false, kRegions, "region");
  r.Array(v, ptr, "sources", false, [&](const Value& s, const std::string& sp) {
    if (!r.IsObject(s, sp)) return;
    Source source;
    bool has_title = false, has_url = false, has_date = false;
    source.title = r.String(s, sp, "title", true, &has_title);
    if (has_title && source.title.empty()) r.Error(PointerJoin(sp, "title"), "give the document's title");
    source.number = r.String(s, sp, "number", false);
    source.url = r.String(s, sp, "url", false, &has_url);
    if (has_url && !(source.url.starts_with("https://") || source.url.starts_with("http://")))
      r.Error(PointerJoin(sp, "url"), "address \"" + source.url + "\" must start with https:// or http://");
    source.date = r.String(s, sp, "date", false, &has_date);
    if (has_date && !ValidDate(source.date))
      r.Error(PointerJoin(sp, "date"), "date \"" + source.date + "\" must be a real date written YYYY-MM-DD");
    guide->sources.push_back(std::move(source));
  });
  bool has_by = false, has_at = false, has_expires = false;
  guide->reviewed_by = r.String(v, ptr, "reviewedBy", false, &has_by);
  if (has_by && guide->reviewed_by.empty()) r.Error(PointerJoin(ptr, "reviewedBy"), "name who checked the guide");
  guide->reviewed_at = r.String(v, ptr, "reviewedAt", false, &has_at);
  if (has_at && !ValidDate(guide->reviewed_at))
    r.Error(PointerJoin(ptr, "reviewedAt"), "date \"" + guide->reviewed_at + "\" must be a real date written YYYY-MM-DD");
  if (r.tree().find(v, "reviewedAt") && !r.tree().find(v, "reviewedBy"))
    r.Error(PointerJoin(ptr, "reviewedAt"),
            "a review date needs \"reviewedBy\": only the reviewer who checked the guide sets both");
  if (r.tree().find(v, "reviewedBy") && !r.tree().find(v, "reviewedAt"))
    r.Error(PointerJoin(ptr, "reviewedBy"), "give \"reviewedAt\", the date the guide was checked");
  guide->expires_at = r.String(v, ptr, "expiresAt", true, &has_expires);
  if (has_expires && !ValidDate(guide->expires_at))
    r.Error(PointerJoin(ptr, "expiresAt"), "date \"" + guide->expires_at + "\" must be a real date written YYYY-MM-DD");
}

bool ReadGuide(Reader& r, const Value& v, const std::string& ptr, Guide* guide) {
  size_t before = r.error_count();
  if (!r.IsObject(v, ptr)) return false;
  guide->id = r.Id(v, ptr);
  guide->title = r.Text(v, ptr, "title", true);
  guide->summary = r.Text(v, ptr, "summary", false);
  ReadGuideTrust(r, v, ptr, guide);
  guide->who_can_apply = r.Text(v, ptr, "whoCanApply", true);
  std::set<std::string> item_ids;
  r.Array(v, ptr, "whatToBring", true, [&](const Value& item, const std::string& ip) {
    if (!r.IsObject(item, ip)) return;
    ChecklistItem ci;
    ci.id = r.Id(item, ip);
    ci.text = r.Text(item, ip, "text", true);
    if (!ci.id.empty() && !item_ids.insert(ci.id).second)
      r.Error(PointerJoin(ip, "id"), "duplicate checklist id \"" + ci.id + "\"");
    guide->what_to_bring.push_back(std::move(ci));
  });
  r.Array(v, ptr, "steps", true, [&](const Value& s, const std::string& sp) {
    if (!r.IsObject(s, sp)) return;
    guide->steps.push_back(r.Text(s, sp, "text", true));
  });
  guide->where_and_when = r.Text(v, ptr, "whereAndWhen", true);
  guide->fees = r.Text(v, ptr, "fees", true);
  guide->help = r.Text(v, ptr, "help", false);
  static constexpr std::string_view kChannels[] = {"in-person", "phone", "online", "family"};
  r.Array(v, ptr, "otherWays", true, [&](const Value& w, const std::string& wp) {
    if (!r.IsObject(w, wp)) return;
    OtherWay way;
    way.channel = r.Enum(w, wp, "channel", true, kChannels, "channel");
    way.text = r.Text(w, wp, "text", true);
    guide->other_ways.push_back(std::move(way));
  });
  if (r.error_count() == before &&
      std::none_of(guide->other_ways.begin(), guide->other_ways.end(),
                   [](const OtherWay& w) { return w.channel == "in-person"; }))
    r.Error(PointerJoin(ptr, "otherWays"), "keep at least one \"in-person\" way to do it");
  return r.error_count() == before;
}

}  // namespace

// [SECTION] Packs

namespace {

bool ReadPack(Reader& r, const Value& root, const std::string& file, Pack* out) {
  Pack& pack = *out;
  pack.file = file;
  r.Field(root, "", "$schema", false);  // editors read it; so do we, to know it is no typo
  bool has_version = false;
  pack.schema_version = r.String(root, "", "schemaVersion", true, &has_version);
  if (!has_version) {
    r.MarkAllKnown(root);  // without a version we cannot tell which fields are typos
    return false;
  }
  // "<major>.<minor>", each 1 to 9 ASCII digits.
  const std::string& version = pack.schema_version;
  const size_t dot = version.find('.');
  auto digits = [](std::string_view d) {
    return !d.empty() && d.size() <= 9 && std::all_of(d.begin(), d.end(), IsDigit);
  };
  if (dot == std::string::npos || !digits(std::string_view(version).substr(0, dot)) ||
      !digits(std::string_view(version).substr(dot + 1))) {
    r.Error("/schemaVersion", "schemaVersion \"" + pack.schema_version + "\" must look like 1.0");
    r.MarkAllKnown(root);
    return false;
  }
  int major = std::stoi(version.substr(0, dot));
  if (major > kSchemaMajor) {
    r.Error("/schemaVersion", "this pack needs a newer Qiao (pack format " + pack.schema_version +
                                  ", this kiosk reads format " + std::to_string(kSchemaMajor) +
                                  ".x): update the kiosk software");
    r.MarkAllKnown(root);  // a newer format may have fields this build does not know
    return false;
  }
  pack.id = r.Id(root, "");
  pack.title = r.Text(root, "", "title", true);
  pack.author = r.String(root, "", "author", false);
  pack.license = r.String(root, "", "license", false);
  if (const Value* t = r.Field(root, "", "translations", false); t && r.IsObject(*t, "/translations")) {
    r.MarkAllKnown(*t);  // locale tag -> {status, reviewedBy, reviewedAt}: typos inside are named
    for (const Value& info : r.tree().children(*t)) {
      const std::string tag(r.tree().key(info));
      std::string p = PointerJoin("/translations", tag);
      if (!r.IsObject(info, p)) continue;
      if (!ValidLocaleTag(tag))
        r.Error(p, "\"" + tag + "\" is not a locale tag like zh-Hans, en, ug, mn-Mong");
      static constexpr std::string_view kStatuses[] = {"source", "draft", "reviewed"};
      std::string status = r.Enum(info, p, "status", true, kStatuses, "status");
      bool has_by = false, has_at = false;
      std::string by = r.String(info, p, "reviewedBy", false, &has_by);
      std::string at = r.String(info, p, "reviewedAt", false, &has_at);
      if (has_by && by.empty())
        r.Error(PointerJoin(p, "reviewedBy"), "name who reviewed the translation");
      if (has_at && !ValidDate(at))
        r.Error(PointerJoin(p, "reviewedAt"), "date \"" + at + "\" must be a real date written YYYY-MM-DD");
      if (status == "reviewed" && (!r.tree().find(info, "reviewedBy") || !r.tree().find(info, "reviewedAt")))
        r.Error(p, "a reviewed translation names reviewedBy and reviewedAt");
      // Written by `qiao-pack po import`: text pointer -> CRC-32 (8 hex digits) of the zh-Hans
      // source the translation was made from; `po export` marks a text fuzzy when it differs.
      if (const Value* hashes = r.Field(info, p, "sourceHashes", false);
          hashes && r.IsObject(*hashes, PointerJoin(p, "sourceHashes"))) {
        const std::string hp = PointerJoin(p, "sourceHashes");
        for (const Value& h : r.tree().children(*hashes)) {
          const std::string key(r.tree().key(h));
          std::string hex = r.String(*hashes, hp, key.c_str(), false);  // names a non-string
          if (h.is_string() && (hex.size() != 8 || hex.find_first_not_of("0123456789abcdef") != std::string::npos))
            r.Error(PointerJoin(hp, key), "expected 8 lowercase hex digits (a CRC-32 written by qiao-pack po import)");
          else if (h.is_string())
            pack.source_hashes[tag][key] = std::move(hex);
        }
      }
      pack.translation_status[tag] = status;
    }
  }
  if (!r.tree().find(root, "id") || pack.id.empty()) return false;

  std::set<std::string> ids;
  r.Array(root, "", "lessons", false, [&](const Value& v, const std::string& p) {
    Lesson lesson;
    if (!ReadLesson(r, v, p, &lesson)) return;  // errors recorded; skip only this lesson
    if (!ids.insert("lesson/" + lesson.id).second) {
      r.Error(PointerJoin(p, "id"), "duplicate lesson id \"" + lesson.id + "\"");
      return;
    }
    pack.lessons.push_back(std::move(lesson));
  });
  r.Array(root, "", "guides", false, [&](const Value& v, const std::string& p) {
    Guide guide;
    if (!ReadGuide(r, v, p, &guide)) return;
    if (!ids.insert("guide/" + guide.id).second) {
      r.Error(PointerJoin(p, "id"), "duplicate guide id \"" + guide.id + "\"");
      return;
    }
    pack.guides.push_back(std::move(guide));
  });
  return true;
}

}  // namespace

PackResult LoadPack(std::string_view bytes, const std::string& file) {
  PackResult result;
  if (bytes.size() > kMaxPackBytes) {
    result.errors.push_back({file, 0, 0, "", TooLargeMessage(bytes.size())});
    return result;
  }
  JsonTree tree;
  LoadError error;
  if (!tree.Parse(bytes, file, &error)) {
    result.errors.push_back(std::move(error));
    return result;
  }
  Reader r(tree, bytes, file, &result.errors);
  const Value& root = tree.root();
  if (!r.IsObject(root, "")) return result;
  result.loaded = ReadPack(r, root, file, &result.pack);
  r.ReportUnknownFields();
  return result;
}

std::string TooLargeMessage(size_t bytes) {
  return "file is " + std::to_string(bytes / 1024) + " KiB; a pack may be at most " +
         std::to_string(kMaxPackBytes / 1024 / 1024) +
         " MiB (split it into several packs, and keep pictures and audio in separate files)";
}

bool ReadFile(const std::string& path, std::string* out, std::string* error, size_t max_bytes) {
  return support::ReadFile(path, out, error, max_bytes, max_bytes == kMaxPackBytes ? TooLargeMessage : nullptr);
}

Library LoadLibrary(const std::string& folder) {
  namespace fs = std::filesystem;
  Library lib;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 10 && name.ends_with(".pack.json")) files.push_back(it->path());
  }
  if (ec) {
    lib.errors.push_back({folder, 0, 0, "", "cannot read the packs folder: " + ec.message()});
    return lib;
  }
  std::sort(files.begin(), files.end());
  std::set<std::string> seen;
  for (const fs::path& path : files) {
    std::string bytes, error;
    if (!ReadFile(path.string(), &bytes, &error, kMaxPackBytes)) {
      lib.errors.push_back({path.string(), 0, 0, "", error});
      continue;
    }
    PackResult r = LoadPack(bytes, path.string());
    lib.errors.insert(lib.errors.end(), r.errors.begin(), r.errors.end());
    if (!r.loaded) continue;
    // Ids are global across packs (they name routes): the first pack to use one keeps it.
    auto dedupe = [&](auto& items, const char* kind) {
      std::erase_if(items, [&](const auto& item) {
        bool dup = !seen.insert(std::string(kind) + "/" + item.id).second;
        if (dup)
          lib.errors.push_back({path.string(), 0, 0, "",
                                std::string(kind) + " id \"" + item.id +
                                    "\" is already used by an earlier pack; skipped"});
        return dup;
      });
    };
    dedupe(r.pack.lessons, "lesson");
    dedupe(r.pack.guides, "guide");
    lib.packs.push_back(std::move(r.pack));
  }
  return lib;
}

void ForEachText(const Pack& pack, const std::function<void(const LocalizedText&)>& fn) {
  auto visit = [&](const LocalizedText& t) {
    if (!t.empty()) fn(t);
  };
  visit(pack.title);
  for (const Lesson& l : pack.lessons) {
    visit(l.title);
    visit(l.summary);
    for (const Step& s : l.steps) {
      for (const LocalizedText* t : {&s.title, &s.body, &s.instruction, &s.alt, &s.caption,
                                     &s.hint, &s.miss_feedback, &s.question})
        visit(*t);
      for (const ScreenElement& e : s.screen.elements) visit(e.text);
      for (const Hotspot& h : s.hotspots) {
        visit(h.label);
        visit(h.feedback);
      }
      for (const Choice& c : s.choices) {
        visit(c.text);
        visit(c.feedback);
      }
      visit(s.caller);
      for (const Turn& t : s.turns) {
        visit(t.say);
        for (const Reply& r : t.replies) visit(r.text);
      }
      for (const Ending& e : s.endings) {
        visit(e.title);
        visit(e.text);
      }
      visit(s.target.label);
      visit(s.right_feedback);
      visit(s.tap_feedback);
      visit(s.wrong_feedback);
    }
  }
  for (const Guide& g : pack.guides) {
    for (const LocalizedText* t : {&g.title, &g.summary, &g.who_can_apply}) visit(*t);
    for (const ChecklistItem& i : g.what_to_bring) visit(i.text);
    for (const LocalizedText& t : g.steps) visit(t);
    for (const LocalizedText* t : {&g.where_and_when, &g.fees}) visit(*t);
    for (const OtherWay& w : g.other_ways) visit(w.text);
    visit(g.help);
  }
}

const Lesson* Library::FindLesson(std::string_view id) const {
  for (const Pack& p : packs)
    for (const Lesson& l : p.lessons)
      if (l.id == id) return &l;
  return nullptr;
}

const Guide* Library::FindGuide(std::string_view id) const {
  for (const Pack& p : packs)
    for (const Guide& g : p.guides)
      if (g.id == id) return &g;
  return nullptr;
}

std::vector<const Lesson*> Library::Lessons() const {
  std::vector<const Lesson*> out;
  for (const Pack& p : packs)
    for (const Lesson& l : p.lessons) out.push_back(&l);
  return out;
}

std::vector<const Guide*> Library::Guides() const {
  std::vector<const Guide*> out;
  for (const Pack& p : packs)
    for (const Guide& g : p.guides) out.push_back(&g);
  return out;
}

}  // namespace qiao::content
