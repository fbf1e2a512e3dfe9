#include "platform/window.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>  // WebGL 2
#else
#include <SDL_opengl.h>
#endif

namespace qiao::platform {

Window::Window(const WindowOptions& o) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
    error_ = std::string("cannot start the display: ") + SDL_GetError();
    return;
  }
#ifdef __EMSCRIPTEN__
  // WebGL 2 = OpenGL ES 3.0.
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  const char* glsl_version = "#version 300 es";
#else
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
  const char* glsl_version = "#version 150";
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  if (o.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  else flags |= SDL_WINDOW_RESIZABLE;
  window_ = SDL_CreateWindow("Qiao 桥", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.width,
                             o.height, flags);
  if (!window_) {
    error_ = std::string("cannot open a window: ") + SDL_GetError();
    return;
  }
  gl_ = SDL_GL_CreateContext(window_);
  if (!gl_) {
    error_ = std::string("no OpenGL context: ") + SDL_GetError();
    return;
  }
  SDL_GL_MakeCurrent(window_, gl_);
  SDL_GL_SetSwapInterval(1);
  if (o.fullscreen) SDL_ShowCursor(SDL_DISABLE);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  // Keys go to the App's own focus model (App::OnKey via KioskKey), not ImGui's navigation.
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
  ImGui_ImplOpenGL3_Init(glsl_version);
  imgui_ready_ = true;
}

Window::~Window() {
  if (atlas_texture_) glDeleteTextures(1, &atlas_texture_);
  if (imgui_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (gl_) SDL_GL_DeleteContext(gl_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

a11y::Key KioskKey(const SDL_Event& e) {
  using a11y::Key;
  if (e.type != SDL_KEYDOWN || e.key.repeat) return Key::kNone;
  switch (e.key.keysym.sym) {
    case SDLK_TAB: return (e.key.keysym.mod & KMOD_SHIFT) ? Key::kShiftTab : Key::kTab;
    case SDLK_UP: return Key::kUp;
    case SDLK_DOWN: return Key::kDown;
    case SDLK_LEFT: return Key::kLeft;
    case SDLK_RIGHT: return Key::kRight;
    case SDLK_RETURN: case SDLK_KP_ENTER: return Key::kEnter;
    case SDLK_SPACE: return Key::kSpace;
    case SDLK_ESCAPE: case SDLK_AC_BACK: return Key::kEscape;
    case SDLK_F2: return Key::kSpeech;
    case SDLK_F3: return Key::kRepeat;
    case SDLK_F4: return Key::kPause;
    case SDLK_F5: case SDLK_VOLUMEDOWN: case SDLK_MINUS: case SDLK_KP_MINUS: return Key::kVolumeDown;
    case SDLK_F6: case SDLK_VOLUMEUP: case SDLK_EQUALS: case SDLK_KP_PLUS: return Key::kVolumeUp;
    case SDLK_F7: return Key::kReadPage;
    default: return Key::kNone;
  }
}

bool Window::ProcessEvent(const SDL_Event& e) {
  ImGui_ImplSDL2_ProcessEvent(&e);
  switch (e.type) {
    case SDL_KEYDOWN: case SDL_KEYUP: case SDL_TEXTINPUT: case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: case SDL_MOUSEWHEEL: case SDL_MOUSEMOTION: case SDL_FINGERDOWN:
    case SDL_FINGERUP: case SDL_FINGERMOTION:
    case SDL_WINDOWEVENT:  // exposed / resized: redraw
      return true;
    default:
      return false;
  }
}

// Uploads the glyph atlas (8-bit coverage) as white RGBA with coverage in alpha, so ImGui's
// shader (vertex colour x texture) tints glyphs with the text colour.
void Window::UploadAtlas(text::GlyphAtlas& atlas) {
  const int w = atlas.width(), h = atlas.height();
  const bool dirty = atlas.TakeDirty();
  if (atlas_texture_ && !dirty && w == tex_w_ && h == tex_h_) return;
  scratch_.resize(static_cast<size_t>(w) * h);
  const uint8_t* src = atlas.pixels();
  for (size_t i = 0; i < scratch_.size(); ++i) scratch_[i] = 0x00FFFFFFu | (uint32_t(src[i]) << 24);
  if (!atlas_texture_) glGenTextures(1, &atlas_texture_);
  glBindTexture(GL_TEXTURE_2D, atlas_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, scratch_.data());
  tex_w_ = w;
  tex_h_ = h;
}

bool Window::DrawFrame(ui::App& app, double now, bool had_input) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  app.SetAtlasTexture(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(atlas_texture_)));
  app.Frame(now, had_input);
  ImGui::Render();
  // The atlas texture must exist before the first draw that uses it: upload, and if it was
  // just created, ask for one more frame so this frame's glyphs point at it.
  const bool first_upload = atlas_texture_ == 0;
  UploadAtlas(app.engine().atlas());
  SDL_GL_GetDrawableSize(window_, &fb_w_, &fb_h_);
  glViewport(0, 0, fb_w_, fb_h_);
  glClearColor(0, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frames_drawn_;
  return first_upload;
}

void Window::Present() { SDL_GL_SwapWindow(window_); }

}  // namespace qiao::platform
