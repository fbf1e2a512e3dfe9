// Everything that makes the kiosk usable without sight or touch, between frames: focus (held by
// the tree), keys from a keyboard, keypad or switch, switch scanning, touch-and-hear, and the
// kiosk's own speech (announcer, recorded clips). The App feeds it keys and the finished tree of
// each frame; it answers with what the keys asked for.
#pragma once

#include "accessibility/announcer.h"
#include "accessibility/focus.h"
#include "accessibility/scan.h"
#include "accessibility/tree.h"
#include "i18n/i18n.h"
#include "ui/settings.h"
#include "ui/widgets.h"

#include <string>
#include <utility>
#include <vector>

namespace qiao::ui {

class AccessibilityController {
 public:
  explicit AccessibilityController(const KioskConfig& config);
  // The kiosk's own speech: a voice per language (locales.json "speech"; Qiao's synthetic ones
  // from voices/voices.json unless the operator switched them off), the words it adds
  // ("button", "checked") from `words`, rate and on/off from the settings.
  void SetUpSpeech(const i18n::Translator& translator, const Settings& settings, std::vector<std::string>* problems,
                   a11y::WordSource words);
  // The recorded clips: those found in `folders` (audio/<locale>/clips.json), and no others.
  // Called again when the content shown changes (a new release brings its own clips).
  void LoadClips(const std::vector<std::string>& folders, std::vector<std::string>* problems);

  // [SECTION] Input, before the frame
  void OnKey(a11y::Key key) { keys_.push_back(key); }
  bool has_keys() const { return !keys_.empty(); }
  // Moves focus now (a screen reader's focus action, a key, the scanner); the next frame draws
  // the ring and scrolls the node into view.
  void MoveFocus(a11y::NodeId id);
  // What the keys of this frame asked for, against last frame's tree (what the user saw).
  struct KeyRequests {
    std::vector<std::pair<a11y::NodeId, a11y::Action>> actions;  // e.g. Enter on a button
    bool escape = false;     // Back, or closing a dialog: the App decides which
    bool speech_on = false;  // the headset user's speech key: speech on for this session
    bool volume_changed = false;  // a volume key: say the new volume
    bool switch_pressed = false;  // a switch drove the scanner (anonymous usage)
  };
  KeyRequests HandleKeys(const a11y::Tree& last_tree, double now, bool rtl);

  // [SECTION] After the frame
  // Marks focus on the finished tree and speaks what changed. `touched`: the widget a finger
  // pressed this frame; `new_screen`: the route changed (focus goes to the heading).
  void AfterFrame(a11y::Tree* tree, a11y::NodeId touched, bool new_screen, double now, bool speech_on);
  // The lesson's Repeat button: read the step again from its heading after this frame.
  void RequestReadIntro() { read_intro_ = true; }
  // Which layers spoke the last thing said (the speech status line under each screen's title).
  const std::vector<a11y::SpokenBy>& spoken_by() const { return announcer_.spoken_by(); }
  // The layers that spoke changed since the last call (the "Spoken in Mandarin" notice appeared,
  // a recording played): the screen must be drawn again to show it.
  bool TakeSpokenByChanged();

  // [SECTION] State the widgets read
  // Hands this frame's focus, ring, scrolling and touch-and-hear to the widget layer.
  void PrepareWidgets(UiContext* ui) const;
  a11y::NodeId focus() const { return focus_; }
  bool focus_visible() const { return focus_visible_; }
  bool scroll_to_focus() const { return scroll_to_focus_; }
  bool touch_and_hear() const { return touch_and_hear_; }
  void SetTouchAndHear(bool on) { touch_and_hear_ = on; }
  // Forget the learner (idle reset): volume, touch-and-hear, focus, scanning.
  void Reset();

  a11y::Announcer& announcer() { return announcer_; }
  // The recorded clips the kiosk speaks from; the recording studio adds what it keeps.
  const a11y::ClipLibrary& clips() const { return clips_; }
  void AddClip(a11y::Clip clip) { clips_.Add(std::move(clip)); }
  // When the scanner next moves (infinity when it is off).
  double NextTick() const { return scanner_.NextTick(); }

 private:
  std::vector<std::string> switch_keys_;
  std::map<std::string, bool> synthetic_voices_;  // the operator's switches
  a11y::NodeId focus_ = 0;
  bool focus_visible_ = false;   // draw the ring (keyboard, switch or touch-and-hear in use)
  bool scroll_to_focus_ = false;
  bool touch_and_hear_ = false;  // session: on with the speech key, off at the idle reset
  bool read_intro_ = false;
  std::vector<a11y::SpokenBy> spoken_by_shown_;
  a11y::NodeId scope_ = 0;  // the modal scope last frame (a dialog opening is a new screen)
  std::vector<a11y::Key> keys_;
  a11y::KeyDebouncer debounce_;
  a11y::Announcer announcer_;
  a11y::ClipLibrary clips_;
  a11y::Scanner scanner_;
};

}  // namespace qiao::ui
