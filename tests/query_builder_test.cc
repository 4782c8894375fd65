#include "common/query_builder.h"

#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/document.h"
#include "common/error.h"

namespace sousuo {
namespace {

struct Case {
  const char* query;
  const char* expect;
};

Analyzer& SharedAnalyzer() {
  static Analyzer analyzer;
  return analyzer;
}

// What one part of the built query looks like, or the error message.
enum class Part { kQuery, kPartial, kHighlights, kUnderstood };

std::string Built(const std::string& query, Part part = Part::kQuery) {
  QueryBuilder builder(&SharedAnalyzer());
  try {
    BuiltQuery built = builder.Build(query);
    switch (part) {
      case Part::kQuery:
        return built.query.get_description();
      case Part::kPartial:
        return built.partial.get_description();
      case Part::kHighlights:
        return DumpPatterns(built.highlights);
      case Part::kUnderstood:
        return built.understood;
    }
  } catch (const QueryError& e) {
    return std::string("error: ") + e.what();
  }
  return "";
}

void Check(const Case* begin, const Case* end, Part part = Part::kQuery) {
  for (const Case* c = begin; c != end; ++c) {
    CAPTURE(c->query);
    REQUIRE(Built(c->query, part) == c->expect);
  }
}

TEST_CASE("QueryBuilder: English words, stems and stop words",
          "[query_builder]") {
  static const Case kCases[] = {
      {"reports", "Query((reports OR Zreport))"},
      {"Filed", "Query((filed OR Zfile))"},
      {"growth reports",
       "Query(((growth OR Zgrowth) AND (reports OR Zreport)))"},
      {"2023", "Query(2023)"},
      {"5.2%", "Query(5.2)"},
      // A chunk of several words: AND, boosted where they stand together.
      {"e-mail",
       "Query((((e OR Ze) AND (mail OR Zmail)) AND_MAYBE (e PHRASE 2 mail)))"},
      {"covid-19",
       "Query((((covid OR Zcovid) AND 19) AND_MAYBE (covid PHRASE 2 19)))"},
      {"10:30", "Query(((10 AND 30) AND_MAYBE (10 PHRASE 2 30)))"},
      {"http://x",
       "Query((((http OR Zhttp) AND (x OR Zx)) AND_MAYBE (http PHRASE 2 x)))"},
      // Stop words go when there is another word, and stay in the boost.
      {"the reports", "Query((reports OR Zreport))"},
      {"reports OR the", "Query((reports OR Zreport))"},
      {"state-of-the-art",
       "Query((((state OR Zstate) AND (art OR Zart)) AND_MAYBE "
       "(state PHRASE 4 of PHRASE 4 the PHRASE 4 art)))"},
      {"report -the", "Query((report OR Zreport))"},
      // A query of stop words only keeps them; so does one whose only other
      // word is negated.
      {"to be or not",
       "Query(((to OR Zto) AND (be OR Zbe) AND (or OR Zor) AND (not OR "
       "Znot)))"},
      {"the -report", "Query(((the OR Zthe) AND_NOT (report OR Zreport)))"},
      // Never inside phrases.
      {"\"the report\"", "Query((the PHRASE 2 report))"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryBuilder: Chinese words and folding", "[query_builder][zh]") {
  static const Case kCases[] = {
      {"济南", "Query((济南 OR 0.5 * ((XC济 PHRASE 2 XC南) AND_NOT 济南)))"},
      {"动能", "Query((动能 OR 0.5 * ((XC动 PHRASE 2 XC能) AND_NOT 动能)))"},
      {"济", "Query(济)"},
      {"经济增长",
       "Query((((经济 OR 0.5 * ((XC经 PHRASE 2 XC济) AND_NOT 经济)) AND "
       "(增长 OR 0.5 * ((XC增 PHRASE 2 XC长) AND_NOT 增长))) "
       "AND_MAYBE (XC经 PHRASE 4 XC济 PHRASE 4 XC增 PHRASE 4 XC长)))"},
      {"济南市",
       "Query((((济南 OR 0.5 * ((XC济 PHRASE 2 XC南) AND_NOT 济南)) AND 市) AND_MAYBE "
       "(XC济 PHRASE 3 XC南 PHRASE 3 XC市)))"},
      {"GDP增长",
       "Query((((gdp OR Zgdp) AND (增长 OR 0.5 * ((XC增 PHRASE 2 XC长) AND_NOT 增长))) AND_MAYBE "
       "(gdp PHRASE 3 XC增 PHRASE 3 XC长)))"},
      {"growth 经济",
       "Query(((growth OR Zgrowth) AND (经济 OR 0.5 * ((XC经 PHRASE 2 XC济) AND_NOT 经济))))"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryBuilder: folded input gives the plain terms",
          "[query_builder][zh]") {
  static const Case kPairs[] = {
      {"濟南", "济南"},
      {"濟南市", "济南市"},
      {"\"經濟增長\"", "\"经济增长\""},
      {"ＧＤＰ", "gdp"},
      {"ＧＤＰ增長", "GDP增长"},
      {"ＲＥＰＯＲＴＳ", "reports"},
      {"ＥＣＯＮ*", "econ*"},
      {"濟*", "济*"},
      {"title:濟南", "title:济南"},
      {"source:ＲＥＵＴＥＲＳ", "source:reuters"},
  };
  for (const Case& c : kPairs) {
    CAPTURE(c.query, c.expect);
    REQUIRE(Built(c.query) == Built(c.expect));
    REQUIRE(Built(c.query, Part::kHighlights) ==
            Built(c.expect, Part::kHighlights));
  }
  CHECK(Built("濟南") == "Query((济南 OR 0.5 * ((XC济 PHRASE 2 XC南) AND_NOT 济南)))");
  CHECK(Built("ＧＤＰ") == "Query((gdp OR Zgdp))");
}

TEST_CASE("QueryBuilder: phrases and prefixes", "[query_builder]") {
  static const Case kCases[] = {
      {"\"annual report\"", "Query((annual PHRASE 2 report))"},
      {"\"reports\"", "Query(reports)"},
      {"\"经济增长\"",
       "Query((XC经 PHRASE 4 XC济 PHRASE 4 XC增 PHRASE 4 XC长))"},
      {"“济南”", "Query((XC济 PHRASE 2 XC南))"},
      {"\"GDP增长\"", "Query((gdp PHRASE 3 XC增 PHRASE 3 XC长))"},
      {"\"growth of 5.2%\"", "Query((growth PHRASE 3 of PHRASE 3 5.2))"},
      {"econ*", "Query(WILDCARD SYNONYM econ)"},
      {"Reports*", "Query(WILDCARD SYNONYM reports)"},
      {"济*", "Query(WILDCARD SYNONYM 济)"},
      {"econ* growth",
       "Query((WILDCARD SYNONYM econ AND (growth OR Zgrowth)))"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryBuilder: operators and negation", "[query_builder]") {
  static const Case kCases[] = {
      {"x OR y", "Query(((x OR Zx) OR (y OR Zy)))"},
      {"x AND y", "Query(((x OR Zx) AND (y OR Zy)))"},
      {"x y OR z", "Query((((x OR Zx) AND (y OR Zy)) OR (z OR Zz)))"},
      {"x -y", "Query(((x OR Zx) AND_NOT (y OR Zy)))"},
      {"x NOT y", "Query(((x OR Zx) AND_NOT (y OR Zy)))"},
      {"-x y", "Query(((y OR Zy) AND_NOT (x OR Zx)))"},
      {"x -y -z", "Query(((x OR Zx) AND_NOT ((y OR Zy) OR (z OR Zz))))"},
      {"x -\"y z\"", "Query(((x OR Zx) AND_NOT (y PHRASE 2 z)))"},
      {"x -(y OR z)", "Query(((x OR Zx) AND_NOT ((y OR Zy) OR (z OR Zz))))"},
      {"-y", "Query((<alldocuments> AND_NOT (y OR Zy)))"},
      {"NOT y", "Query((<alldocuments> AND_NOT (y OR Zy)))"},
      {"x OR -y", "Query(((x OR Zx) OR (<alldocuments> AND_NOT (y OR Zy))))"},
      {"NOT NOT x",
       "Query((<alldocuments> AND_NOT (<alldocuments> AND_NOT (x OR Zx))))"},
      // Parts that analyse to nothing drop out.
      {"report !!!", "Query((report OR Zreport))"},
      {"!!! OR report", "Query((report OR Zreport))"},
      {"report -!!!", "Query((report OR Zreport))"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryBuilder: fields and filters", "[query_builder]") {
  static const Case kCases[] = {
      {"title:reports", "Query((Sreports OR ZSreport))"},
      {"title:济南", "Query((S济南 OR 0.5 * ((XCS济 PHRASE 2 XCS南) AND_NOT S济南)))"},
      {"title:\"annual report\"", "Query((Sannual PHRASE 2 Sreport))"},
      {"title:\"经济增长\"",
       "Query((XCS经 PHRASE 4 XCS济 PHRASE 4 XCS增 PHRASE 4 XCS长))"},
      {"title:(growth OR 济南)",
       "Query(((Sgrowth OR ZSgrowth) OR (S济南 OR 0.5 * ((XCS济 PHRASE 2 XCS南) AND_NOT S济南))))"},
      {"title:econ*", "Query(WILDCARD SYNONYM Secon)"},
      {"lang:zh", "Query((<alldocuments> FILTER Lzh))"},
      {"lang:EN", "Query((<alldocuments> FILTER Len))"},
      {"lang:mixed", "Query((<alldocuments> FILTER Lmixed))"},
      {"lang:und", "Query((<alldocuments> FILTER Lund))"},
      {"source:reuters", "Query((<alldocuments> FILTER XSOURCEreuters))"},
      {"source:\"CCTV 新闻联播\"",
       "Query((<alldocuments> FILTER (XSOURCEcctv AND XSOURCE新闻 AND "
       "XSOURCE联 AND "
       "XSOURCE播)))"},
      {"date:2019-01-01..2019-06-30",
       "Query((<alldocuments> FILTER VALUE_RANGE 0 20190101 20190630))"},
      {"date:2019-01-01..",
       "Query((<alldocuments> FILTER VALUE_GE 0 20190101))"},
      {"date:..2019-06-30",
       "Query((<alldocuments> FILTER VALUE_LE 0 20190630))"},
      {"date:2019",
       "Query((<alldocuments> FILTER VALUE_RANGE 0 20190101 20191231))"},
      {"date:2019-04",
       "Query((<alldocuments> FILTER VALUE_RANGE 0 20190401 20190430))"},
      {"date:2020-02",
       "Query((<alldocuments> FILTER VALUE_RANGE 0 20200201 20200229))"},
      {"date:2019-04-15",
       "Query((<alldocuments> FILTER VALUE_RANGE 0 20190415 20190415))"},
      {"date:2018..2019-06",
       "Query((<alldocuments> FILTER VALUE_RANGE 0 20180101 20190630))"},
      // Filters with words: OP_FILTER, so they add no weight.
      {"x lang:zh", "Query(((x OR Zx) FILTER Lzh))"},
      {"source:Reuters x", "Query(((x OR Zx) FILTER XSOURCEreuters))"},
      {"x lang:zh date:2019",
       "Query(((x OR Zx) FILTER (Lzh AND VALUE_RANGE 0 20190101 20191231)))"},
      {"lang:zh date:2019",
       "Query((<alldocuments> FILTER (Lzh AND VALUE_RANGE 0 20190101 "
       "20191231)))"},
      {"lang:zh OR lang:en", "Query((<alldocuments> FILTER (Lzh OR Len)))"},
      {"x OR lang:zh", "Query(((x OR Zx) OR 0 * Lzh))"},
      {"x -lang:zh", "Query(((x OR Zx) AND_NOT Lzh))"},
      {"lang:zh -x", "Query((<alldocuments> FILTER (Lzh AND_NOT (x OR Zx))))"},
      {"-date:2019",
       "Query((<alldocuments> AND_NOT VALUE_RANGE 0 20190101 20191231))"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryBuilder: partial matches of plain queries", "[query_builder]") {
  static const Case kCases[] = {
      // Some of the words, not all.
      {"growth reports",
       "Query((((growth OR Zgrowth) OR (reports OR Zreport)) AND_NOT "
       "((growth OR Zgrowth) AND (reports OR Zreport))))"},
      // A Chinese run: its words OR-ed, boosted where they stand together;
      // the full matches are left out without their boost.
      {"经济增长",
       "Query(((((经济 OR 0.5 * ((XC经 PHRASE 2 XC济) AND_NOT 经济)) OR "
       "(增长 OR 0.5 * ((XC增 PHRASE 2 XC长) AND_NOT 增长))) "
       "AND_MAYBE (XC经 PHRASE 4 XC济 PHRASE 4 XC增 PHRASE 4 XC长)) AND_NOT "
       "((经济 OR 0.5 * ((XC经 PHRASE 2 XC济) AND_NOT 经济)) AND "
       "(增长 OR 0.5 * ((XC增 PHRASE 2 XC长) AND_NOT 增长)))))"},
      // A single Han character never makes a partial match on its own.
      {"济南市",
       "Query((((((济南 OR 0.5 * ((XC济 PHRASE 2 XC南) AND_NOT 济南)) OR 市) AND_MAYBE "
       "(XC济 PHRASE 3 XC南 PHRASE 3 XC市)) FILTER (济南 OR 0.5 * ((XC济 PHRASE 2 XC南) "
       "AND_NOT 济南))) AND_NOT ((济南 OR 0.5 * ((XC济 PHRASE 2 XC南) AND_NOT 济南)) AND 市)))"},
      // Phrases are kept in every partial match, negated parts excluded.
      {"\"x y\" z w",
       "Query((((x PHRASE 2 y) AND ((z OR Zz) OR (w OR Zw))) AND_NOT "
       "((x PHRASE 2 y) AND (z OR Zz) AND (w OR Zw))))"},
      {"x y -z",
       "Query((((x OR Zx) OR (y OR Zy)) AND_NOT ((((x OR Zx) AND (y OR Zy)) AND_NOT "
       "(z OR Zz)) OR (z OR Zz))))"},
      // Parentheses without operators count for nothing.
      {"(x y) z",
       "Query((((x OR Zx) OR (y OR Zy) OR (z OR Zz)) AND_NOT (((x OR Zx) AND (y OR Zy)) AND "
       "(z OR Zz))))"},
      // A question drops Snowball's function words from partial matching.
      {"what are the heat problems",
       "Query((((heat OR Zheat) OR (problems OR Zproblem)) AND_NOT "
       "((what OR Zwhat) AND (heat OR Zheat) AND (problems OR Zproblem))))"},
      // No partial matches: one word (or a short name), operators, fields,
      // prefixes, filters, or only function words and one other.
      {"report", "Query()"},
      {"刘贵堂", "Query()"},
      {"x AND y", "Query()"},
      {"x OR y", "Query()"},
      {"title:(x y)", "Query()"},
      {"econ* growth", "Query()"},
      {"x y lang:zh", "Query()"},
      {"x y date:2019", "Query()"},
      {"\"x y\"", "Query()"},
      {"what are they", "Query()"},
      {"flow flow", "Query()"},
  };
  Check(std::begin(kCases), std::end(kCases), Part::kPartial);
}

TEST_CASE("QueryBuilder: single characters side by side are one word", "[query_builder][zh]") {
  static const Case kCases[] = {
      // 刘|贵|堂 as ICU splits the name: its characters together.
      {"刘贵堂", "Query(((XC刘 PHRASE 3 XC贵 PHRASE 3 XC堂) AND_MAYBE (刘 OR 贵 OR 堂)))"},
      // Function characters (的) are never glued.
      {"刘强的报告",
       "Query(((((XC刘 PHRASE 2 XC强) AND_MAYBE (刘 OR 强)) AND 的 AND (报告 OR 0.5 * "
       "((XC报 PHRASE 2 XC告) AND_NOT 报告))) AND_MAYBE (XC刘 PHRASE 5 XC强 PHRASE 5 XC的 "
       "PHRASE 5 XC报 PHRASE 5 XC告)))"},
  };
  Check(std::begin(kCases), std::end(kCases));
  // In partial matching two adjacent characters of a longer run will do.
  CHECK(Built("刘贵堂 报告", Part::kPartial) ==
        "Query((((((XC刘 PHRASE 2 XC贵) OR (XC贵 PHRASE 2 XC堂)) AND_MAYBE (刘 OR 贵 OR 堂)) "
        "OR (报告 OR 0.5 * ((XC报 PHRASE 2 XC告) AND_NOT 报告))) AND_NOT ((XC刘 PHRASE 3 XC贵 "
        "PHRASE 3 XC堂) AND (报告 OR 0.5 * ((XC报 PHRASE 2 XC告) AND_NOT 报告)))))");
  CHECK(Built("刘贵堂", Part::kHighlights) == "{XC刘} {XC贵} {XC堂}");
}

TEST_CASE("QueryBuilder: the query as understood", "[query_builder]") {
  static const Case kCases[] = {
      {"Liu  Qiang", "liu qiang"},
      {"the reports", "reports"},
      {"濟南市 -教育 OR lang:zh", "(济南 市 NOT 教育) OR lang:zh"},
      {"刘贵堂", "刘贵堂"},
      {"\"经济 增长\" title:GDP", "\"经济增长\" title:gdp"},
      {"\"annual report\" x AND y*", "(\"annual report\" x) AND y*"},
      {"source:\"CCTV 新闻\" date:2019-04", "source:\"cctv 新闻\" date:2019-04-01..2019-04-30"},
      {"date:..2019", "date:..2019-12-31"},
      {"title:(济南 教育)", "title:济南 title:教育"},
  };
  Check(std::begin(kCases), std::end(kCases), Part::kUnderstood);
}

// The proximity features of a query, one per line.
std::string Proximity(const std::string& query) {
  QueryBuilder builder(&SharedAnalyzer());
  std::string out;
  for (const Xapian::Query& feature : builder.Build(query).proximity) {
    out += (out.empty() ? "" : "\n") + feature.get_description();
  }
  return out;
}

TEST_CASE("QueryBuilder: proximity features of adjacent Chinese words", "[query_builder][zh]") {
  static const Case kCases[] = {
      // Function words dropped first (是 谁 的); 无双, which ICU splits
      // into 无 双, is one word.
      {"战国无双是谁开发的",
       "Query(0.11764705882352942401 * (XC战 PHRASE 4 XC国 PHRASE 4 XC无 PHRASE 4 XC双))\n"
       "Query(0.058823529411764712005 * (XC战 NEAR 8 XC国 NEAR 8 XC无 NEAR 8 XC双))\n"
       "Query(0.11764705882352942401 * (XC无 PHRASE 4 XC双 PHRASE 4 XC开 PHRASE 4 XC发))\n"
       "Query(0.058823529411764712005 * (XC无 NEAR 8 XC双 NEAR 8 XC开 NEAR 8 XC发))"},
      // Words typed apart count as next to each other; a Latin word pairs
      // with a Han one.
      {"GDP 增长",
       "Query(0.11764705882352942401 * (gdp PHRASE 3 XC增 PHRASE 3 XC长))\n"
       "Query(0.058823529411764712005 * (gdp NEAR 8 XC增 NEAR 8 XC长))"},
      {"title:(济南 教育)",
       "Query(0.11764705882352942401 * (XCS济 PHRASE 4 XCS南 PHRASE 4 XCS教 PHRASE 4 XCS育))\n"
       "Query(0.058823529411764712005 * (XCS济 NEAR 8 XCS南 NEAR 8 XCS教 NEAR 8 XCS育))"},
      // None: English pairs, one word, a repeated word, words of two fields,
      // words parted by a NOT or an explicit AND, and phrases.
      {"heat transfer", ""},
      {"济南", ""},
      {"战国 战国", ""},
      {"title:济南 教育", ""},
      {"济南 -教育 经济", ""},
      {"济南 AND 教育", ""},
      {"\"济南 教育\"", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.query);
    REQUIRE(Proximity(c.query) == c.expect);
  }
}

TEST_CASE("QueryBuilder: a word typed twice is queried once, with its count",
          "[query_builder]") {
  static const Case kCases[] = {
      {"flow past the plate and the flow",
       "Query(((flow#2 OR Zflow#2) AND (past OR Zpast) AND (plate OR Zplate)))"},
      {"济南 济南",
       "Query((济南#2 OR 0.5 * ((XC济#2 PHRASE 2 XC南#2) AND_NOT 济南#2)))"},
      {"x x -x", "Query(((x#2 OR Zx#2) AND_NOT (x OR Zx)))"},
      // Only words typed side by side: not across OR, AND, fields or phrases.
      {"(x y) OR (x z)",
       "Query((((x OR Zx) AND (y OR Zy)) OR ((x OR Zx) AND (z OR Zz))))"},
      {"x AND x", "Query(((x OR Zx) AND (x OR Zx)))"},
      {"title:x x", "Query(((Sx OR ZSx) AND (x OR Zx)))"},
      {"\"x y\" x", "Query(((x PHRASE 2 y) AND (x OR Zx)))"},
  };
  Check(std::begin(kCases), std::end(kCases));
  REQUIRE(Built("flow past the plate and the flow", Part::kPartial) ==
          "Query((((flow#2 OR Zflow#2) OR (past OR Zpast) OR (plate OR Zplate)) AND_NOT "
          "((flow#2 OR Zflow#2) AND (past OR Zpast) AND (plate OR Zplate))))");
}

TEST_CASE("QueryBuilder: highlight patterns", "[query_builder]") {
  static const Case kCases[] = {
      {"reports", "{reports,Zreport}"},
      {"2023", "{2023}"},
      {"济南", "{XC济} {XC南}"},
      {"济", "{XC济}"},
      {"经济增长", "{XC经} {XC济} {XC增} {XC长} | {XC经} {XC济} | {XC增} {XC长}"},
      // The split-off single character 市 is not highlighted on its own.
      {"济南市", "{XC济} {XC南} {XC市} | {XC济} {XC南}"},
      {"\"经济增长\"", "{XC经} {XC济} {XC增} {XC长}"},
      {"\"GDP增长\"", "{gdp} {XC增} {XC长}"},
      {"\"annual reports\"", "{annual} {reports}"},
      {"econ*", "{econ*}"},
      {"ＥＣＯＮ*", "{econ*}"},
      // title: words highlight with the all-text terms.
      {"title:reports title:济南", "{reports,Zreport} | {XC济} {XC南}"},
      {"title:\"annual report\"", "{annual} {report}"},
      // Stop words that were dropped, negated parts and filters yield none.
      {"the reports -growth lang:zh", "{reports,Zreport}"},
      {"-济南", ""},
      // First occurrence first, no duplicates.
      {"济南 growth 济南市", "{XC济} {XC南} | {growth,Zgrowth} | {XC济} {XC南} {XC市}"},
      {"x OR y", "{x,Zx} | {y,Zy}"},
  };
  Check(std::begin(kCases), std::end(kCases), Part::kHighlights);
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("QueryBuilder: errors", "[query_builder]") {
  static const Case kCases[] = {
      {"!!!", "error: query: nothing to search for"},
      {"\"...\"", "error: query: nothing to search for"},
      {"-!!!", "error: query: nothing to search for"},
      {"（ ， ） OR 。", "error: query: nothing to search for"},
      {"x source:!!!", "error: query: no words in source at column 3"},
      // Parser errors come through unchanged.
      {"", "error: query: empty query"},
      {"a \"b", "error: query: unterminated phrase starting at column 3"},
      {"lang:fr",
       "error: query: unknown language 'fr' at column 6 (use en, zh, mixed or "
       "und)"},
  };
  Check(std::begin(kCases), std::end(kCases));
  // 1,024 words parse, but a phrase of 1,025 is too many terms too.
  CHECK(Built("\"" + Repeat("w ", 1025) + "\"") ==
        "error: query: more than 1024 terms");
  // 512 Han words of one character each are 1,024 terms; one more is too
  // many.
  CHECK(Built(Repeat("济 ", 512)).rfind("Query(", 0) == 0);
  CHECK(Built(Repeat("济 ", 512) + "南") ==
        "error: query: more than 1024 terms");
}

// The words of `ids`, sorted.
std::string Sorted(const std::string& ids) {
  std::istringstream in(ids);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  std::sort(words.begin(), words.end());
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

// A small in-memory index built with the indexer's own document code, so
// that these tests show the queries find what the index holds.
class TinyIndex {
 public:
  TinyIndex() : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {}
  void Add(const std::string& id, const std::string& title,
           const std::string& body, const std::string& lang = "",
           const std::string& date = "", const std::string& source = "") {
    Report report;
    report.id = id, report.title = title, report.body = body;
    report.lang = lang, report.date = date, report.source = source;
    db_.add_document(BuildDocument(SharedAnalyzer(), report));
  }
  // Ids of the matches, best first; `partial` runs the partial query.
  std::string Search(const std::string& query, bool partial = false) {
    BuiltQuery built = QueryBuilder(&SharedAnalyzer()).Build(query);
    Xapian::Enquire enquire(db_);
    enquire.set_query(partial ? built.partial : built.query);
    std::string ids;
    for (Xapian::MSetIterator it = enquire.get_mset(0, 100).begin();
         it != Xapian::MSetIterator(); ++it) {
      ids += (ids.empty() ? "" : " ") +
             ParseReport(it.get_document().get_data()).id;
    }
    return ids;
  }
  Xapian::WritableDatabase& db() { return db_; }

 private:
  Xapian::WritableDatabase db_;
};

TEST_CASE("QueryBuilder: queries find what the index holds",
          "[query_builder]") {
  TinyIndex index;
  index.Add("jinan", "济南市召开会议", "济南市经济增长强劲", "zh", "2019-04-15",
            "新华社");
  index.Add("trad", "濟南報告", "濟南的經濟", "zh", "2020-06-01");
  index.Add("en", "Annual report", "The reports were filed in Jinan.", "en",
            "2020-01-10", "Reuters");
  index.Add("apart", "会议", "经济发展很快，收入增长", "zh", "2018-12-31");
  // Matching sets, ids sorted.
  static const Case kCases[] = {
      {"济南", "jinan trad"},
      {"濟南", "jinan trad"},
      {"\"经济增长\"", "jinan"},
      {"经济增长", "apart jinan"},
      {"\"南市\"", "jinan"},  // inside words, through the character terms
      {"report", "en"},       // the stem finds "reports"
      {"\"annual report\"", "en"},
      {"\"annual reports\"", ""},
      {"rep*", "en"},
      {"title:report", "en"},
      {"title:济南", "jinan trad"},
      {"title:经济", ""},
      {"济南 -報告", "jinan"},
      {"-济南", "apart en"},
      {"lang:en", "en"},
      {"date:2019..2020-05", "en jinan"},
      {"date:..2018", "apart"},
      {"date:2020-01-10..", "en trad"},
      {"source:reuters", "en"},
      {"source:新华社 济南", "jinan"},
      {"济南 收入", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.query);
    REQUIRE(Sorted(index.Search(c.query)) == c.expect);
  }
  // Where the words stand together ranks first.
  CHECK(index.Search("经济增长") == "jinan apart");
  // When no report has all the words, the partial query finds those with
  // some of them, the one with the most first.
  CHECK(index.Search("济南 召开 收入") == "");
  std::string partial = index.Search("济南 召开 收入", true);
  CHECK(Sorted(partial) == "apart jinan trad");
  CHECK(partial.rfind("jinan ", 0) == 0);
  // Never a full match; single characters alone make none.
  CHECK(Sorted(index.Search("济南 经济", true)) == "apart");
  CHECK(Sorted(index.Search("济南市 经", true)) == "jinan trad");
  CHECK(index.Search("南 经", true) == "");
}

TEST_CASE("QueryBuilder: a prefix expands to the most frequent terms",
          "[query_builder]") {
  TinyIndex index;
  std::string body;
  for (int i = 0; i < 150; ++i)
    body += "econ" + std::to_string(1000 + i) + "x ";
  index.Add("many1", "", body);
  index.Add("many2", "", body);
  index.Add("rare", "", "econ0000x");  // sorts first, but is the least frequent
  // 151 expansions: more than kWildcardLimit, yet no error, and the rare
  // term is the one left out.
  CHECK(Sorted(index.Search("econ*")) == "many1 many2");
  CHECK(Sorted(index.Search("econ0*")) == "rare");
}

TEST_CASE("QueryBuilder: DumpPatterns", "[query_builder]") {
  CHECK(DumpPatterns({}) == "");
  MatchSlot both{{"a", "Za"}, "pre"};
  CHECK(DumpPatterns({MatchPattern{{both}},
                      MatchPattern{{both, MatchSlot{{"b"}, ""}}}}) ==
        "{a,Za,pre*} | {a,Za,pre*} {b}");
}

TEST_CASE("QueryBuilder: empty parentheses in pasted Chinese are ignored", "[query_builder]") {
  Analyzer analyzer;
  QueryBuilder builder(&analyzer);
  // CMRC question DEV_398_QUERY_2 pastes a Wikipedia sentence with （）.
  REQUIRE(builder.Build("霍恩大道（）至海文赫斯特大道").query.get_description() ==
          builder.Build("霍恩大道 至海文赫斯特大道").query.get_description());
  REQUIRE_THROWS_WITH(builder.Build("()"), "query: nothing to search for");
  REQUIRE_THROWS_WITH(builder.Build("（）"), "query: nothing to search for");
}

TEST_CASE("QueryBuilder: the words of partial matches", "[query_builder]") {
  Analyzer analyzer;
  QueryBuilder builder(&analyzer);
  struct WordsCase {
    const char* query;
    const char* words;  // as typed, separated by " | "
  };
  static const WordsCase kCases[] = {
      {"Liu Qiang", "Liu | Qiang"},
      {"What did the conference decide on VOCATIONAL education?",
       "What | did | conference | decide | VOCATIONAL | education"},
      {"刘贵堂在濟南", "刘贵堂 | 在 | 濟南"},
      {"report", ""},
  };
  for (const WordsCase& c : kCases) {
    CAPTURE(c.query);
    std::string words;
    for (const QueryWord& word : builder.Build(c.query).words)
      words += (words.empty() ? "" : " | ") + word.typed;
    REQUIRE(words == c.words);
  }
}

}  // namespace
}  // namespace sousuo
