// sousuo-query's run loop: parse the query, search, cut snippets, print.
#ifndef SOUSUO_QUERY_QUERY_CLI_H_
#define SOUSUO_QUERY_QUERY_CLI_H_

#include <ostream>
#include <string>

#include "common/index_reader.h"
#include "common/searcher.h"

namespace sousuo {

// Exit codes (ripgrep's): some report matched (would be listed on some
// page, whatever --limit and --offset show), none did, error.
constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;

struct QueryOptions {
  std::string query;             // the query text (arguments joined by spaces)
  std::string index;             // --index; empty: ResolveIndexPath's default
  unsigned limit = 10;           // hits to show
  unsigned offset = 0;           // hits to skip
  bool json = false;             // JSON Lines: a line per hit, then a summary
  bool color = false;            // ANSI colour (already resolved from --color)
  unsigned snippets = 3;         // fragments per hit, 0 for none
  unsigned width = 120;          // display columns per line
  bool strict = false;           // full matches only (no partial matches)
  bool count = false;            // print the number of matching reports only
  SortOrder sort = SortOrder::kRelevance;
  std::string show;              // --show: print this report in full
};

// Runs one search (or --count, or --show) and prints it to `out`; messages
// go to `err` as one line each, prefixed "sousuo-query: ". Returns
// kExitHits, kExitNoHits or kExitError. Never throws for bad input: a
// malformed query or a missing, foreign or incompatible index is an error
// line and kExitError.
//
// Text output starts with a header line (wrapped at spaces to the width):
//   "12 matches; showing 1-10"                       full matches only
//   "At least 10,000 matches (about 15,300); showing 1-10"
//   "12 reports hold every word; more hold some of them; showing 1-10"
//   "No report holds every word; these hold some of them; showing 1-10"
// then a blank line and the hits (render.h), a line "Partial matches (some of
// the words):" and a blank line before the first partial match on the page.
// --count prints the exact number of reports the query lists over all
// pages (full and partial matches; full only with --strict). --show ID
// prints the stored report with that id (or of that file) in full: title,
// a metadata line, any extra metadata as "key: value" lines, a blank line
// and the text, with the query's matches highlighted when a query is
// given; an unknown id is "no report with id 'ID'" and kExitNoHits.
int RunQuery(const QueryOptions& options, std::ostream& out, std::ostream& err);

// The header line(s) above, for `outcome` shown with `options` (offset and
// width), each ending with "\n".
std::string Header(const SearchOutcome& outcome, const QueryOptions& options);

}  // namespace sousuo

#endif  // SOUSUO_QUERY_QUERY_CLI_H_
