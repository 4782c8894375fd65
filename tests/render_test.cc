#include "common/render.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/utf8.h"

namespace sousuo {
namespace {

Report FullReport() {
  Report r;
  r.id = "xwlb-20190415-03";
  r.title = "济南市召开教育工作会议";
  r.body = "unused: hits carry their snippets";
  r.date = "2019-04-15";
  r.lang = "zh";
  r.source = "CCTV 新闻联播";
  r.path = "corpus/xwlb/2019-04-15-03.json";
  r.metadata = R"({"program":"新闻联播","segment":3})";
  return r;
}

// A hit on FullReport(): 教育 is bytes 15-21 of the title and 21-27 of the
// fragment.
HitView FullHit(const Report* report) {
  HitView hit;
  hit.rank = 1;
  hit.score = 12.345;
  hit.report = report;
  hit.title = Snippet{report->title, {{15, 21}}, false, false};
  hit.snippets = {
      Snippet{
          "刘强指出，要把教育摆在优先发展的战略地位", {{21, 27}}, true, true},
      Snippet{"会议强调，要深化教育改革", {{24, 30}}, true, false}};
  return hit;
}

// Only what every report has: an id, and a title-less text file.
Report BareReport() {
  Report r;
  r.id = "notes/a.txt";
  r.path = "notes/a.txt";
  return r;
}

// A hit on BareReport(): rank 10, no title, snippets or highlights.
HitView BareHit(const Report* report) {
  HitView hit;
  hit.rank = 10;
  hit.score = 0.5;
  hit.report = report;
  return hit;
}

TEST_CASE("TerminalSafe: neutralises control characters", "[render]") {
  struct Case {
    const char* text;
    const char* expect;
  };
  static const Case kCases[] = {
      {"plain 中文", "plain 中文"},
      {"a\tb\nc\rd", "a\uFFFDb\uFFFDc\uFFFDd"},  // C0, even whitespace
      {"\x1b[31mred\x1b]0;title\x07", "\uFFFD[31mred\uFFFD]0;title\uFFFD"},
      {"del\x7f", "del\uFFFD"},  // DEL
      {"csi\xc2\x9b"
       "2J",
       "csi\uFFFD2J"},                       // C1 CSI (U+009B)
      {"nbsp\xc2\xa0ok", "nbsp\xc2\xa0ok"},  // U+00A0 is not a control
      {"bad\xff\xfe", "bad\uFFFD\uFFFD"},    // invalid UTF-8
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    REQUIRE(TerminalSafe(c.text) == c.expect);
  }
}

TEST_CASE("RenderSnippet: markers and ellipses", "[render]") {
  struct Case {
    Snippet snippet;
    const char* open;
    const char* close;
    const char* expect;
  };
  const Case kCases[] = {
      {{"要把教育摆在", {{6, 12}}, true, true}, "[", "]", "…要把[教育]摆在…"},
      {{"要把教育摆在", {{6, 12}}, false, true},
       "<b>",
       "</b>",
       "要把<b>教育</b>摆在…"},
      {{"interest rates rose", {{0, 8}, {9, 14}}, true, false},
       "[",
       "]",
       "…[interest] [rates] rose"},
      {{"whole", {{0, 5}}, false, false}, "[", "]", "[whole]"},
      {{"no match", {}, false, false}, "[", "]", "no match"},
      {{"", {}, false, false}, "[", "]", ""},
      // Document text is made safe; the markers are written as given.
      {{"a\x1b[2Jb", {{0, 1}}, false, false},
       "\x1b[1m",
       "\x1b[0m",
       "\x1b[1ma\x1b[0m\uFFFD[2Jb"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.snippet.fragment);
    REQUIRE(RenderSnippet(c.snippet, c.open, c.close) == c.expect);
  }
}

TEST_CASE("RenderTextHit: plain and coloured", "[render]") {
  const Report full = FullReport();
  const Report bare = BareReport();
  const HitView bare_hit = BareHit(&bare);
  struct Case {
    const char* name;
    HitView hit;
    bool color;
    const char* expect;
  };
  const Case kCases[] = {
      {"plain", FullHit(&full), false,
       "1. 济南市召开[教育]工作会议  (12.345)\n"
       "   xwlb-20190415-03 · 2019-04-15 · CCTV 新闻联播 · zh · "
       "corpus/xwlb/2019-04-15-03.json\n"
       "   …刘强指出，要把[教育]摆在优先发展的战略地位…\n"
       "   …会议强调，要深化[教育]改革\n"},
      {"coloured", FullHit(&full), true,
       "1. \x1b[1m济南市召开\x1b[1;31m教育\x1b[0;1m工作会议\x1b[0m  "
       "\x1b[2m(12.345)\x1b[0m\n"
       "   \x1b[2mxwlb-20190415-03 · 2019-04-15 · CCTV 新闻联播 · zh · "
       "corpus/xwlb/2019-04-15-03.json\x1b[0m\n"
       "   …刘强指出，要把\x1b[1;31m教育\x1b[0m摆在优先发展的战略地位…\n"
       "   …会议强调，要深化\x1b[1;31m教育\x1b[0m改革\n"},
      // No title, date, source, lang or snippets; the path equals the id.
      // The indent follows the width of "10. ".
      {"missing fields", bare_hit, false,
       "10. (untitled)  (0.500)\n    notes/a.txt\n"},
      {"missing fields coloured", bare_hit, true,
       "10. \x1b[1m(untitled)\x1b[0m  \x1b[2m(0.500)\x1b[0m\n    "
       "\x1b[2mnotes/a.txt\x1b[0m\n"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    REQUIRE(RenderTextHit(c.hit, TextStyle{c.color, 120, ""}) == c.expect);
  }
}

TEST_CASE("RenderTextHit: a report cannot inject escape sequences",
          "[render]") {
  Report evil;
  evil.id = "evil\x1b[2J";
  evil.title = "Title\x1b]0;pwned\x07";
  evil.source = "CCTV\nfake line";
  evil.date = "2019\x9b";  // a lone C1 byte is invalid UTF-8
  evil.path =
      "p\xc2\x9b"
      "31m";
  HitView hit;
  hit.rank = 1;
  hit.score = 1;
  hit.report = &evil;
  hit.title = Snippet{evil.title, {{0, 5}}, false, false};
  hit.snippets = {
      Snippet{"tab\there\x7f \x1b[31mhit", {{15, 18}}, false, false}};
  const std::string expect =
      "1. [Title]\uFFFD]0;pwned\uFFFD  (1.000)\n"
      "   evil\uFFFD[2J · 2019\uFFFD · CCTV\uFFFDfake line · p\uFFFD31m\n"
      "   tab\uFFFDhere\uFFFD \uFFFD[31m[hit]\n";
  REQUIRE(RenderTextHit(hit, TextStyle{false, 120, ""}) == expect);
  const std::string colored = RenderTextHit(hit, TextStyle{true, 120, ""});
  // Every ESC left is one of ours: bold, dim, match or a reset.
  size_t escapes = 0;
  for (size_t pos = colored.find('\x1b'); pos != std::string::npos;
       pos = colored.find('\x1b', pos + 1)) {
    ++escapes;
    const std::string tail = colored.substr(pos, 7);
    CAPTURE(tail);
    REQUIRE((tail.rfind("\x1b[1m", 0) == 0 || tail.rfind("\x1b[2m", 0) == 0 ||
             tail.rfind("\x1b[0m", 0) == 0 || tail.rfind("\x1b[0;1m", 0) == 0 ||
             tail.rfind("\x1b[1;31m", 0) == 0));
  }
  REQUIRE(escapes == 10);
}

TEST_CASE("RenderJsonHit: fields, byte and character offsets", "[render]") {
  const Report full = FullReport();
  const Report bare = BareReport();
  HitView bare_hit = BareHit(&bare);
  bare_hit.partial = true;
  bare_hit.missing = {"Jinan", "济南"};
  Report odd = BareReport();
  odd.title = "bad\xff title\x1b";
  odd.metadata = "[1,2]";
  HitView odd_hit = bare_hit;
  odd_hit.report = &odd;
  odd_hit.title = Snippet{odd.title, {{5, 10}}, false, false};
  struct Case {
    const char* name;
    HitView hit;
    const char* expect;
  };
  const Case kCases[] = {
      {"full", FullHit(&full),
       R"({"type":"hit","rank":1,"score":12.345,"partial":false,"id":"xwlb-20190415-03",)"
       R"("title":"济南市召开教育工作会议",)"
       R"("title_highlights":[{"begin":15,"end":21,"char_begin":5,"char_end":7}],)"
       R"("date":"2019-04-15","lang":"zh","source":"CCTV 新闻联播",)"
       R"("path":"corpus/xwlb/2019-04-15-03.json",)"
       R"("metadata":{"program":"新闻联播","segment":3},)"
       R"("snippets":[{"text":"刘强指出，要把教育摆在优先发展的战略地位",)"
       R"("highlights":[{"begin":21,"end":27,"char_begin":7,"char_end":9}],)"
       R"("elided_left":true,"elided_right":true},)"
       R"({"text":"会议强调，要深化教育改革",)"
       R"("highlights":[{"begin":24,"end":30,"char_begin":8,"char_end":10}],)"
       R"("elided_left":true,"elided_right":false}]})"},
      // Empty fields and metadata are left out.
      // A partial match names the words it lacks.
      {"missing fields", bare_hit,
       R"({"type":"hit","rank":10,"score":0.5,"partial":true,"missing":["Jinan","济南"],)"
       R"("id":"notes/a.txt","title":"","title_highlights":[],)"
       R"("path":"notes/a.txt","snippets":[]})"},
      // Metadata that is not an object stays a string; invalid UTF-8 is
      // replaced, not thrown, and the offsets follow; controls are escaped.
      {"odd values", odd_hit,
       R"({"type":"hit","rank":10,"score":0.5,"partial":true,"missing":["Jinan","济南"],)"
       R"("id":"notes/a.txt","title":"bad)"
       "\uFFFD"
       R"( title\u001b",)"
       R"("title_highlights":[{"begin":7,"end":12,"char_begin":5,"char_end":10}],)"
       R"("path":"notes/a.txt","metadata":"[1,2]","snippets":[]})"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    REQUIRE(RenderJsonHit(c.hit) == c.expect);
  }
}

// Sets or unsets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name))
      old_ = old;
    if (value == nullptr) {
      unsetenv(name);
    } else {
      setenv(name, value, 1);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// The two ends of a pseudo-terminal: `terminal` is a tty.
struct Pty {
  Pty() {
    master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0) {
      terminal = open(ptsname(master), O_RDWR | O_NOCTTY);
    }
  }
  ~Pty() {
    if (terminal >= 0)
      close(terminal);
    if (master >= 0)
      close(master);
  }
  int master = -1;
  int terminal = -1;
};

TEST_CASE("RenderTextHit and RenderJsonHit: PDF snippets name their page", "[render]") {
  Report report;
  report.id = "grain.pdf";
  report.title = "Grain report";
  report.metadata = R"({"pages":[0,13,40]})";
  HitView hit;
  hit.rank = 1;
  hit.score = 1;
  hit.report = &report;
  hit.title = Snippet{report.title, {}, false, false};
  hit.snippets = {Snippet{"first page", {}, false, true, 0},
                  Snippet{"second page", {}, true, true, 20},
                  Snippet{"third page", {}, true, false, 40}};
  REQUIRE(RenderTextHit(hit, TextStyle{false, 120, ""}) ==
          "1. Grain report  (1.000)\n"
          "   grain.pdf\n"
          "   p. 1: first page…\n"
          "   p. 2: …second page…\n"
          "   p. 3: …third page\n");
  const std::string json = RenderJsonHit(hit);
  REQUIRE(json.find(R"("page":1)") != std::string::npos);
  REQUIRE(json.find(R"("page":2)") != std::string::npos);
  REQUIRE(json.find(R"("page":3)") != std::string::npos);
}

// Display columns of each line of `text`, ANSI escapes left out.
std::vector<size_t> LineColumns(const std::string& text) {
  std::vector<size_t> widths;
  size_t columns = 0;
  for (size_t pos = 0; pos < text.size();) {
    if (text[pos] == '\x1b') {
      pos = text.find('m', pos) + 1;
      continue;
    }
    const char32_t c = DecodeUtf8(text, &pos);
    if (c == '\n') {
      widths.push_back(columns);
      columns = 0;
    } else {
      columns += DisplayWidth(c);
    }
  }
  return widths;
}

TEST_CASE("FitColumns and RenderSnippetWithin: cut to display columns", "[render]") {
  CHECK(FitColumns("short", 5) == "short");
  CHECK(FitColumns("shorter", 5) == "shor…");
  CHECK(FitColumns("济南市教育局", 7) == "济南市…");  // a Han character is 2 columns
  const Snippet snippet{"要把教育摆在优先发展", {{6, 12}}, true, true};
  // Whole: 1 + 20 + 1 columns, and 2 for the markers.
  CHECK(RenderSnippetWithin(snippet, "[", "]", 1, 24) == "…要把[教育]摆在优先发展…");
  CHECK(RenderSnippetWithin(snippet, "[", "]", 1, 23) == "…要把[教育]摆在优先发…");
  // A cut inside a highlight closes it.
  CHECK(RenderSnippetWithin(snippet, "[", "]", 1, 10) == "…要把[教]…");
  CHECK(RenderSnippetWithin(snippet, "[", "]", 1, 9) == "…要把…");
  // Coloured markers take no room.
  CHECK(RenderSnippetWithin(snippet, "<", ">", 0, 22) == "…要把<教育>摆在优先发展…");
}

TEST_CASE("RenderTextHit: no line is wider than the width", "[render]") {
  Report report = FullReport();
  report.title = "济南市召开2021年全市教育工作会议暨教育系统党风廉政建设工作会议";
  report.path = "/home/analyst/reports/2021/zh/jinan-education-conference-full-text.txt";
  HitView hit = FullHit(&report);
  hit.title = Snippet{report.title, {{0, 9}, {28, 34}}, false, false};
  hit.partial = true;
  hit.missing = {"vocational", "训练"};
  hit.snippets = {Snippet{
      "刘强指出，要把教育摆在优先发展的战略地位，教育教育教育教育教育教育教育，"
      "推动教育高质量发展",
      {{21, 27}, {63, 69}, {69, 75}, {75, 81}, {81, 87}}, true, true}};
  for (const bool color : {false, true}) {
    for (const size_t width : {20, 40, 60, 80, 120}) {
      CAPTURE(color, width);
      const std::string text = RenderTextHit(hit, TextStyle{color, width, ""});
      CAPTURE(text);
      for (const size_t columns : LineColumns(text)) REQUIRE(columns <= width);
    }
  }
  REQUIRE(RenderTextHit(hit, TextStyle{false, 60, ""}) ==
          "1. [济南市]召开2021年全市[教育]工作会议暨教育系统…  (12.345)\n"
          "   xwlb-20190415-03 · 2019-04-15 · CCTV 新闻联播 · zh · /ho…\n"
          "   …刘强指出，要把[教育]摆在优先发展的战略地位，[教育][教]…\n");
  // The metadata line ends with the words a partial match lacks.
  REQUIRE(RenderTextHit(hit, TextStyle{false, 1000, ""}).find(
              "jinan-education-conference-full-text.txt · missing: vocational, 训练\n") !=
          std::string::npos);
}

TEST_CASE("RenderTextHit: file reports' ids and paths relative to the directory", "[render]") {
  Report file;
  file.id = "/home/a/reports/2024/summary.txt";
  file.path = file.id;
  file.lang = "en";
  Report record;
  record.id = "xwlb-1";
  record.path = "/home/a/reports/news.jsonl";
  Report pdf_record = record;
  pdf_record.path = "/home/a/other/notes.txt";
  HitView hit;
  hit.rank = 1;
  hit.report = &file;
  const auto metadata = [&](const Report* report, const char* cwd) {
    hit.report = report;
    const std::string text = RenderTextHit(hit, TextStyle{false, 120, cwd});
    return text.substr(text.find('\n') + 1);
  };
  CHECK(metadata(&file, "/home/a/reports") == "   2024/summary.txt · en\n");
  CHECK(metadata(&file, "/home/a/reports/2025") == "   ../2024/summary.txt · en\n");
  CHECK(metadata(&file, "/srv") == "   /home/a/reports/2024/summary.txt · en\n");
  CHECK(metadata(&file, "") == "   /home/a/reports/2024/summary.txt · en\n");
  // A JSON id stays as it is; a JSON Lines file is not shown.
  CHECK(metadata(&record, "/home/a") == "   xwlb-1\n");
  CHECK(metadata(&pdf_record, "/home/a") == "   xwlb-1 · other/notes.txt\n");
}

TEST_CASE("RenderJsonSummary: the last line of --json", "[render]") {
  SummaryView summary;
  summary.query = "Liu  Qiang";
  summary.understood = "liu qiang";
  summary.matches = 2;
  summary.partial = true;
  summary.limit = 10;
  summary.hits = 10;
  CHECK(RenderJsonSummary(summary) ==
        R"({"type":"summary","query":"Liu  Qiang","understood":"liu qiang","matches":2,)"
        R"("exact":true,"partial":true,"offset":0,"limit":10,"hits":10})");
}

TEST_CASE("RenderTextReport and RenderJsonReport: a report in full", "[render]") {
  Report report = FullReport();
  report.body = "第一段：教育。\n\t第二段\x1b[2J 教育";
  const Snippet title{report.title, {{15, 21}}, false, false};
  const std::vector<HighlightRange> body = {{12, 18}, {37, 43}};
  CHECK(RenderTextReport(report, title, body, TextStyle()) ==
        "济南市召开[教育]工作会议\n"
        "xwlb-20190415-03 · 2019-04-15 · CCTV 新闻联播 · zh · corpus/xwlb/2019-04-15-03.json\n"
        "program: 新闻联播\n"
        "segment: 3\n"
        "\n"
        "第一段：[教育]。\n\t第二段\uFFFD[2J [教育]\n");
  CHECK(RenderJsonReport(report, title, body) ==
        R"({"type":"report","id":"xwlb-20190415-03","title":"济南市召开教育工作会议",)"
        R"("title_highlights":[{"begin":15,"end":21,"char_begin":5,"char_end":7}],)"
        R"("date":"2019-04-15","lang":"zh","source":"CCTV 新闻联播",)"
        R"("path":"corpus/xwlb/2019-04-15-03.json","metadata":{"program":"新闻联播","segment":3},)"
        R"("text":"第一段：教育。\n\t第二段\u001b[2J 教育",)"
        R"("highlights":[{"begin":12,"end":18,"char_begin":4,"char_end":6},)"
        R"({"begin":37,"end":43,"char_begin":17,"char_end":19}]})");
}

TEST_CASE("UseColor: modes, terminals and NO_COLOR", "[render]") {
  Pty pty;
  REQUIRE(pty.terminal >= 0);
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  struct Case {
    ColorMode mode;
    bool terminal;
    const char* no_color;  // nullptr: unset
    bool expect;
  };
  static const Case kCases[] = {
      {ColorMode::kAlways, false, "1", true},
      {ColorMode::kNever, true, nullptr, false},
      {ColorMode::kAuto, true, nullptr, true},
      {ColorMode::kAuto, true, "", true},
      {ColorMode::kAuto, true, "1", false},
      {ColorMode::kAuto, false, nullptr, false},
  };
  for (const Case& c : kCases) {
    CAPTURE(static_cast<int>(c.mode), c.terminal, c.no_color);
    ScopedEnv env("NO_COLOR", c.no_color);
    REQUIRE(UseColor(c.mode, c.terminal ? pty.terminal : pipe_fds[1]) ==
            c.expect);
  }
  close(pipe_fds[0]);
  close(pipe_fds[1]);
}

}  // namespace
}  // namespace sousuo
