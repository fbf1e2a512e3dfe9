// Typed reading of a JSON file that records every problem and keeps going: each field is asked
// for by name and type, a wrong or missing one becomes a LoadError naming file, line:column and
// JSON pointer ("settings.json:3:5: /speechRate: expected a whole number from 80 to 300 (words
// per minute)"), and the caller keeps its default for that field only. Fields nobody asked for
// are named afterwards, with the closest known name ("unknown field \"titel\" (did you mean
// \"title\"?)"). Never throws (the browser build cannot catch exceptions).
//
// Every JSON reader of the kiosk is one of these: packs (content/pack.cpp adds ids, texts,
// colours), UI catalogs and locales.json (i18n), settings and kiosk configuration (ui/settings),
// resume codes (ui/resume), recorded clips (accessibility/announcer).
//
//   std::vector<support::LoadError> errors;
//   support::JsonReader r(bytes, path, &errors);
//   if (!r.ok() || !r.IsObject(r.root(), "")) return defaults;   // syntax error recorded
//   r.Integer(r.root(), "", "speechRate", 80, 300, &settings.speech_rate, "words per minute");
//   r.Members(r.root(), "", "scores", false, [&](std::string_view key, const auto& v, const std::string& p) {
//     int64_t n;
//     if (r.AsInteger(v, p, 0, 100, &n)) scores[std::string(key)] = n;
//   });
//   r.ReportUnknownFields();
//
// Pointers: every call names the object's pointer (`ptr`, "" for the root) and the member's key;
// the member's pointer is PointerJoin(ptr, key). Keys are string literals (kept by pointer).
#pragma once

#include "support/json_source.h"
#include "support/json_tree.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::support {

class JsonReader {
 public:
  using Value = JsonTree::Value;

  // Parses `bytes` and reads them; ok() is false when they are not JSON (the syntax error is
  // in `errors`). `bytes` must outlive the reader: positions are looked up in them on the first
  // problem.
  JsonReader(std::string_view bytes, std::string file, std::vector<LoadError>* errors);
  // Reads a tree the caller parsed (the pack loader moves strings out of its tree).
  JsonReader(JsonTree& tree, std::string_view bytes, std::string file, std::vector<LoadError>* errors);
  ~JsonReader();
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  bool ok() const { return ok_; }
  const Value& root() const { return tree_->root(); }
  JsonTree& tree() { return *tree_; }
  const std::string& file() const { return file_; }

  // --- Problems -----------------------------------------------------------------------------
  // Records a problem at `pointer` (positioned: the value, or a member's key).
  void Error(const std::string& pointer, std::string message);
  size_t error_count() const { return errors_->size(); }

  // --- Values -------------------------------------------------------------------------------
  // Each checks one value found at `ptr`; when it is of the wrong type or out of range it records
  // why and returns false, leaving *out as it was.
  bool IsObject(const Value& v, const std::string& ptr);
  bool IsArray(const Value& v, const std::string& ptr);
  bool AsString(const Value& v, const std::string& ptr, std::string* out);
  bool AsBool(const Value& v, const std::string& ptr, bool* out);
  // A whole number within [min, max]; `unit` (if given) is named in the message.
  bool AsInteger(const Value& v, const std::string& ptr, int64_t min, int64_t max, int64_t* out,
                 const char* unit = nullptr);
  template <typename Int>
  bool AsInteger(const Value& v, const std::string& ptr, int64_t min, int64_t max, Int* out,
                 const char* unit = nullptr) {
    int64_t n = 0;
    if (!AsInteger(v, ptr, min, max, &n, unit)) return false;
    *out = static_cast<Int>(n);
    return true;
  }
  // Any number within [min, max].
  bool AsNumber(const Value& v, const std::string& ptr, double min, double max, double* out,
                const char* unit = nullptr);
  // A list of strings; an element that is not a string is recorded and skipped. False (and *out
  // untouched) when `v` is not a list.
  bool AsStrings(const Value& v, const std::string& ptr, std::vector<std::string>* out);
  // A string that is one of `allowed` ("unknown theme \"dark\" (expected standard or
  // high-contrast)"; with a "did you mean" when one is close).
  bool AsEnum(const Value& v, const std::string& ptr, std::span<const std::string_view> allowed,
              const char* what, std::string* out);

  // --- Fields of an object ------------------------------------------------------------------
  // The member `key` of `obj` (at `ptr`), or nullptr; a missing required member is recorded.
  // Asking makes `key` a known field of `obj` whether or not it is there.
  const Value* Field(const Value& obj, const std::string& ptr, const char* key, bool required) {
    ObjectState& state = State(obj);
    known_.push_back({key, state.known});
    state.known = static_cast<uint32_t>(known_.size());
    const Value* v = tree_->find(obj, key);
    if (!v) {
      if (required) MissingField(ptr, key);
      return nullptr;
    }
    if (!v->asked) {
      v->asked = true;
      ++state.asked;
    }
    return v;
  }

  // The string at `key`; `present` (if given) tells whether it was there and a string.
  std::string String(const Value& obj, const std::string& ptr, const char* key, bool required,
                     bool* present = nullptr) {
    if (present) *present = false;
    const Value* v = Field(obj, ptr, key, required);
    if (!v) return {};
    if (!v->is_string()) {
      WrongType(PointerJoin(ptr, key), "a string", *v);
      return {};
    }
    if (present) *present = true;
    return tree_->string(*v);
  }

  // Optional fields that leave *out (the caller's default) alone when absent or wrong; true
  // when *out was set.
  bool Bool(const Value& obj, const std::string& ptr, const char* key, bool* out);
  bool Integer(const Value& obj, const std::string& ptr, const char* key, int64_t min, int64_t max,
               int64_t* out, const char* unit = nullptr);
  template <typename Int>
  bool Integer(const Value& obj, const std::string& ptr, const char* key, int64_t min, int64_t max,
               Int* out, const char* unit = nullptr) {
    const Value* v = Field(obj, ptr, key, false);
    return v && AsInteger(*v, PointerJoin(ptr, key), min, max, out, unit);
  }
  bool Number(const Value& obj, const std::string& ptr, const char* key, double min, double max,
              double* out, const char* unit = nullptr);
  // The string at `key` if it is one of `allowed`; "" when absent or wrong (the problem recorded).
  std::string Enum(const Value& obj, const std::string& ptr, const char* key, bool required,
                   std::span<const std::string_view> allowed, const char* what);

  // Each element of the list at `key`, with its pointer.
  template <typename Fn>
  void Array(const Value& obj, const std::string& ptr, const char* key, bool required, Fn&& each) {
    const Value* v = Field(obj, ptr, key, required);
    if (!v) return;
    std::string here = PointerJoin(ptr, key);
    if (!v->is_array()) {
      WrongType(here, "a list", *v);
      return;
    }
    if (required && v->size == 0) Error(here, "list is empty");
    std::span<const Value> items = tree_->children(*v);
    for (size_t i = 0; i < items.size(); ++i) each(items[i], PointerJoin(here, i));
  }

  // The strings of the list at `key`; an element that is not a string is recorded and skipped.
  std::vector<std::string> Strings(const Value& obj, const std::string& ptr, const char* key, bool required);

  // Each member of the object at `key` as a map (any key is fine): each(key, value, pointer).
  template <typename Fn>
  void Members(const Value& obj, const std::string& ptr, const char* key, bool required, Fn&& each) {
    const Value* v = Field(obj, ptr, key, required);
    if (!v) return;
    std::string here = PointerJoin(ptr, key);
    if (!IsObject(*v, here)) return;
    ForEachMember(*v, here, each);
  }
  // The same for an object already in hand (e.g. the root).
  template <typename Fn>
  void ForEachMember(const Value& object, const std::string& ptr, Fn&& each) {
    MarkAllKnown(object);
    for (const Value& member : tree_->children(object)) {
      const std::string_view key = tree_->key(member);
      each(key, member, PointerJoin(ptr, key));
    }
  }

  // --- Unknown fields -----------------------------------------------------------------------
  // Any member of `obj` is fine (a map read by the caller itself).
  void MarkAllKnown(const Value& obj) { State(obj).any = true; }
  // Names every member of an object read by name that nobody asked for, with the closest known
  // field ("did you mean"), in `out` (default: the errors). Objects never read are not judged.
  void ReportUnknownFields(std::vector<LoadError>* out = nullptr);

 private:
  // What the reader asked of an object: the fields it knows (a list in known_, for "did you
  // mean"), how many of its members those are, or that any key is fine. Value::mark is 1 + the
  // object's index in objects_.
  struct ObjectState {
    const Value* object;
    bool any = false;
    uint32_t asked = 0;  // members asked for by name
    uint32_t known = 0;  // 1 + the last of its known_ entries; 0 = none
  };
  struct Known {
    const char* key;
    uint32_t next;  // 1 + the object's previous entry; 0 = none
  };

  ObjectState& State(const Value& obj) {
    if (obj.mark == 0) {
      objects_.push_back({&obj});
      obj.mark = static_cast<uint32_t>(objects_.size());
    }
    return objects_[obj.mark - 1];
  }
  LoadError At(const std::string& pointer, std::string message);  // positioned
  void MissingField(const std::string& ptr, const char* key);
  void WrongType(const std::string& pointer, const char* expected, const Value& found);
  void ReportUnknownFields(const Value& v, std::string& ptr, std::vector<LoadError>* out);

  std::unique_ptr<JsonTree> owned_tree_;  // the first constructor's
  JsonTree* tree_;
  std::string_view bytes_;
  std::string file_;
  std::vector<LoadError>* errors_;
  bool ok_ = true;
  std::unique_ptr<JsonDocument> doc_;  // source positions, made on the first problem
  std::vector<ObjectState> objects_;
  std::vector<Known> known_;
};

}  // namespace qiao::support
