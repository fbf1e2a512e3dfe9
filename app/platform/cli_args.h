// Command-line helper shared by qiao-kiosk's option parsers (main.cpp, render_text.cpp).
#pragma once

#include <cstdio>
#include <string>

namespace qiao::platform {

// For an option that takes a value: moves `*i` to the value and stores it, or says which
// option lacks one and returns false.
inline bool TakeOptionValue(int argc, char** argv, int* i, std::string* out) {
  if (*i + 1 >= argc) {
    std::fprintf(stderr, "qiao-kiosk: %s needs a value\n", argv[*i]);
    return false;
  }
  *out = argv[++*i];
  return true;
}

}  // namespace qiao::platform
