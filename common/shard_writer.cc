#include "common/shard_writer.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/schema.h"

namespace sousuo {

namespace {

namespace fs = std::filesystem;

// Reports waiting per worker: enough to ride out an uneven report, few
// enough that memory stays small (a report is at most 64 MiB of input).
constexpr size_t kQueueCapacity = 64;

constexpr char kShardSuffix[] = ".shard-";

}  // namespace

ShardWriter::ShardWriter(const std::string& base, unsigned threads, size_t shard_batch)
    : shard_batch_(shard_batch) {
  for (unsigned k = 0; k < threads; ++k) {
    auto worker = std::make_unique<Worker>();
    worker->path = base + kShardSuffix + std::to_string(k);
    workers_.push_back(std::move(worker));
  }
  for (auto& worker : workers_) {
    Worker* w = worker.get();
    w->thread = std::thread([this, w] { Work(*w); });
  }
}

ShardWriter::~ShardWriter() {
  for (auto& worker : workers_) Push(*worker, Item{Item::Kind::kStop, {}});
  for (auto& worker : workers_) worker->thread.join();
  std::error_code ec;
  for (auto& worker : workers_) fs::remove_all(worker->path, ec);
}

void ShardWriter::RemoveLeftovers(const std::string& base) {
  const fs::path parent = fs::path(base).parent_path();
  const std::string prefix = fs::path(base).filename().string() + kShardSuffix;
  std::error_code ec;
  for (fs::directory_iterator it(parent.empty() ? "." : parent, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().filename().string().rfind(prefix, 0) == 0) {
      std::error_code ignored;
      fs::remove_all(it->path(), ignored);
    }
  }
}

void ShardWriter::Push(Worker& worker, Item item) {
  std::unique_lock<std::mutex> lock(mu_);
  worker.room.wait(lock, [&] { return worker.queue.size() < kQueueCapacity; });
  worker.queue.push_back(std::move(item));
  worker.ready.notify_one();
}

void ShardWriter::ThrowIfFailed() {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& worker : workers_) {
    if (!worker->error.empty()) throw IndexError(worker->error);
  }
}

bool ShardWriter::Add(Report report) {
  ThrowIfFailed();
  const auto [it, fresh] =
      shard_of_id_.emplace(report.id, static_cast<unsigned>(next_ % workers_.size()));
  if (fresh) ++next_;
  Push(*workers_[it->second],
       Item{fresh ? Item::Kind::kAdd : Item::Kind::kReplace, std::move(report)});
  return !fresh;
}

std::vector<std::string> ShardWriter::Finish() {
  for (auto& worker : workers_) Push(*worker, Item{Item::Kind::kFinish, {}});
  std::vector<std::string> shards;
  std::unique_lock<std::mutex> lock(mu_);
  for (auto& worker : workers_) {
    done_.wait(lock, [&] { return worker->finished; });
    worker->finished = false;
    if (!worker->error.empty()) throw IndexError(worker->error);
    if (worker->has_shard) shards.push_back(worker->path);
  }
  return shards;
}

void ShardWriter::Discard() {
  std::lock_guard<std::mutex> lock(mu_);
  std::error_code ec;
  for (auto& worker : workers_) {
    fs::remove_all(worker->path, ec);
    worker->has_shard = false;
  }
  shard_of_id_.clear();
}

void ShardWriter::Work(Worker& worker) {
  Analyzer analyzer;
  Xapian::WritableDatabase db;
  bool open = false;
  size_t since_commit = 0;
  // The first error stops the worker's writing; it keeps draining its queue
  // so that Add and Finish never wait for it in vain.
  auto fail = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(mu_);
    if (worker.error.empty()) worker.error = "shard '" + worker.path + "': " + what;
  };
  for (;;) {
    Item item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      worker.ready.wait(lock, [&] { return !worker.queue.empty(); });
      item = std::move(worker.queue.front());
      worker.queue.pop_front();
      worker.room.notify_one();
    }
    bool failed;
    {
      std::lock_guard<std::mutex> lock(mu_);
      failed = !worker.error.empty();
    }
    if (item.kind == Item::Kind::kStop) return;  // uncommitted work goes with the shard
    if (item.kind == Item::Kind::kFinish) {
      if (open && !failed) {
        try {
          db.commit();
        } catch (const Xapian::Error& e) {
          fail(e.get_description());
        }
      }
      db = Xapian::WritableDatabase();  // closes the shard, releasing its lock
      open = false;
      since_commit = 0;
      {
        std::lock_guard<std::mutex> lock(mu_);
        worker.finished = true;
      }
      done_.notify_all();
      continue;
    }
    if (failed) continue;
    try {
      if (!open) {
        // A shard only lives until it is merged, and a crash discards it, so
        // syncing it to disk would be wasted time.
        db = Xapian::WritableDatabase(
            worker.path,
            Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
        open = true;
        std::lock_guard<std::mutex> lock(mu_);
        worker.has_shard = true;
      }
      Xapian::Document doc = BuildDocument(analyzer, item.report);
      if (item.kind == Item::Kind::kReplace) {
        db.replace_document(IdTerm(item.report.id), doc);
      } else {
        db.add_document(doc);
      }
      if (++since_commit >= shard_batch_) {
        db.commit();
        since_commit = 0;
      }
    } catch (const Xapian::Error& e) {
      fail(e.get_description());
    } catch (const std::exception& e) {
      fail(e.what());
    }
  }
}

}  // namespace sousuo
