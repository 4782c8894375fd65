// HTML5's element categories, as its tree-building rules use them, for the
// nesting model in html_nesting.cc. Internal to the indexer.
#ifndef SOUSUO_INDEXER_HTML_TAGS_H_
#define SOUSUO_INDEXER_HTML_TAGS_H_

#include <gumbo.h>

#include <algorithm>
#include <initializer_list>

namespace sousuo {
namespace html {

inline bool OneOf(GumboTag tag, std::initializer_list<GumboTag> tags) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

bool IsHeading(GumboTag tag);     // h1-h6
bool IsFormatting(GumboTag tag);  // a, b, big, code, em, font, i, nobr, s, small...
bool IsVoid(GumboTag tag);        // no content and no end tag: br, img, input...
// Content is text up to the end tag (in HTML content): script, style, textarea...
bool IsRawText(GumboTag tag);
bool ClosesP(GumboTag tag);  // start tags that close an open <p> ("in button scope")
// HTML5's "special" elements: "any other end tag" does not close past one.
bool IsSpecial(GumboTag tag);
// Foreign (SVG, MathML) elements in which HTML content starts again.
bool IsIntegrationPoint(GumboTag tag);
// HTML start tags that end foreign content (<font> left out: only some of
// its attributes do, so the model errs on the deep side).
bool BreaksOut(GumboTag tag);

}  // namespace html
}  // namespace sousuo

#endif  // SOUSUO_INDEXER_HTML_TAGS_H_
