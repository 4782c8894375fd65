// Parallel building of new reports: worker threads, each with its own
// Analyzer and its own temporary Xapian database (a shard), so that analysis
// and Xapian's write path run on every core. IndexWriter merges the shards
// into the index with Xapian's compaction (IndexWriter::Commit).
//
// Why shards: a Xapian WritableDatabase takes one writer, and its write path
// (inverting postings, encoding positions, B-tree updates) is most of the
// cost of indexing (bench/README.md, "Profile"); analysis alone on a second
// thread would leave it serial. Compaction merges shards about as fast as it
// copies them (under a second for 60 MB), renumbering their documents after
// the index's own.
#ifndef SOUSUO_COMMON_SHARD_WRITER_H_
#define SOUSUO_COMMON_SHARD_WRITER_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/document.h"

namespace sousuo {

class ShardWriter {
 public:
  // Shard k lives in the directory `base` + ".shard-" + k, created on
  // demand and removed by Discard() and the destructor. `shard_batch` is
  // the number of reports a shard takes between its commits.
  // REQUIRES: threads >= 1.
  ShardWriter(const std::string& base, unsigned threads, size_t shard_batch);
  ~ShardWriter();  // stops the threads and removes the shards

  ShardWriter(const ShardWriter&) = delete;
  ShardWriter& operator=(const ShardWriter&) = delete;

  // Queues `report` for a worker; blocks while that worker's queue is full.
  // A report whose id was added since the last Discard() replaces it, in the
  // same shard, and Add returns true. Throws IndexError if a worker failed.
  // REQUIRES: report.id is not empty; all strings valid UTF-8.
  bool Add(Report report);

  // Reports added since the last Discard(), counting each id once.
  size_t size() const { return shard_of_id_.size(); }

  // Waits until every queued report is written and committed, closes the
  // shards and returns the directories of the non-empty ones. Throws
  // IndexError if a worker failed (the message names the shard's error).
  std::vector<std::string> Finish();

  // Removes the shards (after they were merged, or to give up) and forgets
  // their ids. Workers keep running and start new shards on the next Add().
  // REQUIRES: Finish() was called since the last Add().
  void Discard();

  // Removes shard directories a killed run may have left beside `base`.
  static void RemoveLeftovers(const std::string& base);

 private:
  struct Item {
    enum class Kind { kAdd, kReplace, kFinish, kStop } kind;
    Report report;
  };
  struct Worker {
    std::string path;
    std::deque<Item> queue;
    std::condition_variable ready;  // queue has an item (worker waits)
    std::condition_variable room;   // queue has room (Add waits)
    bool finished = false;          // answered the last kFinish
    bool has_shard = false;         // its directory holds a database
    std::string error;              // first failure; the worker then idles
    std::thread thread;
  };

  void Push(Worker& worker, Item item);
  void Work(Worker& worker);
  void ThrowIfFailed();

  const size_t shard_batch_;
  std::mutex mu_;
  std::condition_variable done_;  // a worker answered kFinish
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unordered_map<std::string, unsigned> shard_of_id_;  // id -> worker
  unsigned next_ = 0;                                      // round robin
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_SHARD_WRITER_H_
