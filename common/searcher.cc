#include "common/searcher.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/schema.h"

namespace sousuo {

namespace {

// Pseudo-relevance feedback for relaxed English queries: RM3 (Lavrenko and
// Croft's relevance model interpolated with the query, Abdul-Jaleel et al.
// 2004) as Anserini's Rm3Reranker computes it, with Anserini's defaults:
// 10 reports, 10 terms, half the weight to the original query, and no
// feedback term that occurs in more than a tenth of the reports (Anserini's
// stop-word cut). Chosen, not tuned on any judgments.
constexpr Xapian::doccount kFeedbackReports = 10;
constexpr size_t kFeedbackTerms = 10;
constexpr double kOriginalQueryWeight = 0.5;
constexpr double kMaxFeedbackTermShare = 0.1;

// How many of the relaxed query's first reports its proximity features
// rank again (BuiltQuery::proximity): the 100 IndexReader examines anyway.
constexpr unsigned kProximityDepth = 100;

// A bag of terms with weights: a report's or the feedback's term vector.
using TermVector = std::vector<std::pair<std::string, double>>;

// True for the English stems of the all-text field that may be feedback
// terms: "Z" + 2 to 20 of [a-z0-9] (Anserini's filter on its stemmed terms).
bool IsFeedbackStem(const std::string& term) {
  if (term.size() < 3 || term.size() > 21 || term[0] != kPrefixStem[0])
    return false;
  return std::all_of(term.begin() + 1, term.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

// Keeps the `n` heaviest terms (ties: the term first in byte order) and
// scales their weights to sum to 1; empty if they sum to nothing.
TermVector TopNormalized(TermVector terms, size_t n) {
  std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (terms.size() > n)
    terms.resize(n);
  double sum = 0;
  for (const auto& term : terms) sum += term.second;
  if (sum <= 0)
    return {};
  for (auto& term : terms) term.second /= sum;
  return terms;
}

// The report's feedback stems weighted by wdf, cut and normalised.
TermVector ReportVector(const Xapian::Database& db, Xapian::docid docid) {
  const double reports = db.get_doccount();
  TermVector terms;
  for (auto it = db.termlist_begin(docid); it != db.termlist_end(docid); ++it) {
    const std::string& term = *it;
    if (IsFeedbackStem(term) && it.get_termfreq() <= kMaxFeedbackTermShare * reports)
      terms.emplace_back(term, it.get_wdf());
  }
  return TopNormalized(std::move(terms), kFeedbackTerms);
}

// The relevance model: each report's vector weighted by its score, summed,
// cut to the kFeedbackTerms heaviest terms and normalised.
TermVector RelevanceModel(const Xapian::Database& db, const std::vector<Hit>& hits) {
  std::unordered_map<std::string, double> model;
  for (const Hit& hit : hits) {
    for (const auto& [term, weight] : ReportVector(db, hit.docid))
      model[term] += weight * hit.score;
  }
  return TopNormalized(TermVector(model.begin(), model.end()), kFeedbackTerms);
}

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

}  // namespace

// RM3 gives each of the query's n terms kOriginalQueryWeight / n and each
// feedback term (1 - kOriginalQueryWeight) * P(term | model). Here the query
// keeps its own weight (so scores stay on the scale of unexpanded queries),
// and n is its number of distinct stems, one per word. Returns `query`
// itself when there is nothing to learn from.
Xapian::Query ExpandWithFeedback(IndexReader* reader, const Xapian::Query& query) {
  if (!IsEnglishQuery(query))
    return query;
  const SearchResult top = reader->Search(query, 0, kFeedbackReports);
  if (top.hits.empty())
    return query;
  size_t words = 0;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
    words += (*it)[0] == kPrefixStem[0];
  try {
    const TermVector model = RelevanceModel(reader->database(), top.hits);
    if (model.empty())
      return query;
    const double scale = words * (1 - kOriginalQueryWeight) / kOriginalQueryWeight;
    std::vector<Xapian::Query> terms;
    for (const auto& [term, weight] : model) {
      terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale * weight);
    }
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  } catch (const Xapian::Error&) {
    return query;  // a writer changed the index: rank without feedback
  }
}

RankedResult RunBuiltQuery(IndexReader* reader, const BuiltQuery& built,
                           unsigned offset, unsigned limit, unsigned relax_below) {
  if (relax_below == 0) relax_below = offset + limit;
  RankedResult ranked;
  ranked.result = reader->Search(built.query, offset, limit);
  ranked.strict_matches = ranked.result.matches_upper_bound;
  if (built.relaxable && ranked.strict_matches < relax_below) {
    ranked.result = reader->Search(ExpandWithFeedback(reader, built.relaxed), offset, limit,
                                   Rerank{built.proximity, kProximityDepth});
    ranked.relaxed = true;
  }
  return ranked;
}

}  // namespace sousuo
