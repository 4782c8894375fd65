#include "common/searcher.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/schema.h"

namespace sousuo {

namespace {

// Pseudo-relevance feedback for the partial matches of English queries: RM3 (Lavrenko and
// Croft's relevance model interpolated with the query, Abdul-Jaleel et al.
// 2004) as Anserini's Rm3Reranker computes it, with Anserini's defaults:
// 10 reports, 10 terms, half the weight to the original query, and no
// feedback term that occurs in more than a tenth of the reports (Anserini's
// stop-word cut). Chosen, not tuned on any judgments.
constexpr Xapian::doccount kFeedbackReports = 10;
constexpr size_t kFeedbackTerms = 10;
constexpr double kOriginalQueryWeight = 0.5;
constexpr double kMaxFeedbackTermShare = 0.1;

// A bag of terms with weights: a report's or the feedback's term vector.
using TermVector = std::vector<std::pair<std::string, double>>;

// True for the English stems of the all-text field that may be feedback
// terms: "Z" + 2 to 20 of [a-z0-9] (Anserini's filter on its stemmed terms).
bool IsFeedbackStem(const std::string& term) {
  if (term.size() < 3 || term.size() > 21 || !IsStemTerm(term))
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
TermVector RelevanceModel(const Xapian::Database& db, const std::vector<Scored>& top) {
  std::unordered_map<std::string, double> model;
  for (const Scored& report : top) {
    for (const auto& [term, weight] : ReportVector(db, report.docid))
      model[term] += weight * report.weight;
  }
  return TopNormalized(TermVector(model.begin(), model.end()), kFeedbackTerms);
}

}  // namespace

size_t EnglishWords(const Xapian::Query& query) {
  size_t stems = 0;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (IsHanCharTerm(term))
      return 0;
    stems += IsStemTerm(term);
  }
  return stems;
}

// RM3 gives each of the query's n terms kOriginalQueryWeight / n and each
// feedback term (1 - kOriginalQueryWeight) * P(term | model). Here the query
// keeps its own weight (so scores stay on the scale of unexpanded queries),
// and n is its number of distinct stems, one per word.
Xapian::Query FeedbackTerms(const Xapian::Database& db, size_t english_words,
                            const std::vector<Scored>& top) {
  if (english_words == 0 || top.empty())
    return Xapian::Query();
  try {
    const TermVector model = RelevanceModel(db, top);
    if (model.empty())
      return Xapian::Query();
    const double scale = english_words * (1 - kOriginalQueryWeight) / kOriginalQueryWeight;
    std::vector<Xapian::Query> terms;
    for (const auto& [term, weight] : model) {
      terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale * weight);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  } catch (const Xapian::Error&) {
    return Xapian::Query();  // a writer changed the index: rank without feedback
  }
}

Xapian::Query WithFeedback(const Xapian::Query& query, const Xapian::Query& feedback) {
  if (feedback.empty())
    return query;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, feedback);
}

namespace {

// Matches [offset, offset + limit) of a list whose first `depth` entries are
// ranked again with `features`; `spec` gives the order and check_at_least.
// `*ranking` gets the counts.
std::vector<Scored> Slice(IndexReader* reader, const Xapian::Query& query, RankSpec spec,
                          unsigned offset, unsigned limit, unsigned depth,
                          const std::vector<Xapian::Query>& features, Ranking* ranking) {
  const bool again = !features.empty() && offset < depth;
  spec.offset = again ? 0 : offset;
  spec.limit = again ? std::max(depth, offset + limit) : limit;
  *ranking = reader->Rank(query, spec);
  std::vector<Scored> items = std::move(ranking->items);
  if (!again)
    return items;
  std::vector<Scored> head(items.begin(), items.begin() + std::min<size_t>(depth, items.size()));
  reader->AddFeatures(features, &head);
  std::copy(head.begin(), head.end(), items.begin());
  items.erase(items.begin(), items.begin() + std::min<size_t>(offset, items.size()));
  if (items.size() > limit)
    items.resize(limit);
  return items;
}

// The documents of `*hits` that are partial matches get the words they
// lack: those that count for partial matching, or, when a report lacks
// none of those, the function words it lacks ("what" of a question).
void MarkMissing(IndexReader* reader, const BuiltQuery& built, std::vector<Hit>* hits) {
  std::vector<Xapian::docid> partial;
  for (const Hit& hit : *hits) {
    if (hit.partial)
      partial.push_back(hit.docid);
  }
  if (partial.empty())
    return;
  std::vector<std::vector<std::string>> function_words(hits->size());
  for (const QueryWord& word : built.words) {
    const std::vector<Xapian::docid> holding = reader->Matching(word.query, partial);
    for (size_t i = 0; i < hits->size(); ++i) {
      Hit& hit = (*hits)[i];
      if (hit.partial && !std::binary_search(holding.begin(), holding.end(), hit.docid))
        (word.function ? function_words[i] : hit.missing).push_back(word.typed);
    }
  }
  for (size_t i = 0; i < hits->size(); ++i) {
    if ((*hits)[i].missing.empty())
      (*hits)[i].missing = std::move(function_words[i]);
  }
}

// The feedback terms of an English query with partial matches (see
// FeedbackTerms) when fewer than kFeedbackReports reports hold every word,
// from the first kFeedbackReports of its list as BM25 alone ranks it, full
// matches first; empty for any other query. Ten or more full matches pin
// the topic down already; a question, whose words few reports hold all of,
// is where RM3 helps (on Cranfield no query has ten full matches, and
// feeding back from full matches alone costs a common English query up to
// 8 ms of term lists).
Xapian::Query Feedback(IndexReader* reader, const BuiltQuery& built) {
  const size_t english = EnglishWords(built.query);
  if (english == 0)
    return Xapian::Query();
  RankSpec top;
  top.limit = kFeedbackReports;
  std::vector<Scored> first = reader->Rank(built.query, top).items;
  if (first.size() >= kFeedbackReports)
    return Xapian::Query();
  top.limit = kFeedbackReports - first.size();
  for (const Scored& scored : reader->Rank(built.partial, top).items) first.push_back(scored);
  return FeedbackTerms(reader->database(), english, first);
}

// True if one of `terms` is held by more than `n` reports.
bool HasMoreThan(IndexReader* reader, const std::vector<std::string>& terms, Xapian::doccount n) {
  for (const std::string& term : terms) {
    if (reader->TermFrequency(term) > n)
      return true;
  }
  return false;
}

// True if `query` matches some document.
bool Matches(IndexReader* reader, const Xapian::Query& query) {
  RankSpec spec;
  spec.limit = 1;
  spec.unweighted = true;
  return !reader->Rank(query, spec).items.empty();
}

// The exact number of documents `query` matches.
Xapian::doccount CountAll(IndexReader* reader, const Xapian::Query& query) {
  RankSpec spec;
  spec.limit = 0;
  spec.unweighted = true;
  spec.check_at_least = reader->DocCount();
  return reader->Rank(query, spec).upper_bound;
}

}  // namespace

SearchOutcome RunSearch(IndexReader* reader, const BuiltQuery& built,
                        const SearchRequest& request) {
  const unsigned offset = request.offset;
  const unsigned end = request.offset + request.limit;
  const bool relevance = request.sort == SortOrder::kRelevance;
  const std::vector<Xapian::Query> no_features;
  const std::vector<Xapian::Query>& features = relevance ? built.proximity : no_features;
  RankSpec spec;
  spec.sort = request.sort;
  spec.check_at_least = request.count_all ? reader->DocCount() : kExactCountLimit;

  const bool partial = !request.strict && !built.partial.empty();
  const Xapian::Query feedback =
      relevance && partial ? Feedback(reader, built) : Xapian::Query();
  const Xapian::Query full_query = WithFeedback(built.query, feedback);

  // Full matches: those on the page, and how many there are.
  SearchOutcome out;
  Ranking ranking;
  std::vector<Scored> full =
      Slice(reader, full_query, spec, offset, request.limit, 0, no_features, &ranking);
  if (!ranking.exact() && partial && end > ranking.lower_bound) {
    // The page may reach past the full matches: count them all.
    spec.check_at_least = reader->DocCount();
    full = Slice(reader, full_query, spec, offset, request.limit, 0, no_features, &ranking);
  }
  out.full = ranking.exact() ? ranking.upper_bound : ranking.estimated;
  out.full_exact = ranking.exact();
  out.full_lower_bound = ranking.lower_bound;

  // Partial matches, from where the full ones end.
  std::vector<Scored> some;
  if (partial) {
    const Xapian::doccount f = out.full;
    const unsigned from = offset > f ? offset - f : 0;
    const unsigned count = end > f ? end - std::max<Xapian::doccount>(offset, f) : 0;
    if (count > 0) {
      const Xapian::Query query = WithFeedback(built.partial, feedback);
      Ranking partial_ranking;
      spec.check_at_least = 0;
      some = Slice(reader, query, spec, from, count, kRerankDepth, features, &partial_ranking);
    }
    out.partial = !some.empty() || HasMoreThan(reader, built.partial_terms, out.full) ||
                  Matches(reader, built.partial);
    if (request.count_all)
      out.partial_count = out.partial ? CountAll(reader, built.partial) : 0;
  }

  unsigned rank = offset;
  for (const std::vector<Scored>* part : {&full, &some}) {
    for (const Scored& scored : *part) {
      Hit hit;
      hit.rank = ++rank;
      hit.score = scored.weight;
      hit.docid = scored.docid;
      hit.partial = part == &some;
      hit.report = reader->Load(scored.docid);
      out.hits.push_back(std::move(hit));
    }
  }
  MarkMissing(reader, built, &out.hits);
  return out;
}

}  // namespace sousuo
