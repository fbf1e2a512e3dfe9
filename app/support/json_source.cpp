#include "support/json_source.h"

#include <algorithm>
#include <memory>

namespace qiao::support {

std::string ParseErrorText(const nlohmann::detail::exception& ex) {
  // Strip nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: ": the
  // position is ours to give (code points, with the JSON pointer).
  std::string message = ex.what();
  auto colon = message.find(": ");
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

std::string LoadError::ToString() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  s += ": ";
  if (!pointer.empty()) s += pointer + ": ";
  s += message;
  return s;
}

void PointerAppend(std::string* pointer, std::string_view token) {
  *pointer += '/';
  while (true) {
    const size_t special = token.find_first_of("~/");
    *pointer += token.substr(0, special);
    if (special == std::string_view::npos) return;
    *pointer += token[special] == '~' ? "~0" : "~1";
    token.remove_prefix(special + 1);
  }
}

std::string PointerJoin(const std::string& base, std::string_view token) {
  std::string out;
  out.reserve(base.size() + 1 + token.size());
  out = base;
  PointerAppend(&out, token);
  return out;
}

std::string PointerJoin(const std::string& base, size_t index) {
  return base + "/" + std::to_string(index);
}

void JsonDocument::IndexLines() const {
  if (!line_starts_.empty()) return;
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

SourcePos JsonDocument::PosAt(size_t offset) const {
  IndexLines();
  if (offset > text.size()) offset = text.size();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line = static_cast<size_t>(it - line_starts_.begin());  // 1-based
  int column = 1;
  for (size_t i = line_starts_[line - 1]; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;  // count lead bytes
  return {static_cast<int>(line), column};
}

SourcePos JsonDocument::PosOf(const std::string& pointer) const {
  IndexPositions();
  std::string p = pointer;
  while (true) {
    auto it = offsets_.find(p);
    if (it != offsets_.end()) return PosAt(it->second);
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

constexpr size_t kMaxDepth = kMaxJsonDepth;

// Pass 1, every load: builds the DOM (like nlohmann's own DOM parser) and nothing else. The
// pointer of the value being read is worked out from the stack only if the parse fails.
class DomSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  using json = nlohmann::json;
  DomSax(json& root, const size_t& consumed) : root_(root), consumed_(consumed) {}

  bool null() override { return Add(json(nullptr)); }
  bool boolean(bool v) override { return Add(json(v)); }
  bool number_integer(number_integer_t v) override { return Add(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Add(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return Add(json(v)); }
  bool string(string_t& v) override { return Add(json(std::move(v))); }
  bool binary(binary_t& v) override { return Add(json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return Open(json::object()); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(json::array()); }
  bool end_array() override { return Close(); }
  bool key(string_t& k) override {
    // As nlohmann's parser: a repeated key keeps the last value. The map node (and so the key
    // string the frame points at) stays put while members are added.
    Frame& f = frames_.back();
    auto [it, inserted] = f.value->get_ref<json::object_t&>().insert_or_assign(std::move(k), nullptr);
    f.key = &it->first;
    f.slot = &it->second;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    error_offset = position > 0 ? position - 1 : 0;
    error_message = ParseErrorText(ex);
    return false;
  }

  // The pointer of the value being read (for a parse error).
  std::string CurrentPointer() const {
    std::string p;
    for (size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      const bool last = i + 1 == frames_.size();
      if (f.value->is_array()) {
        // An open child is the array's last element; the last frame's next child is not in yet.
        size_t n = f.value->size();
        p = PointerJoin(p, last ? n : n - 1);
      } else {
        p = PointerJoin(p, f.key ? std::string_view(*f.key) : std::string_view());
      }
    }
    return p;
  }

  size_t error_offset = 0;
  std::string error_message;

 private:
  struct Frame {
    json* value;
    const std::string* key = nullptr;  // object: the member being read
    json* slot = nullptr;              // object: where its value goes
  };

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
    *f.slot = std::move(v);
    return f.slot;
  }

  bool Add(json&& v) {
    Insert(std::move(v));
    return true;
  }

  bool Open(json&& v) {
    if (frames_.size() >= kMaxDepth) {
      error_offset = consumed_ > 0 ? consumed_ - 1 : 0;
      error_message = "nesting deeper than " + std::to_string(kMaxDepth) + " levels";
      return false;
    }
    json* slot = Insert(std::move(v));
    frames_.push_back(Frame{slot});
    return true;
  }

  bool Close() {
    frames_.pop_back();
    return true;
  }

  json& root_;
  const size_t& consumed_;
  std::vector<Frame> frames_;
};

// Pass 2, only when an error is reported: the offset of every value by its JSON pointer, no DOM.
// Members point at their key: that is where an editor should put the cursor.
class PositionSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  PositionSax(std::unordered_map<std::string, size_t>& offsets, const size_t& consumed,
              std::string_view text)
      : positions_(offsets), consumed_(consumed), text_(text) {}

  bool null() override { return Add(0); }
  bool boolean(bool) override { return Add(0); }
  bool number_integer(number_integer_t) override { return Add(1); }
  bool number_unsigned(number_unsigned_t) override { return Add(1); }
  bool number_float(number_float_t, const string_t&) override { return Add(1); }
  bool string(string_t&) override { return Add(0); }
  bool binary(binary_t&) override { return Add(0); }
  bool start_object(std::size_t) override { return Open(false); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(true); }
  bool end_array() override { return Close(); }
  bool key(string_t& k) override {
    frames_.back().key = k;
    positions_[PointerJoin(frames_.back().pointer, k)] = KeyStart();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;  // the text parsed once already; a failure here keeps what was recorded
  }

 private:
  struct Frame {
    bool array;
    size_t count = 0;  // array: elements so far
    std::string pointer;
    std::string key;
  };

  // Where the token whose last byte is at `last` starts, so a position is where an editor
  // should put the cursor: a string (or key) at its opening quote, a number or true/false/null
  // at its first character. The text before `last` is valid JSON (the parser got that far).
  size_t TokenStart(size_t last) const {
    if (last >= text_.size()) return last;
    size_t i = last;
    if (text_[last] == '"') {
      while (i > 0) {
        --i;
        if (text_[i] != '"') continue;
        size_t backslashes = 0;  // a quote after an odd run of backslashes is escaped
        while (i > backslashes && text_[i - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return i;
      }
      return 0;
    }
    auto in_token = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' || c == 'E';
    };
    while (i > 0 && in_token(text_[i - 1])) --i;
    return i;
  }
  // key() is called right after the lexer read the key's closing quote.
  size_t KeyStart() const { return consumed_ > 0 ? TokenStart(consumed_ - 1) : 0; }

  // Array elements and the root are recorded where they are; object members at their key.
  std::string ChildPointer() {
    if (frames_.empty()) return "";
    Frame& f = frames_.back();
    return f.array ? PointerJoin(f.pointer, f.count++) : PointerJoin(f.pointer, f.key);
  }
  bool InArrayOrRoot() const { return frames_.empty() || frames_.back().array; }

  // lookahead: numbers are recognised one byte after they end.
  bool Add(size_t lookahead) {
    const bool record = InArrayOrRoot();
    std::string ptr = ChildPointer();
    if (record) {
      size_t end = consumed_ >= lookahead ? consumed_ - lookahead : 0;
      positions_.emplace(std::move(ptr), TokenStart(end > 0 ? end - 1 : 0));
    }
    return true;
  }

  bool Open(bool array) {
    if (frames_.size() >= kMaxDepth) return false;
    const bool record = InArrayOrRoot();
    std::string ptr = ChildPointer();
    if (record) positions_.emplace(ptr, consumed_ > 0 ? consumed_ - 1 : 0);
    frames_.push_back(Frame{array, 0, std::move(ptr), {}});
    return true;
  }

  bool Close() {
    frames_.pop_back();
    return true;
  }

  std::unordered_map<std::string, size_t>& positions_;
  const size_t& consumed_;
  std::vector<Frame> frames_;
  std::string_view text_;
};

template <typename Sax>
bool SaxParse(std::string_view bytes, size_t* consumed, Sax* sax) {
  CountingIterator first(bytes.data(), bytes.data(), consumed);
  CountingIterator last(bytes.data() + bytes.size(), bytes.data(), consumed);
  return nlohmann::json::sax_parse(first, last, sax);
}

}  // namespace

void JsonDocument::IndexPositions() const {
  if (positions_indexed_) return;
  positions_indexed_ = true;
  size_t consumed = 0;
  PositionSax sax(offsets_, consumed, text);
  try {
    SaxParse(text, &consumed, &sax);
  } catch (const std::exception&) {  // keep whatever was recorded; never propagate
  }
}

JsonParseResult ParseJsonWithPositions(std::string_view bytes, std::string file) {
  JsonParseResult result;
  result.doc.file = file;
  result.doc.text.assign(bytes);
  size_t consumed = 0;
  DomSax sax(result.doc.root, consumed);
  bool ok = false;
  try {
    ok = SaxParse(bytes, &consumed, &sax);
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

}  // namespace qiao::support
