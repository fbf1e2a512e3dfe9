// qiao-pack lint, glossary check (see po.h): one rendering per key term and locale, so a learner
// meets the same word for 社保卡 or 验证码 in every lesson and guide.
#include "tools/pack/po.h"

#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace qiao::tools {

using content::LoadError;

namespace {

// One CSV record (RFC 4180: quoted fields, "" inside quotes); false at end of input.
bool ReadRecord(std::istream& in, std::vector<std::string>* fields, int* lines) {
  fields->clear();
  std::string line;
  if (!std::getline(in, line)) return false;
  ++*lines;
  std::string field;
  bool quoted = false;
  for (size_t i = 0;; ++i) {
    if (i == line.size()) {
      if (quoted && std::getline(in, line)) {  // a quoted field holds a line break
        ++*lines;
        field += '\n';
        i = static_cast<size_t>(-1);
        continue;
      }
      break;
    }
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  fields->push_back(field);
  return true;
}

std::string Fold(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).foldCase().toUTF8String(out);
  return out;
}

}  // namespace

bool LoadGlossary(const std::string& path, Glossary* out, std::vector<LoadError>* errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->push_back({path, 0, 0, "", "cannot read the glossary"});
    return false;
  }
  out->file = path;
  out->terms.clear();
  std::vector<std::string> header, fields;
  int lines = 0;
  if (!ReadRecord(in, &header, &lines) || header.size() < 2 || header[0] != "zh-Hans" || header[1] != "en") {
    errors->push_back({path, 1, 1, "", "the first line must be the header zh-Hans,en,<locale>...,note"});
    return false;
  }
  while (true) {
    int first_line = lines + 1;
    if (!ReadRecord(in, &fields, &lines)) break;
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != header.size()) {
      errors->push_back({path, first_line, 1, "",
                         std::to_string(fields.size()) + " fields, the header has " + std::to_string(header.size())});
      continue;
    }
    GlossaryTerm term;
    term.zh = fields[0];
    term.en = fields[1];
    term.line = first_line;
    if (term.zh.empty()) {
      errors->push_back({path, first_line, 1, "", "a term needs its zh-Hans text"});
      continue;
    }
    for (size_t i = 2; i < header.size(); ++i) {
      if (header[i] == "note") continue;
      std::istringstream cell(fields[i]);
      std::string rendering;
      while (std::getline(cell, rendering, '|')) {
        if (rendering.starts_with("!") && rendering.size() > 1)
          term.rejected[header[i]].push_back(rendering.substr(1));
        else if (!rendering.empty() && !rendering.starts_with("!"))
          term.renderings[header[i]].push_back(rendering);
      }
    }
    out->terms.push_back(std::move(term));
  }
  return true;
}

std::vector<Finding> GlossaryLint(const std::vector<FileReport>& reports, const Glossary& glossary) {
  std::vector<Finding> findings;
  for (const FileReport& report : reports) {
    if (!report.pack) continue;
    std::unique_ptr<content::JsonDocument> doc;  // positions, read only if there is a finding
    content::ForEachText(*report.pack, [&](const content::LocalizedText& t) {
      auto zh = t.by_locale.find("zh-Hans");
      if (zh == t.by_locale.end()) return;
      for (const GlossaryTerm& term : glossary.terms) {
        if (zh->second.find(term.zh) == std::string::npos) continue;
        for (const auto& [locale, renderings] : term.renderings) {
          auto tr = t.by_locale.find(locale);
          if (tr == t.by_locale.end()) continue;  // untranslated: coverage says so
          const std::string text = Fold(tr->second);
          auto in_text = [&](const std::string& r) { return text.find(Fold(r)) != std::string::npos; };
          std::string rejected_used;
          if (auto rej = term.rejected.find(locale); rej != term.rejected.end())
            for (const std::string& r : rej->second)
              if (in_text(r)) rejected_used = r;
          if (rejected_used.empty() && std::any_of(renderings.begin(), renderings.end(), in_text)) continue;
          if (!doc) {
            std::string bytes, error;
            content::ReadFile(report.file, &bytes, &error, content::kMaxPackBytes);
            doc = std::make_unique<content::JsonDocument>(content::ParseJsonWithPositions(bytes, report.file).doc);
          }
          std::string accepted;
          for (const std::string& r : renderings) accepted += (accepted.empty() ? "“" : "” or “") + r;
          const std::string where = " in " + locale + " (" + std::filesystem::path(glossary.file).filename().string() +
                                    ":" + std::to_string(term.line) + ")";
          // The text's note for translators may say why (a real app label kept in Chinese).
          const std::string note = t.note.empty() ? "" : " [translator note: " + t.note + "]";
          if (!rejected_used.empty())
            findings.push_back({Severity::kWarning,
                                doc->MakeError(content::PointerJoin(t.pointer, locale),
                                               "glossary: “" + term.zh + "” (" + term.en + ") is " + accepted + "”" +
                                                   where + ", not “" + rejected_used + "”" + note)});
          else
            findings.push_back({Severity::kNote,
                                doc->MakeError(content::PointerJoin(t.pointer, locale),
                                               "glossary: “" + term.zh + "” (" + term.en + ") is " + accepted + "”" +
                                                   where + "; this text uses none of them" + note)});
        }
      }
    });
  }
  return findings;
}

}  // namespace qiao::tools
