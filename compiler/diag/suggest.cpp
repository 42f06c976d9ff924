#include "compiler/diag/suggest.h"

#include <algorithm>
#include <cctype>

namespace caios {

namespace {
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}
}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  // Names longer than this are not typos of each other in practice; bound the work.
  constexpr size_t kMax = 64;
  if (a.size() > kMax || b.size() > kMax) return std::max(a.size(), b.size());
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t subst = prev[j - 1] + (Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

template <typename Candidates>
std::optional<std::string_view> Closest(std::string_view name, const Candidates& candidates) {
  std::optional<std::string_view> best;
  size_t best_distance = 0;
  const size_t limit = std::max<size_t>(1, name.size() / 3);
  for (std::string_view c : candidates) {
    if (c == name) continue;
    if (EqualIgnoringCase(c, name)) return c;
    size_t d = EditDistance(name, c);
    if (d <= limit && (!best || d < best_distance)) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace

std::optional<std::string> ClosestMatch(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  auto match = Closest(name, candidates);
  return match ? std::optional<std::string>(std::string(*match)) : std::nullopt;
}

std::optional<std::string_view> ClosestMatch(std::string_view name,
                                             const std::vector<std::string_view>& candidates) {
  return Closest(name, candidates);
}

std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  auto match = ClosestMatch(name, candidates);
  return match ? "did you mean `" + *match + "`?" : std::string();
}

std::vector<std::string> CloseMatches(std::string_view name,
                                      const std::vector<std::string>& candidates, size_t limit) {
  std::vector<std::pair<size_t, std::string>> close;
  const size_t max_distance = std::max<size_t>(1, name.size() / 3);
  for (const std::string& c : candidates) {
    if (c == name) continue;
    size_t d = EqualIgnoringCase(c, name) ? 0 : EditDistance(name, c);
    if (d <= max_distance) close.emplace_back(d, c);
  }
  // Ties keep the candidates' order, as ClosestMatch does: the first fix-it is the name that
  // "did you mean" suggests (the caller lists the names in scope before the global ones).
  std::stable_sort(close.begin(), close.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < close.size() && out.size() < limit; ++i) {
    if (std::find(out.begin(), out.end(), close[i].second) == out.end()) {
      out.push_back(close[i].second);
    }
  }
  return out;
}

std::string JoinQuoted(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += "`" + names[i] + "`";
  }
  return out;
}

}  // namespace caios
