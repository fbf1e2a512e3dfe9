// The recording studio (issue 15): a volunteer walks every text of one language that has no
// up-to-date clip (UI strings in keys.txt order, then each pack's texts in pack order), records
// each while holding Space or the Record button, hears it back, and keeps, redoes or skips it.
// A kept take becomes a clip at once: written to the data folder's audio/<locale>/ and spoken by
// the kiosk from then on. The screen is screens/record.cpp; the microphone, the speaker and the
// disk are the platform's (StudioDevice: app/platform/audio.h).
#pragma once

#include "accessibility/clips.h"

#include <memory>
#include <string>
#include <vector>

namespace qiao::ui {

// What the studio needs from the machine. Native: SDL audio capture and playback, and
// a11y::KeepClip. None in the browser build (the operator's Record button is not shown).
class StudioDevice {
 public:
  virtual ~StudioDevice() = default;
  // Starts listening; false with `error` set when there is no microphone.
  virtual bool StartCapture(std::string* error) = 0;
  // Stops listening: what was heard, mono, -1..1, at sample_rate().
  virtual std::vector<float> StopCapture() = 0;
  virtual int sample_rate() const = 0;
  // Plays a take back (queued; returns at once).
  virtual void Play(const std::vector<float>& take) = 0;
  // a11y::KeepClip: trims, normalises and writes the clip and its index entry under `root`.
  virtual bool Keep(const std::string& root, const std::string& locale, const std::string& text,
                    const std::string& source, const std::vector<float>& take, std::string* path,
                    a11y::TakeReport* report, std::string* error) = 0;
};

class RecordingStudio {
 public:
  enum class Phase { kReady, kRecording, kReview, kDone };

  // `texts`: every text of the language a volunteer could record (a11y::ClipScript, in order);
  // those already recorded count towards the progress and are not shown. Clips are kept under
  // `root` (the kiosk's data folder).
  RecordingStudio(std::string locale, std::vector<a11y::ClipText> texts, std::string root, StudioDevice* device);

  const std::string& locale() const { return locale_; }
  Phase phase() const { return phase_; }
  // The text to record now (null when done).
  const a11y::ClipText* current() const;
  int total() const { return static_cast<int>(texts_.size()); }
  int recorded() const { return recorded_; }
  // The last thing that went wrong ("no microphone", "nothing was heard"), or empty.
  const std::string& error() const { return error_; }
  const std::vector<float>& take() const { return take_; }
  bool has_device() const { return device_ != nullptr; }
  // Recording started by a finger or the mouse holding Record: lifting it stops.
  bool pointer_hold() const { return pointer_hold_; }
  void set_pointer_hold(bool on) { pointer_hold_ = on; }

  // The Record button or Space: pressed, released.
  void StartRecording();
  void StopRecording();
  void PlayBack();
  // Keeps the take: the clip path on success (the App adds it to the kiosk's clips), else empty
  // with error() set and the take still there to try again.
  std::string Keep();
  void Redo();   // the take is dropped; record again
  void Skip();   // the next text; this one stays unrecorded

 private:
  void Next();  // to the next text still to record, or kDone

  std::string locale_;
  std::vector<a11y::ClipText> texts_;
  std::string root_;
  StudioDevice* device_;
  size_t index_ = 0;
  int recorded_ = 0;
  Phase phase_ = Phase::kReady;
  std::vector<float> take_;
  std::string error_;
  bool pointer_hold_ = false;
};

}  // namespace qiao::ui
