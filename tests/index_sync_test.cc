// Keeping the index in step with its files: unchanged reports are skipped,
// duplicates stored once, reports of files that are gone removed; --list,
// --remove and --stats. Runs the built sousuo-index.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

#include "common/analyzer.h"
#include "common/document.h"
#include "common/schema.h"
#include "indexer/indexer.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

// Runs sousuo-index on `args` with --index DIR/idx; stderr with the timings
// and compaction sizes replaced and the directory written "DIR".
struct Indexer {
  const test::TempDir& dir;

  test::RunResult Run(std::vector<std::string> args) const {
    args.insert(args.begin(), {test::IndexBin(), "--index", dir.path() + "/idx"});
    test::RunResult r = test::Run(args);
    static const std::regex kTimings(R"(in [0-9]+\.[0-9] s, [0-9]+\.[0-9] MB/s)");
    static const std::regex kSizes(R"([0-9]+\.[0-9] MB -> [0-9]+\.[0-9] MB in [0-9]+\.[0-9] s)");
    static const std::regex kSize(R"(size: [0-9]+\.[0-9] MB)");
    r.err = std::regex_replace(r.err, kTimings, "in T s, R MB/s");
    r.err = std::regex_replace(r.err, kSizes, "X MB -> Y MB in T s");
    r.out = std::regex_replace(r.out, kSize, "size: S MB");
    for (std::string* text : {&r.err, &r.out}) {
      for (size_t at; (at = text->find(dir.path())) != std::string::npos;) {
        text->replace(at, dir.path().size(), "DIR");
      }
    }
    return r;
  }
  std::string Ids() const { return Run({"--list"}).out; }
};

std::string Summary(const std::string& counts, size_t read, size_t holds) {
  return "indexed " + std::to_string(read) + " report" + (read == 1 ? "" : "s") +
         " (0.0 MB) in T s, R MB/s: " + counts + "; 0 skipped; index DIR/idx holds " +
         std::to_string(holds) + " report" + (holds == 1 ? "" : "s") + "\n";
}

constexpr char kCompacted[] = "compacted index DIR/idx: X MB -> Y MB in T s\n";

TEST_CASE("sousuo-index: unchanged reports are skipped, changed ones updated",
          "[cli][sync]") {
  test::TempDir dir;
  const Indexer index{dir};
  dir.Write("tree/a.txt", "Alpha\nfirst body\n");
  dir.Write("tree/b.jsonl", "{\"id\":\"b1\",\"body\":\"one\"}\n{\"id\":\"b2\",\"body\":\"two\"}\n");
  const std::string tree = dir.path() + "/tree";
  test::RunResult r = index.Run({tree});
  CHECK(r.err == Summary("3 added, 0 updated, 0 unchanged, 0 removed", 3, 3) + kCompacted);
  REQUIRE(r.exit_code == 0);

  r = index.Run({tree});
  CHECK(r.err == Summary("0 added, 0 updated, 3 unchanged, 0 removed", 3, 3));
  REQUIRE(r.exit_code == 0);

  // Line endings and trailing spaces do not count as a change; a word does.
  dir.Write("tree/a.txt", "Alpha  \r\nfirst body\t\r\n");
  dir.Write("tree/b.jsonl", "{\"id\":\"b1\",\"body\":\"one\"}\n{\"id\":\"b2\",\"body\":\"2\"}\n");
  r = index.Run({tree});
  CHECK(r.err == Summary("0 added, 1 updated, 2 unchanged, 0 removed", 3, 3));
  REQUIRE(r.exit_code == 0);

  r = index.Run({"--force", tree});
  CHECK(r.err == Summary("0 added, 3 updated, 0 unchanged, 0 removed", 3, 3) + kCompacted);
  REQUIRE(index.Ids() == "a.txt\tAlpha\t\nb1\tone\t\nb2\t2\t\n");
}

TEST_CASE("sousuo-index: the same text by two paths is stored once", "[cli][sync]") {
  test::TempDir dir;
  const Indexer index{dir};
  dir.Write("tree/a.txt", "Memo\nthe same text\n");
  dir.Write("tree/b/copy.txt", "Memo \r\nthe same text  \r\n");
  dir.Write("tree/c.jsonl",
            "{\"id\":\"c1\",\"title\":\"Memo\",\"body\":\"the same text\"}\n"
            "{\"id\":\"c2\",\"title\":\"Other\",\"body\":\"the same text\"}\n");
  test::RunResult r = index.Run({dir.path() + "/tree"});
  CHECK(r.err ==
        "DIR/tree/b/copy.txt: same text as a.txt, skipped\n"
        "DIR/tree/c.jsonl:1: same text as a.txt, skipped\n" +
            Summary("2 added, 0 updated, 0 unchanged, 0 removed, 2 duplicates", 4, 2) +
            kCompacted);
  REQUIRE(r.exit_code == 0);
  REQUIRE(index.Ids() == "a.txt\tMemo\t\nc2\tOther\t\n");

  // The kept copy goes: the duplicate takes its place.
  std::filesystem::remove(dir.path() + "/tree/a.txt");
  r = index.Run({dir.path() + "/tree"});
  CHECK(r.err ==
        "DIR/tree/c.jsonl:1: same text as b/copy.txt, skipped\n"
        "DIR/tree/a.txt: gone, removed 1 report\n" +
            Summary("1 added, 0 updated, 1 unchanged, 1 removed, 1 duplicate", 3, 2) +
            kCompacted);
  REQUIRE(index.Ids() == "b/copy.txt\tMemo\t\nc2\tOther\t\n");
}

TEST_CASE("sousuo-index: reports of files that are gone are removed", "[cli][sync]") {
  test::TempDir dir;
  const Indexer index{dir};
  dir.Write("tree/a.txt", "A\nbody a\n");
  dir.Write("tree/sub/b.txt", "B\nbody b\n");
  dir.Write("tree/c.jsonl", "{\"id\":\"c1\",\"body\":\"one\"}\n{\"id\":\"c2\",\"body\":\"two\"}\n");
  dir.Write("other/d.txt", "D\nbody d\n");
  const std::string tree = dir.path() + "/tree";
  REQUIRE(index.Run({"-q", tree, dir.path() + "/other"}).exit_code == 0);
  REQUIRE(index.Ids() == "a.txt\tA\t\nc1\tone\t\nc2\ttwo\t\nd.txt\tD\t\nsub/b.txt\tB\t\n");

  // A file deleted, a JSON line dropped, and the other root not given.
  std::filesystem::remove_all(dir.path() + "/tree/sub");
  dir.Write("tree/c.jsonl", "{\"id\":\"c2\",\"body\":\"two\"}\n");
  std::filesystem::remove_all(dir.path() + "/other");
  test::RunResult r = index.Run({"--no-delete", tree});
  CHECK(r.err == Summary("0 added, 0 updated, 2 unchanged, 0 removed", 2, 5));
  r = index.Run({tree + "/"});
  CHECK(r.err ==
        "DIR/tree/c.jsonl: removed 1 report\n"
        "DIR/tree/sub/b.txt: gone, removed 1 report\n" +
            Summary("0 added, 0 updated, 2 unchanged, 2 removed", 2, 3));
  REQUIRE(r.exit_code == 0);
  REQUIRE(index.Ids() == "a.txt\tA\t\nc2\ttwo\t\nd.txt\tD\t\n");

  // A file that cannot be read keeps its reports; a missing root removes
  // nothing; a file given as the root is checked on its own.
  dir.Write("tree/a.txt", std::string("\0binary", 7));
  r = index.Run({tree, dir.path() + "/nowhere"});
  CHECK(r.err ==
        "DIR/tree/a.txt: binary data, skipped\n"
        "DIR/nowhere: cannot read: no such file or directory\n"
        "indexed 1 report (0.0 MB) in T s, R MB/s: 0 added, 0 updated, 1 unchanged, "
        "0 removed; 2 skipped; index DIR/idx holds 3 reports\n");
  REQUIRE(r.exit_code == 1);
  r = index.Run({"-q", dir.path() + "/other"});
  REQUIRE(r.err == "DIR/other: cannot read: no such file or directory\n");
  REQUIRE(index.Ids() == "a.txt\tA\t\nc2\ttwo\t\nd.txt\tD\t\n");
  std::filesystem::create_directory(dir.path() + "/other");
  r = index.Run({dir.path() + "/tree/c.jsonl", dir.path() + "/other"});
  CHECK(r.err == "DIR/other/d.txt: gone, removed 1 report\n" +
                     Summary("0 added, 0 updated, 1 unchanged, 1 removed", 1, 2));
  REQUIRE(index.Ids() == "a.txt\tA\t\nc2\ttwo\t\n");
}

TEST_CASE("sousuo-index: --list, --remove and --stats", "[cli][sync]") {
  test::TempDir dir;
  const Indexer index{dir};
  dir.Write("tree/a.txt", "A title\nbody a\n");
  dir.Write("tree/sub/b.md", "# 标题\n\n正文\n");
  dir.Write("tree/c.jsonl",
            "{\"id\":\"c1\",\"title\":\"Tab\\there\",\"body\":\"one\",\"date\":\"1987-03-01\","
            "\"source\":\"Reuters\"}\n"
            "{\"id\":\"c2\",\"body\":\"two\",\"date\":\"2019-12-31\",\"source\":\"Reuters\"}\n");
  REQUIRE(index.Run({"-q", dir.path() + "/tree"}).exit_code == 0);
  test::RunResult r = index.Run({"--list"});
  REQUIRE(r.out ==
          "a.txt\tA title\t\n"
          "c1\tTab here\t1987-03-01\n"
          "c2\ttwo\t2019-12-31\n"
          "sub/b.md\t标题\t\n");
  REQUIRE(r.err == "");
  REQUIRE(r.exit_code == 0);

  r = index.Run({"--stats"});
  REQUIRE(r.out ==
          "index: DIR/idx\n"
          "schema: 3\n"
          "analyzer: " + Analyzer::Signature() + "\n"
          "reports: 4\n"
          "size: S MB\n"
          "dates: 1987-03-01 to 2019-12-31\n"
          "language en: 3\n"
          "language zh: 1\n"
          "source (none): 2\n"
          "source Reuters: 2\n");
  REQUIRE(r.exit_code == 0);

  // By id, by file, by directory; one that matches nothing.
  r = index.Run({"--remove", "c1", dir.path() + "/tree/sub", "nothing"});
  REQUIRE(r.err ==
          "nothing: no report with this id or file in the index\n"
          "removed 2 reports; index DIR/idx holds 2 reports\n");
  REQUIRE(r.exit_code == 1);
  r = index.Run({"--remove", dir.path() + "/tree/a.txt"});
  REQUIRE(r.err == "removed 1 report; index DIR/idx holds 1 report\n");
  REQUIRE(r.exit_code == 0);
  REQUIRE(index.Ids() == "c2\ttwo\t2019-12-31\n");
  REQUIRE(index.Run({"-q", "--remove", "c2"}).err == "");
  REQUIRE(index.Ids() == "");
  r = index.Run({"--stats"});
  REQUIRE(r.out.find("reports: 0\nsize: S MB\ndates: none\n") != std::string::npos);
}

TEST_CASE("RunIndexer: an interrupted run commits and exits 130", "[indexer][sync]") {
  test::TempDir dir;
  IndexerOptions options;
  options.inputs = {"-"};
  options.index_path = dir.path() + "/idx";
  volatile std::sig_atomic_t interrupted = 1;  // as if Ctrl-C came at once
  options.interrupted = &interrupted;
  std::istringstream in("{\"id\":\"a\",\"body\":\"x\"}\n");
  std::ostringstream out, err;
  REQUIRE(RunIndexer(options, in, out, err) == kExitInterrupted);
  REQUIRE(err.str() == "interrupted: committed 0 reports\n");
  REQUIRE(Xapian::Database(dir.path() + "/idx").get_doccount() == 0);
}

}  // namespace
}  // namespace sousuo
