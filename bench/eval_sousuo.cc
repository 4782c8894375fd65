// eval_sousuo: Sousuo's side of the relevance evaluation.
//
//   eval_sousuo index --index DIR FILE.jsonl...
//   eval_sousuo search --index DIR --queries QUERIES.tsv --run OUT.trec
//                      [--depth 100] [--tag sousuo]
//
// index reads each JSON line as sousuo-index does (indexer/report_reader.h
// ParseJsonLine: id, title, body, lang or DetectLanguage, date through
// NormalizeDate, source) and writes it with IndexWriter, committing every
// 2000 reports and at the end.
//
// search runs each query exactly as `sousuo-query` does with its default
// options (query/query_cli.cc): QueryBuilder::Build(text), then
// RunBuiltQuery (common/searcher.h): the strict query, or the relaxed one
// when fewer than a page of 10 reports hold every word; only the run goes
// deeper. A query that throws QueryError gets no results. The last line on
// stderr counts both: "eval_sousuo: N queries, R relaxed, E query errors".
//
// Exit status: 0 on success, 1 if some JSON lines were skipped or some
// queries were malformed, 2 on a fatal error.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_io.h"
#include "common/analyzer.h"
#include "common/error.h"
#include "common/index_reader.h"
#include "common/index_writer.h"
#include "common/query_builder.h"
#include "common/searcher.h"
#include "indexer/report_reader.h"

namespace {

// sousuo-query's default --limit (query/query_cli.h QueryOptions::limit).
constexpr unsigned kDefaultLimit = 10;

constexpr size_t kBatch = 2000;

struct Options {
  std::string index;
  std::vector<std::string> inputs;
  std::string queries;
  std::string run;
  std::string tag = "sousuo";
  unsigned depth = 100;
};

// Adds the reports of one JSON Lines file; returns the lines skipped.
size_t IndexFile(const std::string& path, sousuo::IndexWriter* writer,
                 size_t* added) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error(path + ": cannot open");
  std::string line;
  size_t skipped = 0;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos)
      continue;
    const sousuo::Outcome<sousuo::Report> outcome =
        sousuo::ParseJsonLine(line, number, path);
    for (const sousuo::Diagnostic& diagnostic : outcome.diagnostics) {
      std::cerr << diagnostic.Format(path) << "\n";
    }
    if (!outcome.value) {
      ++skipped;
      continue;
    }
    writer->Put(*outcome.value);
    if (++*added % kBatch == 0)
      writer->Commit();
  }
  return skipped;
}

int Index(const Options& options) {
  sousuo::IndexWriter writer(options.index);
  size_t added = 0;
  size_t skipped = 0;
  for (const std::string& input : options.inputs) {
    skipped += IndexFile(input, &writer, &added);
  }
  writer.Commit();
  std::cerr << "eval_sousuo: indexed " << added << " reports, " << skipped
            << " skipped\n";
  return skipped == 0 ? 0 : 1;
}

int Search(const Options& options) {
  const std::vector<bench::QueryLine> queries =
      bench::ReadQueries(options.queries, /*allow_plain=*/false);
  sousuo::Analyzer analyzer;
  sousuo::QueryBuilder builder(&analyzer);
  sousuo::IndexReader reader(options.index);
  std::ofstream run(options.run);
  if (!run)
    throw std::runtime_error(options.run + ": cannot write");
  size_t relaxed = 0;
  size_t errors = 0;
  for (const bench::QueryLine& query : queries) {
    try {
      const sousuo::BuiltQuery built = builder.Build(query.text);
      // Exactly sousuo-query with its default options (a page of 10 hits
      // decides whether to relax), only deeper.
      const sousuo::RankedResult ranked = sousuo::RunBuiltQuery(
          &reader, built, 0, options.depth, kDefaultLimit);
      if (ranked.relaxed)
        ++relaxed;
      const sousuo::SearchResult& result = ranked.result;
      for (const sousuo::Hit& hit : result.hits) {
        bench::WriteRunLine(run, query.id, hit.report.id, hit.rank, hit.score,
                            options.tag);
      }
    } catch (const sousuo::QueryError& e) {
      std::cerr << "query " << query.id << ": " << e.what() << "\n";
      ++errors;
    }
  }
  std::cerr << "eval_sousuo: " << queries.size() << " queries, " << relaxed
            << " relaxed, " << errors << " query errors\n";
  return errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Sousuo's side of the relevance evaluation.", "eval_sousuo"};
  app.require_subcommand(1);
  CLI::App* index = app.add_subcommand("index", "Index JSON Lines files");
  CLI::App* search =
      app.add_subcommand("search", "Write a TREC run for a query file");
  for (CLI::App* sub : {index, search}) {
    sub->add_option("--index", options.index, "Index directory")->required();
  }
  index->add_option("inputs", options.inputs, "JSON Lines files")->required();
  search->add_option("--queries", options.queries, "qid<TAB>text lines")
      ->required();
  search->add_option("--run", options.run, "TREC run file to write")
      ->required();
  search->add_option("--depth", options.depth,
                     "Results per query (default 100)");
  search->add_option("--tag", options.tag, "Run tag (default sousuo)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return *index ? Index(options) : Search(options);
  } catch (const sousuo::Error& e) {
    std::cerr << "eval_sousuo: " << e.what() << "\n";
  } catch (const Xapian::Error& e) {
    std::cerr << "eval_sousuo: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "eval_sousuo: " << e.what() << "\n";
  }
  return 2;
}
