// sousuo-query: ranked search over a Sousuo index.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/format.h"
#include "query/query_cli.h"

namespace {

// "-word" is a query (NOT word), not an unknown option: hide such arguments
// from CLI11 behind a placeholder that keeps their place among the words.
constexpr char kHidden[] = "\x01";

std::vector<std::string> HideNegations(int argc, char** argv, std::vector<std::string>* hidden) {
  std::vector<std::string> args;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    options_done |= arg == "--";
    const bool option_like = arg.size() > 1 && arg[0] == '-';
    const bool ours = arg.rfind("--", 0) == 0 || arg == "-h" ||
                      (arg.rfind("-n", 0) == 0 &&
                       arg.find_first_not_of("0123456789", 2) == std::string::npos);
    if (!options_done && option_like && !ours) {
      args.push_back(kHidden + std::to_string(hidden->size()));
      hidden->push_back(arg);
    } else {
      args.push_back(arg);
    }
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  sousuo::QueryOptions options;
  std::vector<std::string> words;
  std::vector<std::string> hidden;
  std::string color = "auto";
  const std::map<std::string, sousuo::ColorMode> kColorModes = {
      {"auto", sousuo::ColorMode::kAuto},
      {"always", sousuo::ColorMode::kAlways},
      {"never", sousuo::ColorMode::kNever}};

  CLI::App app{"Search a Sousuo index of English and Chinese reports.", "sousuo-query"};
  app.add_option("QUERY", words, "words, OR, NOT, -word, \"phrases\", prefix*, "
                 "title:, lang:, source:, date:FROM..TO")->required();
  app.add_option("--index", options.index,
                 "index directory (default: $SOUSUO_INDEX, else $XDG_DATA_HOME/sousuo/index)");
  app.add_option("-n,--limit", options.limit, "hits to show (default 10)");
  app.add_option("--offset", options.offset, "hits to skip (default 0)");
  app.add_flag("--json", options.json, "one JSON object per hit");
  app.add_option("--color", color, "auto (colour on a terminal unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--snippets", options.snippets, "snippets per hit, 0 for none (default 3)")
      ->check(CLI::Range(0, 10));
  app.add_option("--width", options.width, "snippet width in display columns (default 120)")
      ->check(CLI::Range(20, 1000));
  app.set_version_flag("--version", std::string("sousuo-query ") + SOUSUO_VERSION);
  app.footer("Exit codes: 0 a report matched; 1 none did; 2 error (malformed query; the index\nis missing, foreign or built with another analyzer).");
  try {
    std::vector<std::string> args = HideNegations(argc, argv, &hidden);
    std::reverse(args.begin(), args.end());  // CLI11 takes them reversed
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : sousuo::kExitError;
  }
  for (std::string& word : words) {
    if (word.rfind(kHidden, 0) == 0) word = hidden[std::stoul(word.substr(1))];
    options.query += (options.query.empty() ? "" : " ") + word;
  }
  options.color = sousuo::UseColor(kColorModes.at(color), STDOUT_FILENO);
  return sousuo::RunQuery(options, std::cout, std::cerr);
}
