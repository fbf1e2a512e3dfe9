#include "channel/clip_index.h"

#include "channel/crypto.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <utility>

namespace qiao::channel {
namespace {

bool IsLocaleFolder(std::string_view s) {
  if (s.empty() || s.size() > 35 || s.front() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::string FormatClipIndex(const std::vector<ChannelClip>& clips) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ChannelClip& c : clips)
    list.push_back({{"locale", c.locale}, {"text", c.text}, {"for", c.source}, {"sha256", c.sha256}});
  nlohmann::ordered_json j;
  j["format"] = kClipIndexFormat;
  j["clips"] = std::move(list);
  return j.dump(2, ' ', /*ensure_ascii=*/false) + "\n";
}

std::optional<std::vector<ChannelClip>> ParseClipIndex(std::string_view bytes, const std::string& file,
                                                       const Manifest& manifest,
                                                       std::vector<support::LoadError>* errors) {
  const size_t before = errors->size();
  std::optional<support::JsonDocument> parsed =
      ParseJsonObjectFile(bytes, file, "a clip index is a JSON object {\"format\", \"clips\"}", errors);
  if (!parsed) return std::nullopt;
  const support::JsonDocument& doc = *parsed;
  const nlohmann::json& root = doc.root;
  auto fail = [&](const std::string& pointer, std::string message) {
    errors->push_back(doc.MakeError(pointer, std::move(message)));
  };
  auto format = root.find("format");
  if (format == root.end() || !format->is_string() || format->get<std::string>() != kClipIndexFormat)
    fail(format == root.end() ? "" : "/format",
         "a clip index this kiosk reads says \"format\": \"" + std::string(kClipIndexFormat) + "\"");
  std::set<std::string> listed_wavs;
  for (const FileEntry& f : manifest.files)
    if (f.kind == FileEntry::Kind::kMedia) listed_wavs.insert(f.sha256);

  std::vector<ChannelClip> clips;
  auto list = root.find("clips");
  if (list == root.end() || !list->is_array()) {
    fail(list == root.end() ? "" : "/clips", "needs \"clips\": an array of {\"locale\", \"text\", \"for\", \"sha256\"}");
  } else {
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < list->size(); ++i) {
      const nlohmann::json& e = (*list)[i];
      const std::string at = support::PointerJoin("/clips", i);
      if (!e.is_object()) {
        fail(at, "each clip is an object {\"locale\", \"text\", \"for\", \"sha256\"}");
        continue;
      }
      auto field = [&](const char* key, bool required, std::string* out) {
        auto it = e.find(key);
        if (it == e.end()) {
          if (required) fail(at, std::string("needs \"") + key + "\" (a string)");
          return !required;
        }
        if (!it->is_string()) return fail(support::PointerJoin(at, key), "must be a string"), false;
        *out = it->get<std::string>();
        return true;
      };
      ChannelClip c;
      bool ok = field("locale", true, &c.locale) & field("text", true, &c.text) & field("for", false, &c.source) &
                field("sha256", true, &c.sha256);
      if (!ok) continue;
      if (!IsLocaleFolder(c.locale)) {
        fail(at + "/locale", "\"" + c.locale + "\" is not a language tag (ASCII letters, digits and '-', e.g. bo or mn-Mong)");
        ok = false;
      }
      if (c.text.empty()) fail(at + "/text", "is empty: a clip is a recording of a text"), ok = false;
      if (!IsSha256Hex(c.sha256)) {
        fail(at + "/sha256", "needs 64 lowercase hex digits: the SHA-256 of the clip's WAV");
        ok = false;
      } else if (!listed_wavs.contains(c.sha256)) {
        fail(at + "/sha256", "names media/" + c.sha256 + ".wav, which channel.json does not list");
        ok = false;
      }
      if (ok && !seen.insert({c.locale, c.text}).second) {
        fail(at, "the same text in \"" + c.locale + "\" is listed twice");
        ok = false;
      }
      if (ok) clips.push_back(std::move(c));
    }
  }
  if (errors->size() != before) return std::nullopt;
  return clips;
}

}  // namespace qiao::channel
