// Helpers shared by the Catch2 tests.
#ifndef SOUSUO_TESTS_TEST_UTIL_H_
#define SOUSUO_TESTS_TEST_UTIL_H_

#include <initializer_list>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/highlight.h"
#include "common/snippet.h"
#include "common/token.h"

namespace sousuo {
namespace test {

// "text@begin-end#position" per token, space separated; Han characters are
// written "~text@begin-end#position" so they stand apart from words, and a
// stem is appended as "/stem" when it differs from the text.
std::string DumpTokens(const std::vector<Token>& tokens);

// Xapian api_termgen.cc form: sorted terms, ":wdf" when wdf != 1 and the term
// has no positions... precisely: term, then ":wdf" if wdf differs from the
// number of positions (or from 1 when there are none), then "[p1,p2]" if
// positional. Space separated.
std::string DumpTerms(const Xapian::Document& doc);

// `text` with `dir` (and its canonical path, which report ids hold, if that
// differs) written "DIR".
std::string MaskDir(const std::string& text, const std::string& dir);

// Snippet patterns written by hand, in the Field::kAll terms of
// term_writer.h, so that snippet tests do not depend on the query builder:
// an unquoted English word (its exact term or its stem), a quoted phrase
// (exact words at consecutive positions), a Han word or phrase (one
// character term per position), and `prefix*`.
MatchPattern Word(const std::string& word, const std::string& stem);
MatchPattern Phrase(std::initializer_list<const char*> words);
MatchPattern Han(const std::string& chars);
MatchPattern Prefix(const std::string& prefix);

// `text` with each range in brackets.
std::string Mark(const std::string& text, const std::vector<HighlightRange>& ranges);

// Snippets as "…fragment with [matches]…", joined by " | ".
std::string Show(const std::vector<Snippet>& snippets);

// sousuo-index's stderr with `dir` written "DIR" (as MaskDir), the sizes and timings of
// its summary masked ("(X MB) in T s, R MB/s") and the compaction line,
// whose figures vary, left out.
std::string MaskIndexerStderr(const std::string& err, const std::string& dir);

// A fresh directory under $TMPDIR (or /tmp), removed with its contents by
// the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `content` to path()/relative (creating parent directories) and
  // returns the full path.
  std::string Write(const std::string& relative, const std::string& content) const;

 private:
  std::string path_;
};

// Result of running a program.
struct RunResult {
  int exit_code = -1;   // exit status, or 128 + signal
  std::string out;      // standard output
  std::string err;      // standard error
  long max_rss_kb = 0;  // the program's peak resident set size (wait4)
};

// Runs `argv` (argv[0] is a path) with `env` entries ("NAME=value") added to
// the environment and NO_COLOR/SOUSUO_INDEX removed, feeding `input` on
// standard input, in directory `cwd` (empty: this process's). Never uses a
// shell.
RunResult Run(const std::vector<std::string>& argv,
              const std::vector<std::string>& env = {},
              const std::string& input = "", const std::string& cwd = "");

// True in a build with AddressSanitizer (scripts/sanitize.sh). There memory
// use includes shadow memory and the quarantine of freed blocks, and code
// runs several times slower: tests report RSS and times but bound them only
// in a normal build, or with kSlowdown.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif
constexpr double kSlowdown = kSanitized ? 10 : 1;

// Paths given by CMake.
inline std::string IndexBin() { return SOUSUO_INDEX_BIN; }
inline std::string QueryBin() { return SOUSUO_QUERY_BIN; }
inline std::string SamplesDir() { return SOUSUO_SAMPLES_DIR; }
inline std::string TestdataDir() { return SOUSUO_TESTDATA_DIR; }
inline std::string SharedCorpusDir() { return SOUSUO_SHARED_CORPUS_DIR; }

}  // namespace test
}  // namespace sousuo

#endif  // SOUSUO_TESTS_TEST_UTIL_H_
