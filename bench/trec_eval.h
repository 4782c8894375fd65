// Relevance metrics over TREC qrels and run files, with trec_eval's
// definitions, so that figures compare with published ones.
//
// Reading:
//   qrels  "qid iter docid grade" per line; grade > 0 means relevant, the
//          grade is the gain for nDCG. A repeated (qid, docid) keeps the last.
//   run    "qid Q0 docid rank score tag" per line. As trec_eval does, the
//          rank column is ignored: each query's documents are ordered by
//          score, descending, ties broken by docid, descending (strcmp).
// Metrics of one query, with R = number of relevant documents in the qrels
// and rel(k) = 1 if the document at rank k is relevant:
//   AP         sum over ranks k holding a relevant document of P@k, over R
//              (all retrieved ranks count: trec_eval's "map")
//   nDCG@10    DCG@10 / IDCG@10, DCG@10 = sum_{k=1..10} grade(k) / log2(k+1),
//              IDCG@10 the same over the qrels' grades sorted descending
//              (trec_eval's "ndcg_cut_10")
//   P@10       relevant in the top 10, over 10 (also when fewer retrieved)
//   MRR@10     1/k for the first relevant rank k <= 10, else 0
//   R@10, R@100  relevant in the top 10 (100), over R
// A run's figures are means over the queries of the qrels with R >= 1; such
// a query missing from the run scores 0 on every metric (trec_eval -c).
// Run queries absent from the qrels are ignored.
#ifndef SOUSUO_BENCH_TREC_EVAL_H_
#define SOUSUO_BENCH_TREC_EVAL_H_

#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace bench {

// qid -> docid -> grade.
using Qrels = std::map<std::string, std::map<std::string, int>>;

struct RunEntry {
  std::string docid;
  double score = 0;
};
// qid -> retrieved documents, in any order until RankRun sorts them.
using Run = std::map<std::string, std::vector<RunEntry>>;

// Parse `in`; `name` (the file name) prefixes messages. Throw
// std::runtime_error with one of:
//   NAME:LINE: expected "qid iter docid grade"
//   NAME:LINE: grade is not an integer: "TEXT"
//   NAME:LINE: expected "qid Q0 docid rank score tag"
//   NAME:LINE: score is not a number: "TEXT"
//   NAME:LINE: document "DOCID" repeated for query "QID"
// Blank lines are skipped.
Qrels ParseQrels(std::istream& in, const std::string& name);
Run ParseRun(std::istream& in, const std::string& name);

// Orders each query's entries as trec_eval does (see above).
void RankRun(Run* run);

struct Metrics {
  double map = 0;
  double ndcg10 = 0;
  double p10 = 0;
  double mrr10 = 0;
  double recall10 = 0;
  double recall100 = 0;
  size_t queries = 0;  // queries averaged over; ScoreQuery: 1, or 0 if the
                       // query has no relevant document (all zero then)
};

// The metrics of one query. `ranking` holds docids best first;
// `judgments` is the query's qrels (docid -> grade).
Metrics ScoreQuery(const std::vector<std::string>& ranking,
                   const std::map<std::string, int>& judgments);

// Means over the judged queries. REQUIRES: RankRun(&run) was called.
Metrics ScoreRun(const Qrels& qrels, const Run& run);

}  // namespace bench

#endif  // SOUSUO_BENCH_TREC_EVAL_H_
