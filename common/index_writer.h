// The write side of an index: a Xapian WritableDatabase that knows our schema.
#ifndef SOUSUO_COMMON_INDEX_WRITER_H_
#define SOUSUO_COMMON_INDEX_WRITER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
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
  //   "index 'PATH' was built with schema 2; ...: rebuild it with rm -r PATH &&
  //    sousuo-index --index PATH INPUT..." (see IndexReader)
  //   "index 'PATH' was built with schema N and analyzer '...'; this program
  //    uses ...: rebuild it into a new index"
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
    enum class Kind {
      kAdded,
      kUpdated,
      kUnchanged,
      kFolded,  // another document holds the same text: recorded as its
                // duplicate (duplicates.h), no document of its own
    };
    Kind kind = Kind::kAdded;
    Xapian::docid docid = 0;  // 0 when folded, or built in a shard
    // kFolded: true if the report was not a duplicate of this text before
    // (new, or its text changed); then `original_id` and `original_path`
    // name the report holding the text.
    bool newly_folded = false;
    std::string original_id;
    std::string original_path;
  };
  // Adds `report`, replacing any report with the same id. With
  // `skip_unchanged`, a stored report with the same id, ContentHash and path
  // is left as it is, without analysing `report` (kUnchanged). With
  // fold_duplicates (below), a report whose ContentHash another document
  // holds is folded into it (kFolded; a folded duplicate that still has
  // that text stays folded, its path brought up to date); a stored report
  // folded so loses its document. Whenever a document that duplicates were
  // folded into is replaced by another text or deleted, by Put, RemoveId or
  // Remove, the first duplicate (by DuplicateKey of its id) takes its place
  // (see TakePromotions), whether or not fold_duplicates is set. In bulk
  // mode a report that goes to a shard has docid 0 (it gets its number when
  // merged); a report already in a shard is replaced there, unless it is to
  // be folded or duplicates were folded into its old text, which need its
  // document: then the shards are merged first (a repeated id, so rare).
  // REQUIRES: report.id is not empty; all strings valid UTF-8.
  PutResult Put(const Report& report, bool skip_unchanged = false);

  // Whether Put folds duplicates (sousuo-index does; off by default, so
  // that programs building test or benchmark indexes get what they put).
  void set_fold_duplicates(bool fold) { fold_duplicates_ = fold; }

  // A folded duplicate that took the place of the document it was folded
  // into, when that was deleted or given another text.
  struct Promotion {
    std::string id, path;                    // the duplicate, now a report
    std::string replaced_id, replaced_path;  // the report whose place it took
    Xapian::docid docid = 0;                 // the duplicate's new document
  };
  // The promotions since the last call, in order.
  std::vector<Promotion> TakePromotions();

  enum class Removed { kNothing, kReport, kDuplicate };
  // Deletes the report or the folded duplicate with `id`.
  Removed RemoveId(const std::string& id);

  // A stored report's document, or a folded duplicate, and its file.
  struct FileEntry {
    Xapian::docid docid = 0;  // 0: a folded duplicate
    std::string id;           // a folded duplicate's id ("" for a document)
    std::string file;         // the kSlotFile value, or the duplicate's path
  };
  // The reports whose file is `path` or lies under the directory `path`,
  // counting uncommitted changes but not reports in shards: the folded
  // duplicates first (in key order), then the documents in file order.
  // REQUIRES: `path` is absolute and lexically normal, with no trailing '/'
  // (but "/" itself).
  std::vector<FileEntry> FilesUnder(const std::string& path);
  // Deletes what `entry` (from FilesUnder) names. Throws IndexError.
  Removed Remove(const FileEntry& entry);

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
  // Folded duplicates recorded in the index, counting uncommitted ones.
  size_t DuplicateCount() const;

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
  // The database written to, uncommitted changes included (tests look at
  // it). Replaced when a compaction or merge swaps in a new one.
  const Xapian::WritableDatabase& database() const { return db_; }

 private:
  void Open();
  // Merges the shards into the index: compaction of the index and the
  // shards into a new directory, swapped in like Compact() does.
  void Merge();
  // Replaces the index directory with `fresh` atomically and reopens it.
  void SwapIn(const std::string& fresh);
  // The report holding `hash` (in a shard or the index) other than report
  // `id` (document `own`, 0 if none), if any: its id and path.
  std::optional<std::pair<std::string, std::string>> HolderOf(const std::string& hash,
                                                               const std::string& id,
                                                               Xapian::docid own);
  // Records `report` as a duplicate of the holder of `hash`.
  void Fold(const Report& report, const std::string& hash,
            const std::pair<std::string, std::string>& holder, PutResult* result);
  // Before document `docid`, holding `hash`, is deleted or given another
  // text: the first duplicate folded into it gets a copy of it.
  void Promote(Xapian::docid docid, const std::string& hash);
  // Deletes document `docid` (the first duplicate takes its place).
  void RemoveDocument(Xapian::docid docid);

  std::string path_;
  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
  Xapian::doccount initial_doc_count_ = 0;
  bool wait_for_lock_ = false;
  bool compacted_ = false;
  CompactionSizes last_compaction_;
  size_t merge_min_ = 0;
  std::unique_ptr<ShardWriter> shards_;  // bulk mode
  // Reports in the shards since the last merge: hash -> (id, path), and
  // id -> hash.
  std::unordered_map<std::string, std::pair<std::string, std::string>> shard_holders_;
  std::unordered_map<std::string, std::string> shard_hashes_;
  bool fold_duplicates_ = false;
  std::vector<Promotion> promotions_;
};

// Bytes of the regular files under `path` (0 if it cannot be read).
uint64_t IndexSizeOnDisk(const std::string& path);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_INDEX_WRITER_H_
