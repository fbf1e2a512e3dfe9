#include "channel/bundle.h"

#include "content/pack.h"

#include <nlohmann/json.hpp>

namespace qiao::channel {

bool ValidateBundle(std::string_view bytes, const std::string& name, std::vector<std::string>* errors,
                    size_t* pack_count) {
  const size_t before = errors->size();
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    errors->push_back(name + ": not a bundle (not a JSON object)");
    return false;
  }
  auto version = doc.find("bundleVersion");
  if (version == doc.end() || !version->is_number_integer() || *version != kBundleVersion) {
    errors->push_back(name + ": /bundleVersion: this kiosk reads bundle version " + std::to_string(kBundleVersion) +
                      (version == doc.end() ? "; the field is missing" : "; the bundle says " + version->dump()));
    return false;
  }
  auto packs = doc.find("packs");
  if (packs == doc.end() || !packs->is_array() || packs->empty()) {
    errors->push_back(name + ": /packs: a bundle needs a non-empty array of packs");
    return false;
  }
  if (auto index = doc.find("index"); index == doc.end() || !index->is_object())
    errors->push_back(name + ": /index: missing (the per-locale list of titles)");
  for (size_t i = 0; i < packs->size(); ++i) {
    // The kiosk's loader reads pack bytes; each pack is given back to it as the bytes it was.
    const std::string pack_name = name + "#/packs/" + std::to_string(i);
    content::PackResult r = content::LoadPack((*packs)[i].dump(), pack_name);
    if (!r.loaded) errors->push_back(pack_name + ": the pack does not load");
    for (const support::LoadError& e : r.errors) errors->push_back(e.ToString());
  }
  if (pack_count) *pack_count = packs->size();
  return errors->size() == before;
}

}  // namespace qiao::channel
