// Runs the App without a window or GPU: an ImGui context with a display size and a built font
// atlas, a fake clock, and input injected as taps, keys or accessibility actions. Used by
// `qiao-kiosk --headless` and by the tests.
#pragma once

#include "ui/app.h"

#include <memory>

namespace qiao::ui {

class HeadlessRunner {
 public:
  HeadlessRunner(AppOptions options, float width, float height);
  ~HeadlessRunner();
  HeadlessRunner(const HeadlessRunner&) = delete;
  HeadlessRunner& operator=(const HeadlessRunner&) = delete;

  App& app() { return *app_; }
  const a11y::Tree& tree() const { return app_->tree(); }
  double now() const { return now_; }

  // Runs one frame `dt` seconds after the previous one (always: a test's frame, not the loop's).
  void Frame(double dt = 1.0 / 30.0, bool had_input = false);
  // Lets `seconds` pass with no input as the kiosk's loops do (main.cpp, web.cpp): wakes at
  // each App::NextDeadline() and draws only when App::NeedsFrame() says so. Returns the frames
  // drawn (what an idle kiosk costs in GPU work and screen-reader tree updates); `wakes`, if
  // given, gets how many times the loop woke (timers and polls, drawing or not).
  int Wait(double seconds, int* wakes = nullptr);
  // Every frame drawn so far, by Frame() and Wait() alike.
  int frames_drawn() const { return frames_drawn_; }
  // Goes to `route` as a learner would get there (with input: the idle timer starts again, so
  // a walk over every screen is never interrupted by "Are you still there?"), and settles.
  void Visit(const std::string& route);
  // Runs frames until the UI has settled (at most `max` frames).
  void Settle(int max = 6);
  // Lets `seconds` pass with no input (one frame per second of fake time).
  void Idle(double seconds);
  // Asks for a node's click action, as a screen reader would, and settles.
  bool Activate(a11y::NodeId id);
  // Finds a node by role and name and activates it; false if not on screen.
  bool Activate(a11y::Role role, std::string_view name);
  // A finger tap at a point (mouse down one frame, up the next), then settles.
  void Tap(float x, float y);
  // A finger pressed at (x0, y0), slid to (x1, y1) over a few frames, then lifted; settles.
  void Drag(float x0, float y0, float x1, float y1);
  // A finger held still at (x, y) for `seconds` (frames of 1/30 s), then lifted; settles.
  void Hold(float x, float y, double seconds);
  void Resize(float width, float height);
  // Types text into the focused field, as a keyboard or an input method would.
  void Type(const std::string& utf8);
  // Presses a key (ImGuiKey_Tab, _Enter, _Space, _Escape, arrows), as a keyboard would: ImGui
  // sees it go down and up, and the App gets its kiosk key (Tab, arrows, Enter...); settles.
  void PressKey(int imgui_key);
  // Presses a kiosk key (keyboard, keypad or switch), then settles.
  void Press(a11y::Key key);

 private:
  void DrawAt(double now, bool had_input);  // one frame at `now` on the fake clock

  ImGuiContext* imgui_ = nullptr;
  std::unique_ptr<App> app_;
  double now_ = 1000.0;
  double drawn_at_ = 1000.0;  // the last frame's time (ImGui's DeltaTime)
  int frames_drawn_ = 0;
};

}  // namespace qiao::ui
