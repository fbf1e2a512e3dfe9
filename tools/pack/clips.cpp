// qiao-pack clips: which texts have an up-to-date recording, which need re-recording, which have
// none; and the recording script volunteers work from. Clips are read with the kiosk's own
// reader (accessibility/clips.h), so this says what the kiosk's speech chain will find.
#include "tools/pack/pack_tool.h"

#include "accessibility/clips.h"
#include "i18n/i18n.h"
#include "support/files.h"

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace qiao::tools {

namespace fs = std::filesystem;

namespace {

// The UI keys in keys.txt's order (screen by screen, as a volunteer meets them), then any key a
// catalog has that keys.txt does not.
std::vector<std::string> UiKeys(const std::string& locales_dir, const i18n::Translator& translator) {
  std::vector<std::string> keys = a11y::CatalogKeyOrder(locales_dir);
  std::set<std::string> seen(keys.begin(), keys.end());
  for (const i18n::LocaleInfo& l : translator.locales())
    if (const i18n::Catalog* c = translator.catalog(l.tag))
      for (const auto& [key, pattern] : c->strings)
        if (seen.insert(key).second) keys.push_back(key);
  return keys;
}

}  // namespace

std::vector<ClipText> ClipTexts(const std::string& locales_dir, const std::vector<std::string>& locales,
                                const std::vector<PackInFolder>& packs, std::vector<std::string>* problems,
                                const std::vector<std::string>& more_clips) {
  // Every clip the kiosk would load, from the catalogs' folder and each pack's folder (and a
  // kiosk's data folder, where its recording studio keeps what volunteers recorded).
  a11y::ClipLibrary clips;
  std::set<std::string> folders = {locales_dir};
  for (const PackInFolder& p : packs) folders.insert(p.folder);
  folders.insert(more_clips.begin(), more_clips.end());
  for (const std::string& folder : folders) clips.AddFolder(folder, problems);
  a11y::ClipScript script(clips);

  std::unique_ptr<i18n::Translator> translator = i18n::Translator::Load(locales_dir);
  for (const support::LoadError& e : translator->errors()) problems->push_back(e.ToString());
  const std::vector<std::string> keys = UiKeys(locales_dir, *translator);
  for (const std::string& locale : locales) {
    // The UI catalog: plain strings only. A message with arguments ("Step {step} of {total}")
    // changes with what it says, so a voice reads it, never a recording.
    if (const i18n::Catalog* catalog = translator->catalog(locale)) {
      for (const std::string& key : keys) {
        auto pattern = catalog->strings.find(key);
        if (pattern == catalog->strings.end() || pattern->second.find('{') != std::string::npos) continue;
        const i18n::Message m = translator->GetIn(locale, key);
        if (m.lang == locale && !m.text.empty()) script.Add(locale, key, m.text, locales_dir);
      }
    }
    // Each pack's texts in this language, in pack order (as a learner meets them).
    for (const PackInFolder& p : packs)
      content::ForEachText(p.pack, [&](const content::LocalizedText& t) {
        auto text = t.by_locale.find(locale);
        if (text == t.by_locale.end() || text->second.empty() || t.needs_review.count(locale)) return;
        script.Add(locale, p.pack.id + "#" + t.pointer, text->second, p.folder);
      });
  }
  return script.Take();
}

std::vector<ClipRow> ClipSummary(const std::vector<ClipText>& texts, const std::vector<std::string>& locales) {
  std::vector<ClipRow> rows;
  for (const std::string& locale : locales) {
    ClipRow row{locale};
    for (const ClipText& t : texts) {
      if (t.locale != locale) continue;
      ++row.texts;
      if (t.status == ClipStatus::kRecorded) ++row.recorded;
      else if (t.status == ClipStatus::kNeedsRerecording) ++row.needs_rerecording;
      else ++row.missing;
    }
    rows.push_back(row);
  }
  return rows;
}

std::string ClipTable(const std::vector<ClipRow>& rows) {
  std::ostringstream out;
  out << "| locale | texts to speak | recorded | needs re-recording | no clip |\n|---|---:|---:|---:|---:|\n";
  for (const ClipRow& r : rows)
    out << "| " << r.locale << " | " << r.texts << " | " << r.recorded << " | " << r.needs_rerecording << " | "
        << r.missing << " |\n";
  return out.str();
}

namespace {

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string RecordingScriptCsv(const std::vector<ClipText>& texts) {
  // UTF-8 with a byte order mark, so spreadsheet programs (Excel, WPS) show Tibetan, Yi or
  // Mongolian script rather than mojibake; CRLF line ends, as RFC 4180 writes them.
  std::string out = "\xEF\xBB\xBFlocale,for,text,status,file\r\n";
  for (const ClipText& t : texts) {
    if (t.status == ClipStatus::kRecorded) continue;
    out += CsvField(t.locale) + "," + CsvField(t.source) + "," + CsvField(t.text) + "," +
           CsvField(ClipStatusName(t.status)) + "," + CsvField(t.file) + "\r\n";
  }
  return out;
}

}  // namespace qiao::tools
