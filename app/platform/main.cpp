// qiao-kiosk: the native kiosk. SDL2 window + OpenGL 3 + Dear ImGui backends, or no window at
// all with --headless. Everything platform-specific lives in this file: the event loop that
// draws only when something changed, the glyph-atlas texture, screenshots, the kiosk lock.
// Index:
// [SECTION] OPTIONS
// [SECTION] HEADLESS
// [SECTION] WINDOWED
// [SECTION] MAIN
#include "platform/render_text.h"
#include "ui/app.h"
#include "ui/headless.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <stb_image_write.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace qiao;

// [SECTION] OPTIONS

const char* kUsage = R"(qiao-kiosk: the Qiao digital-skills kiosk

Usage: qiao-kiosk [options]
  --kiosk               fullscreen, undecorated; leaving needs the operator PIN (Ctrl+Alt+Q)
  --config FILE         kiosk configuration (JSON; see README "Kiosk configuration")
  --packs DIR           content packs folder              (default: the bundled lessons/)
  --locales DIR         UI catalogs folder                (default: the bundled locales/)
  --data-dir DIR        where settings are kept           (default: $XDG_STATE_HOME/qiao)
  --locale TAG          start in this language (skips the picker)
  --open ROUTE          start on this screen: picker, home, lessons, lesson/ID[/STEP],
                        guides, guide/ID, settings, help
  --size WxH            window or headless viewport size  (default: 1280x800)
  --text-scale S        text size multiplier for this run (1 .. 3; not saved)
  --headless            no window or GPU: run frames and print what was asked
  --frames N            with --headless or --screenshot: frames to run (default 3)
  --dump-tree           print the accessibility tree as JSON after the frames
  --screenshot FILE     windowed: save a PNG after the frames, then exit
  --check               load packs and catalogs, print problems, exit 1 if any
  --render-text, --dump-glyphs   draw one string to PNG / print its glyphs as JSON, no window
                        (qiao-kiosk --render-text --help)
  --help                this text
)";

struct Options {
  ui::AppOptions app;
  bool kiosk = false, headless = false, dump_tree = false, check = false;
  std::string locale, open, screenshot, config_path;
  int width = 1280, height = 800, frames = 3;
  float text_scale = 0;  // 0: from settings
};

bool ParseSize(const std::string& s, int* w, int* h) {
  return std::sscanf(s.c_str(), "%dx%d", w, h) == 2 && *w >= 200 && *h >= 200 && *w <= 16384 &&
         *h <= 16384;
}

std::string DefaultDataDir() {
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state)
    return (std::filesystem::path(state) / "qiao").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (std::filesystem::path(home) / ".local/state/qiao").string();
  return {};
}

// Returns 0 to continue, or an exit code.
int ParseArgs(int argc, char** argv, Options* o) {
  bool data_dir_given = false;
  o->app.packs_dir = QIAO_BUNDLED_PACKS;
  o->app.locales_dir = QIAO_BUNDLED_LOCALES;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "qiao-kiosk: %s needs a value\n", a.c_str());
        return false;
      }
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return -1;
    } else if (a == "--kiosk") o->kiosk = true;
    else if (a == "--headless") o->headless = true;
    else if (a == "--dump-tree") o->dump_tree = true;
    else if (a == "--check") o->check = true;
    else if (a == "--config") { if (!value(&o->config_path)) return 2; }
    else if (a == "--packs") { if (!value(&o->app.packs_dir)) return 2; }
    else if (a == "--locales") { if (!value(&o->app.locales_dir)) return 2; }
    else if (a == "--data-dir") { if (!value(&o->app.data_dir)) return 2; data_dir_given = true; }
    else if (a == "--locale") { if (!value(&o->locale)) return 2; }
    else if (a == "--open") { if (!value(&o->open)) return 2; }
    else if (a == "--screenshot") { if (!value(&o->screenshot)) return 2; }
    else if (a == "--size") {
      if (!value(&v)) return 2;
      if (!ParseSize(v, &o->width, &o->height)) {
        std::fprintf(stderr, "qiao-kiosk: --size wants WIDTHxHEIGHT, e.g. 1280x800 (got \"%s\")\n", v.c_str());
        return 2;
      }
    } else if (a == "--frames") {
      if (!value(&v)) return 2;
      o->frames = std::atoi(v.c_str());
      if (o->frames < 1 || o->frames > 1000000) {
        std::fprintf(stderr, "qiao-kiosk: --frames wants a number from 1 to 1000000\n");
        return 2;
      }
    } else if (a == "--text-scale") {
      if (!value(&v)) return 2;
      o->text_scale = std::strtof(v.c_str(), nullptr);
      if (!(o->text_scale >= 1.0f && o->text_scale <= 3.0f)) {
        std::fprintf(stderr, "qiao-kiosk: --text-scale wants a number from 1 to 3\n");
        return 2;
      }
    } else {
      std::fprintf(stderr, "qiao-kiosk: unknown option %s (see --help)\n", a.c_str());
      return 2;
    }
  }
  // Headless runs (tests) keep nothing on disk unless asked to.
  if (!data_dir_given && !o->headless) o->app.data_dir = DefaultDataDir();
  std::vector<std::string> problems;
  o->app.config = ui::LoadKioskConfig(o->config_path, &problems);
  if (!o->config_path.empty() && !std::filesystem::exists(o->config_path))
    problems.push_back(o->config_path + ": configuration file not found; using defaults");
  for (const auto& p : problems) std::fprintf(stderr, "qiao-kiosk: %s\n", p.c_str());
  return 0;
}

// Applies --locale / --open / --text-scale to a fresh App.
void ApplyStart(const Options& o, ui::App& app) {
  if (!o.locale.empty()) {
    if (!app.translator().Find(o.locale))
      std::fprintf(stderr, "qiao-kiosk: unknown locale \"%s\"; using %s\n", o.locale.c_str(),
                   app.translator().locales().empty() ? "none" : app.translator().locales()[0].tag.c_str());
    app.SetLocale(o.locale);
    app.Navigate("home");
  }
  if (!o.open.empty()) app.Navigate(o.open);
  if (o.text_scale > 0) {
    int best = 0;
    for (int i = 0; i < ui::kTextScaleCount; ++i)
      if (std::fabs(ui::kTextScales[i] - o.text_scale) < std::fabs(ui::kTextScales[best] - o.text_scale)) best = i;
    app.SetTextScaleIndexForRun(best);
  }
}

void ReportProblems(ui::App& app) {
  for (const std::string& p : app.Problems()) std::fprintf(stderr, "%s\n", p.c_str());
}

// [SECTION] HEADLESS

int RunHeadless(const Options& o) {
  ui::HeadlessRunner runner(o.app, static_cast<float>(o.width), static_cast<float>(o.height));
  ReportProblems(runner.app());
  ApplyStart(o, runner.app());
  for (int i = 0; i < o.frames; ++i) runner.Frame();
  if (o.dump_tree) std::cout << runner.tree().ToJson() << std::endl;
  return 0;
}

// [SECTION] WINDOWED

// Uploads the glyph atlas (8-bit coverage) as white RGBA with coverage in alpha, so ImGui's
// shader (vertex colour x texture) tints glyphs with the text colour.
void UploadAtlas(qiao::text::GlyphAtlas& atlas, GLuint* texture, int* tex_w, int* tex_h,
                 std::vector<uint32_t>* scratch) {
  const int w = atlas.width(), h = atlas.height();
  const bool dirty = atlas.TakeDirty();
  if (*texture && !dirty && w == *tex_w && h == *tex_h) return;
  scratch->resize(static_cast<size_t>(w) * h);
  const uint8_t* src = atlas.pixels();
  for (size_t i = 0; i < scratch->size(); ++i) (*scratch)[i] = 0x00FFFFFFu | (uint32_t(src[i]) << 24);
  if (!*texture) glGenTextures(1, texture);
  glBindTexture(GL_TEXTURE_2D, *texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, scratch->data());
  *tex_w = w;
  *tex_h = h;
}

bool SavePng(const std::string& path, int w, int h) {
  std::vector<uint8_t> pixels(static_cast<size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);
  return stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
}

bool IsUserInput(const SDL_Event& e) {
  switch (e.type) {
    case SDL_KEYDOWN: case SDL_KEYUP: case SDL_TEXTINPUT: case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: case SDL_MOUSEWHEEL: case SDL_MOUSEMOTION: case SDL_FINGERDOWN:
    case SDL_FINGERUP: case SDL_FINGERMOTION:
      return true;
    default:
      return false;
  }
}

int RunWindowed(const Options& o) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "qiao-kiosk: cannot start the display: %s\n"
                         "  (no screen? try --headless, or run under xvfb-run)\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  if (o.kiosk) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  else flags |= SDL_WINDOW_RESIZABLE;
  SDL_Window* window = SDL_CreateWindow("Qiao 桥", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                        o.width, o.height, flags);
  if (!window) {
    std::fprintf(stderr, "qiao-kiosk: cannot open a window: %s\n", SDL_GetError());
    SDL_Quit();
    return 1;
  }
  SDL_GLContext gl = SDL_GL_CreateContext(window);
  if (!gl) {
    std::fprintf(stderr, "qiao-kiosk: no OpenGL 3.2 context: %s\n", SDL_GetError());
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 1;
  }
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(1);
  if (o.kiosk) SDL_ShowCursor(SDL_DISABLE);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplSDL2_InitForOpenGL(window, gl);
  ImGui_ImplOpenGL3_Init("#version 150");

  {
    ui::App app(o.app);
    ReportProblems(app);
    ApplyStart(o, app);
    GLuint atlas_texture = 0;
    int tex_w = 0, tex_h = 0;
    std::vector<uint32_t> scratch;
    const auto start = std::chrono::steady_clock::now();
    auto now = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() + 1.0; };
    int frames_drawn = 0;
    bool running = true, had_input = true;
    while (running) {
      // Draw only when something changed: wait for input or the next timer deadline.
      if (!had_input && !app.WantsAnotherFrame() && o.screenshot.empty()) {
        double wait = app.NextDeadline() - now();
        int ms = std::isinf(wait) ? -1 : std::max(0, static_cast<int>(std::ceil(wait * 1000)));
        SDL_Event e;
        if (ms < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, ms)) SDL_PushEvent(&e);
      }
      SDL_Event e;
      while (SDL_PollEvent(&e)) {
        ImGui_ImplSDL2_ProcessEvent(&e);
        if (IsUserInput(e)) had_input = true;
        if (e.type == SDL_WINDOWEVENT) had_input = true;  // exposed/resized: redraw
        const bool close = e.type == SDL_QUIT ||
                           (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE);
        const bool operator_keys = e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_q &&
                                   (e.key.keysym.mod & KMOD_CTRL) && (e.key.keysym.mod & KMOD_ALT);
        if (close || operator_keys) {
          if (o.kiosk) app.RequestExit();  // the PIN dialog; learners cannot close the kiosk
          else running = false;
        }
      }
      if (app.quit_requested()) running = false;
      if (!running) break;

      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplSDL2_NewFrame();
      ImGui::NewFrame();
      app.SetAtlasTexture(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(atlas_texture ? atlas_texture : 0)));
      app.Frame(now(), had_input);
      had_input = false;
      ImGui::Render();
      // The atlas texture must exist before the first draw that uses it: upload, and if it was
      // just created, draw once more so this frame's glyphs point at it.
      const bool first_upload = atlas_texture == 0;
      UploadAtlas(app.engine().atlas(), &atlas_texture, &tex_w, &tex_h, &scratch);
      if (first_upload) had_input = true;
      int fb_w, fb_h;
      SDL_GL_GetDrawableSize(window, &fb_w, &fb_h);
      glViewport(0, 0, fb_w, fb_h);
      glClearColor(0, 0, 0, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      ++frames_drawn;
      if (!o.screenshot.empty() && frames_drawn >= std::max(o.frames, 3) && !app.WantsAnotherFrame()) {
        bool ok = SavePng(o.screenshot, fb_w, fb_h);
        std::fprintf(stderr, ok ? "qiao-kiosk: wrote %s\n" : "qiao-kiosk: cannot write %s\n", o.screenshot.c_str());
        running = false;
      }
      SDL_GL_SwapWindow(window);
    }
    if (atlas_texture) glDeleteTextures(1, &atlas_texture);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}

}  // namespace

// [SECTION] MAIN

int main(int argc, char** argv) {
  if (platform::WantsRenderText(argc, argv)) return platform::RenderTextMain(argc, argv);
  Options o;
  if (int rc = ParseArgs(argc, argv, &o); rc != 0) return rc < 0 ? 0 : rc;
  if (o.check) {
    ui::HeadlessRunner runner(o.app, 800, 600);
    ReportProblems(runner.app());
    return runner.app().Problems().empty() ? 0 : 1;
  }
  if (o.headless) return RunHeadless(o);
  return RunWindowed(o);
}
