// The write side of an index: a Xapian WritableDatabase that knows our schema.
#ifndef SOUSUO_COMMON_INDEX_WRITER_H_
#define SOUSUO_COMMON_INDEX_WRITER_H_

#include <cstdint>
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

  // Reports the index held when it was opened (0 for a new index).
  Xapian::doccount initial_doc_count() const { return initial_doc_count_; }

  struct CompactionSizes {
    uint64_t before = 0;  // bytes on disk
    uint64_t after = 0;
  };
  // Commits, then rewrites the index with Xapian's compaction (a fresh index
  // is about half the size of one grown by updates) into a directory beside
  // it and swaps the two atomically (renameat2 RENAME_EXCHANGE), so the path
  // always holds a complete index, even after a crash. Readers that have the
  // old files open keep reading them. Throws IndexError; the index is then
  // left as it was after the commit.
  CompactionSizes Compact();

  const std::string& path() const { return path_; }

 private:
  void Open();

  std::string path_;
  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
  Xapian::doccount initial_doc_count_ = 0;
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_INDEX_WRITER_H_
