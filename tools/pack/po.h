// qiao-pack po: the translators' round trip through gettext PO files (Poedit, Weblate, msgfmt),
// read and written with GNU gettext's own libgettextpo, and the glossary check of lint.
//
// One PO file per pack (<pack id>.<locale>.po) and one for the UI catalog (ui.<locale>.po):
//   msgctxt  the JSON pointer of the text (/lessons/0/title, /strings/nav.back)
//   msgid    the zh-Hans source; msgstr the translation ("" where there is none yet)
//   #.       the English source, the text's note for translators, the translation's status (its
//            own review, else the pack's or catalog's: "reviewed by NAME on DATE", "draft"), a
//            reviewer's note
//   #:       file:line of the text
//   #, fuzzy where the zh-Hans source changed since the translation was imported (the pack keeps
//            a CRC-32 of the source per text in translations.<locale>.sourceHashes)
// The header names the file the messages belong to (X-Qiao-File) and its kind (X-Qiao-Kind).
#pragma once

#include "tools/pack/pack_tool.h"

#include <map>
#include <string>
#include <vector>

namespace qiao::tools {

// [SECTION] po

struct PoResult {
  std::vector<std::string> written;           // files written (export) or changed (import)
  std::vector<content::LoadError> errors;     // file:line, pointer, message
  std::vector<std::string> notes;             // e.g. "3 fuzzy entries left as they were"
  bool ok() const { return errors.empty(); }
};

// Writes OUT_DIR/<pack id>.<locale>.po for every pack of `pack_paths` (files or folders) and
// OUT_DIR/ui.<locale>.po for locales_dir/<locale>.json. Paths in X-Qiao-File are written as
// given (relative paths stay relative: run import from the same folder).
// `for_review`: files for a native reviewer's pass: every translation of a pack that is not
// reviewed yet is written fuzzy ("Needs work" in Poedit), so the reviewer clears the mark on
// exactly the texts they checked, and `PoImport` with a reviewer records those.
PoResult PoExport(const std::string& locale, const std::string& out_dir,
                  const std::vector<std::string>& pack_paths, const std::string& locales_dir,
                  bool for_review = false);

// Who reviewed the translations of an import, and when (`po import --reviewed-by NAME --date`).
struct ReviewStamp {
  std::string by;    // empty: the import is a translator's, its texts are drafts
  std::string date;  // YYYY-MM-DD
};

// Writes the translations of each PO file back into the file its header names. A file with a
// msgctxt that names no text is refused whole (nothing of it is written). An empty msgstr
// leaves the text as it is; a fuzzy entry is left out (as msgfmt does) and counted in notes.
// A changed translation records the CRC-32 of its current zh-Hans source and is a draft again
// (its own review says so where the pack marks the language reviewed). With `review.by`, every
// text imported without the fuzzy mark is recorded as reviewed by that person on that date (a
// pack text's "review"; a UI string's entry in the catalog's "reviews"), unless it already was
// and is unchanged. A source language is never reviewed text by text. A review date that is not
// a real date, or is after today, is refused before anything is written.
PoResult PoImport(const std::vector<std::string>& po_files, const ReviewStamp& review = {});

// The pack and catalog writer: 2-space indent, key order kept. The bundled files come in two
// layouts (arrays of plain values on one line or one value a line; bidi controls written raw or
// as \u200e escapes, lessons/README.md), so import writes a file back in its own.
struct JsonStyle {
  bool inline_plain_arrays = true;  // "rect": [0, 0, 100, 7]
  bool escape_bidi = true;          // "\u200e1101**********1234"
};
std::string WriteJson(const nlohmann::ordered_json& doc, const JsonStyle& style = {});
// The style that writes `original` (parsed as `doc`) back byte for byte, or the closest one.
JsonStyle StyleOf(const std::string& original, const nlohmann::ordered_json& doc);

// CRC-32 of `text` (zlib) as 8 lowercase hex digits: what sourceHashes records.
std::string SourceHash(const std::string& text);

// [SECTION] glossary

struct GlossaryTerm {
  std::string zh;                                         // the zh-Hans term
  std::string en;
  std::map<std::string, std::vector<std::string>> renderings;  // locale -> accepted renderings
  std::map<std::string, std::vector<std::string>> rejected;    // locale -> renderings not to use
  int line = 0;                                           // in the CSV
};

struct Glossary {
  std::string file;
  std::vector<GlossaryTerm> terms;
};

// Reads locales/glossary.csv: header zh-Hans,en,<locale>...,note; a cell holds renderings
// separated by '|'; one written "!word" is a rendering not to use (e.g. ug "!ئىجتىمائىي سۇغۇرتا"
// for 社保). Problems are appended with file:line.
bool LoadGlossary(const std::string& path, Glossary* out, std::vector<content::LoadError>* errors);

// Where a pack text's zh-Hans contains a glossary term: a warning if its translation in a locale
// holds a rejected rendering, a note if it holds none of the accepted ones (it may abbreviate:
// "the card" once the title said which card). Compared case-folded; empty cells are not checked.
std::vector<Finding> GlossaryLint(const std::vector<FileReport>& reports, const Glossary& glossary);

}  // namespace qiao::tools
