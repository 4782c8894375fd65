#include "common/snippet.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/highlight.h"
#include "common/utf8.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

// Patterns are written by hand here (test_util.h), in the Field::kAll terms
// of term_writer.h, so these tests do not depend on the query builder.
using test::Han;
using test::Mark;
using test::Phrase;
using test::Prefix;
using test::Show;
using test::Word;

const char kEnglish[] =
    "Exports rose sharply in the first quarter. The central bank reported on "
    "Tuesday that inflation remained low, while credit growth slowed for a "
    "third month. Analysts expect the bank to cut interest rates before the "
    "end "
    "of the year, citing weak demand at home and abroad. Shares in Shanghai "
    "closed higher.";

const char kChinese[] =
    "济南市召开教育工作会议。刘强指出，要把教育摆在优先发展的战略地位。会议强调"
    "，"
    "要深化教育改革，推进教育现代化建设，办好人民满意的教育。";

const char kEconomy[] =
    "今年以来，全省经济运行总体平稳，稳中有进。各地区各部门认真贯彻落实决策部署"
    "，"
    "扎实做好各项工作。一季度，全省地区生产总值同比增长百分之五点二，高于全国平"
    "均"
    "水平。下一步，要继续深化改革开放，加快推进科技创新，推动高质量发展";

struct MatchCase {
  const char* text;
  std::vector<MatchPattern> patterns;
  const char* expect;
};

TEST_CASE("SnippetGenerator: finds matches as the index sees them",
          "[snippet]") {
  const MatchCase kCases[] = {
      // Stem only: "reported" shares the stem of "reports".
      {"The ministry reported it",
       {Word("reports", "report")},
       "The ministry [reported] it"},
      // A phrase needs consecutive positions and spans from first to last.
      {"cut interest rates, not interest on rates",
       {Phrase({"interest", "rates"})},
       "cut [interest rates], not interest on rates"},
      {"济南市召开会议，南济无关", {Han("济南")}, "[济南]市召开会议，南济无关"},
      // Folded matches keep the original characters.
      {"濟南市召開會議", {Han("济南"), Han("会议")}, "[濟南]市召開[會議]"},
      {"ＧＤＰ增長，Ｒｅｐｏｒｔｓ",
       {Word("gdp", "gdp"), Word("reports", "report")},
       "[ＧＤＰ]增長，[Ｒｅｐｏｒｔｓ]"},
      // Prefixes match words, numbers and Han words, highlighting the token.
      {"Inflationary inflation influx 2019 20",
       {Prefix("infla"), Prefix("201")},
       "[Inflationary] [inflation] influx [2019] 20"},
      {"教育工作", {Prefix("教")}, "[教育]工作"},
      // Overlapping and touching matches merge; a gap keeps them apart.
      {"interest rates cut today",
       {Phrase({"interest", "rates"}), Phrase({"rates", "cut"})},
       "[interest rates cut] today"},
      {"济南市召开", {Han("济南"), Han("市召")}, "[济南市召]开"},
      {"new york", {Word("new", "new"), Word("york", "york")}, "[new] [york]"},
      // An empty pattern matches nothing.
      {"anything", {MatchPattern{}}, "anything"},
  };
  Analyzer analyzer;
  for (const MatchCase& c : kCases) {
    CAPTURE(c.text);
    SnippetGenerator generator(&analyzer, c.patterns);
    REQUIRE(Mark(c.text, generator.FindMatches(c.text)) == c.expect);
  }
}

struct GenerateCase {
  const char* name;
  const char* text;
  std::vector<MatchPattern> patterns;
  size_t columns;
  size_t max_fragments;
  const char* expect;
};

TEST_CASE("SnippetGenerator: chooses and cuts windows", "[snippet]") {
  // clang-format off
  const GenerateCase kCases[] = {
      {"stem only", kEnglish, {Word("reports", "report")}, 120, 3,
       "…The central bank [reported] on Tuesday that inflation remained low, "
       "while credit growth slowed for a third month.…"},
      {"english phrase", kEnglish, {Phrase({"interest", "rates"})}, 120, 3,
       "…Analysts expect the bank to cut [interest rates] before the end of "
       "the year, citing weak demand at home and abroad.…"},
      {"chinese phrase", kChinese, {Han("优先发展")}, 40, 3,
       "…要把教育摆在[优先发展]的战略地位。…"},
      {"traditional text, simplified query", "濟南市召開教育工作會議，強調深化教育改革。",
       {Han("济南"), Han("改革")}, 120, 3,
       "[濟南]市召開教育工作會議，強調深化教育[改革]。"},
      {"full-width text, ASCII query", "ＧＤＰ增長５．２％，Ｒｅｐｏｒｔｓ say",
       {Word("gdp", "gdp"), Word("reports", "report")}, 120, 3,
       "[ＧＤＰ]增長５．２％，[Ｒｅｐｏｒｔｓ] say"},
      // The right cut falls on 。, leaving 18 of 60 columns unused.
      {"zh hit at the very start, cut at 。", kEconomy, {Han("今年")}, 60, 3,
       "[今年]以来，全省经济运行总体平稳，稳中有进。…"},
      // Starts at the last sentence; 30 characters fill the 60 columns.
      {"zh hit at the very end", kEconomy, {Han("发展")}, 60, 3,
       "…下一步，要继续深化改革开放，加快推进科技创新，推动高质量[发展]"},
      {"zh starts after 。", kChinese, {Han("优先")}, 60, 3,
       "…刘强指出，要把教育摆在[优先]发展的战略地位。会议强调，…"},
      {"en cut at .", kEnglish, {Word("credit", "credit")}, 80, 3,
       "…that inflation remained low, while [credit] growth slowed for a "
       "third month.…"},
      {"shorter than the window", "济南市召开教育工作会议", {Han("教育")}, 120, 3,
       "济南市召开[教育]工作会议"},
      {"no hit: the opening", kEconomy, {Han("飞机")}, 60, 3,
       "今年以来，全省经济运行总体平稳，稳中有进。…"},
      {"no hit: the opening, cut at a clause", kEnglish, {Word("tokyo", "tokyo")}, 120, 3,
       "Exports rose sharply in the first quarter. The central bank reported "
       "on Tuesday that inflation remained low,…"},
      {"several fragments in text order", kEnglish,
       {Word("inflation", "inflat"), Word("rates", "rate"), Word("shares", "share")}, 40, 3,
       "…on Tuesday that [inflation] remained low,… | …to cut interest [rates] "
       "before the end of… | …[Shares] in Shanghai closed higher."},
      // Two distinct patterns beat an earlier window with one (and the window
      // starts at the sentence)...
      {"best window first", kEnglish,
       {Word("exports", "export"), Word("analysts", "analyst"), Word("rates", "rate")}, 60, 1,
       "…[Analysts] expect the bank to cut interest [rates] before the…"},
      // ...but the fragments come back in text order.
      {"then text order", kEnglish,
       {Word("exports", "export"), Word("analysts", "analyst"), Word("rates", "rate")}, 60, 2,
       "[Exports] rose sharply in the first quarter.… | …[Analysts] expect the "
       "bank to cut interest [rates] before the…"},
      // 9 characters, 18 columns, 27 bytes.
      {"width in columns", kChinese, {Han("战略")}, 20, 3, "…优先发展的[战略]地位。…"},
      {"prefix", kEnglish, {Prefix("infl")}, 60, 3,
       "…bank reported on Tuesday that [inflation] remained low,…"},
      {"whitespace collapsed", "济南市召开\n教育工作会议。\n\nThe  meeting\tended.",
       {Han("教育"), Word("meeting", "meet")}, 120, 3,
       "济南市召开[教育]工作会议。 The [meeting] ended."},
      {"a match wider than the window", kEnglish, {Phrase({"interest", "rates"})}, 10, 3,
       "…[interest rates]…"},
      {"empty text", "", {Han("教育")}, 120, 3, ""},
      {"blank text", " \n\t　", {Han("教育")}, 120, 3, ""},
  };
  // clang-format on
  Analyzer analyzer;
  for (const GenerateCase& c : kCases) {
    CAPTURE(c.name);
    SnippetGenerator generator(&analyzer, c.patterns,
                               {c.columns, c.max_fragments});
    CHECK(Show(generator.Generate(c.text)) == c.expect);
  }
}

// "begin-end" of each highlight.
std::string Offsets(const std::vector<HighlightRange>& ranges) {
  std::string out;
  for (const HighlightRange& r : ranges) {
    if (!out.empty())
      out += ' ';
    out += std::to_string(r.begin) + "-" + std::to_string(r.end);
  }
  return out;
}

TEST_CASE("SnippetGenerator: highlights a whole title", "[snippet]") {
  struct Case {
    const char* text;
    std::vector<MatchPattern> patterns;
    const char* fragment;
    const char* offsets;
  };
  const Case kCases[] = {
      {"濟南市召開\n教育工作會議",
       {Han("济南"), Han("教育")},
       "濟南市召開教育工作會議",
       "0-6 15-21"},
      {"  Officials\treported  growth\n",
       {Word("reports", "report"), Word("growth", "growth")},
       "Officials reported growth",
       "10-18 19-25"},
      {"No match here", {Han("教育")}, "No match here", ""},
      {"", {Han("教育")}, "", ""},
  };
  Analyzer analyzer;
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    SnippetGenerator generator(&analyzer, c.patterns);
    const Snippet title = generator.HighlightAll(c.text);
    REQUIRE(title.fragment == c.fragment);
    REQUIRE(Offsets(title.highlights) == c.offsets);
    REQUIRE_FALSE(title.elided_left);
    REQUIRE_FALSE(title.elided_right);
  }
}

// Byte offsets at which a cut would split a word (not a Han character: those
// lie inside their Han word).
bool SplitsWord(const std::vector<Token>& tokens, size_t pos) {
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kHanChar && t.begin < pos && pos < t.end)
      return true;
  }
  return false;
}

TEST_CASE("SnippetGenerator: fragments fit, never split words, keep text order",
          "[snippet]") {
  struct Case {
    const char* text;
    std::vector<MatchPattern> patterns;
  };
  const Case kCases[] = {
      {kEnglish,
       {Word("bank", "bank"), Phrase({"interest", "rates"}), Prefix("sha")}},
      {kChinese, {Han("教育"), Han("会议")}},
      {kEconomy, {Han("全省"), Han("改革")}},
      {kEconomy, {}},
  };
  Analyzer analyzer;
  for (const Case& c : kCases) {
    const std::string text = c.text;
    const std::vector<Token> tokens = analyzer.Analyze(text);
    for (size_t columns = 6; columns <= 130; columns += 4) {
      CAPTURE(text, columns);
      SnippetGenerator generator(&analyzer, c.patterns, {columns, 3});
      size_t previous_end = 0;
      for (const Snippet& s : generator.Generate(text)) {
        CAPTURE(s.fragment);
        const size_t begin = text.find(s.fragment, previous_end);
        REQUIRE(begin != std::string::npos);
        const size_t end = begin + s.fragment.size();
        REQUIRE_FALSE(SplitsWord(tokens, begin));
        REQUIRE_FALSE(SplitsWord(tokens, end));
        REQUIRE(s.elided_left == (begin > 0));
        REQUIRE(s.elided_right == (end < text.size()));
        const bool one_match = s.highlights.size() == 1 &&
                               s.highlights[0].begin == 0 &&
                               s.highlights[0].end == s.fragment.size();
        if (!one_match)
          REQUIRE(DisplayWidth(s.fragment) <= columns);
        previous_end = end;
      }
    }
  }
}

// `text` with each whitespace run made one space.
std::string OneSpace(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

// Checks that each of `snippets` (of a long `text`, analysed around anchors)
// highlights exactly what the whole text's analysis finds in the range it
// shows, and returns how many highlights there were.
size_t CheckAgainstWhole(SnippetGenerator* whole, std::string_view text,
                         const std::vector<Snippet>& snippets) {
  const std::vector<HighlightRange> all = whole->FindMatches(text);
  size_t count = 0;
  for (const Snippet& s : snippets) {
    std::vector<std::string> expected, got;
    for (const HighlightRange& r : all) {
      const size_t b = std::max<size_t>(r.begin, s.source_begin);
      const size_t e = std::min<size_t>(r.end, s.source_end);
      if (b < e) expected.push_back(OneSpace(text.substr(b, e - b)));
    }
    for (const HighlightRange& h : s.highlights) {
      got.push_back(s.fragment.substr(h.begin, h.end - h.begin));
    }
    // Ranges apart only by whitespace are one highlight in a fragment, so
    // compare what is highlighted, not how many pieces.
    INFO(s.fragment);
    CHECK(got.size() <= expected.size());
    std::string a, b;
    for (const std::string& x : expected) a += x;
    for (const std::string& x : got) b += x;
    CHECK(OneSpace(b) == OneSpace(a));
    count += got.size();
  }
  return count;
}

TEST_CASE("SnippetGenerator: long texts are analysed around anchors", "[snippet]") {
  Analyzer analyzer;
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "Nothing of note happened on this quiet day. ";
  std::string zh_filler;
  for (int i = 0; i < 40; ++i) zh_filler += "今天天气很好，大家都在公园里散步。";
  const std::string text = filler + "\nThe bank REPORTED higher interest rates.\n" + zh_filler +
                           "濟南市召开会议。" + filler + "Profits were reported too.";
  REQUIRE(text.size() > 6000);
  const std::vector<MatchPattern> patterns = {Word("reports", "report"),
                                              Phrase({"interest", "rates"}), Han("济南")};
  SnippetGenerator anchored(&analyzer, patterns);
  SnippetGenerator whole(&analyzer, patterns, SnippetOptions{120, 3, true});
  const std::vector<Snippet> got = anchored.Generate(text);
  const std::vector<Snippet> expected = whole.Generate(text);
  REQUIRE(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].fragment == expected[i].fragment);
    CHECK(got[i].highlights == expected[i].highlights);
    CHECK(got[i].source_begin == expected[i].source_begin);
    CHECK(got[i].source_end == expected[i].source_end);
  }
  CHECK(CheckAgainstWhole(&whole, text, got) == 4);
  // No anchor found (a stem whose words all differ from it): the whole text.
  SnippetGenerator nothing(&analyzer, {Word("zzz", "qqq")});
  const std::vector<Snippet> opening = nothing.Generate(text);
  REQUIRE(opening.size() == 1);
  CHECK(opening[0].source_begin == 0);
  CHECK(opening[0].highlights.empty());
}

TEST_CASE("SnippetGenerator: anchored snippets of real reports match the whole analysis",
          "[snippet]") {
  const std::string corpus = test::SharedCorpusDir();
  std::vector<std::string> bodies;
  for (const char* file : {"/en-news/reuters21578.jsonl", "/zh-news/xwlb-2018-2020.jsonl"}) {
    std::ifstream in(corpus + file);
    size_t long_ones = 0;
    for (std::string line; long_ones < 150 && std::getline(in, line);) {
      const std::string body = nlohmann::json::parse(line).value("body", "");
      if (body.size() > 4096) {
        bodies.push_back(body);
        ++long_ones;
      }
    }
  }
  if (bodies.size() < 300) {
    WARN("shared corpus not found at " + corpus + ": test skipped");
    return;
  }
  Analyzer analyzer;
  const std::vector<std::vector<MatchPattern>> queries = {
      {Word("prices", "price"), Word("oil", "oil")},
      {Phrase({"interest", "rates"})},
      {Word("said", "said"), Word("company", "compani")},
      {Han("经济"), Han("发展")},
      {Han("习近平")},
      {Han("新时代"), Han("中国特色社会主义")},
  };
  size_t highlights = 0;
  for (const auto& patterns : queries) {
    SnippetGenerator anchored(&analyzer, patterns);
    SnippetGenerator whole(&analyzer, patterns, SnippetOptions{120, 3, true});
    for (const std::string& body : bodies) highlights += CheckAgainstWhole(&whole, body, anchored.Generate(body));
  }
  CHECK(highlights > 1000);
}

}  // namespace
}  // namespace sousuo
