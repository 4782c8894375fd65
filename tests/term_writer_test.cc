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
  struct Case {
    Field field;
    std::string text;
    std::string terms;
  };
  const std::vector<Case> cases = {
      {Field::kAll, "Reports 济南", "reports Zreport 济南 XC济 XC南 "},
      {Field::kTitle, "Reports 济南", "Sreports ZSreport S济南 XCS济 XCS南 "},
      // A long term, then short ones, in the same strings: each is set whole.
      {Field::kAll, "internationalisation a 7", "internationalisation Zinternationalis a Za 7 "},
  };
  std::string terms[kMaxTokenTerms];  // reused across tokens, as the matcher does
  for (const Case& c : cases) {
    std::string all;
    Xapian::Document doc;
    const std::vector<Token> tokens = analyzer.Analyze(c.text);
    for (const Token& token : tokens) {
      const size_t n = TokenTerms(token, c.field, terms);
      for (size_t i = 0; i < n; ++i) all += terms[i] + " ";
    }
    CHECK(all == c.terms);
    AddTerms(tokens, c.field, 1, &doc);
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      CHECK(all.find(*t + " ") != std::string::npos);
  }
}

}  // namespace
}  // namespace sousuo
