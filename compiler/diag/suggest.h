// "Did you mean" suggestions for every phase: the closest candidate to a misspelled name by
// edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caios {

// Levenshtein distance, comparing letters case-insensitively.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `name` if it is close enough to be a plausible typo: distance at most
// max(1, len/3) (a case-only difference always qualifies). Ties go to the first candidate.
std::optional<std::string> ClosestMatch(std::string_view name,
                                        const std::vector<std::string>& candidates);
std::optional<std::string_view> ClosestMatch(std::string_view name,
                                             const std::vector<std::string_view>& candidates);

// "did you mean `x`?" or an empty string.
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);
// Every candidate close enough to be a typo of `name` (as ClosestMatch judges), closest first
// and, among equally close ones, in the candidates' order (so the first is ClosestMatch's), at
// most `limit`: alternatives to offer as fix-its, best first.
std::vector<std::string> CloseMatches(std::string_view name,
                                      const std::vector<std::string>& candidates, size_t limit);

// "`a`, `b` and `c`"
std::string JoinQuoted(const std::vector<std::string>& names);

}  // namespace caios
