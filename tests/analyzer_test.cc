#include "common/analyzer.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace sousuo {
namespace {

struct Case {
  const char* text;
  const char* expect;
};

TEST_CASE("Analyzer: Chinese words with their characters", "[analyzer][zh]") {
  static const Case kCases[] = {
      {"济南市召开会议",
       "济南@0-6#1 ~济@0-3#1 ~南@3-6#2 市@6-9#3 ~市@6-9#3 召开@9-15#4 ~召@9-12#4 "
       "~开@12-15#5 会议@15-21#6 ~会@15-18#6 ~议@18-21#7"},
      {"新旧动能转换",
       "新旧@0-6#1 ~新@0-3#1 ~旧@3-6#2 动能@6-12#3 ~动@6-9#3 ~能@9-12#4 "
       "转换@12-18#5 ~转@12-15#5 ~换@15-18#6"},
      // Punctuation is not a token; positions run on across it.
      {"增长，会议。", "增长@0-6#1 ~增@0-3#1 ~长@3-6#2 会议@9-15#3 ~会@9-12#3 ~议@12-15#4"},
      // Latin inside Chinese splits at the script change and takes one
      // position. ICU's segmentation depends on context: here 基站 falls apart
      // into characters, which the character terms make harmless.
      {"5G基站", "5g@0-2#1 基@2-5#2 ~基@2-5#2 站@5-8#3 ~站@5-8#3"},
  };
  Analyzer analyzer;
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(test::DumpTokens(analyzer.Analyze(c.text)) == c.expect);
  }
}

TEST_CASE("Analyzer: folded forms analyse like their plain forms", "[analyzer][zh]") {
  // Each pair must give the same token texts and positions; offsets stay on
  // the original characters (full-width digits are 3 bytes each).
  static const Case kCases[] = {
      {"濟南市召開會議",
       "济南@0-6#1 ~济@0-3#1 ~南@3-6#2 市@6-9#3 ~市@6-9#3 召开@9-15#4 ~召@9-12#4 "
       "~开@12-15#5 会议@15-21#6 ~会@15-18#6 ~议@18-21#7"},
      {"習近平", "习@0-3#1 ~习@0-3#1 近平@3-9#2 ~近@3-6#2 ~平@6-9#3"},
      {"ＧＤＰ２０２３", "gdp2023@0-21#1"},
      {"ＧＤＰ增长５．２％", "gdp@0-9#1 增长@9-15#2 ~增@9-12#2 ~长@12-15#3 5.2@15-24#4"},
      {"Jinan jinan JINAN", "jinan@0-5#1 jinan@6-11#2 jinan@12-17#3"},
  };
  Analyzer analyzer;
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(test::DumpTokens(analyzer.Analyze(c.text)) == c.expect);
  }
}

TEST_CASE("Analyzer: English words, stems and numbers", "[analyzer][en]") {
  static const Case kCases[] = {
      {"Reports were filed", "reports/report@0-7#1 were@8-12#2 filed/file@13-18#3"},
      // A typographic apostrophe folds to ASCII and the stemmer drops "'s".
      {"Jinan’s office", "jinan's/jinan@0-9#1 office/offic@10-16#2"},
      {"e-mail don't", "e@0-1#1 mail@2-6#2 don't@7-12#3"},
      {"1,234.56 and Q3", "1,234.56@0-8#1 and@9-12#2 q3@13-15#3"},
      {"café NAÏVE", "café@0-5#1 naïve/naïv@6-12#2"},
      {"", ""},
      {"。，！ ... ", ""},
  };
  Analyzer analyzer;
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(test::DumpTokens(analyzer.Analyze(c.text)) == c.expect);
  }
}

// Stems are remembered per Analyzer (Snowball costs more than a lookup) and
// the memory is emptied when full: stems stay right across the emptying.
TEST_CASE("Analyzer: stems stay right when the stem cache fills", "[analyzer][en]") {
  Analyzer analyzer;
  const std::string expect = "reports/report@0-7#1 filed/file@8-13#2";
  REQUIRE(test::DumpTokens(analyzer.Analyze("Reports filed")) == expect);
  std::string words;
  for (int i = 0; i < 70000; ++i) {
    words += "w";
    for (int n = i; n > 0; n /= 26) words += static_cast<char>('a' + n % 26);
    words += "ing ";
  }
  const std::vector<Token> tokens = analyzer.Analyze(words);
  REQUIRE(tokens.size() == 70000);
  REQUIRE(tokens.back().text == "whozding");
  for (const Token& token : tokens) {
    REQUIRE(token.stem == analyzer.Stem(token.text));  // Stem() does not cache
  }
  REQUIRE(tokens.back().stem == "whozd");
  REQUIRE(test::DumpTokens(analyzer.Analyze("Reports filed")) == expect);
}

TEST_CASE("Analyzer: overlong words are dropped but keep their position", "[analyzer]") {
  Analyzer analyzer;
  const std::string text = "alpha " + std::string(Analyzer::kMaxWordBytes + 1, 'x') + " omega";
  REQUIRE(test::DumpTokens(analyzer.Analyze(text)) == "alpha@0-5#1 omega@72-77#3");
  const std::string longest = std::string(Analyzer::kMaxWordBytes, 'y');
  REQUIRE(analyzer.Analyze(longest).size() == 1);
  // A megabyte with no break at all still analyses (and yields nothing).
  REQUIRE(analyzer.Analyze(std::string(1 << 20, 'z')).empty());
}

TEST_CASE("Analyzer: positions continue from first_position", "[analyzer]") {
  Analyzer analyzer;
  std::vector<Token> tokens;
  const uint32_t next = analyzer.Analyze("report 济南", 10, &tokens);
  REQUIRE(next == 13);
  REQUIRE(test::DumpTokens(tokens) == "report@0-6#10 济南@7-13#11 ~济@7-10#11 ~南@10-13#12");
}

TEST_CASE("Analyzer: the same text always gives the same tokens", "[analyzer]") {
  Analyzer analyzer;
  const std::string text = "济南市召开教育工作会议 Jinan held a conference on 2023-04-13.";
  const std::string first = test::DumpTokens(analyzer.Analyze(text));
  analyzer.Analyze("something else entirely 完全不同");
  REQUIRE(test::DumpTokens(analyzer.Analyze(text)) == first);
}

TEST_CASE("Analyzer: Normalize folds one word without segmenting it", "[analyzer]") {
  Analyzer analyzer;
  REQUIRE(analyzer.Normalize("ＧＤＰ") == "gdp");
  REQUIRE(analyzer.Normalize("濟南市") == "济南市");
  REQUIRE(analyzer.Normalize("Reuters Jinan") == "reuters jinan");
  REQUIRE(analyzer.Stem("reports") == "report");
}

TEST_CASE("Analyzer: the signature names the versions that decide the terms", "[analyzer]") {
  const std::string signature = Analyzer::Signature();
  REQUIRE(signature.rfind("sousuo-analyzer/1 icu=72.", 0) == 0);
  REQUIRE(signature.find(" xapian=1.4.") != std::string::npos);
  REQUIRE(signature.find(" han=word+char") != std::string::npos);
}

// Analyze's tokens without the kHanWord ones, against AnalyzeCharacters'.
void CheckCharacters(Analyzer* analyzer, const std::string& text) {
  std::vector<Token> expected;
  for (Token& t : analyzer->Analyze(text)) {
    if (t.kind != TokenKind::kHanWord) expected.push_back(std::move(t));
  }
  std::vector<Token> got;
  const uint32_t next = analyzer->AnalyzeCharacters(text, 1, &got);
  std::vector<Token> all;
  INFO(text.substr(0, 200));
  REQUIRE(test::DumpTokens(got) == test::DumpTokens(expected));
  REQUIRE(next == analyzer->Analyze(text, 1, &all));
}

TEST_CASE("Analyzer: AnalyzeCharacters is Analyze without Han words", "[analyzer]") {
  Analyzer analyzer;
  for (const char* text : {
           "", "济南市召开会议", "2023年GDP增长5.2%", "濟南市召開教育工作會議，臺灣",
           "ｇｄｐ增长", "新旧动能转换 interest rates", "〇々〆", "東京タワーに行った",
           "한국어 텍스트와 中文", "a中b文c", "α中β", "emoji 😀 中文😀", "中\u0301文",
           "𠀀𠀁 extension B", "长々与", "a々", "“中国”，（经济）——《日报》…… 【要闻】",
           "中_文", "中'文", "中.5文", "中#1文", "中\n\t文", "中·文", "中、。文", "ﾊﾝｶｸ⻭ungla", "lｶｸ 中文", "超长的汉字串超长的汉字串超长的汉字串超长的汉字串超长的汉字串",
       }) {
    CheckCharacters(&analyzer, text);
  }
  const std::string corpus = test::SharedCorpusDir();
  size_t checked = 0;
  for (const char* file : {"/en-news/reuters21578.jsonl", "/zh-news/xwlb-2018-2020.jsonl"}) {
    std::ifstream in(corpus + file);
    for (std::string line; checked % 200 != 199 && std::getline(in, line); ++checked) {
      const nlohmann::json report = nlohmann::json::parse(line);
      CheckCharacters(&analyzer, report.value("title", "") + "\n" + report.value("body", ""));
    }
    ++checked;
  }
  if (checked < 400) WARN("shared corpus not found at " + corpus + ": checked samples only");
}

}  // namespace
}  // namespace sousuo
