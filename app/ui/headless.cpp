#include "ui/headless.h"

#include <imgui.h>

#include <algorithm>

namespace qiao::ui {

HeadlessRunner::HeadlessRunner(AppOptions options, float width, float height) {
  imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window state on disk
  io.DisplaySize = ImVec2(width, height);
  // Keys go to the App's own focus model (App::OnKey), not to ImGui's navigation.
  // ImGui's own font is never shown (all text goes through app/text) but must exist.
  unsigned char* pixels;
  int w, h;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
  for (int i = 0; i < ImGuiKey_COUNT; ++i) io.KeyMap[i] = i;
  app_ = std::make_unique<App>(std::move(options));
}

HeadlessRunner::~HeadlessRunner() {
  ImGui::SetCurrentContext(imgui_);
  app_.reset();
  ImGui::DestroyContext(imgui_);
}

void HeadlessRunner::Frame(double dt, bool had_input) { DrawAt(now_ + dt, had_input); }

void HeadlessRunner::DrawAt(double now, bool had_input) {
  ImGui::SetCurrentContext(imgui_);
  const double dt = now - drawn_at_;
  now_ = drawn_at_ = now;
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = static_cast<float>(dt > 0 ? dt : 1e-3);
  ImGui::NewFrame();
  app_->Frame(now_, had_input);
  ImGui::Render();
  ++frames_drawn_;
}

int HeadlessRunner::Wait(double seconds, int* wakes) {
  constexpr double kVsync = 1.0 / 60.0;  // a frame the App asked for follows at once
  constexpr double kTimerStep = 0.001;   // SDL_WaitEventTimeout's resolution
  ImGui::SetCurrentContext(imgui_);
  const double end = now_ + seconds;
  const int before = frames_drawn_;
  for (;;) {
    const double wake = std::max(app_->WantsAnotherFrame() ? now_ + kVsync : app_->NextDeadline(), now_ + kTimerStep);
    if (wake > end) break;
    now_ = wake;
    if (wakes) ++*wakes;
    if (app_->NeedsFrame(now_, /*had_input=*/false)) DrawAt(now_, false);
  }
  now_ = end;
  return frames_drawn_ - before;
}

void HeadlessRunner::Visit(const std::string& route) {
  app_->Navigate(route);
  Frame(1.0 / 30.0, /*had_input=*/true);
  Settle();
}

void HeadlessRunner::Settle(int max) {
  for (int i = 0; i < max; ++i) {
    Frame();
    if (!app_->WantsAnotherFrame()) break;
  }
}

void HeadlessRunner::Idle(double seconds) {
  // Moving the mouse away so nothing stays hovered; no input is reported.
  for (double t = 0; t < seconds; t += 1.0) Frame(std::min(1.0, seconds - t), false);
}

bool HeadlessRunner::Activate(a11y::NodeId id) {
  if (!tree().Find(id)) return false;
  app_->RequestAction(id, a11y::kActionClick);
  Frame(1.0 / 30.0, true);
  Settle();
  return true;
}

bool HeadlessRunner::Activate(a11y::Role role, std::string_view name) {
  const a11y::Node* node = tree().FindByName(role, name);
  return node && Activate(node->id);
}

void HeadlessRunner::Type(const std::string& utf8) {
  ImGui::SetCurrentContext(imgui_);
  ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
  Frame(1.0 / 30.0, true);
  Settle();
}

void HeadlessRunner::Tap(float x, float y) {
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  Frame(1.0 / 30.0, true);  // hover
  io.MouseDown[0] = true;
  Frame(1.0 / 30.0, true);
  io.MouseDown[0] = false;
  Frame(1.0 / 30.0, true);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  Settle();
}

void HeadlessRunner::Drag(float x0, float y0, float x1, float y1) {
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x0, y0);
  Frame(1.0 / 30.0, true);  // hover
  io.MouseDown[0] = true;
  Frame(1.0 / 30.0, true);
  constexpr int kSteps = 6;  // a quick, steady slide: about a fifth of a second
  for (int i = 1; i <= kSteps; ++i) {
    const float f = static_cast<float>(i) / kSteps;
    io.MousePos = ImVec2(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
    Frame(1.0 / 30.0, true);
  }
  io.MouseDown[0] = false;
  Frame(1.0 / 30.0, true);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  Settle();
}

void HeadlessRunner::Hold(float x, float y, double seconds) {
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  Frame(1.0 / 30.0, true);  // hover
  io.MouseDown[0] = true;
  for (double t = 0; t < seconds; t += 1.0 / 30.0) Frame(1.0 / 30.0, true);
  io.MouseDown[0] = false;
  Frame(1.0 / 30.0, true);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  Settle();
}

void HeadlessRunner::PressKey(int imgui_key) {
  a11y::Key key = a11y::Key::kNone;
  switch (imgui_key) {
    case ImGuiKey_Tab: key = a11y::Key::kTab; break;
    case ImGuiKey_LeftArrow: key = a11y::Key::kLeft; break;
    case ImGuiKey_RightArrow: key = a11y::Key::kRight; break;
    case ImGuiKey_UpArrow: key = a11y::Key::kUp; break;
    case ImGuiKey_DownArrow: key = a11y::Key::kDown; break;
    case ImGuiKey_Enter: case ImGuiKey_KeyPadEnter: key = a11y::Key::kEnter; break;
    case ImGuiKey_Space: key = a11y::Key::kSpace; break;
    case ImGuiKey_Escape: key = a11y::Key::kEscape; break;
    default: break;
  }
  // The platform hands a keyboard's key to both ImGui (its SDL backend: a text field edits with
  // it, and ImGui has Tab handling of its own) and the App's focus model; so does this.
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[io.KeyMap[imgui_key]] = true;
  if (key != a11y::Key::kNone) app_->OnKey(key);
  Frame(1.0 / 30.0, true);
  io.KeysDown[io.KeyMap[imgui_key]] = false;
  Frame(1.0 / 30.0, true);
  Settle();
}

void HeadlessRunner::Press(a11y::Key key) {
  ImGui::SetCurrentContext(imgui_);
  app_->OnKey(key);
  Frame(1.0 / 30.0, true);
  Settle();
}

void HeadlessRunner::Resize(float width, float height) {
  ImGui::SetCurrentContext(imgui_);
  ImGui::GetIO().DisplaySize = ImVec2(width, height);
  Settle();
}

}  // namespace qiao::ui
