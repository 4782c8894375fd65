#include "indexer/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "indexer/jsonl_reader.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

// Every Next() until the end: "text" per line, "TOO LONG#n", "END" or
// "ERROR: message", separated by '|', then "@consumed".
std::string DumpLines(LineReader* reader) {
  std::string out;
  for (bool first = true;; first = false) {
    const LineReader::Status status = reader->Next();
    if (!first) out += '|';
    if (status == LineReader::Status::kLine) {
      out += std::string(reader->line());
      continue;
    }
    if (status == LineReader::Status::kTooLong) {
      out += "TOO LONG#" + std::to_string(reader->line_number());
      continue;
    }
    out += status == LineReader::Status::kEnd ? "END" : "ERROR: " + reader->error();
    return out + "@" + std::to_string(reader->consumed());
  }
}

TEST_CASE("LineReader: lines, limits and the last line", "[line_reader]") {
  struct Case {
    std::string text;
    size_t max;
    std::string expect;
  };
  const Case cases[] = {
      {"", 10, "END@0"},
      {"\n", 10, "|END@1"},
      {"a\nb", 10, "a|b|END@3"},
      {"a\nb\n", 10, "a|b|END@4"},
      {"a\r\n\nb", 10, "a\r||b|END@5"},
      {"12345\n123456\n1234567", 6, "12345|123456|TOO LONG#3|END@20"},
      {"1234567\nok", 6, "TOO LONG#1|ok|END@10"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    LineReader from_string(c.text, c.max);
    REQUIRE(DumpLines(&from_string) == c.expect);
    std::istringstream in(c.text);
    LineReader from_stream(&in, c.max);
    REQUIRE(DumpLines(&from_stream) == c.expect);
  }
}

// A file of lines crossing the 64 KiB reads in every way, with some lines
// over the limit: read through a descriptor, each line comes back whole and
// in memory that stays near the limit.
TEST_CASE("LineReader: a file read through chunk boundaries", "[line_reader]") {
  test::TempDir dir;
  std::string text, expect;
  unsigned state = 7;
  for (int i = 0; i < 3000; ++i) {
    state = state * 1103515245u + 12345u;
    const size_t length = i % 500 == 7 ? 300000 : (state >> 8) % 200;
    const std::string line(length, static_cast<char>('a' + i % 26));
    text += line + "\n";
    if (!expect.empty()) expect += '|';
    expect += length > 100000 ? "TOO LONG#" + std::to_string(i + 1) : line;
  }
  const std::string path = dir.Write("lines.txt", text);
  LineReader reader(::open(path.c_str(), O_RDONLY), 100000);
  REQUIRE(DumpLines(&reader) == expect + "|END@" + std::to_string(text.size()));
}

TEST_CASE("LineReader: Peek, then lines or the rest", "[line_reader]") {
  std::istringstream in("first\nsecond\nthird");
  LineReader reader(&in, 100);
  REQUIRE(reader.Peek(3) == "fir");
  REQUIRE(reader.Peek(100) == "first\nsecond\nthird");
  REQUIRE(reader.Next() == LineReader::Status::kLine);
  REQUIRE(reader.line() == "first");
  std::string rest;
  REQUIRE(reader.ReadRest(100, &rest) == "");
  REQUIRE(rest == "second\nthird");
  REQUIRE(reader.consumed() == 18);

  std::istringstream big(std::string(3 << 20, 'x'));
  LineReader too_big(&big, 100);
  REQUIRE(too_big.ReadRest(2 << 20, &rest) ==
          "larger than 2 MiB, skipped (large files are not supported yet)");
  REQUIRE(rest.empty());
}

TEST_CASE("LineReader: a read error ends the lines", "[line_reader]") {
  test::TempDir dir;
  // Reading a directory fails (EISDIR) where opening it did not.
  LineReader reader(::open(dir.path().c_str(), O_RDONLY), 100);
  REQUIRE(DumpLines(&reader) == "ERROR: cannot read: is a directory@0");
}

// Reports as "id" per line, and diagnostics, as the indexer prints them for
// the file "f".
std::string DumpJsonLines(const std::string& text, size_t max_line_bytes) {
  LineReader lines(text, max_line_bytes);
  JsonLinesReader reader(&lines, "f");
  std::string out;
  Outcome<Report> outcome;
  while (reader.Next(&outcome)) {
    for (const Diagnostic& d : outcome.diagnostics) out += d.Format("f") + "\n";
    if (outcome.value) out += outcome.value->id + "@" + std::to_string(lines.line_number()) + "\n";
  }
  return out;
}

TEST_CASE("JsonLinesReader: line by line", "[line_reader]") {
  const std::string good = "{\"id\":\"a\",\"body\":\"x\"}";
  struct Case {
    std::string text;
    const char* expect;
  };
  const Case cases[] = {
      {"\xEF\xBB\xBF" + good + "\n\n  \r\n" + good + "\r\n", "a@1\na@4\n"},
      {good + "\n{\"id\":\"" + std::string(3 << 20, 'x') + "\"}\n" + good,
       "a@1\nf:2: line longer than 2 MiB, skipped\na@3\n"},
      {"{\"id\":\"b\xFF\",\"body\":\"x\"}\n{\"id\":\"c\",\"body\":\"\xC0\"}",
       "f:1:9: invalid UTF-8, replaced with U+FFFD\nb\xEF\xBF\xBD@1\nc@2\n"},
      {" \n\t\n", "f: empty file, skipped\n"},
      {"", "f: empty file, skipped\n"},
      {"{\"id\":\"" + std::string(3 << 20, 'x') + "\"}",
       "f:1: line longer than 2 MiB, skipped\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text.substr(0, 80));
    REQUIRE(DumpJsonLines(c.text, 2 << 20) == c.expect);
  }
}

}  // namespace
}  // namespace sousuo
