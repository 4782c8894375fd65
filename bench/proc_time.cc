// proc_time: wall time and peak memory of whole processes, for
// bench/run_speed.sh (no hyperfine or /usr/bin/time needed).
//
//   proc_time run [--stdout FILE] -- CMD ARG...
//   proc_time queries --queries FILE [--repeat 5] -- CMD ARG...
//
// Both start CMD with posix_spawnp (no shell), standard input from
// /dev/null, standard output to /dev/null (run: to --stdout if given) and
// standard error inherited, and wait for it with wait4(). The wall time is
// steady_clock from before posix_spawnp to after wait4; the peak resident
// set is wait4's ru_maxrss, which is the child's own (no shell in between).
//
// run prints one line: "wall_s=X cpu_s=Y maxrss_kb=N exit=N", where cpu_s is
// the child's user + system time (wait4's ru_utime + ru_stime; above wall_s
// when it uses several threads) and exit=signal:N when it was killed.
//
// queries runs `CMD ARG... QUERY` for each query of the file (the text as one
// argument, as a shell user quotes it): one untimed warm-up pass, then
// --repeat timed passes. An exit status other than 0 or 1 (1 is "no hits"
// for sousuo-query) counts as failed. Then it times spawning `true` as many
// times: that is the cost of starting a trivial process through this driver,
// part of every figure above it. Prints one line:
//   queries=N repeat=R p50_ms=X p99_ms=Y max_ms=Z failed=F true_p50_ms=W
//
// Exit status: 0 when every process ran and `queries` had no failure, 1 if
// some query failed, 2 on a fatal error (cannot spawn, bad options).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_io.h"

extern char** environ;

namespace {

struct Options {
  std::vector<std::string> command;
  std::string stdout_path = "/dev/null";
  std::string queries;
  unsigned repeat = 5;
};

struct Outcome {
  double wall_us = 0;
  double cpu_us = 0;  // user + system time of the child
  long maxrss_kb = 0;
  int status = 0;  // as from wait4
};

// Owns a posix_spawn_file_actions_t.
class FileActions {
 public:
  explicit FileActions(const std::string& stdout_path) {
    posix_spawn_file_actions_init(&actions_);
    posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions_, STDOUT_FILENO,
                                     stdout_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;

  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

// Runs `argv` to completion. Throws std::runtime_error
// "CMD: cannot start: <strerror>" or "CMD: wait4: <strerror>".
Outcome Spawn(const std::vector<std::string>& argv,
              const FileActions& actions) {
  std::vector<char*> args;
  for (const std::string& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  Outcome outcome;
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int rc =
      posix_spawnp(&pid, args[0], actions.get(), nullptr, args.data(), environ);
  if (rc != 0)
    throw std::runtime_error(argv[0] + ": cannot start: " + std::strerror(rc));
  struct rusage usage;
  while (wait4(pid, &outcome.status, 0, &usage) < 0) {
    if (errno != EINTR)
      throw std::runtime_error(argv[0] + ": wait4: " + std::strerror(errno));
  }
  const std::chrono::duration<double, std::micro> spent =
      std::chrono::steady_clock::now() - start;
  outcome.wall_us = spent.count();
  outcome.cpu_us =
      static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 +
      static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  outcome.maxrss_kb = usage.ru_maxrss;
  return outcome;
}

// "0", "1", ... or "signal:N".
std::string ExitText(int status) {
  if (WIFEXITED(status))
    return std::to_string(WEXITSTATUS(status));
  return "signal:" + std::to_string(WTERMSIG(status));
}

int Run(const Options& options) {
  const FileActions actions(options.stdout_path);
  const Outcome outcome = Spawn(options.command, actions);
  std::printf("wall_s=%.3f cpu_s=%.3f maxrss_kb=%ld exit=%s\n",
              outcome.wall_us / 1e6, outcome.cpu_us / 1e6, outcome.maxrss_kb,
              ExitText(outcome.status).c_str());
  return 0;
}

// Median spawn time of `true`, `count` times after one warm-up.
double TrueMedianMs(size_t count, const FileActions& actions) {
  const std::vector<std::string> argv = {"true"};
  Spawn(argv, actions);
  std::vector<double> ms;
  for (size_t i = 0; i < count; ++i)
    ms.push_back(Spawn(argv, actions).wall_us / 1e3);
  return bench::Percentile(ms, 50);
}

int Queries(const Options& options) {
  const std::vector<bench::QueryLine> queries =
      bench::ReadQueries(options.queries, /*allow_plain=*/true);
  if (queries.empty())
    throw std::runtime_error(options.queries + ": no queries");
  const FileActions actions("/dev/null");
  std::vector<double> ms;
  size_t failed = 0;
  for (unsigned pass = 0; pass <= options.repeat; ++pass) {
    for (const bench::QueryLine& query : queries) {
      std::vector<std::string> argv = options.command;
      argv.push_back(query.text);
      const Outcome outcome = Spawn(argv, actions);
      const bool ok =
          WIFEXITED(outcome.status) && WEXITSTATUS(outcome.status) <= 1;
      if (pass == 0 && !ok) {
        std::cerr << "query " << query.id << ": exit "
                  << ExitText(outcome.status) << "\n";
        ++failed;
      }
      if (pass > 0)
        ms.push_back(outcome.wall_us / 1e3);
    }
  }
  const double true_ms = TrueMedianMs(ms.size(), actions);
  std::printf(
      "queries=%zu repeat=%u p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      "failed=%zu true_p50_ms=%.2f\n",
      queries.size(), options.repeat, bench::Percentile(ms, 50),
      bench::Percentile(ms, 99), bench::Percentile(ms, 100), failed, true_ms);
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Wall time and peak RSS of whole processes.", "proc_time"};
  app.require_subcommand(1);
  CLI::App* run = app.add_subcommand("run", "Run a command once");
  run->add_option("--stdout", options.stdout_path,
                  "Where its standard output goes (default /dev/null)");
  CLI::App* queries = app.add_subcommand(
      "queries", "Run a command once per query, the query as last argument");
  queries
      ->add_option("--queries", options.queries,
                   "qid<TAB>text lines (or one query per line)")
      ->required();
  queries
      ->add_option("--repeat", options.repeat,
                   "Timed passes after one warm-up pass (default 5)")
      ->check(CLI::PositiveNumber);
  for (CLI::App* sub : {run, queries}) {
    sub->add_option("command", options.command, "CMD ARG... (after --)")
        ->required();
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return *run ? Run(options) : Queries(options);
  } catch (const std::exception& e) {
    std::cerr << "proc_time: " << e.what() << "\n";
  }
  return 2;
}
