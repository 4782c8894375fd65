// Step 1 of a snippet (snippet.h): where a query's patterns match a text.
//
// The text is analysed by the query's own Analyzer and each token given the
// terms the index holds for it (term_writer.h's TokenTerms), so a match is
// exactly what the search matched. Patterns are looked up through an index
// of the text's terms, not tried at every position: a query of 1,000 words
// on a 1.6 MB report took 10 s that way.
//
// Segmenting is most of the cost of a snippet (ICU runs at 16-70 MB/s), and a
// long report's fragments come from a few places. So a long text can be
// folded once (cheap) and searched for anchors, literal strings that begin
// every occurrence of a pattern (AnchorRegions); only regions around the
// first few anchor hits are then analysed from the folded text
// (AnalyseRegions), each cut where segmentation starts afresh (whitespace, or
// after Chinese punctuation), so their tokens are the ones the whole text
// gives. Missing an occurrence outside the regions can only change which
// window is picked; if the regions hold no match at all, the caller analyses
// the whole (scanned) text. A stored body in parts is analysed by the pieces
// the index holds (AnalysePieces), found by snippet_locate.h.
//
// Internal to snippet.cc and its tests.
#ifndef SOUSUO_COMMON_SNIPPET_MATCH_H_
#define SOUSUO_COMMON_SNIPPET_MATCH_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/folding.h"
#include "common/highlight.h"
#include "common/stored_body.h"

namespace sousuo {
namespace snippet_match {

// One occurrence of patterns_[pattern] at bytes [begin, end) of the text.
struct Match {
  uint32_t begin;
  uint32_t end;
  size_t pattern;
};

// A byte range [begin, end) of the text.
struct Span {
  size_t begin;
  size_t end;
};

// A text as the matcher sees it.
struct AnalyzedText {
  std::string_view text;
  std::vector<Match> matches;  // sorted by begin, then end
  std::vector<Span> words;     // kWord, kNumber and kHanWord tokens, in order

  // The word that byte `pos` lies strictly inside, or nullptr.
  const Span* WordAround(size_t pos) const {
    const auto it =
        std::partition_point(words.begin(), words.end(),
                             [pos](const Span& w) { return w.begin < pos; });
    if (it == words.begin() || pos >= std::prev(it)->end)
      return nullptr;
    return &*std::prev(it);
  }
  size_t WordBeginAt(size_t pos) const {
    const Span* w = WordAround(pos);
    return w ? w->begin : pos;
  }
  size_t WordEndAt(size_t pos) const {
    const Span* w = WordAround(pos);
    return w ? w->end : pos;
  }
};

// Texts up to this size are analysed whole by SnippetGenerator::Generate.
constexpr size_t kWholeTextBytes = 4096;

// `pos` moved by up to `limit` bytes of `text` in `step`'s direction (-1 or
// +1) to where segmentation starts afresh (either end, after whitespace, or
// after a Chinese sentence or clause mark), else to a character boundary.
size_t SnapToFreshStart(std::string_view text, size_t pos, int step, size_t limit);

// True if a pattern can match a Han word token (a single Han character as a
// word, or a Han prefix*), which Analyzer::AnalyzeCharacters does not give.
bool NeedsHanWords(const std::vector<MatchPattern>& patterns);

// The whole of `text` analysed (with Han words only if `han_words`) and
// matched against `patterns`.
AnalyzedText AnalyseText(Analyzer* analyzer, const std::vector<MatchPattern>& patterns,
                         std::string_view text, bool han_words = true);

// The regions of `text` worth analysing for `patterns`, sorted and
// disjoint, reaching `reach` bytes (about) each side of an anchor hit in
// `folded` (Folder::Fold of `text`). Empty if no anchor occurs, so that no
// pattern can match; nothing if the whole text should be analysed (a pattern
// with no safe anchor, more than 16 patterns, or regions covering most of
// the text).
std::optional<std::vector<Span>> AnchorRegions(const FoldedText& folded,
                                               const std::vector<MatchPattern>& patterns,
                                               std::string_view text, size_t reach);

// AnalyseText over `regions` of `text` only, from `folded` (Folder::Fold of
// `text`, so nothing is folded again); a position is left out between
// regions so that no pattern matches across one's end.
AnalyzedText AnalyseRegions(Analyzer* analyzer, const std::vector<MatchPattern>& patterns,
                            std::string_view text, const FoldedText& folded,
                            const std::vector<Span>& regions, bool han_words);

// `text` analysed in `pieces` as the index analysed them (stored_body.h): each
// piece from its begin (an offset into `text`) to the next one's (the last
// to the end of `text`), its tokens numbered from its position.
// REQUIRES: pieces sorted, the first at 0.
AnalyzedText AnalysePieces(Analyzer* analyzer, const std::vector<MatchPattern>& patterns,
                           std::string_view text, const std::vector<BodyPiece>& pieces,
                           bool han_words);

// Sorted, disjoint, non-touching ranges covering every match.
std::vector<HighlightRange> MergeRanges(const std::vector<Match>& matches);

}  // namespace snippet_match
}  // namespace sousuo

#endif  // SOUSUO_COMMON_SNIPPET_MATCH_H_
