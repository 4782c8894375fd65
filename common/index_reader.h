// The read side of an index: opens it, checks it is ours and compatible, and
// runs ranked searches.
#ifndef SOUSUO_COMMON_INDEX_READER_H_
#define SOUSUO_COMMON_INDEX_READER_H_

#include <functional>
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
  Report report;          // stored fields; of a long body only its head
                          // (Report::body_layout; ReadFullReport for all)
  // A partial match (searcher.h): it holds some of the query's words, not
  // all; `missing` names those it lacks, as typed (function words only
  // when it lacks no other word: searcher.h).
  bool partial = false;
  std::vector<std::string> missing;
};

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount matches_estimated = 0;
  Xapian::doccount matches_lower_bound = 0;
  Xapian::doccount matches_upper_bound = 0;
};

// A document and its weight for a query.
struct Scored {
  Xapian::docid docid = 0;
  double weight = 0;
};

// How Rank orders the matches.
enum class SortOrder {
  kRelevance,    // best first; ties by docid
  kOldestFirst,  // by date, then best first; reports without a date last
  kNewestFirst,  // by date, newest first, then best first; undated last
};

struct RankSpec {
  unsigned offset = 0;
  unsigned limit = 10;
  // Xapian's check_at_least: the match counts are exact when at most this
  // many documents match (at least offset + limit is used).
  Xapian::doccount check_at_least = 0;
  SortOrder sort = SortOrder::kRelevance;
  // Every match weighs 0 (Xapian::BoolWeight): for counting and for asking
  // whether anything matches, which then need not weigh every candidate.
  bool unweighted = false;
};

// Matches [offset, offset + limit) of one query, and the match counts.
struct Ranking {
  std::vector<Scored> items;
  Xapian::doccount estimated = 0;
  Xapian::doccount lower_bound = 0;
  Xapian::doccount upper_bound = 0;
  bool exact() const { return lower_bound == upper_bound; }
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

  // Every method below retries from a reopened database if a writer
  // changed it underneath, and throws IndexError for anything else.

  // Ranks the matches of `query` by BM25 (or as `spec.sort` says).
  Ranking Rank(const Xapian::Query& query, const RankSpec& spec);

  // Adds to each of `*items` the weight each of `features` gives it, one
  // feature at a time, then sorts them best first (ties by docid). The
  // features are evaluated on those documents only, so costly ones
  // (phrases of common characters) cost little.
  void AddFeatures(const std::vector<Xapian::Query>& features, std::vector<Scored>* items);

  // The documents of `docids` that match `query`, in docid order.
  std::vector<Xapian::docid> Matching(const Xapian::Query& query,
                                      std::vector<Xapian::docid> docids);

  // The stored report of document `docid`.
  Report Load(Xapian::docid docid);

  // The number of documents holding `term`.
  Xapian::doccount TermFrequency(const std::string& term);

  // Runs `read` on the database (to cut a snippet from a stored report,
  // say), again from a reopened database if a writer discarded the revision
  // it read.
  void Read(const std::function<void(const Xapian::Database&)>& read);

  // Rank (relevance, check_at_least 100) with the hits' reports loaded.
  SearchResult Search(const Xapian::Query& query, unsigned offset, unsigned limit);

  Xapian::doccount DocCount() const { return db_.get_doccount(); }
  const Xapian::Database& database() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  // Runs `work`, reopening the database and retrying when a writer
  // discarded the revision it read.
  template <typename Work>
  auto Retry(const char* what, Work work) -> decltype(work());

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
