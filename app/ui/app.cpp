// Index:
// [SECTION] START-UP
// [SECTION] NAVIGATION
// [SECTION] FRAME
// [SECTION] IDLE RESET
// [SECTION] SAVED SESSION
// [SECTION] FOCUS, KEYS AND SPEECH
#include "ui/app.h"

#include <imgui.h>
#include <imgui_internal.h>

#include "store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

namespace qiao::ui {

// [SECTION] START-UP

App::App(AppOptions options) : options_(std::move(options)) {
  if (options_.watch.empty()) {
    library_ = content::LoadLibrary(options_.packs_dir);
  } else {
    watch_stamp_ = WatchStamp();
    library_ = LoadWatched();
  }
  translator_ = i18n::Translator::Load(options_.locales_dir);
  engine_ = text::Engine::Create(options_.fonts);
  resume_codes_ = std::make_unique<ResumeCodes>(
      options_.data_dir.empty() ? "" : (std::filesystem::path(options_.data_dir) / "resume-codes.json").string(),
      &settings_problems_);
  if (!options_.data_dir.empty())
    settings_ = LoadSettings((std::filesystem::path(options_.data_dir) / "settings.json").string(),
                             &settings_problems_);
  if (!options_.config.default_locale.empty() && translator_->Find(options_.config.default_locale)) {
    translator_->SetLocale(options_.config.default_locale);
    route_ = "home";
  }
  if (options_.keep_session && !options_.data_dir.empty()) {
    // Back where the learner was. A broken file is reported and ignored (a fresh session).
    const std::string path = (std::filesystem::path(options_.data_dir) / "session.json").string();
    store::ReadResult stored = store::Read(path);  // crash-safe: checksum, previous good version
    settings_problems_.insert(settings_problems_.end(), stored.problems.begin(), stored.problems.end());
    if (stored.found) {
      const std::string& text = stored.payload;
      SavedSession saved;
      std::string error;
      if (SessionFromJson(text, &saved, &error)) {
        session_ = std::move(saved.session);
        if (!saved.locale.empty() && translator_->Find(saved.locale)) translator_->SetLocale(saved.locale);
        if (!saved.route.empty()) route_ = saved.route;
        saved_session_ = text;
      } else {
        settings_problems_.push_back(path + ":" + error + " (starting a new session)");
      }
    }
  }
  ui_.engine = engine_.get();

  // Speech: a voice per language (locales.json "speech"), recorded clips beside the catalogs
  // and the packs, words ("button", "checked") from the UI catalog.
  std::map<std::string, std::string> voices;
  for (const i18n::LocaleInfo& l : translator_->locales()) voices[l.tag] = l.speech;
  announcer_.SetVoices(std::move(voices));
  clips_.AddFolder(options_.locales_dir, &settings_problems_);
  clips_.AddFolder(options_.packs_dir, &settings_problems_);
  announcer_.SetClips(&clips_);
  announcer_.SetWords([this](std::string_view key) {
    Msg m = T(key);
    return a11y::Phrase{m.text, m.lang, m.alt};
  });
  announcer_.SetHeadset(options_.config.headset);
  announcer_.SetRate(settings_.speech_rate);
  announcer_.SetEnabled(settings_.speech);
  debounce_.set_seconds(options_.config.repeat_key_seconds);
  a11y::ScanOptions scan;
  scan.mode = options_.config.switch_access == "one"   ? a11y::SwitchMode::kOneSwitch
              : options_.config.switch_access == "two" ? a11y::SwitchMode::kTwoSwitch
                                                       : a11y::SwitchMode::kOff;
  scan.interval = options_.config.scan_interval_seconds;
  scanner_.set_options(scan);
}

App::~App() { SetContext(nullptr); }

std::vector<std::string> App::Problems() const {
  std::vector<std::string> out;
  for (const auto& e : library_.errors) out.push_back(e.ToString());
  for (const auto& e : translator_->errors()) out.push_back(e.ToString());
  for (const auto& w : engine_->warnings()) out.push_back("fonts: " + w);
  out.insert(out.end(), settings_problems_.begin(), settings_problems_.end());
  return out;
}

// Where the UI language has no voice, every message also carries its Mandarin text: spoken
// when no recorded clip exists (never silence).
Msg App::T(std::string_view key, const i18n::Args& args) const {
  i18n::Message m = translator_->Get(key, args);
  Msg out{std::move(m.text), std::move(m.lang)};
  if (ui_.mandarin_alt && out.lang != "zh-Hans") out.alt = translator_->GetIn("zh-Hans", key, args).text;
  return out;
}

Msg App::C(const content::LocalizedText& text) const {
  auto r = text.Resolve(translator_->chain());
  Msg out{std::string(r.text), std::string(r.lang)};
  if (out.lang != "zh-Hans") out.alt = MandarinAlt(text);
  return out;
}

Msg App::Join(const Msg& a, std::string_view sep, const Msg& b) const {
  Msg out{a.text + std::string(sep) + b.text, b.lang};
  if (!a.alt.empty() || !b.alt.empty())
    out.alt = (a.alt.empty() ? a.text : a.alt) + std::string(sep) + (b.alt.empty() ? b.text : b.alt);
  return out;
}

void App::SaveSettings() {
  if (options_.data_dir.empty()) return;
  std::string error;
  if (!SaveSettingsFile((std::filesystem::path(options_.data_dir) / "settings.json").string(),
                        settings_, &error))
    settings_problems_.push_back(error);
}

void App::SetTextScaleIndex(int index) {
  settings_.text_scale_index = std::clamp(index, 0, kTextScaleCount - 1);
  SaveSettings();
}

void App::SetTextScaleIndexForRun(int index) {
  settings_.text_scale_index = std::clamp(index, 0, kTextScaleCount - 1);
}

void App::SetLocale(const std::string& tag) { translator_->SetLocale(tag); }

void App::ReloadFonts() {
  engine_ = text::Engine::Create(options_.fonts);
  ui_.engine = engine_.get();
  settle_frames_ = std::max(settle_frames_, 2);
}

void App::SetSpeechRate(int words_per_minute) {
  settings_.speech_rate = std::clamp(words_per_minute, 80, 300);
  announcer_.SetRate(settings_.speech_rate);
  SaveSettings();
}

// [SECTION] NAVIGATION

void App::Navigate(const std::string& route) {
  std::string target = route;
  // lesson/<id>/<step>: open the lesson at that step (1-based). The route itself stays
  // lesson/<id>; the step lives in the session, so Back leaves the lesson, not the step.
  if (target.starts_with("lesson/")) {
    const size_t slash = target.find('/', 7);
    if (slash != std::string::npos) {
      const int step = std::atoi(target.c_str() + slash + 1);
      target.resize(slash);
      session_.lesson_step[target.substr(7)] = std::max(0, step - 1);
      route_changed_ = true;
    }
  }
  if (target == route_) return;
  session_.history.push_back(route_);
  route_ = target;
  route_changed_ = true;
}

void App::Back() {
  if (session_.history.empty()) {
    if (route_ != "picker") Navigate(route_ == "home" ? "picker" : "home");
    return;
  }
  route_ = session_.history.back();
  session_.history.pop_back();
  route_changed_ = true;
}

void App::RequestAction(a11y::NodeId id, a11y::Action action) {
  if (action == a11y::kActionFocus) {  // focus moves now; the next frame draws and speaks it
    focus_ = id;
    focus_visible_ = true;
    scroll_to_focus_ = true;
    settle_frames_ = std::max(settle_frames_, 2);
    return;
  }
  ui_.pending_actions.emplace_back(id, action);
  settle_frames_ = std::max(settle_frames_, 2);
}

void App::RequestExit() {
  pin_dialog_ = true;
  pin_entry_.clear();
  settle_frames_ = 2;
}

// [SECTION] FRAME

void App::Frame(double now, bool had_input) {
  now_ = now;
  if (last_input_ == 0) last_input_ = now;
  if (!keys_.empty()) had_input = true;
  if (had_input || !ui_.pending_actions.empty()) {
    last_input_ = now;
    if (idle_warning_) idle_warning_ = false;  // any touch means someone is there
    settle_frames_ = std::max(settle_frames_, 2);
  }
  UpdateIdle(now);  // may reset the session before anything is drawn
  if (ImGui::IsMouseClicked(0)) announcer_.Interrupt();  // a touch stops speech at once
  HandleKeys();      // against last frame's tree: what the user saw when pressing
  PollWatch(now);

  SetContext(&ui_);
  ui_.theme = &GetTheme(settings_.theme);
  ui_.scale = settings_.text_scale();
  ui_.lang = translator_->locale();
  ui_.rtl = text::DirectionOf(ui_.lang) == text::Direction::kRtl;
  ui_.needs_another_frame = false;
  ui_.focused = focus_;
  ui_.focus_visible = focus_visible_;
  ui_.scroll_to_focus = scroll_to_focus_;
  ui_.touch_and_hear = touch_and_hear_;
  ui_.touched = 0;
  ui_.secret = false;
  ui_.mandarin_alt = translator_->info().speech == "recorded";
  engine_->atlas().BeginFrame();

  ImGuiIO& io = ImGui::GetIO();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowPadding = ImVec2(0, 0);
  style.ItemSpacing = ImVec2(0, std::round(12.0f * ui_.scale));
  style.ScrollbarSize = std::round(24.0f * std::sqrt(ui_.scale));
  style.ScrollbarRounding = 6.0f;
  style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(Col(ui_.theme->background));
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_ScrollbarBg] = ImGui::ColorConvertU32ToFloat4(Col(ui_.theme->surface));
  style.Colors[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(Col(ui_.theme->border));
  style.Colors[ImGuiCol_ScrollbarGrabHovered] = ImGui::ColorConvertU32ToFloat4(Col(ui_.theme->text));
  style.Colors[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(Col(ui_.theme->text));
  style.Colors[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);  // we draw our own, thicker ring

  const ImVec2 size = io.DisplaySize;
  ui_.tree.Begin(a11y::Rect{0, 0, size.x, size.y}, T("app.name").text, ui_.lang,
                 ui_.rtl ? a11y::Dir::kRtl : a11y::Dir::kLtr);

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  // The screen window scrolls as a whole only when a screen draws its content inline (large
  // text on a small screen; see BeginContent in screens.cpp). One window per route, so each
  // screen opens at its top.
  ImGui::Begin(("##qiao/" + route_).c_str(), nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ScrollbarFlags());
  // Margins that shrink on small screens, so the column never overflows an 800 px viewport.
  const float margin = std::round(std::clamp(size.x * 0.04f, 12.0f, 48.0f));
  const float left = std::max(margin, ScrollbarLane());  // RTL: the scroll bar is on the left
  ImGui::SetCursorPos(ImVec2(left, margin * 0.5f));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(size.x - left - margin);
  ImGui::PushClipRect(ImVec2(0, 0), size, false);
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  // Content column: the window's work rect narrowed by the margins (and clear of a scrollbar).
  window->WorkRect.Min.x = left;
  window->WorkRect.Max.x = std::min(window->WorkRect.Max.x - 8.0f, size.x - margin);
  window->ContentRegionRect.Max.x = window->WorkRect.Max.x;
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseDragging(0, 8.0f))
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);

  if (!watch_errors_.empty()) {
    Msg problem = T("preview.broken");
    problem.text += "\n" + watch_errors_.front();
    if (watch_errors_.size() > 1) problem.text += "\n" + T("preview.more", {{"count", double(watch_errors_.size() - 1)}}).text;
    Feedback("preview-problem", problem, Tone::kBad);
  }
  const std::string route = route_;
  const bool new_screen = route_changed_;
  if (route_changed_) ImGui::SetScrollY(0);  // a new screen or step starts at its top
  route_changed_ = false;
  if (route == "picker") ScreenPicker();
  else if (route == "home") ScreenHome();
  else if (route == "lessons") ScreenLessons();
  else if (route.starts_with("lesson/")) ScreenLesson(route.substr(7)); else if (route == "guides") ScreenGuides();
  else if (route.starts_with("guide/")) ScreenGuide(route.substr(6));
  else if (route == "settings") ScreenSettings();
  else if (route == "help") ScreenHelp();
  else {
    route_ = "home";
    route_changed_ = true;
  }

  ImGui::PopClipRect();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  MirroredScrollbar();
  ImGui::End();

  if (idle_warning_) {
    // Draw the dialog above everything as its own window, so it takes the input.
    IdleDialog();
  }
  if (pin_dialog_) PinDialog();

  // Switch scanning highlights whole groups: their ring is drawn over everything.
  if (focus_visible_ && focus_) {
    const a11y::Node* n = tree_.Find(focus_);
    if (n && !a11y::IsFocusable(*n) && n->role != a11y::Role::kHeading)
      DrawFocusRing(ImGui::GetForegroundDrawList(),
                    ImRect(n->bounds.x, n->bounds.y, n->bounds.x + n->bounds.w, n->bounds.y + n->bounds.h));
  }

  tree_ = ui_.tree.Finish();
  SaveSessionIfChanged();
  ui_.pending_actions.clear();  // actions for nodes that no longer exist are dropped
  AfterTree(new_screen);
  if (route_changed_) settle_frames_ = std::max(settle_frames_, 2);
  else if (settle_frames_ > 0) --settle_frames_;
}

double App::NextDeadline() const {
  double deadline = IdleDeadline();
  return options_.watch.empty() ? deadline : std::min(deadline, next_watch_poll_);
}

double App::IdleDeadline() const {
  const KioskConfig& c = options_.config;
  const double scan = scanner_.NextTick();
  if (options_.keep_session) return scan;  // no idle reset
  if (route_ == "picker" && session_.history.empty()) return scan;
  if (!idle_warning_) return std::min(scan, last_input_ + c.idle_timeout_seconds);
  // During the warning, redraw each second for the countdown.
  double reset_at = last_input_ + c.idle_timeout_seconds + c.idle_warning_seconds;
  double next_tick = std::floor(now_) + 1.0;
  return std::min(reset_at, next_tick);
}

// [SECTION] IDLE RESET

void App::UpdateIdle(double now) {
  const KioskConfig& c = options_.config;
  if (options_.keep_session || (route_ == "picker" && session_.history.empty())) {
    last_input_ = now;  // nothing to protect on the first screen
    return;
  }
  const double idle = now - last_input_;
  if (idle >= c.idle_timeout_seconds + c.idle_warning_seconds) {
    ResetSession();
    last_input_ = now;
  } else if (idle >= c.idle_timeout_seconds) {
    idle_warning_ = true;
  }
}

void App::ResetSession() {
  session_ = Session{};
  search_query_.clear();
  resume_entry_.clear();
  // Speech volume and touch-and-hear belong to one learner: the next one starts afresh.
  announcer_.Interrupt();
  announcer_.SetVolume(a11y::Announcer::kDefaultVolume);
  touch_and_hear_ = false;
  focus_ = 0;
  focus_visible_ = false;
  scanner_.Stop();
  idle_warning_ = false;
  pin_dialog_ = false;
  pin_entry_.clear();
  route_ = "picker";
  route_changed_ = true;
  if (!options_.config.default_locale.empty() && translator_->Find(options_.config.default_locale)) {
    translator_->SetLocale(options_.config.default_locale);
    route_ = "home";
  }
  settle_frames_ = 2;
}

// [SECTION] SAVED SESSION

std::string SessionToJson(const SavedSession& saved) {
  const Session& s = saved.session;
  nlohmann::json j;
  j["locale"] = saved.locale;
  j["route"] = saved.route;
  j["history"] = s.history;
  j["lessonStep"] = s.lesson_step;
  j["quizAnswer"] = s.quiz_answer;
  j["practiceTap"] = s.practice_tap;
  j["hintShown"] = s.hint_shown;
  j["lessonDone"] = s.lesson_done;
  j["checklist"] = s.checklist;
  return j.dump(1) + "\n";
}

namespace {

// Typed readers that never throw (the browser build has no exception catching): false when the
// JSON value does not have the expected shape.
bool Read(const nlohmann::json& j, std::string* out) {
  if (!j.is_string()) return false;
  *out = j.get<std::string>();
  return true;
}
bool Read(const nlohmann::json& j, int* out) {
  if (!j.is_number_integer()) return false;
  *out = j.get<int>();
  return true;
}
template <typename T>
bool Read(const nlohmann::json& j, std::vector<T>* out) {
  if (!j.is_array()) return false;
  for (const auto& e : j) {
    T v;
    if (!Read(e, &v)) return false;
    out->push_back(std::move(v));
  }
  return true;
}
template <typename T>
bool Read(const nlohmann::json& j, std::set<T>* out) {
  std::vector<T> v;
  if (!Read(j, &v)) return false;
  out->insert(v.begin(), v.end());
  return true;
}
template <typename T>
bool Read(const nlohmann::json& j, std::map<std::string, T>* out) {
  if (!j.is_object()) return false;
  for (const auto& [k, e] : j.items()) {
    T v;
    if (!Read(e, &v)) return false;
    (*out)[k] = std::move(v);
  }
  return true;
}

}  // namespace

bool SessionFromJson(const std::string& text, SavedSession* out, std::string* error) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    *error = "1:1: /: expected a JSON object";
    return false;
  }
  // Each field on its own: one mistyped field costs only that field.
  auto field = [&](const char* key, auto* value) {
    auto it = j.find(key);
    if (it != j.end() && !Read(*it, value)) *value = {};
  };
  SavedSession s;
  field("locale", &s.locale);
  field("route", &s.route);
  field("history", &s.session.history);
  field("lessonStep", &s.session.lesson_step);
  field("quizAnswer", &s.session.quiz_answer);
  field("practiceTap", &s.session.practice_tap);
  field("hintShown", &s.session.hint_shown);
  field("lessonDone", &s.session.lesson_done);
  field("checklist", &s.session.checklist);
  *out = std::move(s);
  return true;
}

void App::SaveSessionIfChanged() {
  if (!options_.keep_session || options_.data_dir.empty()) return;
  const std::string text = SessionToJson({session_, route_, translator_->locale()});
  if (text == saved_session_) return;
  std::string error;
  if (store::Write((std::filesystem::path(options_.data_dir) / "session.json").string(), text, &error))
    saved_session_ = text;
  else
    settings_problems_.push_back(error);
}

// [SECTION] SEARCH

const std::vector<const App::SearchHit*>& App::Search(const std::string& query) {
  if (!searcher_) searcher_ = i18n::Searcher::Create(QIAO_PINYIN_READINGS);
  if (search_index_locale_ != translator_->locale()) {
    // Rebuilt when the language changes: keys are made from the texts the learner sees.
    struct Entry {
      SearchHit hit;
      i18n::SearchKey title_key, summary_key;
    };
    std::vector<Entry> entries;
    std::vector<std::string> titles;
    auto add = [&](const std::string& route, const content::LocalizedText& title,
                   const content::LocalizedText& summary) {
      Entry e;
      e.hit = {route, C(title), C(summary)};
      e.title_key = searcher_->MakeKey(e.hit.title.text);
      e.summary_key = searcher_->MakeKey(e.hit.detail.text);
      titles.push_back(e.hit.title.text);
      entries.push_back(std::move(e));
    };
    for (const content::Lesson* l : library_.Lessons()) add("lesson/" + l->id, l->title, l->summary);
    for (const content::Guide* g : library_.Guides()) add("guide/" + g->id, g->title, g->summary);
    search_hits_.clear();
    search_keys_.clear();
    for (size_t i : i18n::CollatedOrder(titles, translator_->locale())) {
      search_hits_.push_back(std::move(entries[i].hit));
      search_keys_.Add(entries[i].title_key);
      search_keys_.Add(entries[i].summary_key);
    }
    search_index_locale_ = translator_->locale();
    search_last_query_.clear();
    search_last_hits_.clear();
  }
  if (query == search_last_query_) return search_last_hits_;
  search_last_query_ = query;
  search_last_hits_.clear();
  const std::string q = searcher_->Fold(query);
  if (q.empty()) return search_last_hits_;
  for (uint32_t key : search_keys_.Find(q)) {
    const SearchHit* hit = &search_hits_[key / 2];  // its title or its summary matched
    if (search_last_hits_.empty() || search_last_hits_.back() != hit) search_last_hits_.push_back(hit);
  }
  return search_last_hits_;
}

// [SECTION] PREVIEW (--watch)

content::Library App::LoadWatched() const {
  std::error_code ec;
  if (std::filesystem::is_directory(options_.watch, ec)) return content::LoadLibrary(options_.watch);
  content::Library lib;
  std::string bytes, error;
  if (!content::ReadFile(options_.watch, &bytes, &error, content::kMaxPackBytes)) {
    lib.errors.push_back({options_.watch, 0, 0, "", error});
    return lib;
  }
  content::PackResult r = content::LoadPack(bytes, options_.watch);
  lib.errors = std::move(r.errors);
  if (r.loaded) lib.packs.push_back(std::move(r.pack));
  return lib;
}

// A hash of every watched file's bytes. Modification times alone miss two saves within the
// file system's clock tick; packs are small (at most 4 MiB) and this runs 4 times a second.
std::string App::WatchStamp() const {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(options_.watch, ec)) {
    for (fs::directory_iterator it(options_.watch, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().string().ends_with(".pack.json")) files.push_back(it->path());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(options_.watch);
  }
  std::string stamp;
  for (const fs::path& f : files) {
    std::string bytes, error;
    bool ok = content::ReadFile(f.string(), &bytes, &error, content::kMaxPackBytes);
    stamp += f.string() + ":" + (ok ? std::to_string(std::hash<std::string>{}(bytes)) : error) + ";";
  }
  return stamp;
}

void App::PollWatch(double now) {
  if (options_.watch.empty() || now < next_watch_poll_) return;
  next_watch_poll_ = now + 0.25;  // a save shows within a second, with time to spare
  std::string stamp = WatchStamp();
  if (stamp == watch_stamp_) return;
  watch_stamp_ = std::move(stamp);
  content::Library fresh = LoadWatched();
  watch_errors_.clear();
  for (const content::LoadError& e : fresh.errors) watch_errors_.push_back(e.ToString());
  if (watch_errors_.empty()) {
    library_ = std::move(fresh);  // the route and the session stay: the same screen, new text
    search_index_locale_.clear();
  }
  settle_frames_ = std::max(settle_frames_, 2);
}

}  // namespace qiao::ui

namespace qiao::ui {

// [SECTION] FOCUS, KEYS AND SPEECH

void App::OnKey(a11y::Key key) {
  keys_.push_back(key);
  settle_frames_ = std::max(settle_frames_, 2);
}

void App::HandleKeys() {
  std::vector<a11y::Key> keys;
  keys.swap(keys_);
  auto move_focus = [&](a11y::NodeId id) {
    if (!id) return;
    focus_ = id;
    focus_visible_ = true;
    scroll_to_focus_ = true;
  };
  auto apply_scan = [&](const a11y::ScanStep& step) {
    if (step.changed && step.highlight) move_focus(step.highlight);
    if (step.activate) RequestAction(step.activate, a11y::kActionClick);
  };
  if (scanner_.active()) apply_scan(scanner_.Tick(tree_, now_));

  for (a11y::Key key : keys) {
    if (!debounce_.Accept(key, now_)) continue;  // a bounce or a tremor, not a second press
    if (key != a11y::Key::kRepeat && key != a11y::Key::kPause) announcer_.Interrupt();
    // Switches first: with switch access on, their keys drive the scanner.
    if (scanner_.options().mode != a11y::SwitchMode::kOff) {
      const auto& names = options_.config.switch_keys;
      auto it = std::find(names.begin(), names.end(), a11y::KeyName(key));
      if (it != names.end()) {
        apply_scan(scanner_.Press(static_cast<int>(it - names.begin()), tree_, now_));
        continue;
      }
    }
    const bool rtl = text::DirectionOf(translator_->locale()) == text::Direction::kRtl;
    // In a text field, arrows, Space, Enter, - and + edit the text (ImGui has them): not ours.
    if (const a11y::Node* n = tree_.Find(focus_); n && n->role == a11y::Role::kTextbox) {
      if (key == a11y::Key::kLeft || key == a11y::Key::kRight || key == a11y::Key::kUp ||
          key == a11y::Key::kDown || key == a11y::Key::kSpace || key == a11y::Key::kEnter ||
          key == a11y::Key::kVolumeDown || key == a11y::Key::kVolumeUp)
        continue;
    }
    switch (key) {
      case a11y::Key::kTab: move_focus(a11y::NextFocus(tree_, focus_, +1)); break;
      case a11y::Key::kShiftTab: move_focus(a11y::NextFocus(tree_, focus_, -1)); break;
      case a11y::Key::kUp: move_focus(a11y::NextInGroup(tree_, focus_, -1)); break;
      case a11y::Key::kDown: move_focus(a11y::NextInGroup(tree_, focus_, +1)); break;
      // Left and Right follow the reading direction: in Uyghur, Left goes forward.
      case a11y::Key::kLeft: move_focus(a11y::NextInGroup(tree_, focus_, rtl ? +1 : -1)); break;
      case a11y::Key::kRight: move_focus(a11y::NextInGroup(tree_, focus_, rtl ? -1 : +1)); break;
      case a11y::Key::kEnter:
      case a11y::Key::kSpace:
        if (const a11y::Node* n = tree_.Find(focus_); n && (n->actions & a11y::kActionClick))
          RequestAction(focus_, a11y::kActionClick);
        break;
      case a11y::Key::kEscape:
        if (pin_dialog_) {
          pin_dialog_ = false;
          pin_entry_.clear();
        } else if (!idle_warning_) {
          Back();
        }
        break;
      case a11y::Key::kSpeech:
        // The headset user's key: speech on for this session, touch-and-hear on, read it all.
        settings_.speech = true;
        announcer_.SetEnabled(true);
        touch_and_hear_ = true;
        announcer_.ReadPage(tree_);
        break;
      case a11y::Key::kRepeat: announcer_.Repeat(); break;
      case a11y::Key::kPause: announcer_.TogglePause(); break;
      case a11y::Key::kVolumeDown:
      case a11y::Key::kVolumeUp: {
        const float step = key == a11y::Key::kVolumeUp ? 0.1f : -0.1f;
        announcer_.SetVolume(announcer_.volume() + step);
        Msg m = T("a11y.volume", {{"percent", std::round(announcer_.volume() * 100)}});
        announcer_.Say(a11y::Phrase{m.text, m.lang, m.alt});
        break;
      }
      case a11y::Key::kReadPage: announcer_.ReadPage(tree_); break;
      case a11y::Key::kNone: break;
    }
  }
}

void App::AfterTree(bool new_screen) {
  // Focus follows a finger; the ring shows only where it helps (touch-and-hear).
  if (ui_.touched && ui_.touched != focus_) {
    focus_ = ui_.touched;
    focus_visible_ = touch_and_hear_;
  }
  // A new screen, or a dialog opening or closing: focus goes to its heading.
  const a11y::NodeId scope = a11y::ModalScope(tree_);
  const bool screen_changed = new_screen || scope != scope_;
  scope_ = scope;
  if (screen_changed) {
    focus_ = a11y::ScreenHeading(tree_);
    scanner_.Restart(tree_, now_);
  } else if (focus_ && !tree_.Find(focus_)) {
    focus_ = 0;  // the focused control went away (a hint shown): Tab starts from the top
  }
  for (auto& [id, node] : tree_.nodes) {
    if (id == focus_) node.states |= a11y::kFocused;
    else node.states &= ~a11y::kFocused;
  }
  scroll_to_focus_ = false;  // this frame's widgets have scrolled the focused one into view
  announcer_.SetEnabled(settings_.speech);
  announcer_.Update(tree_, focus_, screen_changed, focus_visible_);
  if (read_intro_) announcer_.ReadIntro(tree_);
  read_intro_ = false;
  if (announcer_.fallback_active() && !fallback_shown_) settle_frames_ = std::max(settle_frames_, 1);
  fallback_shown_ = announcer_.fallback_active();
}

}  // namespace qiao::ui
