#include "ui/route.h"

#include <charconv>

namespace qiao::ui {

namespace {

struct KindName {
  Route::Kind kind;
  std::string_view name;
  bool has_id;
};
constexpr KindName kKinds[] = {
    {Route::Kind::kPicker, "picker", false},  {Route::Kind::kHome, "home", false},
    {Route::Kind::kLessons, "lessons", false}, {Route::Kind::kLesson, "lesson", true},
    {Route::Kind::kGuides, "guides", false},  {Route::Kind::kGuide, "guide", true},
    {Route::Kind::kSettings, "settings", false}, {Route::Kind::kHelp, "help", false},
    {Route::Kind::kRecord, "record", true},
};

}  // namespace

std::optional<Route> ParseRoute(std::string_view text) {
  const size_t slash = text.find('/');
  const std::string_view head = text.substr(0, slash);
  for (const KindName& k : kKinds) {
    if (k.name != head) continue;
    if (!k.has_id) {
      if (slash != std::string_view::npos) return std::nullopt;
      return Route{k.kind};
    }
    if (slash == std::string_view::npos || slash + 1 == text.size()) return std::nullopt;
    std::string_view rest = text.substr(slash + 1);
    Route r{k.kind};
    const size_t second = rest.find('/');
    r.id = std::string(rest.substr(0, second));
    if (second != std::string_view::npos) {
      if (k.kind != Route::Kind::kLesson) return std::nullopt;
      const std::string_view step = rest.substr(second + 1);
      int n = 0;
      auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), n);
      if (ec != std::errc() || end != step.data() + step.size() || n < 1) return std::nullopt;
      r.step = n;
    }
    if (r.id.empty()) return std::nullopt;
    return r;
  }
  return std::nullopt;
}

std::string FormatRoute(const Route& route) {
  for (const KindName& k : kKinds) {
    if (k.kind != route.kind) continue;
    std::string out(k.name);
    if (k.has_id) out += "/" + route.id;
    if (route.kind == Route::Kind::kLesson && route.step > 0) out += "/" + std::to_string(route.step);
    return out;
  }
  return "home";
}

void Navigator::Go(Route to, std::vector<Route>* history) {
  if (to == current_) return;
  history->push_back(std::move(current_));
  current_ = std::move(to);
  new_screen_ = true;
}

void Navigator::Back(std::vector<Route>* history) {
  if (history->empty()) {
    // Opened directly (--open, a restored session): up one level, without a way back down
    // (Back twice must not bounce between the screen and Home).
    if (current_.kind == Route::Kind::kPicker) return;
    Replace(current_.kind == Route::Kind::kHome ? Route{Route::Kind::kPicker} : Route::Home());
    return;
  }
  current_ = std::move(history->back());
  history->pop_back();
  new_screen_ = true;
}

void Navigator::Replace(Route to) {
  current_ = std::move(to);
  new_screen_ = true;
}

bool Navigator::TakeNewScreen() {
  const bool was = new_screen_;
  new_screen_ = false;
  return was;
}

}  // namespace qiao::ui
