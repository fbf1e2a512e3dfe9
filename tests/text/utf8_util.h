// Shared by the Unicode conformance tests: code points from the test files -> UTF-8, with
// ICU's own encoder (unicode/utf8.h).
#pragma once

#include <unicode/utf8.h>

#include <cstdint>
#include <string>

namespace qiao::text {

inline void AppendUtf8(std::string* s, uint32_t c) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
  s->append(buf, static_cast<size_t>(n));
}

}  // namespace qiao::text
