#include "indexer/html_nesting.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "indexer/html_reader.h"
#include "tests/test_util.h"

namespace sousuo {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// "N: page" for what LimitHtmlNesting leaves of `html` at depth 3 and two
// formatting elements, or "0" when it keeps it whole.
std::string Limit(const std::string& html) {
  std::string out;
  const size_t dropped = LimitHtmlNesting(html, &out, 3, 2);
  return dropped == 0 ? "0" : std::to_string(dropped) + ": " + out;
}

TEST_CASE("LimitHtmlNesting: what opens, what closes", "[html_nesting]") {
  struct Case {
    std::string html;
    std::string expect;
  };
  const Case cases[] = {
      {"<div><div><div>x</div></div></div>", "0"},
      {"<div><div><div><div>x</div></div></div></div>",
       "1: <div><div><div>x</div></div></div></div>"},
      {"<DIV class='a>b'><Div><div><div id=\"x\">x", "1: <DIV class='a>b'><Div><div>x"},
      // Elements that close by themselves or open nothing.
      {Repeat("<p>a", 9) + Repeat("<li>b", 9) + Repeat("<dt>c<dd>d", 9), "0"},
      {Repeat("<br><img src=x><hr/><input>", 9), "0"},
      {Repeat("<h1>a<h2>b", 9) + Repeat("<option>o", 9), "0"},
      {"<table>" + Repeat("<tr><td>a<td>b", 9) + "</table>", "0"},
      {Repeat("<html><head><body>", 9), "0"},
      {Repeat("<span>a</span>", 9) + Repeat("<div></div>", 9), "0"},
      // Text that is not markup.
      {"<!-- <div><div><div><div> -->x", "0"},
      {"<!-- <div> --!><div><div><div><div>",
       "1: <!-- <div> --!><div><div><div>"},
      {"<!--><div><div><div><div>", "1: <!--><div><div><div>"},
      {"<script><div><div><div><div></SCRIPT ><div>", "0"},
      {"<script/><div><div><div><div></script>", "0"},
      {"<textarea><div><div><div><div></textarea>", "0"},
      {"<?php <div> ?><!DOCTYPE html><div><div>", "0"},
      {"a < b <3 <div><div><div><div>x", "1: a < b <3 <div><div><div>x"},
      // End tags close only what HTML5 closes.
      {Repeat("<span><div></span>", 2), "1: <span><div></span><span></span>"},
      {Repeat("<li><ul></li>", 2), "1: <li><ul></li><li></li>"},
      {Repeat("<p><button></p>", 2), "1: <p><button></p><p></p>"},
      {"<div><table></div><div><div>", "1: <div><table></div><div>"},
      // Foreign content: self-closing counts, breakout tags end it, style
      // is no raw text.
      {"<svg>" + Repeat("<g/>", 9) + "</svg>", "0"},
      {"<svg><g x=a/><g x=a/><g>", "1: <svg><g x=a/><g x=a/>"},
      {"<svg><g><g><div><div><div><div>", "1: <svg><g><g><div><div><div>"},
      {"<svg><style><g><g><g></style>", "2: <svg><style><g></style>"},
      // Formatting elements: an element closed by an enclosing end tag stays
      // in the list (gumbo reopens it), so its end tag closes nothing else.
      {Repeat("<b id=1><p><b id=2></p></b>", 2),
       "1: <b id=1><p><b id=2></p></b><b id=1><p></p></b>"},
      {"<b><i><u>x</u></i></b>", "1: <b><i>x</u></i></b>"},
      {Repeat("<b>x</b>", 9) + Repeat("<a href=1>x", 9), "0"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.html);
    REQUIRE(Limit(c.html) == c.expect);
  }
}

// Pages that made gumbo's parse time grow with the square of their depth.
// Each must be read quickly, with its text.
TEST_CASE("ReadHtmlReport: hostile nesting is read quickly", "[html_nesting][slow]") {
  const int n = 100000;
  struct Case {
    const char* name;
    std::string html;
  };
  const Case cases[] = {
      {"div", Repeat("<div>", n) + "deep text" + Repeat("</div>", n)},
      {"span div", Repeat("<span><div></span>", n / 2) + "deep text"},
      {"div/", Repeat("<div/>", n) + "deep text"},
      {"b", Repeat("<b>", n) + "deep text"},
      {"b attributes", Repeat("<b id=x>", n / 4) + Repeat("<b id=y>", n / 4) + "deep text"},
      {"reopened b", Repeat("<p><b id=1><b id=2><b id=3></p>x", n / 4) + "deep text"},
      {"b in p", Repeat("<b id=1><p><b id=2></p></b>", n / 4) + "deep text"},
      {"table", Repeat("<table><tr><td>", n / 3) + "deep text"},
      {"svg", "<svg>" + Repeat("<g x=a/>", n) + "</svg><p>deep text"},
      {"li ul", Repeat("<li><ul></li>", n / 2) + "deep text"},
      {"a div", Repeat("<a href=x><div>", n / 2) + "deep text"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto start = std::chrono::steady_clock::now();
    const Outcome<Report> report = ReadHtmlReport(c.html, TextSource{"p", "", "page", false});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    UNSCOPED_INFO(c.name << ": " << seconds << " s");
    REQUIRE(report.value);
    REQUIRE(report.value->body.find("deep text") != std::string::npos);
    REQUIRE(seconds < 5.0 * test::kSlowdown);  // gumbo alone took 86 s for 100,000 <div>
  }
}

}  // namespace
}  // namespace sousuo
