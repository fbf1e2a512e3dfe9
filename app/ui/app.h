// The kiosk application, independent of any window: state, routes, screens, idle reset.
// The platform layer (app/platform) owns the window and GPU and calls Frame(); tests and
// `--headless` call it with no window at all and read the accessibility tree.
#pragma once

#include "accessibility/announcer.h"
#include "accessibility/focus.h"
#include "accessibility/scan.h"
#include "accessibility/tree.h"
#include "content/pack.h"
#include "i18n/i18n.h"
#include "i18n/search.h"
#include "text/text.h"
#include "ui/resume.h"
#include "ui/settings.h"
#include "ui/widgets.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

struct ImGuiContext;

namespace qiao::ui {

struct AppOptions {
  std::string packs_dir = "lessons";
  std::string locales_dir = "locales";
  std::string data_dir;  // settings live here; empty = keep nothing on disk
  // A learner's own device (the browser without ?kiosk=1): the session is kept in
  // data_dir/session.json, restored at start, and there is no idle reset. Off at the kiosk.
  bool keep_session = false;
  KioskConfig config;
  text::FontOptions fonts;
  // Preview for trainers (--watch): a pack file or a folder of packs, shown instead of
  // packs_dir and reloaded within a second of a save. A save with problems is shown on screen
  // and the last good version stays.
  std::string watch;
};

// What one learner did. Cleared by the idle reset and by "start over": nothing personal stays.
struct Session {
  std::vector<std::string> history;                 // routes visited, for Back
  std::map<std::string, int> lesson_step;           // lesson id -> current step (0-based)
  std::map<std::string, std::string> quiz_answer;   // "lesson/step" -> choice id
  std::map<std::string, int> practice_tap;          // "lesson/step" -> last hotspot index, -2 miss
  std::set<std::string> hint_shown;                 // "lesson/step"
  std::set<std::string> lesson_done;
  std::map<std::string, std::set<std::string>> checklist;  // guide id -> ticked item ids
  std::map<std::string, std::string> resume_code;  // lesson id -> the code shown at its end
};

// The session as JSON (with the route and locale, so a restart lands where the learner was), and
// back. Parsing is lenient: unknown or mistyped fields are skipped; false only when the text is
// not a JSON object (the error says where).
struct SavedSession {
  Session session;
  std::string route;
  std::string locale;
};
std::string SessionToJson(const SavedSession& saved);
bool SessionFromJson(const std::string& text, SavedSession* out, std::string* error);

class App {
 public:
  explicit App(AppOptions options);
  ~App();

  // One frame. `now` is seconds on a monotonic clock; `had_input` says the user did something
  // since the last frame (resets the idle timer). Call between ImGui::NewFrame() and
  // ImGui::Render() (the platform or the headless runner does that).
  void Frame(double now, bool had_input);

  // When the next frame is needed even without input (idle warning, countdown), in the same
  // clock as `now`; infinity when nothing is scheduled. Idle kiosks draw nothing.
  double NextDeadline() const;
  double IdleDeadline() const;
  bool WantsAnotherFrame() const { return ui_.needs_another_frame || settle_frames_ > 0; }

  // Navigation. Routes: picker, home, lessons, lesson/<id>[/<step 1-based>], guides,
  // guide/<id>, settings, help. Unknown routes go home.
  void Navigate(const std::string& route);
  void Back();
  const std::string& route() const { return route_; }

  // Accessibility: the tree of the last frame, and action requests for the next one (a focus
  // request moves focus at once).
  const a11y::Tree& tree() const { return tree_; }
  void RequestAction(a11y::NodeId id, a11y::Action action);
  // A key from the keyboard, a keypad or a switch (the platform maps its codes); handled at the
  // start of the next frame.
  void OnKey(a11y::Key key);
  a11y::NodeId focus() const { return focus_; }
  bool touch_and_hear() const { return touch_and_hear_; }
  void SetTouchAndHear(bool on) { touch_and_hear_ = on; }
  // Speech: the announcer decides what to say; the output (SDL audio, or a test's recorder)
  // says it. Without an output the announcer still keeps its log.
  a11y::Announcer& announcer() { return announcer_; }
  void SetSpeechOutput(a11y::SpeechOutput* output) { announcer_.SetOutput(output); }
  const a11y::Scanner& scanner() const { return scanner_; }

  // The learner's session and settings (tests read them).
  const Session& session() const { return session_; }
  const Settings& settings() const { return settings_; }
  void SetTextScaleIndex(int index);         // the learner's choice: saved
  void SetTextScaleIndexForRun(int index);   // --text-scale: this run only, not saved
  void SetLocale(const std::string& tag);
  void SetSpeechRate(int words_per_minute);  // saved

  // Problems found at start-up (packs, catalogs, fonts, settings), for the operator.
  std::vector<std::string> Problems() const;
  // Home-screen search: lessons and guides whose title or summary in the current language
  // matches the query, in the locale's collation order of their titles. The hits point into the
  // App's index: valid until the next Search (the home screen asks again every frame; a repeated
  // query costs nothing).
  struct SearchHit {
    std::string route;
    Msg title, detail;
  };
  const std::vector<const SearchHit*>& Search(const std::string& query);
  const content::Library& library() const { return library_; }
  i18n::Translator& translator() { return *translator_; }
  text::Engine& engine() { return *engine_; }
  // Loads the fonts again from options.fonts (the browser swaps in a larger CJK font once it
  // has arrived). Layouts and the glyph atlas start afresh; the screen redraws.
  void ReloadFonts();

  // The GPU texture holding the glyph atlas (set by the platform; null headless).
  void SetAtlasTexture(ImTextureID id) { ui_.atlas_texture = id; }
  bool quit_requested() const { return quit_requested_; }
  // In --kiosk mode, closing needs the operator PIN: the platform asks for the dialog here.
  void RequestExit();

  void ResetSession();  // the idle reset: back to the picker, session cleared

 private:
  // Screens (screens.cpp): functions of the state above.
  void ScreenPicker();
  void ScreenHome();
  void ScreenLessons();
  void ScreenLesson(const std::string& id);
  void ScreenGuides();
  void ScreenGuide(const std::string& id);
  void ScreenSettings();
  void ScreenHelp();
  void UpdateIdle(double now);
  void HandleKeys();
  void AfterTree(bool new_screen);
  void SpeechControls();
  Msg Join(const Msg& a, std::string_view sep, const Msg& b) const;
  void IdleDialog();
  void PinDialog();
  bool TopBar(const Msg& title);  // Back / title / Home; false if the screen changed

  Msg T(std::string_view key, const i18n::Args& args = {}) const;
  Msg C(const content::LocalizedText& text) const;
  void SaveSettings();
  void SaveSessionIfChanged();

  AppOptions options_;
  content::Library library_;
  std::unique_ptr<i18n::Translator> translator_;
  std::unique_ptr<text::Engine> engine_;
  Settings settings_;
  std::vector<std::string> settings_problems_;
  Session session_;
  std::string route_ = "picker";
  bool route_changed_ = true;
  UiContext ui_;
  a11y::Tree tree_;
  double last_input_ = 0;
  double now_ = 0;
  bool idle_warning_ = false;
  int settle_frames_ = 2;
  bool pin_dialog_ = false;
  std::string pin_entry_;
  std::string search_query_;  // learner input: cleared with the session
  std::string resume_entry_;  // a resume code being typed on Home
  std::unique_ptr<ResumeCodes> resume_codes_;
  std::unique_ptr<i18n::Searcher> searcher_;  // created on the first search (~76 ms)
  // For search_index_locale_, in collation order: hit i is found by key 2i (its title) or
  // 2i + 1 (its summary) of search_keys_.
  std::vector<SearchHit> search_hits_;
  i18n::SearchIndex search_keys_;
  std::string search_last_query_;                 // and its hits, for the next frame
  std::vector<const SearchHit*> search_last_hits_;
  std::string search_index_locale_;
  // Preview (AppOptions::watch): polled a few times a second.
  content::Library LoadWatched() const;
  std::string WatchStamp() const;  // changes when a watched file is saved
  void PollWatch(double now);
  std::string watch_stamp_;
  double next_watch_poll_ = 0;
  std::vector<std::string> watch_errors_;  // the last save's problems (last good version shown)
  bool quit_requested_ = false;
  std::string saved_session_;  // last session.json written (keep_session)

  // Accessibility state (focus, keys, speech, scanning): see HandleKeys and AfterTree.
  a11y::NodeId focus_ = 0;
  bool focus_visible_ = false;
  bool scroll_to_focus_ = false;
  bool touch_and_hear_ = false;  // session: on with the speech key, off at the idle reset
  std::vector<a11y::Key> keys_;
  a11y::KeyDebouncer debounce_;
  a11y::Announcer announcer_;
  a11y::ClipLibrary clips_;
  a11y::Scanner scanner_;
  a11y::NodeId scope_ = 0;         // the modal scope last frame (a dialog opening is a new screen)
  bool read_intro_ = false;        // the lesson's Repeat button
  bool fallback_shown_ = false;    // the "spoken in Mandarin" indicator is on screen
};

}  // namespace qiao::ui
