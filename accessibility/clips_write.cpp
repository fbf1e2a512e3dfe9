// Keeping a volunteer's take as a clip (the recording studio, issue 15): trim, normalise to
// -16 LUFS by libebur128's measurement, write the WAV with libsndfile, then list it in
// clips.json. Native only (the browser build records nothing).
#include "accessibility/clips.h"

#include "support/files.h"

#include <ebur128.h>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sndfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>

namespace qiao::a11y {

namespace {

namespace fs = std::filesystem;

constexpr double kTargetLufs = -16.0;
constexpr double kPeakCeilingDbfs = -1.0;
// Silence: below -45 dBFS in every 20 ms window. A headset in a quiet room sits near -60; speech
// rarely dips below -40 inside a word. 100 ms of the quiet is kept at each end, so a word's
// soft onset (an "s", a breath before a vowel) is not cut.
constexpr double kSilenceDbfs = -45.0;
constexpr double kWindowSeconds = 0.02;
constexpr double kMarginSeconds = 0.1;

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// Makes a rename durable: the directory entry itself must reach the disk.
bool SyncDirectory(const fs::path& dir, std::string* error) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return *error = Errno("cannot open " + dir.string()), false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) *error = Errno("cannot sync " + dir.string());
  return ok;
}

bool SyncFile(const fs::path& file, std::string* error) {
  const int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) return *error = Errno("cannot open " + file.string()), false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) *error = Errno("cannot sync " + file.string());
  return ok;
}

// `tmp` (written and synced) becomes `path` in one rename(2); then the directory is synced.
bool Publish(const fs::path& tmp, const fs::path& path, std::string* error) {
  if (!SyncFile(tmp, error)) return false;
  if (::rename(tmp.c_str(), path.c_str()) != 0) return *error = Errno("cannot rename " + tmp.string()), false;
  return SyncDirectory(path.parent_path(), error);
}

bool WriteWav(const fs::path& path, const std::vector<float>& samples, int rate, std::string* error) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!f) return *error = "cannot write " + path.string() + ": " + sf_strerror(nullptr), false;
  const sf_count_t n = static_cast<sf_count_t>(samples.size());
  const bool ok = sf_writef_float(f, samples.data(), n) == n;
  if (!ok) *error = "cannot write " + path.string() + ": " + sf_strerror(f);
  return sf_close(f) == 0 && ok;
}

// A look-ahead peak limiter: the gain at each sample is the average, over +-2.5 ms, of the
// smallest gain any sample within 5 ms needs to stay under `ceiling`. Every gain averaged at a
// sample is at most what that sample needs, so no sample passes the ceiling; the averaging
// makes the gain change smoothly (no clicks) and start before the peak.
void Limit(std::vector<float>* samples, float ceiling, int rate) {
  const size_t n = samples->size();
  const size_t half = std::max<size_t>(1, static_cast<size_t>(rate * 0.0025));
  std::vector<float> need(n), floor(n), gain(n);
  bool any = false;
  for (size_t i = 0; i < n; ++i) {
    const float a = std::fabs((*samples)[i]);
    need[i] = a > ceiling ? ceiling / a : 1.0f;
    any |= need[i] < 1.0f;
  }
  if (!any) return;
  // The smallest need within +-5 ms: a sliding minimum (indices of rising needs, in a deque).
  std::deque<size_t> window;
  for (size_t i = 0, next = 0; i < n; ++i) {
    for (; next < std::min(n, i + 2 * half + 1); ++next) {
      while (!window.empty() && need[window.back()] >= need[next]) window.pop_back();
      window.push_back(next);
    }
    while (window.front() + 2 * half < i) window.pop_front();
    floor[i] = need[window.front()];
  }
  double sum = 0;  // a running boxcar over floor[i - half .. i + half]
  size_t lo = 0, hi = 0;
  for (size_t i = 0; i < n; ++i) {
    const size_t want_lo = i >= half ? i - half : 0, want_hi = std::min(n, i + half + 1);
    while (hi < want_hi) sum += floor[hi++];
    while (lo < want_lo) sum -= floor[lo++];
    gain[i] = static_cast<float>(sum / double(hi - lo));
  }
  for (size_t i = 0; i < n; ++i) (*samples)[i] *= std::min(gain[i], need[i]);
}

}  // namespace

bool PrepareTake(std::vector<float>* samples, int rate, TakeReport* report, std::string* error) {
  // Trim: the first and last 20 ms window louder than the silence threshold, plus a margin.
  const size_t window = std::max<size_t>(1, static_cast<size_t>(rate * kWindowSeconds));
  const float threshold = static_cast<float>(std::pow(10.0, kSilenceDbfs / 20.0));
  size_t first = samples->size(), last = 0;
  for (size_t start = 0; start < samples->size(); start += window) {
    const size_t end = std::min(samples->size(), start + window);
    float peak = 0;
    for (size_t i = start; i < end; ++i) peak = std::max(peak, std::fabs((*samples)[i]));
    if (peak < threshold) continue;
    first = std::min(first, start);
    last = end;
  }
  if (first >= last) return *error = "nothing was heard (is the microphone on?)", false;
  const size_t margin = static_cast<size_t>(rate * kMarginSeconds);
  first = first > margin ? first - margin : 0;
  last = std::min(samples->size(), last + margin);
  samples->assign(samples->begin() + static_cast<std::ptrdiff_t>(first),
                  samples->begin() + static_cast<std::ptrdiff_t>(last));

  // Measure (EBU R128 integrated loudness, true peak: libebur128), bring the take to -16 LUFS,
  // and hold its peaks under the ceiling with a look-ahead limiter (speech often peaks more
  // than 15 dB above its loudness, so a gain alone would clip it or leave it too quiet).
  auto measure = [&](double* lufs, double* peak_dbfs) {
    ebur128_state* st = ebur128_init(1, static_cast<unsigned long>(rate), EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    if (!st) return false;
    ebur128_add_frames_float(st, samples->data(), samples->size());
    double peak = 0;
    const bool ok = ebur128_loudness_global(st, lufs) == EBUR128_SUCCESS &&
                    ebur128_true_peak(st, 0, &peak) == EBUR128_SUCCESS;
    ebur128_destroy(&st);
    *peak_dbfs = peak > 0 ? 20.0 * std::log10(peak) : -HUGE_VAL;
    return ok;
  };
  double lufs = 0, peak_dbfs = 0;
  if (!measure(&lufs, &peak_dbfs) || !std::isfinite(lufs) || !std::isfinite(peak_dbfs))
    return *error = "the take is too short or too quiet to measure; record it again, closer to the microphone", false;
  // The limiter holds sample peaks under its ceiling; true (inter-sample) peaks can pass it a
  // little, so the ceiling starts half a dB lower and comes down by what libebur128 still finds
  // over. Limiting lowers loudness a little: the gain is measured again each round.
  const std::vector<float> original = *samples;
  double gain_db = kTargetLufs - lufs, ceiling_dbfs = kPeakCeilingDbfs - 0.5;
  for (int round = 0; round < 6; ++round) {
    *samples = original;
    const float gain = static_cast<float>(std::pow(10.0, gain_db / 20.0));
    for (float& s : *samples) s *= gain;
    Limit(samples, static_cast<float>(std::pow(10.0, ceiling_dbfs / 20.0)), rate);
    if (!measure(&lufs, &peak_dbfs)) break;
    const bool loud_enough = std::fabs(lufs - kTargetLufs) <= 0.2;
    if (peak_dbfs <= kPeakCeilingDbfs && loud_enough) break;
    if (peak_dbfs > kPeakCeilingDbfs) ceiling_dbfs -= peak_dbfs - kPeakCeilingDbfs + 0.1;
    gain_db += kTargetLufs - lufs;
  }
  // Never over the ceiling, whatever the rounds reached: a last plain gain if need be.
  if (peak_dbfs > kPeakCeilingDbfs) {
    const float down = static_cast<float>(std::pow(10.0, (kPeakCeilingDbfs - 0.05 - peak_dbfs) / 20.0));
    for (float& s : *samples) s *= down;
  }
  for (float& s : *samples) s = std::clamp(s, -1.0f, 1.0f);
  if (report) {
    report->seconds = double(samples->size()) / rate;
    measure(&report->loudness_lufs, &report->true_peak_dbfs);
  }
  return true;
}

bool KeepClip(const std::string& root, const std::string& locale, const std::string& text, const std::string& source,
              std::vector<float> samples, int rate, std::string* path, TakeReport* report, std::string* error) {
  if (!PrepareTake(&samples, rate, report, error)) return false;
  const fs::path dir = fs::path(root) / "audio" / locale;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return *error = "cannot create " + dir.string() + ": " + ec.message(), false;

  // The index as it is: a file this process did not write whole (a person's edit gone wrong)
  // is left alone, and the take is refused, rather than lose what it lists.
  const fs::path index = dir / "clips.json";
  nlohmann::ordered_json doc = {{"note", "Recorded clips (accessibility/clips.h): key = ClipHash(locale, text)."},
                                {"clips", nlohmann::ordered_json::object()}};
  if (fs::exists(index)) {
    std::string bytes, read_error;
    if (!support::ReadFile(index.string(), &bytes, &read_error))
      return *error = index.string() + ": " + read_error, false;
    doc = nlohmann::ordered_json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || (doc.contains("clips") && !doc["clips"].is_object()))
      return *error = index.string() + ": not a clips index (fix or move it; `qiao-pack clips` names the problem)", false;
  }

  // 1. The WAV, under its final name only once it is complete and on the disk.
  const std::string hash = ClipHash(locale, text);
  const fs::path wav = dir / (hash + ".wav");
  const fs::path wav_tmp = dir / (hash + ".wav.tmp");
  if (!WriteWav(wav_tmp, samples, rate, error) || !Publish(wav_tmp, wav, error)) {
    fs::remove(wav_tmp, ec);
    return false;
  }
  // 2. The index entry. Until this rename the kiosk does not know the clip (an unlisted WAV is
  // never played, and the next take overwrites it).
  doc["clips"][hash] = {{"file", hash + ".wav"}, {"for", source}, {"text", text}};
  const fs::path index_tmp = dir / "clips.json.tmp";
  {
    std::FILE* f = std::fopen(index_tmp.c_str(), "wb");
    if (!f) return *error = Errno("cannot write " + index_tmp.string()), false;
    const std::string bytes = doc.dump(2) + "\n";
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    if (std::fclose(f) != 0 || !ok) {
      fs::remove(index_tmp, ec);
      return *error = Errno("cannot write " + index_tmp.string()), false;
    }
  }
  if (!Publish(index_tmp, index, error)) return false;
  *path = wav.string();
  return true;
}

}  // namespace qiao::a11y
