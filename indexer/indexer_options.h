// What a sousuo-index run is asked to do (IndexerOptions), its exit codes,
// and the small helpers its messages are written with. Below indexer.h and
// index_admin.h, which both include it; main.cc fills the options from the
// command line (CLI11 stays in that one file: it costs seconds to compile).
#ifndef SOUSUO_INDEXER_INDEXER_OPTIONS_H_
#define SOUSUO_INDEXER_INDEXER_OPTIONS_H_

#include <csignal>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace sousuo {

constexpr char kIndexerVersion[] = SOUSUO_VERSION;  // project() in CMakeLists.txt

// Exit codes of sousuo-index (RunIndexer's return value; see indexer.h).
constexpr int kExitOk = 0;             // every input indexed; the command done
constexpr int kExitSkipped = 1;        // finished, but some inputs were skipped
                                       // or repaired (or --remove found nothing
                                       // for an argument); each has a message
constexpr int kExitFatal = 2;          // bad options, or the index could not be
                                       // opened, locked or committed
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

// Helpers of the indexer's messages.
std::string Fixed1(double value);                // "%.1f"
std::string Plural(size_t n, const char* noun);  // "1 report", "2 reports"
std::string WithThousands(unsigned long long n);  // 12345 -> "12,345"

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_INDEXER_OPTIONS_H_
