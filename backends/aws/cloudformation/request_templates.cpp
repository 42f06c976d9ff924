#include "backends/aws/cloudformation/request_templates.h"

#include <cctype>
#include <string_view>

namespace caios::aws {
namespace {

// The execution's input is a JSON text inside the JSON request to Step Functions. `Once`
// escapes a JSON text for that outer string; `Twice` escapes a string value for the inner JSON
// and again for the outer string. `escapeJavaScript` also escapes `'`, which JSON does not
// know: each pass puts it back.
std::string Once(const std::string& vtl) {
  return "$util.escapeJavaScript(" + vtl + ").replaceAll(\"\\\\'\", \"'\")";
}
std::string Twice(const std::string& vtl) { return Once(Once(vtl)); }

// Names from the program that the template holds: path parameters (E0515) and flow parameters
// (identifiers) are letters, digits, `_` and `-`. Anything else would read as null rather than
// reach the template.
bool IsInert(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

// An object of strings from a map of the request (path, query string, headers).
std::string StringMap(const std::string& map) {
  return "{#foreach($caiosKey in " + map + ".keySet())\\\"" + Twice("$caiosKey") + "\\\": \\\"" +
         Twice(map + ".get($caiosKey)") + "\\\"#if($foreach.hasNext), #end#end}";
}

constexpr const char* kHead = "{\"stateMachineArn\": \"${StateMachineArn}\", \"input\": \"";
constexpr const char* kTail = "\"}";

// The whole request, std.http's `Request`.
std::string RequestTemplate(bool json_body) {
  std::string out = "#set($caiosRaw = \"$!input.body\")\n";
  out += kHead;
  out += "{\\\"body\\\": ";
  out += json_body ? "#if($caiosRaw.trim().isEmpty())null#else" + Once("$input.json('$')") + "#end"
                   : std::string("null");
  out += ", \\\"raw_body\\\": \\\"" + Twice("$caiosRaw") + "\\\"";
  out += ", \\\"path\\\": " + StringMap("$input.params().path");
  out += ", \\\"query\\\": " + StringMap("$input.params().querystring");
  out += ", \\\"headers\\\": " + StringMap("$input.params().header");
  out += "}";
  out += kTail;
  return out;
}

// Path parameters beside fields of the body, one per parameter of the flow. A field the body
// lacks (or an empty body) reads as null.
std::string PartsTemplate(const ir::RouteInput& input) {
  std::string head = "#set($caiosRaw = \"$!input.body\")\n";
  std::string body = "{";
  for (size_t i = 0; i < input.parts.size(); ++i) {
    const ir::RouteInput::Part& part = input.parts[i];
    if (!IsInert(part.name)) continue;
    if (body.size() > 1) body += ", ";
    body += "\\\"" + part.name + "\\\": ";
    if (part.path) {
      body += "\\\"" + Twice("$input.params().path.get('" + part.name + "')") + "\\\"";
      continue;
    }
    const std::string var = "$caiosField" + std::to_string(i);
    head += "#if(!$caiosRaw.trim().isEmpty())#set(" + var + " = $input.path('$." + part.name +
            "'))#end\n";
    body +=
        "#if(" + var + " == $null)null#else" + Once("$input.json('$." + part.name + "')") + "#end";
  }
  body += "}";
  return head + kHead + body + kTail;
}

}  // namespace

std::string StartRequestTemplate(const ir::RouteInput& input, bool json_body) {
  switch (input.kind) {
    case ir::RouteInput::Kind::kRequest:
      return RequestTemplate(json_body);
    case ir::RouteInput::Kind::kParts:
      return PartsTemplate(input);
    case ir::RouteInput::Kind::kBody:
      break;
  }
  // The request body as the execution's input.
  return std::string(kHead) + Once("$input.json('$')") + kTail;
}

}  // namespace caios::aws
