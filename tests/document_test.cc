#include "common/document.h"

#include <catch2/catch.hpp>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/schema.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

TEST_CASE("Document: terms of a whole report", "[document]") {
  Report report;
  report.id = "r1";
  report.title = "Jinan report";
  report.body = "济南 reports";
  report.date = "2019-04-15";
  report.lang = "mixed";
  report.source = "Jinan Daily";
  Analyzer analyzer;
  const Xapian::Document doc = BuildDocument(analyzer, report);
  // Title words: unprefixed with wdf 3 plus "S" terms; the body starts
  // kFieldGap positions after the title.
  REQUIRE(test::DumpTerms(doc) ==
          "Len:0 Lmixed:0 Lzh:0 Qr1:0 Sjinan[1] Sreport[2] XC南[104] XC济[103] XHASH" +
              ContentHash(report) +
              ":0 XSOURCEdaily:0 XSOURCEjinan:0 ZSjinan ZSreport Zjinan:3 Zreport:4 "
              "jinan:3[1] report:3[2] reports[105] 济南");
  REQUIRE(doc.get_value(kSlotDate) == "20190415");
}

TEST_CASE("Document: file and hash terms and values", "[document]") {
  Report report;
  report.id = "stdin";
  report.title = "T";
  report.body = "x";
  report.lang = "en";
  Analyzer analyzer;
  Xapian::Document doc = BuildDocument(analyzer, report);
  const std::string hash = ContentHash(report);
  REQUIRE(test::DumpTerms(doc) ==
          "Len:0 Qstdin:0 St[1] XHASH" + hash + ":0 ZSt Zt:3 Zx t:3[1] x[102]");
  REQUIRE(doc.get_value(kSlotHash) == hash);
  REQUIRE(doc.get_value(kSlotFile) == "");
  // A report read from a file: its path is its id, and its file's key.
  report.id = report.path = "/data/a/b/c.txt";
  doc = BuildDocument(analyzer, report);
  REQUIRE(test::DumpTerms(doc) == "Len:0 Q/data/a/b/c.txt:0 St[1] XFILE/data/a/b/c.txt:0 XHASH" +
                                      hash + ":0 ZSt Zt:3 Zx t:3[1] x[102]");
  REQUIRE(doc.get_value(kSlotFile) == "/data/a/b/c.txt");
  REQUIRE(doc.get_value(kSlotRoot) == "");  // schema 2 only
}

TEST_CASE("Document: content hashes", "[document]") {
  Report base;
  base.id = "a";
  base.title = "Title";
  base.body = "line one\nline two";
  base.lang = "en";
  REQUIRE(ContentHash(base) == "4dd9443715c25832");
  struct Case {
    const char* what;
    void (*change)(Report*);
    bool same;
  };
  static const Case kCases[] = {
      {"CRLF", [](Report* r) { r->body = "line one\r\nline two"; }, true},
      {"CR", [](Report* r) { r->body = "line one\rline two"; }, true},
      {"trailing spaces and tabs", [](Report* r) { r->body = "line one \t\nline two  "; }, true},
      {"title trailing space", [](Report* r) { r->title = "Title "; }, true},
      {"id, path", [](Report* r) { r->id = "b", r->path = "/p"; }, true},
      {"leading space", [](Report* r) { r->body = " line one\nline two"; }, false},
      {"blank line added", [](Report* r) { r->body = "line one\n\nline two"; }, false},
      {"title moved into body",
       [](Report* r) { r->title = "", r->body = "Title\nline one\nline two"; }, false},
      {"date", [](Report* r) { r->date = "2020-01-01"; }, false},
      {"lang", [](Report* r) { r->lang = "zh"; }, false},
      {"source", [](Report* r) { r->source = "x"; }, false},
      {"metadata", [](Report* r) { r->metadata = "{}"; }, false},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.what);
    Report changed = base;
    c.change(&changed);
    REQUIRE((ContentHash(changed) == ContentHash(base)) == c.same);
  }
}

TEST_CASE("Document: stored data round trip", "[document]") {
  Report report;
  report.id = "xwlb-1";
  report.title = "标题";
  report.body = std::string("line one\nline two\0 with NUL", 27);
  report.date = "2020-02-29";
  report.lang = "zh";
  report.source = "CCTV 新闻联播";
  report.path = "a/b.jsonl";
  report.metadata = R"({"category":"x"})";
  const Report back = ParseReport(SerializeReport(report));
  REQUIRE(back.id == report.id);
  REQUIRE(back.title == report.title);
  REQUIRE(back.body == report.body);
  REQUIRE(back.date == report.date);
  REQUIRE(back.lang == report.lang);
  REQUIRE(back.source == report.source);
  REQUIRE(back.path == report.path);
  REQUIRE(back.metadata == report.metadata);
}

TEST_CASE("Document: foreign data is refused", "[document]") {
  REQUIRE_THROWS_WITH(ParseReport(""), "document data: not written by this version of sousuo");
  REQUIRE_THROWS_WITH(ParseReport("plain text"),
                      "document data: not written by this version of sousuo");
  std::string truncated = SerializeReport(Report{"id", "t", "body", "", "", "", "", "", ""});
  truncated.resize(5);
  REQUIRE_THROWS_WITH(ParseReport(truncated),
                      "document data: truncated or not written by sousuo");
}

TEST_CASE("Document: dates", "[document]") {
  struct Case {
    const char* text;
    const char* expect;
  };
  static const Case kCases[] = {
      {"2019-04-15", "2019-04-15"},
      {"2019/04/15", "2019-04-15"},
      {"20190415", "2019-04-15"},
      {"1987-02-26T15:01:01", "1987-02-26"},
      {"2019-04-15T19:07:03+08:00", "2019-04-15"},
      {"2019-04-15 19:07", "2019-04-15"},
      {"2020-02-29", "2020-02-29"},
      {"2019-02-29", ""},
      {"1900-02-29", ""},
      {"2019-13-01", ""},
      {"2019-04-31", ""},
      {"2019-4-15", ""},
      {"April 15, 2019", ""},
      {"2019-04-15x", ""},
      {"", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(NormalizeDate(c.text) == c.expect);
  }
}

}  // namespace
}  // namespace sousuo
