#include "backends/aws/cloudformation/response_templates.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace caios::aws {
namespace {

// A failed or timed-out execution: 500 (504) with its error and cause. `escapeJavaScript` also
// escapes `'`, which JSON does not know: it is put back.
constexpr const char* kFailed =
    "#if($status == \"TIMED_OUT\")\n"
    "#set($context.responseOverride.status = 504)\n"
    "#else\n"
    "#set($context.responseOverride.status = 500)\n"
    "#end\n"
    "{\"error\": \"$util.escapeJavaScript($input.path('$.error')).replaceAll(\"\\\\'\", \"'\")\", "
    "\"cause\": \"$util.escapeJavaScript($input.path('$.cause')).replaceAll(\"\\\\'\", \"'\")\"}\n";

// The flow's output (a JSON text) as the answer.
constexpr const char* kOutput = "$input.path('$.output')\n";

// A `response` flow's answer. `status * 1` is a number only for a number (Velocity leaves the
// variable as it was otherwise); its text must be a whole number from 100 to 599, and the
// status is computed from its digits, so API Gateway gets an integer whatever the number's
// Java type. Each line ends with `##` (a comment that takes the line break), so the body is
// sent exactly as the flow wrote it.
constexpr const char* kAnswerHead =
    "#set($caiosAnswer = $util.parseJson($input.path('$.output')))##\n"
    "#set($caiosCode = \"\")##\n"
    "#set($caiosCode = $caiosAnswer.status * 1)##\n"
    "#set($caiosCode = \"$caiosCode\")##\n"
    "#if($caiosCode.matches(\"[1-5][0-9][0-9]([.]0+)?\"))##\n"
    "#set($caiosDigits = \"0123456789\")##\n"
    "#set($context.responseOverride.status = $caiosDigits.indexOf($caiosCode.substring(0, 1)) * "
    "100 + $caiosDigits.indexOf($caiosCode.substring(1, 2)) * 10 + "
    "$caiosDigits.indexOf($caiosCode.substring(2, 3)))##\n";

// After the headers: the body as the flow wrote it (none when absent or null), or 500 when the
// status is not one.
constexpr const char* kAnswerTail =
    "#set($caiosBody = $caiosAnswer.body)##\n"
    "$!caiosBody##\n"
    "#{else}##\n"
    "#set($context.responseOverride.status = 500)##\n"
    "{\"error\": \"InvalidStatus\", \"cause\": \"the flow answered with a status that is not a "
    "whole number from 100 to 599\"}##\n"
    "#{end}##\n";

// One header: set when the flow gave it a value that is not null or empty. Control characters
// (CR and LF among them) are replaced by spaces, as RFC 9110 lets a recipient do, so that no
// value can end the header.
std::string SetHeader(const std::string& name) {
  return "#set($caiosValue = \"\")##\n"
         "#set($caiosValue = $caiosAnswer.headers.get(\"" +
         name +
         "\"))##\n"
         "#set($caiosValue = \"$caiosValue\")##\n"
         "#if($caiosValue != \"\")##\n"
         "#set($context.responseOverride.header." +
         name +
         " = $caiosValue.replaceAll(\"\\p{Cntrl}\", \" \"))##\n"
         "#{end}##\n";
}

// Headers API Gateway may remap to `X-Amzn-Remapped-NAME`, overwrite or drop when an
// integration sends them back ("Amazon API Gateway important notes for REST APIs").
constexpr std::string_view kRemapped[] = {"Accept",
                                          "Accept-Charset",
                                          "Accept-Encoding",
                                          "Age",
                                          "Authorization",
                                          "Connection",
                                          "Content-Encoding",
                                          "Content-Length",
                                          "Content-MD5",
                                          "Date",
                                          "Expect",
                                          "Host",
                                          "Max-Forwards",
                                          "Pragma",
                                          "Proxy-Authenticate",
                                          "Range",
                                          "Referer",
                                          "Server",
                                          "TE",
                                          "Trailer",
                                          "Transfer-Encoding",
                                          "Upgrade",
                                          "User-Agent",
                                          "Via",
                                          "Warn",
                                          "WWW-Authenticate"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Why API Gateway keeps `name` to itself, or nullptr.
const char* ReservedReason(std::string_view name) {
  const std::string lower = Lower(name);
  if (lower == "content-type") {
    return "is the route's: a `response` route answers with `application/json`";
  }
  if (lower.rfind("x-amz-", 0) == 0 || lower.rfind("x-amzn-", 0) == 0) {
    return "is AWS's: API Gateway keeps the `X-Amz-` and `X-Amzn-` names";
  }
  for (std::string_view r : kRemapped) {
    if (Lower(r) == lower) {
      return "API Gateway computes, remaps to `X-Amzn-Remapped-NAME` or drops: a flow cannot set "
             "it";
    }
  }
  return nullptr;
}

}  // namespace

bool IsSettableHeaderName(std::string_view name) {
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

std::string RunResponseTemplate(const ir::RouteResponse& response) {
  std::string out = "#set($status = $input.path('$.status'))\n#if($status == \"SUCCEEDED\")\n";
  if (!response.on) {
    out += kOutput;
  } else {
    out += kAnswerHead;
    for (const std::string& name : response.headers) {
      if (IsSettableHeaderName(name)) out += SetHeader(name);
    }
    out += kAnswerTail;
  }
  out += "#else\n";
  out += kFailed;
  out += "#end\n";
  return out;
}

void CheckResponseHeaders(const ir::App& app, const ir::Api& api, const ir::Route& route,
                          DiagnosticSink& sink) {
  const std::string text = std::string(ir::Spelling(route.method)) + " " + route.path;
  const std::vector<std::string>& headers = route.response.headers;
  const Span flow = app.flows.at(route.target.entity.index).span;
  for (size_t i = 0; i < headers.size(); ++i) {
    const std::string& name = headers[i];
    if (!IsSettableHeaderName(name)) {
      sink.Emit(route.response.span, diag::RouteHeaderNameInvalid, text, name,
                "a header name here is letters, digits and `-`, starting with a letter")
          .Label(flow, "the flow whose result names it")
          .Note("rename the field of the result's `headers` record");
      continue;
    }
    if (const char* reason = ReservedReason(name)) {
      sink.Emit(route.response.span, diag::RouteHeaderReserved, text, name, reason)
          .Label(flow, "the flow whose result names it");
      continue;
    }
    const std::string lower = Lower(name);
    if (api.cors &&
        (lower == "access-control-allow-origin" || lower == "access-control-expose-headers")) {
      sink.Emit(route.response.span, diag::RouteHeaderCors, text, name)
          .Label(flow, "the flow whose result names it")
          .Note(
              "the api's `cors` answers with the allowed origin and exposes the route's "
              "headers");
      continue;
    }
    for (size_t j = 0; j < i; ++j) {
      if (Lower(headers[j]) == lower) {
        sink.Emit(route.response.span, diag::RouteHeaderTwice, text, headers[j], name)
            .Label(flow, "the flow whose result names them")
            .Note("keep one of the two fields");
        break;
      }
    }
  }
}

}  // namespace caios::aws
