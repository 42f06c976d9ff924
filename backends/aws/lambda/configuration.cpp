#include "backends/aws/lambda/configuration.h"

#include <cctype>
#include <set>

#include "backends/aws/common/json_writer.h"

namespace caios::aws {

std::string UpperSnake(std::string_view name) {
  std::string out;
  auto is_lower = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
  auto is_upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
  auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != '_') out += '_';
      continue;
    }
    if (is_upper(c) && i > 0 && !out.empty() && out.back() != '_') {
      const char prev = name[i - 1];
      const bool next_lower = i + 1 < name.size() && is_lower(name[i + 1]);
      if (is_lower(prev) || is_digit(prev) || (is_upper(prev) && next_lower)) out += '_';
    }
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::vector<EnvironmentEntry> FunctionEnvironment(const ir::App& app, ir::FunctionId fn) {
  const ir::Function& f = app.function(fn);
  std::vector<EnvironmentEntry> out;
  std::set<std::string> keys;
  for (const auto& [key, value] : f.environment) {
    if (keys.insert(key).second) out.push_back({key, value, {}, Attribute::kName});
  }
  auto add = [&](std::string key, ir::EntityRef target, Attribute attribute) {
    if (keys.insert(key).second) out.push_back({std::move(key), std::nullopt, target, attribute});
  };
  for (const ir::Grant& grant : f.grants) {
    const std::string base = UpperSnake(app.NameOf(grant.target));
    add(base + "_NAME", grant.target, Attribute::kName);
    if (grant.target.kind == ir::EntityRef::Kind::kQueue) {
      add(base + "_URL", grant.target, Attribute::kUrl);
    }
    add(base + "_ARN", grant.target, Attribute::kArn);
  }
  return out;
}

std::string LambdaConfiguration(const ir::App& app, ir::FunctionId fn) {
  const ir::Function& f = app.function(fn);
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  // The name the stack gives the function (CloudFormation's, or `<stack>-<name>` for a function
  // in an invoke cycle), as a placeholder like those of the environment: the physical ID of
  // the function's resource (docs/cli.md).
  w.Field("FunctionName", "${" + PlaceholderName(app, ir::Ref(fn), Attribute::kName) + "}");
  const bool image = !f.image.empty();
  w.Field("PackageType", image ? "Image" : "Zip");
  if (!image) {
    w.Field("Runtime", f.runtime);
    w.Field("Handler", f.handler);
  }
  w.Field("MemorySize", f.memory_mb);
  w.Field("Timeout", f.timeout_seconds);
  w.Key("Architectures");
  w.BeginArray();
  w.String(f.arm64 ? "arm64" : "x86_64");
  w.EndArray();
  if (f.ephemeral_mb) {
    w.Key("EphemeralStorage");
    w.BeginObject();
    w.Field("Size", *f.ephemeral_mb);
    w.EndObject();
  }
  const std::vector<EnvironmentEntry> environment = FunctionEnvironment(app, fn);
  if (!environment.empty()) {
    w.Key("Environment");
    w.BeginObject();
    w.Key("Variables");
    w.BeginObject();
    for (const EnvironmentEntry& e : environment) {
      w.Field(e.key,
              e.literal ? *e.literal : "${" + PlaceholderName(app, e.target, e.attribute) + "}");
    }
    w.EndObject();
    w.EndObject();
  }
  if (f.tracing) {
    w.Key("TracingConfig");
    w.BeginObject();
    w.Field("Mode", "Active");
    w.EndObject();
  }
  if (!image && !f.layers.empty()) {
    w.Key("Layers");
    w.BeginArray();
    for (const std::string& layer : f.layers) w.String(layer);
    w.EndArray();
  }
  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace caios::aws
