// The read side of an index: opens it, checks it is ours and compatible, and
// runs ranked searches.
#ifndef SOUSUO_COMMON_INDEX_READER_H_
#define SOUSUO_COMMON_INDEX_READER_H_

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
  //   "index 'PATH' was built with analyzer '...'; this program uses '...': rebuild it into a new index"
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

// Checks the metadata of an opened index; throws IndexError as above.
// An empty database with no metadata is accepted when `allow_new` is true.
void CheckIndexMetadata(const Xapian::Database& db, const std::string& path,
                        bool allow_new);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_INDEX_READER_H_
