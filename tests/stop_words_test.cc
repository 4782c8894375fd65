#include "common/stop_words.h"

#include <catch2/catch.hpp>

namespace sousuo {
namespace {

TEST_CASE("StopWords: IsStopWord", "[stop_words]") {
  CHECK(IsStopWord("the"));
  CHECK(IsStopWord("with"));
  CHECK(IsStopWord("a"));
  CHECK_FALSE(IsStopWord("The"));  // folded words only
  CHECK_FALSE(IsStopWord("report"));
  CHECK_FALSE(IsStopWord(""));
}

TEST_CASE("StopWords: IsQuestionStopWord", "[stop_words]") {
  for (const char* word : {"what", "which", "have", "the", "yourselves", "a"}) {
    CAPTURE(word);
    CHECK(IsQuestionStopWord(word));
  }
  for (const char* word : {"What", "aerodynamic", "flow", "", "don't"}) {
    CAPTURE(word);
    CHECK_FALSE(IsQuestionStopWord(word));
  }
}

TEST_CASE("StopWords: IsChineseStopWord", "[stop_words][zh]") {
  for (const char* word : {"的", "是", "什么", "哪", "哪一", "谁", "多少", "吗", "呢", "了",
                           "什么时候", "为什么", "这些", "个"}) {
    CAPTURE(word);
    CHECK(IsChineseStopWord(word));
  }
  for (const char* word : {"一", "第", "年", "公司", "谁是", "", "the"}) {
    CAPTURE(word);
    CHECK_FALSE(IsChineseStopWord(word));
  }
  CHECK_FALSE(IsChineseStopWord("這些"));  // folded (Simplified) words only
}

}  // namespace
}  // namespace sousuo
