// The oracle of `caios lsp`'s rename validation: on every sample, for every declaration and
// every variable of a flow, renamed to fresh, clashing, reserved and long names, the decision
// taken without checking the renamed project (PlanRename's rules, when FullCheckReason has
// none) is the decision of checking it (docs/architecture.md, "The language server").
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "compiler/driver/lsp_navigation.h"

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
// purpose (docs/editors.md, "Rename").
bool DeliberatelyStricter(const std::string& error) {
  return error.find("would hide it") != std::string::npos ||
         error.find("the flow already has a variable") != std::string::npos ||
         error.find("is already the name of") != std::string::npos;
}

TEST_CASE("rename: the targeted validation decides as the renamed project's check",
          "[lsp][rename]") {
  const fs::path root = CAIOS_REPO_ROOT;
  const fs::path stdlib = root / "stdlib";
  size_t decided = 0, refused = 0, rechecked = 0;
  std::vector<fs::path> samples;
  for (const auto& entry : fs::directory_iterator(root / "samples")) {
    if (entry.is_directory()) samples.push_back(entry.path());
  }
  std::sort(samples.begin(), samples.end());
  for (const fs::path& sample : samples) {
    Analysis analysis;
    const std::map<std::string, std::string> overlay;
    Analyze(CanonicalPath(sample), stdlib, overlay, std::nullopt, analysis);
    REQUIRE(analysis.checked.model);
    Complete(analysis);
    for (const Case& c : CasesOf(analysis)) {
      std::vector<std::string> names = {"renamed_x",
                                        "q",
                                        "aws",
                                        "http",
                                        "Request",
                                        "execution",
                                        "state",
                                        "flow",
                                        std::string(90, 'n'),
                                        c.name + "_" + c.name};
      size_t neighbours = 0;
      for (const std::string& n : c.neighbours) {
        if (n == c.name || ++neighbours > 3) continue;
        // The same name, and one differing only in the case of its first letter.
        if (names.size() == 10) {
          std::string other_case = n;
          other_case[0] = static_cast<char>(std::isupper(static_cast<unsigned char>(n[0]))
                                                ? std::tolower(static_cast<unsigned char>(n[0]))
                                                : std::toupper(static_cast<unsigned char>(n[0])));
          names.push_back(other_case);
        }
        names.push_back(n);
      }
      for (const std::string& new_name : names) {
        RenamePlan plan = PlanRename(analysis, *c.module, c.offset, new_name);
        if (plan.error.empty() && !FullCheckReason(analysis, plan, new_name).empty()) {
          ++rechecked;  // the server checks the renamed project: the oracle itself
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
        ++decided;
        const std::string added =
            RecheckRenamed(analysis, stdlib, overlay, std::nullopt, plan.edits);
        INFO(sample.filename().string()
             << ": " << c.scope << " name `" << c.name << "` -> `" << new_name << "`: rules say `"
             << plan.error << "`, the check says `" << added << "`");
        if (plan.error.empty()) {
          CHECK(added.empty());
        } else {
          ++refused;
          CHECK((!added.empty() || DeliberatelyStricter(plan.error)));
        }
      }
    }
  }
  INFO(decided << " decided by the rules (" << refused << " refused), " << rechecked
               << " left to the check");
  CHECK(decided > 100);
  CHECK(rechecked > 0);
}

// A project of three files: main imports shapes, shapes imports units; main does not see units.
struct Scratch {
  fs::path folder;
  Analysis analysis;
  Scratch() {
    folder = fs::temp_directory_path() / ("caios_rename_rules_" + std::to_string(::getpid()));
    fs::create_directories(folder);
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
    const std::map<std::string, std::string> overlay;
    Analyze(CanonicalPath(folder), CanonicalPath(fs::path(CAIOS_REPO_ROOT) / "stdlib"), overlay,
            std::nullopt, analysis);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(folder, ec);
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(folder / name) << text;
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
  CHECK(!reason("shapes.caios", "Shape {", "Request").empty());     // std.http's record
  CHECK(!reason("main.caios", "pick(", "choose").empty());          // a flow: the backend's names
  CHECK(!reason("main.caios", "order:", "o").empty());              // a parameter: the input
  CHECK(reason("main.caios", "started =", "begun").empty());        // the comment is no use
  CHECK(!reason("main.caios", "started =", "state").empty());       // the run's context
  CHECK(!reason("main.caios", "started =", "started_at").empty());  // a larger definition
  // `{ total: total }`: the key spells the name and is not one of the edits.
  CHECK(!reason("main.caios", "total =", "sum").empty());
}

}  // namespace
}  // namespace caios::lsp
