// Unit tests of NameStates (backends/aws/asl/state_names.h): duplicate names get ` (n)` suffixes
// exactly as the original scheme (try n = 2, 3, … for every duplicate) did, in linear time.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "backends/aws/asl/state_names.h"
#include "compiler/base/utf8.h"

using namespace caios;

namespace {

// A chain of pass states named `names`, in source order.
std::vector<std::string> Named(const std::vector<std::string>& names) {
  ir::StateGraph g;
  g.graphs.emplace_back();
  for (uint32_t i = 0; i < names.size(); ++i) {
    ir::State s;
    s.name = names[i];
    s.span = Span{FileId{0}, i, i + 1};
    if (i + 1 < names.size()) s.next = ir::StateId{i + 1};
    g.states.push_back(std::move(s));
    g.graphs[0].states.push_back(ir::StateId{i});
  }
  g.graphs[0].start = ir::StateId{0};
  aws::NameStates(g);
  std::vector<std::string> out;
  for (const ir::State& s : g.states) out.push_back(s.name);
  return out;
}

// The scheme NameStates had before it kept counters: quadratic, but the reference for names.
std::vector<std::string> Reference(const std::vector<std::string>& names) {
  std::set<std::string> taken;
  std::vector<std::string> out;
  for (const std::string& raw : names) {
    std::string base = Clip(raw, aws::kMaxStateName);
    std::string name = base;
    for (int n = 2; taken.count(name); ++n) {
      std::string suffix = " (" + std::to_string(n) + ")";
      name = Clip(base, aws::kMaxStateName - suffix.size()) + suffix;
    }
    taken.insert(name);
    out.push_back(name);
  }
  return out;
}

}  // namespace

TEST_CASE("duplicate state names are numbered from 2", "[state_names]") {
  CHECK(Named({"Get", "Get", "Get (2)", "Get"}) ==
        std::vector<std::string>{"Get", "Get (2)", "Get (2) (2)", "Get (3)"});
}

TEST_CASE("state names match the original numbering on random inputs", "[state_names]") {
  std::mt19937 rng(15);
  // Short names, names that look like numbered ones, and long names that share the clipped
  // prefix (their suffixes cut different amounts as n gains digits).
  const std::string long_a(78, 'a');
  std::vector<std::string> pool = {"A",
                                   "A (2)",
                                   "A (3)",
                                   "A (2) (2)",
                                   "B",
                                   long_a,
                                   long_a + "b",
                                   long_a + "cc",
                                   long_a.substr(0, 76) + " (2)",
                                   long_a.substr(0, 75) + " (10)"};
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> names;
    const int count = 1 + static_cast<int>(rng() % 300);
    for (int i = 0; i < count; ++i) names.push_back(pool[rng() % pool.size()]);
    INFO("round " << round);
    CHECK(Named(names) == Reference(names));
  }
}

TEST_CASE("many identical state names take linear time", "[state_names]") {
  // 40,000 duplicates: the original scheme made 800 million set look-ups (minutes).
  std::vector<std::string> names(40000, "Call");
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> named = Named(names);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(named.back() == "Call (40000)");
  CHECK(seconds < 5.0);
}
