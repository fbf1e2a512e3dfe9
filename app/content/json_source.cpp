#include "content/json_source.h"

#include <algorithm>
#include <memory>

namespace qiao::content {

std::string LoadError::ToString() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  s += ": ";
  if (!pointer.empty()) s += pointer + ": ";
  s += message;
  return s;
}

std::string PointerJoin(const std::string& base, std::string_view token) {
  std::string out = base;
  out += '/';
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string PointerJoin(const std::string& base, size_t index) {
  return base + "/" + std::to_string(index);
}

SourcePos JsonDocument::PosAt(size_t offset) const {
  if (line_starts.empty()) return {};
  if (offset > text.size()) offset = text.size();
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  const size_t line = static_cast<size_t>(it - line_starts.begin());  // 1-based
  int column = 1;
  for (size_t i = line_starts[line - 1]; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;  // count lead bytes
  return {static_cast<int>(line), column};
}

SourcePos JsonDocument::PosOf(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    auto it = offsets.find(p);
    if (it != offsets.end()) return PosAt(it->second);
    if (p.empty()) return {};
    p.resize(p.rfind('/'));
  }
}

LoadError JsonDocument::MakeError(const std::string& pointer, std::string message) const {
  SourcePos pos = PosOf(pointer);
  return LoadError{file, pos.line, pos.column, pointer, std::move(message)};
}

namespace {

// An input iterator over the bytes that publishes how far the lexer has read, so SAX events
// know where they are. (nlohmann/json 3.11 does not report positions to SAX handlers.)
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, const char* begin, size_t* consumed)
      : p_(p), begin_(begin), consumed_(consumed) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    *consumed_ = static_cast<size_t>(p_ - begin_);
    return *this;
  }
  bool operator==(const CountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const CountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char* begin_;
  size_t* consumed_;
};

// Builds the DOM (like nlohmann's own DOM parser) and records the position of every value.
class PositionSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  using json = nlohmann::json;
  PositionSax(json& root, std::unordered_map<std::string, size_t>& offsets,
              const size_t& consumed, std::string_view text)
      : root_(root), positions_(offsets), consumed_(consumed), text_(text) {}

  bool null() override { return Add(json(nullptr), 0); }
  bool boolean(bool v) override { return Add(json(v), 0); }
  bool number_integer(number_integer_t v) override { return Add(json(v), 1); }
  bool number_unsigned(number_unsigned_t v) override { return Add(json(v), 1); }
  bool number_float(number_float_t v, const string_t&) override { return Add(json(v), 1); }
  bool string(string_t& v) override { return Add(json(std::move(v)), 0); }
  bool binary(binary_t& v) override { return Add(json::binary(std::move(v)), 0); }
  bool start_object(std::size_t) override { return Open(json::object()); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(json::array()); }
  bool end_array() override { return Close(); }
  bool key(string_t& k) override {
    frames_.back().key = k;
    // Point members at their key: that is where an editor should put the cursor.
    positions_[PointerJoin(frames_.back().pointer, k)] = KeyStart();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    error_offset = position > 0 ? position - 1 : 0;
    error_message = ex.what();
    // Strip nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    auto colon = error_message.find(": ");
    if (colon != std::string::npos) error_message = error_message.substr(colon + 2);
    return false;
  }

  std::string CurrentPointer() const {
    if (frames_.empty()) return "";
    const Frame& f = frames_.back();
    return f.value->is_array() ? PointerJoin(f.pointer, f.value->size())
                               : PointerJoin(f.pointer, f.key);
  }

  static constexpr size_t kMaxDepth = 256;
  size_t error_offset = 0;
  std::string error_message;

 private:
  struct Frame {
    json* value;
    std::string pointer;
    std::string key;
  };

  // key() is called right after the lexer read the key's closing quote: walk back to the
  // opening quote (skipping escaped quotes) so the position is where the key starts.
  size_t KeyStart() const {
    if (consumed_ < 2) return 0;
    size_t i = consumed_ - 2;
    while (i > 0) {
      if (text_[i] == '"' && text_[i - 1] != '\\') return i;
      --i;
    }
    return 0;
  }

  std::string ChildPointer() const {
    if (frames_.empty()) return "";
    const Frame& f = frames_.back();
    return f.value->is_array() ? PointerJoin(f.pointer, f.value->size())
                               : PointerJoin(f.pointer, f.key);
  }

  json* Insert(json&& v) {
    if (frames_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = frames_.back();
    if (f.value->is_array()) {
      f.value->push_back(std::move(v));
      return &f.value->back();
    }
    json& slot = (*f.value)[f.key];
    slot = std::move(v);
    return &slot;
  }

  // lookahead: numbers are recognised one byte after they end.
  bool Add(json&& v, size_t lookahead) {
    std::string ptr = ChildPointer();
    bool in_object = !frames_.empty() && frames_.back().value->is_object();
    if (!in_object) {
      size_t end = consumed_ >= lookahead ? consumed_ - lookahead : 0;
      positions_.emplace(ptr, end > 0 ? end - 1 : 0);
    }
    Insert(std::move(v));
    return true;
  }

  bool Open(json&& v) {
    // Hostile input ("[[[[...") must not cost memory quadratic in its depth: no real pack
    // nests deeper than a dozen levels.
    if (frames_.size() >= kMaxDepth) {
      error_offset = consumed_ > 0 ? consumed_ - 1 : 0;
      error_message = "nesting deeper than " + std::to_string(kMaxDepth) + " levels";
      return false;
    }
    std::string ptr = ChildPointer();
    bool in_object = !frames_.empty() && frames_.back().value->is_object();
    if (!in_object) positions_.emplace(ptr, consumed_ > 0 ? consumed_ - 1 : 0);
    json* slot = Insert(std::move(v));
    frames_.push_back(Frame{slot, ptr, {}});
    return true;
  }

  bool Close() {
    frames_.pop_back();
    return true;
  }

  json& root_;
  std::unordered_map<std::string, size_t>& positions_;
  const size_t& consumed_;
  std::vector<Frame> frames_;
  std::string_view text_;
};

}  // namespace

JsonParseResult ParseJsonWithPositions(std::string_view bytes, std::string file) {
  JsonParseResult result;
  result.doc.file = file;
  result.doc.text.assign(bytes);
  result.doc.line_starts.push_back(0);
  for (size_t i = 0; i < bytes.size(); ++i)
    if (bytes[i] == '\n') result.doc.line_starts.push_back(i + 1);
  size_t consumed = 0;
  PositionSax sax(result.doc.root, result.doc.offsets, consumed, bytes);
  CountingIterator first(bytes.data(), bytes.data(), &consumed);
  CountingIterator last(bytes.data() + bytes.size(), bytes.data(), &consumed);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(first, last, &sax);
  } catch (const std::exception& e) {  // e.g. a handler allocation failure; never propagate
    sax.error_message = e.what();
  }
  if (ok) {
    result.ok = true;
    return result;
  }
  SourcePos pos = result.doc.PosAt(sax.error_offset);
  result.error = LoadError{std::move(file), pos.line, pos.column, sax.CurrentPointer(),
                           "invalid JSON: " + sax.error_message};
  result.doc.root = nullptr;
  return result;
}

}  // namespace qiao::content
