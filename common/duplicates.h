// Folded duplicates: reports whose text a stored report already holds.
//
// sousuo-index stores one document per text (ContentHash: title, body, date,
// language, source and metadata; not the id or path). A report that comes
// with a text already stored is "folded": it gets no document of its own,
// only a record in the index's user metadata naming its id and path under
// the shared hash. Metadata, not placeholder documents, so that folded
// duplicates never count in BM25's statistics (document count, lengths,
// term frequencies) and never match a query, not even a purely negative
// one. The document that holds a hash is the one with HashTerm(hash).
//
// The records keep the text from being lost: when the document that holds
// a hash is deleted or gets another text, the first record of the hash (by
// key) takes its place: a copy of the document under the duplicate's id and
// path (same text, so nothing needs reading again), and the other records
// stay with it (IndexWriter does this; see index_writer.h).
//
// Keys (schema.h): kMetaDuplicate + hash + ":" + DuplicateKey(id) -> the
// path, a NUL byte and the id; kMetaDuplicateId + DuplicateKey(id) -> hash.
#ifndef SOUSUO_COMMON_DUPLICATES_H_
#define SOUSUO_COMMON_DUPLICATES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace sousuo {

struct Duplicate {
  std::string id;    // its own report id
  std::string path;  // its Report::path ("" for standard input)
  std::string hash;  // the ContentHash it shares with the document holding it
};

// `id` as it goes into a metadata key: itself, or when long its first 180
// bytes (cut on a character boundary), "#" and a hash of the whole, so a
// key stays within Xapian's 245 bytes.
std::string DuplicateKey(std::string_view id);

// The records of a database (a WritableDatabase sees its uncommitted ones).
// Throw Xapian::Error.
// The duplicates folded into the document with `hash`, in key order.
std::vector<Duplicate> DuplicatesOf(const Xapian::Database& db, std::string_view hash);
// The record of the folded duplicate `id`, if there is one.
std::optional<Duplicate> FindDuplicate(const Xapian::Database& db, std::string_view id);
// Every record, in key order (by hash, then id key).
std::vector<Duplicate> AllDuplicates(const Xapian::Database& db);
// How many there are.
size_t CountDuplicates(const Xapian::Database& db);

// Write and delete a record, both keys. REQUIRES: the document holding
// `dup.hash` exists, and `dup.id` has no document (IndexWriter keeps both).
void WriteDuplicate(Xapian::WritableDatabase* db, const Duplicate& dup);
void DeleteDuplicate(Xapian::WritableDatabase* db, const Duplicate& dup);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_DUPLICATES_H_
