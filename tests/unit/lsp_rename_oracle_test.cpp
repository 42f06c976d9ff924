// The oracle of `caios lsp`'s rename validation: on every sample, for every declaration and
// every variable of a flow, renamed to fresh, clashing, reserved and long names, the decision
// taken without checking the renamed project (PlanRename's rules, when FullCheckReason has
// none) is the decision of checking it, also where a longer name meets the backend's limits;
// and the bound on a definition's growth the rules use holds (docs/architecture.md, "The
// language server").
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "backends/aws/target.h"
#include "compiler/driver/lsp_compiled.h"
#include "compiler/driver/lsp_navigation.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace caios::lsp {
namespace {

namespace fs = std::filesystem;

struct Case {
  const LoadedModule* module = nullptr;
  uint32_t offset = 0;
  std::string name;   // the name renamed
  std::string scope;  // names near it: the other declarations of its module, its flow's variables
  std::vector<std::string> neighbours;
};

const LoadedModule* ModuleOfFile(const Analysis& analysis, FileId file) {
  for (const LoadedModule& module : analysis.program.modules) {
    if (module.ast.file == file) return &module;
  }
  return nullptr;
}

std::vector<Case> CasesOf(const Analysis& analysis) {
  const check::Model& model = *analysis.checked.model;
  std::vector<Case> cases;
  for (size_t m = 0; m < model.modules.size(); ++m) {
    const LoadedModule& module = analysis.program.modules[m];
    if (module.is_stdlib) continue;
    std::vector<std::string> names;
    for (const check::Symbol* s : model.modules[m].own) names.push_back(s->name);
    for (const check::Symbol* s : model.modules[m].own) {
      cases.push_back(Case{&module, s->span.begin, s->name, "module", names});
    }
  }
  for (const auto& [flow, info] : model.flows) {
    std::vector<std::string> names;
    for (const check::Variable* v : info.variables) names.push_back(v->name);
    for (const check::Variable* v : info.variables) {
      const LoadedModule* module = ModuleOfFile(analysis, v->span.file);
      if (!module || module->is_stdlib) continue;
      cases.push_back(Case{module, v->span.begin, v->name, "flow", names});
    }
  }
  return cases;
}

// A refusal of the rules that the checker would not report: a name that a variable of a flow
// would hide, or that another variable of the flow has (in another scope), is refused on
// purpose (docs/editors.md, "Rename"), as are reserved words.
// Keywords (contextual ones too, as `results`), built-in types and builtin functions are
// refused as any name, though the checker lets a declaration or a variable take some of them.
bool DeliberatelyStricter(const std::string& error) {
  return error.find("would hide it") != std::string::npos ||
         error.find("is a keyword of caios") != std::string::npos ||
         error.find("is a built-in type") != std::string::npos ||
         error.find("is a builtin function") != std::string::npos ||
         error.find("the flow already has a variable") != std::string::npos ||
         error.find("is already the name of") != std::string::npos;
}

// `order_events` -> `orderEvents`: the same logical IDs (aws::LogicalIdPrefix).
std::string CamelCase(const std::string& name) {
  std::string out;
  bool upper = false;
  for (char c : name) {
    if (c == '_') {
      upper = !out.empty();
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out.empty() ? name : out;
}

std::string OtherCase(std::string name) {
  const auto c = static_cast<unsigned char>(name[0]);
  name[0] = static_cast<char>(std::isupper(c) ? std::tolower(c) : std::toupper(c));
  return name;
}

// The names a case is renamed to: fresh ones, reserved words, builtin types and functions,
// the stdlib's declarations, the run's context, names at and past the limits on a
// declaration's name (80) and a function's physical name (62), and for the declaration and
// its neighbours the spellings the backend derives the same logical IDs from (`a_b`, `aB`,
// `A_b`, `a_b_`, `_a_b`), a queue's dead-letter queue, and shorter ones (which the rules
// decide without the check when they can).
std::vector<std::string> NamesFor(const Case& c, bool adversarial) {
  std::vector<std::string> names = {"renamed_x",
                                    "q",
                                    "aws",
                                    "http",
                                    "Request",
                                    "execution",
                                    "state",
                                    "flow",
                                    "x",
                                    "Gentle",
                                    std::string(90, 'n'),
                                    c.name + "_" + c.name};
  if (adversarial) {
    for (std::string n : {"if", "string", "true", "len", "NoRetry", "LambdaTransient"}) {
      names.push_back(n);
    }
    for (size_t n : {62, 63, 80, 81}) names.push_back(std::string(n, 'f'));
  }
  size_t neighbours = 0;
  for (const std::string& n : c.neighbours) {
    if (n == c.name || ++neighbours > 3) continue;
    names.push_back(n);
    if (!adversarial) {
      // The same name, and one differing only in the case of its first letter.
      if (neighbours == 1) names.push_back(OtherCase(n));
      continue;
    }
    for (std::string variant : {OtherCase(n), CamelCase(n), n + "_", "_" + n, n + "_dead_letter",
                                n.substr(0, n.size() - 1)}) {
      if (!variant.empty()) names.push_back(variant);
    }
  }
  if (adversarial) {
    for (std::string variant : {OtherCase(c.name), CamelCase(c.name), c.name + "_", "_" + c.name,
                                c.name.substr(0, c.name.size() - 1)}) {
      if (!variant.empty() && variant != c.name) names.push_back(variant);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// Which renames the oracle checks: every one, or under the sanitizers (CI's second run of the
// suite, where a check costs ten times more) one in eight, a fixed sample that still meets every
// rule; the counts the tests expect scale with it.
#ifdef CAIOS_SANITIZED
constexpr size_t kStride = 8;
#else
constexpr size_t kStride = 1;
#endif

struct Tally {
  size_t decided = 0, refused = 0, rechecked = 0;
  size_t declarations_accepted = 0;  // a resource, function, flow, api or schedule, no check
  size_t longer_accepted = 0;        // a declaration or variable renamed to a longer name
};

// Every case of the project at `folder` renamed to every name of NamesFor: the rules' decision
// (when FullCheckReason lets them decide) against the renamed project's check.
void RunOracle(const fs::path& folder, bool adversarial, Tally& tally,
               bool declarations_only = false) {
  const fs::path stdlib = fs::path(CAIOS_REPO_ROOT) / "stdlib";
  Analysis analysis;
  const std::map<std::string, std::string> overlay;
  Analyze(CanonicalPath(folder), stdlib, overlay, std::nullopt, analysis);
  REQUIRE(analysis.checked.model);
  Complete(analysis);
  size_t renames = 0;
  for (const Case& c : CasesOf(analysis)) {
    if (declarations_only && c.scope != "module") continue;
    for (const std::string& new_name : NamesFor(c, adversarial || c.scope == "module")) {
      if (renames++ % kStride != 0) continue;
      RenamePlan plan = PlanRename(analysis, *c.module, c.offset, new_name);
      if (plan.error.empty() && !FullCheckReason(analysis, plan, new_name).empty()) {
        ++tally.rechecked;  // the server checks the renamed project: the oracle itself
        continue;
      }
      if (!plan.error.empty() && plan.edits.empty()) {
        // Refused before planning the edits: plan them as the rules would, to ask the oracle.
        if (plan.error.find("stdlib") != std::string::npos ||
            plan.error.find("no variable or declaration") != std::string::npos) {
          continue;
        }
        for (const Occurrence& o : Occurrences(analysis, plan.target)) {
          plan.edits.push_back({o.span, o.prefix + new_name + o.suffix});
        }
      }
      if (plan.edits.empty()) continue;
      ++tally.decided;
      const std::string added = RecheckRenamed(analysis, stdlib, overlay, std::nullopt, plan.edits);
      INFO(folder.filename().string()
           << ": " << c.scope << " name `" << c.name << "` -> `" << new_name << "`: rules say `"
           << plan.error << "`, the check says `" << added << "`");
      if (plan.error.empty()) {
        CHECK(added.empty());
        if (new_name.size() > c.name.size()) ++tally.longer_accepted;
        const check::Symbol* symbol = plan.target.symbol;
        if (symbol && symbol->kind != check::Symbol::Kind::kType &&
            symbol->kind != check::Symbol::Kind::kPolicy) {
          ++tally.declarations_accepted;
        }
      } else {
        ++tally.refused;
        CHECK((!added.empty() || DeliberatelyStricter(plan.error)));
      }
    }
  }
}

TEST_CASE("rename: the targeted validation decides as the renamed project's check",
          "[lsp][rename]") {
  const fs::path root = CAIOS_REPO_ROOT;
  std::vector<fs::path> samples;
  for (const auto& entry : fs::directory_iterator(root / "samples")) {
    if (entry.is_directory()) samples.push_back(entry.path());
  }
  std::sort(samples.begin(), samples.end());
  Tally tally;
  for (const fs::path& sample : samples) RunOracle(sample, false, tally);
  INFO(tally.decided << " decided by the rules (" << tally.refused << " refused, "
                     << tally.declarations_accepted << " declarations accepted), "
                     << tally.rechecked << " left to the check");
  CHECK(tally.decided > 100 / kStride);
  CHECK(tally.declarations_accepted > 20 / kStride);
  CHECK(tally.longer_accepted > 100 / kStride);
  CHECK(tally.rechecked > 0);
}

// The logical IDs (and parameters) of the templates of the project at `folder`, each checked
// to start with the prefix of an entity of its class; how many there are.
size_t CheckDerivedIds(const fs::path& folder) {
  size_t ids = 0;
  Analysis analysis;
  const std::map<std::string, std::string> overlay;
  Analyze(CanonicalPath(folder), fs::path(CAIOS_REPO_ROOT) / "stdlib", overlay, std::nullopt,
          analysis);
  REQUIRE(analysis.checked.model);
  std::set<std::string> derived;  // EntityName of every declaration of the program
  for (const LoadedModule& module : analysis.program.modules) {
    for (const ast::DeclPtr& decl : module.ast.decls) {
      derived.insert(
          EntityName(*decl, [](const ast::Ident& i) -> const std::string& { return i.text; }));
    }
  }
  const Compiled* compiled = CompiledOf(analysis);
  REQUIRE(compiled);
  for (const std::unique_ptr<ir::App>& app : compiled->emitted.apps) {
    std::vector<std::pair<std::string, aws::IdClass>> prefixes;
    std::set<std::string> program_parameters;
    auto add = [&](const auto& entities, aws::IdClass id_class) {
      for (const auto& e : entities) {
        prefixes.emplace_back(aws::LogicalIdPrefix(e.name), id_class);
        if constexpr (requires { e.existing; }) {
          if (e.existing && !e.existing->parameter.empty()) {
            program_parameters.insert(e.existing->parameter);
          }
        }
        if (id_class == aws::IdClass::kOther) continue;
        std::string base = e.name;
        while (!derived.count(base) && !base.empty() && std::isdigit(base.back())) {
          base.pop_back();
        }
        INFO(folder.filename().string() << ": `" << e.name << "`");
        CHECK(derived.count(base));
      }
    };
    const aws::IdClass other = aws::IdClass::kOther;
    add(app->tables, other);
    add(app->buckets, other);
    add(app->queues, other);
    add(app->topics, other);
    add(app->streams, other);
    add(app->buses, other);
    add(app->connections, other);
    add(app->secrets, other);
    add(app->parameters, other);
    add(app->functions, other);
    add(app->flows, other);
    add(app->apis, other);
    add(app->schedules, aws::IdClass::kSchedule);
    add(app->triggers, aws::IdClass::kTrigger);
    const std::string prefix = compiled->emitted.apps.size() > 1 ? app->name + "/" : "";
    auto file = compiled->emitted.files.find(prefix + "template.json");
    REQUIRE(file != compiled->emitted.files.end());
    const nlohmann::ordered_json stack = nlohmann::ordered_json::parse(file->second);
    for (const char* section : {"Resources", "Parameters"}) {
      if (!stack.contains(section)) continue;
      for (const auto& item : stack[section].items()) {
        // A named copy, not a structured binding: clang before 16 cannot capture one in the
        // lambdas below (the sanitizer build uses clang).
        const std::string& id = item.key();
        ++ids;
        if (program_parameters.count(id)) continue;
        auto ends = [&](std::string_view suffix) {
          return id.size() >= suffix.size() &&
                 id.compare(id.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        const aws::IdClass id_class =
            ends("Trigger") || ends("TriggerRole") || ends("TriggerPermission")
                ? aws::IdClass::kTrigger
            : ends("Schedule") || ends("ScheduleRole") ? aws::IdClass::kSchedule
                                                       : aws::IdClass::kOther;
        const bool derived_from_entity =
            std::any_of(prefixes.begin(), prefixes.end(), [&](const auto& p) {
              return p.second == id_class && id.compare(0, p.first.size(), p.first) == 0;
            });
        INFO(folder.filename().string() << ": logical ID `" << id << "`");
        CHECK(derived_from_entity);
      }
    }
  }
  return ids;
}

// What the rules of a declaration's rename assume of the AWS target (aws::LogicalIdPrefix,
// aws::IdClass, EntityName), on the template of every sample: every logical ID starts with the
// prefix of an entity of its class (or is a parameter the program names), and lowering names
// each trigger and schedule as EntityName does (digits appended when it is taken).
TEST_CASE("rename: the target derives every logical ID from an entity's name as the rules assume",
          "[lsp][rename]") {
  const fs::path root = CAIOS_REPO_ROOT;
  size_t ids = 0;
  for (const auto& entry : fs::directory_iterator(root / "samples")) {
    if (entry.is_directory()) ids += CheckDerivedIds(entry.path());
  }
  CHECK(ids > 100);
}

// A project in a temporary folder, analysed as the language server analyses one; removed after.
struct TempProject {
  fs::path folder;
  Analysis analysis;
  explicit TempProject(const std::string& tag)
      : folder(fs::temp_directory_path() /
               ("caios_rename_" + tag + "_" + std::to_string(::getpid()))) {
    fs::create_directories(folder);
  }
  ~TempProject() {
    std::error_code ec;
    fs::remove_all(folder, ec);
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(folder / name) << text;
  }
  void Analyze() {
    const std::map<std::string, std::string> overlay;
    lsp::Analyze(CanonicalPath(folder), CanonicalPath(fs::path(CAIOS_REPO_ROOT) / "stdlib"),
                 overlay, std::nullopt, analysis);
  }
  const LoadedModule& Module(const std::string& name) const {
    return *analysis.ModuleOf(CanonicalPath(folder / name));
  }
  uint32_t At(const std::string& file, const std::string& needle) const {
    const std::string& text = analysis.sources.Get(Module(file).ast.file).text();
    return static_cast<uint32_t>(text.find(needle));
  }
  RenamePlan Plan(const std::string& file, const std::string& needle, const std::string& name) {
    return PlanRename(analysis, Module(file), At(file, needle), name);
  }
};

// A project of three files: main imports shapes, shapes imports units; main does not see units.
struct Scratch : TempProject {
  Scratch() : TempProject("rules") {
    Write("main.caios",
          "app demo\n"
          "import \"./shapes.caios\"\n"
          "type Main { x: string }\n"
          "flow pick(order: Shape) -> string {\n"
          "  let total = order.x\n"
          "  let started = execution.id  // started: a comment, which no edit changes\n"
          "  let keyed = { total: total }\n"
          "  return started\n"
          "}\n");
    Write("shapes.caios", "import \"./units.caios\"\ntype Shape { x: string, u: Unit }\n");
    Write("units.caios", "type Unit { n: int }\n");
    Analyze();
  }
};

TEST_CASE("rename: refusals the rules find without checking the renamed project", "[lsp][rename]") {
  Scratch s;
  REQUIRE(s.analysis.checked.model);
  CHECK(s.Plan("shapes.caios", "Shape {", "aws").error.find("reserved") != std::string::npos);
  CHECK(s.Plan("main.caios", "total =", "http").error.find("reserved") != std::string::npos);
  CHECK(s.Plan("shapes.caios", "Shape {", std::string(81, 'S')).error.find("longer than the 80") !=
        std::string::npos);
  CHECK(s.Plan("shapes.caios", "Shape {", std::string(80, 'S')).error.empty());
  // units.caios does not see main.caios, nor main units: one program all the same.
  std::string clash = s.Plan("units.caios", "Unit {", "Main").error;
  CHECK(clash.find("in the same program") != std::string::npos);
  CHECK(clash.find("main.caios") != std::string::npos);
}

TEST_CASE("rename: which renames the rules decide alone", "[lsp][rename]") {
  Scratch s;
  REQUIRE(s.analysis.checked.model);
  auto reason = [&](const std::string& file, const std::string& needle, const std::string& name) {
    RenamePlan plan = s.Plan(file, needle, name);
    REQUIRE(plan.error.empty());
    return FullCheckReason(s.analysis, plan, name);
  };
  CHECK(reason("shapes.caios", "Shape {", "Form").empty());
  CHECK(reason("units.caios", "Unit {", "Measure").empty());
  CHECK(!reason("shapes.caios", "Shape {", "Request").empty());  // std.http's record
  CHECK(reason("main.caios", "pick(", "choose").empty());        // a flow, a longer name: small
  CHECK(reason("main.caios", "pick(", "pk").empty());            // a flow, a shorter one
  CHECK(reason("main.caios", "order:", "o").empty());  // a parameter: no route, trigger, schedule
  CHECK(reason("main.caios", "started =", "begun").empty());       // the comment is no use
  CHECK(!reason("main.caios", "started =", "state").empty());      // the run's context
  CHECK(reason("main.caios", "started =", "started_at").empty());  // a larger definition
  // `{ total: total }`: the key spells the name and is not one of the edits.
  CHECK(!reason("main.caios", "total =", "sum").empty());
}

// Declarations the backend names alike or nearly (`order_events` and `OrderEvent`, a queue and
// another named like its dead-letter queue, triggers, schedules, apis): the oracle's adversary.
const char* const kTricky =
    "app tricky\n"
    "table order_events { key id: string }\n"
    "table OrderEvent { key id: string }\n"
    "queue jobs {\n"
    "  dead_letter after 3\n"
    "}\n"
    "queue jobs_dead { visibility 30s }\n"
    "topic alerts\n"
    "flow drain(messages: [json]) {\n"
    "  let count = 0\n"
    "  return count\n"
    "}\n"
    "flow drain_all(messages: [json]) {\n"
    "  return null\n"
    "}\n"
    "flow ful(order: json) {\n"
    "  let saved = order\n"
    "  return saved\n"
    "}\n"
    "flow fulfil(order: json) {\n"
    "  let r = run helper(order)\n"
    "  return r\n"
    "}\n"
    "flow helper(item: json) {\n"
    "  return item\n"
    "}\n"
    "flow piece(part: json) {\n"
    "  return part\n"
    "}\n"
    "flow outer(order: json) {\n"
    "  let r = run piece({ part: 1 })\n"
    "  return r\n"
    "}\n"
    "on jobs.message -> start drain\n"
    "on jobs_dead.message -> start drain_all\n"
    "schedule \"rate(1 hour)\" -> start ful\n"
    "schedule ful_sched \"rate(1 day)\" -> start fulfil\n"
    "api shop { POST \"/a\" -> start fulfil }\n"
    "api shop_api { POST \"/b\" -> start fulfil }\n";

struct Tricky : TempProject {
  explicit Tricky(const std::string& text = kTricky) : TempProject("tricky") {
    Write("main.caios", text);
    Analyze();
  }
  // FullCheckReason of renaming the name at the first `needle` of main.caios to `name`.
  std::string Reason(const std::string& needle, const std::string& name) {
    RenamePlan plan = Plan("main.caios", needle, name);
    REQUIRE(plan.error.empty());
    return FullCheckReason(analysis, plan, name);
  }
};

TEST_CASE("rename: the oracle on declarations the backend names alike", "[lsp][rename]") {
  Tricky t;
  REQUIRE(t.analysis.checked.model);
  Complete(t.analysis);
  REQUIRE(t.analysis.diagnostics.empty());
  CHECK(CheckDerivedIds(t.folder) > 30);  // dead-letter queues, triggers, schedules, apis
  Tally tally;
  RunOracle(t.folder, true, tally);
  INFO(tally.decided << " decided by the rules (" << tally.refused << " refused, "
                     << tally.declarations_accepted << " declarations accepted), "
                     << tally.rechecked << " left to the check");
  CHECK(tally.declarations_accepted > 10 / kStride);
  CHECK(tally.rechecked > 10 / kStride);
}

TEST_CASE("rename: when a declaration's derived names need the renamed project's check",
          "[lsp][rename]") {
  Tricky t;
  REQUIRE(t.analysis.checked.model);
  // `OrderEvent` -> `orderEvent`: the same logical IDs as before, and `OrderEvents…` starts so.
  CHECK(t.Reason("OrderEvent {", "orderEvent").find("might meet") != std::string::npos);
  // `order_events` -> `alerts_x`: `AlertsX…` starts as topic `alerts`'s `Alerts…`.
  CHECK(t.Reason("order_events", "alerts_x").find("`AlertsX…` and `Alerts…`") != std::string::npos);
  CHECK(t.Reason("order_events", "invoices").empty());
  // `jobs_dead` -> `jobs_x`: `JobsX…` starts as queue `jobs`'s `Jobs…` (and `JobsDeadLetter…`).
  CHECK(!t.Reason("jobs_dead {", "jobs_x").empty());
  CHECK(t.Reason("jobs_dead {", "spool").empty());
  // A longer name: logical IDs that might meet take the check as before; other longer names
  // are measured against the limits.
  CHECK(t.Reason("jobs_dead {", "jobs_dead_letter").find("might meet") != std::string::npos);
  CHECK(t.Reason("jobs_dead {", "spool_of_jobs").empty());
  // Flow `drain` names trigger `jobs_message_drain`; `d` would make `JobsMessageD…`, whose
  // trigger IDs meet only triggers', but `D…` starts as flow `drain_all`'s `DrainAll…`.
  CHECK(t.Reason("drain(", "dr").find("`Dr…` and `DrainAll…`") != std::string::npos);
  CHECK(t.Reason("drain(", "pump").empty());
  // Queue `jobs` is the source of that trigger: `JobsMessageDrain…` becomes `QMessageDrain…`.
  CHECK(t.Reason("jobs {", "q").empty());
  // The unnamed schedule of `ful` is `ful_schedule`; schedule `ful_sched` starts alike.
  CHECK(t.Reason("ful(", "g").empty());
  CHECK(t.Reason("ful_sched", "ful_s").find("might meet") != std::string::npos);
  // Two apis whose logical IDs start alike: a route's target renamed changes a deployment hash.
  CHECK(t.Reason("fulfil(", "settle").find("apis") != std::string::npos);
  // A flow's variable, as before.
  CHECK(t.Reason("count =", "n").empty());
  // A parameter of a flow a schedule starts (with an empty object) or a trigger (with a batch):
  // they bind the input by name.
  CHECK(t.Reason("order: json) {\n  let saved", "o").find("schedule") != std::string::npos);
  CHECK(t.Reason("messages: [json]) {\n  let count", "m").find("trigger") != std::string::npos);
  // A parameter of a flow that only flows run: every word spelling it must be an edit.
  CHECK(t.Reason("item: json) {\n  return item", "x").empty());
  CHECK(t.Reason("item: json) {\n  return item", "it").empty());
  CHECK(!t.Reason("part: json", "p").empty());  // `{ part: 1 }` in `outer` spells it
}

TEST_CASE("rename: a template parameter the program names takes the check", "[lsp][rename]") {
  Tricky t(
      "app demo\n"
      "table Orders {\n"
      "  existing param OrdersName\n"
      "  key id: string\n"
      "}\n"
      "table Users { key id: string }\n");
  REQUIRE(t.analysis.checked.model);
  CHECK(t.Reason("Users", "Us").find("template parameters") != std::string::npos);
}

// The flows whose declaration holds one of `edits`, or for a parameter a use of its flow: the
// definitions a rename may change.
std::vector<Span> FlowsEdited(const Analysis& analysis, const RenamePlan& plan) {
  std::vector<Span> written;
  for (const TextEdit& e : plan.edits) written.push_back(e.span);
  const check::Variable* v = plan.target.variable;
  if (v && v->kind == check::Variable::Kind::kParam) {
    Target flow;
    flow.symbol = analysis.checked.model->Flow(v->flow)->symbol;
    for (const Occurrence& o : Occurrences(analysis, flow)) written.push_back(o.span);
  }
  std::vector<Span> flows;
  for (const LoadedModule& module : analysis.program.modules) {
    for (const ast::DeclPtr& decl : module.ast.decls) {
      if (decl->kind != ast::DeclKind::kFlow) continue;
      for (Span w : written) {
        if (w.file == decl->span.file && decl->span.begin <= w.begin && w.end <= decl->span.end) {
          flows.push_back(decl->span);
          break;
        }
      }
    }
  }
  return flows;
}

// Every declaration (but a type) and variable of the project at `folder` renamed to a longer
// name, the renamed program lowered and its definitions emitted: a definition of a flow no edit
// is in is the same text as before, and the others grow by at most aws::DefinitionGrowthBound
// of their current text, the bound the rename rules measure a longer name with. How many
// definitions changed.
size_t CheckDefinitionGrowth(const fs::path& folder, const std::vector<std::string>& suffixes) {
  const fs::path stdlib = fs::path(CAIOS_REPO_ROOT) / "stdlib";
  const std::map<std::string, std::string> overlay;
  Analysis analysis;
  Analyze(CanonicalPath(folder), stdlib, overlay, std::nullopt, analysis);
  REQUIRE(analysis.checked.model);
  Lowered* lowered = LoweredOf(analysis);
  REQUIRE(lowered);
  size_t changed = 0;
  for (const Case& c : CasesOf(analysis)) {
    for (const std::string& suffix : suffixes) {
      const std::string new_name = c.name + suffix;
      RenamePlan plan = PlanRename(analysis, *c.module, c.offset, new_name);
      if (!plan.error.empty()) continue;
      if (plan.target.symbol && plan.target.symbol->kind == check::Symbol::Kind::kType) continue;
      std::map<std::string, std::string> texts = ApplyEdits(analysis, plan.edits);
      Analysis renamed;
      Analyze(CanonicalPath(folder), stdlib, texts, std::nullopt, renamed);
      Lowered* after = renamed.checked.model ? LoweredOf(renamed) : nullptr;
      if (!after) continue;  // the rename adds an error the checker finds: not the backend's
      REQUIRE(after->apps.size() == lowered->apps.size());
      const std::vector<Span> edited = FlowsEdited(analysis, plan);
      for (size_t a = 0; a < lowered->apps.size(); ++a) {
        const ir::App& app = *lowered->apps[a];
        REQUIRE(after->apps[a]->flows.size() == app.flows.size());
        for (uint32_t i = 0; i < app.flows.size(); ++i) {
          const ir::Flow& flow = app.flows[i];
          if (flow.existing) continue;
          const std::string& before = DefinitionOf(*lowered, a, i);
          const std::string& now = DefinitionOf(*after, a, i);
          const bool in_edited = std::any_of(edited.begin(), edited.end(), [&](Span span) {
            return flow.span.file == span.file && span.begin <= flow.span.begin &&
                   flow.span.end <= span.end;
          });
          INFO(folder.filename().string() << ": " << c.scope << " name `" << c.name << "` -> `"
                                          << new_name << "`, flow `" << flow.name << "`");
          if (!in_edited) {
            CHECK(now == before);
            continue;
          }
          if (now != before) ++changed;
          const size_t bound = aws::DefinitionGrowthBound(flow, before, c.name, new_name);
          CHECK(now.size() <= before.size() + std::min(bound, std::string::npos - before.size()));
        }
      }
    }
  }
  return changed;
}

TEST_CASE("rename: a longer name grows only the definitions the rules measure, within the bound",
          "[lsp][rename]") {
  const fs::path root = CAIOS_REPO_ROOT;
  size_t changed = 0;
  for (const auto& entry : fs::directory_iterator(root / "samples")) {
    if (entry.is_directory()) changed += CheckDefinitionGrowth(entry.path(), {"_renamed_x"});
  }
  CHECK(changed > 50);
}

// A project where a longer name meets the backend's limits: flow `big`'s definition is
// `margin` bytes short of Step Functions' 1 MiB (five strings of under 256 KiB each, the most a
// state may assign, with calls in between so that no two merge) and it runs flow `tiny` with its
// input in order, keyed by `tiny`'s parameter; function `again` invokes
// itself through its grants, so its name must fit Lambda's 64 characters with the stack's;
// function `k…` (76 characters) and flow `g…` (72) name states of nearly 80 bytes, which a
// longer name makes 80 (cut to fit).
std::string Heavy(size_t pad) {
  const std::string f(76, 'k');
  const std::string g(72, 'g');
  std::string text =
      "app heavy\n"
      "function stamp(x: json) -> json {\n"
      "  runtime python3.12\n  handler \"main.handler\"\n  code \"functions/work\"\n}\n"
      "function again(x: int) {\n"
      "  runtime python3.12\n  handler \"main.handler\"\n  code \"functions/work\"\n"
      "  uses again(invoke)\n}\n"
      "function " +
      f +
      "(x: json) -> json {\n"
      "  runtime python3.12\n  handler \"main.handler\"\n  code \"functions/work\"\n}\n"
      "flow " +
      g +
      "(item: json) -> json {\n  return item\n}\n"
      "flow small(order: json) -> json {\n"
      "  let a = " +
      f +
      "(order)\n"
      "  let b = run " +
      g +
      "(a)\n"
      "  return b\n}\n"
      "flow tiny(item_doc: json) -> json {\n  return item_doc\n}\n"
      "flow big(parcel: json) -> json {\n"
      "  let t = run tiny(parcel)\n";
  for (int k = 0; k < 5; ++k) {
    const size_t n = k < 4 ? 210000 : pad;
    text +=
        fmt::format("  let p{} = \"{}\"\n  let s{} = stamp(p{})\n", k, std::string(n, 'x'), k, k);
  }
  text += "  return s0\n}\n";
  return text;
}

// The size of flow `big`'s definition in the project at `folder`.
size_t BigDefinitionSize(const fs::path& folder) {
  Analysis analysis;
  const std::map<std::string, std::string> overlay;
  Analyze(CanonicalPath(folder), CanonicalPath(fs::path(CAIOS_REPO_ROOT) / "stdlib"), overlay,
          std::nullopt, analysis);
  REQUIRE(analysis.checked.model);
  Lowered* lowered = LoweredOf(analysis);
  REQUIRE(lowered);
  const ir::App& app = *lowered->apps[0];
  for (uint32_t i = 0; i < app.flows.size(); ++i) {
    if (app.flows[i].name == "big") return DefinitionOf(*lowered, 0, i).size();
  }
  FAIL("no flow `big`");
  return 0;
}

struct HeavyProject : TempProject {
  explicit HeavyProject(size_t margin) : TempProject("heavy") {
    fs::create_directories(folder / "functions" / "work");
    // The fifth string's length that leaves `margin` bytes: measured once, then set.
    const size_t probe = 1000;
    Write("main.caios", Heavy(probe));
    const size_t pad = probe + aws::kMaxDefinitionBytes - margin - BigDefinitionSize(folder);
    Write("main.caios", Heavy(pad));
    REQUIRE(BigDefinitionSize(folder) + margin == aws::kMaxDefinitionBytes);
    Analyze();
  }
  std::string Reason(const std::string& needle, const std::string& name) {
    RenamePlan plan = Plan("main.caios", needle, name);
    REQUIRE(plan.error.empty());
    return FullCheckReason(analysis, plan, name);
  }
};

TEST_CASE("rename: a longer name is measured against the limits the backend checks",
          "[lsp][rename]") {
  HeavyProject h(40);
  Complete(h.analysis);
  REQUIRE(h.analysis.diagnostics.empty());
  // `big` is written once in its definition (its comment): 6 bytes more fit, 60 do not.
  CHECK(h.Reason("big(", "renamed").empty());
  CHECK(h.Reason("big(", std::string(63, 'b')).find("might grow past") != std::string::npos);
  // `stamp` names the states of `big`, which may all change: not measured so closely.
  CHECK(h.Reason("stamp(x", "stamp_it").find("flow `big`") != std::string::npos);
  // `big`'s parameter is written in its definition a few times; its variables name states
  // (`Set p0`), which may all change.
  CHECK(h.Reason("parcel", "parcels").empty());
  CHECK(h.Reason("parcel", std::string(40, 'o')).find("might grow past") != std::string::npos);
  CHECK(h.Reason("p0 =", "p00").find("might grow past") != std::string::npos);
  // `tiny`'s parameter is a key of the input `big` runs it with: `big`'s definition grows.
  CHECK(h.Reason("item_doc", "item_document").empty());
  CHECK(h.Reason("item_doc", std::string(60, 'i')).find("flow `big`") != std::string::npos);
  // `again` invokes itself: 62 characters fit, 63 may not.
  CHECK(h.Reason("again(x", std::string(62, 'a')).empty());
  CHECK(h.Reason("again(x", std::string(63, 'a')).find("invokes itself") != std::string::npos);
  // The states `k…` and `run g…` of `small` become 80 bytes: no limit passed.
  CHECK(h.Reason(std::string(76, 'k') + "(x", std::string(80, 'h')).empty());
  CHECK(h.Reason(std::string(72, 'g') + "(item", std::string(80, 'h')).empty());
  Tally tally;
  RunOracle(h.folder, true, tally, true);
  INFO(tally.decided << " decided by the rules (" << tally.refused << " refused, "
                     << tally.longer_accepted << " longer names accepted), " << tally.rechecked
                     << " left to the check");
  CHECK(tally.longer_accepted > 10 / kStride);
  CHECK(tally.rechecked > 5 / kStride);
  CHECK(CheckDefinitionGrowth(h.folder, {"_x", std::string(40, 'y')}) > 5);
}

}  // namespace
}  // namespace caios::lsp
