#include "support/json_reader.h"

#include "support/suggest.h"

#include <algorithm>
#include <cmath>

namespace qiao::support {

JsonReader::JsonReader(std::string_view bytes, std::string file, std::vector<LoadError>* errors)
    : owned_tree_(std::make_unique<JsonTree>()), tree_(owned_tree_.get()), bytes_(bytes),
      file_(std::move(file)), errors_(errors) {
  LoadError error;
  ok_ = tree_->Parse(bytes, file_, &error);
  if (!ok_) errors_->push_back(std::move(error));
}

JsonReader::JsonReader(JsonTree& tree, std::string_view bytes, std::string file,
                       std::vector<LoadError>* errors)
    : tree_(&tree), bytes_(bytes), file_(std::move(file)), errors_(errors) {}

JsonReader::~JsonReader() = default;

LoadError JsonReader::At(const std::string& pointer, std::string message) {
  if (!doc_) {  // the first problem: positions are looked up from now on (json_source.h)
    doc_ = std::make_unique<JsonDocument>();
    doc_->file = file_;
    doc_->text.assign(bytes_);
  }
  return doc_->MakeError(pointer, std::move(message));
}

void JsonReader::Error(const std::string& pointer, std::string message) {
  errors_->push_back(At(pointer, std::move(message)));
}

void JsonReader::MissingField(const std::string& ptr, const char* key) {
  Error(PointerJoin(ptr, key), std::string("missing required field \"") + key + "\"");
}

void JsonReader::WrongType(const std::string& pointer, const char* expected, const Value& found) {
  Error(pointer, std::string("expected ") + expected + ", found " + found.type_name());
}

// [SECTION] Values

bool JsonReader::IsObject(const Value& v, const std::string& ptr) {
  if (v.is_object()) return true;
  WrongType(ptr, "an object", v);
  return false;
}

bool JsonReader::IsArray(const Value& v, const std::string& ptr) {
  if (v.is_array()) return true;
  WrongType(ptr, "a list", v);
  return false;
}

bool JsonReader::AsString(const Value& v, const std::string& ptr, std::string* out) {
  if (!v.is_string()) {
    WrongType(ptr, "a string", v);
    return false;
  }
  *out = tree_->string(v);
  return true;
}

bool JsonReader::AsBool(const Value& v, const std::string& ptr, bool* out) {
  if (!v.is_boolean()) {
    WrongType(ptr, "true or false", v);
    return false;
  }
  *out = v.boolean;
  return true;
}

namespace {

std::string Unit(const char* unit) { return unit ? std::string(" (") + unit + ")" : std::string(); }

// "0.3", "10", "1e+100": short, for messages.
std::string Short(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<int64_t>(x));
  std::string s = std::to_string(x);  // "0.300000"
  s.erase(s.find_last_not_of('0') + 1);
  return s;
}

}  // namespace

bool JsonReader::AsInteger(const Value& v, const std::string& ptr, int64_t min, int64_t max, int64_t* out,
                           const char* unit) {
  bool whole = false;
  int64_t n = 0;
  if (v.type == JsonTree::Type::kInteger) {
    whole = true;
    n = v.number.integer;
  } else if (v.type == JsonTree::Type::kUnsigned) {
    whole = v.number.unsigned_integer <= static_cast<uint64_t>(INT64_MAX);
    n = whole ? static_cast<int64_t>(v.number.unsigned_integer) : INT64_MAX;
  }
  if (!whole || n < min || n > max) {
    std::string message = "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                          Unit(unit);
    if (!v.is_number()) message += std::string(", found ") + v.type_name();
    Error(ptr, std::move(message));
    return false;
  }
  *out = n;
  return true;
}

bool JsonReader::AsNumber(const Value& v, const std::string& ptr, double min, double max, double* out,
                          const char* unit) {
  const double x = v.as_double();
  if (!v.is_number() || !(x >= min && x <= max)) {
    std::string range = max == INFINITY ? "at least " + Short(min) : "from " + Short(min) + " to " + Short(max);
    std::string message = "expected a number " + range + Unit(unit);
    if (!v.is_number()) message += std::string(", found ") + v.type_name();
    Error(ptr, std::move(message));
    return false;
  }
  *out = x;
  return true;
}

bool JsonReader::AsEnum(const Value& v, const std::string& ptr, std::span<const std::string_view> allowed,
                        const char* what, std::string* out) {
  if (!v.is_string()) {
    WrongType(ptr, "a string", v);
    return false;
  }
  const std::string& s = tree_->string(v);
  if (std::find(allowed.begin(), allowed.end(), s) != allowed.end()) {
    *out = s;
    return true;
  }
  std::string list;
  for (size_t i = 0; i < allowed.size(); ++i)
    list += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + std::string(allowed[i]);
  Error(ptr, "unknown " + std::string(what) + " \"" + s + "\" (expected " + list + ")");
  return false;
}

// [SECTION] Fields

bool JsonReader::Bool(const Value& obj, const std::string& ptr, const char* key, bool* out) {
  const Value* v = Field(obj, ptr, key, false);
  return v && AsBool(*v, PointerJoin(ptr, key), out);
}

bool JsonReader::Integer(const Value& obj, const std::string& ptr, const char* key, int64_t min, int64_t max,
                         int64_t* out, const char* unit) {
  const Value* v = Field(obj, ptr, key, false);
  return v && AsInteger(*v, PointerJoin(ptr, key), min, max, out, unit);
}

bool JsonReader::Number(const Value& obj, const std::string& ptr, const char* key, double min, double max,
                        double* out, const char* unit) {
  const Value* v = Field(obj, ptr, key, false);
  return v && AsNumber(*v, PointerJoin(ptr, key), min, max, out, unit);
}

std::string JsonReader::Enum(const Value& obj, const std::string& ptr, const char* key, bool required,
                             std::span<const std::string_view> allowed, const char* what) {
  const Value* v = Field(obj, ptr, key, required);
  std::string out;
  if (v) AsEnum(*v, PointerJoin(ptr, key), allowed, what, &out);
  return out;
}

bool JsonReader::AsStrings(const Value& v, const std::string& ptr, std::vector<std::string>* out) {
  if (!IsArray(v, ptr)) return false;
  std::span<const Value> items = tree_->children(v);
  for (size_t i = 0; i < items.size(); ++i) {
    std::string s;
    if (AsString(items[i], PointerJoin(ptr, i), &s)) out->push_back(std::move(s));
  }
  return true;
}

std::vector<std::string> JsonReader::Strings(const Value& obj, const std::string& ptr, const char* key,
                                             bool required) {
  std::vector<std::string> out;
  const Value* v = Field(obj, ptr, key, required);
  if (!v) return out;
  const std::string here = PointerJoin(ptr, key);
  if (AsStrings(*v, here, &out) && required && out.empty() && v->size == 0) Error(here, "list is empty");
  return out;
}

// [SECTION] Unknown fields

void JsonReader::ReportUnknownFields(std::vector<LoadError>* out) {
  // Nearly always every member of every object read was asked for by name: nothing to name,
  // and no need to walk the tree again.
  if (!ok_ || std::all_of(objects_.begin(), objects_.end(), [](const ObjectState& s) {
        return s.any || s.asked == s.object->size;
      }))
    return;
  std::string pointer;
  ReportUnknownFields(tree_->root(), pointer, out ? out : errors_);
}

// From the root, through arrays and the known members of objects read: the unknown members in
// key order. `ptr` is one buffer extended and cut back on the way down.
void JsonReader::ReportUnknownFields(const Value& v, std::string& ptr, std::vector<LoadError>* out) {
  const size_t length = ptr.size();
  if (v.is_array()) {
    std::span<const Value> items = tree_->children(v);
    for (size_t i = 0; i < items.size(); ++i) {
      ptr += '/';
      ptr += std::to_string(i);
      ReportUnknownFields(items[i], ptr, out);
      ptr.resize(length);
    }
    return;
  }
  if (!v.is_object() || v.mark == 0) return;  // not an object, or never read
  const ObjectState& state = objects_[v.mark - 1];
  if (state.any) {  // a map: any key is fine, but what it maps to may be an object read by name
    for (const Value& member : tree_->children(v)) {
      PointerAppend(&ptr, tree_->key(member));
      ReportUnknownFields(member, ptr, out);
      ptr.resize(length);
    }
    return;
  }
  for (const Value& member : tree_->children(v)) {
    const std::string_view key = tree_->key(member);
    if (member.asked) {
      PointerAppend(&ptr, key);
      ReportUnknownFields(member, ptr, out);
      ptr.resize(length);
      continue;
    }
    std::vector<std::string_view> known;
    for (uint32_t k = state.known; k != 0; k = known_[k - 1].next) known.push_back(known_[k - 1].key);
    const std::string message = "unknown field \"" + std::string(key) + "\"" + DidYouMean(key, known);
    out->push_back(At(PointerJoin(ptr, key), message));
  }
}

}  // namespace qiao::support
