#include "backends/graph/tones.h"

namespace caios::graph {

Colors ColorsOf(Tone tone) {
  switch (tone) {
    case Tone::kPlain:
      return {"#f6f8fa", "#57606a"};
    case Tone::kStorage:
      return {"#ddf4ff", "#0969da"};
    case Tone::kBus:
      return {"#fff8c5", "#9a6700"};
    case Tone::kCompute:
      return {"#fbefff", "#8250df"};
    case Tone::kFlow:
      return {"#dafbe1", "#1a7f37"};
    case Tone::kPort:
      return {"#ffeff7", "#bf3989"};
    case Tone::kExternal:
      return {"#eaeef2", "#424a53"};
    case Tone::kSucceed:
      return {"#dafbe1", "#1a7f37"};
    case Tone::kFail:
      return {"#ffebe9", "#cf222e"};
    case Tone::kMark:
      return {"#ffffff", "#24292f"};
  }
  return {"#ffffff", "#24292f"};
}

const char* ClassOf(Tone tone) {
  switch (tone) {
    case Tone::kPlain:
      return "plain";
    case Tone::kStorage:
      return "storage";
    case Tone::kBus:
      return "bus";
    case Tone::kCompute:
      return "compute";
    case Tone::kFlow:
      return "flow";
    case Tone::kPort:
      return "port";
    case Tone::kExternal:
      return "external";
    case Tone::kSucceed:
      return "succeed";
    case Tone::kFail:
      return "fail";
    case Tone::kMark:
      return "mark";
  }
  return "plain";
}

}  // namespace caios::graph
