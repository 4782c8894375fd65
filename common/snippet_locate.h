// Where the matches of a long stored body are, from the index instead of the
// text (the stored path of SnippetGenerator::Generate, snippet.h).
//
// A body stored in parts is analysed in pieces whose first term positions
// the layout records (stored_body.h), and the index holds the positions of
// every exact word and Han character. An occurrence of a pattern begins where
// a term of its first slot stands and the next slots' terms stand at the
// following positions (a phrase query's check). So the pieces that hold the
// first occurrences of each pattern follow from the document's position
// lists and the layout, and nothing else of the body is read or analysed.
//
// Terms that carry no positions are found through terms that do: an English
// stem through the indexed words that have it (looked up among the words
// that start with the stem less its last letter: "happi" <- happy, happier),
// a prefix* through the indexed words that start with it, a Han word or Han
// prefix through its first character (a superset: the analysis of the piece
// then finds the words). A slot found through a superset is not checked.
//
// The work is bounded by counts, never by the body's size: at most
// kMaxLocatedPatterns patterns, kMaxWordsPerTerm index words per stem or
// prefix, kMaxStarts first-slot positions tried and kHitsPerPattern
// occurrences kept per pattern, and kMaxPositionSteps positions decoded in
// all (Xapian decodes position lists one by one, even to skip).
//
// Internal to snippet.cc and its tests.
#ifndef SOUSUO_COMMON_SNIPPET_LOCATE_H_
#define SOUSUO_COMMON_SNIPPET_LOCATE_H_

#include <cstddef>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/highlight.h"
#include "common/stored_body.h"

namespace sousuo {
namespace snippet_locate {

constexpr size_t kMaxLocatedPatterns = 16;
constexpr size_t kMaxWordsPerTerm = 256;
constexpr size_t kMaxStarts = 1024;
constexpr size_t kHitsPerPattern = 6;
constexpr size_t kMaxPositionSteps = 1 << 18;
// A window's reach on either side of a match, in positions: a piece beside
// a hit this close to its edge is analysed too.
constexpr Xapian::termpos kReachPositions = 48;

// One occurrence of patterns[pattern] as the index places it.
struct Hit {
  size_t pattern;
  Xapian::termpos position;  // of its first slot
};

// The first occurrences (at most kHitsPerPattern each) of the first
// kMaxLocatedPatterns patterns in the body of document `docid` (positions
// from layout.pieces[0].position on), by pattern, then position.
std::vector<Hit> LocateHits(const Xapian::Database& db, Xapian::docid docid,
                            const Analyzer& analyzer, const std::vector<MatchPattern>& patterns,
                            const BodyLayout& layout);

// The pieces (indexes into layout.pieces, ascending) to analyse so that up
// to `max_windows` windows can be cut around `hits`: first the pieces that
// show the most patterns not yet shown, then the earliest others with hits,
// at most `max_windows` of them, each with the piece before or after it
// when a hit lies within kReachPositions of that side.
std::vector<size_t> PiecesForHits(const std::vector<Hit>& hits,
                                  const std::vector<MatchPattern>& patterns,
                                  const BodyLayout& layout, size_t max_windows);

// The piece of `layout` holding term position `position`.
// REQUIRES: !layout.pieces.empty(); position >= layout.pieces[0].position.
size_t PieceOf(const BodyLayout& layout, Xapian::termpos position);

}  // namespace snippet_locate
}  // namespace sousuo

#endif  // SOUSUO_COMMON_SNIPPET_LOCATE_H_
