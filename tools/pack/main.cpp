// qiao-pack: command line for trainers (`./qiao pack ...`). Parses arguments, calls the
// pack_tool library, prints. Exit codes: 0 all good, 1 a pack has problems, 2 usage error.
#include "tools/pack/pack_tool.h"
#include "tools/pack/po.h"
#include "tools/pack/publish.h"
#include "tools/pack/report.h"

#include "i18n/i18n.h"
#include "text/text.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace {

using namespace qiao;

constexpr int kOk = 0, kProblems = 1, kUsage = 2;

const char* kUsageText = R"(Usage: qiao-pack COMMAND [OPTIONS] [PATH...]

  validate [--json] PATH...     check packs as the kiosk loads them; a folder means its
                                *.pack.json files. Prints file:line:col: /pointer: message
  lint [--today YYYY-MM-DD] [--locales DIR] [--no-fonts] PATH...
                                validate, then plain language (sentences over 25 words),
                                missing translations and alt text, recorded audio, expired
                                guides, characters no bundled font can draw, duplicate ids,
                                dates in lesson texts, hints naming only a colour or place,
                                guides without region or sources,
                                key terms rendered unlike locales/glossary.csv
  coverage [--locales DIR] [--clips DIR] [--markdown] PATH...
                                per locale, texts counted one by one (a text's own review
                                overrides the pack's status): source / reviewed / draft /
                                stale (needsReview, or the source changed) / missing;
                                then the UI catalogs' strings (keys.txt) the same way; then
                                recorded speech per locale, as `clips` counts it
  clips [--locales DIR] [--clips DIR] [--list] [--csv FILE] PATH...
                                recorded speech per locale: texts with an up-to-date clip,
                                texts whose clip needs re-recording (their wording changed),
                                texts with none; --list names each text that needs one,
                                --csv writes the recording script for volunteers (locale,
                                for, text, status, file); --clips DIR also reads
                                DIR/audio/ (a kiosk's data folder: its recording studio's clips)
  bundle --out FILE [--locales DIR] PATH...
                                every pack in one file (USB stick, browser build), with each
                                locale's collation order and search keys precomputed
  search --locale TAG [--locales DIR] QUERY [PATH...]
                                what the home screen finds for QUERY in language TAG (default:
                                the bundled packs): one line per hit, route and title, in the
                                locale's order. Also by other scripts: ULY for ug, Cyrillic or
                                Latin for kk-Arab, Wylie for bo, romanization for ii, Latin
                                for mn and mn-Mong, pinyin for zh-Hans, za without tone letters.
                                Exit 0 if something is found, 1 if nothing is
  po export LOCALE OUT_DIR [--review] [--locales DIR] [PACK...]
                                gettext PO files for translators (Poedit, Weblate): one per
                                pack (default: the bundled packs) and ui.LOCALE.po; --review:
                                for a native reviewer, every text not yet reviewed is fuzzy
  po import [--reviewed-by NAME [--date YYYY-MM-DD]] PO_FILE...
                                write translated PO files back into the packs and catalog;
                                --reviewed-by records the texts without the fuzzy mark as
                                reviewed by NAME (on --date, default today); without it,
                                changed texts are drafts
  publish --key FILE --channel ID --out DIR PATH...
                                bundle, compress, hash and sign a channel folder (USB
                                stick or web server) with the next sequence number
  verify DIR --pubkey KEY       check a channel folder as a kiosk does
  report CSV... --out FILE      one static HTML page (offline, no script, a table behind each
                                chart) from kiosks' usage exports: lessons started and finished
                                per language and week, languages picked, where learners stop
  xapi CSV... --out FILE [--home URL]
                                the same counts as xAPI statements (actor: the kiosk as a
                                group, never a person) for a learning record store
  new lesson|guide NAME [--out FILE]
                                write a new pack (NAME.pack.json) that validates as is
  help                          this text

Exit status: 0 all valid, 1 a pack has problems (search: nothing found), 2 wrong usage.
)";

int Usage(const std::string& message) {
  if (!message.empty()) std::cerr << "qiao-pack: " << message << "\n";
  std::cerr << kUsageText;
  return kUsage;
}

std::string Today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{now};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

// Options of one command: flags (--json), valued options (--locales DIR), and paths.
struct Args {
  std::vector<std::string> paths;
  std::vector<std::string> flags;
  std::vector<std::pair<std::string, std::string>> values;
  std::string error;

  bool Has(const std::string& flag) const {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
  }
  std::string Value(const std::string& name, const std::string& fallback) const {
    for (const auto& [k, v] : values)
      if (k == name) return v;
    return fallback;
  }
};

Args ParseArgs(int argc, char** argv, int first, const std::vector<std::string>& flags,
               const std::vector<std::string>& valued) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s.starts_with("--")) {
      if (std::find(flags.begin(), flags.end(), s) != flags.end()) {
        a.flags.push_back(s);
      } else if (std::find(valued.begin(), valued.end(), s) != valued.end()) {
        if (i + 1 >= argc) {
          a.error = s + " needs a value";
          return a;
        }
        a.values.emplace_back(s, argv[++i]);
      } else {
        a.error = "unknown option " + s;
        return a;
      }
    } else {
      a.paths.push_back(s);
    }
  }
  return a;
}

// Loads every pack named by `paths`; problems with the paths themselves go to `path_errors`.
std::vector<tools::FileReport> LoadAll(const std::vector<std::string>& paths,
                                       std::vector<content::LoadError>* path_errors) {
  std::vector<tools::FileReport> reports;
  for (const std::string& file : tools::ExpandPaths(paths, path_errors))
    reports.push_back(tools::ValidateFile(file));
  tools::CheckIdsAcrossPacks(reports);
  return reports;
}

int Validate(int argc, char** argv) {
  Args a = ParseArgs(argc, argv, 2, {"--json"}, {});
  if (!a.error.empty()) return Usage(a.error);
  if (a.paths.empty()) return Usage("validate needs at least one pack file or folder");
  std::vector<content::LoadError> path_errors;
  std::vector<tools::FileReport> reports = LoadAll(a.paths, &path_errors);
  for (const content::LoadError& e : path_errors) {
    tools::FileReport r;
    r.file = e.file;
    r.errors.push_back(e);
    reports.push_back(std::move(r));
  }
  bool ok = std::all_of(reports.begin(), reports.end(), [](auto& r) { return r.valid(); });
  if (a.Has("--json")) {
    std::cout << tools::ReportsToJson(reports).dump(2) << "\n";
  } else {
    size_t errors = 0;
    for (const tools::FileReport& r : reports) {
      for (const content::LoadError& e : r.errors) std::cout << e.ToString() << "\n";
      errors += r.errors.size();
    }
    std::cerr << reports.size() << (reports.size() == 1 ? " pack" : " packs") << " checked, "
              << (ok ? "all valid" : std::to_string(errors) + (errors == 1 ? " problem" : " problems"))
              << "\n";
  }
  return ok ? kOk : kProblems;
}

// Locale tags in locales.json order.
std::vector<std::string> LocaleTags(const std::string& dir, std::string* error) {
  std::string bytes;
  if (!content::ReadFile(dir + "/locales.json", &bytes, error)) return {};
  content::JsonParseResult parsed = content::ParseJsonWithPositions(bytes, dir + "/locales.json");
  std::vector<std::string> tags;
  if (!parsed.ok || !parsed.doc.root.contains("locales") || !parsed.doc.root["locales"].is_array()) {
    *error = "cannot read the locale list in " + dir + "/locales.json";
    return tags;
  }
  for (const auto& l : parsed.doc.root["locales"])
    if (l.is_object() && l.contains("tag") && l["tag"].is_string()) tags.push_back(l["tag"]);
  return tags;
}

void PrintClipRows(const std::vector<tools::ClipRow>& rows) {
  std::printf("%-10s %8s %10s %20s %10s\n", "locale", "texts", "recorded", "needs re-recording", "no clip");
  for (const tools::ClipRow& r : rows)
    std::printf("%-10s %8d %10d %20d %10d\n", r.locale.c_str(), r.texts, r.recorded, r.needs_rerecording, r.missing);
}

int CoverageCommand(int argc, char** argv, const std::string& default_locales) {
  Args a = ParseArgs(argc, argv, 2, {"--markdown"}, {"--locales", "--clips"});
  if (!a.error.empty()) return Usage(a.error);
  if (a.paths.empty()) return Usage("coverage needs at least one pack file or folder");
  std::string error;
  const std::string locales_dir = a.Value("--locales", default_locales);
  std::vector<std::string> tags = LocaleTags(locales_dir, &error);
  if (tags.empty()) {
    std::cerr << "qiao-pack: " << error << "\n";
    return kUsage;
  }
  std::vector<content::LoadError> path_errors;
  std::vector<tools::FileReport> reports = LoadAll(a.paths, &path_errors);
  std::vector<content::Pack> packs;
  std::vector<tools::PackInFolder> in_folders;
  bool ok = path_errors.empty();
  for (const content::LoadError& e : path_errors) std::cerr << e.ToString() << "\n";
  for (const tools::FileReport& r : reports) {
    for (const content::LoadError& e : r.errors) std::cerr << e.ToString() << "\n";
    ok = ok && r.valid();
    if (r.pack) {
      packs.push_back(*r.pack);
      in_folders.push_back({*r.pack, std::filesystem::path(r.file).parent_path().string()});
    }
  }
  // Pack texts, then the UI catalogs' strings (keys.txt), each counted by its own status.
  std::vector<std::string> ui_problems;
  const std::vector<tools::CoverageRow> ui_rows = tools::UiCoverage(a.Value("--locales", default_locales), tags, &ui_problems);
  for (const std::string& p : ui_problems) std::cerr << p << "\n";
  ok = ok && ui_problems.empty();
  auto print = [&](const char* title, const std::vector<tools::CoverageRow>& rows) {
    if (a.Has("--markdown")) {
      std::cout << "**" << title << "**\n\n" << tools::CoverageTable(rows) << std::flush;
      return;
    }
    std::printf("%s\n%-10s %8s %8s %8s %8s %8s\n", title, "locale", "source", "reviewed", "draft", "stale", "missing");
    for (const auto& r : rows)
      std::printf("%-10s %8d %8d %8d %8d %8d\n", r.locale.c_str(), r.source, r.reviewed, r.draft, r.stale, r.missing);
    std::fflush(stdout);
  };
  print("Pack texts", tools::Coverage(packs, tags));
  std::cout << "\n";
  print("UI strings (locales/keys.txt)", ui_rows);
  // Recorded speech too (issue 15): how far the volunteers have come, per locale.
  std::vector<std::string> problems, more_clips;
  if (const std::string clips = a.Value("--clips", ""); !clips.empty()) more_clips.push_back(clips);
  const std::vector<tools::ClipRow> clip_rows =
      tools::ClipSummary(tools::ClipTexts(locales_dir, tags, in_folders, &problems, more_clips), tags);
  for (const std::string& p : problems) std::cerr << p << "\n";
  if (a.Has("--markdown")) {
    std::cout << "\n" << tools::ClipTable(clip_rows);
  } else {
    std::printf("\nrecorded speech (clips):\n");
    PrintClipRows(clip_rows);
  }
  return ok && problems.empty() ? kOk : kProblems;
}

int ClipsCommand(int argc, char** argv, const std::string& default_locales) {
  Args a = ParseArgs(argc, argv, 2, {"--list"}, {"--locales", "--csv", "--clips"});
  if (!a.error.empty()) return Usage(a.error);
  if (a.paths.empty()) return Usage("clips needs at least one pack file or folder");
  const std::string locales_dir = a.Value("--locales", default_locales);
  std::string error;
  std::vector<std::string> tags = LocaleTags(locales_dir, &error);
  if (tags.empty()) {
    std::cerr << "qiao-pack: " << error << "\n";
    return kUsage;
  }
  std::vector<content::LoadError> path_errors;
  std::vector<tools::FileReport> reports = LoadAll(a.paths, &path_errors);
  bool ok = path_errors.empty();
  for (const content::LoadError& e : path_errors) std::cerr << e.ToString() << "\n";
  std::vector<tools::PackInFolder> packs;
  for (const tools::FileReport& r : reports) {
    for (const content::LoadError& e : r.errors) std::cerr << e.ToString() << "\n";
    ok = ok && r.valid();
    if (r.pack) packs.push_back({*r.pack, std::filesystem::path(r.file).parent_path().string()});
  }
  std::vector<std::string> problems;
  std::vector<std::string> more_clips;
  if (const std::string clips = a.Value("--clips", ""); !clips.empty()) more_clips.push_back(clips);
  const std::vector<tools::ClipText> texts = tools::ClipTexts(locales_dir, tags, packs, &problems, more_clips);
  for (const std::string& p : problems) std::cerr << p << "\n";
  ok = ok && problems.empty();
  PrintClipRows(tools::ClipSummary(texts, tags));
  if (a.Has("--list"))
    for (const tools::ClipText& t : texts)
      if (t.status != tools::ClipStatus::kRecorded)
        std::printf("%s\t%s\t%s\t%s\n", t.locale.c_str(), tools::ClipStatusName(t.status), t.source.c_str(),
                    t.text.c_str());
  if (const std::string csv = a.Value("--csv", ""); !csv.empty()) {
    std::ofstream f(csv, std::ios::binary);
    f << tools::RecordingScriptCsv(texts);
    if (!f.flush()) {
      std::cerr << "qiao-pack: cannot write " << csv << "\n";
      return kProblems;
    }
    std::cerr << "wrote the recording script " << csv << "\n";
  }
  return ok ? kOk : kProblems;
}

int LintCommand(int argc, char** argv, const std::string& default_locales) {
  Args a = ParseArgs(argc, argv, 2, {"--no-fonts"}, {"--today", "--locales"});
  if (!a.error.empty()) return Usage(a.error);
  if (a.paths.empty()) return Usage("lint needs at least one pack file or folder");
  tools::LintContext context;
  context.today = a.Value("--today", Today());
  if (!std::regex_match(context.today, std::regex("^\\d{4}-\\d{2}-\\d{2}$")))
    return Usage("--today needs a date written YYYY-MM-DD");
  context.locales_dir = a.Value("--locales", default_locales);
  std::unique_ptr<text::Engine> engine;
  if (!a.Has("--no-fonts")) {
    engine = text::Engine::Create();
    context.engine = engine.get();
  }
  std::vector<content::LoadError> path_errors;
  std::vector<tools::FileReport> reports = LoadAll(a.paths, &path_errors);
  std::vector<tools::Finding> findings = tools::Lint(reports, context);
  tools::Glossary glossary;
  std::vector<content::LoadError> glossary_errors;
  if (tools::LoadGlossary(context.locales_dir + "/glossary.csv", &glossary, &glossary_errors))
    for (tools::Finding& f : tools::GlossaryLint(reports, glossary)) findings.push_back(std::move(f));
  for (const content::LoadError& e : glossary_errors) findings.push_back({tools::Severity::kWarning, e});
  for (const content::LoadError& e : path_errors) findings.push_back({tools::Severity::kWarning, e});
  size_t warnings = 0, notes = 0;
  for (const tools::Finding& f : findings) {
    std::cout << f.ToString() << "\n";
    (f.severity == tools::Severity::kWarning ? warnings : notes)++;
  }
  std::cerr << reports.size() << (reports.size() == 1 ? " pack" : " packs") << " linted: " << warnings
            << (warnings == 1 ? " warning, " : " warnings, ") << notes << (notes == 1 ? " note" : " notes") << "\n";
  return warnings == 0 ? kOk : kProblems;
}

int BundleCommand(int argc, char** argv, const std::string& default_locales) {
  Args a = ParseArgs(argc, argv, 2, {}, {"--out", "--locales"});
  if (!a.error.empty()) return Usage(a.error);
  if (a.paths.empty() || a.Value("--out", "").empty()) return Usage("bundle needs --out FILE and pack files or folders");
  std::unique_ptr<i18n::Translator> translator = i18n::Translator::Load(a.Value("--locales", default_locales));
  std::vector<std::pair<std::string, std::vector<std::string>>> chains;
  for (const i18n::LocaleInfo& l : translator->locales()) {
    std::vector<std::string> chain = {l.tag};
    chain.insert(chain.end(), l.fallback.begin(), l.fallback.end());
    chains.emplace_back(l.tag, chain);
  }
  std::vector<content::LoadError> path_errors;
  std::vector<tools::FileReport> reports = LoadAll(a.paths, &path_errors);
  bool ok = path_errors.empty();
  for (const content::LoadError& e : path_errors) std::cerr << e.ToString() << "\n";
  for (const tools::FileReport& r : reports) {
    for (const content::LoadError& e : r.errors) std::cerr << e.ToString() << "\n";
    ok = ok && r.valid();
  }
  if (!ok) {
    std::cerr << "qiao-pack: not bundled: fix the problems above first\n";
    return kProblems;
  }
  std::vector<std::string> problems;
  const nlohmann::json bundle = tools::Bundle(reports, chains, &problems);
  for (const std::string& p : problems) std::cerr << p << "\n";
  if (!problems.empty()) {
    std::cerr << "qiao-pack: not bundled: the search keys would lack readings (the rules above)\n";
    return kProblems;
  }
  std::ofstream out(a.Value("--out", ""), std::ios::binary);
  out << bundle.dump() << "\n";
  if (!out.flush()) {
    std::cerr << "qiao-pack: cannot write " << a.Value("--out", "") << "\n";
    return kProblems;
  }
  std::cerr << "bundled " << reports.size() << " packs into " << a.Value("--out", "") << "\n";
  return kOk;
}

int SearchCommand(int argc, char** argv, const std::string& default_locales) {
  Args a = ParseArgs(argc, argv, 2, {}, {"--locale", "--locales"});
  if (!a.error.empty()) return Usage(a.error);
  const std::string locale = a.Value("--locale", "");
  if (locale.empty() || a.paths.empty())
    return Usage("search needs --locale TAG and a QUERY, e.g. qiao-pack search --locale ug uchur");
  const std::string locales = a.Value("--locales", default_locales);
  std::unique_ptr<i18n::Translator> translator = i18n::Translator::Load(locales);
  const i18n::LocaleInfo* info = nullptr;
  for (const i18n::LocaleInfo& l : translator->locales())
    if (l.tag == locale) info = &l;
  if (!info) return Usage("no locale \"" + locale + "\" in " + locales + "/locales.json");
  std::vector<std::string> chain = {info->tag};
  chain.insert(chain.end(), info->fallback.begin(), info->fallback.end());
  const std::string query = a.paths[0];
  std::vector<std::string> paths(a.paths.begin() + 1, a.paths.end());
  if (paths.empty()) paths.push_back((std::filesystem::path(locales).parent_path() / "lessons").string());
  std::vector<content::LoadError> path_errors;
  std::vector<tools::FileReport> reports = LoadAll(paths, &path_errors);
  for (const content::LoadError& e : path_errors) std::cerr << e.ToString() << "\n";
  for (const tools::FileReport& r : reports)
    for (const content::LoadError& e : r.errors) std::cerr << e.ToString() << "\n";
  std::vector<std::string> problems;
  std::vector<tools::SearchHit> hits = tools::Search(reports, locale, chain, query, &problems);
  for (const std::string& p : problems) std::cerr << p << "\n";
  for (const tools::SearchHit& h : hits) std::cout << h.route << "\t" << h.title << "\n";
  std::cerr << hits.size() << (hits.size() == 1 ? " hit" : " hits") << " for \"" << query << "\" in " << locale
            << "\n";
  return hits.empty() ? kProblems : kOk;
}

int PoCommand(int argc, char** argv, const std::string& default_locales) {
  if (argc < 3) return Usage("po needs export or import");
  const std::string verb = argv[2];
  Args a = ParseArgs(argc, argv, 3, {"--review"}, {"--locales", "--reviewed-by", "--date"});
  if (!a.error.empty()) return Usage(a.error);
  tools::PoResult r;
  if (verb == "export") {
    if (a.paths.size() < 2) return Usage("po export needs LOCALE and OUT_DIR, e.g. qiao-pack po export ug po/");
    std::vector<std::string> packs(a.paths.begin() + 2, a.paths.end());
    const std::string locales = a.Value("--locales", default_locales);
    if (packs.empty()) packs.push_back((std::filesystem::path(locales).parent_path() / "lessons").string());
    r = tools::PoExport(a.paths[0], a.paths[1], packs, locales, a.Has("--review"));
  } else if (verb == "import") {
    if (a.paths.empty()) return Usage("po import needs PO files");
    const tools::ReviewStamp stamp{a.Value("--reviewed-by", ""), a.Value("--date", Today())};
    const bool by_given = std::any_of(a.values.begin(), a.values.end(), [](auto& v) { return v.first == "--reviewed-by"; });
    if (by_given && stamp.by.empty()) return Usage("--reviewed-by needs the reviewer's name");
    if (a.Value("--date", "").size() && stamp.by.empty()) return Usage("--date goes with --reviewed-by NAME");
    if (!content::ValidDate(stamp.date)) return Usage("--date needs a real date written YYYY-MM-DD");
    if (stamp.date > Today()) return Usage("--date " + stamp.date + " is in the future: give the day of the review");
    r = tools::PoImport(a.paths, stamp);
  } else {
    return Usage("po needs export or import, not \"" + verb + "\"");
  }
  for (const content::LoadError& e : r.errors) std::cout << e.ToString() << "\n";
  for (const std::string& n : r.notes) std::cerr << n << "\n";
  for (const std::string& f : r.written) std::cerr << (verb == "export" ? "wrote " : "updated ") << f << "\n";
  return r.ok() ? kOk : kProblems;
}

int New(int argc, char** argv) {
  Args a = ParseArgs(argc, argv, 2, {}, {"--out"});
  if (!a.error.empty()) return Usage(a.error);
  if (a.paths.size() != 2 || (a.paths[0] != "lesson" && a.paths[0] != "guide"))
    return Usage("new needs a kind (lesson or guide) and a NAME, e.g. qiao-pack new lesson video-call");
  const std::string& name = a.paths[1];
  if (!std::regex_match(name, std::regex("^[a-z0-9]+(-[a-z0-9]+)*$")))
    return Usage("NAME \"" + name + "\" must be lowercase letters and digits joined by '-', e.g. video-call");
  std::string out = a.Value("--out", name + ".pack.json");
  if (std::filesystem::exists(out)) {
    std::cerr << "qiao-pack: " << out << " already exists; not overwritten\n";
    return kProblems;
  }
  std::ofstream f(out, std::ios::binary);
  f << tools::Scaffold(a.paths[0] == "lesson" ? tools::ScaffoldKind::kLesson : tools::ScaffoldKind::kGuide,
                       name, Today());
  if (!f.flush()) {
    std::cerr << "qiao-pack: cannot write " << out << "\n";
    return kProblems;
  }
  std::cerr << "wrote " << out << ": edit the texts, then run qiao-pack validate " << out << "\n";
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("");
  std::string command = argv[1];
#ifdef QIAO_BUNDLED_LOCALES
  const std::string default_locales = QIAO_BUNDLED_LOCALES;
#else
  const std::string default_locales = "locales";
#endif
  if (command == "validate") return Validate(argc, argv);
  if (command == "lint") return LintCommand(argc, argv, default_locales);
  if (command == "coverage") return CoverageCommand(argc, argv, default_locales);
  if (command == "clips") return ClipsCommand(argc, argv, default_locales);
  if (command == "new") return New(argc, argv);
  if (command == "bundle") return BundleCommand(argc, argv, default_locales);
  if (command == "search") return SearchCommand(argc, argv, default_locales);
  if (command == "po") return PoCommand(argc, argv, default_locales);
  if (command == "publish") return tools::PublishCommand(argc, argv, default_locales);
  if (command == "verify") return tools::VerifyCommand(argc, argv);
  if (command == "report") return tools::ReportCommand(argc, argv);
  if (command == "xapi") return tools::XapiCommand(argc, argv);
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsageText;
    return kOk;
  }
  return Usage("unknown command \"" + command + "\"");
}
