// Snippets: which parts of a stored text to show for a query, and where the
// query matched inside them. A snippet is data; format.h renders it.
//
// Matching re-analyses the text with the query's own Analyzer and compares
// terms (term_writer.h's TokenTerms), so a highlight appears exactly where the
// index saw a match: "reported" for the query "reports" (stem), 濟南 for 济南
// (Traditional folding), ＧＤＰ for gdp (width and case folding). Ranges are
// byte offsets of the original characters.
//
// Segmentation is most of a snippet's cost, so Generate skips what it can:
// unless a pattern matches Han words (a single Han character as a word, or a
// Han prefix*), Han text is not segmented into words at all
// (Analyzer::AnalyzeCharacters: character patterns match the same), and a
// long text is analysed only around the first few places where a pattern
// may begin (found by a literal search in the folded text); see snippet_match.h.
//
// Windows are measured in display columns (a Han character counts 2), never
// in bytes. A window's score counts each distinct pattern 1000 and each
// repeat 1 (SQLite FTS5), so a fragment showing two query words beats one
// showing the same word twice. A window is centred on its matches, clamped to
// the text, and cut at a sentence end (。！？.!? or a newline) where one is
// in reach, else at a clause mark (；;，,、：:) that keeps at least half of
// the spare room, else between tokens; never inside a token or a character.
#ifndef SOUSUO_COMMON_SNIPPET_H_
#define SOUSUO_COMMON_SNIPPET_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/folding.h"
#include "common/highlight.h"

namespace sousuo {

// One piece of a text. Whitespace runs inside `fragment` are collapsed to one
// space, or removed when both neighbours are East Asian wide characters (so
// no space ever appears inside Chinese); the fragment has no leading or
// trailing whitespace. `highlights` are sorted, disjoint and non-adjacent.
struct Snippet {
  std::string fragment;
  std::vector<HighlightRange> highlights;
  bool elided_left = false;   // text before the fragment was left out
  bool elided_right = false;  // text after the fragment was left out
  uint32_t source_begin = 0;  // byte range of the text it shows
  uint32_t source_end = 0;
};

struct SnippetOptions {
  size_t fragment_columns = 120;  // display width of one fragment at most
  size_t max_fragments = 3;       // fragments Generate returns at most
  // Analyse long texts whole instead of around anchors: every occurrence
  // then counts in picking windows (slower; for comparison in tests).
  bool analyse_whole = false;
};

// Finds query patterns in texts and cuts snippets around them. Not
// thread-safe: it uses the Analyzer, which must outlive it.
class SnippetGenerator {
 public:
  // REQUIRES: analyzer != nullptr; options.max_fragments >= 1.
  SnippetGenerator(Analyzer* analyzer, std::vector<MatchPattern> patterns,
                   SnippetOptions options = {});

  // Every place where a pattern matches, as byte ranges into `text`: from the
  // first matched token's begin to the last one's end (for Han, the matched
  // characters, so 济南 highlights the first two characters of 济南市).
  // Overlapping and touching ranges are merged. REQUIRES: valid UTF-8.
  std::vector<HighlightRange> FindMatches(std::string_view text);

  // The whole of `text` (whitespace collapsed) with every match highlighted;
  // for titles. Never elided. REQUIRES: valid UTF-8.
  Snippet HighlightAll(std::string_view text);

  // Up to max_fragments non-overlapping fragments, each at most
  // fragment_columns wide unless a single match is wider, in text order.
  // Without a match: one fragment from the opening of the text. An empty
  // (or all-whitespace) text gives none. REQUIRES: valid UTF-8.
  std::vector<Snippet> Generate(std::string_view text);

 private:
  Analyzer* analyzer_;  // not owned
  Folder folder_;
  std::vector<MatchPattern> patterns_;
  SnippetOptions options_;
  bool han_words_;  // some pattern needs Han word tokens (else characters do)
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_SNIPPET_H_
