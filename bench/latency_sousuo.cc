// latency_sousuo: in-process query latency of Sousuo, the counterpart of the
// baselines' `latency` subcommands.
//
//   latency_sousuo --index DIR --queries FILE [--repeat 5]
//
// Each query does the whole work of one `sousuo-query --index DIR QUERY`
// with its default options (query/query_cli.cc): QueryBuilder::Build, then
// RunSearch for hits 0-9 (full matches, then partial ones for a plain
// query), a SnippetGenerator with the default snippet options,
// HighlightAll(title) and Generate(database, docid, report) for each hit
// (a long body is read only where the index places matches), and RenderTextHit
// (no colour) into a string. Only the header line ("About N matches; ...")
// is left out: it is a few bytes of formatting private to query_cli.cc.
//
// Like a long-running process, one Analyzer, QueryBuilder and IndexReader
// serve every query (sousuo-query creates them once per run: their cost is
// in the whole-process time); the BuiltQuery, the SnippetGenerator, the hit
// views and the output string are made per query, as sousuo-query makes them.
//
// One untimed warm-up pass over the queries, then --repeat timed passes;
// each query of each pass is one sample (steady_clock). Prints one line:
//   queries=N repeat=R p50_us=X p99_us=Y max_us=Z slowest=QID no_hits=H
//   errors=E output_bytes=B
// (one line; wrapped here), where slowest is the query of the max sample,
// no_hits counts the queries that found nothing and errors those rejected
// with QueryError (timed all the same); output_bytes sums the sizes of the
// rendered hits over every pass.
// With --phases, then one line per query, slowest first, with the median
// over the timed passes of each phase, in microseconds:
//   QID partial=0|1 build_us=X search_us=Y snippets_us=Z total_us=T
// (partial: the list has partial matches; build: QueryBuilder::Build;
// search: RunSearch, hits' stored data
// included; snippets: the SnippetGenerator and rendering).
// Exit status: 0 on success, 1 if some queries were rejected, 2 on a fatal
// error.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_io.h"
#include "common/analyzer.h"
#include "common/error.h"
#include "common/render.h"
#include "common/index_reader.h"
#include "common/query_builder.h"
#include "common/searcher.h"
#include "common/snippet.h"

namespace {

// sousuo-query's defaults (query/query_cli.h QueryOptions).
constexpr unsigned kLimit = 10;
constexpr unsigned kSnippets = 3;
constexpr unsigned kWidth = 120;

struct Options {
  std::string index;
  std::string queries;
  unsigned repeat = 5;
  bool phases = false;
};

// Where one run of a query went, in microseconds.
struct Phases {
  double build = 0;
  double search = 0;
  double snippets = 0;
  bool partial = false;
};

double MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
      .count();
}

// What stays alive between queries in a long-running process.
struct Engine {
  explicit Engine(const std::string& index)
      : builder(&analyzer), reader(index) {}

  sousuo::Analyzer analyzer;
  sousuo::QueryBuilder builder;
  sousuo::IndexReader reader;
};

// One query as sousuo-query runs it; returns the rendered hits, sets *hits
// to their number and fills *phases. Throws QueryError for a malformed query.
std::string RunOne(Engine* engine, const std::string& text, size_t* hits, Phases* phases) {
  auto start = std::chrono::steady_clock::now();
  const sousuo::BuiltQuery built = engine->builder.Build(text);
  phases->build = MicrosSince(start);
  start = std::chrono::steady_clock::now();
  sousuo::SearchRequest request;
  request.limit = kLimit;
  const sousuo::SearchOutcome outcome = sousuo::RunSearch(&engine->reader, built, request);
  phases->search = MicrosSince(start);
  phases->partial = outcome.partial;
  start = std::chrono::steady_clock::now();
  sousuo::SnippetOptions snippet_options;
  snippet_options.fragment_columns = kWidth;
  snippet_options.max_fragments = kSnippets;
  sousuo::SnippetGenerator snippets(&engine->analyzer, built.highlights,
                                    snippet_options);
  *hits = outcome.hits.size();
  std::string out;
  for (const sousuo::Hit& hit : outcome.hits) {
    sousuo::HitView view;
    view.rank = hit.rank;
    view.score = hit.score;
    view.report = &hit.report;
    view.title = snippets.HighlightAll(hit.report.title);
    view.snippets = snippets.Generate(engine->reader.database(), hit.docid, hit.report);
    view.partial = hit.partial;
    view.missing = hit.missing;
    out += sousuo::RenderTextHit(view, sousuo::TextStyle{false, kWidth, ""}) + "\n";
  }
  phases->snippets = MicrosSince(start);
  return out;
}

// The --phases lines: each query's median phases, slowest total first.
void PrintPhases(const std::vector<bench::QueryLine>& queries,
                 const std::vector<std::vector<Phases>>& phases) {
  struct Row {
    size_t query;
    Phases median;
    double total;
  };
  std::vector<Row> rows;
  for (size_t i = 0; i < queries.size(); ++i) {
    std::vector<double> build, search, snippets;
    Row row{i, Phases(), 0};
    for (const Phases& p : phases[i]) {
      build.push_back(p.build);
      search.push_back(p.search);
      snippets.push_back(p.snippets);
      row.median.partial = p.partial;
    }
    row.median.build = bench::Percentile(build, 50);
    row.median.search = bench::Percentile(search, 50);
    row.median.snippets = bench::Percentile(snippets, 50);
    row.total = row.median.build + row.median.search + row.median.snippets;
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.total > b.total; });
  const auto us = [](double v) { return static_cast<long long>(v + 0.5); };
  for (const Row& row : rows) {
    std::cout << queries[row.query].id << " partial=" << (row.median.partial ? 1 : 0)
              << " build_us=" << us(row.median.build) << " search_us=" << us(row.median.search)
              << " snippets_us=" << us(row.median.snippets) << " total_us=" << us(row.total)
              << "\n";
  }
}

int Latency(const Options& options) {
  const std::vector<bench::QueryLine> queries =
      bench::ReadQueries(options.queries, /*allow_plain=*/true);
  if (queries.empty())
    throw std::runtime_error(options.queries + ": no queries");
  Engine engine(options.index);
  std::vector<double> micros;
  std::vector<size_t> sample_query;  // index into `queries` of each sample
  std::vector<std::vector<Phases>> phases(queries.size());  // timed passes only
  size_t errors = 0;
  size_t no_hits = 0;
  size_t bytes = 0;
  for (unsigned pass = 0; pass <= options.repeat; ++pass) {
    for (size_t i = 0; i < queries.size(); ++i) {
      size_t hits = 0;
      Phases phase;
      const auto start = std::chrono::steady_clock::now();
      try {
        bytes += RunOne(&engine, queries[i].text, &hits, &phase).size();
      } catch (const sousuo::QueryError& e) {
        if (pass == 0) {
          std::cerr << "query " << queries[i].id << ": " << e.what() << "\n";
          ++errors;
        }
      }
      const std::chrono::duration<double, std::micro> spent =
          std::chrono::steady_clock::now() - start;
      if (pass == 0) {  // the warm-up pass
        no_hits += hits == 0 ? 1 : 0;
        continue;
      }
      micros.push_back(spent.count());
      sample_query.push_back(i);
      phases[i].push_back(phase);
    }
  }
  const size_t slowest = static_cast<size_t>(
      std::max_element(micros.begin(), micros.end()) - micros.begin());
  std::cout << bench::LatencyLine(queries.size(), options.repeat, micros)
            << " max_us=" << static_cast<long long>(micros[slowest] + 0.5)
            << " slowest=" << queries[sample_query[slowest]].id
            << " no_hits=" << no_hits << " errors=" << errors
            << " output_bytes=" << bytes << "\n";
  if (options.phases)
    PrintPhases(queries, phases);
  return errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"In-process latency of Sousuo: top 10 with snippets.",
               "latency_sousuo"};
  app.add_option("--index", options.index, "Index directory")->required();
  app.add_option("--queries", options.queries,
                 "qid<TAB>text lines (or one query per line)")
      ->required();
  app.add_option("--repeat", options.repeat,
                 "Timed passes after one warm-up pass (default 5)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--phases", options.phases,
               "Also print each query's median build, search and snippet times");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return Latency(options);
  } catch (const sousuo::Error& e) {
    std::cerr << "latency_sousuo: " << e.what() << "\n";
  } catch (const Xapian::Error& e) {
    std::cerr << "latency_sousuo: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "latency_sousuo: " << e.what() << "\n";
  }
  return 2;
}
