#include "ui/studio.h"

#include <algorithm>

namespace qiao::ui {

RecordingStudio::RecordingStudio(std::string locale, std::vector<a11y::ClipText> texts, std::string root,
                                 StudioDevice* device)
    : locale_(std::move(locale)), texts_(std::move(texts)), root_(std::move(root)), device_(device) {
  recorded_ = static_cast<int>(std::count_if(texts_.begin(), texts_.end(), [](const a11y::ClipText& t) {
    return t.status == a11y::ClipStatus::kRecorded;
  }));
  index_ = static_cast<size_t>(-1);
  Next();
}

const a11y::ClipText* RecordingStudio::current() const {
  return index_ < texts_.size() ? &texts_[index_] : nullptr;
}

void RecordingStudio::Next() {
  take_.clear();
  for (++index_; index_ < texts_.size(); ++index_)
    if (texts_[index_].status != a11y::ClipStatus::kRecorded) break;
  phase_ = index_ < texts_.size() ? Phase::kReady : Phase::kDone;
}

void RecordingStudio::StartRecording() {
  if (phase_ == Phase::kDone || phase_ == Phase::kRecording) return;
  error_.clear();
  if (!device_) {
    error_ = "no microphone";
    return;
  }
  if (!device_->StartCapture(&error_)) return;
  take_.clear();
  phase_ = Phase::kRecording;
}

void RecordingStudio::StopRecording() {
  if (phase_ != Phase::kRecording) return;
  take_ = device_->StopCapture();
  phase_ = Phase::kReview;
  PlayBack();  // the volunteer hears it at once, then keeps or redoes it
}

void RecordingStudio::PlayBack() {
  if (phase_ == Phase::kReview && device_ && !take_.empty()) device_->Play(take_);
}

std::string RecordingStudio::Keep() {
  const a11y::ClipText* t = current();
  if (phase_ != Phase::kReview || !t) return "";
  std::string path;
  error_.clear();
  if (!device_->Keep(root_, locale_, t->text, t->source, take_, &path, nullptr, &error_)) return "";
  texts_[index_].status = a11y::ClipStatus::kRecorded;
  texts_[index_].file = path;
  ++recorded_;
  Next();
  return path;
}

void RecordingStudio::Redo() {
  if (phase_ != Phase::kReview) return;
  take_.clear();
  error_.clear();
  phase_ = Phase::kReady;
}

void RecordingStudio::Skip() {
  if (phase_ == Phase::kDone) return;
  if (phase_ == Phase::kRecording) device_->StopCapture();
  error_.clear();
  Next();
}

}  // namespace qiao::ui
