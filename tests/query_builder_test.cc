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
enum class Part { kQuery, kRelaxed, kHighlights };

std::string Built(const std::string& query, Part part = Part::kQuery) {
  QueryBuilder builder(&SharedAnalyzer());
  try {
    BuiltQuery built = builder.Build(query);
    switch (part) {
      case Part::kQuery:
        return built.query.get_description();
      case Part::kRelaxed:
        return built.relaxed.get_description();
      case Part::kHighlights:
        return DumpPatterns(built.highlights);
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

TEST_CASE("QueryBuilder: the relaxed query", "[query_builder]") {
  static const Case kCases[] = {
      {"growth reports",
       "Query(((growth OR Zgrowth) OR (reports OR Zreport)))"},
      {"经济增长",
       "Query((((经济 OR 0.5 * ((XC经 PHRASE 2 XC济) AND_NOT 经济)) OR "
       "(增长 OR 0.5 * ((XC增 PHRASE 2 XC长) AND_NOT 增长))) "
       "AND_MAYBE (XC经 PHRASE 4 XC济 PHRASE 4 XC增 PHRASE 4 XC长)))"},
      // Explicit AND, phrases, filters and NOT are kept.
      {"x y AND z", "Query((((x OR Zx) OR (y OR Zy)) AND (z OR Zz)))"},
      {"x AND y", "Query(((x OR Zx) AND (y OR Zy)))"},
      {"\"x y\" z", "Query(((x PHRASE 2 y) OR (z OR Zz)))"},
      {"x y -z lang:zh",
       "Query(((((x OR Zx) OR (y OR Zy)) AND_NOT (z OR Zz)) FILTER Lzh))"},
      {"(x y) OR z", "Query((((x OR Zx) OR (y OR Zy)) OR (z OR Zz)))"},
      {"report", "Query((report OR Zreport))"},
      // A question drops Snowball's function words, in the relaxed query only.
      {"what are the heat problems",
       "Query(((heat OR Zheat) OR (problems OR Zproblem)))"},
      // Only function words: the question list yields to the usual one.
      {"what are they", "Query((what OR Zwhat))"},
      // Chinese function words go too (这 的 是 谁), from questions only.
      {"这部电影的导演是谁？",
       "Query(((部 OR (电影 OR 0.5 * ((XC电 PHRASE 2 XC影) AND_NOT 电影)) OR "
       "(导演 OR 0.5 * ((XC导 PHRASE 2 XC演) AND_NOT 导演))) AND_MAYBE "
       "(XC这 PHRASE 9 XC部 PHRASE 9 XC电 PHRASE 9 XC影 PHRASE 9 XC的 PHRASE 9 "
       "XC导 PHRASE 9 XC演 PHRASE 9 XC是 PHRASE 9 XC谁)))"},
      {"是什么",
       "Query(((是 OR (什么 OR 0.5 * ((XC什 PHRASE 2 XC么) AND_NOT 什么))) AND_MAYBE "
       "(XC是 PHRASE 3 XC什 PHRASE 3 XC么)))"},
  };
  Check(std::begin(kCases), std::end(kCases), Part::kRelaxed);
}

// The proximity features of the relaxed query, one per line.
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
      // Function words dropped first (是 谁 的); 无 双 as ICU splits 无双.
      {"战国无双是谁开发的",
       "Query(0.11764705882352942401 * (XC战 PHRASE 3 XC国 PHRASE 3 XC无))\n"
       "Query(0.058823529411764712005 * (XC战 NEAR 8 XC国 NEAR 8 XC无))\n"
       "Query(0.11764705882352942401 * (XC无 PHRASE 2 XC双))\n"
       "Query(0.058823529411764712005 * (XC无 NEAR 8 XC双))\n"
       "Query(0.11764705882352942401 * (XC双 PHRASE 3 XC开 PHRASE 3 XC发))\n"
       "Query(0.058823529411764712005 * (XC双 NEAR 8 XC开 NEAR 8 XC发))"},
      // Words typed apart count as next to each other; a Latin word pairs
      // with a Han one.
      {"GDP 增长",
       "Query(0.11764705882352942401 * (gdp PHRASE 3 XC增 PHRASE 3 XC长))\n"
       "Query(0.058823529411764712005 * (gdp NEAR 8 XC增 NEAR 8 XC长))"},
      {"title:(济南 教育)",
       "Query(0.11764705882352942401 * (XCS济 PHRASE 4 XCS南 PHRASE 4 XCS教 PHRASE 4 XCS育))\n"
       "Query(0.058823529411764712005 * (XCS济 NEAR 8 XCS南 NEAR 8 XCS教 NEAR 8 XCS育))"},
      // None: English pairs, one word, a repeated word, words of two fields,
      // words parted by a NOT, and queries with nothing to relax.
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
  REQUIRE(Built("flow past the plate and the flow", Part::kRelaxed) ==
          "Query(((flow#2 OR Zflow#2) OR (past OR Zpast) OR (plate OR Zplate)))");
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
  // Ids of the matches, best first; `relaxed` runs the relaxed query.
  std::string Search(const std::string& query, bool relaxed = false) {
    BuiltQuery built = QueryBuilder(&SharedAnalyzer()).Build(query);
    Xapian::Enquire enquire(db_);
    enquire.set_query(relaxed ? built.relaxed : built.query);
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
  // When no report has all the words, the relaxed query finds those with
  // some of them, the one with the most first.
  CHECK(index.Search("济南 召开 收入") == "");
  std::string relaxed = index.Search("济南 召开 收入", true);
  CHECK(Sorted(relaxed) == "apart jinan trad");
  CHECK(relaxed.rfind("jinan ", 0) == 0);
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

TEST_CASE("QueryBuilder: relaxable says whether the relaxed query differs", "[query_builder]") {
  static const char* const kQueries[] = {
      "report", "growth reports", "经济增长", "济南", "\"x y\"", "x AND y", "x OR y",
      "x y AND z", "(x y) OR z", "what are the heat problems", "what are they",
      "x -y", "lang:zh", "title:(a b)", "e-mail", "\"x y\" z", "kinder*",
      "这部电影的导演是谁？", "是什么", "济南 的", "flow flow"};
  Analyzer analyzer;
  QueryBuilder builder(&analyzer);
  for (const char* query : kQueries) {
    CAPTURE(query);
    const BuiltQuery built = builder.Build(query);
    REQUIRE(built.relaxable ==
            (built.relaxed.get_description() != built.query.get_description()));
  }
}

}  // namespace
}  // namespace sousuo
