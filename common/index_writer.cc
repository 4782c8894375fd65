#include "common/index_writer.h"

#include <filesystem>
#include <system_error>

#include "common/error.h"
#include "common/index_reader.h"
#include "common/schema.h"

namespace sousuo {

namespace {

namespace fs = std::filesystem;

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
  const bool empty = fs::is_empty(path, ec);
  const bool xapian = fs::exists(fs::path(path) / "iamglass", ec) ||
                      fs::exists(fs::path(path) / "iamchert", ec);
  if (!empty && !xapian) {
    throw IndexError("index '" + path +
                     "' is not a sousuo index (the directory holds other files)");
  }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path) : path_(path) {
  CheckTarget(path);
  try {
    db_ = Xapian::WritableDatabase(
        path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError("index '" + path + "' is locked by another writer");
  } catch (const Xapian::Error& e) {
    throw IndexError("opening index '" + path + "': " + e.get_description());
  }
  CheckIndexMetadata(db_, path, /*allow_new=*/true);
  if (db_.get_metadata(kMetaAnalyzer).empty()) {
    db_.set_metadata(kMetaSchema, std::to_string(kSchemaVersion));
    db_.set_metadata(kMetaAnalyzer, Analyzer::Signature());
  }
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::Put(const Report& report) {
  const Xapian::Document doc = BuildDocument(analyzer_, report);
  try {
    db_.replace_document(IdTerm(report.id), doc);
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': adding '" + report.id +
                     "': " + e.get_description());
  }
}

void IndexWriter::Commit() {
  try {
    db_.commit();
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + path_ + "': commit failed: " + e.get_description());
  }
}

Xapian::doccount IndexWriter::DocCount() const { return db_.get_doccount(); }

}  // namespace sousuo
