// qiao-kiosk: the native kiosk. SDL2 window + OpenGL 3 + Dear ImGui backends (platform/window.h,
// shared with the browser build), or no window at all with --headless. This file holds what is
// native-only: options, the event loop that blocks until something changed, screenshots, the
// kiosk lock. The browser's counterpart is web.cpp.
// Index:
// [SECTION] OPTIONS
// [SECTION] HEADLESS
// [SECTION] STATUS
// [SECTION] SAY
// [SECTION] WINDOWED
// [SECTION] MAIN
#include "platform/cli_args.h"
#include "platform/audio.h"
#include "accessibility/espeak.h"
#include "i18n/i18n.h"
#include "platform/render_text.h"
#include "platform/watchdog.h"
#include "platform/window.h"
#include "store/usage.h"
#include "support/files.h"
#include "support/json_reader.h"
#include "ui/app.h"
#include "ui/content_source.h"
#include "ui/headless.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <stb_image_write.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
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
  --bundle PATH         content from a bundle: a .qbundle file, a release folder, or the
                        update root whose `current` qiao-update switches (with --kiosk and
                        no --packs: )" QIAO_UPDATE_ROOT R"(); a new one is shown at the idle reset
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
  --status              print the installed channel, its sequence, the content version, what
                        it holds and the usage counts; exit 1 if the content has problems
  --watch PATH          preview a pack file or folder: reload within a second of a save,
                        keep the screen; a broken save is shown and the last good one stays
  --say TEXT --lang TAG [--out F.wav] [--alt MANDARIN] [--reading CYRILLIC] [--character]
                        speak TEXT as the kiosk would (recorded clip, the language's voice,
                        or Mandarin: --alt gives the Mandarin text; --reading a mn-Mong
                        text's Cyrillic reading; --character: as another person's line in
                        a rehearsal, the caller's voice), write it as WAV and print which
                        layer spoke; honours --config ("syntheticVoices")
  --record LOCALE       the recording studio: every UI string and pack text of LOCALE without
                        an up-to-date clip, one by one; hold Space (or the Record button) to
                        record, then Keep / Redo / Skip. Kept clips go to the data folder's
                        audio/LOCALE/ (see README "Speech")
  --mic-wav FILE        the studio hears FILE instead of a microphone (each take is the whole
                        file; tests and demonstrations; also the environment's QIAO_MIC_WAV)
  --keep N              with --headless --record: a volunteer in a script: record, then Keep,
                        N times (the studio's own buttons, through the accessibility tree)
  --render-text, --dump-glyphs   draw one string to PNG / print its glyphs as JSON, no window
                        (qiao-kiosk --render-text --help)
  --help                this text
)";

struct Options {
  ui::AppOptions app;
  bool kiosk = false, headless = false, dump_tree = false, check = false, status = false;
  std::string locale, open, screenshot, config_path;
  bool say = false;
  std::string say_text, say_lang, say_out, say_alt, say_reading;
  bool say_character = false;
  std::string record, mic_wav;
  int keep = 0;
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
  bool data_dir_given = false, packs_given = false;
  o->app.packs_dir = QIAO_BUNDLED_PACKS;
  o->app.locales_dir = QIAO_BUNDLED_LOCALES;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) { return platform::TakeOptionValue(argc, argv, &i, out); };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return -1;
    } else if (a == "--kiosk") o->kiosk = true;
    else if (a == "--headless") o->headless = true;
    else if (a == "--dump-tree") o->dump_tree = true;
    else if (a == "--check") o->check = true;
    else if (a == "--status") o->status = true;
    else if (a == "--config") { if (!value(&o->config_path)) return 2; }
    else if (a == "--say") { if (!value(&o->say_text)) return 2; o->say = true; }
    else if (a == "--lang") { if (!value(&o->say_lang)) return 2; }
    else if (a == "--out") { if (!value(&o->say_out)) return 2; }
    else if (a == "--alt") { if (!value(&o->say_alt)) return 2; }
    else if (a == "--reading") { if (!value(&o->say_reading)) return 2; }
    else if (a == "--character") o->say_character = true;
    else if (a == "--record") { if (!value(&o->record)) return 2; }
    else if (a == "--mic-wav") { if (!value(&o->mic_wav)) return 2; }
    else if (a == "--keep") {
      if (!value(&v)) return 2;
      o->keep = std::atoi(v.c_str());
      if (o->keep < 1 || o->keep > 100000) {
        std::fprintf(stderr, "qiao-kiosk: --keep wants a number from 1 to 100000\n");
        return 2;
      }
    }
    else if (a == "--packs") { if (!value(&o->app.packs_dir)) return 2; packs_given = true; }
    else if (a == "--bundle") { if (!value(&o->app.bundle)) return 2; }
    else if (a == "--watch") { if (!value(&o->app.watch)) return 2; }
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
  // The appliance shows what qiao-update installed (the shipped packs until it has).
  if (o->kiosk && !packs_given && o->app.bundle.empty()) o->app.bundle = QIAO_UPDATE_ROOT;
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
  if (!o.record.empty()) {
    if (!app.translator().Find(o.record))
      std::fprintf(stderr, "qiao-kiosk: --record: unknown locale \"%s\"\n", o.record.c_str());
    else if (app.ClipsFolder().empty())
      std::fprintf(stderr, "qiao-kiosk: --record needs a data folder to keep clips in (--data-dir DIR)\n");
    app.SetLocale(o.record);
    app.Navigate(ui::Route{ui::Route::Kind::kRecord, o.record});
  }
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

// --headless --record LOCALE --keep N: a volunteer in a script, through the studio's own named
// buttons (as a screen reader presses them): Record, Record again to stop, Keep. Prints one
// line per kept clip.
int KeepTakes(const Options& o, ui::HeadlessRunner& runner) {
  ui::App& app = runner.app();
  auto name = [&](const char* key) { return app.translator().Get(key).text; };
  for (int kept = 0; kept < o.keep; ++kept) {
    const ui::RecordingStudio* studio = app.studio();
    if (!studio || !studio->current()) {
      std::printf("studio: nothing left to record (%d kept)\n", kept);
      return studio ? 0 : 1;
    }
    const std::string text = studio->current()->text;
    if (!runner.Activate(a11y::Role::kButton, name("record.hold")) ||
        !runner.Activate(a11y::Role::kButton, name("record.recording")) ||
        !runner.Activate(a11y::Role::kButton, name("record.keep")) || !studio->error().empty()) {
      std::fprintf(stderr, "qiao-kiosk: the take of \"%s\" was not kept: %s\n", text.c_str(),
                   studio->error().empty() ? "a studio button was missing" : studio->error().c_str());
      return 1;
    }
    std::printf("kept %s\n", a11y::ClipHash(studio->locale(), text).c_str());
    std::fflush(stdout);
  }
  return 0;
}

int RunHeadless(const Options& o) {
  ui::HeadlessRunner runner(o.app, static_cast<float>(o.width), static_cast<float>(o.height));
  // The studio hears --mic-wav (or QIAO_MIC_WAV); headless, takes are not played aloud.
  platform::SdlStudioDevice studio(nullptr, o.mic_wav);
  if (!o.record.empty()) runner.app().SetStudioDevice(&studio);
  ReportProblems(runner.app());
  ApplyStart(o, runner.app());
  for (int i = 0; i < o.frames; ++i) runner.Frame();
  if (o.keep > 0) {
    if (int rc = KeepTakes(o, runner); rc != 0) return rc;
  }
  if (o.dump_tree) std::cout << runner.tree().ToJson() << std::endl;
  return 0;
}

// [SECTION] STATUS

// What a release's channel.json (checked by qiao-update when it was installed) says about it.
void PrintChannel(const std::string& bundle_file) {
  const std::string path = (std::filesystem::path(bundle_file).parent_path() / "channel.json").string();
  std::string bytes, error;
  if (!support::ReadFile(path, &bytes, &error, 64 * 1024)) {
    std::printf("channel: none (%s)\n", error.c_str());
    return;
  }
  std::vector<support::LoadError> errors;
  support::JsonReader r(bytes, path, &errors);
  if (!r.ok() || !r.IsObject(r.root(), "")) {
    std::printf("channel: unreadable (%s)\n", errors.empty() ? path.c_str() : errors[0].ToString().c_str());
    return;
  }
  r.MarkAllKnown(r.root());
  const std::string channel = r.String(r.root(), "", "channel", true);
  int64_t sequence = 0;
  r.Integer(r.root(), "", "sequence", 0, INT64_MAX, &sequence);
  // The content version: the SHA-256 of the bundle, which names it (bundles/<sha256>.qbundle.zst).
  std::string version = "unknown";
  r.Array(r.root(), "", "files", true, [&](const support::JsonTree::Value& f, const std::string& ptr) {
    if (!f.is_object()) return;
    r.MarkAllKnown(f);
    const std::string file = r.String(f, ptr, "path", false);
    if (file.starts_with("bundles/") && file.size() > 8 + 64) version = file.substr(8, 64);
  });
  std::printf("channel: %s\nsequence: %lld\ncreated: %s\nexpires: %s\ncontent version: %s\n", channel.c_str(),
              static_cast<long long>(sequence), r.String(r.root(), "", "created", false).c_str(),
              r.String(r.root(), "", "expires", false).c_str(), version.c_str());
}

// `qiao-kiosk --status`: what this kiosk shows and has counted, for the operator (no window).
int RunStatus(const Options& o) {
  ui::ContentSource source(o.app.packs_dir, o.app.bundle, 0);
  content::Library library = source.Load();
  std::printf("content: %s\n", source.shown().c_str());
  if (source.shown() == o.app.packs_dir) std::printf("channel: none installed (the packs the kiosk came with)\n");
  else PrintChannel(source.shown());
  std::printf("packs: %zu, lessons: %zu, guides: %zu\n", library.packs.size(), library.Lessons().size(),
              library.Guides().size());
  std::vector<std::string> problems = source.problems();
  for (const auto& e : library.errors) problems.push_back(e.ToString());
  std::printf("problems: %zu\n", problems.size());
  for (const std::string& p : problems) std::printf("  %s\n", p.c_str());

  const std::string usage_file =
      o.app.data_dir.empty() ? "" : (std::filesystem::path(o.app.data_dir) / "usage.csv").string();
  std::vector<std::string> usage_problems;
  store::UsageCounts usage = store::UsageCounts::Load(usage_file, &usage_problems);
  // Lessons and guides started and finished per language, over every day kept.
  std::map<std::string, std::pair<uint64_t, uint64_t>> by_locale;
  std::map<std::string, int> days;
  for (const auto& [key, n] : usage.rows()) {
    ++days[key.day];
    if (key.kind == "kiosk") continue;
    if (key.what == "started") by_locale[key.locale].first += n;
    if (key.what == "finished") by_locale[key.locale].second += n;
  }
  std::printf("usage: %s, %zu days\n", usage_file.empty() ? "(no data folder)" : usage_file.c_str(), days.size());
  for (const std::string& p : usage_problems) std::printf("  %s\n", p.c_str());
  for (const auto& [locale, count] : by_locale)
    std::printf("  %s: started %llu, finished %llu\n", locale.c_str(), static_cast<unsigned long long>(count.first),
                static_cast<unsigned long long>(count.second));
  std::printf("  kiosk starts: %llu, idle resets: %llu\n",
              static_cast<unsigned long long>(usage.Total("kiosk", "start")),
              static_cast<unsigned long long>(usage.Total("kiosk", "idle-reset")));
  return problems.empty() ? 0 : 1;
}

// [SECTION] SAY

bool WriteWav(const std::string& path, const std::vector<int16_t>& pcm, int rate) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  auto u32 = [&](uint32_t v) { for (int i = 0; i < 4; ++i) std::fputc((v >> (8 * i)) & 0xFF, f); };
  auto u16 = [&](uint16_t v) { std::fputc(v & 0xFF, f); std::fputc(v >> 8, f); };
  const uint32_t bytes = static_cast<uint32_t>(pcm.size() * 2);
  std::fputs("RIFF", f); u32(36 + bytes); std::fputs("WAVEfmt ", f);
  u32(16); u16(1); u16(1); u32(rate); u32(rate * 2); u16(2); u16(16);
  std::fputs("data", f); u32(bytes);
  for (int16_t s : pcm) u16(static_cast<uint16_t>(s));
  return std::fclose(f) == 0;
}

// `qiao-kiosk --say TEXT --lang TAG`: the kiosk's speech chain for one text (the same
// announcer configuration as the App: locales.json voices, voices/voices.json, the clips
// beside the catalogs and packs and in the data folder, the configuration's "syntheticVoices").
int RunSay(const Options& o) {
  if (o.say_lang.empty()) {
    std::fprintf(stderr, "qiao-kiosk: --say needs --lang TAG\n");
    return 2;
  }
  std::unique_ptr<i18n::Translator> translator = i18n::Translator::Load(o.app.locales_dir);
  for (const auto& e : translator->errors()) std::fprintf(stderr, "%s\n", e.ToString().c_str());
  std::map<std::string, std::string> voices;
  for (const i18n::LocaleInfo& l : translator->locales()) voices[l.tag] = l.speech;
  if (!voices.count(o.say_lang))
    std::fprintf(stderr, "qiao-kiosk: \"%s\" is not in %s/locales.json\n", o.say_lang.c_str(), o.app.locales_dir.c_str());
  std::vector<std::string> problems;
  a11y::ClipLibrary clips;
  clips.AddFolder(o.app.locales_dir, &problems);
  clips.AddFolder(o.app.packs_dir, &problems);
  if (!o.app.data_dir.empty()) clips.AddFolder(o.app.data_dir, &problems);  // the studio's
  a11y::Announcer announcer;
  announcer.SetVoices(std::move(voices));
  announcer.SetSyntheticVoices(a11y::LoadBundledSyntheticVoices(&problems));
  for (const auto& [lang, on] : o.app.config.synthetic_voices) announcer.SetSyntheticVoiceEnabled(lang, on);
  announcer.SetClips(&clips);
  for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
  announcer.Say(a11y::Phrase{o.say_text, o.say_lang, o.say_alt, o.say_reading, o.say_character});
  if (announcer.log().empty()) {
    std::printf("layer=mandarin voice=none seconds=0 (no Mandarin text: give it with --alt)\n");
    return 1;
  }
  const a11y::Utterance u = announcer.log().back().utterance;
  std::string error;
  std::shared_ptr<a11y::Synthesizer> synth = a11y::Synthesizer::Get(&error);
  if (!synth) {
    std::fprintf(stderr, "qiao-kiosk: %s\n", error.c_str());
    return 1;
  }
  const int rate = synth->sample_rate();
  std::vector<int16_t> pcm = platform::RenderUtterance(u, *synth, rate, a11y::Announcer::kDefaultRate, &error);
  if (pcm.empty()) {
    std::fprintf(stderr, "qiao-kiosk: %s\n", error.empty() ? "nothing to say" : error.c_str());
    return 1;
  }
  if (!o.say_out.empty() && !WriteWav(o.say_out, pcm, rate)) {
    std::fprintf(stderr, "qiao-kiosk: cannot write %s\n", o.say_out.c_str());
    return 1;
  }
  const std::string how = u.clip.empty() ? u.voice : std::filesystem::path(u.clip).filename().string();
  std::printf("layer=%s%s %s=%s lang=%s seconds=%.2f%s%s\n", a11y::SpeechLayerName(u.layer), u.beta ? " beta" : "",
              u.clip.empty() ? "voice" : "clip", (u.character ? a11y::CharacterVoice(how) : how).c_str(), u.lang.c_str(), double(pcm.size()) / rate,
              o.say_out.empty() ? "" : " out=", o.say_out.c_str());
  return 0;
}

// [SECTION] WINDOWED

bool SavePng(const std::string& path, int w, int h) {
  std::vector<uint8_t> pixels(static_cast<size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);
  return stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
}

int RunWindowed(const Options& o) {
  platform::Window window({.width = o.width, .height = o.height, .fullscreen = o.kiosk});
  if (!window.ok()) {
    std::fprintf(stderr, "qiao-kiosk: %s\n  (no screen? try --headless, or run under xvfb-run)\n",
                 window.error().c_str());
    return 1;
  }
  // Speech: declared before the App, so it outlives the announcer that talks to it. Screenshots
  // are silent.
  std::unique_ptr<platform::SdlSpeechOutput> speech;
  if (o.screenshot.empty()) {
    std::string error, notice;
    speech = platform::SdlSpeechOutput::Open(&error, &notice);
    if (!speech) std::fprintf(stderr, "qiao-kiosk: speech is off: %s\n", error.c_str());
    else if (!notice.empty()) std::fprintf(stderr, "qiao-kiosk: %s\n", notice.c_str());
  }
  // The recording studio: the operator's menu offers it, --record opens it.
  platform::SdlStudioDevice studio(speech.get(), o.mic_wav);
  ui::App app(o.app);
  if (speech) app.SetSpeechOutput(speech.get());
  if (o.screenshot.empty() || !o.record.empty()) app.SetStudioDevice(&studio);
  ReportProblems(app);
  ApplyStart(o, app);
  const auto start = std::chrono::steady_clock::now();
  auto now = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() + 1.0; };
  bool running = true, had_input = true;
  platform::Watchdog watchdog;
  while (running) {
    watchdog.Tick(now());
    // Sleep until input, the App's next timer or poll, or the watchdog's next ping.
    if (!had_input && !app.WantsAnotherFrame() && o.screenshot.empty()) {
      double wait = std::min(app.NextDeadline(), watchdog.NextPing()) - now();
      int ms = std::isinf(wait) ? -1 : std::max(0, static_cast<int>(std::ceil(wait * 1000)));
      SDL_Event e;
      if (ms < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, ms)) SDL_PushEvent(&e);
    }
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
      if (window.ProcessEvent(e)) had_input = true;
      // In the studio, Space records while held (its own key down and up, not a press).
      const bool studio_space = app.studio() && (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) &&
                                e.key.keysym.sym == SDLK_SPACE;
      if (studio_space) {
        if (!e.key.repeat) app.StudioSpace(e.type == SDL_KEYDOWN);
        had_input = true;
      } else if (a11y::Key key = platform::KioskKey(e); key != a11y::Key::kNone) {
        app.OnKey(key);
      }
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
    // Draw by the rule every loop shares (App::NeedsFrame): a ping or a poll that found nothing
    // new draws nothing, so an idle kiosk keeps the GPU and the screen reader's tree still.
    if (!app.NeedsFrame(now(), had_input) && o.screenshot.empty()) continue;

    had_input = window.DrawFrame(app, now(), had_input);
    watchdog.Ready();  // the first frame is on screen
    if (!o.screenshot.empty() && window.frames_drawn() >= std::max(o.frames, 3) && !app.WantsAnotherFrame()) {
      bool ok = SavePng(o.screenshot, window.drawable_width(), window.drawable_height());
      std::fprintf(stderr, ok ? "qiao-kiosk: wrote %s\n" : "qiao-kiosk: cannot write %s\n", o.screenshot.c_str());
      running = false;
    }
    window.Present();
  }
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
  if (o.status) return RunStatus(o);
  if (o.say) return RunSay(o);
  if (o.headless) return RunHeadless(o);
  return RunWindowed(o);
}
