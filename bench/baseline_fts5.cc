// baseline_fts5: SQLite FTS5 through libsqlite3, as an application would use
// it out of the box -- one FTS5 table, bm25() ranking, snippet(). The second
// yardstick for Sousuo; it uses no Sousuo code.
//
//   baseline_fts5 index --db FILE --lang en|zh FILE.jsonl...
//   baseline_fts5 search --db FILE --queries QUERIES.tsv --run OUT.trec
//                        [--depth 100] [--tag fts5]
//   baseline_fts5 latency --db FILE --queries FILE [--repeat 1]
//
// The table is docs(id UNINDEXED, title, body) with tokenize='porter
// unicode61' (en) or 'trigram' (zh), filled in one transaction. Searches
// rank by bm25() with FTS5's defaults (k1 1.2, b 0.75, every column weight
// 1, so the title counts like the body); the MATCH expression is built from
// the query text by Fts5MatchQuery (fts5_query.h), choosing the form from the
// table's tokenizer. Exit status: 0 on success, 1 if some JSON lines were
// skipped, 2 on a fatal error.
#include <sqlite3.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_io.h"
#include "bench/fts5_query.h"

namespace {

struct Options {
  std::string db;
  std::string lang = "en";
  std::vector<std::string> inputs;
  std::string queries;
  std::string run;
  std::string tag = "fts5";
  unsigned depth = 100;
  unsigned repeat = 1;
};

using DbPtr = std::unique_ptr<sqlite3, int (*)(sqlite3*)>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

[[noreturn]] void Fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + sqlite3_errmsg(db));
}

DbPtr Open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  DbPtr owned(db, sqlite3_close);
  if (rc != SQLITE_OK)
    Fail(db, "opening '" + path + "'");
  return owned;
}

StmtPtr Prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    Fail(db, "preparing \"" + sql + "\"");
  }
  return StmtPtr(stmt, sqlite3_finalize);
}

void Exec(sqlite3* db, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    Fail(db, sql);
  }
}

void BindText(sqlite3* db, sqlite3_stmt* stmt, int column,
              const std::string& text) {
  if (sqlite3_bind_text(stmt, column, text.data(),
                        static_cast<int>(text.size()),
                        SQLITE_STATIC) != SQLITE_OK) {
    Fail(db, "binding a value");
  }
}

int Index(const Options& options) {
  struct stat info;
  if (stat(options.db.c_str(), &info) == 0) {
    throw std::runtime_error("'" + options.db +
                             "' already exists: remove it first");
  }
  DbPtr db = Open(options.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const std::string tokenizer =
      options.lang == "zh" ? "trigram" : "porter unicode61";
  Exec(db.get(),
       "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
       "tokenize='" +
           tokenizer + "')");
  Exec(db.get(), "BEGIN");
  StmtPtr insert =
      Prepare(db.get(), "INSERT INTO docs(id, title, body) VALUES(?1, ?2, ?3)");
  size_t indexed = 0;
  size_t skipped = 0;
  for (const std::string& input : options.inputs) {
    skipped += bench::ReadJsonFile(
        input,
        [&](const bench::JsonDoc& doc) {
          BindText(db.get(), insert.get(), 1, doc.id);
          BindText(db.get(), insert.get(), 2, doc.title);
          BindText(db.get(), insert.get(), 3, doc.body);
          if (sqlite3_step(insert.get()) != SQLITE_DONE)
            Fail(db.get(), "inserting " + doc.id);
          sqlite3_reset(insert.get());
          ++indexed;
        },
        std::cerr);
  }
  Exec(db.get(), "COMMIT");
  std::cerr << "baseline_fts5: indexed " << indexed << " documents, " << skipped
            << " skipped\n";
  return skipped == 0 ? 0 : 1;
}

// Reads the table's tokenizer back from its declaration.
bench::Fts5Tokenizer TableTokenizer(sqlite3* db) {
  StmtPtr stmt =
      Prepare(db, "SELECT sql FROM sqlite_master WHERE name = 'docs'");
  if (sqlite3_step(stmt.get()) != SQLITE_ROW) {
    throw std::runtime_error("no table 'docs': not a baseline_fts5 database");
  }
  const std::string sql =
      reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
  return sql.find("trigram") != std::string::npos
             ? bench::Fts5Tokenizer::kTrigram
             : bench::Fts5Tokenizer::kUnicode61;
}

std::string ColumnText(sqlite3_stmt* stmt, int column) {
  const unsigned char* text = sqlite3_column_text(stmt, column);
  return text == nullptr ? "" : reinterpret_cast<const char*>(text);
}

int Search(const Options& options) {
  const std::vector<bench::QueryLine> queries =
      bench::ReadQueries(options.queries, /*allow_plain=*/false);
  DbPtr db = Open(options.db, SQLITE_OPEN_READONLY);
  const bench::Fts5Tokenizer tokenizer = TableTokenizer(db.get());
  StmtPtr select = Prepare(
      db.get(),
      "SELECT id, rank FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2");
  std::ofstream run(options.run);
  if (!run)
    throw std::runtime_error(options.run + ": cannot write");
  size_t empty = 0;
  for (const bench::QueryLine& query : queries) {
    const std::string match = bench::Fts5MatchQuery(query.text, tokenizer);
    if (match.empty()) {
      ++empty;
      continue;
    }
    BindText(db.get(), select.get(), 1, match);
    sqlite3_bind_int(select.get(), 2, static_cast<int>(options.depth));
    int rc;
    for (unsigned rank = 1; (rc = sqlite3_step(select.get())) == SQLITE_ROW;
         ++rank) {
      // bm25() is negative, better matches lower: negate it for the run.
      bench::WriteRunLine(run, query.id, ColumnText(select.get(), 0), rank,
                          -sqlite3_column_double(select.get(), 1), options.tag);
    }
    if (rc != SQLITE_DONE)
      Fail(db.get(), "query " + query.id);
    sqlite3_reset(select.get());
  }
  std::cerr << "baseline_fts5: " << queries.size() << " queries, " << empty
            << " with no searchable text\n";
  return 0;
}

// Top 10 with a snippet of the body of each: '[' ']' around matches, "..."
// for cut text, at most 32 tokens (snippet() has no defaults to take).
int Latency(const Options& options) {
  const std::vector<bench::QueryLine> queries =
      bench::ReadQueries(options.queries, /*allow_plain=*/true);
  if (queries.empty())
    throw std::runtime_error(options.queries + ": no queries");
  DbPtr db = Open(options.db, SQLITE_OPEN_READONLY);
  const bench::Fts5Tokenizer tokenizer = TableTokenizer(db.get());
  StmtPtr select =
      Prepare(db.get(),
              "SELECT id, snippet(docs, 2, '[', ']', '...', 32) FROM docs "
              "WHERE docs MATCH ?1 ORDER BY rank LIMIT 10");
  std::vector<double> micros;
  size_t bytes = 0;
  for (unsigned r = 0; r < options.repeat; ++r) {
    for (const bench::QueryLine& query : queries) {
      const auto start = std::chrono::steady_clock::now();
      const std::string match = bench::Fts5MatchQuery(query.text, tokenizer);
      if (!match.empty()) {
        BindText(db.get(), select.get(), 1, match);
        while (sqlite3_step(select.get()) == SQLITE_ROW) {
          bytes += ColumnText(select.get(), 1).size();
        }
        sqlite3_reset(select.get());
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
  CLI::App app{"SQLite FTS5 baseline for Sousuo's benchmarks.",
               "baseline_fts5"};
  app.require_subcommand(1);
  CLI::App* index =
      app.add_subcommand("index", "Index JSON Lines files into a new database");
  index->add_option("--db", options.db, "Database file (must not exist)")
      ->required();
  index->add_option("--lang", options.lang, "en: porter unicode61, zh: trigram")
      ->required()
      ->check(CLI::IsMember({"en", "zh"}));
  index->add_option("inputs", options.inputs, "JSON Lines files")->required();
  CLI::App* search =
      app.add_subcommand("search", "Write a TREC run for a query file");
  CLI::App* latency =
      app.add_subcommand("latency", "Time top-10 searches with snippets");
  for (CLI::App* sub : {search, latency}) {
    sub->add_option("--db", options.db, "Database file")->required();
    sub->add_option("--queries", options.queries, "qid<TAB>text lines")
        ->required();
  }
  search->add_option("--run", options.run, "TREC run file to write")
      ->required();
  search->add_option("--depth", options.depth,
                     "Results per query (default 100)");
  search->add_option("--tag", options.tag, "Run tag (default fts5)");
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
  } catch (const std::exception& e) {
    std::cerr << "baseline_fts5: " << e.what() << "\n";
  }
  return 2;
}
