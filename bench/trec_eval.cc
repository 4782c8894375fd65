#include "bench/trec_eval.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <istream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace bench {

namespace {

// Splits `line` at white space; reads lines until one has fields (blank
// lines are skipped). Returns false at the end of the input.
bool NextFields(std::istream& in, size_t* line_number,
                std::vector<std::string>* fields) {
  std::string line;
  while (std::getline(in, line)) {
    ++*line_number;
    std::istringstream words(line);
    fields->clear();
    for (std::string word; words >> word;) fields->push_back(word);
    if (!fields->empty())
      return true;
  }
  return false;
}

std::runtime_error ErrorAt(const std::string& name, size_t line,
                           const std::string& what) {
  return std::runtime_error(name + ":" + std::to_string(line) + ": " + what);
}

bool ParseInt(const std::string& text, long* out) {
  char* end = nullptr;
  errno = 0;
  *out = std::strtol(text.c_str(), &end, 10);
  return errno == 0 && *end == '\0';
}

bool ParseDouble(const std::string& text, double* out) {
  char* end = nullptr;
  errno = 0;
  *out = std::strtod(text.c_str(), &end);
  return errno == 0 && *end == '\0' && std::isfinite(*out);
}

}  // namespace

Qrels ParseQrels(std::istream& in, const std::string& name) {
  Qrels qrels;
  std::vector<std::string> fields;
  size_t line = 0;
  while (NextFields(in, &line, &fields)) {
    if (fields.size() != 4)
      throw ErrorAt(name, line, "expected \"qid iter docid grade\"");
    long grade;
    if (!ParseInt(fields[3], &grade)) {
      throw ErrorAt(name, line,
                    "grade is not an integer: \"" + fields[3] + "\"");
    }
    qrels[fields[0]][fields[2]] = static_cast<int>(grade);
  }
  return qrels;
}

Run ParseRun(std::istream& in, const std::string& name) {
  Run run;
  std::map<std::string, std::set<std::string>> seen;
  std::vector<std::string> fields;
  size_t line = 0;
  while (NextFields(in, &line, &fields)) {
    if (fields.size() != 6)
      throw ErrorAt(name, line, "expected \"qid Q0 docid rank score tag\"");
    double score;
    if (!ParseDouble(fields[4], &score)) {
      throw ErrorAt(name, line, "score is not a number: \"" + fields[4] + "\"");
    }
    if (!seen[fields[0]].insert(fields[2]).second) {
      throw ErrorAt(name, line,
                    "document \"" + fields[2] + "\" repeated for query \"" +
                        fields[0] + "\"");
    }
    run[fields[0]].push_back({fields[2], score});
  }
  return run;
}

void RankRun(Run* run) {
  for (auto& [qid, entries] : *run) {
    std::sort(entries.begin(), entries.end(),
              [](const RunEntry& a, const RunEntry& b) {
                if (a.score != b.score)
                  return a.score > b.score;
                return a.docid > b.docid;
              });
  }
}

Metrics ScoreQuery(const std::vector<std::string>& ranking,
                   const std::map<std::string, int>& judgments) {
  std::vector<int> ideal;  // the relevant grades, best first
  for (const auto& [docid, grade] : judgments) {
    if (grade > 0)
      ideal.push_back(grade);
  }
  Metrics m;
  if (ideal.empty())
    return m;
  std::sort(ideal.begin(), ideal.end(), std::greater<int>());
  m.queries = 1;
  size_t found = 0, found10 = 0, found100 = 0, first = 0;
  double dcg = 0;
  for (size_t k = 1; k <= ranking.size(); ++k) {
    const auto it = judgments.find(ranking[k - 1]);
    if (it == judgments.end() || it->second <= 0)
      continue;
    ++found;
    m.map += static_cast<double>(found) / static_cast<double>(k);
    if (first == 0)
      first = k;
    if (k <= 10)
      dcg += it->second / std::log2(k + 1.0);
    if (k <= 10)
      ++found10;
    if (k <= 100)
      ++found100;
  }
  double idcg = 0;
  for (size_t k = 1; k <= std::min<size_t>(10, ideal.size()); ++k) {
    idcg += ideal[k - 1] / std::log2(k + 1.0);
  }
  const double relevant = static_cast<double>(ideal.size());
  m.map /= relevant;
  m.ndcg10 = dcg / idcg;
  m.p10 = static_cast<double>(found10) / 10.0;
  m.mrr10 = first >= 1 && first <= 10 ? 1.0 / static_cast<double>(first) : 0.0;
  m.recall10 = static_cast<double>(found10) / relevant;
  m.recall100 = static_cast<double>(found100) / relevant;
  return m;
}

Metrics ScoreRun(const Qrels& qrels, const Run& run) {
  Metrics sum;
  for (const auto& [qid, judgments] : qrels) {
    std::vector<std::string> ranking;
    const auto it = run.find(qid);
    if (it != run.end()) {
      for (const RunEntry& entry : it->second) ranking.push_back(entry.docid);
    }
    const Metrics m = ScoreQuery(ranking, judgments);
    if (m.queries == 0)
      continue;  // no relevant document: not averaged
    sum.map += m.map;
    sum.ndcg10 += m.ndcg10;
    sum.p10 += m.p10;
    sum.mrr10 += m.mrr10;
    sum.recall10 += m.recall10;
    sum.recall100 += m.recall100;
    ++sum.queries;
  }
  if (sum.queries == 0)
    return sum;
  const double n = static_cast<double>(sum.queries);
  for (double* value : {&sum.map, &sum.ndcg10, &sum.p10, &sum.mrr10,
                        &sum.recall10, &sum.recall100}) {
    *value /= n;
  }
  return sum;
}

}  // namespace bench
