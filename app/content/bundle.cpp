#include "content/bundle.h"

#include "support/files.h"
#include "support/json_source.h"

namespace qiao::content {

namespace {

using support::JsonDocument;
using support::PointerJoin;

// A search key as the bundle writes it: a list of units, each a list of strings. False (and
// the problem recorded) when it is anything else.
bool ReadSearchKey(const JsonDocument& doc, const nlohmann::json& v, const std::string& ptr,
                   std::vector<std::vector<std::string>>* out, std::vector<LoadError>* errors) {
  if (!v.is_array()) {
    errors->push_back(doc.MakeError(ptr, "expected a list of units (each a list of strings)"));
    return false;
  }
  for (size_t u = 0; u < v.size(); ++u) {
    const nlohmann::json& unit = v[u];
    bool ok = unit.is_array() && !unit.empty();
    for (const nlohmann::json& alt : unit) ok = ok && alt.is_string() && !alt.get_ref<const std::string&>().empty();
    if (!ok) {
      errors->push_back(doc.MakeError(PointerJoin(ptr, u), "expected a non-empty list of non-empty strings"));
      return false;
    }
    std::vector<std::string>& alternatives = out->emplace_back();
    for (const nlohmann::json& alt : unit) alternatives.push_back(alt.get<std::string>());
  }
  return true;
}

void ReadIndex(const JsonDocument& doc, const nlohmann::json& index, Bundle* bundle) {
  std::vector<LoadError>& errors = bundle->library.errors;
  for (const auto& [tag, entries] : index.items()) {
    const std::string ptr = PointerJoin("/index", tag);
    if (!entries.is_array()) {
      errors.push_back(doc.MakeError(ptr, "expected a list of titles"));
      continue;
    }
    std::vector<BundleEntry> out;
    for (size_t i = 0; i < entries.size(); ++i) {
      const nlohmann::json& e = entries[i];
      const std::string here = PointerJoin(ptr, i);
      auto route = e.find("route");
      auto sort_key = e.find("sortKey");
      auto search = e.find("search");
      if (!e.is_object() || route == e.end() || !route->is_string() || sort_key == e.end() ||
          !sort_key->is_string() || search == e.end()) {
        errors.push_back(doc.MakeError(here, "expected {\"route\", \"sortKey\", \"search\"}"));
        continue;
      }
      BundleEntry entry{route->get<std::string>(), sort_key->get<std::string>(), {}, {}, false};
      if (!ReadSearchKey(doc, *search, PointerJoin(here, "search"), &entry.title_search, &errors)) continue;
      if (auto summary = e.find("summarySearch"); summary != e.end())
        entry.has_summary_search =
            ReadSearchKey(doc, *summary, PointerJoin(here, "summarySearch"), &entry.summary_search, &errors);
      out.push_back(std::move(entry));
    }
    bundle->index[tag] = std::move(out);
  }
}

}  // namespace

Bundle LoadBundle(std::string_view bytes, const std::string& file) {
  Bundle bundle;
  std::vector<LoadError>& errors = bundle.library.errors;
  support::JsonParseResult parsed = support::ParseJsonWithPositions(bytes, file);
  if (!parsed.ok) {
    errors.push_back(std::move(parsed.error));
    return bundle;
  }
  const JsonDocument& doc = parsed.doc;
  const nlohmann::json& root = doc.root;
  if (!root.is_object()) {
    errors.push_back(doc.MakeError("", "not a bundle (expected a JSON object, as `qiao-pack bundle` writes)"));
    return bundle;
  }
  auto version = root.find("bundleVersion");
  if (version == root.end() || !version->is_number_integer() || *version != kBundleVersion) {
    errors.push_back(doc.MakeError(
        version == root.end() ? "" : "/bundleVersion",
        "this kiosk reads bundle version " + std::to_string(kBundleVersion) +
            (version == root.end() ? "; the field is missing" : "; the bundle says " + version->dump())));
    return bundle;
  }
  auto packs = root.find("packs");
  if (packs == root.end() || !packs->is_array()) {
    errors.push_back(doc.MakeError(packs == root.end() ? "" : "/packs", "a bundle needs a list of packs at /packs"));
    return bundle;
  }
  for (size_t i = 0; i < packs->size(); ++i) {
    // The pack loader reads bytes: each pack is given back to it as the bytes it was in the
    // bundle (`qiao-pack bundle` writes them with the same dump), and its complaints are moved
    // to where they are in the bundle file.
    const std::string at = PointerJoin("/packs", i);
    PackResult r = LoadPack((*packs)[i].dump(), file);
    for (LoadError& e : r.errors) {
      LoadError moved = doc.MakeError(at + e.pointer, std::move(e.message));
      errors.push_back(std::move(moved));
    }
    if (r.loaded) bundle.library.packs.push_back(std::move(r.pack));
  }
  if (auto index = root.find("index"); index != root.end() && index->is_object()) ReadIndex(doc, *index, &bundle);
  else errors.push_back(doc.MakeError(index == root.end() ? "" : "/index", "missing the per-locale list of titles at /index"));
  return bundle;
}

Bundle LoadBundleFile(const std::string& path) {
  std::string bytes, error;
  if (!support::ReadFile(path, &bytes, &error, kMaxBundleBytes)) {
    Bundle bundle;
    bundle.library.errors.push_back({path, 0, 0, "", error});
    return bundle;
  }
  return LoadBundle(bytes, path);
}

}  // namespace qiao::content
