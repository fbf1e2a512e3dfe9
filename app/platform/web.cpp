// qiao-web: the kiosk app in the browser (Emscripten). The browser owns the loop: this file is
// the counterpart of main.cpp's native loop and holds everything browser-only:
//   - file loading: the shell page (web/index.html) downloads catalogs, fonts, the ICU data and
//     the learner's language's content bundle into the virtual filesystem under /qiao after the
//     app's code: main() makes the window meanwhile and the loop the App once they are there
//     (Module.qiaoDataReady); another language's bundle later (qiao_reload_content);
//   - storage: /data is IndexedDB (IDBFS), synced after the App writes (settings, session);
//   - the loop: emscripten_set_main_loop, drawing only when something changed;
//   - the JS hooks tests and the screen-reader bridge (web/a11y_bridge.js) use: qiao_tree_json,
//     qiao_tree_update_json (what changed since the bridge last asked), qiao_request_action;
//     the page's: qiao_reload_fonts, qiao_reload_content, qiao_saved_offline (the offline notice).
// Index:
// [SECTION] ICU DATA
// [SECTION] LOOP
// [SECTION] JS HOOKS
// [SECTION] MAIN
#include "platform/window.h"
#include "ui/app.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <unicode/putil.h>
#include <unicode/udata.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace qiao;

constexpr const char* kRoot = "/qiao";      // written by the shell page before main()
constexpr const char* kDataDir = "/data";   // IDBFS: the learner's own device

struct StartOptions {
  bool kiosk = false;
  std::string locale, open;
};

struct WebState {
  StartOptions start;     // from the page's URL, for the App once the data is here
  std::unique_ptr<platform::Window> window;
  std::unique_ptr<ui::App> app;
  bool had_input = true;
  bool ready_signalled = false;
  bool first_frame_marked = false;
  bool text_input_signalled = false;
  std::string locale;     // last locale told to the page (it fetches fonts per locale)
  std::string tree_json;  // kept alive for qiao_tree_json's caller
  a11y::Tree mirrored;    // what the page's ARIA mirror was last sent (qiao_tree_update_json)
  std::string update_json;
};
WebState* g = nullptr;

// [SECTION] ICU DATA

// The subset icudt72l.dat (see web/README.md) is our only ICU data: ICU must not look for files
// anywhere else (u_setDataDirectory), and the buffer must outlive every ICU call.
bool LoadIcuData(std::string* error) {
  static std::vector<char> data;
  const std::string path = std::string(kRoot) + "/icu/icudt72l.dat";
  std::ifstream in(path, std::ios::binary);
  data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (data.empty()) {
    *error = "cannot read " + path;
    return false;
  }
  u_setDataDirectory("/nonexistent");
  UErrorCode err = U_ZERO_ERROR;
  udata_setCommonData(data.data(), &err);
  if (U_FAILURE(err)) {
    *error = path + ": " + u_errorName(err);
    return false;
  }
  return true;
}

// [SECTION] LOOP

double Now() { return emscripten_get_now() / 1000.0 + 1.0; }

// Called by the browser once per animation frame. Polls events; draws only when there was
// input, the App asked for another frame, or its next deadline (idle warning) has passed.
void StartApp();

void Tick() {
  // The window exists from main() on; the App once the page has written the data into /qiao
  // (it sets Module.qiaoDataReady: web/index.html downloads the data after the app's code).
  if (!g->app) {
    if (!EM_ASM_INT({ return Module.qiaoDataReady ? 1 : 0; })) return;
    StartApp();
  }
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    if (g->window->ProcessEvent(e)) g->had_input = true;
    if (a11y::Key key = platform::KioskKey(e); key != a11y::Key::kNone) g->app->OnKey(key);
  }
  const double now = Now();
  if (!g->app->NeedsFrame(now, g->had_input)) return;  // the rule main.cpp's loop draws by
  const bool input = g->had_input;
  g->had_input = g->window->DrawFrame(*g->app, now, input);
  g->window->Present();
  if (!g->first_frame_marked) {
    g->first_frame_marked = true;
    EM_ASM({ performance.mark('qiao:first frame drawn'); });
  }
  // A frame was drawn, so the tree may have changed: the screen-reader bridge pulls the
  // difference (qiao_tree_update_json; one Diff per drawn frame, nothing when idle).
  EM_ASM({ if (Module.qiaoTreeChanged) Module.qiaoTreeChanged(); });
  // The App may have written settings or the session in any drawn frame (also one after input
  // that it asked for): copy /data to IndexedDB, throttled in JS; a sync that finds nothing
  // changed writes nothing.
  EM_ASM({ if (Module.qiaoScheduleSync) Module.qiaoScheduleSync(); });
  // The language the learner is using (not the picker's default): the page fetches its fonts.
  if (g->app->route() != "picker" && g->app->translator().locale() != g->locale) {
    g->locale = g->app->translator().locale();
    EM_ASM({ if (Module.qiaoLocaleChanged) Module.qiaoLocaleChanged(UTF8ToString($0)); }, g->locale.c_str());
  }
  // The first time a text field takes input (Home's search): the page fetches the fonts search
  // needs (zh-Hans: the 3,500 common Hanzi; web/README.md "Fonts").
  if (!g->text_input_signalled && ImGui::GetIO().WantTextInput) {
    g->text_input_signalled = true;
    EM_ASM({ if (Module.qiaoTextInput) Module.qiaoTextInput(); });
  }
  if (!g->ready_signalled && !g->had_input && !g->app->WantsAnotherFrame()) {
    g->ready_signalled = true;
    EM_ASM({ if (Module.qiaoReady) Module.qiaoReady(); });
  }
}

}  // namespace

// [SECTION] JS HOOKS

extern "C" {

// The accessibility tree of the last drawn frame as JSON ({"root": {...}}; README "--dump-tree").
EMSCRIPTEN_KEEPALIVE const char* qiao_tree_json() {
  if (!g || !g->app) return "{}";
  g->tree_json = g->app->tree().ToJson();
  return g->tree_json.c_str();
}

// What changed in the accessibility tree since the last call, as JSON (a11y::ToJson of a
// TreeUpdate): the whole tree on the first call, then only changed and removed nodes.
EMSCRIPTEN_KEEPALIVE const char* qiao_tree_update_json() {
  if (!g || !g->app) return "{}";
  const a11y::Tree& now = g->app->tree();
  g->update_json = a11y::ToJson(a11y::Diff(g->mirrored, now));
  g->mirrored = now;
  return g->update_json.c_str();
}

// Asks the App to perform an action on a node (a11y::Action bits: 1 click, 2 focus, 4 increment,
// 8 decrement, 16 scroll into view). Returns 0 if the node is not in the current tree.
EMSCRIPTEN_KEEPALIVE int qiao_request_action(double node_id, int action) {
  if (!g || !g->app) return 0;
  const auto id = static_cast<a11y::NodeId>(node_id);
  if (!g->app->tree().Find(id)) return 0;
  g->app->RequestAction(id, static_cast<a11y::Action>(action));
  return 1;
}

// The page wrote a new font file under /qiao/fonts (web/index.html, per locale): use it.
EMSCRIPTEN_KEEPALIVE void qiao_reload_fonts() {
  if (!g || !g->app) return;
  g->app->ReloadFonts();
  g->had_input = true;  // redraw now
}

// The page wrote another language's bundle over /qiao/content/bundle.qbundle: show it.
EMSCRIPTEN_KEEPALIVE void qiao_reload_content() {
  if (!g || !g->app) return;
  g->app->ReloadContent();
  g->had_input = true;  // redraw now
}

// Every file of the learner's language is in the offline cache (web/index.html checks): say so.
EMSCRIPTEN_KEEPALIVE void qiao_saved_offline() {
  if (!g || !g->app) return;
  g->app->ShowNotice("web.saved_offline");
  g->had_input = true;  // redraw now
}

// Characters drawn as a box (no font had them) in every layout since the fonts were last
// (re)loaded: the browser test checks a Chinese learner's screens show none (web/README.md, Fonts).
EMSCRIPTEN_KEEPALIVE double qiao_missing_glyphs() {
  return g && g->app ? double(g->app->engine().missing_glyphs()) : -1;
}

// The current route (tests and the bridge read where the learner is).
EMSCRIPTEN_KEEPALIVE const char* qiao_route() {
  static std::string route;  // App::route() formats a fresh string: keep it alive for JS to read
  route = g && g->app ? g->app->route() : "";
  return route.c_str();
}

}  // extern "C"

// [SECTION] MAIN

namespace {

// The App, on the data the page wrote into /qiao: ICU's data first (text breaking and
// MessageFormat need it), then catalogs, fonts and the learner's settings and session.
void StartApp() {
  EM_ASM({ performance.mark('qiao:data here'); });
  std::string error;
  if (!LoadIcuData(&error)) std::fprintf(stderr, "qiao-web: %s (text will not break or shape well)\n", error.c_str());
  ui::AppOptions options;
  // Content: the learner's language's bundle (web/bundles.py: its texts and the search and sort
  // keys `qiao-pack bundle` made); the page replaces it when the language changes. Before a
  // language is picked there may be none: then the empty packs folder, an empty library.
  options.packs_dir = std::string(kRoot) + "/lessons";
  options.bundle = std::string(kRoot) + "/content/bundle.qbundle";
  options.locales_dir = std::string(kRoot) + "/locales";
  options.fonts.search_dirs = {std::string(kRoot) + "/fonts"};
  options.data_dir = kDataDir;
  // On the learner's own device their place in the lesson survives a reload and there is no
  // idle reset; ?kiosk=1 (a shared device) keeps the kiosk's idle reset and forgets sessions.
  options.keep_session = !g->start.kiosk;
  g->app = std::make_unique<ui::App>(options);
  EM_ASM({ performance.mark('qiao:App made'); });
  for (const std::string& p : g->app->Problems()) std::fprintf(stderr, "%s\n", p.c_str());
  // A language picked on the page's own picker while the app's code downloaded (web/index.html)
  // counts as --locale: the learner is not asked twice.
  if (g->start.locale.empty()) {
    char chosen[64] = {};  // a language tag
    EM_ASM({ if (Module.qiaoChosenLocale) stringToUTF8(Module.qiaoChosenLocale, $0, $1); }, chosen, sizeof chosen);
    g->start.locale = chosen;
  }
  if (!g->start.locale.empty() && g->app->translator().Find(g->start.locale)) {
    g->app->SetLocale(g->start.locale);
    g->app->Navigate("home");
  }
  if (!g->start.open.empty()) g->app->Navigate(g->start.open);
}

}  // namespace

// Arguments come from the page's URL (web/index.html): --kiosk (?kiosk=1), --locale TAG,
// --open ROUTE (?open=guide/ID: a trainer's link straight to a screen), --size WxH (the viewport).
// main() runs as soon as the app's code is instantiated and IndexedDB is read: it makes the
// window (WebGL context, ImGui) while the page still downloads the data; the loop makes the
// App when the data is there (StartApp).
int main(int argc, char** argv) {
  EM_ASM({ performance.mark('qiao:main'); });  // start milestones for web/bench.mjs --timeline
  g = new WebState;
  int width = 1280, height = 800;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--kiosk") g->start.kiosk = true;
    else if (a == "--locale" && i + 1 < argc) g->start.locale = argv[++i];
    else if (a == "--open" && i + 1 < argc) g->start.open = argv[++i];
    else if (a == "--size" && i + 1 < argc) std::sscanf(argv[++i], "%dx%d", &width, &height);
  }
  g->window = std::make_unique<platform::Window>(platform::WindowOptions{.width = width, .height = height});
  if (!g->window->ok()) {
    std::fprintf(stderr, "qiao-web: %s\n", g->window->error().c_str());
    EM_ASM({ if (Module.qiaoFailed) Module.qiaoFailed(UTF8ToString($0)); }, g->window->error().c_str());
    return 1;
  }
  EM_ASM({ performance.mark('qiao:window made'); });
  emscripten_set_main_loop(Tick, 0, false);
  return 0;
}
