// The kiosk on a bundle (`qiao-kiosk --bundle`): content that `qiao-pack bundle` and
// `qiao-update` really made, listed and searched with the bundle's precomputed keys; a new
// release switched in by qiao-update while a learner is in a lesson is shown only at the idle
// reset; a new release that does not load is never shown, and the operator is told why.
#include "content/bundle.h"
#include "kiosk_fixture.h"

#include "../channel/test_support.h"

#include <algorithm>

namespace qiao {
namespace {

using namespace channel::test_support;

// Seconds without input after which the kiosk (default configuration) has reset the session.
const double kUntilReset = ui::KioskConfig{}.idle_timeout_seconds + ui::KioskConfig{}.idle_warning_seconds + 2;

std::vector<std::string> Routes(const std::vector<const ui::SearchHit*>& hits) {
  std::vector<std::string> out;
  for (const ui::SearchHit* h : hits) out.push_back(ui::FormatRoute(h->route));
  return out;
}

// A channel key, and releases 1 (basics) and 2 (basics + safety) published with it.
class ContentSwap : public ::testing::Test {
 protected:
  void SetUp() override { PublishReleasesOneAndTwo(dir.path()); }
  void Install(const std::string& channel) {
    RunResult r = RunCommand(kUpdate + " " + (dir / channel) + " --root " + (dir / "root") + " --pubkey " + (dir / "k.pub"));
    ASSERT_EQ(r.status, 0) << r.output;
  }
  // The kiosk as the appliance runs it: on the update root.
  void StartKiosk() {
    ui::AppOptions o = testing::BundledOptions();
    o.bundle = dir / "root";
    runner = std::make_unique<ui::HeadlessRunner>(o, 1280, 800);
    runner->app().SetLocale("en");
    runner->Visit("home");
  }
  ui::App& app() { return runner->app(); }
  bool Has(const char* lesson) { return app().library().FindLesson(lesson) != nullptr; }
  bool Shows(const std::string& text) {
    for (const a11y::Node* n : runner->tree().Flatten())
      if (n->name.find(text) != std::string::npos) return true;
    return false;
  }
  // Points ROOT/current at a release folder holding `bundle`, as a rename would (the way a disk
  // damaged after qiao-update's checks, or a hand-made switch, would leave it).
  void SwitchCurrentTo(const std::string& release, const std::string& bundle) {
    fs::copy(dir / "root/current/", dir / ("root/releases/" + release), fs::copy_options::recursive);
    WriteAll(dir / ("root/releases/" + release + "/bundle.qbundle"), bundle);
    fs::create_symlink("releases/" + release, dir / "root/current.tmp");
    fs::rename(dir / "root/current.tmp", dir / "root/current");
  }

  Scratch dir;
  std::unique_ptr<ui::HeadlessRunner> runner;
};

TEST_F(ContentSwap, BundleLoadsAndSearchesLikeThePacksItWasMadeFrom) {
  fs::create_directories(dir / "packs");
  for (const char* p : {"basics", "safety"})
    fs::copy(kLessons + "/" + p + ".pack.json", dir / ("packs/" + std::string(p) + ".pack.json"));
  RunResult r = RunCommand(kPack + " bundle --out " + (dir / "b.qbundle") + " " + (dir / "packs/basics.pack.json") +
                           " " + (dir / "packs/safety.pack.json"));
  ASSERT_EQ(r.status, 0) << r.output;

  content::Bundle b = content::LoadBundleFile(dir / "b.qbundle");
  EXPECT_TRUE(b.library.errors.empty()) << b.library.errors[0].ToString();
  EXPECT_EQ(b.library.packs.size(), 2u);
  ASSERT_TRUE(b.index.count("zh-Hans"));
  EXPECT_EQ(b.index["zh-Hans"].size(), b.library.Lessons().size());

  ui::AppOptions from_bundle = testing::BundledOptions(), from_folder = testing::BundledOptions();
  from_bundle.bundle = dir / "b.qbundle";
  from_folder.packs_dir = dir / "packs";
  ui::HeadlessRunner bundled(from_bundle, 1280, 800), folder(from_folder, 1280, 800);
  EXPECT_TRUE(bundled.app().Problems().empty()) << bundled.app().Problems()[0];
  EXPECT_EQ(bundled.app().content_source().shown(), fs::canonical(dir / "b.qbundle").string());
  // The same hits in the same (collation) order as keys computed at the kiosk, in Chinese by
  // characters, pinyin and initials, in Uyghur and English by their own letters.
  const std::vector<std::pair<std::string, std::string>> queries = {
      {"zh-Hans", "诈骗"}, {"zh-Hans", "zhapian"}, {"zh-Hans", "zp"}, {"zh-Hans", "shouji"},
      {"zh-Hans", "a"},    {"en", "fraud"},       {"en", "a"},      {"ug", "ا"}};
  size_t hits = 0;
  for (const auto& [locale, query] : queries) {
    bundled.app().SetLocale(locale);
    folder.app().SetLocale(locale);
    const std::vector<std::string> got = Routes(bundled.app().Search(query));
    EXPECT_EQ(got, Routes(folder.app().Search(query))) << locale << " " << query;
    hits += got.size();
  }
  EXPECT_GT(hits, 10u);  // the queries do find lessons
}

TEST_F(ContentSwap, ProblemsInABundledPackNameTheBundleLineColumnAndPointer) {
  RunResult r = RunCommand(kPack + " bundle --out " + (dir / "b.qbundle") + " " + kLessons + "/basics.pack.json " +
                           kLessons + "/safety.pack.json");
  ASSERT_EQ(r.status, 0) << r.output;
  // A lesson of the second pack loses its steps; the rest still loads.
  std::string bytes = ReadAll(dir / "b.qbundle");
  nlohmann::json doc = nlohmann::json::parse(bytes);
  doc["packs"][1]["lessons"][0].erase("steps");
  content::Bundle b = content::LoadBundle(doc.dump(2), "current/bundle.qbundle");
  ASSERT_EQ(b.library.errors.size(), 1u);
  const content::LoadError& e = b.library.errors[0];
  EXPECT_EQ(e.file, "current/bundle.qbundle");
  EXPECT_EQ(e.pointer, "/packs/1/lessons/0/steps");
  EXPECT_GT(e.line, 1);  // where that lesson is in the file, not in the pack
  EXPECT_NE(e.message.find("steps"), std::string::npos) << e.ToString();
  EXPECT_TRUE(b.library.FindLesson("smartphone-basics"));
  EXPECT_TRUE(b.library.FindLesson(doc["packs"][1]["lessons"][1]["id"].get<std::string>()));

  b = content::LoadBundle(R"({"bundleVersion": 2, "packs": []})", "b.qbundle");
  ASSERT_EQ(b.library.errors.size(), 1u);
  EXPECT_EQ(b.library.errors[0].ToString(), "b.qbundle:1:2: /bundleVersion: this kiosk reads bundle version 1; the bundle says 2");
}

TEST_F(ContentSwap, NewReleaseIsShownOnlyAtTheIdleReset) {
  Install("q1");
  StartKiosk();
  EXPECT_TRUE(Has("smartphone-basics"));
  EXPECT_FALSE(Has("fraud-sms"));
  runner->Visit("lesson/smartphone-basics/2");
  const std::string mid_lesson = app().route();

  Install("q2");  // qiao-update switches `current` while the learner is in the lesson
  // The learner keeps going for ten minutes, a touch every 30 s: the lesson stays as it was.
  for (int i = 0; i < 20; ++i) {
    runner->Frame(30.0, /*had_input=*/true);
    EXPECT_FALSE(Has("fraud-sms")) << "content swapped under the learner after " << (i + 1) * 30 << " s";
  }
  EXPECT_EQ(app().route(), mid_lesson);
  EXPECT_TRUE(app().session().lesson_step.count("smartphone-basics"));

  // They walk away: "Are you still there?", then the reset; the new release is there for the next.
  runner->Idle(kUntilReset);
  EXPECT_NE(app().route(), mid_lesson);
  EXPECT_TRUE(Has("fraud-sms"));
  EXPECT_TRUE(app().Problems().empty()) << app().Problems()[0];
  EXPECT_EQ(app().content_source().shown(), fs::canonical(dir / "root/releases/demo-2/bundle.qbundle").string());
}

TEST_F(ContentSwap, UnattendedStartScreenTakesTheNewReleaseAfterAQuietPeriod) {
  Install("q1");
  StartKiosk();
  app().ResetSession();  // the start screen of a fresh session: nothing to protect
  runner->Settle();
  Install("q2");
  runner->Idle(10);
  EXPECT_FALSE(Has("fraud-sms"));  // at most one look per quiet period
  runner->Idle(ui::KioskConfig{}.idle_timeout_seconds);
  EXPECT_TRUE(Has("fraud-sms"));
}

TEST_F(ContentSwap, BrokenNewReleaseIsNotShownAndTheOperatorIsToldWhy) {
  Install("q1");
  StartKiosk();
  const std::string good = app().content_source().shown();
  runner->Visit("lesson/smartphone-basics/2");
  // The new release's bundle is cut short.
  std::string bytes = ReadAll(dir / "root/current/bundle.qbundle");
  SwitchCurrentTo("demo-7", bytes.substr(0, bytes.size() / 2));
  runner->Idle(kUntilReset);

  EXPECT_EQ(app().route(), "picker");  // the reset happened
  EXPECT_TRUE(Has("smartphone-basics"));
  EXPECT_EQ(app().content_source().shown(), good);
  const std::vector<std::string> problems = app().Problems();
  ASSERT_GE(problems.size(), 2u);
  const std::string broken = fs::canonical(dir / "root/releases/demo-7/bundle.qbundle").string();
  EXPECT_EQ(problems[0], broken + ": does not load (1 problem below): new content not shown; still showing " + good);
  EXPECT_EQ(problems[1].rfind(broken + ":1:", 0), 0u) << problems[1];  // the parse error, positioned
  // Home tells the operator (the learner sees the lessons as before).
  app().SetLocale("en");
  runner->Visit("home");
  EXPECT_TRUE(Shows(app().translator().Get("notice.content_problems", {{"count", double(problems.size())}}).text));

  // A good release after it is taken at the next reset, and the notice goes.
  Install("q2");
  runner->Visit("lessons");
  runner->Idle(kUntilReset);
  EXPECT_TRUE(Has("fraud-sms"));
  EXPECT_TRUE(app().Problems().empty()) << app().Problems()[0];
}

TEST_F(ContentSwap, BeforeTheFirstImportTheShippedPacksAreShown) {
  StartKiosk();  // nothing under the root yet
  EXPECT_EQ(app().content_source().shown(), testing::BundledOptions().packs_dir);
  EXPECT_TRUE(Has("fraud-investment"));  // the shipped packs, all of them
  EXPECT_TRUE(app().Problems().empty()) << app().Problems()[0];
  Install("q1");
  runner->Visit("lessons");
  runner->Idle(kUntilReset);
  EXPECT_TRUE(Has("smartphone-basics"));
  EXPECT_FALSE(Has("fraud-investment"));  // the channel's content replaces them
  EXPECT_EQ(app().content_source().shown(), fs::canonical(dir / "root/releases/demo-1/bundle.qbundle").string());
}

TEST_F(ContentSwap, KioskStartedOnABrokenReleaseShowsThePreviousOne) {
  Install("q1");
  Install("q2");  // previous -> demo-1
  WriteAll(dir / "root/current/bundle.qbundle", "{\"bundleVersion\": 1, \"packs\": [{]}");
  StartKiosk();
  EXPECT_TRUE(Has("smartphone-basics"));
  EXPECT_FALSE(Has("fraud-sms"));
  EXPECT_EQ(app().content_source().shown(), fs::canonical(dir / "root/releases/demo-1/bundle.qbundle").string());
  ASSERT_FALSE(app().Problems().empty());
  EXPECT_NE(app().Problems()[0].find("showing the previous release"), std::string::npos) << app().Problems()[0];
}

}  // namespace
}  // namespace qiao
