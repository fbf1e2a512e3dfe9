// `qiao-pack report CSV... --out report.html`: the bureau's view of the usage counts its kiosks
// sent back (qiao-update's usage-<kiosk>-<date>.csv, app/store/usage.h): one static HTML page,
// readable offline, with charts and a table behind every chart. Called from main.cpp; returns
// the process exit status (0 all read, 1 some lines or files skipped but the page written,
// 2 wrong usage or the page could not be written).
#pragma once

#include <string>
#include <vector>

namespace qiao::tools {

int ReportCommand(int argc, char** argv);

// The page for these CSV files (their text, and the names they are reported by); `problems`
// receives "file:line: ..." for every line skipped. Exposed for tests.
struct ReportInput {
  std::string name;  // the path as given (a kiosk's exports are recognized by their file name)
  std::string text;
};
std::string RenderReport(const std::vector<ReportInput>& files, std::vector<std::string>* problems);

// `qiao-pack xapi CSV... --out statements.json [--home URL]`: the lesson and guide counts as xAPI
// statements for a bureau's learning record store. The actor is the kiosk, an identified Group
// with an account (`home`, the kiosk's 12 hex digits), never a person; one statement per day,
// language, lesson or guide and count (verbs attempted, completed, answered with success,
// suspended with the step), the count in result.extensions["urn:qiao:xapi:count"], the day as
// the timestamp at 00:00Z. Withheld counts and whole-kiosk counts are not sent.
int XapiCommand(int argc, char** argv);
std::string XapiStatements(const std::vector<ReportInput>& files, const std::string& home,
                           std::vector<std::string>* problems);

}  // namespace qiao::tools
