#include "common/searcher.h"

#include "common/schema.h"

namespace sousuo {

namespace {

// Pseudo-relevance feedback for relaxed queries, with the usual defaults of
// the IR literature (RM3 as Anserini ships it: 10 reports, 10 terms, half
// the weight to the original query); chosen, not tuned on any judgments.
constexpr Xapian::doccount kFeedbackReports = 10;
constexpr Xapian::termcount kFeedbackTerms = 10;
constexpr double kFeedbackWeight = 0.5;

// Expansion terms are English stems of the all-text field: Chinese words
// and characters make poor expansion terms without positions to tie them.
class EnglishStems : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return term.size() > 1 && term[0] == kPrefixStem[0] && term[1] >= 'a';
  }
};

// True for an English query: it has stem terms and no Han characters.
// Feedback draws English stems, which only suit English queries (on the
// Chinese CMRC questions it pulled in stray Latin words: MRR@10 0.987 ->
// 0.895).
bool IsEnglishQuery(const Xapian::Query& query) {
  bool stems = false;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.compare(0, 2, kPrefixHanChar) == 0) return false;
    stems |= term[0] == kPrefixStem[0];
  }
  return stems;
}

// `query` OR (kFeedbackWeight * the best terms of its top reports), each
// term weighted by its expansion weight relative to the best one. Returns
// `query` itself when there is nothing to learn from.
Xapian::Query Expand(IndexReader* reader, const Xapian::Query& query) {
  if (!IsEnglishQuery(query))
    return query;
  const SearchResult top = reader->Search(query, 0, kFeedbackReports);
  if (top.hits.empty())
    return query;
  Xapian::RSet reports;
  for (const Hit& hit : top.hits) reports.add_document(hit.docid);
  try {
    Xapian::Enquire enquire(reader->database());
    enquire.set_query(query);
    const EnglishStems stems;
    const Xapian::ESet eset = enquire.get_eset(kFeedbackTerms, reports, &stems);
    if (eset.empty())
      return query;
    const double best = eset.begin().get_weight();
    std::vector<Xapian::Query> terms;
    for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
      terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                         it.get_weight() / best);
    }
    const Xapian::Query expansion(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion,
                                       kFeedbackWeight));
  } catch (const Xapian::Error&) {
    return query;  // a writer changed the index: rank without feedback
  }
}

}  // namespace

RankedResult RunBuiltQuery(IndexReader* reader, const BuiltQuery& built,
                           unsigned offset, unsigned limit, unsigned relax_below) {
  if (relax_below == 0) relax_below = offset + limit;
  RankedResult ranked;
  ranked.result = reader->Search(built.query, offset, limit);
  ranked.strict_matches = ranked.result.matches_upper_bound;
  if (built.relaxable && ranked.strict_matches < relax_below) {
    ranked.result = reader->Search(Expand(reader, built.relaxed), offset, limit);
    ranked.relaxed = true;
  }
  return ranked;
}

}  // namespace sousuo
