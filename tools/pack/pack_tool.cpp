// [SECTION] index
// validate · coverage · new (scaffold). Lint: lint.cpp. Bundle: bundle.cpp.
#include "tools/pack/pack_tool.h"
#include "tools/pack/po.h"

#include "accessibility/clips.h"
#include "i18n/i18n.h"
#include "i18n/search.h"
#include "support/files.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace qiao::tools {

namespace fs = std::filesystem;
using content::LoadError;

// [SECTION] validate

std::vector<std::string> ExpandPaths(const std::vector<std::string>& args,
                                     std::vector<LoadError>* errors) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<std::string> found;
      for (fs::directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > 10 && name.ends_with(".pack.json")) found.push_back(it->path().string());
      }
      if (ec) errors->push_back({arg, 0, 0, "", "cannot read the folder: " + ec.message()});
      else if (found.empty()) errors->push_back({arg, 0, 0, "", "no *.pack.json files in this folder"});
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(arg, ec)) {
      files.push_back(arg);
    } else {
      errors->push_back({arg, 0, 0, "", "no such file or folder"});
    }
  }
  return files;
}

FileReport ValidateFile(const std::string& path) {
  FileReport report;
  report.file = path;
  std::string bytes, error;
  if (!content::ReadFile(path, &bytes, &error, content::kMaxPackBytes)) {
    report.errors.push_back({path, 0, 0, "", error});
    return report;
  }
  content::PackResult r = content::LoadPack(bytes, path);
  report.errors = std::move(r.errors);
  std::stable_sort(report.errors.begin(), report.errors.end(), [](const LoadError& a, const LoadError& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  if (r.loaded) report.pack = std::move(r.pack);
  return report;
}

void CheckIdsAcrossPacks(std::vector<FileReport>& reports) {
  std::map<std::string, std::string> first_file;  // "lesson/qr-code" -> file
  for (FileReport& report : reports) {
    if (!report.pack) continue;
    std::vector<std::pair<std::string, std::string>> duplicates;  // pointer, message
    auto check = [&](const auto& items, const char* kind) {
      for (const auto& item : items) {
        auto [it, inserted] = first_file.emplace(std::string(kind) + "/" + item.id, report.file);
        if (inserted) continue;
        // The item's title pointer (/lessons/3/title) names its place in the file.
        std::string ptr = item.title.pointer.substr(0, item.title.pointer.rfind('/')) + "/id";
        duplicates.emplace_back(ptr, std::string(kind) + " id \"" + item.id + "\" is already used in " +
                                         it->second + " (ids name routes, so they must be unique)");
      }
    };
    check(report.pack->lessons, "lesson");
    check(report.pack->guides, "guide");
    if (duplicates.empty()) continue;
    // Rare: read the file again for positions rather than keep every document's in memory.
    std::string bytes, error;
    content::ReadFile(report.file, &bytes, &error, content::kMaxPackBytes);
    content::JsonParseResult parsed = content::ParseJsonWithPositions(bytes, report.file);
    for (auto& [ptr, message] : duplicates) report.errors.push_back(parsed.doc.MakeError(ptr, message));
  }
}

nlohmann::json ReportsToJson(const std::vector<FileReport>& reports) {
  nlohmann::json files = nlohmann::json::array();
  bool all_valid = true;
  for (const FileReport& r : reports) {
    nlohmann::json errors = nlohmann::json::array();
    for (const LoadError& e : r.errors)
      errors.push_back({{"file", e.file}, {"line", e.line}, {"column", e.column},
                        {"pointer", e.pointer}, {"message", e.message}});
    files.push_back({{"file", r.file}, {"valid", r.valid()}, {"errors", std::move(errors)}});
    all_valid = all_valid && r.valid();
  }
  return {{"valid", all_valid}, {"files", std::move(files)}};
}

// [SECTION] status of one translation

const char* TextStatusName(TextStatus status) {
  switch (status) {
    case TextStatus::kMissing: return "missing";
    case TextStatus::kStale: return "stale";
    case TextStatus::kSource: return "source";
    case TextStatus::kReviewed: return "reviewed";
    case TextStatus::kDraft: return "draft";
  }
  return "draft";
}

TextStatus StatusOf(const content::Pack& pack, const content::LocalizedText& text, const std::string& locale) {
  if (!text.by_locale.count(locale)) return TextStatus::kMissing;
  if (text.needs_review.count(locale)) return TextStatus::kStale;
  // A review is of one wording of the source: once the zh-Hans changes, reviewed or not, the
  // translation says what the source used to say.
  if (auto hashes = pack.source_hashes.find(locale); hashes != pack.source_hashes.end()) {
    auto hash = hashes->second.find(text.pointer);
    auto source = text.by_locale.find("zh-Hans");
    if (hash != hashes->second.end() && source != text.by_locale.end() && hash->second != SourceHash(source->second))
      return TextStatus::kStale;
  }
  auto pack_status = pack.translation_status.find(locale);
  if (pack_status != pack.translation_status.end() && pack_status->second == "source") return TextStatus::kSource;
  if (auto own = text.review.find(locale); own != text.review.end())
    return own->second.status == "reviewed" ? TextStatus::kReviewed : TextStatus::kDraft;
  if (pack_status != pack.translation_status.end() && pack_status->second == "reviewed") return TextStatus::kReviewed;
  return TextStatus::kDraft;
}

// [SECTION] coverage

void CoverageRow::Count(TextStatus status) {
  switch (status) {
    case TextStatus::kMissing: ++missing; break;
    case TextStatus::kStale: ++stale; break;
    case TextStatus::kSource: ++source; break;
    case TextStatus::kReviewed: ++reviewed; break;
    case TextStatus::kDraft: ++draft; break;
  }
}

std::vector<CoverageRow> Coverage(const std::vector<content::Pack>& packs,
                                  const std::vector<std::string>& locales) {
  std::vector<CoverageRow> rows;
  for (const std::string& tag : locales) {
    CoverageRow row;
    row.locale = tag;
    for (const content::Pack& pack : packs)
      content::ForEachText(pack, [&](const content::LocalizedText& t) { row.Count(StatusOf(pack, t, tag)); });
    rows.push_back(row);
  }
  return rows;
}

TextStatus StatusOfKey(const i18n::Catalog* catalog, const i18n::Catalog* source, const std::string& key) {
  if (!catalog || !catalog->strings.count(key)) return TextStatus::kMissing;
  // As for a pack text: a review is of one wording of the zh-Hans source.
  if (auto hash = catalog->source_hashes.find(key); hash != catalog->source_hashes.end() && source)
    if (auto zh = source->strings.find(key); zh != source->strings.end() && hash->second != SourceHash(zh->second))
      return TextStatus::kStale;
  if (catalog->status == "source") return TextStatus::kSource;
  if (auto own = catalog->reviews.find(key); own != catalog->reviews.end())
    return own->second.status == "reviewed" ? TextStatus::kReviewed : TextStatus::kDraft;
  return catalog->status == "reviewed" ? TextStatus::kReviewed : TextStatus::kDraft;
}

std::vector<CoverageRow> UiCoverage(const std::string& locales_dir, const std::vector<std::string>& locales,
                                    std::vector<std::string>* problems) {
  // keys.txt is the list of keys the kiosk asks for (locales/README.md), read as the studio
  // and `qiao-pack clips` read it.
  const std::vector<std::string> keys = a11y::CatalogKeyOrder(locales_dir);
  if (keys.empty()) problems->push_back((std::filesystem::path(locales_dir) / "keys.txt").string() + ": no keys (missing or empty)");
  std::unique_ptr<i18n::Translator> translator = i18n::Translator::Load(locales_dir);
  for (const support::LoadError& e : translator->errors()) problems->push_back(e.ToString());
  const i18n::Catalog* source = translator->catalog("zh-Hans");
  std::vector<CoverageRow> rows;
  for (const std::string& tag : locales) {
    CoverageRow row;
    row.locale = tag;
    for (const std::string& key : keys) row.Count(StatusOfKey(translator->catalog(tag), source, key));
    rows.push_back(row);
  }
  return rows;
}

std::string CoverageTable(const std::vector<CoverageRow>& rows) {
  std::ostringstream out;
  out << "| locale | source | reviewed | draft | stale | missing |\n|---|---:|---:|---:|---:|---:|\n";
  for (const CoverageRow& r : rows)
    out << "| " << r.locale << " | " << r.source << " | " << r.reviewed << " | " << r.draft << " | " << r.stale
        << " | " << r.missing << " |\n";
  return out.str();
}

// [SECTION] new

std::string Scaffold(ScaffoldKind kind, const std::string& name, const std::string& today) {
  using nlohmann::ordered_json;
  // A guide is due for checking a year after it is written. It carries no review date: nobody
  // has checked it yet, and only the reviewer who does writes reviewedBy and reviewedAt.
  std::string next_year = std::to_string(std::stoi(today.substr(0, 4)) + 1) + today.substr(4);
  if (next_year.ends_with("-02-29")) next_year.replace(next_year.size() - 2, 2, "28");
  auto text = [](const char* zh, const char* en) { return ordered_json{{"zh-Hans", zh}, {"en", en}}; };
  ordered_json pack;
  pack["$schema"] = "schema/pack.schema.json";
  pack["schemaVersion"] = "1.0";
  pack["id"] = name;
  pack["title"] = text("新的课程包", "New pack");
  pack["author"] = "Your name";
  pack["license"] = "CC-BY-4.0";
  pack["translations"] = {{"zh-Hans", {{"status", "source"}}}, {"en", {{"status", "source"}}}};
  if (kind == ScaffoldKind::kLesson) {
    ordered_json screen = {
        {"background", "#FFFFFF"},
        {"elements",
         ordered_json::array({
             {{"kind", "bar"}, {"rect", {0, 0, 100, 8}}, {"color", "#1E6FD9"}, {"text", text("应用名称", "App name")}},
             {{"kind", "button"}, {"rect", {10, 80, 80, 10}}, {"text", text("开始", "Start")}},
         })}};
    pack["lessons"] = ordered_json::array({{
        {"id", name},
        {"title", text("课程标题", "Lesson title")},
        {"summary", text("一句话说明学什么。", "One sentence on what the learner learns.")},
        {"minutes", 10},
        {"steps",
         ordered_json::array({
             {{"id", "intro"}, {"type", "text"}, {"title", text("第一步", "First step")},
              {"body", text("用短句写。每句不超过二十五个词。", "Write short sentences. Use 25 words at most.")}},
             {{"id", "try-it"}, {"type", "practice"}, {"instruction", text("点“开始”。", "Tap Start.")},
              {"screen", screen},
              {"hint", text("找写着“开始”的按钮，在屏幕下方。",
                            "Look for the button that says Start, at the bottom of the screen.")},
              {"missFeedback", text("再找找“开始”按钮。", "Look for the Start button.")},
              {"hotspots",
               ordered_json::array({{{"id", "start"}, {"rect", {10, 80, 80, 10}}, {"correct", true},
                                     {"label", text("开始按钮", "Start button")},
                                     {"feedback", text("对了！", "That's right!")}}})}},
             {{"id", "check"}, {"type", "quiz"}, {"question", text("问题？", "Question?")},
              {"choices",
               ordered_json::array({{{"id", "right"}, {"text", text("正确答案", "Right answer")}, {"correct", true},
                                     {"feedback", text("答对了。", "Correct.")}},
                                    {{"id", "wrong"}, {"text", text("错误答案", "Wrong answer")},
                                     {"feedback", text("再想想。", "Think again.")}}})}},
         })},
    }});
  } else {
    pack["guides"] = ordered_json::array({{
        {"id", name},
        {"title", text("办事指南标题", "Guide title")},
        {"summary", text("一句话说明办什么事。", "One sentence on what this gets done.")},
        {"region", "national"},
        {"sources", ordered_json::array()},
        {"expiresAt", next_year},
        {"whoCanApply", text("谁可以办。", "Who can apply.")},
        {"whatToBring", ordered_json::array({{{"id", "id-card"}, {"text", text("身份证", "ID card")}}})},
        {"steps", ordered_json::array({{{"text", text("第一步做什么。", "What to do first.")}}})},
        {"whereAndWhen", text("在哪里、什么时间办。", "Where and when.")},
        {"fees", text("免费。", "Free.")},
        {"otherWays", ordered_json::array({{{"channel", "in-person"},
                                             {"text", text("到社区服务中心办理。", "At the community service centre.")}}})},
        {"help", text("有问题问社区工作人员。", "Ask the community staff for help.")},
    }});
  }
  return pack.dump(2) + "\n";
}

// [SECTION] bundle

namespace {

// One lesson or guide as a locale's search shows it.
struct IndexEntry {
  std::string route, title, lang, sort_key;
  std::vector<i18n::SearchKey> keys;
};

// Every lesson and guide of the valid packs, in `tag`'s collation order, with the keys the home
// screen makes for them (ui::LibrarySearch does the same from the library).
std::vector<IndexEntry> IndexEntries(const std::vector<FileReport>& reports, const std::string& tag,
                                     const std::vector<std::string>& chain, const i18n::Searcher& searcher) {
  std::vector<IndexEntry> entries;
  auto add = [&](const std::string& route, const content::LocalizedText& title, const content::LocalizedText& summary) {
    content::LocalizedText::Resolved t = title.Resolve(chain);
    IndexEntry e{route, std::string(t.text), std::string(t.lang), i18n::SortKeyHex(t.text, tag), {}};
    for (const content::LocalizedText* text : {&title, &summary}) {
      const content::LocalizedText::Resolved shown = text->Resolve(chain);
      for (i18n::SearchKey& k : i18n::KeysOfShownText(searcher, shown.text, shown.lang, text->by_locale))
        e.keys.push_back(std::move(k));
    }
    entries.push_back(std::move(e));
  };
  for (const FileReport& r : reports) {
    if (!r.valid()) continue;
    for (const content::Lesson& l : r.pack->lessons) add("lesson/" + l.id, l.title, l.summary);
    for (const content::Guide& g : r.pack->guides) add("guide/" + g.id, g.title, g.summary);
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const IndexEntry& a, const IndexEntry& b) { return a.sort_key < b.sort_key; });
  return entries;
}

}  // namespace

nlohmann::json Bundle(const std::vector<FileReport>& reports, const Chains& chains,
                      std::vector<std::string>* problems) {
  nlohmann::json packs = nlohmann::json::array();
  for (const FileReport& r : reports) {
    if (!r.valid()) continue;
    std::string bytes, error;
    if (!content::ReadFile(r.file, &bytes, &error, content::kMaxPackBytes)) continue;
    packs.push_back(nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false));
  }
  std::unique_ptr<i18n::Searcher> searcher = i18n::Searcher::Create(i18n::PinyinReadingsFile());
  nlohmann::json index = nlohmann::json::object();
  for (const auto& [tag, chain] : chains) {
    nlohmann::json entries = nlohmann::json::array();
    for (IndexEntry& e : IndexEntries(reports, tag, chain, *searcher)) {
      nlohmann::json search = nlohmann::json::array();
      for (const i18n::SearchKey& k : e.keys) search.push_back(k.Encode());
      entries.push_back({{"route", std::move(e.route)}, {"title", std::move(e.title)}, {"lang", std::move(e.lang)},
                         {"sortKey", std::move(e.sort_key)}, {"search", std::move(search)}});
    }
    index[tag] = std::move(entries);
  }
  if (problems) *problems = searcher->problems();
  return {{"bundleVersion", 1}, {"packs", std::move(packs)}, {"index", std::move(index)}};
}

// [SECTION] search

std::vector<SearchHit> Search(const std::vector<FileReport>& reports, const std::string& locale,
                              const std::vector<std::string>& chain, const std::string& query,
                              std::vector<std::string>* problems) {
  std::unique_ptr<i18n::Searcher> searcher = i18n::Searcher::Create(i18n::PinyinReadingsFile());
  std::vector<IndexEntry> entries = IndexEntries(reports, locale, chain, *searcher);
  *problems = searcher->problems();
  i18n::SearchIndex index;
  std::vector<size_t> entry_of_key;
  for (size_t i = 0; i < entries.size(); ++i)
    for (const i18n::SearchKey& k : entries[i].keys) {
      index.Add(k);
      entry_of_key.push_back(i);
    }
  std::vector<SearchHit> hits;
  const std::string q = searcher->Fold(query);
  if (q.empty()) return hits;
  std::vector<char> found(entries.size());
  for (uint32_t key : index.Find(q)) found[entry_of_key[key]] = 1;
  for (size_t i = 0; i < entries.size(); ++i)
    if (found[i]) hits.push_back({entries[i].route, entries[i].title, entries[i].lang});
  return hits;
}

}  // namespace qiao::tools
