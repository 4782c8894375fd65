// The read side of an index: opens it, checks it is ours and compatible, and
// runs ranked searches.
#ifndef SOUSUO_COMMON_INDEX_READER_H_
#define SOUSUO_COMMON_INDEX_READER_H_

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/document.h"

namespace sousuo {

struct Hit {
  unsigned rank = 0;      // 1-based, counting from the first result overall
  double score = 0;       // BM25 weight
  Xapian::docid docid = 0;
  Report report;          // stored fields
};

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount matches_estimated = 0;
  Xapian::doccount matches_lower_bound = 0;
  Xapian::doccount matches_upper_bound = 0;
};

// A second ranking of a search's first results: the first `depth` reports
// the query ranks (at least the page asked for) are ranked again by the
// query's weight plus the weight each of `features` gives them, so features
// that are costly to evaluate (phrases of common characters) run on those
// reports only, not on every match.
struct Rerank {
  std::vector<Xapian::Query> features;  // none: rank once
  unsigned depth = 0;
};

// Not thread-safe.
class IndexReader {
 public:
  // Throws IndexError:
  //   "index 'PATH' does not exist (build it with sousuo-index)"
  //   "index 'PATH' is not a sousuo index"
  //   "index 'PATH' was built with schema 2; this sousuo reads schema 3, which
  //    names a file's reports by its real path: rebuild it with rm -r PATH &&
  //    sousuo-index --index PATH INPUT..." (the inputs recorded in it, those
  //    inside another left out; see CheckIndexMetadata)
  //   "index 'PATH' was built with schema N and analyzer '...'; this program uses
  //    schema 3 and analyzer '...': rebuild it into a new index"
  //   "opening index 'PATH': <Xapian's description>"
  explicit IndexReader(const std::string& path);

  // Ranks by BM25 and returns hits [offset, offset + limit), ranked again
  // as `rerank` says when it has features (the match counts are the first
  // ranking's). Retries from a reopened database if a writer changed
  // it underneath.
  SearchResult Search(const Xapian::Query& query, unsigned offset,
                      unsigned limit, const Rerank& rerank = Rerank());

  Xapian::doccount DocCount() const { return db_.get_doccount(); }
  const Xapian::Database& database() const { return db_; }

 private:
  struct Scored {
    Xapian::docid docid;
    double weight;
  };
  SearchResult SearchOnce(const Xapian::Query& query, unsigned offset,
                          unsigned limit, const Rerank& rerank);
  // Adds to each of `*ranked` the weights `features` give it and sorts it
  // best first.
  void AddFeatures(const std::vector<Xapian::Query>& features, std::vector<Scored>* ranked);

  std::string path_;
  Xapian::Database db_;
};

// A report found by what a user typed (FindReport).
struct ReportRef {
  Xapian::docid docid = 0;  // the document holding its text
  std::string id;           // its id (Report::id)
  std::string path;         // its Report::path ("" for standard input)
  bool folded = false;      // a folded duplicate: `docid` is the document of
                            // the report it was folded into, whose stored id
                            // and path differ from these (duplicates.h)
};
// The report `arg` names: a report or folded duplicate with that id, else
// with id FileReportId(arg) (a file's path however typed, relative to the
// current directory). For --show ID|PATH and the like. Throws Xapian::Error.
std::optional<ReportRef> FindReport(const Xapian::Database& db, const std::string& arg);

// Checks the metadata of an opened index; throws IndexError as above.
// An empty database with no metadata, or of an older schema, is accepted
// when `allow_new` is true (IndexWriter then writes this schema's). An
// older schema is refused rather than read or added to: its file reports
// are named by the path typed, and new ones would be named by the real path,
// so a file would be held twice. The message names the command that builds
// it afresh, the inputs listed (shell-quoted where needed) from schema 2's
// kSlotRoot values, with a reminder when some reports came from standard
// input, which no command can name.
void CheckIndexMetadata(const Xapian::Database& db, const std::string& path,
                        bool allow_new);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_INDEX_READER_H_
