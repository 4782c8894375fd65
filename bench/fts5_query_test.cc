#include "bench/fts5_query.h"

#include <catch2/catch.hpp>
#include <string>

namespace bench {
namespace {

TEST_CASE("Fts5MatchQuery: quoted, OR-ed pieces", "[bench][fts5_query]") {
  struct Case {
    const char* text;
    Fts5Tokenizer tokenizer;
    const char* expect;
  };
  const Fts5Tokenizer kWords = Fts5Tokenizer::kUnicode61;
  const Fts5Tokenizer kTrigram = Fts5Tokenizer::kTrigram;
  const Case kCases[] = {
      {"heat transfer", kWords, R"("heat" OR "transfer")"},
      // FTS5 syntax in the text is only a separator, and duplicates go.
      {"what is \"m=2\" (NOT heat*) heat AND _x_ .", kWords,
       R"("what" OR "is" OR "m" OR "2" OR "NOT" OR "heat" OR "AND" OR "x")"},
      {"  ...  ", kWords, ""},
      {"café–naïve", kWords, R"("café" OR "naïve")"},  // U+2013 separates
      {"战国无双", kTrigram, R"("战国无" OR "国无双")"},
      // 《》 and ？ separate runs; runs shorter than 3 characters go.
      {"《战国无双3》是由哪两个？", kTrigram,
       R"("战国无" OR "国无双" OR "无双3" OR "是由哪" OR "由哪两" OR "哪两个")"},
      {"谁？ 中国 ab", kTrigram, ""},
      {"中国，中国人，中国人", kTrigram, R"("中国人")"},
      {"ω-force 开发", kTrigram, R"("for" OR "orc" OR "rce")"},
      {"full\xef\xbc\x8cwidth", kWords, R"("full" OR "width")"},  // U+FF0C
      {"bad\377byte", kWords, R"("bad" OR "byte")"},  // invalid UTF-8
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(Fts5MatchQuery(c.text, c.tokenizer) == c.expect);
  }
}

}  // namespace
}  // namespace bench
