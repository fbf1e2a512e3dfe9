// Positions a trainer sees in error messages must point at the right line and column.
#include "support/json_source.h"
#include "support/json_tree.h"

#include <gtest/gtest.h>

using qiao::support::ParseJsonWithPositions;

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

// Packs parse into a JsonTree (json_tree.h) instead of nlohmann's DOM: a syntax error must read
// the same there (line:column, pointer, message), and the tree must hold what the DOM holds.
TEST(JsonTree, SyntaxErrorsReadAsWithTheDom) {
  for (std::string text :
       {std::string("{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}\n"), std::string("{\"标题\": \"扫码\", \"x\": tru}"),
        std::string(""), std::string("\xff\xfe"), std::string(100000, '['), std::string("{\"a\":\"\\ud800\"}"),
        std::string("nul"), std::string("{\"a\": [{\"b\": {}}, {\"c\": ") + std::string(300, '[') ,
        std::string("{\"a\": 1} x"), std::string("{\"a\" 1}"), std::string("[1, {\"k\": \"v\"}, [2, 3"),
        std::string("{\"a~b/c\": [0, {\"\": ]}")}) {
    auto dom = ParseJsonWithPositions(text, "t.json");
    qiao::support::JsonTree tree;
    qiao::support::LoadError error;
    ASSERT_FALSE(dom.ok) << text.substr(0, 40);
    ASSERT_FALSE(tree.Parse(text, "t.json", &error)) << text.substr(0, 40);
    EXPECT_EQ(error.ToString(), dom.error.ToString()) << text.substr(0, 40);
  }
}

TEST(JsonTree, HoldsWhatTheDomHolds) {
  const std::string text = R"({"z": [1, -2, 3.5, true, null, "s"], "a": {"y": {}, "x": []}, "m": 1, "m": "last",
                               "big": 18446744073709551615, "esc": "a\"b\u00e9"})";
  qiao::support::JsonTree tree;
  qiao::support::LoadError error;
  ASSERT_TRUE(tree.Parse(text, "t.json", &error));
  const auto& root = tree.root();
  ASSERT_TRUE(root.is_object());
  std::vector<std::string> keys;
  for (const auto& m : tree.children(root)) keys.emplace_back(tree.key(m));
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "big", "esc", "m", "z"}));  // sorted, "m" once
  EXPECT_EQ(tree.string(*tree.find(root, "m")), "last");
  EXPECT_EQ(tree.string(*tree.find(root, "esc")), "a\"b\xC3\xA9");
  EXPECT_EQ(tree.find(root, "big")->as_double(), 18446744073709551615.0);
  EXPECT_EQ(tree.find(root, "nope"), nullptr);
  const auto& z = *tree.find(root, "z");
  ASSERT_EQ(z.size, 6u);
  auto items = tree.children(z);
  EXPECT_EQ(items[1].as_float(), -2.0f);
  EXPECT_EQ(items[2].as_double(), 3.5);
  EXPECT_TRUE(items[3].is_boolean() && items[3].boolean);
  EXPECT_STREQ(items[4].type_name(), "null");
  EXPECT_STREQ(items[5].type_name(), "string");
  const auto& a = *tree.find(root, "a");
  EXPECT_STREQ(tree.find(a, "x")->type_name(), "array");
  EXPECT_STREQ(tree.find(a, "y")->type_name(), "object");
}

// A value in a list is placed where it starts, as an editor should put the cursor: a string at
// its opening quote (escaped quotes and backslashes inside do not fool it), a word or number at
// its first character.
TEST(JsonSource, ListElementsArePlacedWhereTheyStart) {
  const std::string text = "[\"ab\\\\\", \"c\\\"d\", true, -12.5e3, null]";
  auto r = ParseJsonWithPositions(text, "x.json");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.doc.PosOf("/0").column, 2);
  EXPECT_EQ(r.doc.PosOf("/1").column, 10);
  EXPECT_EQ(r.doc.PosOf("/2").column, 18);
  EXPECT_EQ(r.doc.PosOf("/3").column, 24);
  EXPECT_EQ(r.doc.PosOf("/4").column, 33);
}
