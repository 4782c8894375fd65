#include "common/duplicates.h"

#include <cstdio>

#include "common/schema.h"

namespace sousuo {

namespace {

std::string RecordKey(std::string_view hash, std::string_view id) {
  std::string key = kMetaDuplicate;
  key.append(hash);
  key += ':';
  key += DuplicateKey(id);
  return key;
}

std::string IdKey(std::string_view id) { return kMetaDuplicateId + DuplicateKey(id); }

// The value of a record key: path, NUL, id (paths hold no NUL; ids may).
Duplicate Decode(std::string_view hash, std::string_view value) {
  Duplicate dup;
  dup.hash = std::string(hash);
  const size_t nul = value.find('\0');
  dup.path = std::string(value.substr(0, nul));
  if (nul != std::string_view::npos) dup.id = std::string(value.substr(nul + 1));
  return dup;
}

// Calls `visit(hash, value)` for each record whose key starts with `prefix`.
template <typename Visit>
void ForEachRecord(const Xapian::Database& db, const std::string& prefix, Visit visit) {
  const size_t hash_at = std::string_view(kMetaDuplicate).size();
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string key = *it;
    const size_t colon = key.find(':', hash_at);
    if (colon == std::string::npos) continue;
    visit(std::string_view(key).substr(hash_at, colon - hash_at), db.get_metadata(key));
  }
}

}  // namespace

std::string DuplicateKey(std::string_view id) {
  constexpr size_t kLongest = 200;
  constexpr size_t kKeep = 180;
  if (id.size() <= kLongest) return std::string(id);
  size_t cut = kKeep;
  while (cut > 0 && (static_cast<unsigned char>(id[cut]) & 0xC0) == 0x80) --cut;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(Fnv1a64(id)));
  return std::string(id.substr(0, cut)) + "#" + hash;
}

std::vector<Duplicate> DuplicatesOf(const Xapian::Database& db, std::string_view hash) {
  std::vector<Duplicate> dups;
  ForEachRecord(db, kMetaDuplicate + std::string(hash) + ":",
                [&](std::string_view h, const std::string& value) {
                  dups.push_back(Decode(h, value));
                });
  return dups;
}

std::optional<Duplicate> FindDuplicate(const Xapian::Database& db, std::string_view id) {
  const std::string hash = db.get_metadata(IdKey(id));
  if (hash.empty()) return std::nullopt;
  const std::string value = db.get_metadata(RecordKey(hash, id));
  if (value.empty()) return std::nullopt;
  Duplicate dup = Decode(hash, value);
  if (dup.id != id) return std::nullopt;  // another long id with the same key
  return dup;
}

std::vector<Duplicate> AllDuplicates(const Xapian::Database& db) {
  std::vector<Duplicate> dups;
  ForEachRecord(db, kMetaDuplicate, [&](std::string_view h, const std::string& value) {
    dups.push_back(Decode(h, value));
  });
  return dups;
}

size_t CountDuplicates(const Xapian::Database& db) {
  size_t n = 0;
  const std::string prefix = kMetaDuplicateId;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) ++n;
  return n;
}

void WriteDuplicate(Xapian::WritableDatabase* db, const Duplicate& dup) {
  std::string value = dup.path;
  value += '\0';
  value += dup.id;
  db->set_metadata(RecordKey(dup.hash, dup.id), value);
  db->set_metadata(IdKey(dup.id), dup.hash);
}

void DeleteDuplicate(Xapian::WritableDatabase* db, const Duplicate& dup) {
  db->set_metadata(RecordKey(dup.hash, dup.id), "");
  db->set_metadata(IdKey(dup.id), "");
}

}  // namespace sousuo
