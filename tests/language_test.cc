#include "common/language.h"

#include <catch2/catch.hpp>

namespace sousuo {
namespace {

TEST_CASE("DetectLanguage", "[language]") {
  struct Case {
    const char* text;
    const char* lang;
  };
  static const Case kCases[] = {
      {"The municipal education conference was held in Jinan.", "en"},
      {"济南市召开教育工作会议，部署全年工作。", "zh"},
      {"央视网消息：5G 基站建设加快，GDP 增长 5.2%。", "zh"},
      {"Jinan 济南 held its education conference 教育工作会议 today in the city", "mixed"},
      {"12345 67.8 %%%", "und"},
      {"", "und"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(DetectLanguage(c.text) == c.lang);
  }
}

}  // namespace
}  // namespace sousuo
