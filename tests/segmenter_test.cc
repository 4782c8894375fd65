#include "common/segmenter.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "common/utf8.h"

namespace sousuo {
namespace {

// The analyzer skips ICU for runs of IsNeverInWord characters (AnalyzeCharacters):
// ICU must give no word segment for any of them alone or for any two together.
TEST_CASE("Segmenter: no word holds a character IsNeverInWord lists", "[segmenter]") {
  internal::Segmenter segmenter;
  std::vector<std::string> marks;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (!internal::IsNeverInWord(c)) continue;
    std::string mark;
    AppendUtf8(c, &mark);
    marks.push_back(mark);
  }
  // The ASCII marks and the Chinese punctuation this list is for.
  REQUIRE(marks.size() == 64 + 25);
  std::vector<internal::Segment> segments;
  for (const std::string& a : marks) {
    for (const std::string& b : marks) {
      segmenter.Segment(a + b, &segments);
      if (!segments.empty()) FAIL("ICU finds a word in '" << a + b << "'");
    }
  }
  for (const char* word : {"a", "Z", "7", "_", "@", "中"}) {
    size_t pos = 0;
    REQUIRE_FALSE(internal::IsNeverInWord(DecodeUtf8(word, &pos)));
  }
}

}  // namespace
}  // namespace sousuo
