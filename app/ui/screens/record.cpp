// The recording studio (ui/studio.h): one text at a time, shown large in its own script by the
// kiosk's text engine; Record while held (a finger, the mouse, or Space: the platform sends
// Space to App::StudioSpace), or pressed once to start and once to stop (Enter, a switch, a
// screen reader cannot hold); then it plays back, and Keep / Redo / Skip. Every control is a
// named button in the tree, like every screen. The studio is this screen's state (as a Session
// is a lesson's): the screen drives it, and reports a kept clip for the App to speak from.
#include "ui/page.h"
#include "ui/screens/screen.h"
#include "ui/studio.h"

namespace qiao::ui {

void DrawRecord(ScreenContext& c) {
  if (!TopBar(c, c.Ui("record.title"))) return;
  BeginContent(0, FormatRoute(c.route));
  RecordingStudio* studio = c.studio;
  if (!studio) {  // the browser, or a kiosk started without audio
    Feedback("no-studio", c.Ui("record.no_microphone"), Tone::kWarn);
    EndContent();
    return;
  }
  const double total = studio->total();
  const Msg progress = c.Ui("record.progress", {{"recorded", double(studio->recorded())}, {"total", total}});
  ProgressBar("progress", progress, total > 0 ? float(studio->recorded() / total) : 1.0f);

  const a11y::ClipText* t = studio->current();
  if (!t) {
    Feedback("done", c.Ui("record.done"), Tone::kGood);
    EndContent();
    return;
  }
  Paragraph(c.Ui("record.read_aloud"), TextRole::kSmall);
  // The text as the kiosk shows it to learners, in its own script and direction, large.
  Paragraph(Msg{t->text, studio->locale()}, TextRole::kHeading1);
  // What it is for (a catalog key or a pack's JSON pointer): for the volunteer's notes.
  Paragraph(Msg{t->source, "en"}, TextRole::kSmall);
  if (t->status == a11y::ClipStatus::kNeedsRerecording) Paragraph(c.Ui("record.needs_rerecording"), TextRole::kSmall);

  using Phase = RecordingStudio::Phase;
  const Phase phase = studio->phase();
  if (phase == Phase::kReady || phase == Phase::kRecording) {
    const bool recording = phase == Phase::kRecording;
    const HoldButtonState b = HoldButton("record", c.Ui(recording ? "record.recording" : "record.hold"),
                                         recording ? ButtonKind::kPrimary : ButtonKind::kSecondary);
    if (b.held && !recording) {
      studio->StartRecording();
      studio->set_pointer_hold(studio->phase() == Phase::kRecording);
    } else if (!b.held && studio->pointer_hold()) {
      studio->set_pointer_hold(false);  // the finger lifted (this frame's click is that release)
      studio->StopRecording();
    } else if (b.clicked) {
      recording ? studio->StopRecording() : studio->StartRecording();  // a click toggles
    }
    if (Button("skip", c.Ui("record.skip"))) {
      studio->Skip();
      c.out.new_screen = true;  // the next text: focus and speech start at the top again
    }
  } else {
    Feedback("review", c.Ui("record.review"), Tone::kInfo);
    const int pressed = ButtonRow("review", {{"keep", c.Ui("record.keep"), ButtonKind::kPrimary},
                                             {"play", c.Ui("record.play")},
                                             {"redo", c.Ui("record.redo")},
                                             {"skip", c.Ui("record.skip")}});
    if (pressed == 0) {
      const std::string text = t->text, source = t->source;
      const std::string path = studio->Keep();
      if (!path.empty()) {
        c.out.clip_kept = a11y::Clip{studio->locale(), a11y::ClipHash(studio->locale(), text), path, text, source};
        c.out.new_screen = true;
      }
    } else if (pressed == 1) {
      studio->PlayBack();
    } else if (pressed == 2) {
      studio->Redo();
    } else if (pressed == 3) {
      studio->Skip();
      c.out.new_screen = true;
    }
  }
  if (!studio->error().empty())
    Feedback("problem", c.Ui("record.problem", {{"problem", studio->error()}}), Tone::kBad);
  EndContent();
}

}  // namespace qiao::ui
