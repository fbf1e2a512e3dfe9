#include "ui/settings.h"

#include "content/json_source.h"
#include "content/pack.h"
#include "store/store.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace qiao::ui {

float Settings::text_scale() const {
  int i = std::clamp(text_scale_index, 0, kTextScaleCount - 1);
  return kTextScales[i];
}

namespace {

// Reads a JSON object file; false if missing (no problem) or broken (problem recorded).
bool ReadJsonObject(const std::string& path, content::JsonDocument* doc,
                    std::vector<std::string>* problems) {
  std::string bytes, error;
  if (!std::filesystem::exists(path)) return false;
  if (!content::ReadFile(path, &bytes, &error)) {
    problems->push_back(path + ": " + error);
    return false;
  }
  content::JsonParseResult parsed = content::ParseJsonWithPositions(bytes, path);
  if (!parsed.ok) {
    problems->push_back(parsed.error.ToString());
    return false;
  }
  if (!parsed.doc.root.is_object()) {
    problems->push_back(parsed.doc.MakeError("", "expected a JSON object").ToString());
    return false;
  }
  *doc = std::move(parsed.doc);
  return true;
}

}  // namespace

Settings LoadSettings(const std::string& path, std::vector<std::string>* problems) {
  Settings s;
  // Settings are written through the crash-safe store: a corrupt file is reported and the
  // previous good version used.
  store::ReadResult stored = store::Read(path);
  problems->insert(problems->end(), stored.problems.begin(), stored.problems.end());
  if (!stored.found) return s;
  content::JsonParseResult parsed = content::ParseJsonWithPositions(stored.payload, path);
  if (!parsed.ok || !parsed.doc.root.is_object()) {
    problems->push_back(parsed.ok ? parsed.doc.MakeError("", "expected a JSON object").ToString()
                                  : parsed.error.ToString());
    problems->push_back(path + ": the defaults are used");
    return s;
  }
  const content::JsonDocument& doc = parsed.doc;
  const auto& j = doc.root;
  size_t before = problems->size();
  if (auto it = j.find("textScaleIndex"); it != j.end()) {
    if (it->is_number_integer() && it->get<int>() >= 0 && it->get<int>() < kTextScaleCount)
      s.text_scale_index = it->get<int>();
    else
      problems->push_back(doc.MakeError("/textScaleIndex", "expected 0.." +
                                        std::to_string(kTextScaleCount - 1)).ToString());
  }
  if (auto it = j.find("theme"); it != j.end()) {
    if (*it == "high-contrast") s.theme = ThemeId::kHighContrast;
    else if (*it == "standard") s.theme = ThemeId::kStandard;
    else problems->push_back(doc.MakeError("/theme", "expected \"standard\" or \"high-contrast\"").ToString());
  }
  if (auto it = j.find("speech"); it != j.end()) {
    if (it->is_boolean()) s.speech = it->get<bool>();
    else problems->push_back(doc.MakeError("/speech", "expected true or false").ToString());
  }
  if (auto it = j.find("speechRate"); it != j.end()) {
    if (it->is_number_integer() && it->get<int>() >= 80 && it->get<int>() <= 300)
      s.speech_rate = it->get<int>();
    else
      problems->push_back(doc.MakeError("/speechRate", "expected 80..300 (words per minute)").ToString());
  }
  if (problems->size() > before)
    problems->push_back(path + ": the values above were replaced by defaults");
  return s;
}

bool SaveSettingsFile(const std::string& path, const Settings& s, std::string* error) {
  nlohmann::json j;
  j["textScaleIndex"] = s.text_scale_index;
  j["theme"] = s.theme == ThemeId::kHighContrast ? "high-contrast" : "standard";
  j["speech"] = s.speech;
  j["speechRate"] = s.speech_rate;
  return store::Write(path, j.dump(2) + "\n", error);
}

KioskConfig LoadKioskConfig(const std::string& path, std::vector<std::string>* problems) {
  KioskConfig c;
  content::JsonDocument doc;
  if (path.empty() || !ReadJsonObject(path, &doc, problems)) return c;
  const auto& j = doc.root;
  if (auto it = j.find("operatorPin"); it != j.end()) {
    if (it->is_string() && it->get<std::string>().size() >= 4 &&
        it->get<std::string>().find_first_not_of("0123456789") == std::string::npos)
      c.operator_pin = it->get<std::string>();
    else
      problems->push_back(doc.MakeError("/operatorPin", "expected a string of at least 4 digits").ToString());
  }
  auto seconds = [&](const char* key, double* out, double min) {
    auto it = j.find(key);
    if (it == j.end()) return;
    if (it->is_number() && it->get<double>() >= min) *out = it->get<double>();
    else problems->push_back(doc.MakeError(std::string("/") + key,
                                           "expected a number of seconds >= " + std::to_string(int(min))).ToString());
  };
  seconds("idleTimeoutSeconds", &c.idle_timeout_seconds, 10);
  seconds("idleWarningSeconds", &c.idle_warning_seconds, 5);
  if (auto it = j.find("defaultLocale"); it != j.end() && it->is_string())
    c.default_locale = it->get<std::string>();
  seconds("repeatKeySeconds", &c.repeat_key_seconds, 0);
  seconds("scanIntervalSeconds", &c.scan_interval_seconds, 0.3);
  if (auto it = j.find("switchAccess"); it != j.end()) {
    if (*it == "off" || *it == "one" || *it == "two") c.switch_access = it->get<std::string>();
    else problems->push_back(doc.MakeError("/switchAccess", "expected \"off\", \"one\" or \"two\"").ToString());
  }
  if (auto it = j.find("switchKeys"); it != j.end()) {
    static const char* kNames[] = {"Space", "Enter", "Tab", "Up", "Down", "Left", "Right"};
    bool ok = it->is_array() && !it->empty() && it->size() <= 2;
    std::vector<std::string> keys;
    if (ok)
      for (const auto& k : *it) {
        ok = ok && k.is_string() &&
             std::find(std::begin(kNames), std::end(kNames), k.get<std::string>()) != std::end(kNames);
        if (ok) keys.push_back(k.get<std::string>());
      }
    if (ok) c.switch_keys = keys;
    else problems->push_back(doc.MakeError("/switchKeys", "expected one or two of Space, Enter, Tab, Up, Down, Left, Right").ToString());
  }
  if (auto it = j.find("headset"); it != j.end()) {
    if (it->is_boolean()) c.headset = it->get<bool>();
    else problems->push_back(doc.MakeError("/headset", "expected true or false").ToString());
  }
  if (auto it = j.find("syntheticVoices"); it != j.end()) {  // {"bo": false}: that voice off
    for (auto v = it->is_object() ? it->begin() : it->end(); v != it->end(); ++v)
      if (v->is_boolean()) c.synthetic_voices[v.key()] = v->get<bool>();
      else problems->push_back(doc.MakeError("/syntheticVoices/" + v.key(), "expected true or false").ToString());
    if (!it->is_object()) problems->push_back(doc.MakeError("/syntheticVoices", "expected {\"bo\": false, ...}").ToString());
  }
  return c;
}

}  // namespace qiao::ui
