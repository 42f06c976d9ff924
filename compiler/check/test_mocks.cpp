// The mocks of a test (`mock F returns V`, `mock F fails E("cause")`, docs/testing.md): F is a
// function of the application, an AWS SDK action (`aws.s3.getObject`) or the flows' HTTP tasks
// (`http`, `http.post`, with an endpoint: `mock http.post "https://…/*"`), V a constant of its
// result type, the cause a string literal.
#include <algorithm>

#include "compiler/ast/constant_json.h"
#include "compiler/check/checker.h"
#include "compiler/check/resource_attributes.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {

// `aws.<service>.<action>` as the callee of a call (`aws`, `service` and `action` with their
// own spans), to look the action up as a call's is; null for any other name.
ast::ExprPtr AwsCallee(const ast::Ident& name) {
  const std::string& text = name.text;
  const size_t first = text.find('.');
  const size_t second = first == std::string::npos ? first : text.find('.', first + 1);
  if (text.substr(0, first) != "aws" || second == std::string::npos ||
      text.find('.', second + 1) != std::string::npos) {
    return nullptr;
  }
  auto at = [&](size_t begin, size_t end) {
    return Span{name.span.file, name.span.begin + static_cast<uint32_t>(begin),
                name.span.begin + static_cast<uint32_t>(end)};
  };
  auto aws = std::make_unique<ast::NameExpr>(at(0, first), ast::Ident{"aws", at(0, first)});
  auto service = std::make_unique<ast::FieldExpr>(
      at(0, second), std::move(aws),
      ast::Ident{text.substr(first + 1, second - first - 1), at(first + 1, second)});
  return std::make_unique<ast::FieldExpr>(
      name.span, std::move(service),
      ast::Ident{text.substr(second + 1), at(second + 1, text.size())});
}

// The HTTP methods of `http.<verb>` calls, as a mock names them.
const std::vector<std::string>& HttpVerbs() {
  static const std::vector<std::string> verbs = {"get", "post", "put", "patch", "delete"};
  return verbs;
}

// Why an HTTP mock's endpoint cannot match a call's URL, or empty: an `https://` URL without
// spaces, which may end in one `*` (any rest: `https://api.example.com/v1/*`).
std::string EndpointProblem(const std::string& url) {
  if (url.rfind("https://", 0) != 0) return "it does not begin with `https://`";
  if (url.size() == 8) return "it names no host";
  for (size_t i = 0; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '*' && i + 1 != url.size()) return "a `*` may only end it";
    if (c == ' ' || c == '\t' || c == '\n') return "it holds a space";
  }
  return {};
}

}  // namespace

// `mock http …` / `mock http.<verb> …`: the verb is one of the calls' (E0325 otherwise), the
// endpoint an https URL (E0259); the answer is the call's result with every field optional,
// the status (200 when left out) 100 to 599 (E0259).
TypeId Checker::CheckHttpMock(const ast::MockAnswer& mock) {
  const std::string& name = mock.function.text;
  if (name != "http") {
    const std::string verb = name.substr(5);
    if (std::find(HttpVerbs().begin(), HttpVerbs().end(), verb) == HttpVerbs().end()) {
      const Span at{mock.function.span.file, mock.function.span.begin + 5, mock.function.span.end};
      auto& d = Error(at, diag::UnknownHttpMethod, verb);
      std::string hint = DidYouMean(verb, HttpVerbs());
      if (!hint.empty()) d.Note(hint);
      d.Note(
          "HTTP mocks are `mock http.get|post|put|patch|delete \"https://…\"`, or `mock http "
          "\"https://…\"` for every method");
    }
  }
  if (mock.url) {
    std::string problem = EndpointProblem(*mock.url);
    if (!problem.empty()) {
      Error(mock.url_span, diag::HttpMockBadEndpoint, problem);
    } else {
      http_mocks_.push_back(&mock);
    }
  }
  if (mock.returns) {
    if (auto value = ast::ConstantJson(*mock.returns);
        value && value->is_object() && value->contains("status")) {
      const nlohmann::json& status = (*value)["status"];
      if (status.is_number_integer() &&
          (status.get<int64_t>() < 100 || status.get<int64_t>() > 599)) {
        Error(mock.returns->span, diag::HttpMockBadStatus, status.get<int64_t>());
      }
    }
  }
  return types_.Record({Field{"status", types_.Int(), true}, Field{"body", types_.Json(), true},
                        Field{"headers", types_.Json(), true}});
}

// Whether a call of `verb` to the URL `url` may be answered by `mock`: the same verb (or a
// mock of every verb), and an endpoint that a URL the call may give matches. A URL with
// interpolations is known by its first and last literal texts; one that is not a string
// literal may be any URL.
bool MayAnswer(const ast::MockAnswer& mock, const std::string& verb, const ast::Expr& url) {
  if (mock.function.text != "http" && mock.function.text != "http." + verb) return false;
  if (url.kind != ast::ExprKind::kString) return true;
  const auto& text = static_cast<const ast::StringExpr&>(url);
  if (text.texts.empty()) return true;
  const std::string& endpoint = *mock.url;
  const std::string& head = text.texts.front();
  const bool pattern = endpoint.back() == '*';
  const std::string prefix = pattern ? endpoint.substr(0, endpoint.size() - 1) : endpoint;
  if (text.is_plain()) return pattern ? head.rfind(prefix, 0) == 0 : head == endpoint;
  if (pattern) return prefix.rfind(head, 0) == 0 || head.rfind(prefix, 0) == 0;
  const std::string& tail = text.texts.back();
  return endpoint.size() >= head.size() + tail.size() && endpoint.rfind(head, 0) == 0 &&
         endpoint.compare(endpoint.size() - tail.size(), tail.size(), tail) == 0;
}

void Checker::CheckHttpMocksCalled() {
  for (const ast::MockAnswer* mock : http_mocks_) {
    bool called = false;
    for (const auto& [verb, url] : http_calls_) {
      if (MayAnswer(*mock, verb, *url)) {
        called = true;
        break;
      }
    }
    if (called) continue;
    auto& d = Error(mock->url_span, diag::HttpMockNeverCalled, mock->function.text);
    std::vector<std::string> urls;
    for (const auto& [verb, url] : http_calls_) {
      if (url->kind != ast::ExprKind::kString || urls.size() == 5) continue;
      const auto& text = static_cast<const ast::StringExpr&>(*url);
      std::string shown = "http." + verb + " \"";
      for (size_t i = 0; i < text.texts.size(); ++i) {
        shown += text.texts[i];
        if (i + 1 < text.texts.size()) shown += "${…}";
      }
      urls.push_back(shown + "\"");
    }
    if (urls.empty()) {
      d.Note("the application has no HTTP task");
    } else {
      std::string list;
      for (const std::string& u : urls) list += (list.empty() ? "" : ", ") + u;
      d.Note("its HTTP tasks call " + list);
    }
  }
}

void Checker::CheckTestMocks(const ast::FlowDecl& test) {
  for (const ast::MockAnswer& mock : test.test->mocks) {
    const std::string& name = mock.function.text;
    const Symbol* symbol = name.find('.') == std::string::npos ? LookupGlobal(name) : nullptr;
    TypeId result = nullptr;
    const bool http = name == "http" || name.rfind("http.", 0) == 0;
    if (mock.url && !http) {
      Error(mock.url_span, diag::MockUrlNotHttp, name)
          .Note("an endpoint narrows an HTTP mock: `mock http.post \"https://…\" returns …`");
    }
    if (http) {
      result = CheckHttpMock(mock);
    } else if (ast::ExprPtr callee = AwsCallee(mock.function)) {
      // An AWS SDK call: its answer is the action's output (docs/testing.md).
      const aws_models::Service* service = nullptr;
      const auto& call = static_cast<const ast::FieldExpr&>(*callee);
      if (const aws_models::Operation* op = FindAwsOperation(call, service)) {
        result = AwsType(*service, op->output, 0);
      }
    } else if (symbol == nullptr) {
      std::vector<std::string> functions;
      for (const auto& [visible, s] : model_.modules[module_].visible) {
        if (s->kind == Symbol::Kind::kFunction) functions.push_back(visible);
      }
      auto& d = Error(mock.function.span, diag::MockUnknownFunction, name);
      std::string hint = DidYouMean(name, functions);
      if (!hint.empty()) d.Note(hint);
    } else if (symbol->kind != Symbol::Kind::kFunction &&
               !(symbol->kind == Symbol::Kind::kFlow && IsExisting(*symbol))) {
      // A flow outside the application (`existing`) is mocked like a function: its state
      // machine is not the application's, and answers as the mock says (docs/testing.md).
      Error(mock.function.span, diag::MockNotFunction, name, Describe(symbol->kind))
          .Label(symbol->span, "declared here");
    } else {
      result = model_.signatures.at(symbol->decl).result;
    }
    if (mock.returns) {
      CheckExpr(*mock.returns, ExprContext{}, result);
      if (!ast::ConstantJson(*mock.returns)) {
        Error(mock.returns->span, diag::MockValueNotConstant);
      }
    }
    if (mock.cause) {
      CheckExpr(*mock.cause, ExprContext{}, types_.String());
      const auto* text = mock.cause->kind == ast::ExprKind::kString
                             ? static_cast<const ast::StringExpr*>(mock.cause.get())
                             : nullptr;
      if (text == nullptr || !text->is_plain()) Error(mock.cause->span, diag::MockCauseNotConstant);
    }
  }
}

}  // namespace caios::check
