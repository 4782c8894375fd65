// Runs a built query the way sousuo-query does: the strict query first, the
// relaxed one when too few reports hold every word. The evaluation tools use
// it too, so what they measure is what a user gets.
#ifndef SOUSUO_COMMON_SEARCHER_H_
#define SOUSUO_COMMON_SEARCHER_H_

#include "common/index_reader.h"
#include "common/query_builder.h"

namespace sousuo {

struct RankedResult {
  SearchResult result;
  // True when the hits come from the relaxed query.
  bool relaxed = false;
  // Reports that hold every word (the strict query's upper bound).
  Xapian::doccount strict_matches = 0;
};

// Runs `built.query` for hits [offset, offset + limit). When fewer reports
// than `relax_below` (0: offset + limit, a page) match it and the query has
// implicit ANDs to relax,
// runs `built.relaxed` instead: a question or a long list of words then
// ranks the reports that match the most of them (those holding every word
// still tend to come first) rather than showing a few reports that happen to
// hold every word. An English relaxed query is expanded with pseudo-relevance
// feedback (ExpandWithFeedback), which helps a question find reports that
// answer it in other words; the first 100 reports of a relaxed query are
// ranked again with its proximity features (BuiltQuery::proximity). Throws
// IndexError as IndexReader::Search does.
RankedResult RunBuiltQuery(IndexReader* reader, const BuiltQuery& built,
                           unsigned offset, unsigned limit, unsigned relax_below = 0);

// `query` OR the English stems that best characterise its top 10 reports,
// weighted by RM3 with Anserini's defaults (searcher.cc). Returns `query`
// unchanged when it is not English (it has Han characters or no stems) or
// its top reports yield no feedback term. Throws IndexError as
// IndexReader::Search does.
Xapian::Query ExpandWithFeedback(IndexReader* reader, const Xapian::Query& query);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_SEARCHER_H_
