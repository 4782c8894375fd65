#include "common/report_path.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/test_util.h"

namespace sousuo {
namespace {

// Runs in `dir` for its lifetime, then goes back.
class InDirectory {
 public:
  explicit InDirectory(const std::string& dir) : saved_(CurrentDirectory()) {
    REQUIRE(::chdir(dir.c_str()) == 0);
  }
  ~InDirectory() { (void)::chdir(saved_.c_str()); }

 private:
  std::string saved_;
};

TEST_CASE("FileReportId: one id however the path is typed", "[report_path]") {
  test::TempDir dir;
  // TMPDIR may itself lie behind a symbolic link: compare with its real path.
  const std::string real = std::filesystem::canonical(dir.path()).string();
  dir.Write("corpus/en/a.txt", "a");
  REQUIRE(::symlink("corpus", (dir.path() + "/link").c_str()) == 0);
  REQUIRE(::symlink("en/a.txt", (dir.path() + "/corpus/latest.txt").c_str()) == 0);
  const std::string id = real + "/corpus/en/a.txt";
  InDirectory in(dir.path() + "/corpus");
  const std::vector<std::string> typed_paths = {
      "en/a.txt", "./en//a.txt", "../corpus/en/a.txt", "en/../en/a.txt", "latest.txt",
        "../link/en/a.txt", dir.path() + "/corpus/en/a.txt", dir.path() + "/link/latest.txt"};
  for (const std::string& typed : typed_paths) {
    CAPTURE(typed);
    CHECK(FileReportId(typed) == id);
  }
  // A file that is gone: its directory is still resolved.
  CHECK(FileReportId("../link/en/gone.txt") == real + "/corpus/en/gone.txt");
  // Nothing of it is there: the lexical absolute path.
  CHECK(FileReportId("no/such/x.txt") == real + "/corpus/no/such/x.txt");
  CHECK(FileReportId("/") == "/");
}

TEST_CASE("AbsolutePath: lexical, links kept", "[report_path]") {
  test::TempDir dir;
  InDirectory in(dir.path());
  const std::string cwd = CurrentDirectory();
  CHECK(AbsolutePath("a/./b/../c/") == cwd + "/a/c");
  CHECK(AbsolutePath("/x//y/") == "/x/y");
  CHECK(AbsolutePath("/") == "/");
}

TEST_CASE("DisplayPath: relative to the current directory when shorter", "[report_path]") {
  struct Case {
    const char* path;
    const char* cwd;
    const char* shown;
  };
  const Case cases[] = {
      {"/data/reports/2024/summary.txt", "/data/reports", "2024/summary.txt"},
      {"/data/reports/2024/summary.txt", "/data/reports/2023", "../2024/summary.txt"},
      {"/data/reports", "/data/reports", "."},
      {"/tmp/a.txt", "/home/analyst/work", "/tmp/a.txt"},  // "../../../tmp/a.txt" is longer
      {"/a/x/c.txt", "/a/b", "/a/x/c.txt"},                // "../x/c.txt" is as long
      {"/a/b.txt", "/", "a/b.txt"},
      {"/a/b.txt", "", "/a/b.txt"},     // no current directory
      {"rel/b.txt", "/a", "rel/b.txt"},  // not absolute: as it is
      {"", "/a", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path, c.cwd);
    CHECK(DisplayPath(c.path, c.cwd) == c.shown);
  }
}

TEST_CASE("DisplayId: file reports by their path, others by their id", "[report_path]") {
  CHECK(DisplayId("/data/r/a.txt", "/data/r/a.txt", "/data/r") == "a.txt");
  CHECK(DisplayId("reut-1", "/data/r/news.jsonl", "/data/r") == "reut-1");
  CHECK(DisplayId("/data/r/a.txt", "/data/r/news.jsonl", "/data/r") == "/data/r/a.txt");
  CHECK(DisplayId("stdin", "", "/data/r") == "stdin");
}

}  // namespace
}  // namespace sousuo
