#include "common/schema.h"

#include <cstdio>

namespace sousuo {

namespace {

// 64-bit FNV-1a: stable across platforms and releases, which std::hash is not.
uint64_t Fnv1a64(std::string_view data) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::string IdTerm(std::string_view id) {
  constexpr size_t kKeep = 180;
  if (id.size() + 1 <= kMaxTermBytes) return kPrefixId + std::string(id);
  size_t cut = kKeep;
  while (cut > 0 && (static_cast<unsigned char>(id[cut]) & 0xC0) == 0x80) --cut;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(Fnv1a64(id)));
  return kPrefixId + std::string(id.substr(0, cut)) + "#" + hash;
}

}  // namespace sousuo
