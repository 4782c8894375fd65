// sousuo-index: adds reports to a Sousuo index. Exit codes: see indexer.h.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <exception>
#include <iostream>
#include <thread>

#include "indexer/indexer.h"

namespace {

constexpr char kFooter[] =
    "Formats: .txt, .md/.markdown, .html/.htm, .pdf (a report per file),\n"
    ".jsonl (a report per line);\n"
    "'-' reads standard input (JSON Lines if it starts with '{', else text).\n"
    "Exit codes: 0 every input indexed; 1 some inputs skipped or repaired\n"
    "(see the messages); 2 fatal error (bad options; the index cannot be\n"
    "opened, locked or committed; batches committed before it stay);\n"
    "130 interrupted (SIGINT/SIGTERM): what was read is committed.\n"
    "A file's reports are named by its real path, however it is typed.\n"
    "Re-indexing skips unchanged reports, stores a text once (a duplicate\n"
    "takes its report's place when that goes) and removes the reports of\n"
    "files gone under the given inputs.\n"
    "Without INPUT: --list, --remove ID|PATH... or --stats.";

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void OnSignal(int) { g_interrupted = 1; }

// SIGINT and SIGTERM ask the run to stop at the next report; a second one
// kills at once (SA_RESETHAND), which is safe: the last commit stays intact.
void CatchSignals() {
  struct sigaction action = {};
  action.sa_handler = OnSignal;
  action.sa_flags = SA_RESTART | SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  // Past a file-size limit a write fails with EFBIG, which Xapian reports
  // like a full disk, instead of the process being killed by SIGXFSZ.
  signal(SIGXFSZ, SIG_IGN);
}

}  // namespace

int main(int argc, char** argv) {
  sousuo::IndexerOptions options;
  CLI::App app("Index plain-text, Markdown, HTML, PDF and JSON Lines reports.",
               "sousuo-index");
  app.footer(kFooter);
  app.set_version_flag("--version",
                       std::string("sousuo-index ") + sousuo::kIndexerVersion);
  app.add_option("--index", options.index_path,
                 "index directory (default: $SOUSUO_INDEX, else "
                 "$XDG_DATA_HOME/sousuo/index)");
  app.add_option("--batch", options.batch, "reports per commit (default 2000)");
  options.threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  app.add_option("--threads", options.threads,
                 "threads that build a new index (default: one per core, at most 8)");
  app.add_option("--stdin-id", options.stdin_id,
                 "id of a plain-text report read from '-' (default stdin)");
  bool quiet = false;
  bool verbose = false;
  CLI::Option* quiet_flag =
      app.add_flag("-q,--quiet", quiet, "print errors only");
  app.add_flag("-v,--verbose", verbose, "print a line per file")
      ->excludes(quiet_flag);
  bool compact = false;
  bool no_compact = false;
  CLI::Option* compact_flag = app.add_flag(
      "--compact", compact, "compact the index at the end (default: when the run doubled it)");
  app.add_flag("--no-compact", no_compact, "never compact")->excludes(compact_flag);
  app.add_flag("--force", options.force, "re-index unchanged reports too");
  app.add_flag("--wait", options.wait, "wait for another writer to finish instead of failing");
  app.add_flag_function("--no-delete", [&](int64_t) { options.delete_missing = false; },
                        "keep reports whose files are gone");
  app.add_flag("--list", options.list, "print ID<TAB>TITLE<TAB>DATE per report");
  app.add_option("--remove", options.remove, "remove reports by id, or by file or directory")
      ->type_name("ID|PATH");
  app.add_flag("--stats", options.stats, "print statistics of the index");
  app.add_option("INPUT", options.inputs, "files, directories (recursive) or '-'");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0)
      return app.exit(e);  // --help, --version
    std::cerr << "sousuo-index: " << e.what() << "\n";
    return sousuo::kExitFatal;
  }
  if (quiet)
    options.verbosity = sousuo::IndexerOptions::Verbosity::kQuiet;
  if (verbose)
    options.verbosity = sousuo::IndexerOptions::Verbosity::kVerbose;
  if (compact)
    options.compaction = sousuo::IndexerOptions::Compaction::kAlways;
  if (no_compact)
    options.compaction = sousuo::IndexerOptions::Compaction::kNever;
  options.live_progress = ::isatty(STDERR_FILENO) == 1;
  options.interrupted = &g_interrupted;
  CatchSignals();
  try {
    return sousuo::RunIndexer(options, std::cin, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "sousuo-index: " << e.what() << "\n";
    return sousuo::kExitFatal;
  }
}
