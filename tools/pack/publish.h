// `qiao-pack publish` and `qiao-pack verify`: a signed channel folder from packs, and the check a
// kiosk makes of one (app/channel/). Called from main.cpp; return the process exit status.
#pragma once

#include <string>

namespace qiao::tools {

int PublishCommand(int argc, char** argv, const std::string& default_locales);
int VerifyCommand(int argc, char** argv);

}  // namespace qiao::tools
