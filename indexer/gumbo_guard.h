// Gumbo under guard. Debian's gumbo 0.10 is built with assertions, and some
// malformed pages make one fail: "<table><svg><td><title><select></table>"
// trips close_current_cell, and abort() took the whole indexer down. A
// GumboParse runs gumbo with SIGABRT caught and standard error silenced: a
// failed assertion jumps back out of gumbo, everything gumbo allocated is
// freed, and the parse has no output. (glibc's abort() lets a SIGABRT handler
// leave; gumbo keeps no state outside the allocations it is given.)
#ifndef SOUSUO_INDEXER_GUMBO_GUARD_H_
#define SOUSUO_INDEXER_GUMBO_GUARD_H_

#include <gumbo.h>

#include <string_view>

namespace sousuo {

// One parse. Not thread-safe: it changes the process's SIGABRT handler and
// standard error while gumbo runs.
class GumboParse {
 public:
  // Parses `html` with `options` (their allocator is replaced).
  GumboParse(std::string_view html, GumboOptions options);
  ~GumboParse();
  GumboParse(const GumboParse&) = delete;
  GumboParse& operator=(const GumboParse&) = delete;

  // The parse tree, or null if gumbo failed (an assertion, or no root).
  // Valid while the GumboParse lives.
  const GumboOutput* output() const { return output_; }

 private:
  // Every allocation carries a header linking it into a list of those
  // alive, which the destructor frees.
  struct alignas(16) Header {
    Header* prev;
    Header* next;
  };
  static void* Allocate(void* self, size_t size);
  static void Deallocate(void* self, void* pointer);

  Header alive_{&alive_, &alive_};  // circular list with a sentinel
  GumboOutput* output_ = nullptr;
};

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_GUMBO_GUARD_H_
