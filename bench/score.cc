// sousuo-score: scores TREC run files against qrels (definitions in
// trec_eval.h) and prints one row per run.
//
//   sousuo-score QRELS RUN...
//
// Output: a header line, then per run its path, the number of judged
// queries, MAP, nDCG@10, P@10, MRR@10, R@10 and R@100 with 4 decimals,
// space-aligned. Exit status: 0, or 2 with one line on stderr if a file
// cannot be read or parsed.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/trec_eval.h"

namespace {

std::ifstream OpenOrThrow(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
  return in;
}

void PrintRow(const std::string& name, size_t width, const bench::Metrics& m) {
  std::cout << std::left << std::setw(static_cast<int>(width)) << name
            << std::right << std::setw(8) << m.queries << std::fixed
            << std::setprecision(4);
  for (double value :
       {m.map, m.ndcg10, m.p10, m.mrr10, m.recall10, m.recall100}) {
    std::cout << std::setw(9) << value;
  }
  std::cout << "\n";
}

int Score(const std::string& qrels_path, const std::vector<std::string>& runs) {
  std::ifstream qrels_in = OpenOrThrow(qrels_path);
  const bench::Qrels qrels = bench::ParseQrels(qrels_in, qrels_path);
  size_t width = 4;
  for (const std::string& run : runs) width = std::max(width, run.size() + 2);
  std::cout << std::left << std::setw(static_cast<int>(width)) << "run"
            << std::right << std::setw(8) << "queries";
  for (const char* metric :
       {"MAP", "nDCG@10", "P@10", "MRR@10", "R@10", "R@100"}) {
    std::cout << std::setw(9) << metric;
  }
  std::cout << "\n";
  for (const std::string& path : runs) {
    std::ifstream in = OpenOrThrow(path);
    bench::Run run = bench::ParseRun(in, path);
    bench::RankRun(&run);
    PrintRow(path, width, bench::ScoreRun(qrels, run));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: sousuo-score QRELS RUN...\n";
    return 2;
  }
  try {
    return Score(argv[1], std::vector<std::string>(argv + 2, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "sousuo-score: " << e.what() << "\n";
  }
  return 2;
}
