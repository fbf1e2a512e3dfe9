#include "ui/settings.h"

#include "accessibility/announcer.h"
#include "accessibility/speech_limits.h"

#include "store/store.h"
#include "support/files.h"
#include "support/json_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace qiao::ui {

float Settings::text_scale() const {
  int i = std::clamp(text_scale_index, 0, kTextScaleCount - 1);
  return kTextScales[i];
}

namespace {

using support::JsonReader;
using support::LoadError;

void AddProblems(const std::vector<LoadError>& errors, std::vector<std::string>* problems) {
  for (const LoadError& e : errors) problems->push_back(e.ToString());
}

}  // namespace

Settings LoadSettings(const std::string& path, std::vector<std::string>* problems) {
  Settings s;
  // Settings are written through the crash-safe store: a corrupt file is reported and the
  // previous good version used.
  store::ReadResult stored = store::Read(path);
  problems->insert(problems->end(), stored.problems.begin(), stored.problems.end());
  if (!stored.found) return s;
  std::vector<LoadError> errors;
  JsonReader r(stored.payload, path, &errors);
  if (!r.ok() || !r.IsObject(r.root(), "")) {
    AddProblems(errors, problems);
    problems->push_back(path + ": the defaults are used");
    return s;
  }
  const JsonReader::Value& root = r.root();
  r.Integer(root, "", "textScaleIndex", 0, kTextScaleCount - 1, &s.text_scale_index);
  static constexpr std::string_view kThemes[] = {"standard", "high-contrast"};
  const std::string theme = r.Enum(root, "", "theme", false, kThemes, "theme");
  if (theme == "high-contrast") s.theme = ThemeId::kHighContrast;
  r.Bool(root, "", "speech", &s.speech);
  r.Integer(root, "", "speechRate", a11y::SpeechLimits::kMinRate, a11y::SpeechLimits::kMaxRate, &s.speech_rate,
            "words per minute");
  const size_t wrong = errors.size();
  r.ReportUnknownFields();  // written by a newer build, or by hand: named, and otherwise ignored
  AddProblems(errors, problems);
  if (wrong > 0) problems->push_back(path + ": the values above were replaced by defaults");
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
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return c;  // no file: the defaults, silently
  std::string bytes, error;
  if (!support::ReadFile(path, &bytes, &error)) {
    problems->push_back(path + ": " + error);
    return c;
  }
  // Each wrong value is named (file:line:col: pointer) and keeps its default; the rest applies.
  std::vector<LoadError> errors;
  JsonReader r(bytes, path, &errors);
  if (r.ok() && r.IsObject(r.root(), "")) {
    const JsonReader::Value& root = r.root();
    if (const JsonReader::Value* pin = r.Field(root, "", "operatorPin", false)) {
      std::string digits;
      if (pin->is_string() && r.AsString(*pin, "/operatorPin", &digits) && digits.size() >= 4 &&
          digits.find_first_not_of("0123456789") == std::string::npos)
        c.operator_pin = digits;
      else
        r.Error("/operatorPin", "expected a string of at least 4 digits");
    }
    constexpr double kNoLimit = INFINITY;
    r.Number(root, "", "idleTimeoutSeconds", 10, kNoLimit, &c.idle_timeout_seconds, "seconds");
    r.Number(root, "", "idleWarningSeconds", 5, kNoLimit, &c.idle_warning_seconds, "seconds");
    r.Number(root, "", "repeatKeySeconds", 0, kNoLimit, &c.repeat_key_seconds, "seconds");
    r.Number(root, "", "scanIntervalSeconds", 0.3, kNoLimit, &c.scan_interval_seconds, "seconds");
    if (const JsonReader::Value* v = r.Field(root, "", "defaultLocale", false))
      r.AsString(*v, "/defaultLocale", &c.default_locale);
    static constexpr std::string_view kSwitchAccess[] = {"off", "one", "two"};
    if (std::string mode = r.Enum(root, "", "switchAccess", false, kSwitchAccess, "switch access");
        !mode.empty())
      c.switch_access = mode;
    if (const JsonReader::Value* keys = r.Field(root, "", "switchKeys", false)) {
      static constexpr std::string_view kNames[] = {"Space", "Enter", "Tab", "Up", "Down", "Left", "Right"};
      std::vector<std::string> names;
      bool ok = r.IsArray(*keys, "/switchKeys");
      if (ok && (keys->size == 0 || keys->size > 2)) {
        r.Error("/switchKeys", "expected one or two keys (switch 1, switch 2)");
        ok = false;
      }
      if (ok) {
        std::span<const JsonReader::Value> items = r.tree().children(*keys);
        for (size_t i = 0; i < items.size(); ++i) {
          std::string name;
          ok = r.AsEnum(items[i], support::PointerJoin("/switchKeys", i), kNames, "key", &name) && ok;
          names.push_back(std::move(name));
        }
      }
      if (ok) c.switch_keys = std::move(names);
    }
    r.Bool(root, "", "headset", &c.headset);
    // {"bo": false}: that locale's synthetic voice off (a recording, else Mandarin, speaks
    // instead). A locale Qiao has no synthetic voice for is named: the switch would do nothing.
    std::vector<std::string> ignored;
    const std::map<std::string, a11y::SyntheticVoice> voices = a11y::LoadBundledSyntheticVoices(&ignored);
    r.Members(root, "", "syntheticVoices", false,
              [&](std::string_view locale, const JsonReader::Value& v, const std::string& ptr) {
                bool on = true;
                if (!r.AsBool(v, ptr, &on)) return;
                if (!voices.empty() && !voices.count(std::string(locale))) {
                  std::string known;
                  for (const auto& [tag, voice] : voices) known += (known.empty() ? "" : ", ") + tag;
                  r.Error(ptr, "Qiao has no synthetic voice for \"" + std::string(locale) + "\" (it has " + known + ")");
                  return;
                }
                c.synthetic_voices[std::string(locale)] = on;
              });
    // "updateUrl": the web channel `qiao-update --web` follows (tools/update reads it); the kiosk
    // only knows it is not a typo.
    if (const JsonReader::Value* v = r.Field(root, "", "updateUrl", false)) {
      std::string url;
      r.AsString(*v, "/updateUrl", &url);
    }
    r.ReportUnknownFields();
  }
  AddProblems(errors, problems);
  return c;
}

}  // namespace qiao::ui
