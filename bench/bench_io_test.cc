#include "bench/bench_io.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace bench {
namespace {

TEST_CASE("ParseJsonDoc: fields and errors", "[bench][bench_io]") {
  struct Case {
    const char* line;
    const char* expect;  // "id|title|body" or the error
  };
  const Case kCases[] = {
      {R"({"id": "7", "title": "T", "body": "B", "lang": "en"})", "7|T|B"},
      {R"({"id": 42, "body": "B"})", "42||B"},
      {R"({"id": "x", "title": null, "body": "中文"})", "x||中文"},
      {R"({"id": "x", "body": "B")",
       "invalid JSON: syntax error while parsing object - "
       "unexpected end of input; expected '}'"},
      {R"(["id"])", "not a JSON object"},
      {R"({"body": "B"})", "missing \"id\""},
      {R"({"id": 1.5, "body": "B"})", "\"id\" is not a string or an integer"},
      {R"({"id": "", "body": "B"})", "empty \"id\""},
      {R"({"id": "x"})", "missing \"body\""},
      {R"({"id": "x", "body": 3})", "\"body\" is not a string"},
      {R"({"id": "x", "body": "B", "title": ["T"]})",
       "\"title\" is not a string"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line);
    std::string error;
    const std::optional<JsonDoc> doc = ParseJsonDoc(c.line, &error);
    const std::string got =
        doc ? doc->id + "|" + doc->title + "|" + doc->body : error;
    REQUIRE(got == c.expect);
  }
}

TEST_CASE("ReadJsonLines: reports bad lines with their number and goes on",
          "[bench][bench_io]") {
  std::istringstream in(
      "{\"id\": \"a\", \"body\": \"x\"}\n"
      "\n"
      "not json\n"
      "{\"id\": \"b\", \"body\": \"y\"}\r\n"
      "{\"body\": \"z\"}\n");
  std::ostringstream err;
  std::string ids;
  const size_t skipped = ReadJsonLines(
      in, "docs.jsonl", [&](const JsonDoc& doc) { ids += doc.id; }, err);
  REQUIRE(ids == "ab");
  REQUIRE(skipped == 2);
  REQUIRE(
      err.str() ==
      "docs.jsonl:3: invalid JSON: syntax error while parsing value - invalid "
      "literal; last read: 'no'\n"
      "docs.jsonl:5: missing \"id\"\n");
}

TEST_CASE("ReadJsonFile, ReadQueries: a missing file", "[bench][bench_io]") {
  std::ostringstream err;
  REQUIRE_THROWS_WITH(
      ReadJsonFile(
          "/nonexistent/docs.jsonl", [](const JsonDoc&) {}, err),
      "/nonexistent/docs.jsonl: cannot open: No such file or directory");
  REQUIRE_THROWS_WITH(
      ReadQueries("/nonexistent/q.tsv", false),
      "/nonexistent/q.tsv: cannot open: No such file or directory");
}

std::string DumpQueries(const std::vector<QueryLine>& queries) {
  std::string out;
  for (const QueryLine& q : queries)
    out += (out.empty() ? "" : " | ") + q.id + "=" + q.text;
  return out;
}

TEST_CASE("ParseQueries: TSV, plain lines and errors", "[bench][bench_io]") {
  std::istringstream tsv("1\theat flow\r\n# comment\n\nq2\t中文 问题\n");
  REQUIRE(DumpQueries(ParseQueries(tsv, "q.tsv", false)) ==
          "1=heat flow | q2=中文 问题");
  std::istringstream plain("heat flow\n\nx\ty\n");
  REQUIRE(DumpQueries(ParseQueries(plain, "q.txt", true)) ==
          "1=heat flow | x=y");
  std::istringstream no_tab("1\tok\nheat flow\n");
  REQUIRE_THROWS_WITH(ParseQueries(no_tab, "q.tsv", false),
                      "q.tsv:2: expected \"qid<TAB>text\"");
  std::istringstream empty_id("\theat\n");
  REQUIRE_THROWS_WITH(ParseQueries(empty_id, "q.tsv", true),
                      "q.tsv:1: empty query id");
}

TEST_CASE("WriteRunLine: TREC run format", "[bench][bench_io]") {
  std::ostringstream out;
  WriteRunLine(out, "12", "DEV_3", 1, 17.25, "sousuo");
  WriteRunLine(out, "12", "9", 2, 1.0 / 3.0, "sousuo");
  REQUIRE(out.str() ==
          "12 Q0 DEV_3 1 17.250000 sousuo\n12 Q0 9 2 0.333333 sousuo\n");
}

TEST_CASE("Percentile, LatencyLine: nearest rank", "[bench][bench_io]") {
  std::vector<double> samples;
  for (int i = 100; i >= 1; --i) samples.push_back(i);  // 1..100, unsorted
  REQUIRE(Percentile(samples, 50) == 50);
  REQUIRE(Percentile(samples, 99) == 99);
  REQUIRE(Percentile(samples, 100) == 100);
  REQUIRE(Percentile({7, 3, 5}, 50) == 5);
  REQUIRE(Percentile({7, 3, 5}, 99) == 7);
  REQUIRE(Percentile({4}, 1) == 4);
  REQUIRE(LatencyLine(3, 2, {10.4, 20.6, 30, 40, 50, 60}) ==
          "queries=3 repeat=2 p50_us=30 p99_us=60");
}

}  // namespace
}  // namespace bench
