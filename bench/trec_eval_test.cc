#include "bench/trec_eval.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace bench {
namespace {

std::string Dump(const Metrics& m) {
  char buffer[160];
  std::snprintf(
      buffer, sizeof buffer,
      "n=%zu map=%.4f ndcg10=%.4f p10=%.4f mrr10=%.4f r10=%.4f r100=%.4f",
      m.queries, m.map, m.ndcg10, m.p10, m.mrr10, m.recall10, m.recall100);
  return buffer;
}

// n1, n2, ... unjudged documents, as many as asked.
std::vector<std::string> Unjudged(size_t count) {
  std::vector<std::string> docs;
  for (size_t i = 1; i <= count; ++i) docs.push_back("n" + std::to_string(i));
  return docs;
}

std::vector<std::string> Concat(std::vector<std::string> a,
                                const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_CASE("ScoreQuery: hand-computed rankings", "[bench][trec_eval]") {
  const std::map<std::string, int> graded = {{"a", 3}, {"b", 2}, {"c", 1}};
  struct Case {
    const char* name;
    std::vector<std::string> ranking;
    std::map<std::string, int> judgments;
    const char* expect;
  };
  const Case kCases[] = {
      {"perfect",
       {"a", "b", "c"},
       graded,
       "n=1 map=1.0000 ndcg10=1.0000 p10=0.3000 mrr10=1.0000 r10=1.0000 "
       "r100=1.0000"},
      // AP (1/3 + 2/4 + 3/5) / 3; DCG 1/log2(4) + 2/log2(5) + 3/log2(6)
      // over IDCG 3 + 2/log2(3) + 1/log2(4).
      {"reversed after two misses",
       {"n1", "n2", "c", "b", "a"},
       graded,
       "n=1 map=0.4778 ndcg10=0.5296 p10=0.3000 mrr10=0.3333 r10=1.0000 "
       "r100=1.0000"},
      {"no relevant retrieved",
       {"n1", "n2"},
       {{"a", 1}},
       "n=1 map=0.0000 ndcg10=0.0000 p10=0.0000 mrr10=0.0000 r10=0.0000 "
       "r100=0.0000"},
      {"nothing retrieved",
       {},
       {{"a", 1}},
       "n=1 map=0.0000 ndcg10=0.0000 p10=0.0000 mrr10=0.0000 r10=0.0000 "
       "r100=0.0000"},
      // a at rank 12 of 2 relevant: AP (1/12) / 2; outside every @10 cut.
      {"relevant beyond rank 10",
       Concat(Unjudged(11), {"a"}),
       {{"a", 1}, {"b", 1}},
       "n=1 map=0.0417 ndcg10=0.0000 p10=0.0000 mrr10=0.0000 r10=0.0000 "
       "r100=0.5000"},
      // Grade 0 is judged but not relevant; nDCG (2/log2(3)) / 2.
      {"grade 0 is not relevant",
       {"a", "b"},
       {{"a", 0}, {"b", 2}},
       "n=1 map=0.5000 ndcg10=0.6309 p10=0.1000 mrr10=0.5000 r10=1.0000 "
       "r100=1.0000"},
      // Ideal DCG takes the best grades first, whatever the qrels order.
      {"graded gains, swapped top two",
       {"b", "a", "c"},
       graded,
       "n=1 map=1.0000 ndcg10=0.9225 p10=0.3000 mrr10=1.0000 r10=1.0000 "
       "r100=1.0000"},
      {"no relevant judgment",
       {"a"},
       {{"a", 0}},
       "n=0 map=0.0000 ndcg10=0.0000 p10=0.0000 mrr10=0.0000 r10=0.0000 "
       "r100=0.0000"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    REQUIRE(Dump(ScoreQuery(c.ranking, c.judgments)) == c.expect);
  }
}

TEST_CASE("ScoreQuery: recall at 100 and precision over a long ranking",
          "[bench][trec_eval]") {
  // 10 relevant documents at ranks 5, 15, ..., 95 and one at 105.
  std::vector<std::string> ranking = Unjudged(110);
  std::map<std::string, int> judgments;
  for (size_t rank = 5; rank <= 105; rank += 10)
    judgments[ranking[rank - 1]] = 1;
  REQUIRE(Dump(ScoreQuery(ranking, judgments)) ==
          "n=1 map=0.1198 ndcg10=0.0851 p10=0.1000 mrr10=0.2000 r10=0.0909 "
          "r100=0.9091");
}

TEST_CASE("ScoreRun: averages over judged queries, missing ones count 0",
          "[bench][trec_eval]") {
  std::istringstream qrels_text("q1 0 a 1\nq2 0 b 1\nq3 0 c 0\n\nq1 0 z 0\n");
  const Qrels qrels = ParseQrels(qrels_text, "qrels");
  std::istringstream run_text(
      "q1 Q0 a 1 2.5 t\nq3 Q0 c 1 1.0 t\nq4 Q0 z 1 9 t\n");
  Run run = ParseRun(run_text, "run");
  RankRun(&run);
  // q1 perfect, q2 missing from the run, q3 has no relevant document, q4 has
  // no judgments.
  REQUIRE(Dump(ScoreRun(qrels, run)) ==
          "n=2 map=0.5000 ndcg10=0.5000 p10=0.0500 mrr10=0.5000 r10=0.5000 "
          "r100=0.5000");
}

TEST_CASE("RankRun: orders by score, ties by docid descending, rank ignored",
          "[bench][trec_eval]") {
  std::istringstream text("q Q0 a 1 1.0 t\nq Q0 b 2 2.0 t\nq Q0 c 3 1.0 t\n");
  Run run = ParseRun(text, "run");
  RankRun(&run);
  std::string order;
  for (const RunEntry& entry : run["q"]) order += entry.docid;
  REQUIRE(order == "bca");
}

TEST_CASE("ParseQrels, ParseRun: errors name the file and line",
          "[bench][trec_eval]") {
  struct Case {
    bool qrels;
    const char* text;
    const char* expect;
  };
  const Case kCases[] = {
      {true, "q 0 a\n", "f:1: expected \"qid iter docid grade\""},
      {true, "q 0 a 1\n\nq 0 b x\n", "f:3: grade is not an integer: \"x\""},
      {true, "q 0 a 1.5\n", "f:1: grade is not an integer: \"1.5\""},
      {false, "q Q0 a 1 2.0\n",
       "f:1: expected \"qid Q0 docid rank score tag\""},
      {false, "q Q0 a 1 high t\n", "f:1: score is not a number: \"high\""},
      {false, "q Q0 a 1 nan t\n", "f:1: score is not a number: \"nan\""},
      {false, "q Q0 a 1 2 t\nq Q0 a 2 1 t\n",
       "f:2: document \"a\" repeated for query \"q\""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    std::istringstream in(c.text);
    if (c.qrels) {
      REQUIRE_THROWS_WITH(ParseQrels(in, "f"), c.expect);
    } else {
      REQUIRE_THROWS_WITH(ParseRun(in, "f"), c.expect);
    }
  }
}

}  // namespace
}  // namespace bench
