// What the CLI reads from its surroundings: the stdlib folder, whether a stream is a terminal,
// and whether colour is wanted.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace caios {

// The stdlib folder: `option` (--stdlib) if given, else $CAIOS_STDLIB, else
// <executable dir>/../share/caios/stdlib when it exists, else the source tree's stdlib/.
// An explicitly named folder that does not exist sets `problem` and returns nullopt.
std::optional<std::filesystem::path> FindStdlibDir(const std::string& option, std::string& problem);

// The local cloud's runner folder (localcloud/ of the repository, holding run.py) for
// `caios run`: $CAIOS_LOCALCLOUD if set, else <executable dir>/../share/caios/localcloud when it
// exists, else the source tree's localcloud/. A named folder without run.py sets `problem`.
std::optional<std::filesystem::path> FindLocalCloudDir(std::string& problem);

// True when `stream` is std::cout/std::cerr/std::clog and that descriptor is a terminal.
bool IsTerminal(const std::ostream& stream);

// Colour on a terminal unless NO_COLOR is set (and non-empty) or TERM is "dumb".
bool WantColorAuto(const std::ostream& stream);

}  // namespace caios
