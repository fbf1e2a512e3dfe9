#include "support/json_tree.h"

#include <algorithm>

namespace qiao::support {

const char* JsonTree::Value::type_name() const {
  switch (type) {
    case Type::kNull: return "null";
    case Type::kBoolean: return "boolean";
    case Type::kInteger:
    case Type::kUnsigned:
    case Type::kFloat: return "number";
    case Type::kString: return "string";
    case Type::kArray: return "array";
    case Type::kObject: return "object";
  }
  return "null";
}

double JsonTree::Value::as_double() const {
  switch (type) {
    case Type::kInteger: return static_cast<double>(number.integer);
    case Type::kUnsigned: return static_cast<double>(number.unsigned_integer);
    case Type::kFloat: return number.floating;
    default: return 0;
  }
}

float JsonTree::Value::as_float() const {
  switch (type) {
    case Type::kInteger: return static_cast<float>(number.integer);
    case Type::kUnsigned: return static_cast<float>(number.unsigned_integer);
    case Type::kFloat: return static_cast<float>(number.floating);
    default: return 0;
  }
}

const JsonTree::Value* JsonTree::find(const Value& object, std::string_view name) const {
  if (!object.is_object()) return nullptr;
  std::span<const Value> members = children(object);
  auto it = std::lower_bound(members.begin(), members.end(), name,
                             [this](const Value& m, std::string_view n) { return key(m) < n; });
  return it != members.end() && key(*it) == name ? &*it : nullptr;
}

// The SAX handler nlohmann's parser calls (statically: no virtual calls). Values wait on a stack
// until their container closes; then its children move to JsonTree::values_ side by side.
class JsonTreeBuilder {
 public:
  using json = nlohmann::json;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;
  using Value = JsonTree::Value;
  using Type = JsonTree::Type;

  explicit JsonTreeBuilder(JsonTree& tree, size_t bytes) : tree_(tree) {
    // About one value per 12-25 bytes of a pack, one string per 25-50: rarely a reallocation.
    tree_.values_.reserve(bytes / 12 + 1);
    tree_.strings_.reserve(bytes / 32 + 1);
    stack_.reserve(64);
  }

  bool null() { return Push(Type::kNull), true; }
  bool boolean(bool b) { return Push(Type::kBoolean).boolean = b, true; }
  bool number_integer(number_integer_t n) { return Push(Type::kInteger).number.integer = n, true; }
  bool number_unsigned(number_unsigned_t n) {
    return Push(Type::kUnsigned).number.unsigned_integer = n, true;
  }
  bool number_float(number_float_t n, const string_t&) { return Push(Type::kFloat).number.floating = n, true; }
  bool string(string_t& s) {
    Value& v = Push(Type::kString);
    v.first = static_cast<uint32_t>(tree_.strings_.size());
    tree_.strings_.push_back(s);  // a copy: the lexer keeps its buffer (and its capacity)
    return true;
  }
  bool binary(binary_t&) { return Push(Type::kNull), true; }  // never from JSON text
  bool start_object(std::size_t) { return Open(Type::kObject); }
  bool start_array(std::size_t) { return Open(Type::kArray); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(string_t& k) {
    Frame& f = frames_.back();
    f.key_at = static_cast<uint32_t>(tree_.keys_.size());
    f.key_size = static_cast<uint32_t>(k.size());
    f.has_key = true;
    tree_.keys_ += k;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    error_offset = position > 0 ? position - 1 : 0;
    error_message = ParseErrorText(ex);
    return false;
  }

  // The pointer of the value being read (for a parse error), as ParseJsonWithPositions names it.
  std::string CurrentPointer() const {
    std::string p;
    for (size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (f.array) {
        // An open child is the array's last element; the last frame's next child is not in yet.
        const size_t end = i + 1 == frames_.size() ? stack_.size() : frames_[i + 1].begin;
        const size_t n = end - f.begin;
        p = PointerJoin(p, i + 1 == frames_.size() ? n : n - 1);
      } else {
        p = PointerJoin(p, f.has_key ? tree_.key(KeyOf(f)) : std::string_view());
      }
    }
    return p;
  }

  // The parse stopped: nesting too deep (the offset is found afterwards) or a syntax error.
  bool too_deep = false;
  size_t error_offset = 0;
  std::string error_message;

  // After a successful parse: the root goes last.
  void Finish() {
    tree_.values_.push_back(stack_.back());
    stack_.clear();
  }

 private:
  struct Frame {
    bool array;
    uint32_t begin;  // the container's children start here in stack_
    uint32_t key_at = 0, key_size = 0;  // object: the member being read
    bool has_key = false;
  };

  static Value KeyOf(const Frame& f) {
    Value v;
    v.key_at = f.key_at;
    v.key_size = f.key_size;
    return v;
  }

  Value& Push(Type type) {
    Value& v = stack_.emplace_back();
    v.type = type;
    if (!frames_.empty() && !frames_.back().array) {
      v.key_at = frames_.back().key_at;
      v.key_size = frames_.back().key_size;
    }
    return v;
  }

  bool Open(Type type) {
    if (frames_.size() >= kMaxJsonDepth) {
      too_deep = true;
      error_message = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
      return false;
    }
    Push(type);
    frames_.push_back(Frame{type == Type::kArray, static_cast<uint32_t>(stack_.size())});
    return true;
  }

  bool Close() {
    const Frame f = frames_.back();
    frames_.pop_back();
    auto begin = stack_.begin() + f.begin, end = stack_.end();
    if (!f.array) end = SortMembers(begin, end);
    Value& container = stack_[f.begin - 1];
    container.first = static_cast<uint32_t>(tree_.values_.size());
    container.size = static_cast<uint32_t>(end - begin);
    tree_.values_.insert(tree_.values_.end(), begin, end);
    stack_.resize(f.begin);
    return true;
  }

  // Members in key order, a repeated key keeping its last value (as nlohmann's DOM). Returns the
  // new end. Hand-written files are rarely sorted; dumped ones always are.
  std::vector<Value>::iterator SortMembers(std::vector<Value>::iterator begin,
                                           std::vector<Value>::iterator end) {
    auto less = [this](const Value& a, const Value& b) { return tree_.key(a) < tree_.key(b); };
    bool sorted = true, unique = true;
    for (auto it = begin; it != end && it + 1 != end; ++it) {
      const int c = tree_.key(*it).compare(tree_.key(*(it + 1)));
      if (c > 0) sorted = false;
      if (c == 0) unique = false;
    }
    if (sorted && unique) return end;
    if (!sorted) {
      if (end - begin <= 16) {  // insertion sort: stable, no allocation
        for (auto it = begin + 1; it < end; ++it)
          for (auto j = it; j != begin && less(*j, *(j - 1)); --j) std::iter_swap(j, j - 1);
      } else {
        std::stable_sort(begin, end, less);
      }
    }
    // Of equal keys (now adjacent, in file order) keep the last.
    auto out = begin;
    for (auto it = begin; it != end; ++it) {
      if (it + 1 != end && tree_.key(*it) == tree_.key(*(it + 1))) continue;
      *out++ = *it;
    }
    return out;
  }

  JsonTree& tree_;
  std::vector<Value> stack_;
  std::vector<Frame> frames_;
};

namespace {

// Offset of the first '[' or '{' nested deeper than kMaxJsonDepth. The text before it is valid
// JSON (the parser got that far), so a quote always opens or closes a string.
size_t TooDeepOffset(std::string_view text) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (depth == kMaxJsonDepth) return i;
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return 0;
}

}  // namespace

bool JsonTree::Parse(std::string_view bytes, const std::string& file, LoadError* error) {
  values_.clear();
  strings_.clear();
  keys_.clear();
  JsonTreeBuilder builder(*this, bytes.size());
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(bytes.data(), bytes.data() + bytes.size(), &builder);
  } catch (const std::exception& e) {  // e.g. an allocation failure; never propagate
    builder.error_message = e.what();
  }
  if (ok) {
    builder.Finish();
    return true;
  }
  if (builder.too_deep) builder.error_offset = TooDeepOffset(bytes);
  JsonDocument positions;
  positions.text.assign(bytes);
  const SourcePos pos = positions.PosAt(builder.error_offset);
  *error = LoadError{file, pos.line, pos.column, builder.CurrentPointer(),
                     "invalid JSON: " + builder.error_message};
  values_.clear();
  strings_.clear();
  keys_.clear();
  return false;
}

}  // namespace qiao::support
