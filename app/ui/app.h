// The kiosk application, independent of any window: the composition root of the units below
// and the orchestration of one frame. The platform layer (app/platform) owns the window and GPU
// and calls Frame(); tests and `--headless` call it with no window at all and read the
// accessibility tree.
//
//   Navigator (route.h)                 which screen, and the way back
//   IdleTimer (idle_timer.h)            "Are you still there?", then forget the learner
//   Session, SessionStore (session.h)   what the learner did; kept only on a learner's device
//   LibrarySearch (library_search.h)    Home's search
//   PreviewWatcher (preview_watch.h)    --watch: a trainer's pack, reloaded on save
//   ContentSource (content_source.h)    packs folder or bundle; new content at the idle reset
//   store::UsageCounts (store/usage.h)  anonymous counts per day: lessons and guides started,
//                                       finished, quiz answers, where left; languages, speech...
//   UpdateNotice (update_notice.h)      the operator's screen while a USB stick updates content
//   AccessibilityController             focus, keys, switches, speech
//   RecordingStudio (studio.h)          volunteers record clips (record/<locale>)
//   screens/                            one function per screen, reporting ScreenRequests
#pragma once

#include "ui/a11y_controller.h"
#include "ui/app_options.h"
#include "ui/content_source.h"
#include "ui/idle_timer.h"
#include "ui/resume.h"
#include "ui/studio.h"
#include "ui/update_notice.h"
#include "ui/screens/screen.h"
#include "store/usage.h"

#include <memory>
#include <set>

namespace qiao::ui {

class PreviewWatcher;

class App {
 public:
  explicit App(AppOptions options);
  ~App();

  // One frame. `now` is seconds on a monotonic clock; `had_input` says the user did something
  // since the last frame (resets the idle timer). Call between ImGui::NewFrame() and
  // ImGui::Render() (the platform or the headless runner does that).
  void Frame(double now, bool had_input);
  // The one rule every loop draws by (native main.cpp, the browser's web.cpp, the headless
  // runner's Wait, the idle benchmark): whether a frame is needed at `now`. Input always draws;
  // otherwise it runs Tick() and says whether that, or a change still settling, needs a frame.
  // A loop woken for anything else (the watchdog's ping, a poll that found nothing) draws
  // nothing: an idle kiosk draws no frames, even while it polls the USB update status.
  bool NeedsFrame(double now, bool had_input);
  // The timer step, between frames: the time-driven work due at `now` (the USB update status
  // poll, the idle timer and its reset, new content at an unattended start screen, a trainer's
  // --watch). True when the screen must show something new: the idle warning, each second of
  // its countdown, the reset, switch scanning's next step, a new update status, new content.
  // Frame() runs it too (after the input), so a caller that only calls Frame() misses nothing.
  bool Tick(double now);
  // When NeedsFrame() should next be asked even without input (the earliest timer or poll), in
  // the same clock as `now`; infinity when nothing is scheduled. Being woken is not drawing.
  double NextDeadline() const;
  bool WantsAnotherFrame() const { return ui_.needs_another_frame || settle_frames_ > 0; }

  // Navigation, by route text (see route.h; unknown text goes Home) or by Route.
  void Navigate(const std::string& route);
  void Navigate(Route route);
  void Back();
  std::string route() const { return FormatRoute(nav_.current()); }

  // Accessibility: the tree of the last frame (its `focus` is the focused node), and action
  // requests for the next one (a focus request moves focus at once).
  const a11y::Tree& tree() const { return tree_; }
  void RequestAction(a11y::NodeId id, a11y::Action action);
  // A key from the keyboard, a keypad or a switch (the platform maps its codes); handled at the
  // start of the next frame.
  void OnKey(a11y::Key key);
  a11y::NodeId focus() const { return a11y_.focus(); }
  bool touch_and_hear() const { return a11y_.touch_and_hear(); }
  // Speech: the announcer decides what to say; the output (SDL audio, or a test's recorder)
  // says it. Without an output the announcer still keeps its log.
  a11y::Announcer& announcer() { return a11y_.announcer(); }
  void SetSpeechOutput(a11y::SpeechOutput* output) { a11y_.announcer().SetOutput(output); }

  // The recording studio (record/<locale>): the platform's microphone, speaker and disk. Without
  // one (the browser) the operator's menu does not offer it. Clips are kept in the data folder.
  void SetStudioDevice(StudioDevice* device) { studio_device_ = device; }
  // Space held and released on the studio's screen (the platform sends it here, not to OnKey).
  void StudioSpace(bool down);
  const RecordingStudio* studio() const { return studio_.get(); }
  // Where the studio keeps clips: <data folder>/audio/<locale>/ (the kiosk reads them from there).
  std::string ClipsFolder() const { return options_.data_dir; }

  // The learner's session and the kiosk's settings (tests read them).
  const Session& session() const { return session_; }
  const Settings& settings() const { return settings_; }
  void SetTextScaleIndexForRun(int index);  // --text-scale: this run only, not saved
  void SetLocale(const std::string& tag);

  // Problems found at start-up (packs, catalogs, fonts, settings), for the operator.
  std::vector<std::string> Problems() const;
  // Home-screen search (LibrarySearch::Find in the current language).
  using SearchHit = ui::SearchHit;
  const std::vector<const SearchHit*>& Search(const std::string& query);
  const content::Library& library() const { return library_; }
  i18n::Translator& translator() { return *translator_; }
  text::Engine& engine() { return *engine_; }
  // Loads the fonts again from options.fonts (the browser swaps in a larger CJK font once it
  // has arrived). Layouts and the glyph atlas start afresh; the screen redraws.
  void ReloadFonts();
  // The browser's page put another language's bundle in place of the one shown
  // (app/platform/web.cpp): show it now, as the kiosk does at a quiet moment.
  void ReloadContent() {
    ShowNewContent();
    RequestRedraw();
  }
  // A notice from the platform, by catalog key (the browser: "web.saved_offline" once the app
  // is in the offline cache): shown at the end of the current screen (nothing above it moves)
  // until the learner goes to another one, and announced.
  void ShowNotice(std::string key);

  // The GPU texture holding the glyph atlas (set by the platform; null headless).
  void SetAtlasTexture(ImTextureID id) { ui_.atlas_texture = id; }
  bool quit_requested() const { return quit_requested_; }
  // In --kiosk mode, closing needs the operator PIN: the platform asks for the dialog here.
  void RequestExit();
  void ResetSession();  // the idle reset: back to the start, session cleared; new content shown
  const ContentSource& content_source() const { return content_; }
  const store::UsageCounts& usage() const { return usage_; }
  const UpdateNotice& update_notice() const { return update_notice_; }

 private:
  Route StartRoute() const;  // the picker, or Home in the configured default language
  bool IdleArmed() const;
  Texts texts() const;
  void DrawScreen(ScreenContext& c);
  void Apply(const ScreenRequests& out);
  void Say(std::string_view key, const i18n::Args& args);
  void SaveSettings();
  void RequestRedraw() { settle_frames_ = std::max(settle_frames_, 2); }
  // When a frame is due for what the screen shows over time (the idle warning, its countdown,
  // the reset, switch scanning), as of the last frame drawn; Tick() draws then.
  double RedrawDeadline() const;
  // At a quiet moment: a bundle qiao-update switched in, if it loads. True when what the kiosk
  // shows changed (the new content, or why a new bundle was not shown).
  bool ShowNewContent();
  // Where recorded clips are read from: beside the catalogs, beside the packs, the release shown
  // (what its channel brought: app/channel/install.h), and what this kiosk's studio recorded
  // (last, so a clip recorded here wins over one of the same text brought by a channel).
  std::vector<std::string> ClipFolders() const;
  void LoadClips();  // from ClipFolders(), again whenever the release shown changes
  // Anonymous usage (store/usage.h): a lesson's or guide's count, a whole-kiosk count once per
  // visit, the settings in use, and the end of a visit (lessons left unfinished, the idle reset).
  void CountUsage(const Route& route, const std::string& what);
  void CountOncePerVisit(const std::string& what, const std::string& locale = "");
  void CountSettingsInUse();
  void CountVisitEnd();
  void Count(const store::UsageKey& key);
  // Problems() as they change, kept for qiao-update's status export (store/usage.h).
  void KeepProblemsForExport();
  void UpdateStudio();  // the studio exists exactly while its screen is shown

  AppOptions options_;
  ContentSource content_;
  UpdateNotice update_notice_;
  content::Library library_;
  std::unique_ptr<i18n::Translator> translator_;
  std::unique_ptr<text::Engine> engine_;
  Settings settings_;
  std::vector<std::string> problems_;  // settings, session, resume codes, usage
  std::vector<std::string> clip_problems_;  // of the clip folders read last (LoadClips)
  store::UsageCounts usage_;
  std::set<std::string> counted_this_visit_;  // CountOncePerVisit's, until the idle reset
  std::optional<std::vector<std::string>> problems_kept_;  // what KeepProblemsForExport last wrote
  Session session_;
  SessionStore session_store_;
  Navigator nav_;
  IdleTimer idle_;
  AccessibilityController a11y_;
  LibrarySearch search_;
  std::unique_ptr<PreviewWatcher> watch_;
  std::unique_ptr<ResumeCodes> resume_codes_;
  UiContext ui_;
  a11y::Tree tree_;
  double now_ = 0;
  double drawn_at_ = 0;    // the last Frame's `now` (RedrawDeadline's clock)
  int settle_frames_ = 2;  // frames still to draw after a change (layout and focus settle)
  PinPad pin_;
  bool quit_requested_ = false;
  std::string notice_;        // ShowNotice's key, while its screen is shown
  std::string notice_route_;  // the screen it was shown on
  StudioDevice* studio_device_ = nullptr;
  std::unique_ptr<RecordingStudio> studio_;
};

}  // namespace qiao::ui
