// The write side of an index: a Xapian WritableDatabase that knows our schema.
#ifndef SOUSUO_COMMON_INDEX_WRITER_H_
#define SOUSUO_COMMON_INDEX_WRITER_H_

#include <memory>
#include <string>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/document.h"

namespace sousuo {

// Adds and replaces reports. One writer per index at a time (Xapian's lock).
// Nothing is visible to readers, or safe from a crash, before Commit().
// Not thread-safe.
class IndexWriter {
 public:
  // Opens the index at `path`, creating it (and missing parent directories)
  // if it does not exist. Throws IndexError with one of these messages:
  //   "index 'PATH' is locked by another writer"
  //   "index 'PATH' is not a directory"
  //   "index 'PATH' is not a sousuo index (the directory holds other files)"
  //   "index 'PATH' is not a sousuo index (it has no sousuo metadata)"
  //   "index 'PATH' was built with analyzer '...'; this program uses '...': rebuild it into a new index"
  //   "opening index 'PATH': <Xapian's description>"
  explicit IndexWriter(const std::string& path);
  ~IndexWriter();  // Does not commit: call Commit() to keep work.

  // Adds `report`, replacing any report with the same id.
  // REQUIRES: report.id is not empty; all strings valid UTF-8.
  void Put(const Report& report);

  // Makes everything Put so far durable and visible. Throws IndexError.
  void Commit();

  // Reports in the index, counting uncommitted ones.
  Xapian::doccount DocCount() const;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_INDEX_WRITER_H_
