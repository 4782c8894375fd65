#include "common/schema.h"

#include <cstdio>

namespace sousuo {

uint64_t Fnv1a64(std::string_view data, uint64_t hash) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

namespace {

// `prefix` + `key`, or, when that is too long for a term, the first 180
// bytes of `key` (cut on a character boundary), "#" and its hash.
std::string BoundedTerm(const std::string& prefix, std::string_view key) {
  constexpr size_t kKeep = 180;
  if (prefix.size() + key.size() <= kMaxTermBytes) return prefix + std::string(key);
  size_t cut = kKeep;
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(Fnv1a64(key)));
  return prefix + std::string(key.substr(0, cut)) + "#" + hash;
}

}  // namespace

std::string IdTerm(std::string_view id) { return BoundedTerm(kPrefixId, id); }

std::string FileTerm(std::string_view file) { return BoundedTerm(kPrefixFile, file); }

}  // namespace sousuo
