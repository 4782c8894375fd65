// The indexer run: walks the inputs, reads reports, writes them to the index
// in batches, and reports progress and problems.
//
// Exit codes (RunIndexer's return value, and sousuo-index's; named in
// indexer_options.h):
//   0   kExitOk: every input was indexed
//   1   kExitSkipped: the run finished, but some inputs (files or JSON lines)
//       were skipped or repaired; each has a one-line message on stderr
//   2   kExitFatal: bad options, or the index could not be opened, locked or
//       committed. Batches committed before the error stay in the index.
//   130 kExitInterrupted: SIGINT or SIGTERM; the reports read so far are
//       committed, nothing is removed, no compaction
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

#include <iosfwd>
#include <string>

#include "indexer/indexer_options.h"

namespace sousuo {

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

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_INDEXER_H_
