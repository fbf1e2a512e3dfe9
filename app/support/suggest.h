// "Did you mean": the known word closest to a mistyped one ("titel" -> "title"), for messages
// about unknown fields, keys and names.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace qiao::support {

// Levenshtein distance in bytes (insertions, deletions, substitutions).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` within `max_distance` edits; ties go to the first in byte
// order. Empty if none is that close.
std::string_view ClosestMatch(std::string_view word, std::span<const std::string_view> candidates,
                              size_t max_distance = 2);

// " (did you mean \"title\"?)" for ClosestMatch, or "" : appended to a message.
std::string DidYouMean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace qiao::support
