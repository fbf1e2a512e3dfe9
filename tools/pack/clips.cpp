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

const char* ClipStatusName(ClipStatus status) {
  switch (status) {
    case ClipStatus::kRecorded: return "recorded";
    case ClipStatus::kNeedsRerecording: return "needs re-recording";
    case ClipStatus::kMissing: return "no clip";
  }
  return "?";
}

namespace {

// The UI keys in keys.txt's order (screen by screen, as a volunteer meets them), then any key a
// catalog has that keys.txt does not.
std::vector<std::string> UiKeys(const std::string& locales_dir, const i18n::Translator& translator) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  std::string bytes, error;
  if (support::ReadFile((fs::path(locales_dir) / "keys.txt").string(), &bytes, &error)) {
    std::istringstream lines(bytes);
    for (std::string line; std::getline(lines, line);) {
      const std::string key = line.substr(0, line.find('\t'));
      if (!key.empty() && key[0] != '#' && seen.insert(key).second) keys.push_back(key);
    }
  }
  for (const i18n::LocaleInfo& l : translator.locales())
    if (const i18n::Catalog* c = translator.catalog(l.tag))
      for (const auto& [key, pattern] : c->strings)
        if (seen.insert(key).second) keys.push_back(key);
  return keys;
}

}  // namespace

std::vector<ClipText> ClipTexts(const std::string& locales_dir, const std::vector<std::string>& locales,
                                const std::vector<PackInFolder>& packs, std::vector<std::string>* problems) {
  // Every clip the kiosk would load, from the catalogs' folder and each pack's folder.
  a11y::ClipLibrary clips;
  std::set<std::string> folders = {locales_dir};
  for (const PackInFolder& p : packs) folders.insert(p.folder);
  for (const std::string& folder : folders) clips.AddFolder(folder, problems);
  // What each clip was recorded for: a text with no clip for its present wording, whose
  // earlier wording had one, needs re-recording.
  std::set<std::pair<std::string, std::string>> recorded_for;  // (locale, "for")
  for (const auto& [key, clip] : clips.clips())
    if (!clip.source.empty()) recorded_for.insert({clip.locale, clip.source});

  std::vector<ClipText> out;
  std::set<std::pair<std::string, std::string>> listed;  // (locale, hash): a text said twice is recorded once
  auto add = [&](const std::string& locale, const std::string& source, const std::string& text,
                 const std::string& folder) {
    ClipText t{locale, source, text, ClipStatus::kMissing, ""};
    const std::string hash = a11y::ClipHash(locale, text);
    if (!listed.insert({locale, hash}).second) return;
    if (const std::string* path = clips.Find(locale, text)) {
      t.status = ClipStatus::kRecorded;
      t.file = *path;
    } else {
      if (recorded_for.count({locale, source})) t.status = ClipStatus::kNeedsRerecording;
      t.file = (fs::path(folder) / "audio" / locale / (hash + ".wav")).string();
    }
    out.push_back(std::move(t));
  };

  // Several paragraphs are spoken (and recorded) one by one, as the kiosk shows them
  // (ui::Paragraphs splits at blank lines): "for" names the paragraph, "…/body@p2".
  auto add_paragraphs = [&](const std::string& locale, const std::string& source, const std::string& all,
                            const std::string& folder) {
    std::vector<std::string> paragraphs;
    for (size_t start = 0; start <= all.size();) {
      size_t end = all.find("\n\n", start);
      if (end == std::string::npos) end = all.size();
      if (end > start) paragraphs.push_back(all.substr(start, end - start));
      start = end + 2;
    }
    for (size_t i = 0; i < paragraphs.size(); ++i)
      add(locale, paragraphs.size() == 1 ? source : source + "@p" + std::to_string(i + 1), paragraphs[i], folder);
  };

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
        if (m.lang == locale && !m.text.empty()) add_paragraphs(locale, key, m.text, locales_dir);
      }
    }
    // Each pack's texts in this language, in pack order (as a learner meets them).
    for (const PackInFolder& p : packs)
      content::ForEachText(p.pack, [&](const content::LocalizedText& t) {
        auto text = t.by_locale.find(locale);
        if (text == t.by_locale.end() || text->second.empty() || t.needs_review.count(locale)) return;
        add_paragraphs(locale, p.pack.id + "#" + t.pointer, text->second, p.folder);
      });
  }
  return out;
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
