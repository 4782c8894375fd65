#include "common/index_writer.h"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "common/duplicates.h"
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
  if (db_.get_doccount() == 0) {  // new, or empty (of any schema CheckIndexMetadata allows)
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
  shard_holders_.clear();
  shard_hashes_.clear();
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
    const std::string hash = ContentHash(report);
    const std::string id_term = IdTerm(report.id);
    if (std::optional<Duplicate> dup = FindDuplicate(db_, report.id)) {
      if (dup->hash == hash) {  // still a duplicate of the same text
        if (dup->path != report.path) {
          dup->path = report.path;
          WriteDuplicate(&db_, *dup);
          compacted_ = false;
        }
        result.kind = PutResult::Kind::kFolded;
        return result;
      }
      DeleteDuplicate(&db_, *dup);  // another text now: a report of its own
      compacted_ = false;
    }
    // Another report holding `hash`, looked up only when it matters (after
    // the unchanged check, which must stay cheap).
    const auto holder = [&](Xapian::docid own) {
      return fold_duplicates_ ? HolderOf(hash, report.id, own) : std::nullopt;
    };
    if (shards_) {
      const auto in_shard = shard_hashes_.find(report.id);
      if (in_shard != shard_hashes_.end()) {
        // Replaced in its shard, unless it is to be folded or duplicates are
        // folded into its old text: both need its document, so merge first.
        if (!holder(0) &&
            (in_shard->second == hash || DuplicatesOf(db_, in_shard->second).empty())) {
          const auto old = shard_holders_.find(in_shard->second);
          if (old != shard_holders_.end() && old->second.first == report.id) {
            shard_holders_.erase(old);
          }
          in_shard->second = hash;
          shard_holders_[hash] = {report.id, report.path};
          shards_->Add(report);
          result.kind = PutResult::Kind::kUpdated;
          return result;
        }
        Merge();
      } else if (db_.get_doccount() == 0 || db_.get_termfreq(id_term) == 0) {
        if (const auto other = holder(0)) {
          Fold(report, hash, *other, &result);
          return result;
        }
        // New to the index: built in a shard.
        shard_hashes_[report.id] = hash;
        shard_holders_[hash] = {report.id, report.path};
        result.kind = shards_->Add(report) ? PutResult::Kind::kUpdated : PutResult::Kind::kAdded;
        return result;
      }
    }
    Xapian::PostingIterator it = db_.postlist_begin(id_term);
    if (it != db_.postlist_end(id_term)) {
      result.kind = PutResult::Kind::kUpdated;
      result.docid = *it;
      const Xapian::Document stored = db_.get_document(*it);
      const std::string stored_hash = stored.get_value(kSlotHash);
      if (skip_unchanged && stored_hash == hash && stored.get_value(kSlotFile) == report.path) {
        result.kind = PutResult::Kind::kUnchanged;
        return result;
      }
      if (stored_hash != hash) {
        if (const auto other = holder(result.docid)) {  // folded into it now
          RemoveDocument(result.docid);
          result.docid = 0;
          Fold(report, hash, *other, &result);
          return result;
        }
        Promote(result.docid, stored_hash);
      }
    } else if (const auto other = holder(0)) {
      Fold(report, hash, *other, &result);
      return result;
    }
    compacted_ = false;
    result.docid = db_.replace_document(id_term, BuildDocument(analyzer_, report));
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': adding '" + report.id +
                     "': " + e.get_description());
  }
  return result;
}

std::optional<std::pair<std::string, std::string>> IndexWriter::HolderOf(
    const std::string& hash, const std::string& id, Xapian::docid own) {
  if (const auto it = shard_holders_.find(hash); it != shard_holders_.end()) {
    if (it->second.first != id) return it->second;
  }
  const std::string term = HashTerm(hash);
  for (Xapian::PostingIterator it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
    if (*it == own) continue;
    const Report stored = ParseReport(db_.get_document(*it).get_data());
    return std::make_pair(stored.id, stored.path);
  }
  return std::nullopt;
}

void IndexWriter::Fold(const Report& report, const std::string& hash,
                       const std::pair<std::string, std::string>& holder, PutResult* result) {
  WriteDuplicate(&db_, Duplicate{report.id, report.path, hash});
  compacted_ = false;
  result->kind = PutResult::Kind::kFolded;
  result->newly_folded = true;
  result->original_id = holder.first;
  result->original_path = holder.second;
}

void IndexWriter::Promote(Xapian::docid docid, const std::string& hash) {
  const std::vector<Duplicate> dups = DuplicatesOf(db_, hash);
  if (dups.empty()) return;
  const Duplicate& heir = dups.front();
  // Same text, so the document is the heir's but for its id and path.
  Xapian::Document doc = db_.get_document(docid);
  Report stored = ParseReport(doc.get_data());
  doc.remove_term(IdTerm(stored.id));
  doc.add_boolean_term(IdTerm(heir.id));
  if (!stored.path.empty()) doc.remove_term(FileTerm(stored.path));
  if (heir.path.empty()) {
    if (!stored.path.empty()) doc.remove_value(kSlotFile);
  } else {
    doc.add_boolean_term(FileTerm(heir.path));
    doc.add_value(kSlotFile, heir.path);
  }
  Promotion promotion{heir.id, heir.path, stored.id, stored.path};
  stored.id = heir.id;
  stored.path = heir.path;
  doc.set_data(SerializeReport(stored));
  DeleteDuplicate(&db_, heir);
  compacted_ = false;
  promotion.docid = db_.add_document(doc);  // before `docid` changes: `doc` reads it
  promotions_.push_back(std::move(promotion));
}

void IndexWriter::RemoveDocument(Xapian::docid docid) {
  Promote(docid, db_.get_document(docid).get_value(kSlotHash));
  compacted_ = false;
  db_.delete_document(docid);
}

std::vector<IndexWriter::Promotion> IndexWriter::TakePromotions() {
  return std::exchange(promotions_, {});
}

IndexWriter::Removed IndexWriter::RemoveId(const std::string& id) {
  try {
    if (std::optional<Duplicate> dup = FindDuplicate(db_, id)) {
      DeleteDuplicate(&db_, *dup);
      compacted_ = false;
      return Removed::kDuplicate;
    }
    if (shards_ && shard_hashes_.count(id) > 0) Merge();
    const std::string term = IdTerm(id);
    Xapian::PostingIterator it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return Removed::kNothing;
    RemoveDocument(*it);
    return Removed::kReport;
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': removing '" + id + "': " + e.get_description());
  }
}

IndexWriter::Removed IndexWriter::Remove(const FileEntry& entry) {
  if (entry.docid == 0) return RemoveId(entry.id);
  try {
    RemoveDocument(entry.docid);
    return Removed::kReport;
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': removing document " + std::to_string(entry.docid) +
                     ": " + e.get_description());
  }
}

std::vector<IndexWriter::FileEntry> IndexWriter::FilesUnder(const std::string& path) {
  std::vector<FileEntry> entries;
  const std::string dir = path == "/" ? path : path + "/";
  const auto under = [&](const std::string& file) {
    return file == path || file.compare(0, dir.size(), dir) == 0;
  };
  try {
    for (Duplicate& dup : AllDuplicates(db_)) {
      if (!dup.path.empty() && under(dup.path)) {
        entries.push_back(FileEntry{0, std::move(dup.id), std::move(dup.path)});
      }
    }
    // Long file terms keep only their first 180 bytes (FileTerm), so match on
    // a shorter prefix and check the stored path itself.
    const std::string prefix = std::string(kPrefixFile) + path.substr(0, 160);
    for (auto term = db_.allterms_begin(prefix); term != db_.allterms_end(prefix); ++term) {
      for (auto it = db_.postlist_begin(*term); it != db_.postlist_end(*term); ++it) {
        std::string file = db_.get_document(*it).get_value(kSlotFile);
        if (under(file)) entries.push_back(FileEntry{*it, "", std::move(file)});
      }
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': listing '" + path + "': " + e.get_description());
  }
  return entries;
}

size_t IndexWriter::DuplicateCount() const { return CountDuplicates(db_); }

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
