// Resume codes: at the end of a lesson the kiosk shows a 6-character code; typed on Home on a
// later visit to the same kiosk, it brings back which lessons the learner finished. Only lesson
// ids are kept (no names, no answers, nothing personal), in data_dir/resume-codes.json written
// atomically (app/store), and every code expires 30 days after it was issued.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::ui {

class ResumeCodes {
 public:
  // Letters and digits that cannot be mistaken for each other when read aloud or written down
  // (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): 22^6 ≈ 113 million codes.
  static constexpr std::string_view kAlphabet = "ACDEFHJKMNPRTUVWXY3479";
  static constexpr int kLength = 6;
  static constexpr int64_t kLifetimeSeconds = 30 * 24 * 3600;

  // `file` empty: kept in memory only (no data dir). Problems reading it go to `problems`.
  explicit ResumeCodes(std::string file, std::vector<std::string>* problems = nullptr);

  // A new code, never one that is still valid, for the lessons finished so far.
  // `now` is Unix time in seconds. Saved at once.
  std::string Issue(const std::set<std::string>& lessons_done, int64_t now);
  // The lessons of a valid code; case, spaces and dashes are ignored ("ac3 d4e").
  std::optional<std::set<std::string>> Redeem(std::string_view code, int64_t now);
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string code;
    int64_t issued = 0;
    std::set<std::string> lessons_done;
  };
  void DropExpired(int64_t now);
  void Save();

  std::string file_;
  std::vector<Entry> entries_;
  std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace qiao::ui
