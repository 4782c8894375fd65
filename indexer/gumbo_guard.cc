#include "indexer/gumbo_guard.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>

namespace sousuo {

namespace {

sigjmp_buf* g_abort_jump = nullptr;  // set while gumbo runs

extern "C" void JumpOnAbort(int) {
  if (g_abort_jump != nullptr)
    siglongjmp(*g_abort_jump, 1);
}

// Runs gumbo; false if it called abort(). Kept apart so that no C++ object
// lives in the frame that siglongjmp returns to.
bool RunGumbo(const GumboOptions* options, std::string_view html,
              GumboOutput** output) {
  sigjmp_buf jump;
  if (sigsetjmp(jump, 1) != 0) {
    g_abort_jump = nullptr;
    return false;
  }
  g_abort_jump = &jump;
  *output = gumbo_parse_with_options(options, html.data(), html.size());
  g_abort_jump = nullptr;
  return true;
}

}  // namespace

GumboParse::GumboParse(std::string_view html, GumboOptions options) {
  options.allocator = &GumboParse::Allocate;
  options.deallocator = &GumboParse::Deallocate;
  options.userdata = this;
  // The assertion's message would reach the user's terminal: silence fd 2.
  const int saved_stderr = ::dup(STDERR_FILENO);
  const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved_stderr >= 0 && null >= 0)
    ::dup2(null, STDERR_FILENO);
  if (null >= 0)
    ::close(null);
  struct sigaction catch_abort = {};
  struct sigaction previous = {};
  catch_abort.sa_handler = JumpOnAbort;
  sigemptyset(&catch_abort.sa_mask);
  ::sigaction(SIGABRT, &catch_abort, &previous);
  GumboOutput* output = nullptr;
  const bool finished = RunGumbo(&options, html, &output);
  ::sigaction(SIGABRT, &previous, nullptr);
  if (saved_stderr >= 0) {
    ::dup2(saved_stderr, STDERR_FILENO);
    ::close(saved_stderr);
  }
  if (finished && output != nullptr && output->root != nullptr)
    output_ = output;
}

GumboParse::~GumboParse() {
  // Instead of gumbo_destroy_output, which an aborted parse cannot use.
  for (Header* block = alive_.next; block != &alive_;) {
    Header* next = block->next;
    std::free(block);
    block = next;
  }
}

void* GumboParse::Allocate(void* self, size_t size) {
  auto* block = static_cast<Header*>(std::malloc(sizeof(Header) + size));
  if (block == nullptr)
    return nullptr;
  Header& alive = static_cast<GumboParse*>(self)->alive_;
  block->prev = &alive;
  block->next = alive.next;
  alive.next->prev = block;
  alive.next = block;
  return block + 1;
}

void GumboParse::Deallocate(void*, void* pointer) {
  if (pointer == nullptr)
    return;
  Header* block = static_cast<Header*>(pointer) - 1;
  block->prev->next = block->next;
  block->next->prev = block->prev;
  std::free(block);
}

}  // namespace sousuo
