// Runs the built sousuo-index on generated inputs and checks exit codes,
// the exact messages and what lands in the index.
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "common/document.h"
#include "common/report_path.h"
#include "common/schema.h"
#include "indexer/indexer.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

test::RunResult Index(std::vector<std::string> args,
                      const std::string& input = "",
                      const std::vector<std::string>& env = {}) {
  args.insert(args.begin(), test::IndexBin());
  return test::Run(args, env, input);
}

// stderr with the timings replaced ("in T s, R MB/s") and `dir` as "DIR".
std::string Normalize(const std::string& err, const std::string& dir) {
  static const std::regex kTimings(R"(in [0-9]+\.[0-9] s, [0-9]+\.[0-9] MB/s)");
  static const std::regex kCompaction(R"(: [0-9]+\.[0-9] MB -> [0-9]+\.[0-9] MB in [0-9]+\.[0-9] s)");
  std::string out = std::regex_replace(err, kTimings, "in T s, R MB/s");
  out = std::regex_replace(out, kCompaction, ": X MB -> Y MB in T s");
  for (size_t at; (at = out.find(dir)) != std::string::npos;) {
    out.replace(at, dir.size(), "DIR");
  }
  return out;
}

Xapian::doccount DocCount(const std::string& index) {
  return Xapian::Database(index).get_doccount();
}

// The id of the report of file `relative` in `dir`: its canonical path.
std::string FileId(const test::TempDir& dir, const std::string& relative) {
  return FileReportId(dir.path() + "/" + relative);
}

// The stored report with `id`, or an empty Report.
Report Stored(const std::string& index, const std::string& id) {
  Xapian::Database db(index);
  const std::string term = IdTerm(id);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    return ParseReport(db.get_document(*it).get_data());
  }
  return Report{};
}

void WriteTree(const test::TempDir& dir) {
  dir.Write("tree/a.txt",
            "Quarterly cocoa report\nShowers continued in the Bahia zone.\n");
  dir.Write("tree/b/notes.md", "# 济南市教育工作会议\n\n会议在济南召开。\n");
  dir.Write("tree/c.jsonl",
            "{\"id\":\"j1\",\"title\":\"Grain\",\"body\":\"Wheat "
            "rose.\",\"date\":\"1987-03-01\"}\n"
            "\n"
            "{\"id\":2,\"body\":\"First line is the title\\nrest\"}\n");
  dir.Write("tree/skip.png", "not a report");
  dir.Write("tree/.hidden/h.txt", "hidden");
}

TEST_CASE("sousuo-index: a small tree, indexed twice", "[cli][indexer]") {
  test::TempDir dir;
  WriteTree(dir);
  const std::string index = dir.path() + "/idx";
  test::RunResult r = Index({"--index", index, dir.path() + "/tree"});
  CHECK(Normalize(r.err, dir.path()) ==
        "indexed 4 reports (0.0 MB) in T s, R MB/s: 4 added, 0 updated, 0 unchanged, "
        "0 removed; 0 skipped; index DIR/idx holds 4 reports\n"
        "compacted index DIR/idx: X MB -> Y MB in T s\n");  // a new index
  REQUIRE(r.exit_code == 0);
  REQUIRE(DocCount(index) == 4);
  REQUIRE(Stored(index, FileId(dir, "tree/a.txt")).title == "Quarterly cocoa report");
  REQUIRE(Stored(index, FileId(dir, "tree/a.txt")).path == FileId(dir, "tree/a.txt"));
  REQUIRE(Stored(index, FileId(dir, "tree/b/notes.md")).title == "济南市教育工作会议");
  REQUIRE(Stored(index, FileId(dir, "tree/b/notes.md")).lang == "zh");
  REQUIRE(Stored(index, "j1").path == FileId(dir, "tree/c.jsonl"));
  REQUIRE(Stored(index, "j1").date == "1987-03-01");
  REQUIRE(Stored(index, "2").title == "First line is the title");

  r = Index(
      {"--index", index, "--batch", "1", "--verbose", dir.path() + "/tree/"});
  CHECK(Normalize(r.err, dir.path()) ==
        "DIR/tree/a.txt: indexed 1 report\n"
        "DIR/tree/b/notes.md: indexed 1 report\n"
        "DIR/tree/c.jsonl: indexed 2 reports\n"
        "DIR/tree/skip.png: skipped (unknown extension)\n"
        "indexed 4 reports (0.0 MB) in T s, R MB/s: 0 added, 0 updated, 4 unchanged, "
        "0 removed; 0 skipped; index DIR/idx holds 4 reports\n");
  REQUIRE(r.exit_code == 0);
  REQUIRE(DocCount(index) == 4);

  r = Index({"--index", index, "--quiet", dir.path() + "/tree/a.txt"});
  REQUIRE(r.err == "");
  REQUIRE(r.exit_code == 0);
  REQUIRE(DocCount(index) == 4);
}

TEST_CASE(
    "sousuo-index: SOUSUO_INDEX, and a file named with an unknown extension",
    "[cli][indexer]") {
  test::TempDir dir;
  dir.Write("notes.log", "Title\nBody\n");  // named explicitly: read as text
  const test::RunResult r = Index({dir.path() + "/notes.log"}, "",
                                  {"SOUSUO_INDEX=" + dir.path() + "/env-idx"});
  CHECK(Normalize(r.err, dir.path()) ==
        "indexed 1 report (0.0 MB) in T s, R MB/s: 1 added, 0 updated, 0 unchanged, 0 removed; 0 skipped; index "
        "DIR/env-idx holds 1 report\n"
        "compacted index DIR/env-idx: X MB -> Y MB in T s\n");
  REQUIRE(r.exit_code == 0);
  REQUIRE(Stored(dir.path() + "/env-idx", FileId(dir, "notes.log")).title == "Title");
}

TEST_CASE("sousuo-index: standard input as JSON Lines and as text",
          "[cli][indexer]") {
  test::TempDir dir;
  const std::string index = dir.path() + "/idx";
  test::RunResult r =
      Index({"--index", index, "-"},
            "\n  {\"id\":\"s1\",\"title\":\"T\",\"body\":\"B\"}\n"
            "{\"id\":\"s2\",\"body\":}\n");
  CHECK(Normalize(r.err, dir.path()) ==
        "<stdin>:3:19: invalid JSON: syntax error while parsing value - "
        "unexpected '}'; "
        "expected '[', '{', or a literal\n"
        "indexed 1 report (0.0 MB) in T s, R MB/s: 1 added, 0 updated, 0 unchanged, 0 removed; 1 skipped; index DIR/idx "
        "holds 1 report\n"
        "compacted index DIR/idx: X MB -> Y MB in T s\n");
  REQUIRE(r.exit_code == 1);
  REQUIRE(Stored(index, "s1").title == "T");
  REQUIRE(Stored(index, "s1").path == "");

  r = Index({"--index", index, "-q", "-"}, "A memo from stdin\nwith a body\n");
  REQUIRE(r.err == "");
  REQUIRE(r.exit_code == 0);
  REQUIRE(Stored(index, "stdin").title == "A memo from stdin");

  r = Index({"--index", index, "-q", "--stdin-id", "memo-7", "-"},
            "Other memo\n");
  REQUIRE(r.exit_code == 0);
  REQUIRE(Stored(index, "memo-7").title == "Other memo");
  REQUIRE(Stored(index, "memo-7").body == "");
  REQUIRE(DocCount(index) == 3);

  r = Index({"--index", index, "-"}, " \n");
  CHECK(r.err.rfind("<stdin>: empty file, skipped\n", 0) == 0);
  REQUIRE(r.exit_code == 1);
}

TEST_CASE("sousuo-index: bad inputs are reported and good ones indexed",
          "[cli][indexer]") {
  test::TempDir dir;
  dir.Write("in/good.txt", "Good report\nFine.\n");
  dir.Write("in/empty.txt", "");
  dir.Write("in/blank.md", "  \n\n");
  dir.Write("in/binary.txt", std::string("abc\0def", 7));
  dir.Write("in/bad-utf8.txt", "Title\nbody \xFF here\n");
  dir.Write("in/huge.txt", "");
  REQUIRE(::truncate((dir.path() + "/in/huge.txt").c_str(), (64 << 20) + 1) ==
          0);
  dir.Write("in/bad.jsonl",
            "{\"id\":\"ok1\",\"body\":\"fine\"}\n"
            "{\"id\": \"y\", \"body\": }\n"
            "[1]\n"
            "{\"title\":\"no id\",\"body\":\"x\"}\n"
            "{\"id\":\"nobody\"}\n"
            "\n"
            "{\"id\":\"ok2\",\"body\":\"fine too\",\"date\":\"1987-13-01\"}\n");
  const std::string index = dir.path() + "/idx";
  const std::vector<std::string> args = {"--index", index, dir.path() + "/in",
                                         dir.path() + "/missing.txt"};
  test::RunResult r = Index(args);
  CHECK(
      Normalize(r.err, dir.path()) ==
      "DIR/in/bad-utf8.txt:2:6: invalid UTF-8, replaced with U+FFFD\n"
      "DIR/in/bad.jsonl:2:21: invalid JSON: syntax error while parsing value - "
      "unexpected '}'; expected '[', '{', or a literal\n"
      "DIR/in/bad.jsonl:3: not a JSON object\n"
      "DIR/in/bad.jsonl:4: missing \"id\"\n"
      "DIR/in/bad.jsonl:5: missing \"body\"\n"
      "DIR/in/bad.jsonl:7: invalid date \"1987-13-01\", ignored\n"
      "DIR/in/binary.txt: binary data, skipped\n"
      "DIR/in/blank.md: empty file, skipped\n"
      "DIR/in/empty.txt: empty file, skipped\n"
      "DIR/in/huge.txt: larger than 64 MiB, skipped (large files are not "
      "supported yet)\n"
      "DIR/missing.txt: cannot read: no such file or directory\n"
      "indexed 4 reports (0.0 MB) in T s, R MB/s: 4 added, 0 updated, 0 unchanged, 0 removed; 9 skipped, 2 repaired; "
      "index DIR/idx holds 4 reports\n"
      "compacted index DIR/idx: X MB -> Y MB in T s\n");
  REQUIRE(r.exit_code == 1);
  REQUIRE(DocCount(index) == 4);
  REQUIRE(Stored(index, FileId(dir, "in/bad-utf8.txt")).body == "body \xEF\xBF\xBD here");
  REQUIRE(Stored(index, "ok2").date == "");

  std::vector<std::string> quiet = args;
  quiet.push_back("-q");
  r = Index(quiet);
  REQUIRE(
      Normalize(r.err, dir.path()) ==
      "DIR/in/bad.jsonl:2:21: invalid JSON: syntax error while parsing value - "
      "unexpected '}'; expected '[', '{', or a literal\n"
      "DIR/in/bad.jsonl:3: not a JSON object\n"
      "DIR/in/bad.jsonl:4: missing \"id\"\n"
      "DIR/in/bad.jsonl:5: missing \"body\"\n"
      "DIR/in/binary.txt: binary data, skipped\n"
      "DIR/in/blank.md: empty file, skipped\n"
      "DIR/in/empty.txt: empty file, skipped\n"
      "DIR/in/huge.txt: larger than 64 MiB, skipped (large files are not "
      "supported yet)\n"
      "DIR/missing.txt: cannot read: no such file or directory\n");
  REQUIRE(r.exit_code == 1);
}

TEST_CASE("sousuo-index: fatal errors exit 2", "[cli][indexer]") {
  test::TempDir dir;
  const std::string input = dir.Write("r.txt", "Title\nBody\n");
  const std::string index = dir.path() + "/idx";
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::string file = dir.Write("plain-file", "x");
  dir.Write("others/notes.txt", "someone's files");
  const Case cases[] = {
      {{"--index", file, input},
       "sousuo-index: index 'DIR/plain-file' is not a directory\n"},
      {{"--index", dir.path() + "/others", input},
       "sousuo-index: index 'DIR/others' is not a sousuo index (the directory "
       "holds other "
       "files)\n"},
      {{"--index", index, "--batch", "0", input},
       "sousuo-index: --batch must be at least 1\n"},
      {{"--index", index, "-", "-"},
       "sousuo-index: standard input ('-') given more than once\n"},
      {{"--index", index, "--stdin-id", "", "-"},
       "sousuo-index: --stdin-id must not be empty\n"},
      {{"--index", index}, "sousuo-index: no INPUT given (or --list, --remove ID..., --stats)\n"},
      {{"--index", index, "--list", "--stats"},
       "sousuo-index: --list, --remove and --stats cannot be combined\n"},
      {{"--index", index, "--list", "--remove", "x"},
       "sousuo-index: --list, --remove and --stats cannot be combined\n"},
      {{"--index", index, "--stats", input},
       "sousuo-index: --list, --remove and --stats take no INPUT\n"},
      {{"--index", index, "--list"},
       "sousuo-index: index 'DIR/idx' does not exist (build it with sousuo-index)\n"},
      {{"--index", index, "--stats"},
       "sousuo-index: index 'DIR/idx' does not exist (build it with sousuo-index)\n"},
      {{"--index", index, "--remove", "x"},
       "sousuo-index: index 'DIR/idx' does not exist (build it with sousuo-index)\n"},
      {{"--index", index, "--remove"},
       "sousuo-index: --remove: 1 required ID|PATH missing\n"},
      {{"--index", index, "--batch", "many", input},
       "sousuo-index: Could not convert: --batch = many\n"},
      {{"--index", index, "--bogus", input},
       "sousuo-index: The following argument was not expected: --bogus\n"},
      {{"--index", index, "-q", "-v", input},
       "sousuo-index: --quiet excludes --verbose\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args);
    const test::RunResult r = Index(c.args);
    CHECK(Normalize(r.err, dir.path()) == c.err);
    REQUIRE(r.exit_code == 2);
  }
  REQUIRE(access(index.c_str(), F_OK) != 0);  // nothing was created
}

TEST_CASE("sousuo-index: a locked index exits 2", "[cli][indexer]") {
  test::TempDir dir;
  const std::string input = dir.Write("r.txt", "Title\nBody\n");
  const std::string index = dir.path() + "/idx";
  Xapian::WritableDatabase holder(index, Xapian::DB_CREATE_OR_OPEN);
  const test::RunResult r = Index({"--index", index, input});
  REQUIRE(r.err ==
          "sousuo-index: index '" + index + "' is locked by another writer\n");
  REQUIRE(r.exit_code == 2);
  REQUIRE(holder.get_doccount() == 0);
}

TEST_CASE("sousuo-index: --wait waits for the other writer", "[cli][indexer]") {
  test::TempDir dir;
  const std::string input = dir.Write("r.txt", "Title\nBody\n");
  const std::string index = dir.path() + "/idx";
  Xapian::WritableDatabase holder(index, Xapian::DB_CREATE_OR_OPEN);
  test::RunResult r;
  std::thread waiter([&] { r = Index({"-q", "--wait", "--index", index, input}); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  holder.close();  // the indexer gets the lock now
  waiter.join();
  REQUIRE(r.err == "");
  REQUIRE(r.exit_code == 0);
  REQUIRE(DocCount(index) == 1);
}

TEST_CASE("sousuo-index: --version and --help", "[cli][indexer]") {
  test::RunResult r = Index({"--version"});
  REQUIRE(r.out == "sousuo-index 0.1.0\n");
  REQUIRE(r.exit_code == 0);
  r = Index({"--help"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(
      r.out.find("Exit codes: 0 every input indexed; 1 some inputs skipped") !=
      std::string::npos);
}

// The first `lines` lines of `path`, or "" if it cannot be read.
std::string Head(const std::string& path, int lines) {
  std::ifstream in(path, std::ios::binary);
  std::string out, line;
  for (int i = 0; i < lines && std::getline(in, line); ++i) out += line + "\n";
  return out;
}

TEST_CASE("sousuo-index: the shared corpora's shapes index", "[cli][indexer]") {
  const std::string corpus = test::SharedCorpusDir();
  const std::string en = Head(corpus + "/en-news/reuters21578.jsonl", 200);
  const std::string zh = Head(corpus + "/zh-news/xwlb-2018-2020.jsonl", 200);
  if (access((corpus + "/seed").c_str(), R_OK) != 0 || en.empty() ||
      zh.empty()) {
    WARN("shared corpus not found at " + corpus + ": test skipped");
    return;
  }
  test::TempDir dir;
  dir.Write("en.jsonl", en);
  dir.Write("zh.jsonl", zh);
  const std::string index = dir.path() + "/idx";
  test::RunResult r = Index({"--index", index, "-q", dir.path() + "/en.jsonl",
                             dir.path() + "/zh.jsonl"});
  REQUIRE(r.err == "");
  REQUIRE(r.exit_code == 0);
  // Reuters-21578 holds reut-32's text again as reut-55: stored once.
  REQUIRE(DocCount(index) == 399);
  REQUIRE(Stored(index, "reut-32").title != "");
  REQUIRE(Stored(index, "reut-55").title == "");
  REQUIRE(Stored(index, "reut-1").title == "BAHIA COCOA REVIEW");
  REQUIRE(Stored(index, "reut-1").date == "1987-02-26");
  REQUIRE(Stored(index, "xwlb-20180101-01").lang == "zh");
  REQUIRE(Stored(index, "xwlb-20180101-01").source == "CCTV 新闻联播");

  // The seed report opens with a long sentence, so its title is its name.
  r = Index({"--index", index, "-q", corpus + "/seed"});
  REQUIRE(r.err == "");
  REQUIRE(r.exit_code == 0);
  const Report seed = Stored(index, FileReportId(corpus + "/seed/jinan-education-conference.txt"));
  REQUIRE(seed.title == "jinan-education-conference");
  REQUIRE(seed.body.rfind("On the morning of April 13th, Jinan City", 0) == 0);
}

TEST_CASE("RunIndexer: in process, standard input from a stream", "[indexer]") {
  test::TempDir dir;
  IndexerOptions options;
  options.inputs = {"-"};
  options.index_path = dir.path() + "/idx";
  options.verbosity = IndexerOptions::Verbosity::kVerbose;
  std::istringstream in(
      "{\"id\":\"a\",\"body\":\"x\"}\n{\"id\":\"b\",\"body\":\"y\"}\n");
  std::ostringstream out, err;
  REQUIRE(RunIndexer(options, in, out, err) == 0);
  REQUIRE(out.str() == "");
  REQUIRE(Normalize(err.str(), dir.path()) ==
          "<stdin>: indexed 2 reports\n"
          "indexed 2 reports (0.0 MB) in T s, R MB/s: 2 added, 0 updated, 0 unchanged, "
          "0 removed; 0 skipped; index DIR/idx holds 2 reports\n"
          "compacted index DIR/idx: X MB -> Y MB in T s\n");
}

TEST_CASE("WithThousands", "[indexer]") {
  REQUIRE(WithThousands(0) == "0");
  REQUIRE(WithThousands(999) == "999");
  REQUIRE(WithThousands(1000) == "1,000");
  REQUIRE(WithThousands(12345) == "12,345");
  REQUIRE(WithThousands(1234567) == "1,234,567");
}

TEST_CASE("sousuo-index: terms past Xapian's limits are handled", "[cli][indexer]") {
  test::TempDir dir;
  const std::string index = dir.path() + "/index";
  // A 300-byte id (Xapian terms stop at 245 bytes), a source word and a body
  // token of a megabyte with no break at all.
  const std::string id(300, 'i');
  const std::string line = "{\"id\":\"" + id + "\",\"title\":\"findme\",\"source\":\"" +
                           std::string(300, 's') + "\",\"body\":\"alpha " +
                           std::string(1 << 20, 'x') + " omega\"}\n";
  const std::string file = dir.Write("long.jsonl", line);
  for (int run = 0; run < 2; ++run) {
    const test::RunResult r = Index({"-q", "--index", index, file});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(DocCount(index) == 1);  // the hashed id term still replaces
  }
  const test::RunResult q =
      test::Run({test::QueryBin(), "--index", index, "--json", "findme", "omega"});
  REQUIRE(q.exit_code == 0);
  REQUIRE(q.out.find(id) != std::string::npos);
}

TEST_CASE("sousuo-index: compaction when the run doubles the index", "[cli][indexer]") {
  test::TempDir dir;
  const std::string index = dir.path() + "/idx";
  std::string lines;
  for (int i = 0; i < 50; ++i) {
    lines += "{\"id\":\"r" + std::to_string(i) + "\",\"body\":\"report " +
             std::to_string(i) + " 济南市召开会议\"}\n";
  }
  const std::string all = dir.Write("all.jsonl", lines);
  const std::string one = dir.Write("one.jsonl", "{\"id\":\"extra\",\"body\":\"extra\"}\n");
  // A new index is compacted; a small addition is not; --compact forces it,
  // --no-compact prevents it.
  REQUIRE(Normalize(Index({"--index", index, all}).err, dir.path()).find("compacted index") !=
          std::string::npos);
  REQUIRE(Index({"--index", index, one}).err.find("compacted") == std::string::npos);
  const test::RunResult forced = Index({"--index", index, "--compact", one});
  REQUIRE(forced.exit_code == 0);
  REQUIRE(forced.err.find("compacted index " + index + ": ") != std::string::npos);
  REQUIRE(Index({"--index", index, "--no-compact", all}).err.find("compacted") ==
          std::string::npos);
  REQUIRE(Index({"--index", index, "--compact", "--no-compact", one}).exit_code == 2);
  // The compacted index is complete and searchable; nothing is left beside it.
  REQUIRE(DocCount(index) == 51);
  REQUIRE(test::Run({test::QueryBin(), "--index", index, "济南", "report"}).exit_code == 0);
  REQUIRE_FALSE(std::filesystem::exists(index + ".compacting"));
}

TEST_CASE("sousuo-index: a new index built in parallel equals one built serially",
          "[cli][indexer]") {
  test::TempDir dir;
  const std::string serial = dir.path() + "/serial";
  const std::string parallel = dir.path() + "/parallel";
  const std::string samples = test::SamplesDir();
  REQUIRE(Index({"-q", "--threads", "1", "--index", serial, samples}).exit_code == 0);
  // --batch 3: several merges of shards on the way, each doubling the index.
  const test::RunResult r =
      Index({"--threads", "3", "--batch", "3", "--index", parallel, samples});
  REQUIRE(r.exit_code == 0);
  REQUIRE(Normalize(r.err, dir.path()) ==
          "indexed 20 reports (0.0 MB) in T s, R MB/s: 20 added, 0 updated, 0 unchanged, 0 "
          "removed; 0 skipped; index DIR/parallel holds 20 reports\n"
          "compacted index DIR/parallel: X MB -> Y MB in T s\n");
  const test::RunResult list_serial = Index({"--list", "--index", serial});
  REQUIRE(list_serial.out.size() > 0);
  REQUIRE(Index({"--list", "--index", parallel}).out == list_serial.out);
  REQUIRE(std::filesystem::directory_iterator(dir.path()) != std::filesystem::directory_iterator());
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    INFO(name);
    REQUIRE((name == "serial" || name == "parallel"));  // no shards left beside
  }
  // A second run over the same files finds them unchanged.
  const test::RunResult again =
      Index({"--threads", "3", "--index", parallel, samples});
  REQUIRE(again.exit_code == 0);
  REQUIRE(again.err.find("0 added, 0 updated, 20 unchanged, 0 removed") != std::string::npos);
  for (const char* query : {"report", "济南", "\"义务植树\""}) {
    INFO(query);
    // The hits as sorted lines without their rank: the same reports with the
    // same scores, though ties may come in another order.
    const auto hits = [&](const std::string& index) {
      const test::RunResult q =
          test::Run({test::QueryBin(), "--index", index, "--json", "-n", "50", query});
      REQUIRE(q.exit_code == 0);
      std::vector<std::string> lines;
      std::istringstream in(q.out);
      for (std::string line; std::getline(in, line);) {
        lines.push_back(std::regex_replace(line, std::regex("^\\{\"rank\":[0-9]+,"), "{"));
      }
      std::sort(lines.begin(), lines.end());
      return lines;
    };
    REQUIRE(hits(parallel) == hits(serial));
  }
}

}  // namespace
}  // namespace sousuo
