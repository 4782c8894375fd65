#include "common/utf8.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

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
  for (char32_t c : {U'a', U'é', U'济', U'𠀀', U'\u0800', U'\uD7FF', U'\uE000', U'\uFFFF',
                     U'\U0010FFFF'}) {
    std::string s;
    AppendUtf8(c, &s);
    size_t pos = 0;
    REQUIRE(DecodeUtf8(s, &pos) == c);
    REQUIRE(pos == s.size());
  }
}

TEST_CASE("Utf8: an invalid sequence decodes to U+FFFD and one byte", "[utf8]") {
  for (const char* bytes : {"\xFF", "\x80", "\xC0\xAF", "\xE6\xB5", "\xE6\x30\x80", "\xE0\x80\xAF",
                            "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF0\x9F\x98"}) {
    const std::string text(bytes);
    size_t pos = 0;
    INFO(text.size());
    REQUIRE(DecodeUtf8(text, &pos) == 0xFFFD);
    REQUIRE(pos == 1);
  }
}

// The ideographs IsUnifiedHan names are settled without ICU: every one
// must be what ICU says it is.
TEST_CASE("Utf8: the unified ideographs block is Han, wide and no mark, as ICU says", "[utf8]") {
  size_t unified = 0;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (!IsUnifiedHan(c)) continue;
    ++unified;
    UErrorCode status = U_ZERO_ERROR;
    const auto ch = static_cast<UChar32>(c);
    INFO(static_cast<uint32_t>(c));
    REQUIRE(uscript_getScript(ch, &status) == USCRIPT_HAN);
    REQUIRE(u_hasBinaryProperty(ch, UCHAR_UNIFIED_IDEOGRAPH));
    REQUIRE(u_getIntPropertyValue(ch, UCHAR_EAST_ASIAN_WIDTH) == U_EA_WIDE);
    REQUIRE(u_getIntPropertyValue(ch, UCHAR_WORD_BREAK) == U_WB_OTHER);
    REQUIRE(u_charType(ch) == U_OTHER_LETTER);
  }
  REQUIRE(unified == 0x9FFF - 0x4E00 + 1);
  REQUIRE_FALSE(IsUnifiedHan(0x4DFF));
  REQUIRE_FALSE(IsUnifiedHan(0xA000));
  // IsHan agrees with ICU's script property across the BMP and plane 2.
  for (char32_t c = 0; c < 0x30000; ++c) {
    if (c == 0x10000) c = 0x20000;
    UErrorCode status = U_ZERO_ERROR;
    if (IsHan(c) != (uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN)) {
      FAIL("IsHan disagrees with ICU at U+" << std::hex << static_cast<uint32_t>(c));
    }
  }
}

TEST_CASE("Utf8: white space, ASCII letters and lower case", "[utf8]") {
  for (const char32_t c : {U' ', U'\t', U'\n', U'\v', U'\f', U'\r'}) {
    CAPTURE(static_cast<uint32_t>(c));
    CHECK(IsAsciiSpace(c));
    CHECK(IsSpace(c));
  }
  CHECK(IsSpace(0xA0));
  CHECK(IsSpace(0x3000));
  CHECK(!IsAsciiSpace(0xA0));
  for (const char32_t c : {U'x', U'\0', U'\x1b', U'_', char32_t(0x2028), char32_t(0xFEFF)})
    CHECK(!IsSpace(c));
  CHECK(IsAsciiLetter('q'));
  CHECK(IsAsciiLetter('Q'));
  CHECK(!IsAsciiLetter('1'));
  CHECK(!IsAsciiLetter('\xc3'));
  CHECK(AsciiLower("TiTLE:济南 ÀB") == "title:济南 Àb");
  CHECK(AsciiLower('Z') == 'z');
  CHECK(AsciiLower('\xc3') == '\xc3');
}

}  // namespace
}  // namespace sousuo
