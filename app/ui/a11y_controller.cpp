#include "ui/a11y_controller.h"

#include <algorithm>
#include <cmath>

namespace qiao::ui {

AccessibilityController::AccessibilityController(const KioskConfig& config)
    : switch_keys_(config.switch_keys), synthetic_voices_(config.synthetic_voices) {
  debounce_.set_seconds(config.repeat_key_seconds);
  a11y::ScanOptions scan;
  scan.mode = config.switch_access == "one"   ? a11y::SwitchMode::kOneSwitch
              : config.switch_access == "two" ? a11y::SwitchMode::kTwoSwitch
                                              : a11y::SwitchMode::kOff;
  scan.interval = config.scan_interval_seconds;
  scanner_.set_options(scan);
  announcer_.SetHeadset(config.headset);
  announcer_.SetClips(&clips_);
}

void AccessibilityController::SetUpSpeech(const i18n::Translator& translator, const Settings& settings,
                                          std::vector<std::string>* problems, a11y::WordSource words) {
  std::map<std::string, std::string> voices;
  for (const i18n::LocaleInfo& l : translator.locales()) voices[l.tag] = l.speech;
  announcer_.SetVoices(std::move(voices));
  announcer_.SetSyntheticVoices(a11y::LoadBundledSyntheticVoices(problems));
  for (const auto& [lang, on] : synthetic_voices_) announcer_.SetSyntheticVoiceEnabled(lang, on);
  announcer_.SetWords(std::move(words));
  announcer_.SetRate(settings.speech_rate);
  announcer_.SetEnabled(settings.speech);
}

void AccessibilityController::LoadClips(const std::vector<std::string>& folders, std::vector<std::string>* problems) {
  clips_ = a11y::ClipLibrary{};  // the announcer keeps pointing at clips_
  for (const std::string& folder : folders) clips_.AddFolder(folder, problems);
}

void AccessibilityController::MoveFocus(a11y::NodeId id) {
  if (!id) return;
  focus_ = id;
  focus_visible_ = true;
  scroll_to_focus_ = true;
}

AccessibilityController::KeyRequests AccessibilityController::HandleKeys(const a11y::Tree& tree, double now,
                                                                         bool rtl) {
  KeyRequests out;
  std::vector<a11y::Key> keys;
  keys.swap(keys_);
  auto apply_scan = [&](const a11y::ScanStep& step) {
    if (step.changed && step.highlight) MoveFocus(step.highlight);
    if (step.activate) out.actions.emplace_back(step.activate, a11y::kActionClick);
  };
  if (scanner_.active()) apply_scan(scanner_.Tick(tree, now));

  for (a11y::Key key : keys) {
    if (!debounce_.Accept(key, now)) continue;  // a bounce or a tremor, not a second press
    if (key != a11y::Key::kRepeat && key != a11y::Key::kPause) announcer_.Interrupt();
    // Switches first: with switch access on, their keys drive the scanner.
    if (scanner_.options().mode != a11y::SwitchMode::kOff) {
      auto it = std::find(switch_keys_.begin(), switch_keys_.end(), a11y::KeyName(key));
      if (it != switch_keys_.end()) {
        apply_scan(scanner_.Press(static_cast<int>(it - switch_keys_.begin()), tree, now));
        out.switch_pressed = true;
        continue;
      }
    }
    // In a text field, arrows, Space, Enter, - and + edit the text (ImGui has them): not ours.
    if (const a11y::Node* n = tree.Find(focus_); n && n->role == a11y::Role::kTextbox) {
      if (key == a11y::Key::kLeft || key == a11y::Key::kRight || key == a11y::Key::kUp ||
          key == a11y::Key::kDown || key == a11y::Key::kSpace || key == a11y::Key::kEnter ||
          key == a11y::Key::kVolumeDown || key == a11y::Key::kVolumeUp)
        continue;
    }
    switch (key) {
      case a11y::Key::kTab: MoveFocus(a11y::NextFocus(tree, focus_, +1)); break;
      case a11y::Key::kShiftTab: MoveFocus(a11y::NextFocus(tree, focus_, -1)); break;
      case a11y::Key::kUp: MoveFocus(a11y::NextInGroup(tree, focus_, -1)); break;
      case a11y::Key::kDown: MoveFocus(a11y::NextInGroup(tree, focus_, +1)); break;
      // Left and Right follow the reading direction: in Uyghur, Left goes forward.
      case a11y::Key::kLeft: MoveFocus(a11y::NextInGroup(tree, focus_, rtl ? +1 : -1)); break;
      case a11y::Key::kRight: MoveFocus(a11y::NextInGroup(tree, focus_, rtl ? -1 : +1)); break;
      case a11y::Key::kEnter:
      case a11y::Key::kSpace:
        if (const a11y::Node* n = tree.Find(focus_); n && (n->actions & a11y::kActionClick))
          out.actions.emplace_back(focus_, a11y::kActionClick);
        break;
      case a11y::Key::kEscape: out.escape = true; break;
      case a11y::Key::kSpeech:
        // The headset user's key: speech on for this session, touch-and-hear on, read it all.
        out.speech_on = true;
        announcer_.SetEnabled(true);
        touch_and_hear_ = true;
        announcer_.ReadPage(tree);
        break;
      case a11y::Key::kRepeat: announcer_.Repeat(); break;
      case a11y::Key::kPause: announcer_.TogglePause(); break;
      case a11y::Key::kVolumeDown:
      case a11y::Key::kVolumeUp: {
        const float step = key == a11y::Key::kVolumeUp ? a11y::SpeechLimits::kVolumeStep
                                                       : -a11y::SpeechLimits::kVolumeStep;
        announcer_.SetVolume(announcer_.volume() + step);
        out.volume_changed = true;
        break;
      }
      case a11y::Key::kReadPage: announcer_.ReadPage(tree); break;
      case a11y::Key::kNone: break;
    }
  }
  return out;
}

void AccessibilityController::PrepareWidgets(UiContext* ui) const {
  ui->focused = focus_;
  ui->focus_visible = focus_visible_;
  ui->scroll_to_focus = scroll_to_focus_;
  ui->touch_and_hear = touch_and_hear_;
  ui->touched = 0;
}

void AccessibilityController::AfterFrame(a11y::Tree* tree, a11y::NodeId touched, bool new_screen,
                                         double now, bool speech_on) {
  // Focus follows a finger; the ring shows only where it helps (touch-and-hear).
  if (touched && touched != focus_) {
    focus_ = touched;
    focus_visible_ = touch_and_hear_;
  }
  // A new screen, or a dialog opening or closing: focus goes to its heading.
  const a11y::NodeId scope = a11y::ModalScope(*tree);
  const bool screen_changed = new_screen || scope != scope_;
  scope_ = scope;
  if (screen_changed) {
    focus_ = a11y::ScreenHeading(*tree);
    scanner_.Restart(*tree, now);
  } else if (focus_ && !tree->Find(focus_)) {
    focus_ = 0;  // the focused control went away (a hint shown): Tab starts from the top
  }
  a11y::SetFocus(tree, focus_);
  scroll_to_focus_ = false;  // this frame's widgets have scrolled the focused one into view
  announcer_.SetEnabled(speech_on);
  announcer_.Update(*tree, focus_, screen_changed, focus_visible_);
  if (read_intro_) announcer_.ReadIntro(*tree);
  read_intro_ = false;
}

bool AccessibilityController::TakeSpokenByChanged() {
  if (announcer_.spoken_by() == spoken_by_shown_) return false;
  spoken_by_shown_ = announcer_.spoken_by();
  return true;
}

void AccessibilityController::Reset() {
  // Speech volume and touch-and-hear belong to one learner: the next one starts afresh.
  announcer_.Interrupt();
  announcer_.SetVolume(a11y::SpeechLimits::kDefaultVolume);
  touch_and_hear_ = false;
  focus_ = 0;
  focus_visible_ = false;
  scanner_.Stop();
}

}  // namespace qiao::ui
