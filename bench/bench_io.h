// Input and output shared by the benchmark tools: JSON Lines documents,
// query files, TREC run files and latency percentiles.
//
// The baselines (baseline_xapian, baseline_fts5) link this and nothing of
// Sousuo's, so that they measure the peers alone; that is why it lives in
// its own namespace `bench` rather than in `sousuo`.
#ifndef SOUSUO_BENCH_BENCH_IO_H_
#define SOUSUO_BENCH_BENCH_IO_H_

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

// The fields of a JSON Lines record that the baselines index.
struct JsonDoc {
  std::string id;     // "id": a string or an integer, not empty
  std::string title;  // "title": a string; missing or null -> ""
  std::string body;   // "body": a string, required
};

// Parses one JSON Lines record. On failure returns nothing and sets *error
// to one of (without location):
//   invalid JSON: <parser detail>
//   not a JSON object
//   missing "id"        "id" is not a string or an integer      empty "id"
//   missing "body"      "FIELD" is not a string   (title, body)
std::optional<JsonDoc> ParseJsonDoc(std::string_view line, std::string* error);

// Reads JSON Lines from `in` and calls `sink` with each valid record, in
// order. Blank lines are skipped silently. A malformed line is reported to
// `err` as "NAME:LINE: <error>" and skipped. Returns the lines skipped.
size_t ReadJsonLines(std::istream& in, const std::string& name,
                     const std::function<void(const JsonDoc&)>& sink,
                     std::ostream& err);

// The same for the file at `path` (NAME = `path`). Throws
// std::runtime_error "PATH: cannot open: <strerror>".
size_t ReadJsonFile(const std::string& path,
                    const std::function<void(const JsonDoc&)>& sink,
                    std::ostream& err);

struct QueryLine {
  std::string id;  // qid; for a plain line, its 1-based line number
  std::string text;
};

// Reads `qid<TAB>text` lines. Blank lines and lines starting with '#' are
// skipped; a trailing '\r' is dropped. With `allow_plain`, a line without a
// tab is a query whose id is its line number (latency query files);
// otherwise such a line is an error. Throws std::runtime_error with one of:
//   NAME:LINE: expected "qid<TAB>text"
//   NAME:LINE: empty query id
std::vector<QueryLine> ParseQueries(std::istream& in, const std::string& name,
                                    bool allow_plain);

// The same for the file at `path`; also throws "PATH: cannot open: <strerror>".
std::vector<QueryLine> ReadQueries(const std::string& path, bool allow_plain);

// Writes one line of a TREC run: "qid Q0 docid rank score tag", the score
// with 6 decimals (enough to keep BM25 ties apart; trec_eval orders by it).
void WriteRunLine(std::ostream& out, const std::string& qid,
                  const std::string& docid, unsigned rank, double score,
                  const std::string& tag);

// The nearest-rank percentile: the smallest sample such that at least `p`
// percent of the samples are <= it (sorted[ceil(p/100 * n) - 1]).
// REQUIRES: 0 < p <= 100; `samples` is not empty.
double Percentile(std::vector<double> samples, double p);

// "queries=N repeat=R p50_us=X p99_us=Y": the line each tool's latency mode
// prints, from per-query times in microseconds.
std::string LatencyLine(size_t queries, unsigned repeat,
                        const std::vector<double>& micros);

}  // namespace bench

#endif  // SOUSUO_BENCH_BENCH_IO_H_
