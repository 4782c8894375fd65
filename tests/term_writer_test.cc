#include "common/term_writer.h"

#include <catch2/catch.hpp>

#include "common/analyzer.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

TEST_CASE("TermWriter: terms and positions per field", "[term_writer]") {
  struct Case {
    const char* text;
    Field field;
    const char* expect;
  };
  static const Case kCases[] = {
      {"Reports were filed", Field::kAll,
       "Zfile Zreport Zwere filed[3] reports[1] were[2]"},
      {"Reports were filed", Field::kTitle,
       "Sfiled[3] Sreports[1] Swere[2] ZSfile ZSreport ZSwere"},
      {"济南市召开会议", Field::kAll,
       "XC会[6] XC南[2] XC召[4] XC市[3] XC开[5] XC济[1] XC议[7] 会议 召开 市 济南"},
      {"济南 济南", Field::kTitle, "S济南:2 XCS南[2,4] XCS济[1,3]"},
      {"GDP增长 5.2%", Field::kAll, "5.2[4] XC增[2] XC长[3] Zgdp gdp[1] 增长"},
  };
  Analyzer analyzer;
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    Xapian::Document doc;
    AddTerms(analyzer.Analyze(c.text), c.field, 1, &doc);
    REQUIRE(test::DumpTerms(doc) == c.expect);
  }
}

TEST_CASE("TermWriter: wdf increment", "[term_writer]") {
  Analyzer analyzer;
  Xapian::Document doc;
  AddTerms(analyzer.Analyze("report 济南"), Field::kAll, 3, &doc);
  REQUIRE(test::DumpTerms(doc) == "XC南:3[3] XC济:3[2] Zreport:3 report:3[1] 济南:3");
}

TEST_CASE("TermWriter: TokenTerms agrees with AddTerms", "[term_writer]") {
  Analyzer analyzer;
  std::string all;
  for (const Token& token : analyzer.Analyze("Reports 济南")) {
    for (const std::string& term : TokenTerms(token, Field::kAll)) all += term + " ";
  }
  REQUIRE(all == "reports Zreport 济南 XC济 XC南 ");
}

}  // namespace
}  // namespace sousuo
