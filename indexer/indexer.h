// The indexer run: walks the inputs, reads reports, writes them to the index
// in batches, and reports progress and problems.
//
// Exit codes (RunIndexer's return value, and sousuo-index's):
//   0  every input was indexed
//   1  the run finished, but some inputs (files or JSON lines) were skipped
//      or repaired; each has a one-line message on stderr
//   2  fatal error: bad options, or the index could not be opened, locked or
//      committed. Batches committed before the error stay in the index.
//
// Messages on stderr:
//   "sousuo-index: <detail>"            fatal errors
//   "PATH: <detail>"                    per input, also "PATH:LINE: <detail>"
//                                       and "PATH:LINE:COLUMN: <detail>"
//   "indexed N reports (X MB) in T s, R MB/s; S skipped; index P holds D
//   reports"
//                                       the summary (not with --quiet)
//   "compacted index P: X MB -> Y MB in T s"
//                                       after a compaction (not with --quiet)
#ifndef SOUSUO_INDEXER_INDEXER_H_
#define SOUSUO_INDEXER_INDEXER_H_

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace sousuo {

constexpr char kIndexerVersion[] = SOUSUO_VERSION;  // project() in CMakeLists.txt

struct IndexerOptions {
  enum class Verbosity {
    kQuiet,    // errors only: no warnings, notes or summary
    kNormal,   // errors, warnings and the summary
    kVerbose,  // also a line per file and the files left out on purpose
  };
  std::vector<std::string> inputs;  // files, directories or "-"
  std::string index_path;           // empty: ResolveIndexPath("")
  size_t batch = 2000;              // reports per commit; REQUIRES: >= 1
  std::string stdin_id = "stdin";   // id of a plain-text report on stdin
  Verbosity verbosity = Verbosity::kNormal;
  // Rewrite a progress line in place (at most every 0.5 s); set when stderr
  // is a terminal.
  bool live_progress = false;
  // Compaction at the end of the run (IndexWriter::Compact). kAuto compacts
  // when the run at least doubled the index (a new index always): an index
  // grown by updates takes about twice the space, and compacting only on
  // doubling keeps the cost of rewriting it proportional to what was added.
  enum class Compaction { kAuto, kAlways, kNever };
  Compaction compaction = Compaction::kAuto;
};

// Indexes `options.inputs` into the index, reading "-" from `in` and writing
// every message to `err`. Returns the exit code (see above). Catches the
// errors of common/ and Xapian; does not throw them.
int RunIndexer(const IndexerOptions& options, std::istream& in,
               std::ostream& err);

// "12345" -> "12,345" (for the live progress line).
std::string WithThousands(unsigned long long n);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_INDEXER_H_
