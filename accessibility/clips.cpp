#include "accessibility/clips.h"

#include "support/files.h"
#include "support/json_reader.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <filesystem>
#include <sstream>

namespace qiao::a11y {

std::string ClipHash(std::string_view locale, std::string_view text) {
  uLong crc = crc32(0L, Z_NULL, 0);
  const std::string key = std::string(locale) + "\n" + std::string(text);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(key.data()), static_cast<uInt>(key.size()));
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08lx", static_cast<unsigned long>(crc & 0xffffffffUL));
  return buf;
}

void ClipLibrary::Add(Clip clip) {
  auto key = std::make_pair(clip.locale, clip.hash);
  clips_[std::move(key)] = std::move(clip);
}

void ClipLibrary::Add(const std::string& lang, const std::string& text, const std::string& path) {
  Add(Clip{lang, ClipHash(lang, text), path, text, ""});
}

const std::string* ClipLibrary::Find(std::string_view lang, std::string_view text) const {
  auto it = clips_.find(std::make_pair(std::string(lang), ClipHash(lang, text)));
  if (it == clips_.end() || it->second.text != text) return nullptr;
  return &it->second.path;
}

void ClipLibrary::AddFolder(const std::string& root, std::vector<std::string>* problems) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path audio = fs::path(root) / "audio";
  if (!fs::is_directory(audio, ec)) return;
  for (const fs::directory_entry& dir : fs::directory_iterator(audio, ec)) {
    if (!dir.is_directory()) continue;
    const fs::path index = dir.path() / "clips.json";
    if (!fs::exists(index)) continue;
    const std::string lang = dir.path().filename().string();
    std::string bytes, error;
    if (!support::ReadFile(index.string(), &bytes, &error)) {
      problems->push_back(index.string() + ": " + error);
      continue;
    }
    std::vector<support::LoadError> errors;
    support::JsonReader r(bytes, index.string(), &errors);
    if (r.ok() && r.IsObject(r.root(), "")) {
      r.String(r.root(), "", "note", false);  // for people reading the file
      r.Members(r.root(), "", "clips", true,
                [&](std::string_view hash, const support::JsonReader::Value& v, const std::string& pointer) {
                  if (!r.IsObject(v, pointer)) return;
                  Clip clip;
                  clip.locale = lang;
                  clip.hash = std::string(hash);
                  const std::string name = r.String(v, pointer, "file", true);
                  clip.text = r.String(v, pointer, "text", true);
                  clip.source = r.String(v, pointer, "for", false);
                  if (name.empty() || clip.text.empty()) return;  // named by the reader
                  if (ClipHash(lang, clip.text) != clip.hash) {
                    r.Error(pointer, "the text's hash is \"" + ClipHash(lang, clip.text) +
                                         "\", not the key: it was edited after recording (record it again)");
                    return;
                  }
                  const fs::path file = dir.path() / name;
                  if (!fs::exists(file)) {
                    r.Error(support::PointerJoin(pointer, "file"),
                            "clip not found: " + file.string() + " (the next voice speaks instead)");
                    return;
                  }
                  clip.path = file.string();
                  Add(std::move(clip));
                });
      r.ReportUnknownFields();
    }
    // In file order (the reader visits members by key, which are hashes here).
    std::stable_sort(errors.begin(), errors.end(), [](const support::LoadError& a, const support::LoadError& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    for (const support::LoadError& e : errors) problems->push_back(e.ToString());
  }
}

std::string FormatClipsJson(const std::vector<Clip>& clips) {
  nlohmann::ordered_json index = {{"clips", nlohmann::ordered_json::object()}};
  for (const Clip& c : clips)
    index["clips"][c.hash] = {{"file", std::filesystem::path(c.path).filename().string()}, {"for", c.source}, {"text", c.text}};
  return index.dump(2, ' ', /*ensure_ascii=*/false) + "\n";
}

// [SECTION] What to record

const char* ClipStatusName(ClipStatus status) {
  switch (status) {
    case ClipStatus::kRecorded: return "recorded";
    case ClipStatus::kNeedsRerecording: return "needs re-recording";
    case ClipStatus::kMissing: return "no clip";
  }
  return "?";
}

std::vector<std::string> SpeechParagraphs(const std::string& all) {
  std::vector<std::string> paragraphs;
  for (size_t start = 0; start <= all.size();) {
    size_t end = all.find("\n\n", start);
    if (end == std::string::npos) end = all.size();
    if (end > start) paragraphs.push_back(all.substr(start, end - start));
    start = end + 2;
  }
  return paragraphs;
}

std::vector<std::string> CatalogKeyOrder(const std::string& locales_dir) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  std::string bytes, error;
  if (!support::ReadFile((std::filesystem::path(locales_dir) / "keys.txt").string(), &bytes, &error)) return keys;
  std::istringstream lines(bytes);
  for (std::string line; std::getline(lines, line);) {
    const std::string key = line.substr(0, line.find('\t'));
    if (!key.empty() && key[0] != '#' && seen.insert(key).second) keys.push_back(key);
  }
  return keys;
}

ClipScript::ClipScript(const ClipLibrary& clips) : clips_(clips) {
  for (const auto& [key, clip] : clips.clips())
    if (!clip.source.empty()) recorded_for_.insert({clip.locale, clip.source});
}

void ClipScript::Add(const std::string& locale, const std::string& source, const std::string& all,
                     const std::string& folder) {
  const std::vector<std::string> paragraphs = SpeechParagraphs(all);
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const std::string& text = paragraphs[i];
    ClipText t{locale, paragraphs.size() == 1 ? source : source + "@p" + std::to_string(i + 1), text,
               ClipStatus::kMissing, ""};
    const std::string hash = ClipHash(locale, text);
    if (!listed_.insert({locale, hash}).second) continue;  // a text said twice is recorded once
    if (const std::string* path = clips_.Find(locale, text)) {
      t.status = ClipStatus::kRecorded;
      t.file = *path;
    } else {
      if (recorded_for_.count({locale, t.source})) t.status = ClipStatus::kNeedsRerecording;
      t.file = (std::filesystem::path(folder) / "audio" / locale / (hash + ".wav")).string();
    }
    texts_.push_back(std::move(t));
  }
}

}  // namespace qiao::a11y
