// UTF-8 helpers every phase may use.
#pragma once

#include <cstddef>
#include <string>

namespace caios {

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string Clip(std::string text, size_t limit);

}  // namespace caios
