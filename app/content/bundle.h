// A bundle (`qiao-pack bundle` output; what a content channel carries and qiao-update installs
// as ROOT/current/bundle.qbundle): every pack of a library in one JSON file, plus, per locale,
// the titles in collation order with their sort keys and search keys precomputed, so the
// kiosk (and the browser) need neither ICU's collation nor its transliteration to list and
// search them. Loaded here into the same Library a folder of packs gives.
//
//   {"bundleVersion": 1, "packs": [<pack>, ...],
//    "index": {"zh-Hans": [{"route": "lesson/wechat-pay", "title": "...", "lang": "zh-Hans",
//                           "sortKey": "<hex>", "search": [["社", "she", "s"?...], ...],
//                           "summarySearch": [...] (optional)}, ...], ...}}
#pragma once

#include "content/pack.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::content {

inline constexpr int kBundleVersion = 1;
// As a channel allows (app/channel: 256 MiB uncompressed); a real library is a few hundred KiB.
inline constexpr size_t kMaxBundleBytes = size_t{256} << 20;

// One title of a locale's index, as `qiao-pack bundle` computed it.
struct BundleEntry {
  std::string route;     // "lesson/<id>" or "guide/<id>"
  std::string sort_key;  // ICU collation sort key, hex: comparing keys orders the titles
  // The search key of the title (and, when the bundle has it, of the summary): for each letter
  // or character, what may stand for it (i18n::SearchKey's units; a Han character lists its
  // toneless readings after itself).
  std::vector<std::vector<std::string>> title_search, summary_search;
  bool has_summary_search = false;
};

// Per locale tag, that locale's titles in its collation order.
using BundleIndex = std::map<std::string, std::vector<BundleEntry>>;

struct Bundle {
  // The packs. Errors name the bundle file, line:column and the pointer into it
  // ("current/bundle.qbundle:1:5120: /packs/2/lessons/0/steps/1/question: missing ..."); a
  // broken lesson or pack is skipped and the rest loads, as from a folder.
  Library library;
  BundleIndex index;
};

// Parses and loads a bundle's bytes; `file` names it in errors.
Bundle LoadBundle(std::string_view bytes, const std::string& file);
// Reads the file (at most kMaxBundleBytes) and loads it.
Bundle LoadBundleFile(const std::string& path);

}  // namespace qiao::content
