#include "backends/aws/asl/payload_check.h"

#include "backends/aws/common/json_writer.h"
#include "fmt/format.h"

namespace caios::aws {

size_t MinimumJsonSize(const ir::Value& v) {
  using K = ir::ValueKind;
  switch (v.kind) {
    case K::kNull:
      return 4;
    case K::kBool:
      return v.boolean ? 4 : 5;
    case K::kInt:
      return std::to_string(v.integer).size();
    case K::kNumber:
      return fmt::format("{}", v.number).size();
    case K::kString:
      return JsonWriter::StringSize(v.text);
    case K::kObject: {
      size_t size = 2;
      for (size_t i = 0; i < v.keys.size(); ++i) {
        size += JsonWriter::StringSize(v.keys[i]) + 2 + MinimumJsonSize(*v.children[i]);
      }
      return size;
    }
    case K::kArray: {
      size_t size = 2;
      for (const ir::ValuePtr& e : v.children) size += MinimumJsonSize(*e) + 1;
      return size;
    }
    case K::kConcat: {
      size_t size = 2;  // the quotes of the resulting string
      for (const ir::ValuePtr& part : v.children) {
        if (part->kind == K::kString) size += JsonWriter::StringSize(part->text) - 2;
      }
      return size;
    }
    default:
      return 0;  // computed when the flow runs
  }
}

namespace {

void Report(DiagnosticSink& sink, Span span, size_t bytes, std::string_view what) {
  sink.Emit(span, diag::PayloadTooLarge, what, (bytes + 1023) / 1024)
      .Note("keep large data in a bucket or table and pass its key instead");
}

}  // namespace

void CheckPayloads(const ir::Flow& flow, DiagnosticSink& sink) {
  for (const ir::State& s : flow.graph.states) {
    if (s.action) {
      size_t total = 0;
      for (const auto& [name, value] : s.action->args) total += MinimumJsonSize(*value);
      if (total > kMaxPayloadBytes) Report(sink, s.span, total, "the input of this task");
    }
    size_t assigned = 0;
    for (const ir::Assignment& a : s.assign) assigned += MinimumJsonSize(*a.value);
    if (assigned > kMaxPayloadBytes) Report(sink, s.span, assigned, "the value assigned here");
    if (s.output) {
      size_t out = MinimumJsonSize(*s.output);
      if (out > kMaxPayloadBytes)
        Report(sink, s.output->span.valid() ? s.output->span : s.span, out, "this value");
    }
  }
}

}  // namespace caios::aws
