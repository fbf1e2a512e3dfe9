// qiao-pack po export / import (see po.h). PO syntax is read and written by GNU gettext's
// libgettextpo, never by hand; JSON by nlohmann (ordered, so key order survives the round trip).
// [SECTION] index: writer · gettext glue · export · import
#include "tools/pack/po.h"

#include "i18n/i18n.h"

#include <gettext-po.h>
#include <zlib.h>

#include <algorithm>
#include <csetjmp>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

namespace qiao::tools {

using content::LoadError;
using nlohmann::ordered_json;
namespace fs = std::filesystem;

// [SECTION] writer

namespace {

// Bidi controls are invisible in an editor; the bundled files spell them \u200e (README).
std::string EscapeBidi(std::string s) {
  static const std::pair<const char*, const char*> kMarks[] = {
      {"\u200e", "\\u200e"}, {"\u200f", "\\u200f"}, {"\u061c", "\\u061c"}, {"\u202a", "\\u202a"},
      {"\u202b", "\\u202b"}, {"\u202c", "\\u202c"}, {"\u202d", "\\u202d"}, {"\u202e", "\\u202e"},
      {"\u2066", "\\u2066"}, {"\u2067", "\\u2067"}, {"\u2068", "\\u2068"}, {"\u2069", "\\u2069"}};
  for (const auto& [raw, escaped] : kMarks)
    for (size_t at = s.find(raw); at != std::string::npos; at = s.find(raw, at + 6)) s.replace(at, 3, escaped);
  return s;
}

void Write(const ordered_json& v, int indent, const JsonStyle& style, std::string* out) {
  auto esc = [&](std::string s) { return style.escape_bidi ? EscapeBidi(std::move(s)) : s; };
  const std::string pad(indent + 2, ' ');
  if (v.is_object()) {
    if (v.empty()) {
      *out += "{}";
      return;
    }
    *out += "{\n";
    size_t i = 0;
    for (auto it = v.begin(); it != v.end(); ++it, ++i) {
      *out += pad + esc(ordered_json(it.key()).dump()) + ": ";
      Write(it.value(), indent + 2, style, out);
      *out += i + 1 < v.size() ? ",\n" : "\n";
    }
    *out += std::string(indent, ' ') + "}";
  } else if (v.is_array()) {
    bool plain = std::none_of(v.begin(), v.end(), [](const ordered_json& e) { return e.is_structured(); });
    if (v.empty() || (plain && style.inline_plain_arrays)) {  // [0, 0, 100, 7] as the packs write rectangles
      *out += "[";
      for (size_t i = 0; i < v.size(); ++i) *out += (i ? ", " : "") + esc(v[i].dump());
      *out += "]";
      return;
    }
    *out += "[\n";
    for (size_t i = 0; i < v.size(); ++i) {
      *out += pad;
      Write(v[i], indent + 2, style, out);
      *out += i + 1 < v.size() ? ",\n" : "\n";
    }
    *out += std::string(indent, ' ') + "]";
  } else {
    *out += esc(v.dump());
  }
}

}  // namespace

std::string WriteJson(const ordered_json& doc, const JsonStyle& style) {
  std::string out;
  Write(doc, 0, style, &out);
  return out + "\n";
}

JsonStyle StyleOf(const std::string& original, const ordered_json& doc) {
  JsonStyle best;
  size_t best_distance = std::string::npos;
  const auto lines = [](const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); };
  for (bool inline_arrays : {true, false})
    for (bool escape : {true, false}) {
      JsonStyle style{inline_arrays, escape};
      const std::string text = WriteJson(doc, style);
      if (text == original) return style;
      // Not exact (hand-edited): the layout whose line count is nearest, bidi as the file has it.
      size_t distance = lines(text) > lines(original) ? lines(text) - lines(original) : lines(original) - lines(text);
      distance = distance * 2 + (escape == (original.find("\\u20") != std::string::npos) ? 0 : 1);
      if (distance < best_distance) {
        best_distance = distance;
        best = style;
      }
    }
  return best;
}

std::string SourceHash(const std::string& text) {
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size()));
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08lx", static_cast<unsigned long>(crc & 0xffffffffUL));
  return buf;
}

// [SECTION] gettext glue

namespace {

// libgettextpo reports through a handler that must not return on a fatal error: the one call in
// flight is abandoned with longjmp (the CLI is single-threaded; the PO file is then unusable).
struct GettextErrors {
  std::vector<LoadError>* errors = nullptr;
  std::jmp_buf fatal;
};
GettextErrors* g_gettext = nullptr;

// Records a problem. Nothing with a destructor may be alive when Fatal() jumps out.
void Record(int severity, const char* filename, size_t lineno, size_t column, const char* text) {
  if (!g_gettext || !g_gettext->errors || severity == PO_SEVERITY_WARNING) return;
  LoadError e;
  e.file = filename ? filename : "";
  e.line = lineno == static_cast<size_t>(-1) ? 0 : static_cast<int>(lineno);
  e.column = column == static_cast<size_t>(-1) || column == 0 ? (e.line ? 1 : 0) : static_cast<int>(column);
  e.message = text ? text : "";
  while (!e.message.empty() && e.message.back() == '\n') e.message.pop_back();
  g_gettext->errors->push_back(std::move(e));
}

[[noreturn]] void Fatal() { std::longjmp(g_gettext->fatal, 1); }

void XError(int severity, po_message_t, const char* filename, size_t lineno, size_t column, int,
            const char* text) {
  Record(severity, filename, lineno, column, text);
  if (severity == PO_SEVERITY_FATAL_ERROR && g_gettext) Fatal();
}

void XError2(int severity, po_message_t, const char* filename1, size_t lineno1, size_t column1, int,
             const char* text1, po_message_t, const char*, size_t, size_t, int, const char* text2) {
  {
    const std::string both = std::string(text1 ? text1 : "") + " " + (text2 ? text2 : "");
    Record(severity, filename1, lineno1, column1, both.c_str());
  }
  if (severity == PO_SEVERITY_FATAL_ERROR && g_gettext) Fatal();
}

const po_xerror_handler kHandler = {XError, XError2};

struct PoFileDeleter {
  void operator()(po_file_t f) const {
    if (f) po_file_free(f);
  }
};
using PoFile = std::unique_ptr<std::remove_pointer_t<po_file_t>, PoFileDeleter>;

// "zh-Hans" -> "zh_Hans": the form of gettext's Language header.
std::string PoLanguage(std::string tag) {
  std::replace(tag.begin(), tag.end(), '-', '_');
  return tag;
}

// Now, as gettext writes PO-Revision-Date ("2026-12-07 04:49+0000").
std::string RevisionDate() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M+0000", &utc);
  return buf;
}

std::string Header(const std::string& locale, const std::string& file, const std::string& kind,
                   bool for_review = false) {
  return "Project-Id-Version: Qiao\n"
         "Report-Msgid-Bugs-To: \n"
         "PO-Revision-Date: " + RevisionDate() + "\n"
         "Last-Translator: \n"
         "Language-Team: \n"
         "Language: " + PoLanguage(locale) + "\n"
         "MIME-Version: 1.0\n"
         "Content-Type: text/plain; charset=UTF-8\n"
         "Content-Transfer-Encoding: 8bit\n"
         "X-Qiao-File: " + file + "\n"
         "X-Qiao-Kind: " + kind + "\n" + (for_review ? "X-Qiao-Review: yes\n" : "");
}

// Today in UTC, YYYY-MM-DD.
std::string Today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
  return buf;
}

struct Entry {
  std::string context, source, translation, comments, file;
  int line = 0;
  bool fuzzy = false;
};

bool WritePo(const std::string& path, const std::string& header, const std::vector<Entry>& entries,
             std::vector<LoadError>* errors) {
  PoFile file(po_file_create());
  po_message_iterator_t it = po_message_iterator(file.get(), nullptr);
  po_message_t head = po_message_create();
  po_message_set_msgid(head, "");
  po_message_set_msgstr(head, header.c_str());
  po_message_insert(it, head);
  for (const Entry& e : entries) {
    po_message_t m = po_message_create();
    po_message_set_msgctxt(m, e.context.c_str());
    po_message_set_msgid(m, e.source.c_str());
    po_message_set_msgstr(m, e.translation.c_str());
    po_message_set_extracted_comments(m, e.comments.c_str());
    po_message_add_filepos(m, e.file.c_str(), e.line > 0 ? static_cast<size_t>(e.line) : static_cast<size_t>(-1));
    // Only a translation can be out of date; an empty one is simply untranslated.
    po_message_set_fuzzy(m, e.fuzzy && !e.translation.empty());
    po_message_insert(it, m);
  }
  po_message_iterator_free(it);
  GettextErrors handler{errors, {}};
  g_gettext = &handler;
  bool ok = true;
  if (setjmp(handler.fatal) == 0) {
    po_file_write(file.get(), path.c_str(), &kHandler);
  } else {
    ok = false;
  }
  g_gettext = nullptr;
  return ok;
}

std::string Comment(const std::string& label, const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    out += (first ? label + ": " : "    ") + line + "\n";
    first = false;
  }
  return out.empty() ? label + ":\n" : out;
}

// Path as written into X-Qiao-File: relative to the current folder when it lies inside it.
std::string DisplayPath(const std::string& path) {
  std::error_code ec;
  fs::path rel = fs::relative(path, fs::current_path(), ec);
  if (!ec && !rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return path;
}

bool ReadJsonFile(const std::string& path, ordered_json* out, std::string* bytes, std::vector<LoadError>* errors) {
  std::string error;
  if (!content::ReadFile(path, bytes, &error)) {
    errors->push_back({path, 0, 0, "", error});
    return false;
  }
  content::JsonParseResult parsed = content::ParseJsonWithPositions(*bytes, path);
  if (!parsed.ok) {
    errors->push_back(parsed.error);
    return false;
  }
  *out = ordered_json::parse(*bytes);
  return true;
}

bool WriteFile(const std::string& path, const std::string& text, std::vector<LoadError>* errors) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) {
    errors->push_back({path, 0, 0, "", "cannot write the file"});
    return false;
  }
  return true;
}

const std::string* StringAt(const ordered_json& doc, const std::string& pointer, const char* member) {
  try {
    const ordered_json& v = doc.at(ordered_json::json_pointer(pointer));
    auto it = v.find(member);
    return it != v.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  } catch (const std::exception&) {
    return nullptr;
  }
}

// What the pack records for `locale`'s translation of `t`, staleness aside (the fuzzy mark tells
// that): "reviewed by Aynur on 2027-01-10", "draft", "source", "not translated yet". The text's
// own review first, else the pack's status for the language (`translations`, read from `doc` for
// the reviewer's name).
std::string RecordedStatus(const content::Pack& pack, const ordered_json& doc, const content::LocalizedText& t,
                           const std::string& locale) {
  if (!t.by_locale.count(locale)) return "not translated yet";
  auto status = pack.translation_status.find(locale);
  if (status != pack.translation_status.end() && status->second == "source") return "source";
  if (auto own = t.review.find(locale); own != t.review.end())
    return own->second.status == "reviewed" ? "reviewed by " + own->second.by + " on " + own->second.date
                                            : "draft (changed since the pack's review)";
  if (status == pack.translation_status.end()) return "draft";
  if (status->second != "reviewed") return status->second;
  const ordered_json info = doc.value("translations", ordered_json::object()).value(locale, ordered_json::object());
  return "reviewed by " + info.value("reviewedBy", std::string("?")) + " on " +
         info.value("reviewedAt", std::string("?")) + " (the whole pack)";
}

// The same for a UI string: the string's own review ("reviews"), else the catalog's status.
std::string RecordedKeyStatus(const i18n::Catalog& catalog, const std::string& key) {
  if (!catalog.strings.count(key)) return "not translated yet";
  if (catalog.status == "source") return "source";
  if (auto own = catalog.reviews.find(key); own != catalog.reviews.end())
    return own->second.status == "reviewed" ? "reviewed by " + own->second.by + " on " + own->second.date
                                            : "draft (changed since the catalog's review)";
  if (catalog.status == "reviewed") return "reviewed (the whole catalog)";
  return "draft";
}

}  // namespace

// [SECTION] export

PoResult PoExport(const std::string& locale, const std::string& out_dir,
                  const std::vector<std::string>& pack_paths, const std::string& locales_dir, bool for_review) {
  PoResult result;
  // Every locale of the kiosk has a catalog (tests/i18n): a typo ("ugg") must not start a file.
  if (!fs::exists(fs::path(locales_dir) / (locale + ".json")) || locale == "locales" || locale == "glossary") {
    result.errors.push_back({(fs::path(locales_dir) / "locales.json").string(), 0, 0, "",
                             "\"" + locale + "\" is not a locale of this kiosk"});
    return result;
  }
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  for (const std::string& path : ExpandPaths(pack_paths, &result.errors)) {
    FileReport report = ValidateFile(path);
    if (!report.valid()) {  // a translator must not get texts the kiosk would not show
      result.errors.insert(result.errors.end(), report.errors.begin(), report.errors.end());
      continue;
    }
    ordered_json doc;
    std::string bytes;
    if (!ReadJsonFile(path, &doc, &bytes, &result.errors)) continue;
    content::JsonDocument positions = content::ParseJsonWithPositions(bytes, path).doc;
    const content::Pack& pack = *report.pack;
    const std::string shown = DisplayPath(path);
    std::vector<Entry> entries;
    content::ForEachText(pack, [&](const content::LocalizedText& t) {
      auto zh = t.by_locale.find("zh-Hans");
      if (zh == t.by_locale.end() || zh->second.empty()) return;  // nothing to translate from
      Entry e;
      e.context = t.pointer;
      e.source = zh->second;
      if (auto tr = t.by_locale.find(locale); tr != t.by_locale.end()) e.translation = tr->second;
      if (auto en = t.by_locale.find("en"); en != t.by_locale.end()) e.comments += Comment("en", en->second);
      if (!t.note.empty()) e.comments += Comment("note", t.note);
      e.comments += "status: " + RecordedStatus(pack, doc, t, locale) + "\n";
      const TextStatus status = StatusOf(pack, t, locale);
      if (status == TextStatus::kStale) {
        e.fuzzy = true;
        e.comments += t.needs_review.count(locale)  // corrected by hand before hashes were recorded
                          ? "needsReview: the zh-Hans source was corrected after this translation was made\n"
                          : "the zh-Hans source changed since this translation was made\n";
      } else if (for_review && status == TextStatus::kDraft) {
        e.fuzzy = true;
        e.comments += "for review: check this translation (correct it if needed), then clear the fuzzy mark\n";
      }
      e.file = shown;
      e.line = positions.PosOf(t.pointer).line;
      entries.push_back(std::move(e));
    });
    const std::string out = (fs::path(out_dir) / (pack.id + "." + locale + ".po")).string();
    if (WritePo(out, Header(locale, shown, "pack", for_review), entries, &result.errors)) result.written.push_back(out);
  }

  // The UI catalog: zh-Hans.json is the source, en.json the English note; each string's status
  // as coverage counts it (tools::StatusOfKey, the catalog as the kiosk loads it).
  const std::string target = (fs::path(locales_dir) / (locale + ".json")).string();
  const std::string zh_path = (fs::path(locales_dir) / "zh-Hans.json").string();
  ordered_json zh, en, tr;
  std::string zh_bytes, bytes;
  if (!ReadJsonFile(zh_path, &zh, &zh_bytes, &result.errors) ||
      !ReadJsonFile((fs::path(locales_dir) / "en.json").string(), &en, &bytes, &result.errors))
    return result;
  i18n::Catalog zh_catalog, catalog;
  std::vector<LoadError> source_problems;  // the source catalog's own problems are not this locale's
  i18n::ParseCatalog(zh_bytes, zh_path, "zh-Hans", &zh_catalog, &source_problems);
  if (!ReadJsonFile(target, &tr, &bytes, &result.errors)) return result;
  // A catalog with a problem is still exported (the translator may be the one to fix it); the
  // problems are the loader's, with file:line:col.
  i18n::ParseCatalog(bytes, target, locale, &catalog, &result.errors);
  content::JsonDocument positions = content::ParseJsonWithPositions(bytes, target).doc;
  const std::string shown = DisplayPath(target);
  std::vector<Entry> entries;
  const ordered_json sources = zh.value("strings", ordered_json::object());
  for (const auto& [key, source] : sources.items()) {
    if (!source.is_string()) continue;
    Entry e;
    e.context = content::PointerJoin("/strings", key);
    e.source = source.get<std::string>();
    if (const std::string* s = StringAt(tr, "/strings", key.c_str())) e.translation = *s;
    if (const std::string* s = StringAt(en, "/strings", key.c_str())) e.comments += Comment("en", *s);
    e.comments += "status: " + RecordedKeyStatus(catalog, key) + "\n";
    if (const std::string* note = StringAt(tr, "/reviewerNotes", key.c_str())) e.comments += Comment("note", *note);
    if (e.source.find('{') != std::string::npos)
      e.comments += "ICU MessageFormat: keep the {names} and the plural/select keywords as they are\n";
    const TextStatus status = StatusOfKey(&catalog, &zh_catalog, key);
    if (status == TextStatus::kStale) {
      e.fuzzy = true;
      e.comments += "the zh-Hans source changed since this translation was made\n";
    } else if (for_review && status == TextStatus::kDraft) {
      e.fuzzy = true;
      e.comments += "for review: check this translation (correct it if needed), then clear the fuzzy mark\n";
    }
    e.file = shown;
    e.line = e.translation.empty() ? 0 : positions.PosOf(e.context).line;
    entries.push_back(std::move(e));
  }
  const std::string out = (fs::path(out_dir) / ("ui." + locale + ".po")).string();
  if (WritePo(out, Header(locale, shown, "ui", for_review), entries, &result.errors)) result.written.push_back(out);
  return result;
}

// [SECTION] import

namespace {

// The line of `msgctxt "<context>"` in the PO file (libgettextpo keeps no message positions).
int LineOfContext(const std::string& po_text, const std::string& context) {
  std::string escaped;
  for (char c : context) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  const std::string needle = "msgctxt \"" + escaped + "\"";
  std::istringstream lines(po_text);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n)
    if (line == needle) return n;
  return 0;
}

struct Message {
  std::string context, translation;
  bool fuzzy = false;
  int line = 0;
};

// One PO file: its header fields and messages. False (with errors) if gettext cannot read it.
bool ReadPo(const std::string& path, std::string* file, std::string* kind, std::string* locale,
            std::string* for_review, std::vector<Message>* messages, std::vector<LoadError>* errors) {
  if (std::error_code ec; !fs::is_regular_file(path, ec)) {
    errors->push_back({path, 0, 0, "", "no such file"});
    return false;
  }
  GettextErrors handler{errors, {}};
  g_gettext = &handler;
  PoFile po;
  size_t before = errors->size();
  if (setjmp(handler.fatal) == 0) po.reset(po_file_read(path.c_str(), &kHandler));
  g_gettext = nullptr;
  if (!po || errors->size() > before) {
    if (errors->size() == before) errors->push_back({path, 0, 0, "", "not a PO file gettext can read"});
    return false;
  }
  std::string text, error;
  content::ReadFile(path, &text, &error);
  const char* header = po_file_domain_header(po.get(), nullptr);
  auto field = [&](const char* name) {
    std::string value;
    if (char* v = header ? po_header_field(header, name) : nullptr) {
      value = v;
      std::free(v);
    }
    return value;
  };
  *file = field("X-Qiao-File");
  *kind = field("X-Qiao-Kind");
  *locale = field("Language");
  *for_review = field("X-Qiao-Review");
  std::replace(locale->begin(), locale->end(), '_', '-');
  if (file->empty() || (*kind != "pack" && *kind != "ui") || locale->empty()) {
    errors->push_back({path, 1, 1, "", "the header names no X-Qiao-File, X-Qiao-Kind (pack or ui) and Language: "
                                       "was this file written by qiao-pack po export?"});
    return false;
  }
  po_message_iterator_t it = po_message_iterator(po.get(), nullptr);
  while (po_message_t m = po_next_message(it)) {
    if (po_message_is_obsolete(m) || *po_message_msgid(m) == '\0') continue;  // #~ entries, header
    Message msg;
    const char* ctx = po_message_msgctxt(m);
    msg.context = ctx ? ctx : "";
    msg.translation = po_message_msgstr(m);
    msg.fuzzy = po_message_is_fuzzy(m);
    msg.line = LineOfContext(text, msg.context);
    messages->push_back(std::move(msg));
  }
  po_message_iterator_free(it);
  return true;
}

// Writes `messages` into a pack; false (nothing changed) if any message names no text.
bool ImportIntoPack(const std::string& po_path, const std::string& locale, const std::vector<Message>& messages,
                    const ReviewStamp& stamp, ordered_json& doc, int* changed, int* fuzzy,
                    std::vector<LoadError>* errors) {
  size_t before = errors->size();
  for (const Message& m : messages) {
    const std::string* source = m.context.starts_with("/") ? StringAt(doc, m.context, "zh-Hans") : nullptr;
    if (!source) {
      errors->push_back({po_path, m.line, 1, m.context, "msgctxt names no text with a zh-Hans source in the pack"});
      continue;
    }
  }
  if (errors->size() > before) return false;
  for (const Message& m : messages) {
    if (m.translation.empty()) continue;  // never drop a translation for an empty msgstr
    if (m.fuzzy) {
      ++*fuzzy;
      continue;
    }
    // "translations" first: adding it to a pack that lacks it may move the document's top-level
    // members (ordered_json keeps them in a vector), and `text` may be one of them (/title).
    ordered_json& info = doc["translations"][locale];
    ordered_json& text = doc.at(ordered_json::json_pointer(m.context));
    const std::string source = text["zh-Hans"].get<std::string>();
    if (!info.contains("status")) info["status"] = "draft";  // never claimed reviewed
    const bool text_changed = !text.contains(locale) || text[locale] != m.translation;
    const bool had_hash = info.contains("sourceHashes") && info["sourceHashes"].contains(m.context);
    // A text listed in needsReview was exported fuzzy; imported without the mark, the translator
    // has redone (or confirmed) it from the corrected source, so the language leaves the list.
    bool reviewed_again = false;
    if (auto list = text.find("needsReview"); list != text.end() && list->is_array()) {
      for (auto it = list->begin(); it != list->end(); ++it)
        if (*it == locale) {
          list->erase(it);
          reviewed_again = true;
          break;
        }
      if (list->empty()) text.erase(list);
    }
    // A confirmed translation of a changed source (it was fuzzy, the translator cleared that)
    // updates the hash; an untouched one leaves the file as it was.
    bool write = text_changed || reviewed_again || (had_hash && info["sourceHashes"][m.context] != SourceHash(source));
    // The text's own review ("review"), else the pack's status for the language.
    const ordered_json* own = text.contains("review") && text["review"].contains(locale) ? &text["review"][locale] : nullptr;
    const bool pack_reviewed = info.value("status", "") == "reviewed";
    if (!stamp.by.empty() && info.value("status", "") != "source") {
      // A reviewer's pass: what they left without the fuzzy mark, they checked. A text already
      // reviewed, unchanged and made from today's source keeps the review it has. (A source
      // language is what translations are checked against: it is not reviewed text by text.)
      const bool reviewed_now = own && own->value("status", "") == "reviewed" && !write && had_hash;
      if (!reviewed_now) {
        text["review"][locale] = {{"status", "reviewed"}, {"by", stamp.by}, {"date", stamp.date}};
        write = true;
      }
    } else if (write) {
      // A translator's new or redone text is a draft until a reviewer checks it again.
      if (pack_reviewed) {
        text["review"][locale] = {{"status", "draft"}};
      } else if (own) {
        text["review"].erase(locale);
        if (text["review"].empty()) text.erase("review");
      }
    }
    if (write) {
      text[locale] = m.translation;
      info["sourceHashes"][m.context] = SourceHash(source);
      ++*changed;
    }
  }
  return true;
}

// Writes `messages` into a UI catalog by the same rules as ImportIntoPack: the catalog's "status"
// stands for the pack's status of the language, a string's entry in "reviews" for a text's "review".
bool ImportIntoCatalog(const std::string& po_path, const std::string& catalog_path, const std::string& locale,
                       const std::vector<Message>& messages, const ReviewStamp& stamp, ordered_json& doc,
                       int* changed, int* fuzzy, std::vector<LoadError>* errors) {
  ordered_json zh;
  std::string bytes;
  if (!ReadJsonFile((fs::path(catalog_path).parent_path() / "zh-Hans.json").string(), &zh, &bytes, errors))
    return false;
  size_t before = errors->size();
  for (const Message& m : messages) {
    const std::string prefix = "/strings/";
    const std::string key = m.context.starts_with(prefix) ? m.context.substr(prefix.size()) : "";
    const std::string* source = key.empty() ? nullptr : StringAt(zh, "/strings", key.c_str());
    if (!source) {
      errors->push_back({po_path, m.line, 1, m.context, "msgctxt names no UI string (locales/zh-Hans.json)"});
      continue;
    }
    // A broken MessageFormat must not reach a learner: refuse it here, not at the kiosk.
    std::string formatted, why;
    if (!m.translation.empty() && !m.fuzzy && !i18n::FormatMessage(m.translation, locale, {}, &formatted, &why) &&
        why.starts_with("invalid"))
      errors->push_back({po_path, m.line, 1, m.context, "msgstr is not a valid ICU MessageFormat: " + why});
  }
  if (errors->size() > before) return false;
  const std::string catalog_status = doc.value("status", "");
  for (const Message& m : messages) {
    if (m.translation.empty()) continue;
    if (m.fuzzy) {
      ++*fuzzy;
      continue;
    }
    const std::string key = m.context.substr(std::string("/strings/").size());
    const std::string source = zh["strings"][key].get<std::string>();
    // No reference into `doc` is kept: adding "reviews" or "sourceHashes" to it (an ordered map,
    // a vector) would move its members.
    const bool text_changed = !doc["strings"].contains(key) || doc["strings"][key] != m.translation;
    const bool had_hash = doc.contains("sourceHashes") && doc["sourceHashes"].contains(key);
    bool write = text_changed || (had_hash && doc["sourceHashes"][key] != SourceHash(source));
    const bool own = doc.contains("reviews") && doc["reviews"].contains(key);
    if (!stamp.by.empty() && catalog_status != "source") {
      // A reviewer's pass: each string left without the fuzzy mark was checked; one already
      // reviewed, unchanged and made from today's source keeps the review it has.
      const bool reviewed_now = own && doc["reviews"][key].value("status", "") == "reviewed" && !write && had_hash;
      if (!reviewed_now) {
        doc["reviews"][key] = {{"status", "reviewed"}, {"by", stamp.by}, {"date", stamp.date}};
        write = true;
      }
    } else if (write) {
      // A translator's new or redone string is a draft until a reviewer checks it again.
      if (catalog_status == "reviewed") {
        doc["reviews"][key] = {{"status", "draft"}};
      } else if (own) {
        doc["reviews"].erase(key);
        if (doc["reviews"].empty()) doc.erase("reviews");
      }
    }
    if (write) {
      doc["strings"][key] = m.translation;
      doc["sourceHashes"][key] = SourceHash(source);
      ++*changed;
    }
  }
  return true;
}

}  // namespace

PoResult PoImport(const std::vector<std::string>& po_files, const ReviewStamp& review) {
  PoResult result;
  if (!review.by.empty() && !content::ValidDate(review.date)) {
    result.errors.push_back({"", 0, 0, "", "the review date \"" + review.date + "\" must be a real date written YYYY-MM-DD"});
    return result;
  }
  if (!review.by.empty() && review.date > Today()) {  // both YYYY-MM-DD: text order is date order
    result.errors.push_back({"", 0, 0, "", "the review date \"" + review.date + "\" is in the future"});
    return result;
  }
  for (const std::string& po_path : po_files) {
    std::string file, kind, locale, for_review;
    std::vector<Message> messages;
    if (!ReadPo(po_path, &file, &kind, &locale, &for_review, &messages, &result.errors)) continue;
    ordered_json doc;
    std::string bytes;
    if (!ReadJsonFile(file, &doc, &bytes, &result.errors)) continue;
    const JsonStyle style = StyleOf(bytes, doc);
    int changed = 0, fuzzy = 0;
    bool ok = kind == "pack"
                  ? ImportIntoPack(po_path, locale, messages, review, doc, &changed, &fuzzy, &result.errors)
                  : ImportIntoCatalog(po_path, file, locale, messages, review, doc, &changed, &fuzzy, &result.errors);
    if (!ok) {
      result.notes.push_back(po_path + ": refused, " + file + " left as it was");
      continue;
    }
    if (fuzzy > 0)
      result.notes.push_back(po_path + ": " + std::to_string(fuzzy) +
                             " fuzzy entries left out (clear the fuzzy mark once the translation is checked)");
    if (!review.by.empty() && for_review != "yes")
      result.notes.push_back(po_path + ": not exported with --review: every entry without the fuzzy mark was recorded "
                                       "as reviewed by " + review.by);
    if (changed == 0) continue;
    if (WriteFile(file, WriteJson(doc, style), &result.errors)) {
      result.written.push_back(file);
      result.notes.push_back(po_path + ": " + std::to_string(changed) + " texts written into " + file);
    }
  }
  return result;
}

}  // namespace qiao::tools
