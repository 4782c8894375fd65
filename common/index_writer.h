// The write side of an index: a Xapian WritableDatabase that knows our schema.
#ifndef SOUSUO_COMMON_INDEX_WRITER_H_
#define SOUSUO_COMMON_INDEX_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/document.h"
#include "common/shard_writer.h"

namespace sousuo {

// Adds, replaces and removes reports. One writer per index at a time (Xapian's lock).
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
  // With `wait_for_lock`, waits for another writer to finish instead of
  // failing with "locked by another writer" (Xapian's DB_RETRY_LOCK).
  //
  // With `threads` > 1 and an index that holds no reports yet, the writer
  // builds in parallel (bulk mode): new reports go to `threads` shards
  // (ShardWriter) that Commit() merges into the index. Checkpoint() merges
  // only when the shards hold at least as many reports as the index (and
  // `merge_min`), so a long first build keeps what it has done at a cost
  // proportional to its size; reports in shards are not visible to readers,
  // nor kept by a crash, before they are merged.
  explicit IndexWriter(const std::string& path, bool wait_for_lock = false,
                       unsigned threads = 1, size_t merge_min = 2000);
  ~IndexWriter();  // Does not commit: call Commit() to keep work.

  // What Put did, and the document it left holding the report.
  struct PutResult {
    enum class Kind { kAdded, kUpdated, kUnchanged };
    Kind kind = Kind::kAdded;
    Xapian::docid docid = 0;
  };
  // Adds `report`, replacing any report with the same id. With
  // `skip_unchanged`, a stored report with the same id, ContentHash and file
  // is left as it is, without analysing `report` (kUnchanged); its recorded
  // root stays the one it was written with. In bulk mode a report that goes
  // to a shard has docid 0 (it gets its number when merged).
  // REQUIRES: report.id is not empty; all strings valid UTF-8.
  PutResult Put(const Report& report, bool skip_unchanged = false);

  // Deletes the report with `id`; returns false if there is none.
  bool RemoveId(const std::string& id);
  // Deletes document `docid` (from FilesUnder). Throws IndexError.
  void Remove(Xapian::docid docid);

  // A stored report's document and the file it came from.
  struct FileDoc {
    Xapian::docid docid = 0;
    std::string file;  // the kSlotFile value
  };
  // The documents whose file is `path` or lies under the directory `path`,
  // counting uncommitted changes but not reports in shards, in file order.
  // REQUIRES: `path` is absolute and lexically normal, with no trailing '/'.
  std::vector<FileDoc> FilesUnder(const std::string& path);

  // Makes everything Put so far durable and visible (in bulk mode: merges
  // the shards). Throws IndexError.
  void Commit();
  // Commit() outside bulk mode; in bulk mode, Commit() when it is due (see
  // the constructor). Call it after every batch of reports.
  void Checkpoint();

  // True while new reports go to shards.
  bool bulk() const { return shards_ != nullptr; }
  // True when the index was rewritten by compaction (Compact or a merge of
  // shards) and nothing was written since.
  bool compacted() const { return compacted_; }

  // Reports in the index, counting uncommitted ones.
  Xapian::doccount DocCount() const;

  // Reports the index held when it was opened (0 for a new index).
  Xapian::doccount initial_doc_count() const { return initial_doc_count_; }

  struct CompactionSizes {
    uint64_t before = 0;  // bytes on disk (of the index and any shards)
    uint64_t after = 0;
  };
  // The sizes of the last rewrite: Compact() or a merge of shards.
  const CompactionSizes& last_compaction() const { return last_compaction_; }
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
  // Merges the shards into the index: compaction of the index and the
  // shards into a new directory, swapped in like Compact() does.
  void Merge();
  // Replaces the index directory with `fresh` atomically and reopens it.
  void SwapIn(const std::string& fresh);

  std::string path_;
  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
  Xapian::doccount initial_doc_count_ = 0;
  bool wait_for_lock_ = false;
  bool compacted_ = false;
  CompactionSizes last_compaction_;
  size_t merge_min_ = 0;
  std::unique_ptr<ShardWriter> shards_;  // bulk mode
};

// Bytes of the regular files under `path` (0 if it cannot be read).
uint64_t IndexSizeOnDisk(const std::string& path);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_INDEX_WRITER_H_
