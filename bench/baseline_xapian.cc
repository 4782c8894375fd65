// baseline_xapian: plain Xapian 1.4 as an application would use it out of the
// box -- TermGenerator to index, QueryParser and BM25Weight to search,
// MSet::snippet to show hits. The yardstick Sousuo is measured against; it
// uses no Sousuo code.
//
//   baseline_xapian index --db DIR FILE.jsonl...
//   baseline_xapian search --db DIR --queries QUERIES.tsv --run OUT.trec
//                          [--depth 100] [--tag xapian]
//   baseline_xapian latency --db DIR --queries FILE [--repeat 1]
//
// Exit status: 0 on success, 1 if some JSON lines were skipped or some
// queries could not be parsed at all, 2 on a fatal error.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_io.h"

namespace {

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM;

struct Options {
  std::string db;
  std::vector<std::string> inputs;
  std::string queries;
  std::string run;
  std::string tag = "xapian";
  unsigned depth = 100;
  unsigned repeat = 1;
};

// Title under "S" (a field search) and unprefixed, then the body, with a gap
// so that a phrase cannot run from the title into the body: the layout of
// Xapian's own examples and Omega.
Xapian::Document MakeDocument(Xapian::TermGenerator& generator,
                              const bench::JsonDoc& json) {
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(json.title, 1, "S");
  generator.index_text(json.title);
  generator.increase_termpos();
  generator.index_text(json.body);
  doc.set_data(json.body);
  doc.add_boolean_term("Q" + json.id);
  return doc;
}

int Index(const Options& options) {
  Xapian::WritableDatabase db(options.db, Xapian::DB_CREATE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  size_t indexed = 0;
  size_t skipped = 0;
  for (const std::string& input : options.inputs) {
    // No commit until the end: Xapian flushes on its own every
    // XAPIAN_FLUSH_THRESHOLD (default 10000) documents.
    skipped += bench::ReadJsonFile(
        input,
        [&](const bench::JsonDoc& json) {
          db.replace_document("Q" + json.id, MakeDocument(generator, json));
          ++indexed;
        },
        std::cerr);
  }
  db.commit();
  std::cerr << "baseline_xapian: indexed " << indexed << " documents, "
            << skipped << " skipped\n";
  return skipped == 0 ? 0 : 1;
}

bool IsCjk(unsigned ch) {
  return (ch >= 0x2E80 && ch <= 0x9FFF) || (ch >= 0xAC00 && ch <= 0xD7AF) ||
         (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFE30 && ch <= 0xFE4F) ||
         (ch >= 0x20000 && ch <= 0x2FFFF);
}

bool IsCjkTermQuery(const Xapian::Query& query) {
  if (query.get_type() != Xapian::Query::LEAF_TERM)
    return false;
  const std::string term = *query.get_terms_begin();
  for (Xapian::Utf8Iterator it(term); it != Xapian::Utf8Iterator(); ++it) {
    if (!IsCjk(*it))
      return false;
  }
  return !term.empty();
}

// QueryParser 1.4 turns a run of CJK text into the AND of its n-grams, so a
// Chinese question (one long run) matches almost nothing. Like the query's
// words under the default OP_OR, its n-grams are OR-ed here instead: every
// OP_AND whose subqueries are all CJK terms, at the top level or directly
// under the top-level OR, becomes an OP_OR. Nothing else changes.
Xapian::Query OrCjkNgrams(const Xapian::Query& query, bool top = true) {
  const size_t n = query.get_num_subqueries();
  std::vector<Xapian::Query> subqueries;
  for (size_t i = 0; i < n; ++i) subqueries.push_back(query.get_subquery(i));
  if (query.get_type() == Xapian::Query::OP_AND && n > 0 &&
      std::all_of(subqueries.begin(), subqueries.end(), IsCjkTermQuery)) {
    return Xapian::Query(Xapian::Query::OP_OR, subqueries.begin(),
                         subqueries.end());
  }
  if (!top || query.get_type() != Xapian::Query::OP_OR)
    return query;
  for (Xapian::Query& subquery : subqueries)
    subquery = OrCjkNgrams(subquery, false);
  return Xapian::Query(Xapian::Query::OP_OR, subqueries.begin(),
                       subqueries.end());
}

// The QueryParser set up as the brief says: English stemming (STEM_SOME),
// CJK n-grams, OP_OR between words, the database for wildcards.
class Searcher {
 public:
  explicit Searcher(const std::string& path) : db_(path), enquire_(db_) {
    parser_.set_database(db_);
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_OR);
    enquire_.set_weighting_scheme(Xapian::BM25Weight());
  }

  // Parses `text`; on a syntax error retries with no operators (Omega's
  // fallback) and counts it in retried().
  Xapian::MSet Run(const std::string& text, unsigned limit) {
    Xapian::Query query;
    try {
      query = parser_.parse_query(text, kParseFlags);
    } catch (const Xapian::QueryParserError&) {
      ++retried_;
      query = parser_.parse_query(text, Xapian::QueryParser::FLAG_CJK_NGRAM);
    }
    enquire_.set_query(OrCjkNgrams(query));
    return enquire_.get_mset(0, limit);
  }

  size_t retried() const { return retried_; }

 private:
  Xapian::Database db_;
  Xapian::Enquire enquire_;
  Xapian::QueryParser parser_;
  size_t retried_ = 0;
};

// The unique id of a hit, from its "Q" term.
std::string DocId(const Xapian::Document& doc) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to("Q");
  return it != doc.termlist_end() && (*it)[0] == 'Q' ? (*it).substr(1) : "";
}

int Search(const Options& options) {
  const std::vector<bench::QueryLine> queries =
      bench::ReadQueries(options.queries, /*allow_plain=*/false);
  Searcher searcher(options.db);
  std::ofstream run(options.run);
  if (!run)
    throw std::runtime_error(options.run + ": cannot write");
  size_t failed = 0;
  for (const bench::QueryLine& query : queries) {
    try {
      const Xapian::MSet mset = searcher.Run(query.text, options.depth);
      for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        bench::WriteRunLine(run, query.id, DocId(it.get_document()),
                            it.get_rank() + 1, it.get_weight(), options.tag);
      }
    } catch (const Xapian::QueryParserError& e) {
      std::cerr << "query " << query.id << ": " << e.get_msg() << "\n";
      ++failed;
    }
  }
  std::cerr << "baseline_xapian: " << queries.size() << " queries, "
            << searcher.retried() << " retried without operators, " << failed
            << " failed\n";
  return failed == 0 ? 0 : 1;
}

// Top 10 and a snippet of each hit's body, timed per query. The snippet
// gets the query's stemmer (else stemmed matches are not highlighted) and
// SNIPPET_CJK_NGRAM (else Chinese text is not split like the index);
// otherwise Xapian's defaults (500 bytes, background model, exhaustive).
int Latency(const Options& options) {
  const std::vector<bench::QueryLine> queries =
      bench::ReadQueries(options.queries, /*allow_plain=*/true);
  if (queries.empty())
    throw std::runtime_error(options.queries + ": no queries");
  Searcher searcher(options.db);
  const Xapian::Stem stemmer("english");
  const unsigned flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                         Xapian::MSet::SNIPPET_EXHAUSTIVE |
                         Xapian::MSet::SNIPPET_CJK_NGRAM;
  std::vector<double> micros;
  size_t bytes = 0;
  for (unsigned r = 0; r < options.repeat; ++r) {
    for (const bench::QueryLine& query : queries) {
      const auto start = std::chrono::steady_clock::now();
      const Xapian::MSet mset = searcher.Run(query.text, 10);
      for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        bytes += mset.snippet(it.get_document().get_data(), 500, stemmer, flags)
                     .size();
      }
      const std::chrono::duration<double, std::micro> spent =
          std::chrono::steady_clock::now() - start;
      micros.push_back(spent.count());
    }
  }
  std::cout << bench::LatencyLine(queries.size(), options.repeat, micros)
            << " snippet_bytes=" << bytes << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Plain Xapian baseline for Sousuo's benchmarks.",
               "baseline_xapian"};
  app.require_subcommand(1);
  CLI::App* index =
      app.add_subcommand("index", "Index JSON Lines files into a new database");
  index->add_option("--db", options.db, "Database directory (must not exist)")
      ->required();
  index->add_option("inputs", options.inputs, "JSON Lines files")->required();
  CLI::App* search =
      app.add_subcommand("search", "Write a TREC run for a query file");
  CLI::App* latency =
      app.add_subcommand("latency", "Time top-10 searches with snippets");
  for (CLI::App* sub : {search, latency}) {
    sub->add_option("--db", options.db, "Database directory")->required();
    sub->add_option("--queries", options.queries, "qid<TAB>text lines")
        ->required();
  }
  search->add_option("--run", options.run, "TREC run file to write")
      ->required();
  search->add_option("--depth", options.depth,
                     "Results per query (default 100)");
  search->add_option("--tag", options.tag, "Run tag (default xapian)");
  latency
      ->add_option("--repeat", options.repeat,
                   "Passes over the queries (default 1)")
      ->check(CLI::PositiveNumber);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (*index)
      return Index(options);
    if (*search)
      return Search(options);
    return Latency(options);
  } catch (const Xapian::Error& e) {
    std::cerr << "baseline_xapian: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "baseline_xapian: " << e.what() << "\n";
  }
  return 2;
}
