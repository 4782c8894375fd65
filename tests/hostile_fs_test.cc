// Issue 5: files that cannot be read, and files that vanish or change while
// sousuo-index runs. Each gets one message naming it, the rest is indexed,
// and nothing hangs.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "indexer/indexer.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Deterministic: a hook runs when the first file is about to be read, after
// the directory was listed, and changes the files that come after it.
TEST_CASE("RunIndexer: files that vanish or change after the walk", "[indexer][hostile]") {
  test::TempDir dir;
  const std::string run = dir.path() + "/run/";
  dir.Write("run/a.txt", "Alpha\nfirst\n");
  dir.Write("run/b.txt", "Bravo\nvanishes\n");
  dir.Write("run/c.txt", "Charlie\nbecomes a FIFO\n");
  dir.Write("run/d.jsonl", "{\"id\":\"d1\",\"body\":\"kept\"}\n{\"id\":\"d2\",\"body\":\"cut short\"}\n");
  dir.Write("run/e.txt", "Echo\nbecomes a directory\n");
  dir.Write("run/f.txt", "Foxtrot\nold text\n");
  IndexerOptions options;
  options.inputs = {dir.path() + "/run"};
  options.index_path = dir.path() + "/idx";
  options.before_read = [&](const std::string& path) {
    if (!EndsWith(path, "/a.txt")) return;
    REQUIRE(::unlink((run + "b.txt").c_str()) == 0);
    REQUIRE(::unlink((run + "c.txt").c_str()) == 0);
    REQUIRE(::mkfifo((run + "c.txt").c_str(), 0600) == 0);  // opening it would block
    REQUIRE(::truncate((run + "d.jsonl").c_str(), 40) == 0);  // inside line 2
    REQUIRE(::unlink((run + "e.txt").c_str()) == 0);
    REQUIRE(::mkdir((run + "e.txt").c_str(), 0700) == 0);
    dir.Write("run/f.txt", "Foxtrot changed\nnew text\n");
  };
  std::istringstream in;
  std::ostringstream out, err;
  REQUIRE(RunIndexer(options, in, out, err) == 1);
  CHECK(test::MaskIndexerStderr(err.str(), dir.path()) ==
        "DIR/run/b.txt: cannot read: no such file or directory\n"
        "DIR/run/c.txt: cannot read: not a regular file\n"
        "DIR/run/d.jsonl:2:15: invalid JSON: syntax error while parsing object key - invalid "
        "string: missing closing quote; last read: '\"bo'; expected string literal\n"
        "DIR/run/e.txt: cannot read: not a regular file\n"
        "indexed 3 reports (X MB) in T s, R MB/s: 3 added, 0 updated, 0 unchanged, 0 removed; "
        "4 skipped; index DIR/idx holds 3 reports\n");
  options.before_read = nullptr;
  options.inputs.clear();
  options.list = true;
  std::ostringstream list;
  REQUIRE(RunIndexer(options, in, list, err) == 0);
  REQUIRE(test::MaskDir(list.str(), dir.path()) ==
          "DIR/run/a.txt\tAlpha\t\nDIR/run/f.txt\tFoxtrot changed\t\nd1\tkept\t\n");
}

// Not deterministic, but every interleaving must pass: a thread keeps
// deleting, rewriting and replacing files (by FIFOs and directories) under
// the running indexer. No hang, only known messages, the stable files all
// indexed. The changing files come after the stable ones, so most of them
// have changed between the walk and their reading.
TEST_CASE("sousuo-index: files changing while it runs", "[cli][hostile]") {
  test::TempDir dir;
  for (int i = 0; i < 300; ++i) {
    dir.Write("tree/stable/s" + std::to_string(i) + ".txt",
              "Stable " + std::to_string(i) + "\nsteady text " + std::to_string(i) + "\n");
  }
  const std::string flux = dir.path() + "/tree/z-flux/";
  for (int i = 0; i < 200; ++i) {
    dir.Write("tree/z-flux/f" + std::to_string(i) + ".txt", "Flux " + std::to_string(i) + "\nx\n");
  }
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    for (unsigned step = 0; !stop; ++step) {
      const std::string path = flux + "f" + std::to_string(step % 200) + ".txt";
      ::unlink(path.c_str());
      ::rmdir(path.c_str());
      switch ((step % 200 + step / 200) % 4) {
        case 0: break;  // gone
        case 1: ::mkfifo(path.c_str(), 0600); break;
        case 2: ::mkdir(path.c_str(), 0700); break;
        case 3: std::ofstream(path) << "Flux " << step << "\nrewritten\n"; break;
      }
    }
  });
  const test::RunResult r = test::Run({"/usr/bin/timeout", "60", test::IndexBin(), "--index",
                                       dir.path() + "/idx", dir.path() + "/tree"});
  stop = true;
  churn.join();
  CAPTURE(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));  // 124: timed out
  static const std::regex kKnown(
      "DIR/tree/z-flux/f[0-9]+\\.txt: (cannot read: (no such file or directory|not a regular "
      "file)|empty file, skipped)|indexed [0-9]+ reports .*");
  std::istringstream lines(test::MaskIndexerStderr(r.err, dir.path()));
  int messages = 0;
  for (std::string line; std::getline(lines, line); ++messages) {
    CAPTURE(line);
    REQUIRE(std::regex_match(line, kKnown));
  }
  WARN("files changing under sousuo-index: " << messages - 1 << " messages");
  const test::RunResult list =
      test::Run({test::IndexBin(), "--index", dir.path() + "/idx", "--list"});
  size_t stable = 0;
  for (size_t at = 0; (at = list.out.find("stable/s", at)) != std::string::npos; ++at) ++stable;
  REQUIRE(stable == 300);
}

// As root, chmod 000 does not stop reads: the indexer runs as nobody then
// (setpriv, util-linux), so the permission is honestly refused.
TEST_CASE("sousuo-index: unreadable files and directories", "[cli][hostile]") {
  test::TempDir dir;
  dir.Write("in/locked.txt", "Locked\nsecret\n");
  dir.Write("in/locked-dir/inside.txt", "Inside\nhidden\n");
  dir.Write("in/ok.txt", "Open\nreadable\n");
  dir.Write("out/.keep", "");
  REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);
  REQUIRE(::chmod((dir.path() + "/out").c_str(), 0777) == 0);
  REQUIRE(::chmod((dir.path() + "/in/locked.txt").c_str(), 0) == 0);
  REQUIRE(::chmod((dir.path() + "/in/locked-dir").c_str(), 0) == 0);
  std::vector<std::string> argv = {test::IndexBin(), "--index", dir.path() + "/out/idx",
                                   dir.path() + "/in"};
  if (::geteuid() == 0) {
    argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                               "--clear-groups"});
  }
  const test::RunResult r = test::Run(argv);
  CHECK(test::MaskIndexerStderr(r.err, dir.path()) ==
        "DIR/in/locked-dir: cannot read: permission denied\n"
        "DIR/in/locked.txt: cannot read: permission denied\n"
        "indexed 1 report (X MB) in T s, R MB/s: 1 added, 0 updated, 0 unchanged, 0 removed; "
        "2 skipped; index DIR/out/idx holds 1 report\n");
  REQUIRE(r.exit_code == 1);
}

}  // namespace
}  // namespace sousuo
