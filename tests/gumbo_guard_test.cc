#include "indexer/gumbo_guard.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "indexer/html_reader.h"

namespace sousuo {
namespace {

// Issue 5: pages on which Debian's gumbo 0.10 fails an assertion, which
// aborted sousuo-index. They are skipped now, and gumbo works on after them.
TEST_CASE("GumboParse: a failed gumbo assertion skips the page", "[gumbo_guard]") {
  const char* const kAborting[] = {
      "<table><svg><td><title><select></table>",
      "<table><math><th><mi><select></table>",
  };
  struct stat err_before;
  REQUIRE(::fstat(STDERR_FILENO, &err_before) == 0);
  struct sigaction abort_before;
  REQUIRE(::sigaction(SIGABRT, nullptr, &abort_before) == 0);
  const TextSource source{"p", "", "page", false};
  for (const char* page : kAborting) {
    CAPTURE(page);
    REQUIRE(GumboParse(page, kGumboDefaultOptions).output() == nullptr);
    const Outcome<Report> report = ReadHtmlReport(page, source);
    REQUIRE_FALSE(report.value);
    REQUIRE(report.diagnostics.size() == 1);
    REQUIRE(report.diagnostics[0].Format("f") == "f: not parseable HTML, skipped");
    const Outcome<Report> next = ReadHtmlReport("<p>still parsed", source);
    REQUIRE(next.value);
    REQUIRE(next.value->body == "still parsed");
  }
  // The process's standard error and SIGABRT handling are as they were.
  struct stat err_after;
  REQUIRE(::fstat(STDERR_FILENO, &err_after) == 0);
  REQUIRE(err_after.st_dev == err_before.st_dev);
  REQUIRE(err_after.st_ino == err_before.st_ino);
  struct sigaction abort_after;
  REQUIRE(::sigaction(SIGABRT, nullptr, &abort_after) == 0);
  REQUIRE(abort_after.sa_handler == abort_before.sa_handler);
}

}  // namespace
}  // namespace sousuo
