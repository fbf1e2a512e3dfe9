// The SDL2 + OpenGL window both platforms share: create it, feed it events, draw one App frame.
// The loops differ and live elsewhere: main.cpp (native: blocks on SDL_WaitEvent) and web.cpp
// (browser: emscripten_set_main_loop, the browser owns the loop). Both draw only when
// App::NeedsFrame says something changed: input, or what the App's timers show.
#pragma once

#include "ui/app.h"

#include <SDL.h>

#include <cstdint>
#include <string>
#include <vector>

namespace qiao::platform {

struct WindowOptions {
  int width = 1280, height = 800;
  bool fullscreen = false;  // --kiosk: fullscreen, undecorated, no cursor
};

// The kiosk's keys (README "Speech, keys, touch-and-hear and switches"); kNone for any other
// event. Key repeat is not a press: holding a key down must not run through the screen.
a11y::Key KioskKey(const SDL_Event& e);

class Window {
 public:
  // Opens the window and GL context (OpenGL 3.2 core natively, WebGL 2 / GLES 3 in the browser)
  // and Dear ImGui's SDL2 + OpenGL3 backends. On failure `ok()` is false and `error()` says why.
  explicit Window(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool ok() const { return window_ != nullptr && gl_ != nullptr; }
  const std::string& error() const { return error_; }

  // Passes one event to ImGui. Returns true when it means the screen must be redrawn (user
  // input, window exposed or resized).
  bool ProcessEvent(const SDL_Event& e);

  // Draws one App frame into the back buffer: ImGui frame, atlas upload, GL draw. `had_input`
  // resets the App's idle timer. Returns true when another frame is needed right away (the
  // atlas texture was just created, so this frame's glyphs did not have it yet).
  bool DrawFrame(ui::App& app, double now, bool had_input);
  void Present();  // swap buffers (read pixels for a screenshot before this)

  int frames_drawn() const { return frames_drawn_; }
  int drawable_width() const { return fb_w_; }
  int drawable_height() const { return fb_h_; }

 private:
  void UploadAtlas(text::GlyphAtlas& atlas);

  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  std::string error_;
  unsigned atlas_texture_ = 0;
  int tex_w_ = 0, tex_h_ = 0, fb_w_ = 0, fb_h_ = 0;
  std::vector<uint32_t> scratch_;
  int frames_drawn_ = 0;
  bool imgui_ready_ = false;
};

}  // namespace qiao::platform
