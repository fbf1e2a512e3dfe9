// The check that a bundle (`qiao-pack bundle` output) is content the kiosk can show: it parses,
// says bundleVersion 1, and every pack in it loads with content::LoadPack, the kiosk's own pack
// loader, without a single error. Run before a bundle is switched in, so a kiosk never switches
// to content it would show broken.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qiao::channel {

inline constexpr int kBundleVersion = 1;

// True when `bytes` is a complete, loadable bundle; otherwise each problem in `errors`, named
// after `name` (e.g. "QIAO/bundles/ab12....qbundle.zst: /packs/2: ...").
bool ValidateBundle(std::string_view bytes, const std::string& name, std::vector<std::string>* errors,
                    size_t* pack_count = nullptr);

}  // namespace qiao::channel
