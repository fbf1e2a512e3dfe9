// The screens: each is a function of the App's state, drawn only through the widget layer.
// Index:
// [SECTION] SHARED CHROME
// [SECTION] PICKER AND HOME
// [SECTION] LESSONS
// [SECTION] GUIDES
// [SECTION] SETTINGS AND HELP
// [SECTION] DIALOGS
#include "ui/app.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>

namespace qiao::ui {

// [SECTION] SHARED CHROME

namespace {

// Today's date as YYYY-MM-DD (local time), to flag guides past their expiresAt.
std::string Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Content area below the top bar. Where there is room, it scrolls on its own and the top bar
// and any bottom bar stay fixed (Back, Home and Next always in reach). Where the fixed parts
// would leave too little room (large text on a small screen), the content is drawn inline and
// the whole screen scrolls as one page instead: nothing is ever pushed off screen for good.
bool g_content_inline = false;

void DragToScroll() {
  // Touch screens: dragging scrolls (a kiosk has no wheel).
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                             ImGuiHoveredFlags_ChildWindows) &&
      ImGui::IsMouseDragging(0, 8.0f))
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void BeginContent(float bottom_reserved, const std::string& scroll_id) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float display_h = ImGui::GetIO().DisplaySize.y;
  const float h = display_h - ImGui::GetCursorScreenPos().y - bottom_reserved - 8.0f;
  g_content_inline = h < display_h * 0.4f;
  if (g_content_inline) return;
  BeginScrollRegion(scroll_id.c_str(), ImVec2(avail.x, h));  // scroll bar on the left in RTL
  DragToScroll();
}

void EndContent() {
  if (g_content_inline) return;
  ImGui::Dummy(ImVec2(0, 16));
  EndScrollRegion();
}

}  // namespace

bool App::TopBar(const Msg& title) {
  // Back and Home on every screen, big; Back sits at the start of the reading direction.
  const std::string before = route_;
  std::vector<RowButton> nav = {{"back", T("nav.back"), ButtonKind::kNav},
                                {"home", T("nav.home"), ButtonKind::kNav}};
  PushGroup("topbar", a11y::Role::kGroup, Msg{});
  int pressed = ButtonRow(nav);
  PopGroup();
  if (pressed == 0) Back();
  if (pressed == 1) Navigate(route_ == "home" ? "picker" : "home");
  Heading(title, 1);
  // Speech fell back to Mandarin (no recording in this language yet): say so on screen too.
  if (fallback_shown_ && settings_.speech)
    Paragraph(T("a11y.fallback_indicator"), TextRole::kSmall, ui_.theme->muted_text);
  return route_ == before;
}

// [SECTION] PICKER AND HOME

void App::ScreenPicker() {
  // The picker speaks every language at once: the title in Mandarin and English, each language
  // named in its own script (and drawn in its own font and direction).
  i18n::Message zh = translator_->GetIn("zh-Hans", "picker.title");
  i18n::Message en = translator_->GetIn("en", "picker.title");
  Heading(Msg{zh.text, zh.lang}, 1);
  Paragraph(Msg{en.text, en.lang}, TextRole::kHeading2);
  BeginContent(0, route_);
  PushGroup("languages", a11y::Role::kList, Msg{en.text, en.lang});
  const auto& locales = translator_->locales();
  // Two columns when each name fits comfortably, one otherwise (large text, narrow screens).
  const float width = ImGui::GetContentRegionAvail().x;
  const float gap = std::round(12.0f * ui_.scale);
  float widest = 0;
  for (const auto& l : locales) widest = std::max(widest, ButtonNaturalWidth(Msg{l.endonym, l.tag}));
  const int columns = widest * 2 + gap <= width ? 2 : 1;
  const float col_w = (width - gap * (columns - 1)) / columns;
  for (size_t i = 0; i < locales.size(); i += columns) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 row = window->DC.CursorPos;
    float row_h = 0;
    for (int c = 0; c < columns && i + c < locales.size(); ++c) {
      const auto& l = locales[i + c];
      int slot = ui_.rtl ? columns - 1 - c : c;
      window->DC.CursorPos = ImVec2(row.x + slot * (col_w + gap), row.y);
      Msg name{l.endonym, l.tag};
      row_h = std::max(row_h, ButtonHeight(name, col_w));
      if (Button(l.tag.c_str(), name, ButtonKind::kSecondary, col_w)) {
        translator_->SetLocale(l.tag);
        Navigate("home");
      }
    }
    window->DC.CursorPos = ImVec2(row.x, row.y + row_h + ImGui::GetStyle().ItemSpacing.y);
    window->DC.CursorMaxPos.y = std::max(window->DC.CursorMaxPos.y, row.y + row_h);
  }
  PopGroup();
  EndContent();
}

void App::ScreenHome() {
  if (!TopBar(T("home.title"))) return;
  BeginContent(0, route_);
  TextInput("search", T("home.search"), T("home.search_hint"), &search_query_);
  TextInput("resume", T("resume.enter"), T("resume.enter_hint"), &resume_entry_);
  if (std::count_if(resume_entry_.begin(), resume_entry_.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }) >=
      ResumeCodes::kLength) {
    const int64_t unix_now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    if (auto done = resume_codes_->Redeem(resume_entry_, unix_now)) {
      session_.lesson_done.insert(done->begin(), done->end());
      resume_entry_.clear();
      Navigate("lessons");
      EndContent();
      return;
    }
    Feedback("resume-unknown", T("resume.unknown"), Tone::kWarn);
  }
  if (!search_query_.empty()) {
    const std::vector<const SearchHit*>& hits = Search(search_query_);
    if (hits.empty()) Paragraph(T("home.search_none"));
    PushGroup("results", a11y::Role::kList, T("home.search_results", {{"count", double(hits.size())}}));
    for (const SearchHit* hit : hits)
      if (ListItem(hit->route.c_str(), hit->title, hit->detail)) Navigate(hit->route);
    PopGroup();
  }
  if (Button("lessons", T("home.lessons"), ButtonKind::kPrimary)) Navigate("lessons");
  if (Button("guides", T("home.guides"), ButtonKind::kPrimary)) Navigate("guides");
  if (Button("settings", T("home.settings"))) Navigate("settings");
  if (Button("help", T("home.help"))) Navigate("help");
  // The operator's notice: never a silent skip of broken content.
  size_t problems = library_.errors.size() + translator_->errors().size();
  if (problems > 0)
    Feedback("problems", T("notice.content_problems", {{"count", double(problems)}}), Tone::kWarn);
  EndContent();
}

// [SECTION] LESSONS

void App::ScreenLessons() {
  if (!TopBar(T("lessons.title"))) return;
  BeginContent(0, route_);
  auto lessons = library_.Lessons();
  if (lessons.empty()) Paragraph(T("lessons.empty"));
  PushGroup("list", a11y::Role::kList, T("lessons.title"));
  for (const content::Lesson* l : lessons) {
    Msg detail = C(l->summary);
    if (l->minutes > 0) {
      Msg minutes = T("lessons.minutes", {{"minutes", double(l->minutes)}});
      detail.text = detail.text.empty() ? minutes.text : detail.text + " · " + minutes.text;
    }
    if (session_.lesson_done.count(l->id)) detail.text = "✓ " + detail.text;
    if (ListItem(l->id.c_str(), C(l->title), detail)) Navigate("lesson/" + l->id);
  }
  PopGroup();
  EndContent();
}

void App::ScreenLesson(const std::string& id) {
  const content::Lesson* lesson = library_.FindLesson(id);
  if (!lesson || lesson->steps.empty()) {
    if (!TopBar(T("lessons.title"))) return;
    Paragraph(T("lessons.empty"));
    return;
  }
  const int count = static_cast<int>(lesson->steps.size());
  int& current = session_.lesson_step[id];
  current = std::clamp(current, 0, count);
  if (!TopBar(C(lesson->title))) return;

  if (current == count) {  // completion
    session_.lesson_done.insert(id);
    BeginContent(0, route_ + "/done");
    Feedback("done", T("lesson.done_title"), Tone::kGood);
    Msg title = C(lesson->title);
    Paragraph(T("lesson.done_body", {{"title", title.text}}));
    // A code to continue another day on this kiosk: issued once per completion, lesson ids only.
    auto code = session_.resume_code.find(id);
    if (code == session_.resume_code.end()) {
      const int64_t unix_now = std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch()).count();
      code = session_.resume_code.emplace(id, resume_codes_->Issue(session_.lesson_done, unix_now)).first;
    }
    Paragraph(T("resume.your_code"));
    // In the learner's language, so it is spoken with the same voice as the rest of the screen.
    Heading(Msg{code->second.substr(0, 3) + " " + code->second.substr(3), translator_->locale()}, 2);
    if (Button("again", T("lesson.again"))) {
      current = 0;
      route_changed_ = true;
    }
    if (Button("to-list", T("lesson.to_list"), ButtonKind::kPrimary)) Navigate("lessons");
    EndContent();
    return;
  }

  const content::Step& step = lesson->steps[current];
  const std::string key = id + "/" + step.id;
  const bool last = current == count - 1;
  std::vector<RowButton> nav = {
      {"previous", T("nav.previous"), ButtonKind::kSecondary, current == 0},
      {"repeat", T("nav.repeat"), ButtonKind::kSecondary},
      {"next", last ? T("lesson.finish") : T("nav.next"), ButtonKind::kPrimary}};
  const float nav_h = ButtonRowHeight(nav, ImGui::GetContentRegionAvail().x);
  ProgressBar("progress", T("lesson.step_of", {{"step", double(current + 1)}, {"total", double(count)}}),
              float(current + 1) / count);

  // One scroll area per step: a new step starts at its top.
  BeginContent(nav_h + ImGui::GetStyle().ItemSpacing.y, route_ + "/" + step.id);
  PushGroup(step.id.c_str(), a11y::Role::kGroup,
            C(step.type == content::StepType::kQuiz       ? step.question
              : step.type == content::StepType::kPractice ? step.instruction
                                                          : step.title));
  switch (step.type) {
    case content::StepType::kText:
      Heading(C(step.title), 2);
      Paragraphs(C(step.body));
      break;
    case content::StepType::kImage:
      if (!step.title.empty()) Heading(C(step.title), 2);
      PhoneScreen("picture", step.screen, translator_->chain(), C(step.alt), nullptr, -1);
      if (!step.caption.empty()) Paragraph(C(step.caption), TextRole::kSmall, ui_.theme->muted_text);
      break;
    case content::StepType::kPractice: {
      if (!step.title.empty()) Heading(C(step.title), 2);
      Paragraph(C(step.instruction));
      auto tapped = session_.practice_tap.find(key);
      int revealed = tapped == session_.practice_tap.end() ? -1 : tapped->second;
      // Feedback sits above the phone so it is seen (and announced) without scrolling.
      if (revealed >= 0) {
        const content::Hotspot& h = step.hotspots[revealed];
        Msg fb = C(h.feedback);
        Msg head = h.correct ? T("lesson.correct") : T("lesson.try_again");
        Feedback("feedback", Join(head, " ", fb), h.correct ? Tone::kGood : Tone::kBad);
      } else if (revealed == -2) {
        Msg fb = step.miss_feedback.empty() ? T("lesson.practice_prompt") : C(step.miss_feedback);
        Feedback("feedback", Join(T("lesson.try_again"), " ", fb), Tone::kBad);
      }
      int hit = PhoneScreen("phone", step.screen, translator_->chain(), C(step.instruction),
                            &step.hotspots, revealed);
      if (hit != -1) session_.practice_tap[key] = hit;
      if (!step.hint.empty()) {
        if (session_.hint_shown.count(key)) Feedback("hint", Join(T("lesson.hint"), ": ", C(step.hint)), Tone::kInfo);
        else if (Button("show-hint", T("lesson.show_hint"))) session_.hint_shown.insert(key);
      }
      break;
    }
    case content::StepType::kQuiz: {
      Heading(C(step.question), 2);
      Paragraph(T("lesson.quiz_prompt"), TextRole::kSmall, ui_.theme->muted_text);
      auto answer = session_.quiz_answer.find(key);
      PushGroup("choices", a11y::Role::kGroup, C(step.question));
      for (const content::Choice& choice : step.choices) {
        bool selected = answer != session_.quiz_answer.end() && answer->second == choice.id;
        if (RadioButton(choice.id.c_str(), C(choice.text), selected)) session_.quiz_answer[key] = choice.id;
      }
      PopGroup();
      answer = session_.quiz_answer.find(key);
      if (answer != session_.quiz_answer.end()) {
        for (const content::Choice& choice : step.choices) {
          if (choice.id != answer->second) continue;
          Msg fb = C(choice.feedback);
          Msg head = choice.correct ? T("lesson.correct") : T("lesson.try_again");
          Feedback("feedback", Join(head, " ", fb), choice.correct ? Tone::kGood : Tone::kBad);
        }
      }
      break;
    }
  }
  PopGroup();
  EndContent();

  // Previous / Repeat / Next stay at the bottom of the screen, always reachable.
  PushGroup("lesson-nav", a11y::Role::kGroup, Msg{});
  int pressed = ButtonRow(nav);
  PopGroup();
  if (pressed == 0 && current > 0) --current;
  if (pressed == 1) {  // Repeat: say the step again from its heading (focus stays on Repeat)
    read_intro_ = true;
    settle_frames_ = 2;
  }
  if (pressed == 2) ++current;
  if (pressed == 0 || pressed == 2) route_changed_ = true;
}

// [SECTION] GUIDES

void App::ScreenGuides() {
  if (!TopBar(T("guides.title"))) return;
  BeginContent(0, route_);
  auto guides = library_.Guides();
  if (guides.empty()) Paragraph(T("guides.empty"));
  PushGroup("list", a11y::Role::kList, T("guides.title"));
  for (const content::Guide* g : guides)
    if (ListItem(g->id.c_str(), C(g->title), C(g->summary))) Navigate("guide/" + g->id);
  PopGroup();
  EndContent();
}

void App::ScreenGuide(const std::string& id) {
  const content::Guide* guide = library_.FindGuide(id);
  if (!guide) {
    if (!TopBar(T("guides.title"))) return;
    Paragraph(T("guides.empty"));
    return;
  }
  if (!TopBar(C(guide->title))) return;
  BeginContent(0, route_);
  if (!guide->summary.empty()) Paragraph(C(guide->summary));
  Paragraph(T("guide.reviewed", {{"date", guide->reviewed_at}}), TextRole::kSmall, ui_.theme->muted_text);
  if (!guide->expires_at.empty() && guide->expires_at < Today())
    Feedback("expired", T("guide.expired"), Tone::kWarn);

  auto section = [&](const char* key, const content::LocalizedText& body) {
    if (body.empty()) return;
    Heading(T(key), 2);
    Paragraphs(C(body));
  };
  section("guide.who", guide->who_can_apply);

  Heading(T("guide.bring"), 2);
  auto& ticked = session_.checklist[id];
  PushGroup("bring", a11y::Role::kList, T("guide.bring"));
  for (const content::ChecklistItem& item : guide->what_to_bring) {
    bool checked = ticked.count(item.id) > 0;
    if (Checkbox(item.id.c_str(), C(item.text), &checked)) {
      if (checked) ticked.insert(item.id);
      else ticked.erase(item.id);
    }
  }
  PopGroup();
  Paragraph(T("guide.bring_count", {{"checked", double(ticked.size())},
                                    {"total", double(guide->what_to_bring.size())}}),
            TextRole::kSmall, ui_.theme->muted_text);

  Heading(T("guide.steps"), 2);
  PushGroup("steps", a11y::Role::kList, T("guide.steps"));
  for (size_t i = 0; i < guide->steps.size(); ++i) {
    Msg label = T("guide.step_n", {{"n", double(i + 1)}});
    Msg body = C(guide->steps[i]);
    Paragraph(Join(label, " — ", body));
  }
  PopGroup();
  section("guide.where", guide->where_and_when);
  section("guide.fees", guide->fees);
  if (!guide->other_ways.empty()) {
    Heading(T("guide.other_ways"), 2);
    for (const content::OtherWay& way : guide->other_ways) {
      Msg channel = T("channel." + way.channel);
      Msg body = C(way.text);
      Paragraph(Join(channel, ": ", body));
    }
  }
  section("guide.help", guide->help);
  EndContent();
}

// [SECTION] SETTINGS AND HELP

void App::ScreenSettings() {
  if (!TopBar(T("settings.title"))) return;
  BeginContent(0, route_);
  Heading(T("settings.text_size"), 2);
  const int index = settings_.text_scale_index;
  Msg value = T("settings.text_size_value", {{"percent", std::round(settings_.text_scale() * 100)}});
  // A slider node for screen readers, two large buttons for fingers.
  PushGroup("text-size", a11y::Role::kGroup, T("settings.text_size"));
  Paragraph(value, TextRole::kHeading2);
  std::vector<RowButton> size_buttons = {
      {"smaller", T("settings.smaller"), ButtonKind::kSecondary, index == 0},
      {"larger", T("settings.larger"), ButtonKind::kSecondary, index == kTextScaleCount - 1}};
  int pressed = ButtonRow(size_buttons);
  PopGroup();
  if (a11y::Node* group = ui_.tree.Get(ImGui::GetID("text-size"))) {
    group->role = a11y::Role::kSlider;
    group->value = value.text;
    group->actions = a11y::kActionIncrement | a11y::kActionDecrement;
  }
  if (TakeAction(ImGui::GetID("text-size"), a11y::kActionIncrement)) pressed = 1;
  if (TakeAction(ImGui::GetID("text-size"), a11y::kActionDecrement)) pressed = 0;
  if (pressed == 0) SetTextScaleIndex(index - 1);
  if (pressed == 1) SetTextScaleIndex(index + 1);

  Heading(T("settings.theme"), 2);
  PushGroup("theme", a11y::Role::kGroup, T("settings.theme"));
  if (RadioButton("standard", T("settings.theme_default"), settings_.theme == ThemeId::kStandard)) {
    settings_.theme = ThemeId::kStandard;
    SaveSettings();
  }
  if (RadioButton("high-contrast", T("settings.theme_high_contrast"),
                  settings_.theme == ThemeId::kHighContrast)) {
    settings_.theme = ThemeId::kHighContrast;
    SaveSettings();
  }
  PopGroup();

  Heading(T("settings.speech"), 2);
  bool speech = settings_.speech;
  if (Checkbox("speech", T("settings.speech_on"), &speech)) {
    settings_.speech = speech;
    SaveSettings();
  }
  SpeechControls();
  Heading(T("settings.language"), 2);
  if (Button("language", Msg{translator_->info().endonym, translator_->locale()})) Navigate("picker");
  EndContent();
}

// Speech rate (kept) and volume (this session only), each a slider for screen readers and two
// large buttons for fingers; every change is spoken, so neither needs sight.
void App::SpeechControls() {
  auto slider = [&](const char* id, const Msg& name, const Msg& value, const RowButton& down,
                    const RowButton& up) {
    PushGroup(id, a11y::Role::kGroup, name);
    Paragraph(Join(name, ": ", value));
    int pressed = ButtonRow({down, up});
    PopGroup();
    if (a11y::Node* group = ui_.tree.Get(ImGui::GetID(id))) {
      group->role = a11y::Role::kSlider;
      group->value = value.text;
      group->actions = a11y::kActionIncrement | a11y::kActionDecrement;
    }
    if (TakeAction(ImGui::GetID(id), a11y::kActionIncrement)) pressed = 1;
    if (TakeAction(ImGui::GetID(id), a11y::kActionDecrement)) pressed = 0;
    return pressed;
  };
  const int rate = settings_.speech_rate;
  int pressed = slider("speech-rate", T("settings.speech_rate"),
                       T("settings.speech_rate_value", {{"wpm", double(rate)}}),
                       {"slower", T("settings.slower"), ButtonKind::kSecondary, rate <= 80},
                       {"faster", T("settings.faster"), ButtonKind::kSecondary, rate >= 300});
  if (pressed >= 0) {
    SetSpeechRate(rate + (pressed == 1 ? 25 : -25));
    Msg m = T("settings.speech_rate_value", {{"wpm", double(settings_.speech_rate)}});
    announcer_.Say(a11y::Phrase{m.text, m.lang, m.alt});
  }
  const double volume = std::round(announcer_.volume() * 100);
  pressed = slider("volume", T("settings.volume"), T("a11y.volume", {{"percent", volume}}),
                   {"quieter", T("settings.quieter"), ButtonKind::kSecondary, volume <= 10},
                   {"louder", T("settings.louder"), ButtonKind::kSecondary, volume >= 100});
  if (pressed >= 0) {
    announcer_.SetVolume(announcer_.volume() + (pressed == 1 ? 0.1f : -0.1f));
    Msg m = T("a11y.volume", {{"percent", std::round(announcer_.volume() * 100)}});
    announcer_.Say(a11y::Phrase{m.text, m.lang, m.alt});
  }
  bool touch = touch_and_hear_;
  if (Checkbox("touch-and-hear", T("settings.touch_and_hear"), &touch)) touch_and_hear_ = touch;
}

void App::ScreenHelp() {
  if (!TopBar(T("help.title"))) return;
  BeginContent(0, route_);
  Paragraphs(T("help.body"));
  EndContent();
}

// [SECTION] DIALOGS

void App::IdleDialog() {
  const KioskConfig& c = options_.config;
  const double left = std::max(0.0, last_input_ + c.idle_timeout_seconds + c.idle_warning_seconds - now_);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  ImGui::SetNextWindowFocus();
  ImGui::Begin("##idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), size, Col(ui_.theme->background, 0.97f));
  const float margin = std::round(std::clamp(size.x * 0.08f, 12.0f, 120.0f));
  ImGui::SetCursorPos(ImVec2(margin, size.y * 0.2f));
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  w->WorkRect.Min.x = margin;
  w->WorkRect.Max.x = size.x - margin;
  w->ContentRegionRect.Max.x = size.x - margin;
  ImGui::BeginGroup();
  PushGroup("idle", a11y::Role::kDialog, T("idle.title"));
  Heading(T("idle.title"), 1);
  Feedback("countdown", T("idle.body", {{"seconds", std::ceil(left)}}), Tone::kWarn);
  if (Button("stay", T("idle.stay"), ButtonKind::kPrimary)) {
    idle_warning_ = false;
    last_input_ = now_;
  }
  PopGroup();
  ImGui::EndGroup();
  ImGui::End();
}

void App::PinDialog() {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  ImGui::SetNextWindowFocus();
  ImGui::Begin("##pin", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings);
  const float margin = std::round(std::clamp(size.x * 0.08f, 12.0f, 120.0f));
  ImGui::SetCursorPos(ImVec2(margin, margin));
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  w->WorkRect.Min.x = margin;
  w->WorkRect.Max.x = size.x - margin;
  w->ContentRegionRect.Max.x = size.x - margin;
  ImGui::BeginGroup();
  // Operator-only screen: English and Mandarin, never spoken (the PIN is secret).
  PushGroup("pin", a11y::Role::kDialog, Msg{"Operator PIN / 管理员密码", "en"});
  Heading(Msg{"Operator PIN / 管理员密码", "en"}, 1);
  if (options_.config.operator_pin.empty())
    Feedback("no-pin", Msg{"No operatorPin is set in the kiosk configuration file, so the kiosk cannot be closed from the screen.", "en"}, Tone::kWarn);
  // The digits and what was typed are secret: spoken only on a headset (a11y::kProtected).
  ui_.secret = true;
  Paragraph(Msg{std::string(pin_entry_.size(), '*') + " ", "en"}, TextRole::kHeading1);
  std::vector<RowButton> rows[4];
  static const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
  for (int i = 0; i < 10; ++i) rows[i < 9 ? i / 3 : 3].push_back({kDigits[i], Msg{kDigits[i], "en"}});
  rows[3].insert(rows[3].begin(), RowButton{"clear", Msg{"⌫", "en"}});
  rows[3].push_back(RowButton{"ok", Msg{"OK", "en"}, ButtonKind::kPrimary});
  for (int r = 0; r < 4; ++r) {
    ImGui::PushID(r);
    int p = ButtonRow(rows[r]);
    ImGui::PopID();
    if (r == 3) ui_.secret = false;
    if (p < 0) continue;
    const std::string id = rows[r][p].id;
    if (id == "clear") pin_entry_.clear();
    else if (id == "ok") {
      if (!options_.config.operator_pin.empty() && pin_entry_ == options_.config.operator_pin)
        quit_requested_ = true;
      pin_entry_.clear();
    } else if (pin_entry_.size() < 12) pin_entry_ += id;
  }
  if (Button("cancel", Msg{"Cancel / 取消", "en"})) {
    pin_dialog_ = false;
    pin_entry_.clear();
  }
  PopGroup();
  ImGui::EndGroup();
  ImGui::End();
}

}  // namespace qiao::ui
