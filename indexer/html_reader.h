// HTML reader: turns the bytes of one .html/.htm file into a Report, with
// Google's gumbo (an HTML5 parser) doing the parsing. No I/O.
#ifndef SOUSUO_INDEXER_HTML_READER_H_
#define SOUSUO_INDEXER_HTML_READER_H_

#include <string>
#include <string_view>

#include "common/document.h"
#include "indexer/report_reader.h"

namespace sousuo {

// The file name of `path` without its directories and its extension
// ("a/b/report.v2.html" -> "report.v2"): the title of a report that names
// none. A name that is only an extension (".html") is kept whole.
std::string FileTitle(std::string_view path);

// The charset a <meta charset="..."> or <meta http-equiv="Content-Type"
// content="...; charset=..."> in the first 1024 bytes declares, lowercased
// ("gbk") and cut at the first character other than [a-z0-9._:-], or "" if
// there is none.
std::string MetaCharset(std::string_view bytes);

// Builds a report from the bytes of an HTML page:
//   - decoding: a BOM wins; else a <meta> charset other than UTF-8 (or
//     UTF-16, which a page readable as ASCII cannot be) is converted with
//     ICU's ucnv (gb2312 and gbk read as GB18030; iso-8859-1 and us-ascii
//     as windows-1252, as browsers do); then DecodeText's rules apply
//     (binary, empty, invalid UTF-8 repaired with a warning). A charset ICU
//     does not know gives the warning "unknown charset \"NAME\", read as
//     UTF-8";
//   - body: the text of <body> with entities decoded, without <head>,
//     <script>, <style>, <noscript>, <template> and comments; white space
//     runs become one space; block elements (p, div, li, h1-h6, br, tr,
//     table, section, article, ...) end a line, table cells are separated by
//     a space; no blank lines; the title's heading stays in the body;
//   - title: the text of <title>, else of the first <h1>, else of the first
//     <h2>, else `source.fallback_title`;
//   - language: DetectLanguage(title + body); id and path from `source`.
// Errors: those of DecodeText, "no text in HTML, skipped" when there is no
// body text, "not parseable HTML, skipped" if the parser gives up.
// Warning: "HTML nested deeper than 512 levels, N tags ignored" when start
// tags past that depth were left out (LimitHtmlNesting: gumbo's parse time
// grows with the square of the depth); their text is kept. The document tree
// is walked without recursion.
Outcome<Report> ReadHtmlReport(std::string_view bytes,
                               const TextSource& source);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_HTML_READER_H_
