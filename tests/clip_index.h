// Test helper: writes an `audio/<locale>/clips.json` in the format the kiosk reads
// (accessibility/clips.h): each clip keyed by ClipHash(locale, text).
#pragma once

#include "accessibility/clips.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace qiao::testing {

struct ClipEntry {
  std::string text;
  std::string file;
  std::string source = "";  // "for"
};

inline void WriteClipIndex(const std::filesystem::path& folder, const std::string& locale,
                           const std::vector<ClipEntry>& clips) {
  nlohmann::ordered_json index = {{"clips", nlohmann::ordered_json::object()}};
  for (const ClipEntry& c : clips) {
    nlohmann::ordered_json entry = {{"file", c.file}, {"text", c.text}};
    if (!c.source.empty()) entry["for"] = c.source;
    index["clips"][a11y::ClipHash(locale, c.text)] = entry;
  }
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "clips.json") << index.dump(2) << "\n";
}

}  // namespace qiao::testing
