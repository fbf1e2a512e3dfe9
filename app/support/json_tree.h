// A compact JSON tree for readers that read each value once and move its strings out
// (JsonReader, json_reader.h: packs, catalogs, settings).
// nlohmann/json parses (the same syntax accepted, the same parse errors), but instead of its DOM
// (a map node per member, a string object per string, all freed one by one afterwards) the
// values go into one array and the strings into another: building it is a few appends per
// value, freeing it a few vector frees. As in nlohmann's DOM, the members of an object are
// sorted by key (byte order) and a repeated key keeps its last value.
#pragma once

#include "support/json_source.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::support {

class JsonTree {
 public:
  enum class Type : uint8_t { kNull, kBoolean, kInteger, kUnsigned, kFloat, kString, kArray, kObject };

  struct Value {
    Type type = Type::kNull;
    bool boolean = false;
    // JsonReader's bookkeeping (which members it asked for by name, what it knows about each
    // object it read); zero after parsing.
    mutable bool asked = false;
    mutable uint32_t mark = 0;
    uint32_t key_at = 0, key_size = 0;  // a member's key, in keys_
    uint32_t first = 0;  // array, object: first child in values_; string: index in strings_
    uint32_t size = 0;   // array, object: number of children
    union {
      int64_t integer;
      uint64_t unsigned_integer;
      double floating;
    } number{};

    bool is_null() const { return type == Type::kNull; }
    bool is_boolean() const { return type == Type::kBoolean; }
    bool is_number() const { return type == Type::kInteger || type == Type::kUnsigned || type == Type::kFloat; }
    bool is_string() const { return type == Type::kString; }
    bool is_array() const { return type == Type::kArray; }
    bool is_object() const { return type == Type::kObject; }
    // As nlohmann::json::type_name(): "object", "array", "string", "number", "boolean", "null".
    const char* type_name() const;
    // A number as nlohmann's get<double>() / get<float>() convert it; 0 if not a number.
    double as_double() const;
    float as_float() const;
  };

  // Parses `bytes`. Never throws. On failure, `error` names file, line:column and the pointer of
  // the value being read, exactly as ParseJsonWithPositions does.
  bool Parse(std::string_view bytes, const std::string& file, LoadError* error);

  const Value& root() const { return values_.back(); }
  // An array's elements, or an object's members in key order.
  std::span<const Value> children(const Value& v) const {
    return {values_.data() + v.first, v.size};
  }
  std::string_view key(const Value& member) const { return {keys_.data() + member.key_at, member.key_size}; }
  // The member of `object` named `name`, or nullptr (also when `object` is not an object).
  const Value* find(const Value& object, std::string_view name) const;
  // A string's text; the loader may move it out (each value is read once).
  std::string& string(const Value& v) { return strings_[v.first]; }

 private:
  friend class JsonTreeBuilder;
  std::vector<Value> values_;  // every container's children contiguous; the root last
  std::vector<std::string> strings_;
  std::string keys_;
};

}  // namespace qiao::support
