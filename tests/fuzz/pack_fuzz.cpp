// Fuzz target: pack bytes -> JSON with positions -> content model -> validation. Nothing a pack
// holds may crash, hang or leak the kiosk.
#include "content/pack.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  qiao::content::PackResult r = qiao::content::LoadPack(bytes, "fuzz.pack.json");
  for (const auto& e : r.errors) (void)e.ToString();
  // Exercise what the UI does with a loaded pack: resolve every title.
  std::vector<std::string> chain = {"ug", "zh-Hans", "en"};
  for (const auto& l : r.pack.lessons) (void)l.title.Resolve(chain);
  return 0;
}
