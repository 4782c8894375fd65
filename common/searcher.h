// Runs a built query the way sousuo-query does. The evaluation tools use it
// too, so what they measure is what a user gets.
//
// The list a query gives is the same whatever page is asked for:
//   1. Full matches, the reports that hold every word (BuiltQuery::query),
//      ranked by BM25.
//   2. Then, for a plain query (BuiltQuery::partial), the partial matches:
//      reports that hold some of the words, ranked by the words they hold.
//      With `strict`, there are none.
// When a query has partial matches, is English and fewer than 10 reports
// hold every word (a question, typically), both parts are also ranked by
// pseudo-relevance feedback (RM3, FeedbackTerms) drawn from the first 10
// reports of the list: it reorders reports within each part but never adds
// a match. The first kRerankDepth partial matches are ranked
// again with the query's proximity features (BuiltQuery::proximity): full
// matches hold every word already, and the features (phrases of common
// characters) would cost a common Chinese query 8-18 ms for them. A report
// that holds none of the query's words is never listed.
#ifndef SOUSUO_COMMON_SEARCHER_H_
#define SOUSUO_COMMON_SEARCHER_H_

#include <string>
#include <vector>

#include "common/index_reader.h"
#include "common/query_builder.h"

namespace sousuo {

// Partial matches ranked again with the proximity features: the first 100,
// a fixed depth, so that no page sees another order.
constexpr unsigned kRerankDepth = 100;
// The count of full matches is exact when at most this many reports match
// (as Elasticsearch tracks totals by default); above it, an estimate.
constexpr Xapian::doccount kExactCountLimit = 10000;

struct SearchRequest {
  unsigned offset = 0;  // hits to skip
  unsigned limit = 10;  // hits to return
  bool strict = false;  // full matches only
  SortOrder sort = SortOrder::kRelevance;  // by date: no feedback, no reranking
  bool count_all = false;  // count full and partial matches exactly, however many
};

struct SearchOutcome {
  std::vector<Hit> hits;  // ranks offset + 1 ...; partial matches marked
  // Reports that hold every word: exact when `full_exact`, else Xapian's
  // estimate, with at least `full_lower_bound` of them.
  Xapian::doccount full = 0;
  bool full_exact = true;
  Xapian::doccount full_lower_bound = 0;
  // Partial matches follow the full ones (some report holds some words).
  bool partial = false;
  // With count_all: the number of partial matches, exact.
  Xapian::doccount partial_count = 0;
  // Some report would be listed on some page.
  bool any() const { return full > 0 || partial; }
};

// Runs `built` for hits [request.offset, request.offset + request.limit).
// Throws IndexError as IndexReader does.
SearchOutcome RunSearch(IndexReader* reader, const BuiltQuery& built,
                        const SearchRequest& request);

// The English stems that best characterise `top` (the first reports of a
// list), each weighted by RM3 with Anserini's defaults (searcher.cc), OR-ed;
// an empty query when `english_words` is 0 or the reports yield no
// feedback term. `english_words` is the number of the query's distinct
// stems, one per word (RM3 spreads half the weight over them).
Xapian::Query FeedbackTerms(const Xapian::Database& db, size_t english_words,
                            const std::vector<Scored>& top);

// `query` AND_MAYBE `feedback` (unchanged when that is empty): the same
// matches, ranked also by the feedback terms.
Xapian::Query WithFeedback(const Xapian::Query& query, const Xapian::Query& feedback);

// The number of distinct English stems of `query`, or 0 when it is not an
// English query (it has Han characters, or no stems).
size_t EnglishWords(const Xapian::Query& query);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_SEARCHER_H_
