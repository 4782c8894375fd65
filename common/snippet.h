// Snippets: which parts of a stored text to show for a query, and where the
// query matched inside them. A snippet is data; render.h renders it.
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
// The work of one snippet is bounded whatever the text's size (issue 12: a
// 50 MB report with nothing to anchor on took 10 s). A text in memory is
// looked at up to kScanBytes only, and folded once. A stored report whose
// body is stored in parts (stored_body.h) is never read whole: the index's
// positions say which pieces hold matches (snippet_locate.h), and only those
// pieces, and their neighbours where a window may reach into them, are read
// and analysed. Without a match, a snippet shows the opening of the text,
// and only the opening is analysed. HighlightAll looks at kTitleBytes.
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

#include <xapian.h>

#include "common/analyzer.h"
#include "common/document.h"
#include "common/folding.h"
#include "common/highlight.h"

namespace sousuo {

namespace snippet_match {
struct AnalyzedText;
struct Span;
}  // namespace snippet_match

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
  // Analyse texts in memory whole instead of around anchors, however long:
  // every occurrence then counts in picking windows (slow; for comparison in
  // tests).
  bool analyse_whole = false;
  // Columns the renderer adds around each highlight (2 for "[" and "]",
  // 0 for colour): a window leaves room for those of the matches it is
  // chosen around, so the rendered line still fits fragment_columns.
  size_t marker_columns = 0;
};

// Bytes of text a SnippetGenerator has worked on since it was made: for
// checking in tests and benchmarks that a snippet's work is bounded.
struct SnippetCounters {
  size_t analysed = 0;  // segmented into tokens
  size_t folded = 0;    // folded (Folder::Fold), for analysis or anchors
  size_t inflated = 0;  // read from a stored body's chunks (stored_body.h)
};

// Finds query patterns in texts and cuts snippets around them. Not
// thread-safe: it uses the Analyzer, which must outlive it.
class SnippetGenerator {
 public:
  // A longer text in memory is looked at only up to about here (cut where
  // segmentation starts afresh): a report's stored head (kBodyHeadBytes).
  static constexpr size_t kScanBytes = 64 << 10;
  // HighlightAll shows a longer text only up to about here.
  static constexpr size_t kTitleBytes = 4 << 10;

  // REQUIRES: analyzer != nullptr; options.max_fragments >= 1.
  SnippetGenerator(Analyzer* analyzer, std::vector<MatchPattern> patterns,
                   SnippetOptions options = {});

  // Every place where a pattern matches, as byte ranges into `text`: from the
  // first matched token's begin to the last one's end (for Han, the matched
  // characters, so 济南 highlights the first two characters of 济南市).
  // Overlapping and touching ranges are merged. Analyses all of `text`, for
  // showing a whole report. REQUIRES: valid UTF-8.
  std::vector<HighlightRange> FindMatches(std::string_view text);

  // `text` (whitespace collapsed) with every match highlighted; for titles.
  // Not elided, unless the text is longer than kTitleBytes: it is then cut
  // there, between words, and elided on the right. REQUIRES: valid UTF-8.
  Snippet HighlightAll(std::string_view text);

  // Up to max_fragments non-overlapping fragments, each at most
  // fragment_columns wide unless a single match is wider, in text order.
  // Without a match: one fragment from the opening of the text. An empty
  // (or all-whitespace) text gives none. Only the first kScanBytes of a
  // longer text are looked at (unless options.analyse_whole): for a stored
  // report, use the form below. REQUIRES: valid UTF-8.
  std::vector<Snippet> Generate(std::string_view text);

  // The same for report `docid` of `db`, `report` being what ParseReport
  // gave for it (IndexReader's Hit::report): a body stored in parts is read
  // only where the index places matches, so matches count anywhere in it.
  // Snippet::source_begin/end are offsets into the whole body. Throws
  // IndexError if the stored body is damaged.
  std::vector<Snippet> Generate(const Xapian::Database& db, Xapian::docid docid,
                                const Report& report);

  const SnippetCounters& counters() const { return counters_; }

 private:
  // `text` analysed as Generate(text) needs it: the opening only when
  // nothing can match, else around anchors within kScanBytes, else all of
  // that. The result's text is the part looked at.
  snippet_match::AnalyzedText AnalyseScanned(std::string_view text);
  // AnalyseText, counted.
  snippet_match::AnalyzedText Analyse(std::string_view text);
  // `window` of `t` with its ends moved out of Han words when Han words
  // were not analysed.
  snippet_match::Span Settle(const snippet_match::AnalyzedText& t, snippet_match::Span window,
                             const std::vector<HighlightRange>& ranges);

  Analyzer* analyzer_;  // not owned
  Folder folder_;
  std::vector<MatchPattern> patterns_;
  SnippetOptions options_;
  bool han_words_;  // some pattern needs Han word tokens (else characters do)
  SnippetCounters counters_;
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_SNIPPET_H_
