// The indexer run: walks the inputs, reads reports, writes them to the index
// in batches, and reports progress and problems.
//
// Exit codes (RunIndexer's return value, and sousuo-index's):
//   0  every input was indexed
//   1  the run finished, but some inputs (files or JSON lines) were skipped
//      or repaired; each has a one-line message on stderr
//   2  fatal error: bad options, or the index could not be opened, locked or
//      committed. Batches committed before the error stay in the index.
//   130 interrupted by SIGINT or SIGTERM: the reports read so far are
//      committed, nothing is removed, no compaction
//
// Keeping the index in step. Every report records its file (absolute, as
// reached) and the input it was reached from (its root), and a hash of its
// content (ContentHash). Indexing a root again:
//   - skips, without analysis, a report whose id is stored with the same
//     hash and file ("unchanged"; --force writes it anyway);
//   - stores a text once when two ids of the run have the same hash (the
//     later one is skipped with a message);
//   - removes the reports recorded under the run's roots that the run did
//     not reach: their file is gone or no longer holds them (--no-delete
//     keeps them). Files that could not be read keep their reports, and a
//     root whose walk had errors (a subdirectory that cannot be listed, or
//     the root itself missing) removes nothing.
//
// Messages on stderr:
//   "sousuo-index: <detail>"            fatal errors
//   "PATH: <detail>"                    per input, also "PATH:LINE: <detail>"
//                                       and "PATH:LINE:COLUMN: <detail>"
//   "PATH[:LINE]: same text as ID, skipped"
//                                       a duplicate (not with --quiet)
//   "FILE: removed N reports", "FILE: gone, removed N reports"
//                                       reports of a file removed (not -q)
//   "indexed N reports (X MB) in T s, R MB/s: A added, U updated,
//   C unchanged, D removed[, K duplicates]; S skipped[, R repaired]; index P
//   holds D reports"
//                                       the summary (not with --quiet)
//   "interrupted: committed N reports"  after SIGINT or SIGTERM (always)
//   "removed N reports; index P holds D reports"
//                                       after --remove (not with --quiet)
//   "ARG: no report with this id or file in the index"
//                                       --remove found nothing for ARG
//   "compacted index P: X MB -> Y MB in T s"
//                                       after a compaction (not with --quiet)
#ifndef SOUSUO_INDEXER_INDEXER_H_
#define SOUSUO_INDEXER_INDEXER_H_

#include <csignal>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace sousuo {

constexpr char kIndexerVersion[] = SOUSUO_VERSION;  // project() in CMakeLists.txt
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

struct IndexerOptions {
  enum class Verbosity {
    kQuiet,    // errors only: no warnings, notes or summary
    kNormal,   // errors, warnings and the summary
    kVerbose,  // also a line per file and the files left out on purpose
  };
  std::vector<std::string> inputs;  // files, directories or "-"
  // Instead of indexing inputs (at most one of these, and then no inputs):
  bool list = false;                // print "ID\tTITLE\tDATE" per report
  bool stats = false;               // print statistics of the index
  std::vector<std::string> remove;  // remove these ids, or files' reports
  bool force = false;               // write unchanged reports too
  bool wait = false;                // wait for another writer's lock
  bool delete_missing = true;       // remove reports whose files are gone
  // When set and non-zero (from a signal handler), the run stops before the
  // next report, commits and returns kExitInterrupted.
  const volatile std::sig_atomic_t* interrupted = nullptr;
  std::string index_path;           // empty: ResolveIndexPath("")
  size_t batch = 2000;              // reports per commit; REQUIRES: >= 1
  // Threads that build a new (empty) index in parallel shards
  // (IndexWriter's bulk mode); 1 writes serially. REQUIRES: >= 1.
  unsigned threads = 1;
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
  // Tests only: called with a file's path just before it is opened, to
  // change the file system under the run at a known point.
  std::function<void(const std::string& path)> before_read;
};

// Indexes `options.inputs` into the index, reading "-" from `in` and writing
// every message to `err`; or lists the index, prints its statistics (both to
// `out`, reading the last commit, so they work while a writer runs) or
// removes reports. Returns the exit code (see above). Catches the errors of
// common/ and Xapian; does not throw them.
//
// --list prints "ID<TAB>TITLE<TAB>DATE" per report, sorted by id, with tabs
// and line breaks inside fields made spaces; exit code 0 (an empty index too).
// --stats prints, one "key: value" per line: index, schema, analyzer,
// reports, size (on disk, MB), dates ("FIRST to LAST" or "none"), then
// "language L: N" and "source S: N" lines sorted by name ("(none)" for no
// source).
int RunIndexer(const IndexerOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err);

// "12345" -> "12,345" (for the live progress line).
std::string WithThousands(unsigned long long n);

// Helpers of the indexer's messages and keys, shared with index_admin.cc.
std::string Fixed1(double value);                   // "%.1f"
std::string Plural(size_t n, const char* noun);     // "1 report", "2 reports"
// `path` made absolute and lexically normal, without a trailing '/'; symbolic
// links are kept, so a file's key is the path it was reached by.
std::string AbsolutePath(const std::string& path);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_INDEXER_H_
