// Property checks for the fuzz targets: a failed check prints what was
// expected and aborts, which libFuzzer reports as a crash with the input.
#ifndef SOUSUO_FUZZ_FUZZ_CHECK_H_
#define SOUSUO_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "common/utf8.h"

#define FUZZ_CHECK(condition)                                               \
  do {                                                                      \
    if (!(condition)) {                                                     \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                   #condition);                                             \
      std::abort();                                                         \
    }                                                                       \
  } while (false)

namespace sousuo {
namespace fuzz {

// True if `offset` is the start of a UTF-8 character of `text` or its end.
inline bool OnCharBoundary(std::string_view text, size_t offset) {
  if (offset == text.size())
    return true;
  if (offset > text.size())
    return false;
  return (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

inline bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

inline bool IsValidUtf8(std::string_view text) {
  return FindInvalidUtf8(text) == std::string_view::npos;
}

}  // namespace fuzz
}  // namespace sousuo

#endif  // SOUSUO_FUZZ_FUZZ_CHECK_H_
