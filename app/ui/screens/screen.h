// Screens: free functions that draw one route through the widget layer (widgets.h, page.h) and
// report what they want done in ScreenRequests, which the App applies after the frame. A screen
// may change the learner's Session (an answer, a ticked item, the lesson step): that is its
// state. Anything else — going somewhere, settings, the disk, speech — is a request.
// Screens never call ImGui (tests/screens_test.cmake checks it).
//
// Adding a screen: a file here, its Route::Kind (route.h/.cpp), a case in App::DrawScreen.
#pragma once

#include "accessibility/announcer.h"
#include "accessibility/clips.h"
#include "content/pack.h"
#include "i18n/i18n.h"
#include "ui/library_search.h"
#include "ui/msg.h"
#include "ui/route.h"
#include "ui/session.h"
#include "ui/settings.h"
#include "ui/texts.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qiao::ui {

class RecordingStudio;

// What a screen wants done, applied by the App after the frame (in this order of fields).
struct ScreenRequests {
  std::optional<std::string> locale;  // the picker: switch language
  std::optional<Route> go;
  bool back = false;
  bool new_screen = false;  // same route, new content (another lesson step): to its top, focus its heading
  std::string lesson_completed;  // a lesson's end was reached: mark it done, issue a resume code
  std::optional<bool> first_try_right;  // a question of this lesson was answered a first time (usage)
  std::string redeem_code;       // a complete resume code typed on Home
  std::optional<Settings> settings;  // the learner changed a setting: the new settings, to keep
  int volume_steps = 0;              // +1 louder, -1 quieter (this session only; the App says it)
  struct Saying {
    std::string key;  // a UI catalog key, said in the UI language
    i18n::Args args;
  };
  std::vector<Saying> say;  // spoken after the frame (e.g. the new speaking speed)
  std::optional<bool> touch_and_hear;
  bool read_intro = false;    // the lesson's Repeat: say the step again from its heading
  bool idle_stay = false;     // "I'm still here"
  std::optional<a11y::Clip> clip_kept;  // the recording studio kept a take: the kiosk speaks it from now on
  bool any() const {
    return locale || go || back || new_screen || !lesson_completed.empty() || first_try_right || !redeem_code.empty() ||
           settings || volume_steps || !say.empty() || touch_and_hear ||
           read_intro || idle_stay || clip_kept;
  }
};

// What a screen may read, and where it reports. Built by the App for each frame.
struct ScreenContext {
  const Route& route;
  bool new_screen;  // the first frame of this screen (or step)
  const content::Library& library;
  const Texts& texts;
  Session& session;
  const Settings& settings;
  const KioskConfig& config;
  int64_t unix_time;  // wall clock (dates, resume codes); tests fix it
  // What other parts of the kiosk know, for screens that show it.
  // Which layers spoke the last thing said (empty with speech off): the speech status line.
  std::vector<a11y::SpokenBy> spoken_by = {};
  float volume = 1.0f;                // speech volume, 0..1
  bool touch_and_hear = false;
  size_t content_problems = 0;        // packs and catalogs that failed to load (operator notice)
  const std::vector<std::string>* preview_errors = nullptr;  // --watch: the last save's problems
  double idle_seconds_left = 0;       // during the idle warning
  std::function<const std::vector<const SearchHit*>&(const std::string& query)> search;
  ScreenRequests& out;
  // How the UI language is spoken where no recording exists (Settings says so, "beta" included).
  a11y::LanguageVoice language_voice = {};
  // The recording studio on its screen (record.cpp drives it); null elsewhere, and where the
  // kiosk has no StudioDevice.
  RecordingStudio* studio = nullptr;
  // The operator's menu offers the studio only where there is a StudioDevice (not the browser).
  bool can_record = false;

  Msg Ui(std::string_view key, const i18n::Args& args = {}) const { return texts.Ui(key, args); }
  Msg Pack(const content::LocalizedText& text) const { return texts.Pack(text); }
  const i18n::Translator& translator() const { return texts.translator(); }
};

// [SECTION] Shared chrome (chrome.cpp)
// Back and Home, the screen's title, and the speech status line (which layer spoke: a
// recording, a synthetic voice, or Mandarin with its notice). False when Back or
// Home was pressed: the screen draws nothing more this frame.
bool TopBar(ScreenContext& c, const Msg& title);
// --watch: the last save's problems, above the screen (the last good version is shown).
void DrawPreviewProblems(ScreenContext& c);
// The date of `unix_time` as YYYY-MM-DD in local time (guides past their expiresAt).
std::string IsoDate(int64_t unix_time);

// [SECTION] Screens, one file each
void DrawPicker(ScreenContext& c);
void DrawHome(ScreenContext& c);
void DrawLessons(ScreenContext& c);
void DrawLesson(ScreenContext& c);
void DrawGuides(ScreenContext& c);
void DrawGuide(ScreenContext& c);
void DrawSettings(ScreenContext& c);
void DrawHelp(ScreenContext& c);
void DrawRecord(ScreenContext& c);  // record.cpp: the recording studio

// [SECTION] Dialogs over any screen (dialogs.cpp)
void DrawIdleDialog(ScreenContext& c);
// The operator's PIN pad (--kiosk): asked for by the window's close or Ctrl+Alt+Q.
struct PinPad {
  bool open = false;
  bool unlocked = false;  // the right PIN was entered: the operator's menu is shown
  std::string entry;  // what was typed: never shown, never spoken unless on a headset
};
// The PIN pad, then the operator's menu: close the kiosk, or record voice clips in the current
// language (where the kiosk can record). Cancel closes either.
enum class OperatorChoice { kNone, kClose, kRecord };
OperatorChoice DrawPinDialog(ScreenContext& c, PinPad* pad);
// The operator's screen while a USB stick updates the content, and what it did (update_dialog.cpp;
// what to show: ui/update_notice.h). True when the operator closed it (OK).
class UpdateNotice;
bool DrawUpdateDialog(ScreenContext& c, const UpdateNotice& notice);

}  // namespace qiao::ui
