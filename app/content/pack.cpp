#include "content/pack.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace qiao::content {

using nlohmann::json;

// [SECTION] LocalizedText

LocalizedText::Resolved LocalizedText::Resolve(std::span<const std::string> chain) const {
  for (const std::string& tag : chain) {
    auto it = by_locale.find(tag);
    if (it != by_locale.end() && !it->second.empty()) return {it->second, it->first};
  }
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
  }
  return "text";
}

// [SECTION] Reader: typed access that records every problem with its pointer

namespace {

// Reads fields of one JSON object and records what is wrong, so that a trainer gets every
// problem of a lesson in one go rather than one per run.
class Reader {
 public:
  Reader(const JsonDocument& doc, std::vector<LoadError>& errors) : doc_(doc), errors_(errors) {}

  void Error(const std::string& pointer, std::string message) {
    errors_.push_back(doc_.MakeError(pointer, std::move(message)));
  }
  size_t error_count() const { return errors_.size(); }

  bool IsObject(const json& v, const std::string& ptr) {
    if (v.is_object()) return true;
    Error(ptr, std::string("expected an object, found ") + v.type_name());
    return false;
  }

  const json* Field(const json& obj, const std::string& ptr, const char* key, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) Error(PointerJoin(ptr, key), std::string("missing required field \"") + key + "\"");
      return nullptr;
    }
    return &*it;
  }

  std::string String(const json& obj, const std::string& ptr, const char* key, bool required) {
    const json* v = Field(obj, ptr, key, required);
    if (!v) return {};
    if (!v->is_string()) {
      Error(PointerJoin(ptr, key), std::string("expected a string, found ") + v->type_name());
      return {};
    }
    return v->get<std::string>();
  }

  std::string Id(const json& obj, const std::string& ptr) {
    std::string id = String(obj, ptr, "id", true);
    static const std::regex kIdPattern("^[a-z0-9]+(-[a-z0-9]+)*$");
    if (!id.empty() && !std::regex_match(id, kIdPattern))
      Error(PointerJoin(ptr, "id"),
            "id \"" + id + "\" must be lowercase letters and digits joined by '-'");
    return id;
  }

  bool Bool(const json& obj, const std::string& ptr, const char* key, bool fallback) {
    const json* v = Field(obj, ptr, key, false);
    if (!v) return fallback;
    if (!v->is_boolean()) {
      Error(PointerJoin(ptr, key), std::string("expected true or false, found ") + v->type_name());
      return fallback;
    }
    return v->get<bool>();
  }

  LocalizedText Text(const json& obj, const std::string& ptr, const char* key, bool required) {
    LocalizedText out;
    const json* v = Field(obj, ptr, key, required);
    if (!v) return out;
    std::string here = PointerJoin(ptr, key);
    if (!v->is_object()) {
      Error(here, std::string("expected a text object like {\"zh-Hans\": \"...\", \"en\": \"...\"}, found ") +
                      v->type_name());
      return out;
    }
    for (const auto& [tag, text] : v->items()) {
      if (!text.is_string()) {
        Error(PointerJoin(here, tag), std::string("expected a string, found ") + text.type_name());
        continue;
      }
      out.by_locale[tag] = text.get<std::string>();
    }
    if (required && out.by_locale.empty()) Error(here, "text has no language");
    return out;
  }

  PercentRect Rect(const json& obj, const std::string& ptr) {
    PercentRect r;
    const json* v = Field(obj, ptr, "rect", true);
    if (!v) return r;
    std::string here = PointerJoin(ptr, "rect");
    if (!v->is_array() || v->size() != 4 ||
        !std::all_of(v->begin(), v->end(), [](const json& n) { return n.is_number(); })) {
      Error(here, "expected [x, y, width, height] in percent");
      return r;
    }
    r = {(*v)[0].get<float>(), (*v)[1].get<float>(), (*v)[2].get<float>(), (*v)[3].get<float>()};
    if (r.x < 0 || r.y < 0 || r.w <= 0 || r.h <= 0 || r.x + r.w > 100.01f || r.y + r.h > 100.01f)
      Error(here, "rectangle must lie within 0..100 percent and have a positive size");
    return r;
  }

  uint32_t Color(const json& obj, const std::string& ptr, const char* key, bool* present) {
    std::string s = String(obj, ptr, key, false);
    *present = false;
    if (s.empty()) return 0;
    static const std::regex kColor("^#[0-9A-Fa-f]{6}$");
    if (!std::regex_match(s, kColor)) {
      Error(PointerJoin(ptr, key), "colour \"" + s + "\" must look like #RRGGBB");
      return 0;
    }
    *present = true;
    return static_cast<uint32_t>(std::stoul(s.substr(1), nullptr, 16));
  }

  template <typename Fn>
  void Array(const json& obj, const std::string& ptr, const char* key, bool required, Fn&& each) {
    const json* v = Field(obj, ptr, key, required);
    if (!v) return;
    std::string here = PointerJoin(ptr, key);
    if (!v->is_array()) {
      Error(here, std::string("expected a list, found ") + v->type_name());
      return;
    }
    if (required && v->empty()) Error(here, "list is empty");
    for (size_t i = 0; i < v->size(); ++i) each((*v)[i], PointerJoin(here, i));
  }

 private:
  const JsonDocument& doc_;
  std::vector<LoadError>& errors_;
};

// [SECTION] Lessons

Screen ReadScreen(Reader& r, const json& step, const std::string& ptr) {
  Screen screen;
  const json* v = r.Field(step, ptr, "screen", true);
  if (!v) return screen;
  std::string here = PointerJoin(ptr, "screen");
  if (!r.IsObject(*v, here)) return screen;
  bool has_bg = false;
  uint32_t bg = r.Color(*v, here, "background", &has_bg);
  if (has_bg) screen.background = bg;
  static const std::set<std::string> kIcons = {"qr",   "camera",  "phone", "message",
                                               "lock", "warning", "check", "person"};
  r.Array(*v, here, "elements", true, [&](const json& e, const std::string& ep) {
    if (!r.IsObject(e, ep)) return;
    ScreenElement el;
    std::string kind = r.String(e, ep, "kind", true);
    if (kind == "box") el.kind = ScreenElement::Kind::kBox;
    else if (kind == "bar") el.kind = ScreenElement::Kind::kBar;
    else if (kind == "text") el.kind = ScreenElement::Kind::kText;
    else if (kind == "button") el.kind = ScreenElement::Kind::kButton;
    else if (kind == "icon") el.kind = ScreenElement::Kind::kIcon;
    else if (!kind.empty())
      r.Error(PointerJoin(ep, "kind"), "unknown element kind \"" + kind +
                                           "\" (expected box, bar, text, button or icon)");
    el.rect = r.Rect(e, ep);
    el.color = r.Color(e, ep, "color", &el.has_color);
    bool needs_text = el.kind == ScreenElement::Kind::kText || el.kind == ScreenElement::Kind::kButton;
    el.text = r.Text(e, ep, "text", needs_text);
    if (el.kind == ScreenElement::Kind::kIcon) {
      el.icon = r.String(e, ep, "icon", true);
      if (!el.icon.empty() && !kIcons.count(el.icon))
        r.Error(PointerJoin(ep, "icon"), "unknown icon \"" + el.icon + "\"");
    }
    screen.elements.push_back(std::move(el));
  });
  return screen;
}

bool ReadStep(Reader& r, const json& v, const std::string& ptr, Step* step) {
  size_t before = r.error_count();
  if (!r.IsObject(v, ptr)) return false;
  step->id = r.Id(v, ptr);
  std::string type = r.String(v, ptr, "type", true);
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
    r.Array(v, ptr, "hotspots", true, [&](const json& h, const std::string& hp) {
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
    r.Array(v, ptr, "choices", true, [&](const json& c, const std::string& cp) {
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
  } else if (!type.empty()) {
    r.Error(PointerJoin(ptr, "type"),
            "unknown step type \"" + type + "\" (expected text, image, practice or quiz)");
  }
  return r.error_count() == before;
}

bool ReadLesson(Reader& r, const json& v, const std::string& ptr, Lesson* lesson) {
  size_t before = r.error_count();
  if (!r.IsObject(v, ptr)) return false;
  lesson->id = r.Id(v, ptr);
  lesson->title = r.Text(v, ptr, "title", true);
  lesson->summary = r.Text(v, ptr, "summary", false);
  if (const json* m = r.Field(v, ptr, "minutes", false)) {
    if (m->is_number_integer() && m->get<int>() > 0) lesson->minutes = m->get<int>();
    else r.Error(PointerJoin(ptr, "minutes"), "expected a positive whole number of minutes");
  }
  std::set<std::string> step_ids;
  r.Array(v, ptr, "steps", true, [&](const json& s, const std::string& sp) {
    Step step;
    if (ReadStep(r, s, sp, &step)) {
      if (!step_ids.insert(step.id).second)
        r.Error(PointerJoin(sp, "id"), "duplicate step id \"" + step.id + "\"");
      lesson->steps.push_back(std::move(step));
    }
  });
  return r.error_count() == before;
}

// [SECTION] Guides

bool ValidDate(const std::string& s) {
  static const std::regex kDate("^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$");
  return std::regex_match(s, kDate);
}

bool ReadGuide(Reader& r, const json& v, const std::string& ptr, Guide* guide) {
  size_t before = r.error_count();
  if (!r.IsObject(v, ptr)) return false;
  guide->id = r.Id(v, ptr);
  guide->title = r.Text(v, ptr, "title", true);
  guide->summary = r.Text(v, ptr, "summary", false);
  for (auto [key, out] : {std::pair{"reviewedAt", &guide->reviewed_at},
                          std::pair{"expiresAt", &guide->expires_at}}) {
    *out = r.String(v, ptr, key, true);
    if (!out->empty() && !ValidDate(*out))
      r.Error(PointerJoin(ptr, key), "date \"" + *out + "\" must be YYYY-MM-DD");
  }
  guide->who_can_apply = r.Text(v, ptr, "whoCanApply", true);
  std::set<std::string> item_ids;
  r.Array(v, ptr, "whatToBring", true, [&](const json& item, const std::string& ip) {
    if (!r.IsObject(item, ip)) return;
    ChecklistItem ci;
    ci.id = r.Id(item, ip);
    ci.text = r.Text(item, ip, "text", true);
    if (!ci.id.empty() && !item_ids.insert(ci.id).second)
      r.Error(PointerJoin(ip, "id"), "duplicate checklist id \"" + ci.id + "\"");
    guide->what_to_bring.push_back(std::move(ci));
  });
  r.Array(v, ptr, "steps", true, [&](const json& s, const std::string& sp) {
    if (!r.IsObject(s, sp)) return;
    guide->steps.push_back(r.Text(s, sp, "text", true));
  });
  guide->where_and_when = r.Text(v, ptr, "whereAndWhen", true);
  guide->fees = r.Text(v, ptr, "fees", true);
  guide->help = r.Text(v, ptr, "help", false);
  static const std::set<std::string> kChannels = {"in-person", "phone", "online", "family"};
  r.Array(v, ptr, "otherWays", true, [&](const json& w, const std::string& wp) {
    if (!r.IsObject(w, wp)) return;
    OtherWay way;
    way.channel = r.String(w, wp, "channel", true);
    if (!way.channel.empty() && !kChannels.count(way.channel))
      r.Error(PointerJoin(wp, "channel"),
              "unknown channel \"" + way.channel + "\" (expected in-person, phone, online or family)");
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

PackResult LoadPack(std::string_view bytes, const std::string& file) {
  PackResult result;
  JsonParseResult parsed = ParseJsonWithPositions(bytes, file);
  if (!parsed.ok) {
    result.errors.push_back(parsed.error);
    return result;
  }
  const JsonDocument& doc = parsed.doc;
  const json& root = doc.root;
  Reader r(doc, result.errors);
  if (!r.IsObject(root, "")) return result;

  Pack& pack = result.pack;
  pack.file = file;
  pack.schema_version = r.String(root, "", "schemaVersion", true);
  if (pack.schema_version.empty()) return result;
  static const std::regex kVersion("^(\\d+)\\.(\\d+)$");
  std::smatch m;
  if (!std::regex_match(pack.schema_version, m, kVersion)) {
    r.Error("/schemaVersion", "schemaVersion \"" + pack.schema_version + "\" must look like 1.0");
    return result;
  }
  int major = std::stoi(m[1].str());
  if (major > kSchemaMajor) {
    r.Error("/schemaVersion", "this pack needs a newer Qiao (pack format " + pack.schema_version +
                                  ", this kiosk reads format " + std::to_string(kSchemaMajor) +
                                  ".x): update the kiosk software");
    return result;
  }
  pack.id = r.Id(root, "");
  pack.title = r.Text(root, "", "title", true);
  pack.author = r.String(root, "", "author", false);
  pack.license = r.String(root, "", "license", false);
  if (const json* t = r.Field(root, "", "translations", false); t && r.IsObject(*t, "/translations")) {
    for (const auto& [tag, info] : t->items()) {
      std::string p = PointerJoin("/translations", tag);
      if (!r.IsObject(info, p)) continue;
      std::string status = r.String(info, p, "status", true);
      if (status == "reviewed" && (!info.contains("reviewedBy") || !info.contains("reviewedAt")))
        r.Error(p, "a reviewed translation names reviewedBy and reviewedAt");
      else if (!status.empty() && status != "source" && status != "draft" && status != "reviewed")
        r.Error(PointerJoin(p, "status"), "status must be source, draft or reviewed");
      pack.translation_status[tag] = status;
    }
  }
  if (pack.id.empty()) return result;

  std::set<std::string> ids;
  r.Array(root, "", "lessons", false, [&](const json& v, const std::string& p) {
    Lesson lesson;
    if (!ReadLesson(r, v, p, &lesson)) return;  // errors recorded; skip only this lesson
    if (!ids.insert("lesson/" + lesson.id).second) {
      r.Error(PointerJoin(p, "id"), "duplicate lesson id \"" + lesson.id + "\"");
      return;
    }
    pack.lessons.push_back(std::move(lesson));
  });
  r.Array(root, "", "guides", false, [&](const json& v, const std::string& p) {
    Guide guide;
    if (!ReadGuide(r, v, p, &guide)) return;
    if (!ids.insert("guide/" + guide.id).second) {
      r.Error(PointerJoin(p, "id"), "duplicate guide id \"" + guide.id + "\"");
      return;
    }
    pack.guides.push_back(std::move(guide));
  });
  result.loaded = true;
  return result;
}

bool ReadFile(const std::string& path, std::string* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open file";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  *out = ss.str();
  return true;
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
    if (!ReadFile(path.string(), &bytes, &error)) {
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
