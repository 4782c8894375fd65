#include "indexer/corpus_walker.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/test_util.h"

namespace sousuo {
namespace {

const char* FormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kText:
      return "text";
    case InputFormat::kMarkdown:
      return "md";
    case InputFormat::kJsonLines:
      return "jsonl";
    case InputFormat::kHtml:
      return "html";
    case InputFormat::kPdf:
      return "pdf";
    case InputFormat::kStdin:
      return "stdin";
  }
  return "?";
}

// One line per item: "F path format" ("F path -> file format" when the
// canonical file differs from the path reached), "E path: message" or
// "N path: message", with `root` (and its canonical form) written "ROOT".
std::string Dump(const std::vector<WalkItem>& items, const std::string& root) {
  std::string out;
  for (const WalkItem& item : items) {
    std::string line;
    switch (item.kind) {
      case WalkItem::Kind::kFile:
        line = "F " + item.path + (item.file == item.path ? "" : " -> " + item.file) + " " +
               FormatName(item.format);
        break;
      case WalkItem::Kind::kError:
        line = "E " + item.path + ": " + item.message;
        break;
      case WalkItem::Kind::kNote:
        line = "N " + item.path + ": " + item.message;
        break;
    }
    for (const std::string& form : {std::filesystem::canonical(root).string(), root}) {
      for (size_t at; (at = line.find(form)) != std::string::npos;) {
        line.replace(at, form.size(), "ROOT");
      }
    }
    out += line + "\n";
  }
  return out;
}

TEST_CASE(
    "CorpusWalker: sorted, hidden and unknown files left out, loops caught",
    "[corpus_walker]") {
  test::TempDir dir;
  const std::string root = dir.path() + "/corpus";
  dir.Write("corpus/b.txt", "b");
  dir.Write("corpus/a.md", "a");
  dir.Write("corpus/C.MARKDOWN", "c");
  dir.Write("corpus/sub/z.jsonl", "{}");
  dir.Write("corpus/sub/A.TXT", "a");
  dir.Write("corpus/sub/deeper/x.txt", "x");
  dir.Write("corpus/image.png", "png");
  dir.Write("corpus/README", "no extension");
  dir.Write("corpus/.hidden.txt", "hidden");
  dir.Write("corpus/.git/config.txt", "hidden dir");
  REQUIRE(::symlink("..", (root + "/sub/deeper/up").c_str()) == 0);
  dir.Write("outside/o.txt", "linked from inside");
  REQUIRE(::symlink("../outside", (root + "/link").c_str()) == 0);
  REQUIRE(::symlink("missing.txt", (root + "/broken.txt").c_str()) == 0);
  REQUIRE(::mkfifo((root + "/pipe.txt").c_str(), 0600) == 0);

  // Bytewise order: upper case sorts before lower case.
  REQUIRE(Dump(WalkInputs({root}), dir.path()) ==
          "F ROOT/corpus/C.MARKDOWN md\n"
          "N ROOT/corpus/README: skipped (unknown extension)\n"
          "F ROOT/corpus/a.md md\n"
          "F ROOT/corpus/b.txt text\n"
          "E ROOT/corpus/broken.txt: cannot read: no such file or directory\n"
          "N ROOT/corpus/image.png: skipped (unknown extension)\n"
          "F ROOT/corpus/link/o.txt -> ROOT/outside/o.txt text\n"
          "N ROOT/corpus/pipe.txt: skipped (not a regular file)\n"
          "F ROOT/corpus/sub/A.TXT text\n"
          "E ROOT/corpus/sub/deeper/up: symlink loop, skipped\n"
          "F ROOT/corpus/sub/deeper/x.txt text\n"
          "F ROOT/corpus/sub/z.jsonl jsonl\n");
}

TEST_CASE("CorpusWalker: explicit inputs keep their order", "[corpus_walker]") {
  test::TempDir dir;
  const std::string root = dir.path();
  dir.Write("d/one.txt", "1");
  dir.Write("notes.log", "log");
  dir.Write(".hidden.md", "explicit hidden files are read");
  REQUIRE(Dump(WalkInputs({root + "/notes.log", "-", root + "/d/",
                           root + "/nope", root + "/.hidden.md"}),
               root) ==
          "F ROOT/notes.log text\n"
          "F <stdin> ->  stdin\n"
          "F ROOT/d/one.txt text\n"
          "E ROOT/nope: cannot read: no such file or directory\n"
          "F ROOT/.hidden.md md\n");
}

TEST_CASE("CorpusWalker: unreadable directory", "[corpus_walker]") {
  if (::geteuid() == 0) {
    WARN("running as root: permissions are not enforced, test skipped");
    return;
  }
  test::TempDir dir;
  dir.Write("a/locked/x.txt", "x");
  dir.Write("a/ok.txt", "ok");
  REQUIRE(::chmod((dir.path() + "/a/locked").c_str(), 0) == 0);
  REQUIRE(Dump(WalkInputs({dir.path() + "/a"}), dir.path()) ==
          "E ROOT/a/locked: cannot read: permission denied\n"
          "F ROOT/a/ok.txt text\n");
}

TEST_CASE("FormatForName", "[corpus_walker]") {
  struct Case {
    const char* name;
    const char* expect;
  };
  static const Case kCases[] = {
      {"a.txt", "text"},    {"dir.d/a.TxT", "text"},
      {"a.md", "md"},       {"a.markdown", "md"},
      {"a.jsonl", "jsonl"}, {"a.json", "-"},
      {"a.txt.gz", "-"},    {"txt", "-"},
      {".txt", "-"},        {"dir.txt/README", "-"},
      {"a.html", "html"},   {"a.HTM", "html"},
      {"a.pdf", "pdf"},     {"a.xhtml", "-"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    InputFormat format;
    REQUIRE(std::string(FormatForName(c.name, &format) ? FormatName(format)
                                                       : "-") == c.expect);
  }
}

TEST_CASE("ReadFileBytes: contents, size limit and errors", "[corpus_walker]") {
  test::TempDir dir;
  const std::string small = dir.Write("small.txt", std::string("a\0b", 3));
  const std::string big = dir.Write("big.txt", std::string(3 << 20, 'x'));
  std::string bytes = "old";
  REQUIRE(ReadFileBytes(small, 3 << 20, &bytes) == "");
  REQUIRE(bytes == std::string("a\0b", 3));
  REQUIRE(ReadFileBytes(big, 3 << 20, &bytes) == "");
  REQUIRE(bytes.size() == 3u << 20);
  REQUIRE(ReadFileBytes(big, (2 << 20) + 5, &bytes) ==
          "larger than 2 MiB, skipped (large files are not supported yet)");
  REQUIRE(bytes.empty());
  REQUIRE(ReadFileBytes(dir.path() + "/none", 100, &bytes) ==
          "cannot read: no such file or directory");
  REQUIRE(ReadFileBytes(dir.path(), 100, &bytes) ==
          "cannot read: is a directory");
  // A file found by a walk must still be a regular file: a FIFO put in its
  // place is refused at once instead of blocking the run.
  const std::string fifo = dir.path() + "/fifo.txt";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  REQUIRE(ReadFileBytes(fifo, 100, &bytes, /*regular_only=*/true) ==
          "cannot read: not a regular file");
  REQUIRE(ReadFileBytes(dir.path(), 100, &bytes, true) ==
          "cannot read: not a regular file");
  REQUIRE(ReadFileBytes(small, 100, &bytes, true) == "");
  REQUIRE(bytes == std::string("a\0b", 3));
}

}  // namespace
}  // namespace sousuo
