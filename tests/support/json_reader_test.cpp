// The shared JSON reader: every loader's errors must name file, line:column and pointer, keep
// the good fields, and name a mistyped field with the closest known one.
#include "support/json_reader.h"
#include "support/suggest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

using qiao::support::JsonReader;
using qiao::support::LoadError;
using Value = JsonReader::Value;

namespace {

std::vector<std::string> Strings(const std::vector<LoadError>& errors) {
  std::vector<std::string> out;
  for (const LoadError& e : errors) out.push_back(e.ToString());
  return out;
}

}  // namespace

TEST(JsonReader, TypedFieldsKeepTheirDefaultWhenWrongAndSayWhere) {
  const std::string text =
      "{\n"
      "  \"rate\": 400,\n"
      "  \"name\": \"Ana\",\n"
      "  \"on\": \"yes\",\n"
      "  \"delay\": 0.5\n"
      "}\n";
  std::vector<LoadError> errors;
  JsonReader r(text, "s.json", &errors);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r.IsObject(r.root(), ""));
  int rate = 150;
  bool on = true;
  double delay = 2;
  EXPECT_FALSE(r.Integer(r.root(), "", "rate", 80, 300, &rate, "words per minute"));
  EXPECT_EQ(r.String(r.root(), "", "name", true), "Ana");
  EXPECT_FALSE(r.Bool(r.root(), "", "on", &on));
  EXPECT_TRUE(r.Number(r.root(), "", "delay", 0, INFINITY, &delay));
  EXPECT_EQ(rate, 150);
  EXPECT_TRUE(on);
  EXPECT_EQ(delay, 0.5);
  EXPECT_EQ(Strings(errors), (std::vector<std::string>{
                                 "s.json:2:3: /rate: expected a whole number from 80 to 300 (words per minute)",
                                 "s.json:4:3: /on: expected true or false, found string"}));
}

TEST(JsonReader, MissingRequiredFieldIsNamedAtItsObject) {
  const std::string text = "{\"items\": [\n  {\"id\": \"a\"},\n  {\"name\": \"b\"}\n]}";
  std::vector<LoadError> errors;
  JsonReader r(text, "x.json", &errors);
  std::vector<std::string> ids;
  r.Array(r.root(), "", "items", true, [&](const Value& item, const std::string& ptr) {
    if (!r.IsObject(item, ptr)) return;
    r.MarkAllKnown(item);
    bool present = false;
    std::string id = r.String(item, ptr, "id", true, &present);
    if (present) ids.push_back(id);
  });
  EXPECT_EQ(ids, (std::vector<std::string>{"a"}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].pointer, "/items/1/id");
  EXPECT_EQ(errors[0].line, 3);  // the object that lacks it
  EXPECT_EQ(errors[0].message, "missing required field \"id\"");
}

TEST(JsonReader, UnknownFieldsAreNamedWithTheClosestKnownOne) {
  const std::string text = "{\n  \"speechRat\": 120,\n  \"colour\": \"red\",\n  \"speech\": true\n}";
  std::vector<LoadError> errors, warnings;
  JsonReader r(text, "settings.json", &errors);
  int rate = 150;
  bool speech = false;
  r.Integer(r.root(), "", "speechRate", 80, 300, &rate);
  r.Bool(r.root(), "", "speech", &speech);
  r.ReportUnknownFields(&warnings);
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(speech);
  EXPECT_EQ(rate, 150) << "a mistyped field is not read under the right name";
  // In key order; "colour" is nothing like a known field: no suggestion.
  EXPECT_EQ(Strings(warnings), (std::vector<std::string>{
                                   "settings.json:3:3: /colour: unknown field \"colour\"",
                                   "settings.json:2:3: /speechRat: unknown field \"speechRat\" (did you mean \"speechRate\"?)"}));
}

TEST(JsonReader, MapsOfCountsAndSetsOfStrings) {
  // What a saved session looks like: lenient per entry, every bad entry named.
  const std::string text =
      "{\"attempts\": {\"qr-code\": 2, \"fraud-sms\": \"three\", \"pay\": -1},\n"
      " \"done\": [\"qr-code\", 7, \"pay\"]}";
  std::vector<LoadError> errors;
  JsonReader r(text, "session.json", &errors);
  std::map<std::string, int> attempts;
  r.Members(r.root(), "", "attempts", false, [&](std::string_view key, const Value& v, const std::string& p) {
    int n = 0;
    if (r.AsInteger(v, p, 0, 1000, &n)) attempts[std::string(key)] = n;
  });
  std::vector<std::string> done = r.Strings(r.root(), "", "done", false);
  std::set<std::string> done_set(done.begin(), done.end());
  r.ReportUnknownFields();
  EXPECT_EQ(attempts, (std::map<std::string, int>{{"qr-code", 2}}));
  EXPECT_EQ(done_set, (std::set<std::string>{"pay", "qr-code"}));
  EXPECT_EQ(Strings(errors),
            (std::vector<std::string>{
                "session.json:1:29: /attempts/fraud-sms: expected a whole number from 0 to 1000, found string",
                "session.json:1:51: /attempts/pay: expected a whole number from 0 to 1000",
                "session.json:2:22: /done/1: expected a string, found number"}));
}

TEST(JsonReader, EnumsListWhatIsAllowed) {
  const std::string text = "{\"theme\": \"dark\"}";
  std::vector<LoadError> errors;
  JsonReader r(text, "s.json", &errors);
  static constexpr std::string_view kThemes[] = {"standard", "high-contrast"};
  EXPECT_EQ(r.Enum(r.root(), "", "theme", false, kThemes, "theme"), "");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(), "s.json:1:2: /theme: unknown theme \"dark\" (expected standard or high-contrast)");
}

TEST(JsonReader, SyntaxErrorIsOneErrorAndNothingIsRead) {
  std::vector<LoadError> errors;
  const std::string text = "{\n  \"a\": 1,\n  \"b\": tru\n}";
  JsonReader r(text, "bad.json", &errors);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].pointer, "/b");
  EXPECT_NE(errors[0].message.find("invalid JSON"), std::string::npos) << errors[0].message;
  r.ReportUnknownFields();  // harmless on a failed parse
  EXPECT_EQ(errors.size(), 1u);
}

TEST(JsonReader, KeysWithSlashesAndTildesAreEscapedInPointers) {
  const std::string text = "{\"clips\": {\"a/b~c\": 3}}";
  std::vector<LoadError> errors;
  JsonReader r(text, "c.json", &errors);
  r.Members(r.root(), "", "clips", true, [&](std::string_view, const Value& v, const std::string& p) {
    std::string s;
    r.AsString(v, p, &s);
  });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].pointer, "/clips/a~1b~0c");
  EXPECT_EQ(errors[0].column, 12);
}

TEST(Suggest, ClosestKnownWordWithinTwoEdits) {
  using qiao::support::ClosestMatch;
  using qiao::support::DidYouMean;
  constexpr std::string_view kKnown[] = {"title", "summary", "steps", "id"};
  EXPECT_EQ(ClosestMatch("titel", kKnown), "title");
  EXPECT_EQ(ClosestMatch("summry", kKnown), "summary");
  EXPECT_EQ(ClosestMatch("description", kKnown), "");
  EXPECT_EQ(DidYouMean("step", kKnown), " (did you mean \"steps\"?)");
  EXPECT_EQ(DidYouMean("zzzzzz", kKnown), "");
  // A tie goes to the first in byte order, whatever order the candidates came in.
  constexpr std::string_view kTied[] = {"cat", "bat"};
  EXPECT_EQ(ClosestMatch("hat", kTied), "bat");
  EXPECT_EQ(qiao::support::EditDistance("kitten", "sitting"), 3u);
}

TEST(JsonReader, MapOfSetsAsASavedChecklistIs) {
  const std::string text = "{\"checklist\": {\"id-card\": [\"photo\", \"form\"], \"bank\": \"all\"}}";
  std::vector<LoadError> errors;
  JsonReader r(text, "session.json", &errors);
  std::map<std::string, std::set<std::string>> checklist;
  r.Members(r.root(), "", "checklist", false, [&](std::string_view guide, const Value& v, const std::string& p) {
    std::vector<std::string> ticked;
    if (r.AsStrings(v, p, &ticked)) checklist[std::string(guide)].insert(ticked.begin(), ticked.end());
  });
  EXPECT_EQ(checklist, (std::map<std::string, std::set<std::string>>{{"id-card", {"form", "photo"}}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(), "session.json:1:46: /checklist/bank: expected a list, found string");
}
