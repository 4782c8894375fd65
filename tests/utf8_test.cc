#include "common/utf8.h"

#include <catch2/catch.hpp>

namespace sousuo {
namespace {

TEST_CASE("Utf8: invalid sequences are found and repaired", "[utf8]") {
  struct Case {
    std::string text;
    size_t invalid_at;
    std::string repaired;
  };
  const std::string npos_marker;
  const Case kCases[] = {
      {"plain", std::string_view::npos, "plain"},
      {"济南", std::string_view::npos, "济南"},
      {"a\xFFz", 1, "a\xEF\xBF\xBDz"},
      {"\xC0\xAF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD"},               // overlong '/'
      {"x\xED\xA0\x80", 1, "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // surrogate
      {"\xE6\xB5", 0, "\xEF\xBF\xBD\xEF\xBF\xBD"},               // truncated 济
      {"\xF4\x90\x80\x80", 0,
       "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},      // above U+10FFFF
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(FindInvalidUtf8(c.text) == c.invalid_at);
    REQUIRE(RepairUtf8(c.text) == c.repaired);
  }
}

TEST_CASE("Utf8: line and column of a byte offset", "[utf8]") {
  const std::string text = "ab\n济南x\ny";
  REQUIRE(LineColumnAt(text, 0).line == 1);
  REQUIRE(LineColumnAt(text, 3).line == 2);
  REQUIRE(LineColumnAt(text, 3).column == 1);
  REQUIRE(LineColumnAt(text, 9).column == 3);  // the 'x' after two Han characters
  REQUIRE(LineColumnAt(text, 11).line == 3);
}

TEST_CASE("Utf8: display width in terminal columns", "[utf8]") {
  REQUIRE(DisplayWidth(std::string_view("abc")) == 3);
  REQUIRE(DisplayWidth(std::string_view("济南市")) == 6);
  REQUIRE(DisplayWidth(std::string_view("ＧＤＰ")) == 6);
  REQUIRE(DisplayWidth(std::string_view("e\xCC\x81")) == 1);
  REQUIRE(CountChars("济南x") == 3);
  REQUIRE(IsHan(U'济'));
  REQUIRE_FALSE(IsHan(U'a'));
  REQUIRE_FALSE(IsHan(U'。'));
}

TEST_CASE("Utf8: decode and encode round trip", "[utf8]") {
  for (char32_t c : {U'a', U'é', U'济', U'𠀀'}) {
    std::string s;
    AppendUtf8(c, &s);
    size_t pos = 0;
    REQUIRE(DecodeUtf8(s, &pos) == c);
    REQUIRE(pos == s.size());
  }
}

}  // namespace
}  // namespace sousuo
