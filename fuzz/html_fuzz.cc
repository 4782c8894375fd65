// Fuzz target: the HTML reader (indexer/html_reader.h ReadHtmlReport) on
// arbitrary bytes, as the indexer hands them over (not repaired). Checks the
// reader invariants of report_check.h with the messages html_reader.h
// documents; the body's white-space contract (single spaces, none at either
// end of a line, no tabs, no blank lines); that reading the same bytes again
// gives the same outcome; and, for bytes read as UTF-8 as they are, that no
// tag, comment or script or style content reaches the body (every '<' in it
// is a '<' of the input that opens no tag, unless the input can write tags
// as text: &lt;, <textarea>, <xmp>, CDATA...), and that a title taken from a
// heading is text of the body.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "fuzz/report_check.h"
#include "indexer/html_reader.h"

namespace sousuo {
namespace {

const TextSource kSource{"fuzz/page.html", "root/fuzz/page.html", "page",
                         false};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// The diagnostics html_reader.h documents (DecodeText's and its own).
bool KnownMessage(const Diagnostic& d) {
  const std::string& m = d.message;
  if (d.severity == Diagnostic::Severity::kError) {
    return m == "binary data, skipped" || m == "empty file, skipped" ||
           m == "no text in HTML, skipped" ||
           m == "not parseable HTML, skipped";
  }
  return m == "invalid UTF-8, replaced with U+FFFD" ||
         m == "invalid UTF-16, replaced with U+FFFD" ||
         m == "no byte-order mark, read as UTF-16LE" ||
         m == "no byte-order mark, read as UTF-16BE" ||
         (StartsWith(m, "unknown charset \"") &&
          EndsWith(m, "\", read as UTF-8")) ||
         (StartsWith(m, "HTML nested deeper than 512 levels, ") &&
          EndsWith(m, " tags ignored"));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// True if the bytes are read as UTF-8 (no BOM, no charset named; the
// caller also rules out UTF-16 recognised without a BOM), so that
// the decoded text is the input with bad bytes replaced and a tag in the
// text is a tag in the input.
bool ReadAsIs(std::string_view bytes, const std::string& lower) {
  return !StartsWith(bytes, "\xFF\xFE") && !StartsWith(bytes, "\xFE\xFF") &&
         !fuzz::Contains(lower, "charset");
}

// True if the HTML can put "<" and a letter into text legitimately: a
// character reference (&lt;), an element whose content is text and not
// skipped by the reader, or a CDATA section in SVG or MathML.
bool CanHoldLiteralTags(const std::string& lower) {
  for (const char* s : {"&", "<textarea", "<xmp", "<iframe", "<noembed",
                        "<noframes", "<plaintext", "<![cdata["}) {
    if (fuzz::Contains(lower, s))
      return true;
  }
  return false;
}

void CheckBody(const std::string& body) {
  // "white space runs become one space; ... no blank lines" (and the body
  // is cut of white space at both ends).
  FUZZ_CHECK(body.find_first_of("\t\r\f") == std::string::npos);
  for (const char* bad : {"  ", " \n", "\n ", "\n\n"})
    FUZZ_CHECK(body.find(bad) == std::string::npos);
  FUZZ_CHECK(!fuzz::IsAsciiBlank(body.front()));
  FUZZ_CHECK(!fuzz::IsAsciiBlank(body.back()));
}

// The number of '<' in `text` that do not open a tag, end tag, comment or
// doctype ("<b", "</", "<!", "<?"): HTML gives each of those one '<' of text,
// and so it does for a "</" that ends the input.
size_t StrayLessThans(std::string_view text) {
  size_t count = 0;
  for (size_t lt = text.find('<'); lt != std::string_view::npos;
       lt = text.find('<', lt + 1)) {
    const char c = lt + 1 < text.size() ? text[lt + 1] : '\0';
    const bool opens = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c == '/' && lt + 2 < text.size()) || c == '!' ||
                       c == '?';
    count += opens ? 0 : 1;
  }
  return count;
}

size_t Count(std::string_view text, char c) {
  size_t count = 0;
  for (char x : text) count += x == c ? 1 : 0;
  return count;
}

Outcome<Report> Read(std::string_view bytes) {
  return fuzz::ReadOrAbort([&] { return ReadHtmlReport(bytes, kSource); });
}

void FuzzOne(std::string_view bytes) {
  const Outcome<Report> outcome = Read(bytes);
  fuzz::CheckOutcome(outcome, kSource, KnownMessage);
  FUZZ_CHECK(fuzz::SameOutcome(Read(bytes), outcome));
  if (!outcome.value)
    return;
  const Report& report = *outcome.value;
  FUZZ_CHECK(report.metadata.empty());
  CheckBody(report.body);

  const std::string lower = Lower(bytes);
  const bool utf16_without_bom =
      std::any_of(outcome.diagnostics.begin(), outcome.diagnostics.end(),
                  [](const Diagnostic& d) { return StartsWith(d.message, "no byte-order mark"); });
  if (!ReadAsIs(bytes, lower) || utf16_without_bom)
    return;
  // Scripts, styles, comments, doctypes and tags never reach the body, so
  // every '<' there is a '<' of the input that opens none of them.
  FUZZ_CHECK(CanHoldLiteralTags(lower) ||
             Count(report.body, '<') <= StrayLessThans(bytes));
  // Without <title>, the title is the first <h1> or <h2>, which stays in the
  // body (where a <br> in it is a line break), or the fallback.
  if (!fuzz::Contains(lower, "<title") &&
      report.title != kSource.fallback_title) {
    std::string spaced = report.body;
    for (char& c : spaced) c = c == '\n' ? ' ' : c;
    FUZZ_CHECK(fuzz::Contains(spaced, report.title));
  }
}

}  // namespace
}  // namespace sousuo

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sousuo::FuzzOne(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
