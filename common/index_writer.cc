#include "common/index_writer.h"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/error.h"
#include "common/index_reader.h"
#include "common/schema.h"

namespace sousuo {

namespace {

namespace fs = std::filesystem;

// True if `path` holds nothing but files a glass database is made of: an
// empty directory, or one where a writer was killed while creating the
// database, before it wrote "iamglass".
bool OnlyGlassFiles(const std::string& path) {
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const fs::path extension = it->path().extension();
    if (name != "flintlock" && extension != ".glass" && extension != ".tmp") return false;
  }
  return !ec;
}

// Refuses to turn a directory of someone's files into an index: a non-empty
// directory is only opened if it already holds a Xapian database.
void CheckTarget(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) {
      throw IndexError("index '" + path + "': cannot create " + parent.string() +
                       ": " + ec.message());
    }
    return;
  }
  if (!fs::is_directory(path, ec)) {
    throw IndexError("index '" + path + "' is not a directory");
  }
  const bool xapian = fs::exists(fs::path(path) / "iamglass", ec) ||
                      fs::exists(fs::path(path) / "iamchert", ec);
  if (xapian)
    return;
  if (!OnlyGlassFiles(path)) {
    throw IndexError("index '" + path +
                     "' is not a sousuo index (the directory holds other files)");
  }
  // Glass files without "iamglass": a writer died creating the database,
  // before its first commit, so they hold nothing. Xapian cannot open them.
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    fs::remove(it->path(), ec);
  }
}

}  // namespace

uint64_t IndexSizeOnDisk(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

IndexWriter::IndexWriter(const std::string& path, bool wait_for_lock, unsigned threads,
                         size_t merge_min)
    : path_(path), wait_for_lock_(wait_for_lock), merge_min_(merge_min) {
  CheckTarget(path);
  Open();
  initial_doc_count_ = db_.get_doccount();
  ShardWriter::RemoveLeftovers(path_);  // safe: we hold the index's lock
  if (threads > 1 && initial_doc_count_ == 0) {
    // Each shard commits as often as a serial writer would commit the whole.
    shards_ = std::make_unique<ShardWriter>(path_, threads,
                                            std::max<size_t>(merge_min / threads, 1));
    Commit();  // readers see an empty index, not a half-made one, until a merge
  }
}

void IndexWriter::Open() {
  try {
    db_ = Xapian::WritableDatabase(
        path_, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS |
                   (wait_for_lock_ ? Xapian::DB_RETRY_LOCK : 0));
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError("index '" + path_ + "' is locked by another writer");
  } catch (const Xapian::Error& e) {
    throw IndexError("opening index '" + path_ + "': " + e.get_description());
  }
  CheckIndexMetadata(db_, path_, /*allow_new=*/true);
  if (db_.get_metadata(kMetaAnalyzer).empty()) {
    db_.set_metadata(kMetaSchema, std::to_string(kSchemaVersion));
    db_.set_metadata(kMetaAnalyzer, Analyzer::Signature());
  }
}

IndexWriter::CompactionSizes IndexWriter::Compact() {
  Commit();
  CompactionSizes sizes;
  sizes.before = IndexSizeOnDisk(path_);
  const std::string fresh = path_ + ".compacting";
  std::error_code ec;
  fs::remove_all(fresh, ec);  // left over from a crash during compaction
  try {
    db_.compact(fresh, Xapian::DBCOMPACT_NO_RENUMBER);
  } catch (const Xapian::Error& e) {
    fs::remove_all(fresh, ec);
    throw IndexError("index '" + path_ + "': compaction failed: " + e.get_description());
  }
  SwapIn(fresh);
  compacted_ = true;
  sizes.after = IndexSizeOnDisk(path_);
  last_compaction_ = sizes;
  return sizes;
}

void IndexWriter::Merge() {
  try {
    db_.commit();
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': commit failed: " + e.get_description());
  }
  const std::vector<std::string> shards = shards_->Finish();
  CompactionSizes sizes;
  sizes.before = IndexSizeOnDisk(path_);
  for (const std::string& shard : shards) sizes.before += IndexSizeOnDisk(shard);
  const std::string fresh = path_ + ".merging";
  std::error_code ec;
  fs::remove_all(fresh, ec);  // left over from a crash during a merge
  try {
    // The index first: its metadata (schema, analyzer) and its documents
    // keep their numbers; each shard's follow in turn.
    Xapian::Database all(path_);
    for (const std::string& shard : shards) all.add_database(Xapian::Database(shard));
    all.compact(fresh);
  } catch (const Xapian::Error& e) {
    fs::remove_all(fresh, ec);
    throw IndexError("index '" + path_ + "': merging shards failed: " + e.get_description());
  }
  SwapIn(fresh);
  shards_->Discard();
  compacted_ = true;
  sizes.after = IndexSizeOnDisk(path_);
  last_compaction_ = sizes;
}

void IndexWriter::SwapIn(const std::string& fresh) {
  std::error_code ec;
  if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) != 0) {
    const std::string reason = std::strerror(errno);
    fs::remove_all(fresh, ec);
    throw IndexError("index '" + path_ + "': cannot swap in the rewritten index: " + reason);
  }
  db_.close();  // the old files, now under `fresh`
  fs::remove_all(fresh, ec);
  Open();
}

IndexWriter::~IndexWriter() = default;

IndexWriter::PutResult IndexWriter::Put(const Report& report, bool skip_unchanged) {
  PutResult result;
  try {
    const std::string id_term = IdTerm(report.id);
    if (shards_ && (db_.get_doccount() == 0 || db_.get_termfreq(id_term) == 0)) {
      // New to the index: built in a shard (which replaces a report added
      // there under the same id earlier in the run).
      result.kind = shards_->Add(report) ? PutResult::Kind::kUpdated : PutResult::Kind::kAdded;
      return result;
    }
    compacted_ = false;
    Xapian::PostingIterator it = db_.postlist_begin(id_term);
    if (it != db_.postlist_end(id_term)) {
      result.kind = PutResult::Kind::kUpdated;
      result.docid = *it;
      if (skip_unchanged) {
        const Xapian::Document stored = db_.get_document(*it);
        if (stored.get_value(kSlotHash) == ContentHash(report) &&
            stored.get_value(kSlotFile) == report.file) {
          result.kind = PutResult::Kind::kUnchanged;
          return result;
        }
      }
    }
    result.docid = db_.replace_document(id_term, BuildDocument(analyzer_, report));
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': adding '" + report.id +
                     "': " + e.get_description());
  }
  return result;
}

bool IndexWriter::RemoveId(const std::string& id) {
  try {
    compacted_ = false;
    const std::string term = IdTerm(id);
    if (db_.get_termfreq(term) == 0) return false;
    db_.delete_document(term);
    return true;
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': removing '" + id + "': " + e.get_description());
  }
}

void IndexWriter::Remove(Xapian::docid docid) {
  try {
    compacted_ = false;
    db_.delete_document(docid);
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': removing document " + std::to_string(docid) +
                     ": " + e.get_description());
  }
}

std::vector<IndexWriter::FileDoc> IndexWriter::FilesUnder(const std::string& path) {
  std::vector<FileDoc> docs;
  // Long file terms keep only their first 180 bytes (FileTerm), so match on
  // a shorter prefix and check the stored path itself.
  const std::string prefix = std::string(kPrefixFile) + path.substr(0, 160);
  const std::string dir = path + "/";
  try {
    for (auto term = db_.allterms_begin(prefix); term != db_.allterms_end(prefix); ++term) {
      for (auto it = db_.postlist_begin(*term); it != db_.postlist_end(*term); ++it) {
        std::string file = db_.get_document(*it).get_value(kSlotFile);
        if (file == path || file.compare(0, dir.size(), dir) == 0) {
          docs.push_back(FileDoc{*it, std::move(file)});
        }
      }
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': listing '" + path + "': " + e.get_description());
  }
  return docs;
}

void IndexWriter::Commit() {
  if (shards_ && shards_->size() > 0) {
    Merge();
    return;
  }
  try {
    db_.commit();
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': commit failed: " + e.get_description());
  }
}

void IndexWriter::Checkpoint() {
  if (!shards_) {
    Commit();
    return;
  }
  // Merging rewrites the whole index, so merge only when the shards have
  // doubled it: the total cost stays proportional to the index's size.
  if (shards_->size() >= std::max<size_t>(merge_min_, db_.get_doccount())) Merge();
}

Xapian::doccount IndexWriter::DocCount() const {
  return db_.get_doccount() + (shards_ ? shards_->size() : 0);
}

}  // namespace sousuo
