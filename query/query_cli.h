// sousuo-query's run loop: parse the query, search, cut snippets, print.
#ifndef SOUSUO_QUERY_QUERY_CLI_H_
#define SOUSUO_QUERY_QUERY_CLI_H_

#include <ostream>
#include <string>

namespace sousuo {

// Exit codes (ripgrep's): at least one hit, no hit, error.
constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;

struct QueryOptions {
  std::string query;             // the query text (arguments joined by spaces)
  std::string index;             // --index; empty: ResolveIndexPath's default
  unsigned limit = 10;           // hits to show
  unsigned offset = 0;           // hits to skip
  bool json = false;             // one JSON object per hit
  bool color = false;            // ANSI colour (already resolved from --color)
  unsigned snippets = 3;         // fragments per hit, 0 for none
  unsigned width = 120;          // display columns per fragment
};

// Runs one search and prints it to `out`; messages go to `err` as one line
// each, prefixed "sousuo-query: ". Returns kExitHits, kExitNoHits or
// kExitError. Never throws for bad input: a malformed query or a missing,
// foreign or incompatible index is an error line and kExitError.
int RunQuery(const QueryOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sousuo

#endif  // SOUSUO_QUERY_QUERY_CLI_H_
