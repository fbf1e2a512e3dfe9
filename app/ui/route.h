// Routes: which screen the kiosk shows, and the learner's way back.
//
// A route is written as text in `--open`, in a saved session and in search hits:
//   picker, home, lessons, lesson/<id>[/<step, 1-based>], guides, guide/<id>, settings, help,
//   record/<locale> (the recording studio: the operator's menu or `qiao-kiosk --record`).
// Everywhere else it is a Route value; screens are chosen by a switch on Route::Kind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::ui {

struct Route {
  // Adding a screen: a Kind here (and its name in route.cpp), a file in screens/, a case in
  // App::DrawScreen.
  enum class Kind : uint8_t { kPicker, kHome, kLessons, kLesson, kGuides, kGuide, kSettings, kHelp, kRecord };
  Kind kind = Kind::kPicker;
  std::string id;  // the lesson's or guide's id (kLesson, kGuide); the language recorded (kRecord)
  int step = 0;    // kLesson only: open at this step (1-based); 0 = where the learner left it

  static Route Home() { return {Kind::kHome}; }
  static Route Lesson(std::string id, int step = 0) { return {Kind::kLesson, std::move(id), step}; }
  static Route Guide(std::string id) { return {Kind::kGuide, std::move(id)}; }
  bool operator==(const Route&) const = default;
};

// nullopt for text that names no screen (a typo in --open, a stale saved session).
std::optional<Route> ParseRoute(std::string_view text);
// The text form; ParseRoute(FormatRoute(r)) == r.
std::string FormatRoute(const Route& route);

// The current screen and the way back. History belongs to the learner's session (cleared at the
// idle reset); the navigator is handed it rather than owning it.
class Navigator {
 public:
  const Route& current() const { return current_; }
  // Goes to `to` (a step is not part of a screen: the caller applies Route::step and passes the
  // route without it). Going where the learner already is does nothing.
  void Go(Route to, std::vector<Route>* history);
  // One screen back; with no history, up: Home, then the picker.
  void Back(std::vector<Route>* history);
  // Jumps without remembering (the idle reset, a restored session).
  void Replace(Route to);
  // The same screen shows something new (the next lesson step): it starts at its top and
  // focus goes to its heading, as on a new screen.
  void MarkNewScreen() { new_screen_ = true; }
  // True once after each change of screen.
  bool TakeNewScreen();

 private:
  Route current_;
  bool new_screen_ = true;
};

}  // namespace qiao::ui
