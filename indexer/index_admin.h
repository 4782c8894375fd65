// The commands of sousuo-index that read or edit an existing index instead
// of indexing inputs: --list, --stats and --remove (see indexer.h for their
// output). Each returns the exit code and throws common/'s and Xapian's
// errors, which RunIndexer catches.
#ifndef SOUSUO_INDEXER_INDEX_ADMIN_H_
#define SOUSUO_INDEXER_INDEX_ADMIN_H_

#include <iosfwd>
#include <string>

#include "indexer/indexer_options.h"

namespace sousuo {

// --list: "ID<TAB>TITLE<TAB>DATE" per report of the last commit at `path`,
// sorted by id, on `out`; then, if the index holds folded duplicates, one
// line on `err`: "N duplicates not listed (each has the text of a listed
// report)". Returns 0.
int ListIndex(const std::string& path, std::ostream& out, std::ostream& err);

// --stats: "key: value" lines about the index at `path`. Returns 0.
int PrintStats(const std::string& path, std::ostream& out);

// --remove: each of `options.remove` is an id, else a file or directory
// whose reports go; one commit at the end. Returns 1 when an argument
// matched nothing (with a message on `err`), else 0.
int RemoveReports(const IndexerOptions& options, const std::string& path, std::ostream& err);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_INDEX_ADMIN_H_
