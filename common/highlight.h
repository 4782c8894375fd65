// What a query asks to highlight, handed from the query builder to the
// snippet generator, and where it was found. Patterns are written in
// Field::kAll terms (see term_writer.h), so matching a text is: analyse it,
// collect each position's terms, and look for the slots at consecutive
// positions.
#ifndef SOUSUO_COMMON_HIGHLIGHT_H_
#define SOUSUO_COMMON_HIGHLIGHT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace sousuo {

// One position of a pattern.
struct MatchSlot {
  // Any of these terms at the position matches: e.g. {"reports", "Zreport"}
  // for an unquoted English word, {"reports"} inside a phrase, {"XC济"} for a
  // Han character.
  std::vector<std::string> terms;
  // If not empty, a word token (kWord, kNumber or kHanWord) whose folded text
  // starts with this also matches (from `prefix*`).
  std::string prefix;
};

// A word, a wildcard or a phrase: slots at consecutive positions. A Han word
// is a pattern of its characters, so 济南 highlights inside 济南市 too.
struct MatchPattern {
  std::vector<MatchSlot> slots;
};

// A highlighted byte range [begin, end): of a text (snippet_match.h) or of
// the fragment of a Snippet it belongs to (snippet.h).
struct HighlightRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

inline bool operator==(const HighlightRange& a, const HighlightRange& b) {
  return a.begin == b.begin && a.end == b.end;
}

}  // namespace sousuo

#endif  // SOUSUO_COMMON_HIGHLIGHT_H_
