// Index:
// [SECTION] START-UP
// [SECTION] NAVIGATION AND SETTINGS
// [SECTION] FRAME
// [SECTION] REQUESTS FROM SCREENS
#include "ui/app.h"

#include "accessibility/speech_limits.h"
#include "ui/page.h"
#include "ui/preview_watch.h"
#include "ui/screens/screen.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>

namespace qiao::ui {

namespace {

std::string InDataDir(const AppOptions& o, const char* file) {
  return o.data_dir.empty() ? "" : (std::filesystem::path(o.data_dir) / file).string();
}

int64_t SystemUnixTime() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// [SECTION] START-UP

App::App(AppOptions options)
    : options_(std::move(options)),
      // A trainer's preview (--watch) shows only what is watched.
      content_(options_.packs_dir, options_.watch.empty() ? options_.bundle : "", options_.config.idle_timeout_seconds),
      update_notice_(content_.UpdateRoot()),
      session_store_(options_.keep_session ? InDataDir(options_, "session.json") : ""),
      idle_(options_.config.idle_timeout_seconds, options_.config.idle_warning_seconds),
      a11y_(options_.config) {
  if (!options_.wall_clock) options_.wall_clock = SystemUnixTime;
  if (options_.watch.empty()) {
    library_ = content_.Load();
    search_.UseBundleIndex(content_.index(), &problems_);
  } else {
    watch_ = std::make_unique<PreviewWatcher>(options_.watch);
    library_ = watch_->Load();
  }
  translator_ = i18n::Translator::Load(options_.locales_dir);
  engine_ = text::Engine::Create(options_.fonts);
  ui_.engine = engine_.get();
  resume_codes_ = std::make_unique<ResumeCodes>(InDataDir(options_, "resume-codes.json"), &problems_);
  if (!options_.data_dir.empty()) settings_ = LoadSettings(InDataDir(options_, "settings.json"), &problems_);
  usage_ = store::UsageCounts::Load(InDataDir(options_, "usage.csv"), &problems_);
  Count({store::LocalDay(options_.wall_clock()), "", "kiosk", "", "start"});  // restarts, for the operator
  nav_.Replace(StartRoute());
  if (!options_.config.default_locale.empty() && translator_->Find(options_.config.default_locale))
    translator_->SetLocale(options_.config.default_locale);
  // A learner's own device: back where they were. A broken file is reported (a fresh session).
  if (SavedSession saved; session_store_.Load(&saved, &problems_)) {
    session_ = std::move(saved.session);
    if (!saved.locale.empty() && translator_->Find(saved.locale)) translator_->SetLocale(saved.locale);
    if (std::optional<Route> r = ParseRoute(saved.route)) nav_.Replace(std::move(*r));
  }

  a11y_.SetUpSpeech(*translator_, settings_, &problems_, [this](std::string_view key) {
    const Msg m = texts().Ui(key);
    return a11y::Phrase{m.text, m.lang, m.alt, m.reading};
  });
  LoadClips();
  KeepProblemsForExport();
}

App::~App() { SetContext(nullptr); }

std::vector<std::string> App::Problems() const {
  std::vector<std::string> out;
  for (const auto& e : library_.errors) out.push_back(e.ToString());
  for (const auto& e : translator_->errors()) out.push_back(e.ToString());
  for (const auto& w : engine_->warnings()) out.push_back("fonts: " + w);
  out.insert(out.end(), content_.problems().begin(), content_.problems().end());
  out.insert(out.end(), problems_.begin(), problems_.end());
  out.insert(out.end(), clip_problems_.begin(), clip_problems_.end());
  for (const std::string& p : search_.problems()) out.push_back("search: " + p);
  return out;
}

Route App::StartRoute() const {
  const bool has_default = !options_.config.default_locale.empty() && translator_->Find(options_.config.default_locale);
  return has_default ? Route::Home() : Route{Route::Kind::kPicker};
}

// Nothing to protect on the first screen of a fresh session, nor on a learner's own device.
bool App::IdleArmed() const {
  if (options_.keep_session) return false;
  if (nav_.current().kind == Route::Kind::kRecord) return false;  // a volunteer reading, not a learner
  return !(nav_.current() == StartRoute() && session_.history.empty());
}

// Where the UI language has no voice, every message also carries its Mandarin text: spoken
// when no recorded clip exists (never silence).
Texts App::texts() const { return Texts(*translator_, translator_->info().speech == "recorded"); }

void App::Say(std::string_view key, const i18n::Args& args) {
  const Msg m = texts().Ui(key, args);
  a11y_.announcer().Say(a11y::Phrase{m.text, m.lang, m.alt, m.reading});
}

const std::vector<const SearchHit*>& App::Search(const std::string& query) {
  return search_.Find(query, library_, texts(), translator_->locale());
}

void App::ShowNotice(std::string key) {
  notice_ = std::move(key);
  notice_route_ = route();
  Say(notice_, {});
  RequestRedraw();
}

void App::ReloadFonts() {
  engine_ = text::Engine::Create(options_.fonts);
  ui_.engine = engine_.get();
  RequestRedraw();
}

// [SECTION] NAVIGATION AND SETTINGS

void App::Navigate(const std::string& route) {
  std::optional<Route> r = ParseRoute(route);
  Navigate(r ? std::move(*r) : Route::Home());
}

void App::Navigate(Route route) {
  // lesson/<id>/<step>: open the lesson at that step. The screen stays lesson/<id>; the step
  // lives in the session, so Back leaves the lesson, not the step.
  if (route.kind == Route::Kind::kLesson && route.step > 0) {
    session_.lesson_step[route.id] = route.step - 1;
    route.step = 0;
    nav_.MarkNewScreen();
  }
  if (!(nav_.current() == route)) CountUsage(route, "started");  // not a step within it
  nav_.Go(std::move(route), &session_.history);
}

// A kiosk's counts for the bureau (a learner's own device counts nothing). Kept at once: a
// count is a few bytes, and a kiosk is switched off by its plug.
void App::Count(const store::UsageKey& key) {
  if (options_.keep_session || !usage_.Add(key)) return;
  std::string error;
  if (!usage_.Save(&error) && problems_.end() == std::find(problems_.begin(), problems_.end(), error))
    problems_.push_back(error);
}

void App::CountUsage(const Route& route, const std::string& what) {
  if (route.kind != Route::Kind::kLesson && route.kind != Route::Kind::kGuide) return;
  const bool lesson = route.kind == Route::Kind::kLesson;
  if (lesson ? !library_.FindLesson(route.id) : !library_.FindGuide(route.id)) return;  // not in the library
  Count({store::LocalDay(options_.wall_clock()), translator_->locale(), lesson ? "lesson" : "guide", route.id, what});
  if (what == "started") CountSettingsInUse();
}

// Whole-kiosk counts say how many visits did something, not how often one learner did it.
void App::CountOncePerVisit(const std::string& what, const std::string& locale) {
  if (counted_this_visit_.insert(what + "/" + locale).second)
    Count({store::LocalDay(options_.wall_clock()), locale, "kiosk", "", what});
}

void App::CountSettingsInUse() {
  if (settings_.speech) CountOncePerVisit("speech");
  if (settings_.text_scale_index > 0) CountOncePerVisit("large-text");
}

// Before the session is forgotten: where each unfinished lesson was left, and the reset itself.
void App::CountVisitEnd() {
  for (const auto& [id, step] : session_.lesson_step) {
    const content::Lesson* lesson = library_.FindLesson(id);
    if (lesson && step >= 0 && step < static_cast<int>(lesson->steps.size()) && !session_.lesson_done.count(id))
      CountUsage(Route::Lesson(id), store::StoppedAt(std::min(step + 1, store::kUsageMaxStep)));
  }
  Count({store::LocalDay(options_.wall_clock()), "", "kiosk", "", "idle-reset"});
  counted_this_visit_.clear();
}

void App::Back() { nav_.Back(&session_.history); }

void App::RequestAction(a11y::NodeId id, a11y::Action action) {
  if (action == a11y::kActionFocus) a11y_.MoveFocus(id);  // now; the next frame draws and speaks it
  else ui_.pending_actions.emplace_back(id, action);
  RequestRedraw();
}

void App::OnKey(a11y::Key key) {
  a11y_.OnKey(key);
  RequestRedraw();
}

void App::RequestExit() {
  pin_ = PinPad{.open = true};
  RequestRedraw();
}

void App::ResetSession() {
  CountVisitEnd();
  session_ = Session{};
  a11y_.Reset();
  idle_.Input(now_);
  pin_ = PinPad{};
  if (!options_.config.default_locale.empty() && translator_->Find(options_.config.default_locale))
    translator_->SetLocale(options_.config.default_locale);
  nav_.Replace(StartRoute());
  ShowNewContent();  // nobody is using the kiosk now
  RequestRedraw();
}

bool App::ShowNewContent() {
  const std::vector<std::string> problems_before = content_.problems();
  std::optional<content::Library> fresh = content_.CheckForNew(now_);
  if (fresh) {
    library_ = std::move(*fresh);
    search_.UseBundleIndex(content_.index(), &problems_);  // forgets the old library's keys
    LoadClips();  // the new release's clips, and no longer the old one's
  }
  KeepProblemsForExport();  // a release that failed to load is one
  return fresh.has_value() || content_.problems() != problems_before;  // the operator notice counts them
}

std::vector<std::string> App::ClipFolders() const {
  std::vector<std::string> folders = {options_.locales_dir, options_.packs_dir};
  if (const std::string release = content_.ShownRelease(); !release.empty()) folders.push_back(release);
  if (!options_.data_dir.empty()) folders.push_back(options_.data_dir);
  return folders;
}

void App::LoadClips() {
  clip_problems_.clear();
  a11y_.LoadClips(ClipFolders(), &clip_problems_);
}

void App::KeepProblemsForExport() {
  if (options_.keep_session || options_.data_dir.empty()) return;
  std::vector<std::string> now = Problems();
  if (problems_kept_ && now == *problems_kept_) return;
  std::string error;  // not kept: the operator's screen still shows every problem
  if (store::SaveShownProblems(InDataDir(options_, std::string(store::kProblemsFile).c_str()), now, &error))
    problems_kept_ = std::move(now);
}

void App::SaveSettings() {
  if (options_.data_dir.empty()) return;
  std::string error;
  if (!SaveSettingsFile(InDataDir(options_, "settings.json"), settings_, &error)) problems_.push_back(error);
}

// Called between frames (start-up options, tests), these draw nothing by themselves: the next
// frame shows them. Requests from screens ask for settling frames (Frame's last lines).
void App::SetTextScaleIndexForRun(int index) { settings_.text_scale_index = std::clamp(index, 0, kTextScaleCount - 1); }
void App::SetLocale(const std::string& tag) { translator_->SetLocale(tag); }

// [SECTION] FRAME

double App::RedrawDeadline() const {
  // During the warning, the idle timer's deadline is the next whole second after the frame that
  // showed the countdown.
  return std::min(a11y_.NextTick(), idle_.Deadline(drawn_at_, IdleArmed()));
}

double App::NextDeadline() const {
  double deadline = RedrawDeadline();
  if (!IdleArmed()) deadline = std::min(deadline, content_.NextCheck());
  deadline = std::min(deadline, update_notice_.NextPoll());  // a USB stick's update, for the operator
  return watch_ ? std::min(deadline, watch_->next_poll()) : deadline;
}

bool App::NeedsFrame(double now, bool had_input) {
  if (had_input || a11y_.has_keys() || !ui_.pending_actions.empty()) return true;  // Frame() ticks after the input
  const bool shows_new = Tick(now);
  return shows_new || WantsAnotherFrame();
}

bool App::Tick(double now) {
  now_ = now;
  bool shows_new = now >= RedrawDeadline();  // the warning, its countdown, a scanning step
  if (update_notice_.Poll(now)) {  // a stat a second; a frame only when the status changed
    RequestRedraw();
    shows_new = true;
  }
  if (idle_.Update(now, IdleArmed()) == IdleTimer::State::kReset) {
    ResetSession();
    shows_new = true;
  } else if (!IdleArmed() && content_.Due(now) && ShowNewContent()) {  // an unattended start screen
    RequestRedraw();
    shows_new = true;
  }
  if (watch_) {
    if (std::optional<content::Library> fresh = watch_->Poll(now)) {
      library_ = std::move(*fresh);  // the route and the session stay: the same screen, new text
      search_.Invalidate();
    }
    if (watch_->TakeChanged()) {
      RequestRedraw();
      shows_new = true;
    }
  }
  return shows_new;
}

void App::Frame(double now, bool had_input) {
  now_ = now;
  drawn_at_ = now;
  // 1. Input since the last frame: the idle timer, keys against the tree the user saw; then
  // the timers (an input at the reset's very moment keeps the session).
  if (a11y_.has_keys()) had_input = true;
  if (had_input || !ui_.pending_actions.empty()) {
    idle_.Input(now);
    content_.Input(now);
    RequestRedraw();
  }
  Tick(now);
  if (PointerPressed()) a11y_.announcer().Interrupt();  // a touch stops speech at once
  const bool rtl = text::DirectionOf(translator_->locale()) == text::Direction::kRtl;
  const AccessibilityController::KeyRequests keys = a11y_.HandleKeys(tree_, now, rtl);
  for (const auto& action : keys.actions) RequestAction(action.first, action.second);
  if (keys.speech_on) settings_.speech = true;  // this session; not saved
  if (keys.speech_on) CountSettingsInUse();
  if (keys.switch_pressed) CountOncePerVisit("switch");
  if (keys.volume_changed) Say("a11y.volume", {{"percent", std::round(a11y_.announcer().volume() * 100)}});
  if (keys.escape && pin_.open) pin_ = PinPad{};
  else if (keys.escape && !idle_.warning()) Back();
  if (keys.escape) RequestRedraw();

  // 2. Draw: the widgets' context, the page, its screen, any dialog.
  SetContext(&ui_);
  a11y_.PrepareWidgets(&ui_);
  ui_.mandarin_alt = translator_->info().speech == "recorded";
  BeginUiFrame(GetTheme(settings_.theme), settings_.text_scale(), translator_->locale(), texts().Ui("app.name").text);
  const Texts words = texts();
  ScreenRequests out;
  if (!notice_.empty() && notice_route_ != route()) notice_.clear();  // the learner moved on
  ScreenContext c{nav_.current(), nav_.TakeNewScreen(), library_, words, session_, settings_, options_.config,
                  options_.wall_clock(), /*spoken_by=*/settings_.speech ? a11y_.spoken_by() : std::vector<a11y::SpokenBy>{},
                  a11y_.announcer().volume(), a11y_.touch_and_hear(),
                  library_.errors.size() + translator_->errors().size() + content_.problems().size(),
                  watch_ ? &watch_->errors() : nullptr, idle_.SecondsLeft(now),
                  [this](const std::string& q) -> const std::vector<const SearchHit*>& { return Search(q); }, out};
  c.language_voice = a11y_.announcer().VoiceWithoutClip(translator_->locale());
  UpdateStudio();
  c.studio = studio_.get();
  c.can_record = studio_device_ != nullptr && !options_.data_dir.empty();
  BeginPage(FormatRoute(c.route), c.new_screen);  // requests apply after the frame: c.route stays
  DrawPreviewProblems(c);
  DrawScreen(c);
  // A platform's notice goes after the screen's content: nothing the learner is about to tap
  // moves when it appears.
  if (!notice_.empty()) Feedback("platform-notice", words.Ui(notice_), Tone::kGood);
  EndPage();
  if (idle_.warning()) DrawIdleDialog(c);
  // The operator's USB stick update, over everything but the PIN pad.
  if (update_notice_.visible() && DrawUpdateDialog(c, update_notice_)) {
    // Closed by the operator: on the start screen with nobody's session, the new content at once.
    if (update_notice_.view() == UpdateNotice::View::kInstalled && !IdleArmed()) ShowNewContent();
    update_notice_.Dismiss();
    RequestRedraw();
  }
  if (pin_.open) {
    const OperatorChoice choice = DrawPinDialog(c, &pin_);
    if (choice == OperatorChoice::kClose) quit_requested_ = true;
    if (choice == OperatorChoice::kRecord) out.go = Route{Route::Kind::kRecord, translator_->locale()};
  }
  // Switch scanning highlights whole groups: their ring is drawn over everything.
  if (a11y_.focus_visible() && a11y_.focus()) {
    const a11y::Node* n = tree_.Find(a11y_.focus());
    if (n && !a11y::IsFocusable(*n) && n->role != a11y::Role::kHeading) DrawOverlayFocusRing(n->bounds);
  }
  tree_ = ui_.tree.Finish();
  ui_.pending_actions.clear();  // actions for nodes that no longer exist are dropped

  // 3. After the frame: what the screens asked for, focus and speech, the saved session.
  Apply(out);
  a11y_.AfterFrame(&tree_, ui_.touched, c.new_screen, now, settings_.speech);
  if (a11y_.TakeSpokenByChanged()) RequestRedraw();  // the speech status line must show it
  session_store_.SaveIfChanged({session_, FormatRoute(nav_.current()), translator_->locale()}, &problems_);
  if (out.any()) RequestRedraw();
  else if (settle_frames_ > 0) --settle_frames_;
}

void App::DrawScreen(ScreenContext& c) {
  switch (c.route.kind) {
    case Route::Kind::kPicker: DrawPicker(c); break;
    case Route::Kind::kHome: DrawHome(c); break;
    case Route::Kind::kLessons: DrawLessons(c); break;
    case Route::Kind::kLesson: DrawLesson(c); break;
    case Route::Kind::kGuides: DrawGuides(c); break;
    case Route::Kind::kGuide: DrawGuide(c); break;
    case Route::Kind::kSettings: DrawSettings(c); break;
    case Route::Kind::kHelp: DrawHelp(c); break;
    case Route::Kind::kRecord: DrawRecord(c); break;
  }
}

// [SECTION] REQUESTS FROM SCREENS

void App::Apply(const ScreenRequests& out) {
  if (out.first_try_right) CountUsage(nav_.current(), *out.first_try_right ? "quiz-right" : "quiz-wrong");
  if (out.locale) translator_->SetLocale(*out.locale);
  if (out.locale) CountOncePerVisit("language-picked", *out.locale);
  if (out.go) Navigate(*out.go);
  if (out.back) Back();
  if (out.new_screen) nav_.MarkNewScreen();
  if (!out.lesson_completed.empty()) {
    CountUsage(Route::Lesson(out.lesson_completed), "finished");
    CompleteLesson(&session_, resume_codes_.get(), out.lesson_completed, options_.wall_clock());
  }
  if (!out.redeem_code.empty() && RedeemResumeCode(&session_, resume_codes_.get(), out.redeem_code, options_.wall_clock()))
    Navigate(Route{Route::Kind::kLessons});
  if (out.settings) {
    settings_ = *out.settings;
    SaveSettings();
    CountSettingsInUse();
    a11y_.announcer().SetRate(settings_.speech_rate);
  }
  for (const ScreenRequests::Saying& s : out.say) Say(s.key, s.args);
  if (out.volume_steps) {
    a11y::Announcer& announcer = a11y_.announcer();
    announcer.SetVolume(announcer.volume() + out.volume_steps * a11y::SpeechLimits::kVolumeStep);
    Say("a11y.volume", {{"percent", std::round(announcer.volume() * 100)}});
  }
  if (out.touch_and_hear) a11y_.SetTouchAndHear(*out.touch_and_hear);
  if (out.read_intro) a11y_.RequestReadIntro();
  if (out.idle_stay) idle_.Input(now_);
  if (out.clip_kept) a11y_.AddClip(*out.clip_kept);
}

// [SECTION] RECORDING STUDIO

void App::UpdateStudio() {
  const Route& r = nav_.current();
  if (r.kind != Route::Kind::kRecord || !studio_device_ || options_.data_dir.empty()) {
    studio_.reset();
    return;
  }
  if (studio_ && studio_->locale() == r.id) return;
  // What the volunteer can record in this language, in the order a learner meets it: the UI
  // catalog's plain strings (a message with arguments changes with what it says: a voice reads
  // it) in keys.txt order, then each pack's texts in pack order, reviewed ones only.
  a11y::ClipScript script(a11y_.clips());
  const std::string& locale = r.id;
  const std::string& folder = options_.data_dir;
  if (const i18n::Catalog* catalog = translator_->catalog(locale)) {
    std::vector<std::string> keys = a11y::CatalogKeyOrder(options_.locales_dir);
    for (const auto& [key, pattern] : catalog->strings)
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    for (const std::string& key : keys) {
      auto pattern = catalog->strings.find(key);
      if (pattern == catalog->strings.end() || pattern->second.find('{') != std::string::npos) continue;
      const i18n::Message m = translator_->GetIn(locale, key);
      if (m.lang == locale && !m.text.empty()) script.Add(locale, key, m.text, folder);
    }
  }
  for (const content::Pack& pack : library_.packs)
    content::ForEachText(pack, [&](const content::LocalizedText& t) {
      auto text = t.by_locale.find(locale);
      if (text == t.by_locale.end() || text->second.empty() || t.needs_review.count(locale)) return;
      script.Add(locale, pack.id + "#" + t.pointer, text->second, folder);
    });
  studio_ = std::make_unique<RecordingStudio>(locale, script.Take(), folder, studio_device_);
}

void App::StudioSpace(bool down) {
  if (!studio_) return;
  if (down && studio_->phase() == RecordingStudio::Phase::kReady) studio_->StartRecording();
  if (!down && studio_->phase() == RecordingStudio::Phase::kRecording) studio_->StopRecording();
  idle_.Input(now_);
  RequestRedraw();
}

}  // namespace qiao::ui
