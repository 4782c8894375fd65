// Step 2 of a snippet (snippet.h): which windows of an analysed text to show
// (snippet.h says how they are chosen), and the text measures the fragments
// are built with. Internal to snippet.cc and its tests.
#ifndef SOUSUO_COMMON_SNIPPET_WINDOW_H_
#define SOUSUO_COMMON_SNIPPET_WINDOW_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/highlight.h"
#include "common/snippet_match.h"

namespace sousuo {
namespace snippet_window {

// An East Asian wide character (two display columns).
bool IsWide(char32_t c);
// True if `text` holds a character that is not whitespace.
bool HasText(std::string_view text);

// A window chosen in texts[text].
struct Window {
  size_t text;
  snippet_match::Span span;
};

// Up to `max_fragments` windows of at most `fragment_columns` in `texts`,
// picked best first (ties go to the earlier one), each scored against the
// patterns the windows before it already show, in text order. A window
// never leaves its text, and leaves `marker_columns` for each match it is
// chosen around. REQUIRES: every match's pattern < num_patterns.
std::vector<Window> PickWindows(const std::vector<snippet_match::AnalyzedText>& texts,
                                size_t num_patterns, size_t fragment_columns,
                                size_t max_fragments, size_t marker_columns = 0);

// The opening window of `t`, for a text with no match.
snippet_match::Span OpeningWindow(const snippet_match::AnalyzedText& t, size_t columns);

// In character mode (no Han words) a window may end inside a Han word:
// `window` of `text` with each such end moved to the word's edge, inwards,
// or outwards where inwards would cut one of `ranges`. Analyses a few dozen
// bytes around each end, adding them to *analysed.
snippet_match::Span KeepHanWordsWhole(Analyzer* analyzer, std::string_view text,
                                      snippet_match::Span window,
                                      const std::vector<HighlightRange>& ranges, size_t* analysed);

}  // namespace snippet_window
}  // namespace sousuo

#endif  // SOUSUO_COMMON_SNIPPET_WINDOW_H_
