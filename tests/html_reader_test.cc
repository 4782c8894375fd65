#include "indexer/html_reader.h"

#include <catch2/catch.hpp>
#include <string>

namespace sousuo {
namespace {

// "title|body|lang" with "\n" in the body shown as "¶", then the diagnostics
// ("E f: ..." or "W f: ...").
std::string Dump(const Outcome<Report>& outcome) {
  std::string out;
  if (outcome.value) {
    const Report& r = *outcome.value;
    std::string body;
    for (char c : r.body)
      body += c == '\n' ? std::string("¶") : std::string(1, c);
    out = r.title + "|" + body + "|" + r.lang + "\n";
  }
  for (const Diagnostic& d : outcome.diagnostics) {
    out += d.severity == Diagnostic::Severity::kError ? "E " : "W ";
    out += d.Format("f") + "\n";
  }
  return out;
}

const TextSource kSource{"dir/page.html", "root/dir/page.html", "page", false};

struct Case {
  std::string input;
  const char* expect;
};

void Check(const Case& c) {
  CAPTURE(c.input);
  CHECK(Dump(ReadHtmlReport(c.input, kSource)) == c.expect);
}

TEST_CASE("ReadHtmlReport: titles", "[html_reader]") {
  const Case cases[] = {
      {"<html><head><title>\n  Annual   report </title></head>"
       "<body><h1>Heading</h1><p>Revenue grew.</p></body></html>",
       "Annual report|Heading¶Revenue grew.|en\n"},
      {"<h2>Contents</h2><h1>Main <b>title</b><br>line</h1><p>Text.</p>",
       "Main title line|Contents¶Main title¶line¶Text.|en\n"},
      {"<title> </title><h2>Second level</h2><p>Words here.</p>",
       "Second level|Second level¶Words here.|en\n"},
      {"<p>Just text, no heading.</p>", "page|Just text, no heading.|en\n"},
      {"<svg><title>Chart</title></svg><p>Body text.</p>",
       "page|Body text.|en\n"},
      {"<title>报告</title><p>今天的天气很好。</p>",
       "报告|今天的天气很好。|zh\n"},
  };
  for (const Case& c : cases) Check(c);
}

TEST_CASE("ReadHtmlReport: text without markup", "[html_reader]") {
  const Case cases[] = {
      {"<p>a<script>var x = 1;</script>b</p><style>p { color: red }</style>"
       "<noscript>enable scripts</noscript><template><p>t</p></template>"
       "<!-- a comment -->c",
       "page|ab¶c|en\n"},
      {"<head><meta name=x content=y><script>x()</script></head>"
       "<p>Fish &amp; chips &lt;3 &eacute;t&eacute; &#x4E2D;&#25991;</p>",
       "page|Fish & chips <3 été 中文|mixed\n"},
      {"<div>One</div><div>Two<br>Three</div><ul><li>A</li><li>B</li></ul>"
       "<table><tr><td>c1</td><td>c2</td></tr><tr><th>c3</th></tr></table>"
       "<section>S</section><article>T</article><h3>U</h3>",
       "page|One¶Two¶Three¶A¶B¶c1 c2¶c3¶S¶T¶U|en\n"},
      {"<p>Hello <b>bold</b><i>it</i>\n\t  world</p>",
       "page|Hello boldit world|en\n"},
      {"<p>one<p>two<div>three<span>four<em>five",
       "page|one¶two¶threefourfive|en\n"},
      {"<table><tr><td>x<td>y</table></b></i></div>z", "page|x y¶z|en\n"},
  };
  for (const Case& c : cases) Check(c);
}

TEST_CASE("ReadHtmlReport: decoding", "[html_reader]") {
  const Case cases[] = {
      {"<p>caf\xE9 au lait</p>",
       "page|caf\xEF\xBF\xBD au lait|en\nW f:1:7: invalid UTF-8, replaced with "
       "U+FFFD\n"},
      {"<meta charset=\"gbk\"><p>\xD6\xD0\xCE\xC4\xCE\xC4\xB1\xBE</p>",
       "page|中文文本|zh\n"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=ISO-8859-1\"><p>caf\xE9 \x93quoted\x94</p>",
       "page|café “quoted”|en\n"},
      {"<meta charset=\"utf-8\"><p>caf\xC3\xA9</p>", "page|café|en\n"},
      {"\xEF\xBB\xBF<meta charset=\"gbk\"><p>caf\xC3\xA9</p>",
       "page|café|en\n"},
      {std::string("\xFF\xFE<\0p\0>\0h\0i\0", 12), "page|hi|en\n"},
      {"<meta charset=\"x-nonsense\"><p>ok</p>",
       "page|ok|en\nW f: unknown charset \"x-nonsense\", read as UTF-8\n"},
  };
  for (const Case& c : cases) Check(c);
}

// Issue 5 (fuzz/html_fuzz): gumbo wrapped references beyond 2^31 to one raw
// byte, invalid UTF-8 (0xFF here) or a NUL that lost the text after it.
TEST_CASE("ReadHtmlReport: numeric references beyond U+10FFFF",
          "[html_reader]") {
  const Case cases[] = {
      {"<p>a&#2147483648;b c&#9999999999999999999999;d</p>",
       "page|a\uFFFDb c\uFFFDd|en\n"},
      {"<p>&#x80000000;e &#X0000000041;&#00000000066;&#99999999;f "
       "&#xFFFFFFFFF</p>",
       "page|\uFFFDe AB\uFFFDf \uFFFD|en\n"},
      {"<title>t&#4294967297;</title><p>&#x110000;&#1114111;</p>",
       "t\uFFFD|\uFFFD\U0010FFFF|en\n"},
  };
  for (const Case& c : cases) Check(c);
}

// Issue 5 (fuzz/html_fuzz): gumbo aborted the indexer on the first case
// (an assertion in its table code); CDATA sections are now unwrapped.
TEST_CASE("ReadHtmlReport: CDATA sections", "[html_reader]") {
  const Case cases[] = {
      {"<table><svg><desc><![CDATA[x]]>y", "page|x y|en\n"},
      {"<table><math><mi><![CDATA[a<![CDATA[b]]>c]]>d", "page|a b c]]>d|en\n"},
      {"<title><![CDATA[Feed]]></title><p>a<![CDATA[b<i>c</i>]]>d</p>",
       "Feed|a bc d|en\n"},
      {"<script>//<![CDATA[\nx = '</p>';\n//]]></script><p>Text<![CDATA[",
       "page|Text|en\n"},
  };
  for (const Case& c : cases) Check(c);
}

TEST_CASE("ReadHtmlReport: pages without text are skipped", "[html_reader]") {
  const Case cases[] = {
      {"", "E f: empty file, skipped\n"},
      {" \n ", "E f: empty file, skipped\n"},
      {std::string("<p>a\0b</p>", 10), "E f: binary data, skipped\n"},
      {"<html><head><title>T</title></head><body><script>x()</script>"
       "<!-- only a comment --></body></html>",
       "E f: no text in HTML, skipped\n"},
  };
  for (const Case& c : cases) Check(c);
}

TEST_CASE("ReadHtmlReport: deep nesting", "[html_reader]") {
  const int kDepth = 10000;
  std::string nested;
  for (int i = 0; i < kDepth; ++i) nested += "<div><span>";
  nested += "deep text";
  for (int i = 0; i < kDepth; ++i) nested += "</span></div>";
  // Past kMaxHtmlDepth the start tags go (LimitHtmlNesting), the text stays.
  Check({nested,
         "page|deep text|en\n"
         "W f: HTML nested deeper than 512 levels, 19488 tags ignored\n"});
  std::string unclosed;
  for (int i = 0; i < kDepth; ++i) unclosed += "<div><p><li>";
  Check({unclosed + "never closed",
         "page|never closed|en\n"
         "W f: HTML nested deeper than 512 levels, 28467 tags ignored\n"});
}

TEST_CASE("MetaCharset and FileTitle", "[html_reader]") {
  const std::pair<const char*, const char*> charsets[] = {
      {"<meta charset=utf-8>", "utf-8"},
      {"<META CHARSET='GB2312'/>", "gb2312"},
      {"<meta http-equiv=Content-Type content=\"text/html;charset=Big5\">",
       "big5"},
      {"<meta name=\"charset\" content=\"x\"><p>charset=no</p>", ""},
      {"<p>no meta</p>", ""},
      {"<meta charset=\"ut\xE9" "f-8\">", "ut"},
  };
  for (const auto& c : charsets) CHECK(MetaCharset(c.first) == c.second);
  CHECK(MetaCharset(std::string(1100, ' ') + "<meta charset=gbk>").empty());
  const std::pair<const char*, const char*> titles[] = {
      {"a/b/report.v2.html", "report.v2"},
      {"page.htm", "page"},
      {"dir/.html", ".html"},
      {"noext", "noext"},
  };
  for (const auto& t : titles) CHECK(FileTitle(t.first) == t.second);
}

}  // namespace
}  // namespace sousuo
