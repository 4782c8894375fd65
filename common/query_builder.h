// Turns query text (syntax in query_parser.h) into Xapian queries. The text
// is parsed, then analysed once into a plan (query_plan.h, which states the
// matching rules); each query below is derived from the plan by a function
// of its own. Query terms are exactly the terms the index holds
// (term_writer.h): Xapian's QueryParser/TermGenerator are never used, since
// they cannot segment Chinese into words.
//
// How each word of the plan is queried (field prefix "S" for title:):
//   Latin word      OR(exact, Z+stem): the stem gives recall, the exact form
//                   ranks higher
//   number          exact term
//   Han word (2+)   OR(word, 1/n * (PHRASE(XC chars) AND_NOT word)): the
//                   phrase finds 济南 inside a report segmented as 济南市, at
//                   the weight of one of its n characters, so whole-word
//                   matches rank first and no report is paid twice (measured
//                   on the CMRC questions: MRR@10 0.9869 against 0.9788 for a
//                   plain OR and 0.9855 with no character terms at all)
//   Han word (1)    the word term; quote it ("市") to find it inside words
//   glued run       PHRASE(XC chars): 刘贵堂 wherever its characters stand
//                   together, however the report was segmented
//   repeated word   queried once with wqf n (see PlanWord::repeat)
// and the rest of the plan:
//   chunk of words  AND of its words (经济增长 -> 经济 增长, e-mail -> e mail),
//                   AND_MAYBE a PHRASE of the chunk's positional terms, so
//                   text where the words stand together ranks first
//   "phrase"        PHRASE of the positional terms (exact words, XC chars)
//   prefix*         WILDCARD over the folded prefix, the kWildcardLimit most
//                   frequent expansions
//   lang:, source:, date:   boolean filters (OP_FILTER; no weight); in an OR
//                   beside scored queries they are scaled to weight 0
//   a -b            AND_NOT; a purely negative query excludes from everything
#ifndef SOUSUO_COMMON_QUERY_BUILDER_H_
#define SOUSUO_COMMON_QUERY_BUILDER_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/highlight.h"

namespace sousuo {

// Most terms a prefix* expands to (the most frequent ones are kept).
constexpr Xapian::termcount kWildcardLimit = 100;

// One word of a plain query, for telling which words a partial match lacks.
struct QueryWord {
  std::string typed;      // as written in the query
  Xapian::Query query;    // matches the reports that hold it
  bool function = false;  // a function word (query_plan.h)
};

struct BuiltQuery {
  // Full matches: the reports that hold every word (query_plan.h).
  Xapian::Query query;
  // Partial matches of a plain query (QueryPlan::plain) with two or more
  // words that count for partial matching (PartialWords): the reports that
  // hold some of those words, one of them meaningful, but not every word of
  // `query`; weighted by the words they hold, each chunk boosted where its
  // words stand together. Empty for any other query.
  Xapian::Query partial;
  // Terms any report holding one of which is a full or a partial match: the
  // word terms of the meaningful words of `partial`, when it has no phrases
  // and no negated parts (else none). A term held by more reports than
  // there are full matches proves, without a search, that partial matches
  // exist.
  std::vector<std::string> partial_terms;
  // The words of a query with partial matches (not the stop words it
  // drops), in the order typed, to tell which a partial match lacks; empty
  // when `partial` is.
  std::vector<QueryWord> words;
  // Proximity features for the partial matches, from the sequential
  // dependence model (Metzler and
  // Croft 2005) with its published weights: each pair of words typed next
  // to each other (after leaving out function words), at least one of them
  // Han, as a PHRASE of their positional terms scaled to 0.10 / 0.85 of the
  // words' weight, and as a NEAR of them within 8 positions scaled to
  // 0.05 / 0.85. They mend what the segmenter split (无双 -> 无 双, 声优 ->
  // 声 优) and favour reports where a query's words stand as typed. English
  // pairs get none (see bench/README.md). A PHRASE over common characters
  // is costly, so the searcher adds these to the first results only.
  std::vector<Xapian::Query> proximity;
  // Every positive word, phrase and prefix, in Field::kAll terms (also for
  // title:), first occurrence first, without duplicates. Negated parts and
  // filters yield none.
  //   Latin word -> one slot {exact, Z+stem};  number -> {exact};
  //   Han word   -> one slot {"XC"+char} per character (a glued run too);
  //   phrase     -> its slots in order ({exact} for words);
  //   prefix*    -> one slot with .prefix set and no terms.
  std::vector<MatchPattern> highlights;
  // The query as understood (DescribePlan), for --json and --explain.
  std::string understood;
};

class QueryBuilder {
 public:
  // REQUIRES: `analyzer` outlives the builder. The builder is as
  // thread-unsafe as the analyzer.
  explicit QueryBuilder(Analyzer* analyzer);

  // Throws QueryError for a malformed query (query_parser.h) or one with
  // nothing to search for (query_plan.h's MakePlan).
  BuiltQuery Build(std::string_view text);

 private:
  Analyzer* analyzer_;
};

// Compact form of patterns, for tests: patterns separated by " | ", slots by
// spaces, a slot as "{t1,t2}" with "prefix*" among its terms when set.
// E.g. "{reports,Zreport} | {XC济} {XC南} | {econ*}".
std::string DumpPatterns(const std::vector<MatchPattern>& patterns);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_QUERY_BUILDER_H_
