// sousuo-query: ranked search over a Sousuo index.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/render.h"
#include "query/command_line.h"
#include "query/query_cli.h"

namespace {

// The default --width: the terminal's (or $COLUMNS), at most 120.
unsigned DefaultWidth() {
  unsigned columns = 0;
  struct winsize size = {};
  if (isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0)
    columns = size.ws_col;
  if (columns == 0) {
    const char* env = std::getenv("COLUMNS");
    if (env != nullptr)
      columns = static_cast<unsigned>(std::strtoul(env, nullptr, 10));
  }
  if (columns == 0)
    columns = 120;
  return std::clamp(columns, 20u, 120u);
}

}  // namespace

int main(int argc, char** argv) {
  sousuo::QueryOptions options;
  options.width = 0;  // not given
  std::vector<std::string> words;
  std::string color = "auto";
  std::string sort = "relevance";
  const std::map<std::string, sousuo::ColorMode> kColorModes = {
      {"auto", sousuo::ColorMode::kAuto},
      {"always", sousuo::ColorMode::kAlways},
      {"never", sousuo::ColorMode::kNever}};
  const std::map<std::string, sousuo::SortOrder> kSortOrders = {
      {"relevance", sousuo::SortOrder::kRelevance},
      {"date", sousuo::SortOrder::kOldestFirst},
      {"-date", sousuo::SortOrder::kNewestFirst}};

  CLI::App app{"Search a Sousuo index of English and Chinese reports.", "sousuo-query"};
  app.add_option("QUERY", words, "words, OR, NOT, -word, \"phrases\", prefix*, "
                 "title:, lang:, source:, date:FROM..TO");
  app.add_option("--index", options.index,
                 "index directory (default: $SOUSUO_INDEX, else $XDG_DATA_HOME/sousuo/index)");
  app.add_option("-n,--limit", options.limit, "hits to show (default 10)");
  app.add_option("--offset", options.offset, "hits to skip (default 0)");
  app.add_flag("--strict", options.strict, "full matches only: no reports with some of the words");
  app.add_option("--sort", sort, "relevance (default), date (oldest first) or -date")
      ->check(CLI::IsMember({"relevance", "date", "-date"}));
  app.add_flag("--count", options.count, "print the number of matching reports only");
  app.add_option("--show", options.show, "print the report with this id (or file) in full")
      ->type_name("ID");
  app.add_flag("--json", options.json, "JSON Lines: an object per hit, then a summary");
  app.add_option("--color", color, "auto (colour on a terminal unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--snippets", options.snippets, "snippets per hit, 0 for none (default 3)")
      ->check(CLI::Range(0, 10));
  app.add_option("--width", options.width,
                 "line width in display columns (default: the terminal's, at most 120)")
      ->check(CLI::Range(20, 1000));
  app.set_version_flag("--version", std::string("sousuo-query ") + SOUSUO_VERSION);
  app.footer(
      "A word after '-' is negated (-word); a single letter after '-' is an option.\n"
      "Words after '--' are always query words.\n"
      "Exit codes: 0 some report matches (whatever page is shown); 1 none does;\n"
      "2 error (bad option, malformed query; the index is missing, foreign or\n"
      "built with another analyzer).");
  sousuo::QueryArguments arguments;
  const std::string problem = arguments.Prepare(argc, argv);
  if (!problem.empty()) {
    std::cerr << "sousuo-query: " << problem << "\n";
    return sousuo::kExitError;
  }
  try {
    std::vector<std::string> args = arguments.arguments();
    std::reverse(args.begin(), args.end());  // CLI11 takes them reversed
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0)
      return app.exit(e);  // --help, --version
    std::cerr << "sousuo-query: " << e.what() << " (see --help)\n";
    return sousuo::kExitError;
  }
  for (const std::string& word : words)
    options.query += (options.query.empty() ? "" : " ") + arguments.Restore(word);
  if (options.query.empty() && options.show.empty()) {
    std::cerr << "sousuo-query: no QUERY given (see --help)\n";
    return sousuo::kExitError;
  }
  if (options.count && (options.json || !options.show.empty())) {
    std::cerr << "sousuo-query: --count cannot be combined with --json or --show\n";
    return sousuo::kExitError;
  }
  if (options.width == 0)
    options.width = DefaultWidth();
  options.sort = kSortOrders.at(sort);
  options.color = sousuo::UseColor(kColorModes.at(color), STDOUT_FILENO);
  return sousuo::RunQuery(options, std::cout, std::cerr);
}
