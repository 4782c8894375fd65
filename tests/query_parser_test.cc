#include "common/query_parser.h"

#include <catch2/catch.hpp>
#include <string>

#include "common/error.h"

namespace sousuo {
namespace {

struct Case {
  const char* query;
  const char* expect;
};

// The dump of a query, or its error message.
std::string Parsed(const std::string& query) {
  try {
    return DumpQuery(*ParseQuery(query));
  } catch (const QueryError& e) {
    return std::string("error: ") + e.what();
  }
}

void Check(const Case* begin, const Case* end) {
  for (const Case* c = begin; c != end; ++c) {
    CAPTURE(c->query);
    REQUIRE(Parsed(c->query) == c->expect);
  }
}

TEST_CASE("QueryParser: words, operators and precedence", "[query_parser]") {
  static const Case kCases[] = {
      {"report", "report"},
      {"  report  ", "report"},
      {"annual report", "(annual report)"},
      {"济南　会议", "(济南 会议)"},  // ideographic space
      {"cats OR dogs", "OR(cats, dogs)"},
      {"cats or dogs", "(cats or dogs)"},  // lower case is a word
      {"cats Or dogs", "(cats Or dogs)"},
      {"cats AND dogs", "AND(cats, dogs)"},
      {"a OR b OR c", "OR(a, b, c)"},
      {"a AND b AND c", "AND(a, b, c)"},
      {"a b OR c d", "OR((a b), (c d))"},
      {"a OR b AND c", "OR(a, AND(b, c))"},
      {"a AND b OR c", "OR(AND(a, b), c)"},
      {"a AND b c", "AND(a, (b c))"},
      {"a b AND c d", "AND((a b), (c d))"},
      {"(a OR b) c", "(OR(a, b) c)"},
      {"a (b OR c)", "(a OR(b, c))"},
      {"a OR(b)", "OR(a, b)"},
      {"(a OR b) AND (c OR d)", "AND(OR(a, b), OR(c, d))"},
      {"((a))", "a"},
      {"（a OR b） c", "(OR(a, b) c)"},  // full-width parentheses
      {"ORE ANDES NOTE", "(ORE ANDES NOTE)"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryParser: negation", "[query_parser]") {
  static const Case kCases[] = {
      {"a -b", "(a NOT(b))"},
      {"a NOT b", "(a NOT(b))"},
      {"a AND NOT b", "AND(a, NOT(b))"},
      {"-b", "NOT(b)"},
      {"NOT b", "NOT(b)"},
      {"-a b", "(NOT(a) b)"},
      {"NOT a OR b", "OR(NOT(a), b)"},  // NOT binds tighter than OR
      {"NOT a b", "(NOT(a) b)"},        // and tighter than AND
      {"a -\"b c\"", "(a NOT(\"b c\"))"},
      {"a -(b OR c)", "(a NOT(OR(b, c)))"},
      {"a -b -c", "(a NOT(b) NOT(c))"},
      {"NOT NOT a", "NOT(NOT(a))"},
      {"-OR", "NOT(OR)"},  // right after '-' everything is an operand
      {"--a", "NOT(-a)"},
      {"e-mail", "e-mail"},  // '-' inside a word is text
      {"covid-19 -vaccine", "(covid-19 NOT(vaccine))"},
      {"a - b", "(a - b)"},  // a lone '-' is text
      {"a -", "(a -)"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryParser: phrases and prefixes", "[query_parser]") {
  static const Case kCases[] = {
      {"\"annual report\"", "\"annual report\""},
      {"\"经济增长\"", "\"经济增长\""},
      {"\"GDP增长\"", "\"GDP增长\""},
      {"“经济增长”", "\"经济增长\""},  // curly quotes
      {"＂济南＂", "\"济南\""},        // full-width quotes
      {"\"a OR (b\"", "\"a OR (b\""},  // no operators inside
      {"\"\"", "\"\""},
      {"say\"hello there\"now", "(say \"hello there\" now)"},
      {"econ*", "econ*"},
      {"econ**", "econ*"},
      {"濟南*", "濟南*"},
      {"e*con", "e*con"},  // '*' not at the end is text
      {"-econ*", "NOT(econ*)"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryParser: fields", "[query_parser]") {
  static const Case kCases[] = {
      {"title:report", "title:report"},
      {"title:\"annual report\"", "title:\"annual report\""},
      {"title:(a OR b)", "OR(title:a, title:b)"},
      {"title:(a -b) c", "((title:a NOT(title:b)) c)"},
      {"title:rep*", "title:rep*"},
      {"title:OR", "title:OR"},
      {"-title:x", "NOT(title:x)"},
      {"lang:zh", "lang:zh"},
      {"lang:EN", "lang:en"},
      {"lang:mixed lang:und", "(lang:mixed lang:und)"},
      {"(lang:zh)", "lang:zh"},
      {"source:reuters", "source:reuters"},
      {"source:\"CCTV 新闻联播\"", "source:\"CCTV 新闻联播\""},
      {"date:2019-01-01..2019-06-30", "date:20190101..20190630"},
      {"date:2019-01-01..", "date:20190101.."},
      {"date:..2019-06-30", "date:..20190630"},
      {"date:2019", "date:20190101..20191231"},
      {"date:2019-04", "date:20190401..20190430"},
      {"date:2019-04-15", "date:20190415..20190415"},
      {"date:2018..2019-06", "date:20180101..20190630"},
      {"date:2019-06..2019", "date:20190601..20191231"},
      {"date:2016-02 date:1900-02 date:2000-02-29",
       "(date:20160201..20160229 date:19000201..19000228 "
       "date:20000229..20000229)"},
      {"(date:2019)", "date:20190101..20191231"},
      // Any case, and the full-width colon of a Chinese keyboard.
      {"Title:x", "title:x"},
      {"LANG:ZH", "lang:zh"},
      {"title：济南", "title:济南"},
      {"source：新华社 x", "(source:新华社 x)"},
      // Not fields: the whole word stays text.
      {"http://x", "http://x"},
      {"10:30", "10:30"},
      {"Note: this", "(Note: this)"},
      {"Q3:x", "Q3:x"},
      {"x:y", "x:y"},
      {"变形金刚：超能连结是哪个公司发行的作品？", "变形金刚：超能连结是哪个公司发行的作品？"},
      {"Transformers：超能连结", "Transformers：超能连结"},
      {"author:", "author:"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

TEST_CASE("QueryParser: errors", "[query_parser]") {
  static const Case kCases[] = {
      {"", "error: query: empty query"},
      {" \t　", "error: query: empty query"},
      {"a\xff"
       "b",
       "error: query: invalid UTF-8 at byte 2"},
      {"济\xe5", "error: query: invalid UTF-8 at byte 4"},
      {"a \"b c", "error: query: unterminated phrase starting at column 3"},
      {"济南 “abc", "error: query: unterminated phrase starting at column 4"},
      {"title:\"a", "error: query: unterminated phrase starting at column 7"},
      {"ab (cd", "error: query: unbalanced '(' at column 4"},
      {"((a)", "error: query: unbalanced '(' at column 1"},
      {"中文 (", "error: query: unbalanced '(' at column 4"},
      {"a b c d)", "error: query: unexpected ')' at column 8"},
      {")a", "error: query: unexpected ')' at column 1"},
      {"()", ""},  // nothing to search for: the builder says so
      {"a ( )", "(a )"},  // the empty group is an empty word, dropped later
      {"OR a", "error: query: OR at column 1 needs a query on both sides"},
      {"a OR", "error: query: OR at column 3 needs a query on both sides"},
      {"a OR OR b", "error: query: OR at column 3 needs a query on both sides"},
      {"(OR a)", "error: query: OR at column 2 needs a query on both sides"},
      {"(a OR) b", "error: query: OR at column 4 needs a query on both sides"},
      {"济南市 OR", "error: query: OR at column 5 needs a query on both sides"},
      {"AND a", "error: query: AND at column 1 needs a query on both sides"},
      {"a AND", "error: query: AND at column 3 needs a query on both sides"},
      {"a AND OR b",
       "error: query: AND at column 3 needs a query on both sides"},
      {"a AND AND b",
       "error: query: AND at column 3 needs a query on both sides"},
      {"a OR AND b",
       "error: query: OR at column 3 needs a query on both sides"},
      {"NOT", "error: query: NOT at column 1 needs a query after it"},
      {"a NOT", "error: query: NOT at column 3 needs a query after it"},
      {"a NOT OR b", "error: query: NOT at column 3 needs a query after it"},
      {"(NOT)", "error: query: NOT at column 2 needs a query after it"},
      {"*", "error: query: '*' at column 1 needs a prefix before it"},
      {"a -**", "error: query: '*' at column 4 needs a prefix before it"},
      {"title:*", "error: query: '*' at column 7 needs a prefix before it"},
      {"title:", "error: query: missing value after 'title:' at column 1"},
      // A field typed wrong is an error, never text.
      {"titel:济南", "error: query: unknown field 'titel:' at column 1 (use title:, lang:, "
                    "source: or date:, or quote the word)"},
      {"x author:y", "error: query: unknown field 'author:' at column 3 (use title:, lang:, "
                     "source: or date:, or quote the word)"},
      {"xtitle:x", "error: query: unknown field 'xtitle:' at column 1 (use title:, lang:, "
                   "source: or date:, or quote the word)"},
      {"titel:\"a b\"", "error: query: unknown field 'titel:' at column 1 (use title:, lang:, "
                         "source: or date:, or quote the word)"},
      {"title： a", "error: query: missing value after 'title:' at column 1"},
      {"title: a", "error: query: missing value after 'title:' at column 1"},
      {"(title:)", "error: query: missing value after 'title:' at column 2"},
      {"lang:", "error: query: missing value after 'lang:' at column 1"},
      {"x source:", "error: query: missing value after 'source:' at column 3"},
      {"date: 2019", "error: query: missing value after 'date:' at column 1"},
      {"lang:(zh OR en)",
       "error: query: 'lang:' at column 1 takes a single value, not a group"},
      {"a source:(b c)",
       "error: query: 'source:' at column 3 takes a single value, not a group"},
      {"lang:fr",
       "error: query: unknown language 'fr' at column 6 (use en, zh, mixed or "
       "und)"},
      {"济南 lang:中文",
       "error: query: unknown language '中文' at column 9 (use en, zh, mixed "
       "or und)"},
      {"date:xx", "error: query: invalid date 'xx' at column 6"},
      {"date:2019-13", "error: query: invalid date '2019-13' at column 6"},
      {"date:2019-00", "error: query: invalid date '2019-00' at column 6"},
      {"date:2019-02-29",
       "error: query: invalid date '2019-02-29' at column 6"},
      {"date:2019-04-31",
       "error: query: invalid date '2019-04-31' at column 6"},
      {"date:2019-4-1", "error: query: invalid date '2019-4-1' at column 6"},
      {"date:20190415", "error: query: invalid date '20190415' at column 6"},
      {"date:19", "error: query: invalid date '19' at column 6"},
      {"date:0000", "error: query: invalid date '0000' at column 6"},
      {"date:..", "error: query: invalid date '..' at column 6"},
      {"date:2019..xx", "error: query: invalid date 'xx' at column 12"},
      {"date:xx..2019", "error: query: invalid date 'xx' at column 6"},
      {"date:2018..2019..2020",
       "error: query: invalid date '2019..2020' at column 12"},
      {"date:2019..2018",
       "error: query: date range '2019..2018' at column 6 ends before it "
       "starts"},
      {"date:2019-06..2019-05-31",
       "error: query: date range '2019-06..2019-05-31' at column 6 ends before "
       "it "
       "starts"},
  };
  Check(std::begin(kCases), std::end(kCases));
}

// Issue 5: values quoted in messages showed control characters (an ESC
// reaches the terminal) and were as long as the query.
TEST_CASE("QueryParser: quoted values are safe and short", "[query_parser]") {
  const std::pair<std::string, std::string> cases[] = {
      {"lang:\x1b]0;owned\x07",
       "error: query: unknown language '\uFFFD]0;owned\uFFFD' at column 6 (use en, zh, mixed "
       "or und)"},
      {"date:20\x1d" "19\xc2\x9b", "error: query: invalid date '20\uFFFD" "19\uFFFD' at column 6"},
      {"date:" + std::string(100000, '9'),
       "error: query: invalid date '" + std::string(40, '9') + "...' at column 6"},
      {"date:2019.." + std::string(41, 'x'),
       "error: query: invalid date '" + std::string(40, 'x') + "...' at column 12"},
  };
  for (const auto& [query, expect] : cases) {
    CAPTURE(query.substr(0, 40));
    CHECK(Parsed(query) == expect);
  }
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("QueryParser: nesting and size limits", "[query_parser]") {
  REQUIRE(kMaxQueryDepth == 1000);
  REQUIRE(kMaxQueryTerms == 1024);
  std::string deepest = Repeat("(", 1000) + "x" + Repeat(")", 1000);
  CHECK(Parsed(deepest) == "x");
  CHECK(Parsed("(" + deepest + ")") ==
        "error: query: nesting deeper than 1000 levels at column 1001");
  // An unclosed flood of parentheses stops at the limit, not at the stack.
  CHECK(Parsed(Repeat("(", 1000000)) ==
        "error: query: nesting deeper than 1000 levels at column 1001");
  CHECK(Parsed(Repeat("NOT ", 1000) + "x") ==
        Repeat("NOT(", 1000) + "x" + Repeat(")", 1000));
  CHECK(Parsed(Repeat("NOT ", 1001) + "x") ==
        "error: query: nesting deeper than 1000 levels at column 4001");
  CHECK(Parsed(Repeat("title:", 1001) + "x") ==
        "error: query: nesting deeper than 1000 levels at column 6001");
  std::string words = Repeat("w ", 1024);
  CHECK(Parsed(words).size() == 2 + 2 * 1024 - 1);  // "(w w ... w)"
  CHECK(Parsed(words + "w") == "error: query: more than 1024 terms");
}

TEST_CASE("QueryParser: columns count characters", "[query_parser]") {
  CHECK(QueryColumn("abc", 0) == 1);
  CHECK(QueryColumn("abc", 3) == 4);
  CHECK(QueryColumn("济南 x", 7) == 4);
  CHECK(QueryColumn("ＧＤＰ(", 9) == 4);
}

}  // namespace
}  // namespace sousuo
