// Typo suggestions: the fix-it alternatives agree with "did you mean" (docs/diagnostics.md).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "compiler/diag/suggest.h"

namespace caios {
namespace {

TEST_CASE("close matches keep the candidates' order among equally close names", "[suggest]") {
  // The checker lists the variables in scope before the global names: `order` before `Order`.
  std::vector<std::string> candidates = {"order", "total", "Order", "Orders"};
  CHECK(CloseMatches("ordr", candidates, 3) == std::vector<std::string>{"order", "Order"});
  CHECK(DidYouMean("ordr", candidates) == "did you mean `order`?");
  CHECK(CloseMatches("ordr", {"Order", "order"}, 3) == std::vector<std::string>{"Order", "order"});
}

TEST_CASE("close matches: closest first, no duplicates, at most the limit", "[suggest]") {
  std::vector<std::string> candidates = {"abcdef", "abcxyz", "abcdex", "abcdef", "abcdeq"};
  CHECK(CloseMatches("abcdef", candidates, 5) == std::vector<std::string>{"abcdex", "abcdeq"});
  CHECK(CloseMatches("abcdez", candidates, 2) == std::vector<std::string>{"abcdef", "abcdex"});
  CHECK(CloseMatches("zzz", candidates, 3).empty());
}

}  // namespace
}  // namespace caios
