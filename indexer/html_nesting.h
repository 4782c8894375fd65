// HTML nesting limit. Gumbo's parse time grows with the square of the number
// of open elements, because most tags search the stack of open elements:
// 20,000 nested <div> take 2 s, 100,000 took 86 s, and gumbo has no option
// to stop. So a page is rewritten before gumbo sees it: a start tag that would
// open an element deeper than kMaxHtmlDepth is left out, much as Chrome hangs
// elements past depth 512 on the 512th. The text stays; only structure past
// the limit is lost.
//
// The depth comes from a small tokenizer (tags, attributes, comments, raw
// text of script, style, textarea...) and a model of HTML5 tree building:
// void elements, end tags that close what is in scope, and the implied ends
// of p, li, dd/dt, option, headings, table rows and cells, a and nobr, foreign
// (SVG, MathML) content. Where the model cannot tell whether an element
// closes, it keeps it open, so gumbo's stack is never deeper than the model's
// by more than the elements gumbo adds itself (html, body, tbody...) and the
// formatting elements it reopens (<b>, <font>... closed by an enclosing end
// tag are opened again before the next text). The model keeps the list of
// those as HTML5 does, three alike at most, and leaves out formatting start
// tags past kMaxHtmlFormatting of them: they carry no text.
#ifndef SOUSUO_INDEXER_HTML_NESTING_H_
#define SOUSUO_INDEXER_HTML_NESTING_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sousuo {

constexpr size_t kMaxHtmlDepth = 512;
constexpr size_t kMaxHtmlFormatting = 256;

// Returns the number of start tags of `html` left out (0 for any ordinary
// page), and when there are some, sets *out to the page without them.
// Linear in the size of the page times the depth limit at worst.
size_t LimitHtmlNesting(std::string_view html, std::string* out,
                        size_t max_depth = kMaxHtmlDepth,
                        size_t max_formatting = kMaxHtmlFormatting);

}  // namespace sousuo

#endif  // SOUSUO_INDEXER_HTML_NESTING_H_
