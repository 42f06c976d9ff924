// The words of `stream`, `billing`, `deletion`, `auth`, `arch`, a trigger's `starting`, a
// lifecycle transition's storage class and a flow's `logging` →
// DeclOptions: the one place that spells these options' values for lowering (the option checks,
// option_schema.cpp and quotas_flow.cpp, validate them).
#include "compiler/check/typed_options.h"

#include <optional>
#include <utility>

namespace caios::check {
namespace {

using D = DeclOptions;

template <class E>
using Words = std::vector<std::pair<std::string_view, E>>;

const Words<D::StreamView>& StreamViews() {
  static const Words<D::StreamView> kWords = {{"new_image", D::StreamView::kNewImage},
                                              {"old_image", D::StreamView::kOldImage},
                                              {"new_and_old", D::StreamView::kNewAndOld},
                                              {"keys_only", D::StreamView::kKeysOnly}};
  return kWords;
}
const Words<D::Billing>& Billings() {
  static const Words<D::Billing> kWords = {{"on_demand", D::Billing::kOnDemand},
                                           {"provisioned", D::Billing::kProvisioned}};
  return kWords;
}
const Words<D::Deletion>& Deletions() {
  static const Words<D::Deletion> kWords = {{"retain", D::Deletion::kRetain},
                                            {"delete", D::Deletion::kDelete}};
  return kWords;
}
const Words<D::Auth>& Auths() {
  static const Words<D::Auth> kWords = {
      {"api_key", D::Auth::kApiKey}, {"basic", D::Auth::kBasic}, {"oauth", D::Auth::kOAuth}};
  return kWords;
}
const Words<D::Arch>& Archs() {
  static const Words<D::Arch> kWords = {{"x86_64", D::Arch::kX86_64}, {"arm64", D::Arch::kArm64}};
  return kWords;
}

const Words<D::Starting>& StartingPositions() {
  static const Words<D::Starting> kWords = {{"latest", D::Starting::kLatest},
                                            {"trim_horizon", D::Starting::kTrimHorizon}};
  return kWords;
}
const Words<D::StorageClass>& StorageClasses() {
  static const Words<D::StorageClass> kWords = {
      {"standard_ia", D::StorageClass::kStandardIa},
      {"onezone_ia", D::StorageClass::kOnezoneIa},
      {"intelligent_tiering", D::StorageClass::kIntelligentTiering},
      {"glacier_ir", D::StorageClass::kGlacierIr},
      {"glacier", D::StorageClass::kGlacier},
      {"deep_archive", D::StorageClass::kDeepArchive}};
  return kWords;
}

const Words<D::Logging>& LoggingLevels() {
  static const Words<D::Logging> kWords = {{"all", D::Logging::kAll},
                                           {"error", D::Logging::kError},
                                           {"fatal", D::Logging::kFatal},
                                           {"off", D::Logging::kOff}};
  return kWords;
}

template <class E>
std::vector<std::string_view> Spellings(const Words<E>& words) {
  std::vector<std::string_view> out;
  for (const auto& [word, value] : words) out.push_back(word);
  return out;
}

// The first `name` option (a duplicate is an error of the schema check).
const ast::Option* Find(const std::vector<ast::Option>& options, std::string_view name) {
  for (const ast::Option& o : options) {
    if (o.name.text == name) return &o;
  }
  return nullptr;
}

// The value of argument `index` of option `o`, if it is one of `words`.
template <class E>
std::optional<E> WordOf(const ast::Option* o, const Words<E>& words, size_t index = 0) {
  if (o == nullptr || o->args.size() <= index) return std::nullopt;
  for (const auto& [word, value] : words) {
    if (o->args[index].text == word) return value;
  }
  return std::nullopt;
}

template <class E>
void Read(const std::vector<ast::Option>& options, std::string_view name, const Words<E>& words,
          E& field) {
  if (std::optional<E> value = WordOf(Find(options, name), words)) field = *value;
}

}  // namespace

DeclOptions TypedOptions(const ast::Decl& decl) {
  DeclOptions typed;
  if (decl.kind == ast::DeclKind::kFlow) {
    for (const ast::FlowOption& o : static_cast<const ast::FlowDecl&>(decl).options) {
      if (o.kind != ast::FlowOption::Kind::kLogging) continue;
      for (const auto& [word, value] : LoggingLevels()) {
        if (o.value.text == word) typed.logging = value;
      }
    }
    return typed;
  }
  if (decl.kind == ast::DeclKind::kTrigger) {
    const std::vector<ast::Option>& options = static_cast<const ast::TriggerDecl&>(decl).options;
    typed.starting = WordOf(Find(options, "starting"), StartingPositions());
    return typed;
  }
  if (decl.kind == ast::DeclKind::kFunction) {
    Read(static_cast<const ast::FunctionDecl&>(decl).options, "arch", Archs(), typed.arch);
    return typed;
  }
  if (decl.kind != ast::DeclKind::kResource) return typed;
  const std::vector<ast::Option>& options = static_cast<const ast::ResourceDecl&>(decl).options;
  // `stream` without a view streams both images.
  if (Find(options, "stream") != nullptr) typed.stream = D::StreamView::kNewAndOld;
  Read(options, "stream", StreamViews(), typed.stream);
  Read(options, "billing", Billings(), typed.billing);
  Read(options, "deletion", Deletions(), typed.deletion);
  Read(options, "auth", Auths(), typed.auth);
  for (const ast::Option& o : options) {
    if (o.name.text != "lifecycle" || o.args.size() != 3) continue;  // `transition CLASS AFTER`
    // Another word is an error of the schema check, and lowering never sees the program.
    if (std::optional<D::StorageClass> cls = WordOf(&o, StorageClasses(), 1)) {
      typed.transitions.push_back(*cls);
    }
  }
  return typed;
}

std::vector<std::string_view> TypedOptionWords(std::string_view name) {
  if (name == "stream") return Spellings(StreamViews());
  if (name == "billing") return Spellings(Billings());
  if (name == "deletion") return Spellings(Deletions());
  if (name == "auth") return Spellings(Auths());
  if (name == "arch") return Spellings(Archs());
  if (name == "logging") return Spellings(LoggingLevels());
  if (name == "starting") return Spellings(StartingPositions());
  if (name == "lifecycle") return Spellings(StorageClasses());
  return {};
}

}  // namespace caios::check
