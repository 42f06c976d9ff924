#include "backends/aws/asl/execution_names.h"

#include <string>
#include <string_view>

#include "fmt/format.h"

namespace caios::aws {

namespace {

// What the character at the start of `s` (UTF-8) is when Step Functions refuses it in a name,
// else empty; `length` gets its byte length.
std::string Refused(std::string_view s, size_t& length) {
  const auto c = static_cast<unsigned char>(s[0]);
  length = 1;
  if (c >= 0xC0) {
    length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (length > s.size()) length = s.size();
    // U+0080–U+009F (C1 controls) are C2 80–C2 9F; U+00A0 and U+2000-range spaces are white
    // space too, but the API names only "white space": the ASCII ones and those below.
    if (c == 0xC2 && s.size() > 1 && static_cast<unsigned char>(s[1]) <= 0x9F) {
      return "a control character";
    }
    return {};
  }
  if (c < 0x20 || c == 0x7F) return "a control character";
  if (c == ' ') return "a space";
  constexpr std::string_view kRefused = "<>{}[]?*\"#%\\^|~`$&,;:/";
  if (kRefused.find(static_cast<char>(c)) != std::string_view::npos) {
    return fmt::format("`{}`", static_cast<char>(c));
  }
  return {};
}

void CheckName(const ir::Value& name, Span fallback, DiagnosticSink& sink) {
  if (name.kind != ir::ValueKind::kString) return;  // known only when it runs
  const Span span = name.span.valid() ? name.span : fallback;
  size_t chars = 0;
  for (size_t i = 0; i < name.text.size();) {
    size_t length = 1;
    std::string what = Refused(std::string_view(name.text).substr(i), length);
    if (!what.empty()) {
      sink.Emit(span, diag::ExecutionNameCharacter, what);
      return;
    }
    i += length;
    ++chars;
  }
  if (chars == 0 || chars > kMaxExecutionNameChars) {
    sink.Emit(span, diag::ExecutionNameLength, chars, kMaxExecutionNameChars);
  }
}

}  // namespace

void CheckExecutionNames(const ir::Flow& flow, DiagnosticSink& sink) {
  for (const ir::State& state : flow.graph.states) {
    if (state.action && state.action->execution_name) {
      CheckName(*state.action->execution_name, state.span, sink);
    }
  }
}

}  // namespace caios::aws
