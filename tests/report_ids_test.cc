// Issue 12, "Report ids": a file report's id is its canonical path, so
// nothing is lost or renamed by how a path was typed or from where; JSON
// Lines ids given twice in a run are reported; folded duplicates take the
// place of the report they were folded into. Runs the built programs in a
// temporary directory, from working directories inside it.
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "common/analyzer.h"
#include "common/document.h"
#include "common/report_path.h"
#include "common/schema.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

namespace fs = std::filesystem;

// sousuo-index and sousuo-query on the index DIR/idx, run in DIR/`cwd`;
// outputs with the timings masked and the directory written "DIR".
struct Programs {
  const test::TempDir& dir;

  test::RunResult Run(const std::string& program, const std::string& cwd,
                      std::vector<std::string> args) const {
    args.insert(args.begin(), {program, "--index", dir.path() + "/idx"});
    test::RunResult r = test::Run(args, {}, "", dir.path() + "/" + cwd);
    static const std::regex kTimings(
        R"(\([0-9]+\.[0-9] MB\) in [0-9]+\.[0-9] s, [0-9]+\.[0-9] MB/s)");
    r.err = std::regex_replace(r.err, kTimings, "in T s");
    r.err = std::regex_replace(r.err, std::regex("compacted index .*\n"), "");
    r.err = test::MaskDir(r.err, dir.path());
    r.out = test::MaskDir(r.out, dir.path());
    return r;
  }
  test::RunResult Index(const std::string& cwd, std::vector<std::string> args) const {
    return Run(test::IndexBin(), cwd, std::move(args));
  }
  // --list's report lines.
  std::string Ids() const { return Index("", {"--list"}).out; }
  // The ids of the reports `sousuo-query --json` finds for `query`.
  std::string Finds(const std::string& query) const {
    const test::RunResult r = Run(test::QueryBin(), "", {"--json", "--snippets", "0", query});
    static const std::regex kId("\"id\":\"([^\"]*)\"");
    std::string ids;
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), kId);
         it != std::sregex_iterator(); ++it) {
      ids += (*it)[1].str() + " ";
    }
    return ids;
  }
};

// The summary line; `also` follows the count of reports the index holds.
std::string Summary(const std::string& counts, size_t read, size_t holds,
                    const std::string& skipped = "0 skipped", const std::string& also = "") {
  return "indexed " + std::to_string(read) + " report" + (read == 1 ? "" : "s") +
         " in T s: " + counts + "; " + skipped + "; index DIR/idx holds " +
         std::to_string(holds) + " report" + (holds == 1 ? "" : "s") + also + "\n";
}

TEST_CASE("Report ids: same-named files in two folders are two reports", "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  dir.Write("y2023/summary.txt", "Summary 2023\nHarvest fell.\n");
  dir.Write("y2024/summary.txt", "Summary 2024\nHarvest rose.\n");
  dir.Write("a/notes.txt", "Notes A\nfirst\n");
  dir.Write("b/notes.txt", "Notes B\nsecond\n");
  test::RunResult r = run.Index("", {"y2023/", "y2024/"});
  CHECK(r.err == Summary("2 added, 0 updated, 0 unchanged, 0 removed", 2, 2));
  REQUIRE(r.exit_code == 0);
  r = run.Index("", {"a/notes.txt", dir.path() + "/b/notes.txt"});
  CHECK(r.err == Summary("2 added, 0 updated, 0 unchanged, 0 removed", 2, 4));
  REQUIRE(run.Ids() ==
          "DIR/a/notes.txt\tNotes A\t\n"
          "DIR/b/notes.txt\tNotes B\t\n"
          "DIR/y2023/summary.txt\tSummary 2023\t\n"
          "DIR/y2024/summary.txt\tSummary 2024\t\n");
}

void WriteCorpus(const test::TempDir& dir) {
  dir.Write("corpus/en/1.txt", "Cocoa\nShowers in Bahia.\n");
  dir.Write("corpus/en/2.txt", "Grain\nWheat rose.\n");
  dir.Write("corpus/zh/3.txt", "济南\n会议在济南召开。\n");
}

constexpr char kCorpusIds[] =
    "DIR/corpus/en/1.txt\tCocoa\t\n"
    "DIR/corpus/en/2.txt\tGrain\t\n"
    "DIR/corpus/zh/3.txt\t济南\t\n";

TEST_CASE("Report ids: a parent folder, then a subfolder, touch only those files",
          "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  WriteCorpus(dir);
  REQUIRE(run.Index("", {"-q", "corpus"}).exit_code == 0);
  test::RunResult r = run.Index("", {"corpus/en"});
  CHECK(r.err == Summary("0 added, 0 updated, 2 unchanged, 0 removed", 2, 3));
  REQUIRE(r.exit_code == 0);
  r = run.Index("corpus/zh", {"../en/", "."});  // from inside, relative
  CHECK(r.err == Summary("0 added, 0 updated, 3 unchanged, 0 removed", 3, 3));
  REQUIRE(run.Ids() == kCorpusIds);
}

TEST_CASE("Report ids: a subfolder, then its parent folder", "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  WriteCorpus(dir);
  REQUIRE(run.Index("corpus", {"-q", "en"}).exit_code == 0);
  const test::RunResult r = run.Index("", {dir.path() + "/corpus"});
  CHECK(r.err == Summary("1 added, 0 updated, 2 unchanged, 0 removed", 3, 3));
  REQUIRE(r.exit_code == 0);
  REQUIRE(run.Ids() == kCorpusIds);
}

TEST_CASE("Report ids: one edited file by its own path, from another directory",
          "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  WriteCorpus(dir);
  REQUIRE(run.Index("", {"-q", "corpus"}).exit_code == 0);
  dir.Write("corpus/en/1.txt", "Cocoa revised\nShowers in Bahia and Ilheus.\n");
  test::RunResult r = run.Index("corpus/zh", {"../en/1.txt"});
  CHECK(r.err == Summary("0 added, 1 updated, 0 unchanged, 0 removed", 1, 3));
  REQUIRE(r.exit_code == 0);
  dir.Write("corpus/en/1.txt", "Cocoa final\nShowers in Bahia and Ilheus.\n");
  r = run.Index("corpus/en", {"-v", dir.path() + "/corpus/en/1.txt"});
  CHECK(r.err == "1.txt: indexed 1 report\n" +
                     Summary("0 added, 1 updated, 0 unchanged, 0 removed", 1, 3));
  REQUIRE(run.Ids() ==
          "DIR/corpus/en/1.txt\tCocoa final\t\n"
          "DIR/corpus/en/2.txt\tGrain\t\n"
          "DIR/corpus/zh/3.txt\t济南\t\n");
}

TEST_CASE("Report ids: through a symlinked folder, and symlinked files", "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  WriteCorpus(dir);
  dir.Write("archive/2024.txt", "Archive\nkept elsewhere\n");
  REQUIRE(::symlink("corpus", (dir.path() + "/link").c_str()) == 0);
  REQUIRE(::symlink("1.txt", (dir.path() + "/corpus/en/latest.txt").c_str()) == 0);
  REQUIRE(::symlink("../../archive/2024.txt", (dir.path() + "/corpus/zh/old.txt").c_str()) ==
          0);
  // latest.txt is 1.txt again: read once. old.txt is the archive's file.
  test::RunResult r = run.Index("", {"-v", "corpus"});
  CHECK(r.err ==
        "corpus/en/1.txt: indexed 1 report\n"
        "corpus/en/2.txt: indexed 1 report\n"
        "corpus/en/latest.txt: read already, the same file\n"
        "corpus/zh/3.txt: indexed 1 report\n"
        "corpus/zh/old.txt: indexed 1 report\n" +
            Summary("4 added, 0 updated, 0 unchanged, 0 removed", 4, 4));
  const std::string ids = "DIR/archive/2024.txt\tArchive\t\n" + std::string(kCorpusIds);
  REQUIRE(run.Ids() == ids);
  r = run.Index("", {"link/", "link/en/latest.txt"});
  CHECK(r.err == Summary("0 added, 0 updated, 4 unchanged, 0 removed", 4, 4));
  REQUIRE(run.Ids() == ids);
  // The link goes, the file it led to stays: so does its report.
  fs::remove(dir.path() + "/corpus/zh/old.txt");
  r = run.Index("", {"corpus"});
  CHECK(r.err == Summary("0 added, 0 updated, 3 unchanged, 0 removed", 3, 4));
  REQUIRE(run.Ids() == ids);
}

TEST_CASE("Report ids: a deleted file's report goes, shown relative to the cwd",
          "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  WriteCorpus(dir);
  dir.Write("corpus/zh/bad.txt", std::string("\0binary", 7));
  test::RunResult r = run.Index("corpus", {dir.path() + "/corpus"});
  CHECK(r.err == "zh/bad.txt: binary data, skipped\n" +
                     Summary("3 added, 0 updated, 0 unchanged, 0 removed", 3, 3, "1 skipped"));
  REQUIRE(r.exit_code == 1);
  fs::remove(dir.path() + "/corpus/zh/3.txt");
  fs::remove(dir.path() + "/corpus/zh/bad.txt");
  r = run.Index("corpus/en", {"../../corpus"});
  CHECK(r.err == "../zh/3.txt: gone, removed 1 report\n" +
                     Summary("0 added, 0 updated, 2 unchanged, 1 removed", 2, 2));
  REQUIRE(r.exit_code == 0);
  REQUIRE(run.Ids() == "DIR/corpus/en/1.txt\tCocoa\t\nDIR/corpus/en/2.txt\tGrain\t\n");
}

TEST_CASE("Report ids: a JSON Lines id given twice in one run", "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  dir.Write("a.jsonl",
            "{\"id\":\"x\",\"body\":\"first x\"}\n"
            "{\"id\":\"y\",\"body\":\"only y\"}\n"
            "{\"id\":\"x\",\"body\":\"second x\"}\n");
  dir.Write("b.jsonl", "{\"id\":\"x\",\"body\":\"third x\"}\n");
  test::RunResult r = run.Index("", {"a.jsonl", "b.jsonl"});
  CHECK(r.err ==
        "a.jsonl:3: id \"x\" already given at a.jsonl:1; this line replaces it\n"
        "b.jsonl:1: id \"x\" already given at a.jsonl:3; this line replaces it\n" +
            Summary("2 added, 2 updated, 0 unchanged, 0 removed", 4, 2, "2 skipped"));
  REQUIRE(r.exit_code == 1);
  REQUIRE(run.Ids() == "x\tthird x\t\ny\tonly y\t\n");
  // In a later run the same id is an update.
  dir.Write("b.jsonl", "{\"id\":\"x\",\"body\":\"fourth x\"}\n");
  r = run.Index("", {"b.jsonl"});
  CHECK(r.err == Summary("0 added, 1 updated, 0 unchanged, 0 removed", 1, 2));
  REQUIRE(r.exit_code == 0);
  REQUIRE(run.Ids() == "x\tfourth x\t\ny\tonly y\t\n");
}

TEST_CASE("Report ids: a JSON Lines file read in full loses the ids it no longer holds",
          "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  dir.Write("a.jsonl", "{\"id\":\"x\",\"body\":\"x\"}\n{\"id\":\"y\",\"body\":\"y\"}\n");
  dir.Write("b.jsonl", "{\"id\":\"b\",\"body\":\"b\"}\n");
  REQUIRE(run.Index("", {"-q", "a.jsonl", "b.jsonl"}).exit_code == 0);
  dir.Write("a.jsonl", "{\"id\":\"x\",\"body\":\"x\"}\n{\"id\":\"z\",\"body\":\"z\"}\n");
  test::RunResult r = run.Index("", {"a.jsonl"});
  CHECK(r.err == "a.jsonl: removed 1 report\n" +
                     Summary("1 added, 0 updated, 1 unchanged, 1 removed", 2, 3));
  REQUIRE(run.Ids() == "b\tb\t\nx\tx\t\nz\tz\t\n");
  // One with a line that could not be read keeps them: that line may hold one.
  dir.Write("a.jsonl", "{\"id\":\"w\",\"body\":\"w\"}\n{\"id\":\n");
  r = run.Index("", {"-q", "a.jsonl"});
  REQUIRE(r.exit_code == 1);
  REQUIRE(run.Ids() == "b\tb\t\nw\tw\t\nx\tx\t\nz\tz\t\n");
}

TEST_CASE("Report ids: a duplicate takes the place of its report, however runs are split",
          "[cli][ids][duplicates]") {
  test::TempDir dir;
  const Programs run{dir};
  dir.Write("one/a.txt", "Memo\nthe harbour reopened\n");
  dir.Write("two/copy.txt", "Memo\nthe harbour reopened\n");
  dir.Write("two/news.jsonl",
            "{\"id\":\"n1\",\"title\":\"Memo\",\"body\":\"the harbour reopened\"}\n");
  test::RunResult r = run.Index("", {"one"});
  REQUIRE(r.exit_code == 0);
  r = run.Index("", {"two"});  // another run: still folded
  CHECK(r.err ==
        "two/copy.txt: same text as one/a.txt, folded into it\n"
        "two/news.jsonl:1: same text as one/a.txt, folded into it\n"
        "indexed 2 reports in T s: 0 added, 0 updated, 0 unchanged, 0 removed, 2 duplicates; "
        "0 skipped; index DIR/idx holds 1 report and 2 duplicates\n");
  REQUIRE(run.Finds("harbour") == "DIR/one/a.txt ");
  r = run.Index("", {"--list"});
  REQUIRE(r.out == "DIR/one/a.txt\tMemo\t\n");
  REQUIRE(r.err == "2 duplicates not listed (each has the text of a listed report)\n");
  REQUIRE(run.Index("", {"--stats"}).out.find("\nreports: 1\nduplicates: 2\n") !=
          std::string::npos);

  // The original edited and indexed alone: a duplicate keeps the old text.
  dir.Write("one/a.txt", "Memo\nthe harbour closed again\n");
  r = run.Index("one", {"a.txt"});
  CHECK(r.err == "../two/copy.txt: indexed in place of a.txt, same text\n" +
                     Summary("1 added, 1 updated, 0 unchanged, 0 removed", 1, 2, "0 skipped",
                             " and 1 duplicate"));
  REQUIRE(r.exit_code == 0);
  REQUIRE(run.Finds("reopened") == "DIR/two/copy.txt ");
  REQUIRE(run.Finds("closed") == "DIR/one/a.txt ");

  // Its place-holder deleted and its folder indexed alone: the JSON record.
  fs::remove(dir.path() + "/two/copy.txt");
  r = run.Index("", {"two"});
  CHECK(r.err ==
        "two/copy.txt: gone, removed 1 report\n"
        "n1: indexed in place of two/copy.txt, same text\n" +
            Summary("1 added, 0 updated, 0 unchanged, 1 removed", 1, 2));
  REQUIRE(run.Finds("reopened") == "n1 ");
  REQUIRE(run.Index("", {"--stats"}).out.find("\nreports: 2\nduplicates: 0\n") !=
          std::string::npos);
}

TEST_CASE("Report ids: --remove of a duplicate, by file or id, and of its report",
          "[cli][ids][duplicates]") {
  test::TempDir dir;
  const Programs run{dir};
  for (const char* name : {"a.txt", "b.txt", "c.txt", "d.txt"}) {
    dir.Write(std::string("in/") + name, "Memo\nsame words\n");
  }
  REQUIRE(run.Index("", {"-q", "in"}).exit_code == 0);
  test::RunResult r = run.Index("in", {"--remove", "b.txt", dir.path() + "/in/c.txt"});
  CHECK(r.err == "removed 2 reports; index DIR/idx holds 1 report and 1 duplicate\n");
  REQUIRE(r.exit_code == 0);
  r = run.Index("in", {"--remove", dir.path() + "/in/a.txt"});
  CHECK(r.err ==
        "d.txt: indexed in place of a.txt, same text\n"
        "removed 1 report; index DIR/idx holds 1 report\n");
  REQUIRE(run.Ids() == "DIR/in/d.txt\tMemo\t\n");
  REQUIRE(run.Finds("words") == "DIR/in/d.txt ");
  // A duplicate whose file is deleted goes like a report.
  dir.Write("other/e.txt", "Memo\nsame words\n");
  dir.Write("other/f.txt", "Other\nwords\n");
  REQUIRE(run.Index("", {"-q", "other"}).exit_code == 0);
  fs::remove(dir.path() + "/other/e.txt");
  r = run.Index("other", {"."});
  CHECK(r.err == "e.txt: gone, removed 1 report\n" +
                     Summary("0 added, 0 updated, 1 unchanged, 1 removed", 1, 2));
  REQUIRE(run.Index("", {"--stats"}).out.find("\nreports: 2\nduplicates: 0\n") !=
          std::string::npos);
}

// A schema-2 index as that version's indexer left one: file reports named
// by their path relative to the input, recorded in kSlotRoot.
TEST_CASE("Report ids: an index of schema 2 is refused, naming the command that rebuilds it",
          "[cli][ids]") {
  test::TempDir dir;
  const Programs run{dir};
  WriteCorpus(dir);
  const std::string corpus = FileReportId(dir.path() + "/corpus");
  {
    Xapian::WritableDatabase db(dir.path() + "/idx", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    db.set_metadata(kMetaSchema, "2");
    db.set_metadata(kMetaAnalyzer, Analyzer::Signature());
    for (const char* relative : {"en/1.txt", "en/2.txt", "zh/3.txt"}) {
      Report report;
      report.id = relative;
      report.title = "t";
      Xapian::Document doc;
      doc.add_boolean_term(IdTerm(relative));
      doc.add_value(kSlotFile, corpus + "/" + relative);
      doc.add_value(kSlotRoot, corpus);
      doc.set_data(SerializeReport(report));
      db.add_document(doc);
    }
    db.commit();
  }
  const std::string message =
      "index 'DIR/idx' was built with schema 2; this sousuo reads schema 3, which names a "
      "file's reports by its real path: rebuild it with rm -r DIR/idx && sousuo-index --index "
      "DIR/idx DIR/corpus\n";
  test::RunResult r = run.Index("", {"corpus/en"});
  CHECK(r.err == "sousuo-index: " + message);
  REQUIRE(r.exit_code == 2);
  r = run.Run(test::QueryBin(), "", {"cocoa"});
  CHECK(r.err == "sousuo-query: " + message);
  REQUIRE(r.exit_code == 2);
  REQUIRE(Xapian::Database(dir.path() + "/idx").get_doccount() == 3);  // untouched
  // The command it names works.
  fs::remove_all(dir.path() + "/idx");
  REQUIRE(run.Index("", {"-q", corpus}).exit_code == 0);
  REQUIRE(run.Ids() == kCorpusIds);
}

}  // namespace
}  // namespace sousuo
