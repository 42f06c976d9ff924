// Renders DOT text to SVG or PNG with Graphviz's `dot`, when it is installed: the one program
// `caios graph` runs (docs/cli.md, `caios graph`).
#pragma once

#include <optional>
#include <string>

namespace caios {

// `format` is `svg` or `png`. Runs `dot` from PATH without a shell, on files in a private
// temporary folder that is removed afterwards. nullopt with `problem` set when `dot` is
// missing or fails.
std::optional<std::string> RenderWithGraphviz(const std::string& dot_text,
                                              const std::string& format, std::string& problem);

}  // namespace caios
