// Turns query text (syntax in query_parser.h) into a Xapian::Query, running
// our Analyzer over every piece of text so that query terms are exactly the
// terms the index holds (term_writer.h). Xapian's QueryParser/TermGenerator
// are never used: they cannot segment Chinese into words.
//
// How each piece becomes a query (field prefix "S" for title:):
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
//   chunk of words  AND of the words (经济增长 -> 经济 增长, e-mail -> e mail),
//                   AND_MAYBE a PHRASE of the chunk's positional terms, so
//                   text where the words stand together ranks first
//   repeated word   a word typed twice among words typed side by side (one
//                   implicit AND) is queried once with wqf 2, so BM25 counts
//                   it as a query term frequency (saturated by k3), not as two
//                   terms that pay a report twice; not across OR, AND, NOT
//   "phrase"        PHRASE of the positional terms (exact words, XC chars)
//   prefix*         WILDCARD over the folded prefix, the kWildcardLimit most
//                   frequent expansions
//   lang:, source:, date:   boolean filters (OP_FILTER; no weight); in an OR
//                   beside scored queries they are scaled to weight 0
//   a -b            AND_NOT; a purely negative query excludes from everything
// English stop words (kStopWords below) in unquoted chunks are dropped when
// the query has some other positive word; never in phrases, and the phrase
// boost of a chunk keeps them ("state-of-the-art"). The relaxed query also
// drops the wider lists of English and Chinese function words below.
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

struct BuiltQuery {
  Xapian::Query query;  // strict: all words must match
  // The same with the implicit ANDs between words (juxtaposed words, and the
  // words of one chunk) turned into OR, so documents matching the most words
  // rank first; explicit ANDs, filters and NOTs are kept. The query tool runs
  // it when the strict query finds nothing. Equal to `query` when the query
  // has no implicit AND.
  Xapian::Query relaxed;
  // True when `relaxed` differs from `query` (there was something to relax).
  bool relaxable = false;
  // Proximity features for `relaxed`, from the sequential dependence model
  // (Metzler and Croft 2005) with its published weights: each pair of words
  // typed next to each other (a question's words, after dropping function
  // words), at least one of them Han, as a PHRASE of their positional terms
  // scaled to 0.10 / 0.85 of the words' weight, and as a NEAR of them within
  // 8 positions scaled to 0.05 / 0.85. They mend what the segmenter split
  // (无双 -> 无 双, 声优 -> 声 优) and favour reports where a question's words
  // stand as in the question. Empty when there is no such pair or
  // `relaxable` is false. English pairs get none (see bench/README.md). A
  // PHRASE over common characters is costly, so the searcher adds these to
  // the relaxed query's first results only.
  std::vector<Xapian::Query> proximity;
  // Every positive word, phrase and prefix, in Field::kAll terms (also for
  // title:), first occurrence first, without duplicates. Negated parts and
  // filters yield none.
  //   Latin word -> one slot {exact, Z+stem};  number -> {exact};
  //   Han word   -> one slot {"XC"+char} per character;
  //   phrase     -> its slots in order ({exact} for words);
  //   prefix*    -> one slot with .prefix set and no terms.
  std::vector<MatchPattern> highlights;
};

class QueryBuilder {
 public:
  // REQUIRES: `analyzer` outlives the builder. The builder is as
  // thread-unsafe as the analyzer.
  explicit QueryBuilder(Analyzer* analyzer);

  // Throws QueryError for a malformed query (see query_parser.h) and also:
  //   query: nothing to search for            (no words, no filters)
  //   query: more than 1024 terms             (after analysis: words and Han
  //                                           characters)
  //   query: no words in source at column N   (source:"!!!")
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
