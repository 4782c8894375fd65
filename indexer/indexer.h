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
// Report ids. A report read from a file (text, Markdown, HTML, PDF) has the
// file's canonical absolute path as its id (FileReportId, report_path.h):
// the same whatever the working directory and however the path was typed
// (relative, absolute, through a parent folder or a symlinked folder), and
// never the same for two files. A file reached twice in one run (by a
// symbolic link, or from two inputs) is read once. A JSON Lines record has
// its JSON "id"; a plain text on standard input has options.stdin_id. An id
// given twice in one run is an error message (the later report replaces the
// earlier, which counts as skipped); in a later run it is an update.
//
// Keeping the index in step. Every report records its file (Report::path,
// canonical) and a hash of its content (ContentHash). A run:
//   - skips, without analysis, a report whose id is stored with the same
//     hash and file ("unchanged"; --force writes it anyway);
//   - folds a report whose hash another report of the index holds, from this
//     run or an earlier one, into it: recorded as its duplicate (duplicates.h),
//     not stored again; when the report holding the text is removed or gets
//     another text, its first duplicate takes its place with that text;
//   - removes, under each input (its "root"), the reports whose file is gone
//     (no such file, or a directory now), and the reports of a JSON Lines file
//     read in full, every line understood, that it no longer holds (--no-delete
//     keeps them). A report whose file still exists stays, reached or not. A
//     root whose walk had errors (a subdirectory that cannot be listed, or the
//     root itself missing) removes nothing.
// So indexing a folder, a subfolder or one file again touches only the
// reports of those files.
//
// Paths in messages. A file being read is named by the path the walk reached
// it by (the input as typed, then the names below it), a stored report by its
// canonical path; both relative to the current directory when that is
// shorter (DisplayPath). Ids that are not paths are shown as they are.
//
// Messages on stderr:
//   "sousuo-index: <detail>"            fatal errors
//   "PATH: <detail>"                    per input, also "PATH:LINE: <detail>"
//                                       and "PATH:LINE:COLUMN: <detail>"
//   "PATH[:LINE]: id "X" already given at PATH[:LINE]; this line replaces it"
//                                       an id given twice in one run (always)
//   "PATH[:LINE]: same text as ID, folded into it"
//                                       a new duplicate (not with --quiet)
//   "ID: indexed in place of ID, same text"
//                                       a duplicate took the place of the
//                                       report it was folded into (not -q)
//   "FILE: removed N reports", "FILE: gone, removed N reports"
//                                       reports (and folded duplicates) of a
//                                       file removed (not -q)
//   "PATH: read already, the same file" a file reached again (only -v)
//   "indexed N reports (X MB) in T s, R MB/s: A added, U updated,
//   C unchanged, D removed[, K duplicates]; S skipped[, R repaired]; index P
//   holds N reports[ and F duplicates]"
//                                       the summary (not with --quiet); K
//                                       counts the reports of this run that
//                                       are folded, F those in the index, D
//                                       reports and duplicates removed, A
//                                       duplicates that took a report's place
//   "interrupted: committed N reports"  after SIGINT or SIGTERM (always)
//   "removed N reports; index P holds D reports[ and F duplicates]"
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
// and line breaks inside fields made spaces, then on `err`, if the index
// holds folded duplicates (not listed), "N duplicates not listed (each has
// the text of a listed report)"; exit code 0 (an empty index too).
// --stats prints, one "key: value" per line: index, schema, analyzer,
// reports, duplicates (folded), size (on disk, MB), dates ("FIRST to LAST"
// or "none"), then "language L: N" and "source S: N" lines sorted by name
// ("(none)" for no source).
// --remove takes ids, else paths (FileReportId) of files or folders whose
// reports and folded duplicates go; a removed report's first duplicate
// takes its place ("ID: indexed in place of ID, same text").
int RunIndexer(const IndexerOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_INDEXER_H_
