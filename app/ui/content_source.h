// Where the kiosk's lessons and guides come from, and when they may change under it.
//
// A folder of packs (--packs, the default) is read once. A bundle (--bundle) is what
// `qiao-update` installs: a .qbundle file, a release folder holding bundle.qbundle, or the
// update root (/var/lib/qiao) whose `current` link `qiao-update` switches in one rename. The
// kiosk never swaps content under a learner's hands: the App asks CheckForNew() only at a quiet
// moment (its idle reset, or, on an unattended start screen, once per idle period). The check
// is cheap (where `current` points, the file's size and time); only a changed bundle is read.
// A new bundle that does not load cleanly is not shown: the content on screen stays, and
// problems() says why (App::Problems, the operator notice on Home). At start-up, a `current`
// that does not load cleanly gives way to the release `previous` points at, if that one does.
#pragma once

#include "content/bundle.h"

#include <optional>
#include <string>
#include <vector>

namespace qiao::ui {

class ContentSource {
 public:
  // `bundle` empty: the packs folder. `quiet_period`: seconds without input before an
  // unattended kiosk looks for new content (the idle timeout).
  ContentSource(std::string packs_dir, std::string bundle, double quiet_period);

  // What to show at start-up.
  content::Library Load();
  // Checks whether the installed bundle changed, and loads it if so: the library to show, or
  // nullopt (unchanged, or broken: problems() says why and the shown content stays).
  // `now` (the App's clock) restarts the unattended kiosk's quiet period.
  std::optional<content::Library> CheckForNew(double now);

  // The unattended kiosk's clock: input restarts the quiet period; Due() when a whole period
  // has passed without input or check.
  void Input(double now) { last_input_ = now; }
  bool Due(double now) const { return watching() && now >= NextCheck(); }
  double NextCheck() const;  // infinity when not watching a bundle

  bool watching() const { return !bundle_.empty(); }
  // The precomputed sort and search keys of the bundle shown; empty for a packs folder.
  const content::BundleIndex& index() const { return index_; }
  // Why newer content is not shown, or why the previous release is (empty when all is well).
  const std::vector<std::string>& problems() const { return problems_; }
  // The file shown: a bundle (its real path, links resolved) or the packs folder.
  const std::string& shown() const { return shown_; }
  // The folder of the bundle shown (a release folder, where qiao-update leaves the clips its
  // channel brought: audio/<locale>/clips.json); "" for a packs folder.
  std::string ShownRelease() const;
  // The update root qiao-update installs into (whose `current` is watched, and where it leaves
  // its status for the operator's screen: ui/update_notice.h); "" for a bundle file or folder.
  std::string UpdateRoot() const;

 private:
  // The bundle file `bundle_` stands for now ("" if none is installed), and under an update
  // root, the previous release's.
  std::string CurrentFile() const;
  std::string PreviousFile() const;
  // Changes when the file at `path` is another one: its real path (the release `current`
  // points at), size and modification time.
  static std::string Identity(const std::string& path);

  std::string packs_dir_, bundle_;
  double quiet_period_;
  double last_input_ = 0, last_check_ = 0;
  std::string shown_, shown_identity_, refused_identity_;
  content::BundleIndex index_;
  std::vector<std::string> problems_;
};

}  // namespace qiao::ui
