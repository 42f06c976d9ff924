#include "compiler/base/utf8.h"

namespace caios {

std::string Clip(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit;
  // Back up over continuation bytes (10xxxxxx) to the start of the sequence at the cut.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

}  // namespace caios
