// The colours of the diagrams' tones, shared by both notations so that a Mermaid picture and a
// Graphviz one of the same program look alike.
#pragma once

#include "backends/graph/diagram.h"

namespace caios::graph {

struct Colors {
  const char* fill;
  const char* stroke;
};

// Light fills with dark strokes and text: readable on GitHub's light and dark themes alike.
Colors ColorsOf(Tone tone);
// The Mermaid class name of a tone (`storage`, `bus`, ...).
const char* ClassOf(Tone tone);

}  // namespace caios::graph
