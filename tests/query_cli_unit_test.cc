#include "query/command_line.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace sousuo {
namespace {

// The arguments as CLI11 gets them (negated words as "<-WORD>"), or the
// error.
std::string Prepared(std::vector<const char*> args) {
  args.insert(args.begin(), "sousuo-query");
  QueryArguments arguments;
  const std::string error = arguments.Prepare(static_cast<int>(args.size()), args.data());
  if (!error.empty())
    return "error: " + error;
  std::string out;
  for (const std::string& arg : arguments.arguments()) {
    const std::string restored = arguments.Restore(arg);
    out += (out.empty() ? "" : " ") + (restored == arg ? arg : "<" + restored + ">");
  }
  return out;
}

TEST_CASE("QueryArguments: options, negated words and mistakes", "[query_cli]") {
  struct Case {
    std::vector<const char*> args;
    const char* expect;
  };
  const Case kCases[] = {
      {{"jinan", "-education"}, "jinan <-education>"},
      {{"-quince"}, "<-quince>"},
      {{"-5", "-"}, "<-5> -"},
      {{"-n", "3", "x"}, "-n 3 x"},
      {{"-n5", "x"}, "-n5 x"},
      {{"--limit", "3", "x"}, "--limit=3 x"},
      {{"--limit=3", "x"}, "--limit=3 x"},
      {{"--sort", "-date", "x"}, "--sort=-date x"},
      {{"--json", "x", "--strict"}, "--json x --strict"},
      {{"-h"}, "-h"},
      // After "--" everything is a query word.
      {{"x", "--", "-l", "--limit"}, "x -- -l --limit"},
      // A short option the program does not know is an error, never words.
      {{"-l", "3", "Jinan"}, "error: unknown option '-l' (did you mean --limit?)"},
      {{"-v", "x"}, "error: unknown option '-v' (did you mean --version?)"},
      {{"-c", "x"}, "error: unknown option '-c' (did you mean --count or --color?)"},
      {{"-z", "x"}, "error: unknown option '-z' (see --help)"},
      {{"--lmit", "3", "x"}, "error: unknown option '--lmit' (did you mean --limit?)"},
      {{"--jsn", "x"}, "error: unknown option '--jsn' (did you mean --json?)"},
      {{"--frobnicate", "x"}, "error: unknown option '--frobnicate' (see --help)"},
      {{"--frobnicate=1", "x"}, "error: unknown option '--frobnicate' (see --help)"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.args);
    REQUIRE(Prepared(c.args) == c.expect);
  }
}

}  // namespace
}  // namespace sousuo
