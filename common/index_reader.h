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
  Report report;          // stored fields
};

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount matches_estimated = 0;
  Xapian::doccount matches_lower_bound = 0;
  Xapian::doccount matches_upper_bound = 0;
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

  // Ranks by BM25 and returns hits [offset, offset + limit). Retries once
  // from a reopened database if a writer changed it underneath.
  SearchResult Search(const Xapian::Query& query, unsigned offset,
                      unsigned limit);

  Xapian::doccount DocCount() const { return db_.get_doccount(); }
  const Xapian::Database& database() const { return db_; }

 private:
  SearchResult SearchOnce(const Xapian::Query& query, unsigned offset,
                          unsigned limit);

  std::string path_;
  Xapian::Database db_;
};

// Checks the metadata of an opened index; throws IndexError as above.
// An empty database with no metadata is accepted when `allow_new` is true.
void CheckIndexMetadata(const Xapian::Database& db, const std::string& path,
                        bool allow_new);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_INDEX_READER_H_
