// Fuzz target: a UI catalog's bytes -> parsed catalog -> every message formatted with ICU.
#include "i18n/i18n.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  qiao::i18n::Catalog catalog;
  std::vector<qiao::support::LoadError> errors;
  const char* tag = size > 0 && (data[0] & 1) ? "ug" : "zh-Hans";
  if (qiao::i18n::ParseCatalog(bytes, "fuzz.json", tag, &catalog, &errors)) {
    for (const auto& [key, pattern] : catalog.strings) {
      std::string out;
      qiao::i18n::FormatMessage(pattern, tag, {{"count", 3.0}, {"title", std::string("x")}}, &out);
    }
  }
  return 0;
}
