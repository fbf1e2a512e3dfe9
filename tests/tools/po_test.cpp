// The translators' round trip: po export -> a translator edits in Poedit/Weblate -> po import.
// Every exported file passes gettext's own `msgfmt --check`; an edited msgstr lands in exactly
// one text (nothing else in the pack changes, byte for byte); a changed source comes back fuzzy;
// a msgctxt that names no text is refused with file:line; an empty msgstr never erases a
// translation. PO files are edited here with libgettextpo, as a translator's tool would.
// And the glossary check of lint.
#include "tools/pack/po.h"

#include "i18n/i18n.h"

#include <gettext-po.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

using namespace qiao;
namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteText(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// libgettextpo needs a handler; here any problem fails the test (a fatal one must not return).
void TestXError(int severity, po_message_t, const char* file, size_t line, size_t, int, const char* text) {
  ADD_FAILURE() << "gettext: " << (file ? file : "") << ":" << line << ": " << (text ? text : "");
  if (severity == PO_SEVERITY_FATAL_ERROR) std::abort();
}
void TestXError2(int severity, po_message_t, const char* file, size_t line, size_t, int, const char* text,
                 po_message_t, const char*, size_t, size_t, int, const char*) {
  TestXError(severity, nullptr, file, line, 0, 0, text);
}
const po_xerror_handler kTestHandler = {TestXError, TestXError2};
po_file_t ReadPo(const fs::path& p) { return po_file_read(p.string().c_str(), &kTestHandler); }

// A copy of the bundled packs and catalogs to work on (the real ones are never touched).
class PoRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qiao-po-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "po");
    fs::copy(fs::path(QIAO_SOURCE_DIR) / "lessons", dir_ / "lessons", fs::copy_options::recursive);
    fs::copy(fs::path(QIAO_SOURCE_DIR) / "locales", dir_ / "locales", fs::copy_options::recursive);
    for (const auto& e : fs::directory_iterator(dir_ / "lessons"))
      if (e.path().extension() == ".json") before_[e.path()] = Read(e.path());
    for (const auto& e : fs::directory_iterator(dir_ / "locales")) before_[e.path()] = Read(e.path());
  }
  void TearDown() override { fs::remove_all(dir_); }

  tools::PoResult Export(const std::string& locale = "ug") {
    return tools::PoExport(locale, (dir_ / "po").string(), {(dir_ / "lessons").string()}, (dir_ / "locales").string());
  }
  fs::path Po(const std::string& name) const { return dir_ / "po" / name; }

  // Edits the PO file with libgettextpo: `edit` is called for each message but the header.
  static void EditPo(const fs::path& path, const std::function<void(po_message_t)>& edit) {
    po_file_t file = ReadPo(path);
    ASSERT_NE(file, nullptr);
    po_message_iterator_t it = po_message_iterator(file, nullptr);
    while (po_message_t m = po_next_message(it))
      if (*po_message_msgid(m) != '\0') edit(m);
    po_message_iterator_free(it);
    ASSERT_NE(po_file_write(file, path.string().c_str(), &kTestHandler), nullptr);
    po_file_free(file);
  }
  static po_message_t Find(po_file_t file, const std::string& context) {
    po_message_iterator_t it = po_message_iterator(file, nullptr);
    po_message_t found = nullptr;
    while (po_message_t m = po_next_message(it))
      if (po_message_msgctxt(m) && po_message_msgctxt(m) == context) found = m;
    po_message_iterator_free(it);
    return found;
  }

  // Files that differ from the copy made in SetUp.
  std::vector<fs::path> Changed() const {
    std::vector<fs::path> out;
    for (const auto& [path, bytes] : before_)
      if (Read(path) != bytes) out.push_back(path);
    return out;
  }

  fs::path dir_;
  std::map<fs::path, std::string> before_;
};

}  // namespace

TEST(PoWriter, ReproducesEveryBundledPackAndCatalogByteForByte) {
  // Import rewrites a whole file: it must write the untouched rest exactly as it was, in
  // whichever of the two layouts the file is in.
  int files = 0;
  for (const char* folder : {"lessons", "locales"})
    for (const auto& e : fs::directory_iterator(fs::path(QIAO_SOURCE_DIR) / folder)) {
      if (e.path().extension() != ".json") continue;
      const std::string bytes = Read(e.path());
      const ordered_json doc = ordered_json::parse(bytes);
      EXPECT_EQ(tools::WriteJson(doc, tools::StyleOf(bytes, doc)), bytes) << e.path();
      ++files;
    }
  EXPECT_GE(files, 15);
  // The two layouts really differ, and the style is told from the file.
  const ordered_json rect = ordered_json::parse(R"({"rect": [0, 0, 100, 7], "t": "\u200e1"})");
  const std::string one_line = tools::WriteJson(rect), one_per_line = tools::WriteJson(rect, {false, false});
  EXPECT_NE(one_line.find("[0, 0, 100, 7]"), std::string::npos);
  EXPECT_NE(one_line.find("\\u200e1"), std::string::npos);
  EXPECT_EQ(one_per_line.find("[0, 0"), std::string::npos);
  EXPECT_NE(one_per_line.find("\u200e1"), std::string::npos);
  EXPECT_FALSE(tools::StyleOf(one_per_line, rect).inline_plain_arrays);
  EXPECT_FALSE(tools::StyleOf(one_per_line, rect).escape_bidi);
  EXPECT_TRUE(tools::StyleOf(one_line, rect).inline_plain_arrays);
}

TEST_F(PoRoundTrip, EveryExportedFilePassesMsgfmtCheck) {
  tools::PoResult r = Export();
  for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
  size_t packs = 0;
  for (const auto& e : fs::directory_iterator(dir_ / "lessons")) packs += e.path().string().ends_with(".pack.json");
  ASSERT_GE(packs, 4u);
  ASSERT_EQ(r.written.size(), packs + 1);  // every pack and the UI catalog
  for (const std::string& file : r.written) {
    std::string command = std::string(QIAO_MSGFMT) + " --check -o /dev/null '" + file + "' 2>&1";
    FILE* p = ::popen(command.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string output;
    char buf[512];
    while (size_t n = std::fread(buf, 1, sizeof buf, p)) output.append(buf, n);
    EXPECT_EQ(::pclose(p), 0) << file << "\n" << output;
    EXPECT_EQ(output, "") << file;
  }
  // The texts a translator needs: source, translation, English note, status.
  po_file_t ui = ReadPo(Po("ui.ug.po"));
  ASSERT_NE(ui, nullptr);
  po_message_t back = Find(ui, "/strings/nav.back");
  ASSERT_NE(back, nullptr);
  EXPECT_STREQ(po_message_msgid(back), "返回");
  EXPECT_STREQ(po_message_msgstr(back), "قايتىش");
  EXPECT_NE(std::string(po_message_extracted_comments(back)).find("en: Back"), std::string::npos);
  EXPECT_NE(std::string(po_message_extracted_comments(back)).find("status: draft"), std::string::npos);
  po_file_free(ui);
}

TEST_F(PoRoundTrip, ImportingUneditedFilesChangesNothing) {
  tools::PoResult r = Export();
  ASSERT_TRUE(r.ok());
  std::vector<std::string> files(r.written.begin(), r.written.end());
  tools::PoResult in = tools::PoImport(files);
  for (const auto& e : in.errors) ADD_FAILURE() << e.ToString();
  EXPECT_TRUE(in.written.empty());
  EXPECT_TRUE(Changed().empty());
}

TEST_F(PoRoundTrip, OneEditedMsgstrChangesExactlyThatText) {
  ASSERT_TRUE(Export().ok());
  const std::string edited = "يانفوننىڭ ئاساسىي ئىشلىتىلىشى";
  EditPo(Po("basics.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/lessons/0/title") po_message_set_msgstr(m, edited.c_str());
  });
  tools::PoResult in = tools::PoImport({Po("basics.ug.po").string()});
  for (const auto& e : in.errors) ADD_FAILURE() << e.ToString();
  const fs::path pack = dir_ / "lessons" / "basics.pack.json";
  ASSERT_EQ(Changed(), std::vector<fs::path>{pack});
  // The file is the old one with that text replaced and the source it was made from recorded.
  ordered_json expected = ordered_json::parse(before_[pack]);
  EXPECT_NE(expected["lessons"][0]["title"]["ug"], edited);
  expected["lessons"][0]["title"]["ug"] = edited;
  expected["translations"]["ug"]["sourceHashes"]["/lessons/0/title"] =
      tools::SourceHash(expected["lessons"][0]["title"]["zh-Hans"].get<std::string>());
  EXPECT_EQ(Read(pack), tools::WriteJson(expected, tools::StyleOf(before_[pack], ordered_json::parse(before_[pack]))));
  // And the pack still loads as the kiosk loads it.
  EXPECT_TRUE(tools::ValidateFile(pack.string()).valid());
}

TEST_F(PoRoundTrip, AChangedSourceComesBackFuzzyAndAFuzzyEntryIsNotImported) {
  ASSERT_TRUE(Export().ok());
  EditPo(Po("basics.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/lessons/0/title") po_message_set_msgstr(m, "بىرىنچى");
  });
  ASSERT_TRUE(tools::PoImport({Po("basics.ug.po").string()}).ok());
  // The team rewrites the Mandarin source after the translation was made.
  const fs::path pack = dir_ / "lessons" / "basics.pack.json";
  ordered_json doc = ordered_json::parse(Read(pack));
  doc["lessons"][0]["title"]["zh-Hans"] = "手机的基本用法";
  WriteText(pack, tools::WriteJson(doc, tools::StyleOf(Read(pack), ordered_json::parse(Read(pack)))));
  ASSERT_TRUE(Export().ok());
  po_file_t file = ReadPo(Po("basics.ug.po"));
  ASSERT_NE(file, nullptr);
  int fuzzy = 0;
  po_message_iterator_t it = po_message_iterator(file, nullptr);
  while (po_message_t m = po_next_message(it)) fuzzy += po_message_is_fuzzy(m);
  po_message_iterator_free(it);
  po_message_t title = Find(file, "/lessons/0/title");
  ASSERT_NE(title, nullptr);
  EXPECT_TRUE(po_message_is_fuzzy(title));
  EXPECT_EQ(fuzzy, 1) << "only the text whose source changed";
  EXPECT_STREQ(po_message_msgid(title), "手机的基本用法");
  po_file_free(file);
  // Imported as it is, the fuzzy entry is left out (as msgfmt does), nothing is written.
  const std::string now = Read(pack);
  tools::PoResult in = tools::PoImport({Po("basics.ug.po").string()});
  EXPECT_TRUE(in.ok());
  EXPECT_EQ(Read(pack), now);
  // The translator checks it and clears the mark: it is written, and no longer fuzzy.
  EditPo(Po("basics.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/lessons/0/title") {
      po_message_set_msgstr(m, "يانفوننىڭ ئاساسىي ئىشلىتىلىشى");
      po_message_set_fuzzy(m, 0);
    }
  });
  ASSERT_TRUE(tools::PoImport({Po("basics.ug.po").string()}).ok());
  ASSERT_TRUE(Export().ok());
  file = ReadPo(Po("basics.ug.po"));
  EXPECT_FALSE(po_message_is_fuzzy(Find(file, "/lessons/0/title")));
  po_file_free(file);
}

// A text corrected by hand lists the old translation in needsReview: it is exported fuzzy, and
// once the translator redoes it and clears the mark, the language leaves the list (and the list
// goes when it is empty), so the kiosk shows the new translation.
TEST_F(PoRoundTrip, ANeedsReviewTextComesBackFuzzyAndLeavesTheListWhenRedone) {
  const fs::path pack = dir_ / "lessons" / "basics.pack.json";
  ordered_json doc = ordered_json::parse(Read(pack));
  ordered_json& title = doc["lessons"][0]["title"];
  ASSERT_TRUE(title.contains("ug"));
  title.erase("needsReview");
  title["needsReview"] = ordered_json::array({"ug"});
  WriteText(pack, tools::WriteJson(doc, tools::StyleOf(Read(pack), ordered_json::parse(Read(pack)))));
  ASSERT_TRUE(Export().ok());
  po_file_t file = ReadPo(Po("basics.ug.po"));
  ASSERT_NE(file, nullptr);
  EXPECT_TRUE(po_message_is_fuzzy(Find(file, "/lessons/0/title")));
  po_file_free(file);
  EditPo(Po("basics.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/lessons/0/title") {
      po_message_set_msgstr(m, "يانفوننىڭ ئاساسىي ئىشلىتىلىشى");
      po_message_set_fuzzy(m, 0);
    }
  });
  ASSERT_TRUE(tools::PoImport({Po("basics.ug.po").string()}).ok());
  ordered_json after = ordered_json::parse(Read(pack));
  EXPECT_EQ(after["lessons"][0]["title"]["ug"], "يانفوننىڭ ئاساسىي ئىشلىتىلىشى");
  EXPECT_FALSE(after["lessons"][0]["title"].contains("needsReview"));
  EXPECT_TRUE(tools::ValidateFile(pack.string()).valid());
  ASSERT_TRUE(Export().ok());
  file = ReadPo(Po("basics.ug.po"));
  EXPECT_FALSE(po_message_is_fuzzy(Find(file, "/lessons/0/title")));
  po_file_free(file);
}

TEST_F(PoRoundTrip, AnUnknownMsgctxtIsRefusedWithFileLineAndPointer) {
  ASSERT_TRUE(Export().ok());
  EditPo(Po("safety.ug.po"), [&](po_message_t m) {
    std::string ctx = po_message_msgctxt(m);
    if (ctx == "/lessons/0/title") po_message_set_msgctxt(m, "/lessons/99/title");
    if (ctx == "/lessons/0/summary") po_message_set_msgstr(m, "ئۆزگەرتىلگەن");  // must not land either
  });
  tools::PoResult in = tools::PoImport({Po("safety.ug.po").string()});
  ASSERT_EQ(in.errors.size(), 1u);
  const content::LoadError& e = in.errors[0];
  EXPECT_EQ(e.file, Po("safety.ug.po").string());
  EXPECT_EQ(e.pointer, "/lessons/99/title");
  // The line is where that msgctxt stands in the PO file.
  std::istringstream lines(Read(Po("safety.ug.po")));
  std::string line;
  int n = 0, at = 0;
  while (std::getline(lines, line))
    if (++n && line == "msgctxt \"/lessons/99/title\"") at = n;
  ASSERT_GT(at, 0);
  EXPECT_EQ(e.line, at);
  EXPECT_NE(e.ToString().find("safety.ug.po:" + std::to_string(at) + ":"), std::string::npos) << e.ToString();
  EXPECT_TRUE(Changed().empty()) << "the whole file is refused";
}

TEST_F(PoRoundTrip, AnEmptyMsgstrNeverErasesATranslation) {
  ASSERT_TRUE(Export().ok());
  int emptied = 0;
  EditPo(Po("guides.ug.po"), [&](po_message_t m) {
    if (*po_message_msgstr(m) != '\0') {
      po_message_set_msgstr(m, "");
      ++emptied;
    }
  });
  ASSERT_GT(emptied, 100);
  tools::PoResult in = tools::PoImport({Po("guides.ug.po").string()});
  EXPECT_TRUE(in.ok());
  EXPECT_TRUE(Changed().empty());
}

TEST_F(PoRoundTrip, TheUiCatalogRoundTripsAndRefusesABrokenMessageFormat) {
  ASSERT_TRUE(Export().ok());
  EditPo(Po("ui.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/strings/nav.back") po_message_set_msgstr(m, "كەينىگە");
  });
  ASSERT_TRUE(tools::PoImport({Po("ui.ug.po").string()}).ok());
  const fs::path catalog = dir_ / "locales" / "ug.json";
  ASSERT_EQ(Changed(), std::vector<fs::path>{catalog});
  ordered_json expected = ordered_json::parse(before_[catalog]);
  expected["strings"]["nav.back"] = "كەينىگە";
  expected["sourceHashes"]["nav.back"] = tools::SourceHash("返回");
  EXPECT_EQ(Read(catalog), tools::WriteJson(expected, tools::StyleOf(before_[catalog], ordered_json::parse(before_[catalog]))));

  const std::string after = Read(catalog);
  EditPo(Po("ui.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/strings/lessons.minutes")
      po_message_set_msgstr(m, "{minutes, plural, one {# مىنۇت");
  });
  tools::PoResult in = tools::PoImport({Po("ui.ug.po").string()});
  ASSERT_EQ(in.errors.size(), 1u);
  EXPECT_EQ(in.errors[0].pointer, "/strings/lessons.minutes");
  EXPECT_GT(in.errors[0].line, 0);
  EXPECT_EQ(Read(catalog), after) << "a broken pattern never reaches a learner";
}

TEST_F(PoRoundTrip, TheCommandLineExportsAndImports) {
  const std::string bin = QIAO_PACK_BINARY;
  const std::string cmd = "cd '" + dir_.string() + "' && '" + bin + "' po export ug out lessons/basics.pack.json --locales locales";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "basics.ug.po"));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "ui.ug.po"));
  // Paths in the header are relative to where export ran, so import runs from there too.
  EXPECT_NE(Read(dir_ / "out" / "basics.ug.po").find("X-Qiao-File: lessons/basics.pack.json"), std::string::npos);
  const std::string import = "cd '" + dir_.string() + "' && '" + bin + "' po import out/basics.ug.po out/ui.ug.po 2>/dev/null";
  EXPECT_EQ(std::system(import.c_str()), 0);
  EXPECT_TRUE(Changed().empty());
  const std::string bad = "'" + bin + "' po import '" + (dir_ / "nope.po").string() + "' >/dev/null 2>&1";
  EXPECT_NE(std::system(bad.c_str()), 0);
  const std::string typo = "cd '" + dir_.string() + "' && '" + bin + "' po export ugg out2 --locales locales >/dev/null 2>&1";
  EXPECT_NE(std::system(typo.c_str()), 0);
  EXPECT_FALSE(fs::exists(dir_ / "out2")) << "nothing written for a locale the kiosk does not have";
}

// [SECTION] per-text status and notes for translators (issue 14)

namespace {

// The extracted comments (#.) of one message, as a translator's tool shows them.
std::string CommentsOf(const fs::path& po, const std::string& context) {
  po_file_t file = ReadPo(po);
  if (!file) return "";
  po_message_iterator_t it = po_message_iterator(file, nullptr);
  std::string out;
  while (po_message_t m = po_next_message(it))
    if (po_message_msgctxt(m) && po_message_msgctxt(m) == context) out = po_message_extracted_comments(m);
  po_message_iterator_free(it);
  po_file_free(file);
  return out;
}

bool IsFuzzy(const fs::path& po, const std::string& context) {
  po_file_t file = ReadPo(po);
  if (!file) return false;
  po_message_iterator_t it = po_message_iterator(file, nullptr);
  bool fuzzy = false;
  while (po_message_t m = po_next_message(it))
    if (po_message_msgctxt(m) && po_message_msgctxt(m) == context) fuzzy = po_message_is_fuzzy(m);
  po_message_iterator_free(it);
  po_file_free(file);
  return fuzzy;
}

void EditPack(const fs::path& pack, const std::function<void(ordered_json&)>& edit) {
  const std::string bytes = Read(pack);
  ordered_json doc = ordered_json::parse(bytes);
  edit(doc);
  WriteText(pack, tools::WriteJson(doc, tools::StyleOf(bytes, ordered_json::parse(bytes))));
}

std::vector<tools::CoverageRow> CoverageOf(const fs::path& pack, const std::string& locale) {
  tools::FileReport r = tools::ValidateFile(pack.string());
  EXPECT_TRUE(r.valid()) << (r.errors.empty() ? "" : r.errors[0].ToString());
  if (!r.pack) return {};
  return tools::Coverage({*r.pack}, {locale});
}

}  // namespace

// A translator sees, with each text, its note and its translation's status: the text's own review
// where it has one, else the pack's.
TEST_F(PoRoundTrip, ExportShowsTheNoteAndEachTextsStatus) {
  const fs::path pack = dir_ / "lessons" / "basics.pack.json";
  EditPack(pack, [](ordered_json& doc) {
    doc["lessons"][0]["title"]["note"] = "the lesson's name on the home screen:\nkeep it short";
    doc["lessons"][0]["summary"]["review"] = {{"ug", {{"status", "reviewed"}, {"by", "Aynur"}, {"date", "2026-12-01"}}}};
  });
  ASSERT_TRUE(tools::ValidateFile(pack.string()).valid());
  tools::PoResult r = Export();
  for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
  const std::string title = CommentsOf(Po("basics.ug.po"), "/lessons/0/title");
  EXPECT_NE(title.find("note: the lesson's name on the home screen:\n    keep it short\n"), std::string::npos) << title;
  EXPECT_NE(title.find("status: draft\n"), std::string::npos) << title;
  const std::string summary = CommentsOf(Po("basics.ug.po"), "/lessons/0/summary");
  EXPECT_NE(summary.find("status: reviewed by Aynur on 2026-12-01\n"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("note:"), std::string::npos) << "a note belongs to its own text";
  // The note is for translators of every language, the status for this one only.
  ASSERT_TRUE(Export("ko").ok());
  EXPECT_NE(CommentsOf(Po("basics.ko.po"), "/lessons/0/title").find("note: the lesson's name"), std::string::npos);
  EXPECT_NE(CommentsOf(Po("basics.ko.po"), "/lessons/0/summary").find("status: draft\n"), std::string::npos);
  // And the file still passes gettext's own check with a note over two lines.
  const std::string command = std::string(QIAO_MSGFMT) + " --check -o /dev/null '" + Po("basics.ug.po").string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0);
}

// A native reviewer's pass: export --review marks every draft fuzzy; the reviewer corrects one
// text and confirms another by clearing the mark; import --reviewed-by records exactly those two
// as reviewed by that person on that day, clears needsReview as a translator's import does, and
// leaves every text the reviewer did not get to a draft.
TEST_F(PoRoundTrip, ImportReviewedByRecordsTheReviewerOfExactlyTheCheckedTexts) {
  const fs::path pack = dir_ / "lessons" / "basics.pack.json";
  EditPack(pack, [](ordered_json& doc) { doc["lessons"][0]["summary"]["needsReview"] = ordered_json::array({"ug"}); });
  const auto before = CoverageOf(pack, "ug");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].reviewed, 0);
  ASSERT_EQ(before[0].stale, 1);
  ASSERT_TRUE(tools::PoExport("ug", (dir_ / "po").string(), {pack.string()}, (dir_ / "locales").string(),
                              /*for_review=*/true)
                  .ok());
  EXPECT_TRUE(IsFuzzy(Po("basics.ug.po"), "/lessons/0/title"));
  EXPECT_TRUE(IsFuzzy(Po("basics.ug.po"), "/lessons/0/steps/0/title"));
  EXPECT_NE(CommentsOf(Po("basics.ug.po"), "/lessons/0/title").find("for review:"), std::string::npos);
  ordered_json doc = ordered_json::parse(Read(pack));
  const std::string corrected = "يانفوننىڭ ئاساسىي ئىشلىتىلىشى";
  const std::string confirmed = doc["lessons"][0]["summary"]["ug"];
  ASSERT_NE(doc["lessons"][0]["title"]["ug"], corrected);
  EditPo(Po("basics.ug.po"), [&](po_message_t m) {
    const std::string ctx = po_message_msgctxt(m);
    if (ctx == "/lessons/0/title") {
      po_message_set_msgstr(m, corrected.c_str());
      po_message_set_fuzzy(m, 0);
    }
    if (ctx == "/lessons/0/summary") po_message_set_fuzzy(m, 0);
  });
  tools::PoResult in = tools::PoImport({Po("basics.ug.po").string()}, {"Aynur Tursun", "2026-12-01"});
  for (const auto& e : in.errors) ADD_FAILURE() << e.ToString();
  ASSERT_EQ(Changed(), std::vector<fs::path>{pack});
  doc = ordered_json::parse(Read(pack));
  const ordered_json reviewed = {{"status", "reviewed"}, {"by", "Aynur Tursun"}, {"date", "2026-12-01"}};
  EXPECT_EQ(doc["lessons"][0]["title"]["ug"], corrected);
  EXPECT_EQ(doc["lessons"][0]["title"]["review"]["ug"], reviewed);
  EXPECT_EQ(doc["lessons"][0]["summary"]["ug"], confirmed);
  EXPECT_EQ(doc["lessons"][0]["summary"]["review"]["ug"], reviewed);
  EXPECT_FALSE(doc["lessons"][0]["summary"].contains("needsReview"));
  EXPECT_EQ(doc["translations"]["ug"]["sourceHashes"]["/lessons/0/summary"],
            tools::SourceHash(doc["lessons"][0]["summary"]["zh-Hans"].get<std::string>()));
  EXPECT_FALSE(doc["lessons"][0]["steps"][0]["title"].contains("review")) << "the reviewer did not get to it";
  EXPECT_EQ(doc["translations"]["ug"]["status"], "draft") << "the pack as a whole is not reviewed";
  const auto after = CoverageOf(pack, "ug");
  EXPECT_EQ(after[0].reviewed, 2);
  EXPECT_EQ(after[0].stale, 0);
  EXPECT_EQ(after[0].draft, before[0].draft - 1);  // the title: draft -> reviewed; the summary: stale -> reviewed
  EXPECT_EQ(after[0].missing, before[0].missing);
  // The next export says so, and a reviewed text is no longer fuzzy for review.
  ASSERT_TRUE(tools::PoExport("ug", (dir_ / "po").string(), {pack.string()}, (dir_ / "locales").string(), true).ok());
  EXPECT_NE(CommentsOf(Po("basics.ug.po"), "/lessons/0/title").find("status: reviewed by Aynur Tursun on 2026-12-01"),
            std::string::npos);
  EXPECT_FALSE(IsFuzzy(Po("basics.ug.po"), "/lessons/0/title"));
  EXPECT_TRUE(IsFuzzy(Po("basics.ug.po"), "/lessons/0/steps/0/title"));
  // Imported again unedited, by the same or another reviewer, nothing changes.
  const std::string now = Read(pack);
  ASSERT_TRUE(tools::PoImport({Po("basics.ug.po").string()}, {"Someone Else", "2026-12-05"}).ok());
  EXPECT_EQ(Read(pack), now);
  // A review date that is not a date is refused before anything is written.
  tools::PoResult bad = tools::PoImport({Po("basics.ug.po").string()}, {"Aynur Tursun", "2026-02-30"});
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_NE(bad.errors[0].message.find("2026-02-30"), std::string::npos);
  EXPECT_EQ(Read(pack), now);
}

// The team edits the Mandarin of a reviewed text: the review was of the old wording, so the
// translation is stale (coverage) and comes back fuzzy (PO), saying who reviewed which version.
// Its translator redoes it without a reviewer: it is a draft again.
TEST_F(PoRoundTrip, ASourceEditMakesAReviewedTextStaleAndARedoneTextADraft) {
  const fs::path pack = dir_ / "lessons" / "basics.pack.json";
  ASSERT_TRUE(Export().ok());
  EditPo(Po("basics.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/lessons/0/title") po_message_set_msgstr(m, "ئاساسىي ئىشلىتىش");
  });
  ASSERT_TRUE(tools::PoImport({Po("basics.ug.po").string()}, {"Aynur Tursun", "2026-12-01"}).ok());
  ASSERT_EQ(CoverageOf(pack, "ug")[0].stale, 0);
  const int reviewed = CoverageOf(pack, "ug")[0].reviewed;
  ASSERT_GT(reviewed, 100) << "a plain export: every entry without the fuzzy mark counts as checked";
  EditPack(pack, [](ordered_json& doc) { doc["lessons"][0]["title"]["zh-Hans"] = "手机的基本用法"; });
  const auto rows = CoverageOf(pack, "ug");
  EXPECT_EQ(rows[0].stale, 1);
  EXPECT_EQ(rows[0].reviewed, reviewed - 1);
  ASSERT_TRUE(Export().ok());
  EXPECT_TRUE(IsFuzzy(Po("basics.ug.po"), "/lessons/0/title"));
  const std::string comments = CommentsOf(Po("basics.ug.po"), "/lessons/0/title");
  EXPECT_NE(comments.find("status: reviewed by Aynur Tursun on 2026-12-01"), std::string::npos) << comments;
  EXPECT_NE(comments.find("the zh-Hans source changed since this translation was made"), std::string::npos) << comments;
  EditPo(Po("basics.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/lessons/0/title") {
      po_message_set_msgstr(m, "يانفوننىڭ ئاساسىي ئىشلىتىلىشى");
      po_message_set_fuzzy(m, 0);
    }
  });
  ASSERT_TRUE(tools::PoImport({Po("basics.ug.po").string()}).ok());
  const ordered_json doc = ordered_json::parse(Read(pack));
  EXPECT_FALSE(doc["lessons"][0]["title"].contains("review")) << "the pack's ug status (draft) holds again";
  const auto redone = CoverageOf(pack, "ug");
  EXPECT_EQ(redone[0].stale, 0);
  EXPECT_EQ(redone[0].reviewed, reviewed - 1);
  EXPECT_EQ(redone[0].draft, rows[0].draft + 1);
}

// Where the pack marks a whole language reviewed, a translator's changed text says it is a draft
// (its own review), so the pack's claim does not cover words nobody checked.
TEST_F(PoRoundTrip, ATextChangedInAReviewedLanguageIsMarkedDraft) {
  const fs::path pack = dir_ / "lessons" / "basics.pack.json";
  EditPack(pack, [](ordered_json& doc) {
    doc["translations"]["ug"]["status"] = "reviewed";
    doc["translations"]["ug"]["reviewedBy"] = "Test Reviewer";
    doc["translations"]["ug"]["reviewedAt"] = "2026-11-01";
  });
  const int reviewed = CoverageOf(pack, "ug")[0].reviewed;
  ASSERT_TRUE(Export().ok());
  EXPECT_NE(CommentsOf(Po("basics.ug.po"), "/lessons/0/title").find("status: reviewed by Test Reviewer on 2026-11-01 (the whole pack)"),
            std::string::npos);
  EditPo(Po("basics.ug.po"), [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/lessons/0/title") po_message_set_msgstr(m, "ئاساسىي ئىشلىتىش");
  });
  ASSERT_TRUE(tools::PoImport({Po("basics.ug.po").string()}).ok());
  const ordered_json doc = ordered_json::parse(Read(pack));
  EXPECT_EQ(doc["lessons"][0]["title"]["review"]["ug"], (ordered_json{{"status", "draft"}}));
  const auto rows = CoverageOf(pack, "ug");
  EXPECT_EQ(rows[0].reviewed, reviewed - 1);
  EXPECT_EQ(rows[0].draft, 1);
}

// English is a source language of the bundled packs: what translations are checked against, not
// reviewed text by text. A reviewer's import of its PO file records nothing.
TEST_F(PoRoundTrip, ASourceLanguageIsNotReviewedTextByText) {
  ASSERT_TRUE(Export("en").ok());
  EXPECT_NE(CommentsOf(Po("basics.en.po"), "/lessons/0/title").find("status: source\n"), std::string::npos);
  tools::PoResult in = tools::PoImport({Po("basics.en.po").string()}, {"Aynur Tursun", "2026-12-01"});
  for (const auto& e : in.errors) ADD_FAILURE() << e.ToString();
  EXPECT_TRUE(Changed().empty());
}

TEST_F(PoRoundTrip, TheCommandLineRecordsAReviewer) {
  const std::string bin = QIAO_PACK_BINARY;
  const std::string in_dir = "cd '" + dir_.string() + "' && '" + bin + "' ";
  ASSERT_EQ(std::system((in_dir + "po export --review ug out lessons/basics.pack.json --locales locales").c_str()), 0);
  EXPECT_NE(Read(dir_ / "out" / "basics.ug.po").find("X-Qiao-Review: yes"), std::string::npos);
  EditPo(dir_ / "out" / "basics.ug.po", [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/title") po_message_set_fuzzy(m, 0);
  });
  EXPECT_NE(std::system((in_dir + "po import --reviewed-by 'Aynur Tursun' --date 2026-13-01 out/basics.ug.po >/dev/null 2>&1").c_str()), 0);
  EXPECT_NE(std::system((in_dir + "po import --reviewed-by 'Aynur Tursun' --date 2999-01-01 out/basics.ug.po >/dev/null 2>&1").c_str()), 0);
  EXPECT_NE(std::system((in_dir + "po import --reviewed-by '' out/basics.ug.po >/dev/null 2>&1").c_str()), 0);
  EXPECT_TRUE(Changed().empty());
  ASSERT_EQ(std::system((in_dir + "po import --reviewed-by 'Aynur Tursun' --date 2026-12-01 out/basics.ug.po 2>/dev/null").c_str()), 0);
  const ordered_json doc = ordered_json::parse(Read(dir_ / "lessons" / "basics.pack.json"));
  EXPECT_EQ(doc["title"]["review"]["ug"]["by"], "Aynur Tursun");
  EXPECT_EQ(doc["title"]["review"]["ug"]["date"], "2026-12-01");
  EXPECT_EQ(Changed().size(), 1u);
}

// The same reviewer's pass on the UI catalog (ui.LOCALE.po): each string the reviewer checked is
// recorded in the catalog's "reviews", the catalog loads without a problem, coverage and the next
// export say so, and a later edit of the Mandarin makes the reviewed string stale and fuzzy.
TEST_F(PoRoundTrip, ImportReviewedByRecordsEachCheckedUiString) {
  const fs::path catalog = dir_ / "locales" / "ug.json";
  const std::string locales = (dir_ / "locales").string();
  auto ug_row = [&] {
    std::vector<std::string> problems;
    auto rows = tools::UiCoverage(locales, {"ug"}, &problems);
    for (const std::string& p : problems) ADD_FAILURE() << p;
    return rows.at(0);
  };
  const tools::CoverageRow before = ug_row();
  ASSERT_EQ(before.reviewed, 0);
  ASSERT_TRUE(tools::PoExport("ug", (dir_ / "po").string(), {}, locales, /*for_review=*/true).ok());
  const fs::path po = Po("ui.ug.po");
  EXPECT_NE(Read(po).find("X-Qiao-Review: yes"), std::string::npos);
  EXPECT_TRUE(IsFuzzy(po, "/strings/nav.back"));
  EXPECT_TRUE(IsFuzzy(po, "/strings/home.help"));
  EXPECT_NE(CommentsOf(po, "/strings/nav.back").find("for review:"), std::string::npos);
  const std::string corrected = "كەينىگە";
  const std::string confirmed = ordered_json::parse(Read(catalog))["strings"]["home.title"];
  EditPo(po, [&](po_message_t m) {
    const std::string ctx = po_message_msgctxt(m);
    if (ctx == "/strings/nav.back") {
      po_message_set_msgstr(m, corrected.c_str());
      po_message_set_fuzzy(m, 0);
    }
    if (ctx == "/strings/home.title") po_message_set_fuzzy(m, 0);
  });
  tools::PoResult in = tools::PoImport({po.string()}, {"Aynur Tursun", "2026-12-01"});
  for (const auto& e : in.errors) ADD_FAILURE() << e.ToString();
  ASSERT_EQ(Changed(), std::vector<fs::path>{catalog});
  ordered_json doc = ordered_json::parse(Read(catalog));
  const ordered_json reviewed = {{"status", "reviewed"}, {"by", "Aynur Tursun"}, {"date", "2026-12-01"}};
  EXPECT_EQ(doc["strings"]["nav.back"], corrected);
  EXPECT_EQ(doc["strings"]["home.title"], confirmed);
  EXPECT_EQ(doc["reviews"], (ordered_json{{"home.title", reviewed}, {"nav.back", reviewed}}));  // catalog order
  EXPECT_EQ(doc["sourceHashes"]["home.title"], tools::SourceHash("您想做什么？"));
  EXPECT_EQ(doc["status"], "draft") << "the catalog as a whole is not reviewed";
  // The catalog loads as the kiosk loads it, with both reviews.
  auto translator = i18n::Translator::Load(locales);
  for (const auto& e : translator->errors()) ADD_FAILURE() << e.ToString();
  ASSERT_NE(translator->catalog("ug"), nullptr);
  EXPECT_EQ(translator->catalog("ug")->reviews.size(), 2u);
  const tools::CoverageRow after = ug_row();
  EXPECT_EQ(after.reviewed, 2);
  EXPECT_EQ(after.draft, before.draft - 2);
  EXPECT_EQ(after.stale + after.missing, 0);
  // The next export says who reviewed it; a reviewed string is no longer fuzzy for review; the
  // file still passes gettext's own check.
  ASSERT_TRUE(tools::PoExport("ug", (dir_ / "po").string(), {}, locales, true).ok());
  EXPECT_NE(CommentsOf(po, "/strings/nav.back").find("status: reviewed by Aynur Tursun on 2026-12-01\n"),
            std::string::npos) << CommentsOf(po, "/strings/nav.back");
  EXPECT_FALSE(IsFuzzy(po, "/strings/nav.back"));
  EXPECT_TRUE(IsFuzzy(po, "/strings/home.help"));
  EXPECT_NE(CommentsOf(po, "/strings/home.help").find("status: draft\n"), std::string::npos);
  const std::string check = std::string(QIAO_MSGFMT) + " --check -o /dev/null '" + po.string() + "'";
  EXPECT_EQ(std::system(check.c_str()), 0);
  // Imported again unedited, by anyone, nothing changes; a date in the future is refused.
  const std::string now = Read(catalog);
  ASSERT_TRUE(tools::PoImport({po.string()}, {"Someone Else", "2026-12-05"}).ok());
  EXPECT_EQ(Read(catalog), now);
  EXPECT_FALSE(tools::PoImport({po.string()}, {"Aynur Tursun", "2999-01-01"}).ok());
  EXPECT_EQ(Read(catalog), now);

  // The team edits the Mandarin of a reviewed string: stale in coverage, fuzzy in PO.
  ordered_json zh = ordered_json::parse(Read(dir_ / "locales" / "zh-Hans.json"));
  zh["strings"]["home.title"] = "您今天想做什么？";
  WriteText(dir_ / "locales" / "zh-Hans.json", tools::WriteJson(zh));
  const tools::CoverageRow stale = ug_row();
  EXPECT_EQ(stale.reviewed, 1);
  EXPECT_EQ(stale.stale, 1);
  ASSERT_TRUE(tools::PoExport("ug", (dir_ / "po").string(), {}, locales).ok());
  EXPECT_TRUE(IsFuzzy(po, "/strings/home.title"));
  const std::string comments = CommentsOf(po, "/strings/home.title");
  EXPECT_NE(comments.find("status: reviewed by Aynur Tursun on 2026-12-01\n"), std::string::npos) << comments;
  EXPECT_NE(comments.find("the zh-Hans source changed"), std::string::npos) << comments;
  // A translator redoes it without a reviewer: a draft again (the catalog is a draft, so the
  // string's own review goes).
  EditPo(po, [&](po_message_t m) {
    if (std::string(po_message_msgctxt(m)) == "/strings/home.title") {
      po_message_set_msgstr(m, "نېمە قىلىشنى خالايسىز؟");
      po_message_set_fuzzy(m, 0);
    }
  });
  ASSERT_TRUE(tools::PoImport({po.string()}).ok());
  doc = ordered_json::parse(Read(catalog));
  EXPECT_FALSE(doc["reviews"].contains("home.title"));
  EXPECT_EQ(doc["reviews"]["nav.back"], reviewed);
  const tools::CoverageRow redone = ug_row();
  EXPECT_EQ(redone.reviewed, 1);
  EXPECT_EQ(redone.stale, 0);
  EXPECT_EQ(redone.draft, before.draft - 1);
}

// [SECTION] glossary

TEST(Glossary, TheBundledGlossaryHasAboutFiftyTermsForEveryLocale) {
  tools::Glossary g;
  std::vector<content::LoadError> errors;
  ASSERT_TRUE(tools::LoadGlossary(std::string(QIAO_SOURCE_DIR) + "/locales/glossary.csv", &g, &errors));
  for (const auto& e : errors) ADD_FAILURE() << e.ToString();
  EXPECT_GE(g.terms.size(), 45u);
  std::set<std::string> zh;
  for (const tools::GlossaryTerm& t : g.terms) {
    EXPECT_TRUE(zh.insert(t.zh).second) << "twice: " << t.zh;
    EXPECT_FALSE(t.en.empty()) << t.zh;
    for (const char* locale : {"ug", "bo", "ko", "mn"}) EXPECT_TRUE(t.renderings.count(locale)) << t.zh << " " << locale;
  }
  for (const char* term : {"社保卡", "医保", "验证码", "安全账户", "诈骗"}) EXPECT_TRUE(zh.count(term)) << term;
}

TEST(Glossary, LintWarnsOnARejectedRenderingAndNotesAMissingOne) {
  const fs::path dir = fs::temp_directory_path() / ("qiao-glossary-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  WriteText(dir / "glossary.csv",
            "zh-Hans,en,ug,ko,note\n"
            "社保卡,social security card,ئىجتىمائىي كاپالەت كارت|!ئىجتىمائىي سۇغۇرتا,사회보장카드,\"a note, with a comma\"\n"
            "社区,community,,사구|주민위원회|!마을,\n");
  WriteText(dir / "g.pack.json", R"({"schemaVersion": "1.0", "id": "g", "title": {"zh-Hans": "社保卡", "en": "Card"},
  "lessons": [{"id": "l", "title": {"zh-Hans": "社保卡", "en": "Card"}, "steps": [
    {"id": "a", "type": "text", "title": {"zh-Hans": "带社保卡", "ug": "ئىجتىمائىي سۇغۇرتا كارتىسىنى ئېلىڭ", "ko": "사회보장카드를 가져오세요"},
     "body": {"zh-Hans": "社区和社保卡", "ug": "كارتىڭىزنى ئېلىڭ", "ko": "마을 사무실", "note": "the office's sign says 社区"}},
    {"id": "b", "type": "text", "title": {"zh-Hans": "社保卡", "ug": "ئىجتىمائىي كاپالەت كارتىسى"}, "body": {"zh-Hans": "好", "ug": "ياخشى"}}]}]})");
  tools::Glossary g;
  std::vector<content::LoadError> errors;
  ASSERT_TRUE(tools::LoadGlossary((dir / "glossary.csv").string(), &g, &errors));
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(g.terms.size(), 2u);
  EXPECT_TRUE(g.terms[1].renderings.count("ko"));
  EXPECT_FALSE(g.terms[1].renderings.count("ug")) << "an empty cell is not checked";
  std::vector<tools::FileReport> reports{tools::ValidateFile((dir / "g.pack.json").string())};
  ASSERT_TRUE(reports[0].valid()) << (reports[0].errors.empty() ? "" : reports[0].errors[0].ToString());
  std::vector<tools::Finding> findings = tools::GlossaryLint(reports, g);
  EXPECT_EQ(findings.size(), 4u);
  std::map<std::string, tools::Severity> by_pointer;  // the most severe finding per text
  for (const tools::Finding& f : findings) {
    EXPECT_GT(f.where.line, 0) << f.ToString();
    if (!by_pointer.count(f.where.pointer) || f.severity == tools::Severity::kWarning)
      by_pointer[f.where.pointer] = f.severity;
  }
  EXPECT_EQ(by_pointer.size(), 3u);
  EXPECT_EQ(by_pointer["/lessons/0/steps/0/title/ug"], tools::Severity::kWarning);  // سۇغۇرتا
  EXPECT_EQ(by_pointer["/lessons/0/steps/0/body/ug"], tools::Severity::kNote);      // "your card" only
  EXPECT_EQ(by_pointer["/lessons/0/steps/0/body/ko"], tools::Severity::kWarning);   // 마을, and no 사회보장카드
  EXPECT_EQ(by_pointer.count("/lessons/0/steps/1/title/ug"), 0u);  // the glossary's own words
  // A finding on a text with a note for translators repeats the note: it may say why.
  for (const tools::Finding& f : findings)
    EXPECT_EQ(f.where.message.ends_with(" [translator note: the office's sign says 社区]"),
              f.where.pointer.starts_with("/lessons/0/steps/0/body/"))
        << f.ToString();
  EXPECT_EQ(by_pointer.count("/lessons/0/steps/0/title/ko"), 0u);
  fs::remove_all(dir);
}
