#include "indexer/report_reader.h"

#include <catch2/catch.hpp>

namespace sousuo {
namespace {

// Diagnostics, one per line, formatted for the path "f".
template <typename T>
std::string DumpDiagnostics(const Outcome<T>& outcome) {
  std::string out;
  for (const Diagnostic& d : outcome.diagnostics) {
    out += (d.severity == Diagnostic::Severity::kError ? "E " : "W ");
    out += d.Format("f") + "\n";
  }
  return out;
}

// "id|title|body|lang" plus "|date=", "|source=", "|meta=", "|path=" when set,
// then the diagnostics; or only the diagnostics when there is no report.
std::string Dump(const Outcome<Report>& outcome) {
  std::string out;
  if (outcome.value) {
    const Report& r = *outcome.value;
    out = r.id + "|" + r.title + "|" + r.body + "|" + r.lang;
    if (!r.date.empty())
      out += "|date=" + r.date;
    if (!r.source.empty())
      out += "|source=" + r.source;
    if (!r.metadata.empty())
      out += "|meta=" + r.metadata;
    if (!r.path.empty())
      out += "|path=" + r.path;
    out += "\n";
  }
  return out + DumpDiagnostics(outcome);
}

struct Case {
  std::string input;
  std::string expect;
};

const char kLong121[] =
    "This opening line runs on and on without any full stop at all because it "
    "is really the first sentence of a longer paragra";
const char kSentence90[] =
    "On the morning of April 13th, Jinan City held an educational work "
    "conference on the theme.";
const char kHeading90[] =
    "Quarterly report on the educational work of Jinan City and its districts "
    "for the year 2018";

TEST_CASE("ReadTextReport: titles of plain text", "[report_reader]") {
  static_assert(sizeof kLong121 - 1 == 121, "one character over the limit");
  static_assert(sizeof kSentence90 - 1 == 90, "a sentence over 80");
  static_assert(sizeof kHeading90 - 1 == 90, "a heading over 80");
  const std::string long_line = std::string(kLong121) + "\nmore";
  const std::string sentence = std::string(kSentence90) + "\nmore";
  const std::string heading = std::string(kHeading90) + "\nmore";
  const std::string title120 = std::string(120, 'x') + "\nmore";
  const std::string sentence80 = std::string(79, 'x') + ".\nmore";
  struct StringCase {
    std::string input;
    std::string expect;
  };
  const StringCase cases[] = {
      {"Short title\nBody text.\n",
       "r1|Short title|Body text.|en|path=d/r1.txt\n"},
      {"\n\n  \t\n  Title after blanks  \n\nBody\n",
       "r1|Title after blanks|Body|en|path=d/r1.txt\n"},
      {"Only a title", "r1|Only a title||en|path=d/r1.txt\n"},
      {"# Not Markdown\nbody", "r1|# Not Markdown|body|en|path=d/r1.txt\n"},
      {long_line, "r1|r1|" + long_line + "|en|path=d/r1.txt\n"},
      {sentence, "r1|r1|" + sentence + "|en|path=d/r1.txt\n"},
      {heading, "r1|" + std::string(kHeading90) + "|more|en|path=d/r1.txt\n"},
      {title120, "r1|" + std::string(120, 'x') + "|more|en|path=d/r1.txt\n"},
      {sentence80, "r1|" + std::string(79, 'x') + ".|more|en|path=d/r1.txt\n"},
      {"济南市召开教育工作会议\r\n会议要求全面推进。\r\n",
       "r1|济南市召开教育工作会议|会议要求全面推进。|zh|path=d/r1.txt\n"},
      {" \n\t\n", "E f: empty file, skipped\n"},
  };
  TextSource source{"r1", "d/r1.txt", "r1", false};
  for (const StringCase& c : cases) {
    CAPTURE(c.input);
    REQUIRE(Dump(ReadTextReport(c.input, source)) == c.expect);
  }
}

TEST_CASE("ReadTextReport: Markdown headings", "[report_reader]") {
  static const Case kCases[] = {
      {"# Heading\n\nBody\n", "a/b.md|Heading|Body|en\n"},
      {"\n###   Deep heading ###\nBody", "a/b.md|Deep heading|Body|en\n"},
      {"## C# tips\nBody", "a/b.md|C# tips|Body|en\n"},
      {"Plain first line\nBody", "a/b.md|Plain first line|Body|en\n"},
      {"###\nBody", "a/b.md|b|Body|en\n"},
  };
  TextSource source{"a/b.md", "", "b", true};
  for (const Case& c : kCases) {
    CAPTURE(c.input);
    REQUIRE(Dump(ReadTextReport(c.input, source)) == c.expect);
  }
}

// `text` in UTF-16, without a byte-order mark.
std::string Utf16(const std::u16string& text, bool big_endian) {
  std::string out;
  for (const char16_t unit : text) {
    const char high = static_cast<char>(unit >> 8);
    const char low = static_cast<char>(unit & 0xFF);
    out += big_endian ? std::string{high, low} : std::string{low, high};
  }
  return out;
}

TEST_CASE("DecodeText: encodings, binary data and empty input",
          "[report_reader]") {
  struct BytesCase {
    std::string bytes;
    const char* expect;  // decoded text, then the diagnostics
  };
  const BytesCase cases[] = {
      {"plain", "plain\n"},
      {"\xEF\xBB\xBFwith BOM", "with BOM\n"},
      {std::string("\xFF\xFEh\0i\0\n\0\x4E\x6D", 10), "hi\n济\n"},
      {std::string("\xFE\xFF\0h\0i\0\n\x6D\x4E", 10), "hi\n济\n"},
      {std::string("\xFF\xFE\x3D\xD8\x00\xDE", 6), "\xF0\x9F\x98\x80\n"},
      {std::string("\xFF\xFE"
                   "a\0\n\0b\0\x00\xD8"
                   "c\0",
                   12),
       "a\nb\xEF\xBF\xBD"
       "c\nW f:2:2: invalid UTF-16, replaced with U+FFFD\n"},
      {std::string("\xFF\xFEh\0i", 5),
       "h\xEF\xBF\xBD\nW f:1:2: invalid UTF-16, replaced with U+FFFD\n"},
      {std::string("abc\0def", 7), "E f: binary data, skipped\n"},
      {"\x01\x02\x03"
       "abc",
       "E f: binary data, skipped\n"},
      {"\x01\x02"
       "abcdef",
       "\x01\x02"
       "abcdef\n"},
      {"tab\tand\x1b[1mescape\x1b[0m\f", "tab\tand\x1b[1mescape\x1b[0m\f\n"},
      {"line one\nab\xFF"
       "cd",
       "line one\nab\xEF\xBF\xBD"
       "cd\n"
       "W f:2:3: invalid UTF-8, replaced with U+FFFD\n"},
      {"济南\x80\xC0\xAF",
       "济南\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\n"
       "W f:1:3: invalid UTF-8, replaced with U+FFFD\n"},
      {"", "E f: empty file, skipped\n"},
      {" \r\n\t\n", "E f: empty file, skipped\n"},
      {"\xEF\xBB\xBF\n", "E f: empty file, skipped\n"},
      {"\xE3\x80\x80\n", "E f: empty file, skipped\n"},  // U+3000
      {"\xFF\xFE", "E f: empty file, skipped\n"},
      {std::string("\xFF\xFE\0\0", 4), "E f: binary data, skipped\n"},
      // No BOM: UTF-16 when the NULs stand at one parity and it converts
      // cleanly; 一 (U+4E00) has a NUL at the other parity.
      {Utf16(u"Quarterly report\n一", false),
       "Quarterly report\n一\nW f: no byte-order mark, read as UTF-16LE\n"},
      {Utf16(u"Quarterly report\n一", true),
       "Quarterly report\n一\nW f: no byte-order mark, read as UTF-16BE\n"},
      {Utf16(u"Report\n一", false), "E f: binary data, skipped\n"},
      {std::string("abc\0def", 7), "E f: binary data, skipped\n"},
      {std::string("a\0b\0\x00\xD8", 6), "E f: binary data, skipped\n"},
      {std::string("\x01\0\x02\0\x03\0", 6), "E f: binary data, skipped\n"},
      {std::string("a\0\0b", 4), "E f: binary data, skipped\n"},
  };
  for (const BytesCase& c : cases) {
    CAPTURE(c.bytes);
    const Outcome<std::string> outcome = DecodeText(c.bytes);
    const std::string text = outcome.value ? *outcome.value + "\n" : "";
    REQUIRE(text + DumpDiagnostics(outcome) == c.expect);
  }
}

TEST_CASE("ParseJsonLine: records and their errors", "[report_reader]") {
  static const Case kCases[] = {
      {R"({"id":"reut-1","title":"COCOA","body":"Showers.","date":"1987-02-26T15:01:01","lang":"en","source":"Reuters"})",
       "reut-1|COCOA|Showers.|en|date=1987-02-26|source=Reuters|path=c."
       "jsonl\n"},
      {R"({"id":"x","title":"T","body":"B","date":"2018-01-01T19:07:31+08:00","lang":"ZH"})",
       "x|T|B|zh|date=2018-01-01|path=c.jsonl\n"},
      {R"({"id":42,"title":"T","body":"正文"})", "42|T|正文|zh|path=c.jsonl\n"},
      {R"({"id":-7,"title":"T","body":"B"})", "-7|T|B|en|path=c.jsonl\n"},
      {R"({"id":"n","body":"\n\n  First line  \nsecond"})",
       "n|First line|\n\n  First line  \nsecond|en|path=c.jsonl\n"},
      {R"({"id":"n","title":"","body":"Body line"})",
       "n|Body line|Body line|en|path=c.jsonl\n"},
      // A first line over 120 characters is cut (issue 5: a body of one
      // 50 MB line became a 50 MB title).
      {"{\"id\":\"l\",\"body\":\"" + std::string(100, 'a') + " " + std::string(30, 'b') +
           "\"}",
       "l|" + std::string(100, 'a') + "…|" + std::string(100, 'a') + " " +
           std::string(30, 'b') + "|en|path=c.jsonl\n"},
      {"{\"id\":\"l\",\"body\":\"" + std::string(130, 'a') + "\"}",
       "l|" + std::string(120, 'a') + "…|" + std::string(130, 'a') + "|en|path=c.jsonl\n"},
      {"{\"id\":\"l\",\"body\":\"" + std::string(120, 'a') + "\\nmore\"}",
       "l|" + std::string(120, 'a') + "|" + std::string(120, 'a') + "\nmore|en|path=c.jsonl\n"},
      {R"({"id":"n","title":null,"date":null,"body":"B"})",
       "n|B|B|en|path=c.jsonl\n"},
      {"{\"id\":\"crlf\",\"title\":\"T\",\"body\":\"B\"}\r",
       "crlf|T|B|en|path=c.jsonl\n"},
      {R"({"id":"m","title":"T","body":"B","topics":["cocoa","grain"],"category":"经济","n":3})",
       "m|T|B|en|meta={\"category\":\"经济\",\"n\":3,\"topics\":[\"cocoa\","
       "\"grain\"]}|"
       "path=c.jsonl\n"},
      {R"({"id":"d","title":"T","body":"B","date":"1987-02-30"})",
       "d|T|B|en|path=c.jsonl\nW f:7: invalid date \"1987-02-30\", ignored\n"},
      {R"({"id":"d","title":"T","body":"B","date":"yesterday"})",
       "d|T|B|en|path=c.jsonl\nW f:7: invalid date \"yesterday\", ignored\n"},
      {R"({"id": "y", "body": })",
       "E f:7:21: invalid JSON: syntax error while parsing value - unexpected "
       "'}'; "
       "expected '[', '{', or a literal\n"},
      {R"({"id":"标题", "body": "x",})",
       "E f:7:25: invalid JSON: syntax error while parsing object key - "
       "unexpected '}'; "
       "expected string literal\n"},
      {R"({"id":"a","body":"b"} {"id":"c","body":"d"})",
       "E f:7:23: invalid JSON: syntax error while parsing value - unexpected "
       "'{'; "
       "expected end of input\n"},
      {R"([{"id":"a","body":"b"}])", "E f:7: not a JSON object\n"},
      {R"("just a string")", "E f:7: not a JSON object\n"},
      {R"({"id":"a","title":"T"})", "E f:7: missing \"body\"\n"},
      {R"({"id":"a","body":null})", "E f:7: missing \"body\"\n"},
      {R"({"title":"T","body":"B"})", "E f:7: missing \"id\"\n"},
      {R"({"id":"  ","body":"B"})", "E f:7: empty \"id\"\n"},
      {R"({"id":1.5,"body":"B"})",
       "E f:7: \"id\" is not a string or an integer\n"},
      {R"({"id":true,"body":"B"})",
       "E f:7: \"id\" is not a string or an integer\n"},
      {R"({"id":"a","body":["B"]})", "E f:7: \"body\" is not a string\n"},
      {R"({"id":"a","body":"B","title":7})",
       "E f:7: \"title\" is not a string\n"},
      {R"({"id":"a","body":"B","date":19870226})",
       "E f:7: \"date\" is not a string\n"},
      {R"({"id":"a","body":"B","source":{}})",
       "E f:7: \"source\" is not a string\n"},
      // Found by fuzz/json_line_fuzz.cc: a number beyond double stopped the
      // whole run; a date with a line break gave a two-line message.
      {R"({"id":"b","body":"x","score":1e400})",
       "E f:7: invalid JSON: number overflow parsing '1e400'\n"},
      {R"({"id":"d","title":"T","body":"B","date":"2019\n01"})",
       "d|T|B|en|path=c.jsonl\nW f:7: invalid date \"2019 01\", ignored\n"},
      {"{\"id\":\"a\",\"body\":\"x\",\"date\":\"" + std::string(100, '9') + "\"}",
       "a|x|x|en|path=c.jsonl\nW f:7: invalid date \"" + std::string(40, '9') +
           "...\", ignored\n"},
      {"{\"a\":1,\xDE\x93}",
       "E f:7:8: invalid JSON: syntax error while parsing object key - invalid literal; "
       "last read: '1,\xEF\xBF\xBD'; expected string literal\n"},
      // Languages: subtags drop, unknown ones are detected.
      {R"({"id":"z","title":"T","body":"济南市","lang":"zh-CN"})",
       "z|T|济南市|zh|path=c.jsonl\n"},
      {R"({"id":"f","title":"T","body":"Bonjour","lang":"fr"})",
       "f|T|Bonjour|en|path=c.jsonl\n"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.input);
    REQUIRE(Dump(ParseJsonLine(c.input, 7, "c.jsonl")) == c.expect);
  }
}

// Issue 5: a line nested 200,000 levels deep crashed sousuo-index (nlohmann
// copies values recursively). Brackets inside strings do not count.
TEST_CASE("ParseJsonLine: nesting is limited", "[report_reader]") {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  const std::string at_limit = std::string(kMaxJsonDepth - 1, '[') +
                               std::string(kMaxJsonDepth - 1, ']');
  const Case cases[] = {
      {"{\"id\":\"a\",\"body\":\"b\",\"meta\":" + deep + "}",
       "E f:3:540: JSON nested deeper than 512 levels\n"},
      {"{\"id\":\"a\",\"body\":" + deep + "}",
       "E f:3:529: JSON nested deeper than 512 levels\n"},
      {"{\"id\":\"a\",\"body\":\"b\",\"m\":" + at_limit + "}",
       "a|b|b|en|meta={\"m\":" + at_limit + "}\n"},
      {"{\"id\":\"a\",\"body\":\"" + std::string(1000, '[') + "\\\"{\"}",
       "a|" + std::string(120, '[') + "…|" + std::string(1000, '[') +
           "\"{|und\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input.substr(0, 60));
    REQUIRE(Dump(ParseJsonLine(c.input, 3, "")) == c.expect);
  }
}

TEST_CASE("ParseJsonLine: a long parser detail is cut", "[report_reader]") {
  const std::string line =
      "{\"id\":\"a\",\"body\":\"" + std::string(300, 'x') + "\\q\"}";
  const std::string dumped = Dump(ParseJsonLine(line, 1, ""));
  CAPTURE(dumped);
  REQUIRE(dumped.rfind("E f:1:", 0) == 0);
  REQUIRE(dumped.size() < 200);
  REQUIRE(dumped.find("...\n") == dumped.size() - 4);
}

TEST_CASE("DecodableByLine", "[report_reader]") {
  REQUIRE(DecodableByLine(""));
  REQUIRE(DecodableByLine("{\"id\":1}\n\xFF"));
  REQUIRE(DecodableByLine("\xEF\xBB\xBF{"));
  REQUIRE_FALSE(DecodableByLine("\xFF\xFE{\0"));
  REQUIRE_FALSE(DecodableByLine("\xFE\xFF\0{"));
  REQUIRE_FALSE(DecodableByLine(std::string("{\0", 2)));
  REQUIRE_FALSE(DecodableByLine("\x01\x02\x03{"));
}

TEST_CASE("LooksLikeJsonLines", "[report_reader]") {
  REQUIRE(LooksLikeJsonLines("{\"id\":1}"));
  REQUIRE(LooksLikeJsonLines("\n\n  \t{"));
  REQUIRE_FALSE(LooksLikeJsonLines("Title\n{not json}"));
  REQUIRE_FALSE(LooksLikeJsonLines("[1]"));
  REQUIRE_FALSE(LooksLikeJsonLines("   "));
}

TEST_CASE("Diagnostic::Format", "[report_reader]") {
  REQUIRE(Diagnostic{Diagnostic::Severity::kError, 0, 0, "m"}.Format("p") ==
          "p: m");
  REQUIRE(Diagnostic{Diagnostic::Severity::kError, 3, 0, "m"}.Format("p") ==
          "p:3: m");
  REQUIRE(Diagnostic{Diagnostic::Severity::kWarning, 3, 9, "m"}.Format("p") ==
          "p:3:9: m");
}

}  // namespace
}  // namespace sousuo
