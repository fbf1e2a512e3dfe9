// Positions a trainer sees in error messages must point at the right line and column.
#include "content/json_source.h"

#include <gtest/gtest.h>

using qiao::content::ParseJsonWithPositions;

TEST(JsonSource, SyntaxErrorNamesLineAndColumn) {
  const std::string text = "{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}\n";
  auto r = ParseJsonWithPositions(text, "x.json");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.file, "x.json");
  EXPECT_EQ(r.error.line, 3);
  EXPECT_EQ(r.error.column, 14);  // the second comma
  EXPECT_EQ(r.error.pointer, "/b/2");
  EXPECT_NE(r.error.ToString().find("x.json:3:14: /b/2: invalid JSON"), std::string::npos)
      << r.error.ToString();
}

TEST(JsonSource, MembersPointAtTheirKey) {
  const std::string text = "{\n  \"title\": {\"en\": \"Hi\"},\n  \"steps\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\"}\n  ]\n}";
  auto r = ParseJsonWithPositions(text, "p.json");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.doc.PosOf("/title").line, 2);
  EXPECT_EQ(r.doc.PosOf("/title").column, 3);
  EXPECT_EQ(r.doc.PosOf("/steps/1").line, 5);
  EXPECT_EQ(r.doc.PosOf("/steps/1").column, 5);
  EXPECT_EQ(r.doc.PosOf("/steps/1/id").line, 5);
  // A pointer to something absent falls back to its nearest ancestor.
  EXPECT_EQ(r.doc.PosOf("/steps/1/question").line, 5);
  EXPECT_EQ(r.doc.root["steps"][1]["id"], "b");
}

TEST(JsonSource, ColumnsCountCharactersNotBytes) {
  const std::string text = "{\"标题\": \"扫码\", \"x\": tru}";
  auto r = ParseJsonWithPositions(text, "zh.json");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.line, 1);
  // {"标题": "扫码", "x": tru}  -> the bad literal ends at character 23
  EXPECT_GE(r.error.column, 20);
  EXPECT_LE(r.error.column, 24);
}

TEST(JsonSource, HostileInputNeverThrows) {
  for (std::string text : {std::string(""), std::string("\xff\xfe"), std::string(100000, '['),
                           std::string("{\"a\":\"\\ud800\"}"), std::string("nul")}) {
    auto r = ParseJsonWithPositions(text, "h.json");
    if (!r.ok) {
      EXPECT_FALSE(r.error.message.empty());
    }
  }
}
