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
// options (query/query_cli.cc): QueryBuilder::Build(text), then RunSearch
// (common/searcher.h): the full matches, then the partial ones of a plain
// query; only the run goes deeper (a page of --depth hits). A query that
// throws QueryError gets no results. The last line on stderr counts the
// queries whose list has partial matches and those rejected:
// "eval_sousuo: N queries, P with partial matches, E query errors".
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
  size_t partial = 0;
  size_t errors = 0;
  for (const bench::QueryLine& query : queries) {
    try {
      const sousuo::BuiltQuery built = builder.Build(query.text);
      // Exactly sousuo-query with its default options, only deeper.
      sousuo::SearchRequest request;
      request.limit = options.depth;
      const sousuo::SearchOutcome outcome = sousuo::RunSearch(&reader, built, request);
      if (outcome.partial)
        ++partial;
      for (const sousuo::Hit& hit : outcome.hits) {
        bench::WriteRunLine(run, query.id, hit.report.id, hit.rank, hit.score,
                            options.tag);
      }
    } catch (const sousuo::QueryError& e) {
      std::cerr << "query " << query.id << ": " << e.what() << "\n";
      ++errors;
    }
  }
  std::cerr << "eval_sousuo: " << queries.size() << " queries, " << partial
            << " with partial matches, " << errors << " query errors\n";
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
