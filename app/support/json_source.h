// JSON with source positions: nlohmann/json parses, and any later complaint ("/lessons/0/steps/2:
// missing question") can point at the line:column a trainer must fix. Positions are looked up
// only when a complaint is made (a second, DOM-less pass records the offset of every value by
// its JSON pointer), so loading a clean file costs about what parsing it does. The readers
// (json_reader.h: packs, catalogs, settings, clips...) parse into a JsonTree (json_tree.h) and
// use JsonDocument for positions; the pack tools use its nlohmann DOM directly.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qiao::support {

// Hostile input ("[[[[...") must not cost memory quadratic in its depth: no real pack nests
// deeper than a dozen levels. Deeper input is refused as invalid JSON.
inline constexpr size_t kMaxJsonDepth = 256;

struct SourcePos {
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based, counted in code points as editors show it
};

// One problem found in a file, in the form editors and CI annotate:
// "lessons/basics.pack.json:12:7: /lessons/0/steps/2/question: missing required text".
struct LoadError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string pointer;  // RFC 6901 JSON pointer ("" = the whole document)
  std::string message;
  std::string ToString() const;
};

class JsonDocument {
 public:
  std::string file;
  nlohmann::json root;
  std::string text;  // the parsed bytes

  // Position of the value at `pointer`, or of its nearest ancestor that has one.
  SourcePos PosOf(const std::string& pointer) const;
  LoadError MakeError(const std::string& pointer, std::string message) const;
  // Line:column of a byte offset into the parsed text.
  SourcePos PosAt(size_t offset) const;

 private:
  // Built on the first PosOf/PosAt, by a second pass over `text`: a clean load (nearly every
  // load) never pays for source positions, and a load with errors pays once, however many
  // errors it has. Not thread-safe: one document, one thread.
  void IndexPositions() const;
  void IndexLines() const;
  // Byte offset of every value (members: of their key) by JSON pointer.
  mutable std::unordered_map<std::string, size_t> offsets_;
  mutable bool positions_indexed_ = false;
  mutable std::vector<size_t> line_starts_;  // byte offset where each line starts
};

struct JsonParseResult {
  bool ok = false;
  JsonDocument doc;
  LoadError error;  // set when !ok
};

// Parses `bytes` (UTF-8 JSON). Never throws. A syntax error names file, line:column and the
// pointer of the value being read when the error happened.
JsonParseResult ParseJsonWithPositions(std::string_view bytes, std::string file);

// What a nlohmann parse error says, without its own id and position prefix (both JSON readers
// name the position themselves).
std::string ParseErrorText(const nlohmann::detail::exception& ex);

// Appends `token` to a JSON pointer, escaping '~' and '/' (RFC 6901).
std::string PointerJoin(const std::string& base, std::string_view token);
void PointerAppend(std::string* pointer, std::string_view token);  // in place
std::string PointerJoin(const std::string& base, size_t index);

}  // namespace qiao::support
