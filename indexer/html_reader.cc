#include "indexer/html_reader.h"

#include <gumbo.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include "common/language.h"
#include "indexer/gumbo_guard.h"
#include "indexer/html_nesting.h"

namespace sousuo {

namespace {

constexpr size_t kCharsetProbeBytes = 1024;

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// The ICU converter name for a declared charset, or "" to read as UTF-8.
std::string ConverterName(const std::string& charset) {
  if (charset.empty() || charset == "utf-8" || charset == "utf8" ||
      charset.rfind("utf-16", 0) == 0 || charset == "unicode-1-1-utf-8") {
    return "";
  }
  if (charset == "gb2312" || charset == "gbk" || charset == "x-gbk")
    return "GB18030";
  if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii")
    return "windows-1252";
  return charset;
}

bool HasBom(std::string_view bytes) {
  return bytes.rfind("\xEF\xBB\xBF", 0) == 0 ||
         bytes.rfind("\xFF\xFE", 0) == 0 || bytes.rfind("\xFE\xFF", 0) == 0;
}

// Converts `bytes` from `converter` to UTF-8; false if ICU does not know it.
bool ConvertToUtf8(std::string_view bytes, const std::string& converter,
                   std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(
      ucnv_open(converter.c_str(), &status), ucnv_close);
  if (U_FAILURE(status))
    return false;
  status = U_ZERO_ERROR;
  const icu::UnicodeString text(
      bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  if (U_FAILURE(status))
    return false;
  out->clear();
  text.toUTF8String(*out);
  return true;
}

// Decodes the page to valid UTF-8 (see ReadHtmlReport).
Outcome<std::string> DecodeHtml(std::string_view bytes) {
  const std::string charset = HasBom(bytes) ? "" : MetaCharset(bytes);
  const std::string converter = ConverterName(charset);
  if (converter.empty())
    return DecodeText(bytes);
  std::string converted;
  if (!ConvertToUtf8(bytes, converter, &converted)) {
    Outcome<std::string> outcome = DecodeText(bytes);
    outcome.diagnostics.insert(
        outcome.diagnostics.begin(),
        Diagnostic{Diagnostic::Severity::kWarning, 0, 0,
                   "unknown charset \"" + charset + "\", read as UTF-8"});
    return outcome;
  }
  return DecodeText(converted);
}

// Gumbo 0.10 sums the digits of a numeric character reference in an int, so
// one beyond 2^31 (&#2147483648;) wraps to a negative code point that comes
// out as one arbitrary byte: invalid UTF-8, or a NUL that cuts off the rest
// of its text (google/gumbo-parser#356, found by fuzz/html_fuzz). Rewrites
// the digits of every reference above U+10FFFF to 1114112 (x110000), which
// gumbo turns into U+FFFD as HTML5 says. Copies only when there is one.
std::string ClampNumericReferences(std::string text) {
  std::string out;
  size_t copied = 0;  // text[0, copied) is in out
  for (size_t amp = text.find("&#"); amp != std::string::npos;
       amp = text.find("&#", amp + 1)) {
    size_t begin = amp + 2;
    const bool hex =
        begin < text.size() && (text[begin] == 'x' || text[begin] == 'X');
    begin += hex ? 1 : 0;
    const size_t stop =
        std::min(text.find_first_not_of(
                     hex ? "0123456789abcdefABCDEF" : "0123456789", begin),
                 text.size());
    const size_t first = std::min(text.find_first_not_of('0', begin), stop);
    if (stop - first <= (hex ? 6u : 7u))  // 0x10FFFF has 6 and 7 digits
      continue;
    out.append(text, copied, begin - copied);
    out += hex ? "110000" : "1114112";
    copied = stop;
  }
  if (copied == 0)
    return text;
  out.append(text, copied, std::string::npos);
  return out;
}

// Gumbo 0.10 aborts the whole process on a CDATA section in an SVG or MathML
// text element inside a table when text follows it ("<table><svg><title>
// <![CDATA[x]]>y": parser.c handle_in_table asserts that its text buffer is
// empty; found by fuzz/html_fuzz). CDATA sections are only text in SVG and
// MathML, and HTML pages hold them mostly around scripts and styles or in
// pasted XML, so each "<![CDATA[" and the "]]>" that closes it become a
// space and their content is read as HTML. Copies only when there is one.
std::string UnwrapCdataSections(std::string text) {
  static constexpr std::string_view kOpen = "<![CDATA[", kClose = "]]>";
  size_t open = text.find(kOpen);
  if (open == std::string::npos)
    return text;
  std::string out;
  size_t pos = 0;    // text[0, pos) is done
  size_t close = 0;  // the first kClose at or after pos, once in a section
  bool in_section = false;
  for (;;) {
    if (in_section && close < pos)
      close = text.find(kClose, pos);
    const size_t cut = in_section ? std::min(open, close) : open;
    if (cut == std::string::npos)
      break;
    out.append(text, pos, cut - pos);
    out += ' ';
    in_section = cut == open;
    pos = cut + (in_section ? kOpen.size() : kClose.size());
    if (in_section)
      open = text.find(kOpen, pos);
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// Accumulates text with HTML's white-space collapsing and line breaks.
class TextBuilder {
 public:
  void Text(std::string_view text) {
    for (char c : text) {
      if (IsAsciiSpace(c)) {
        space_ = !out_.empty() && out_.back() != '\n';
        continue;
      }
      if (space_)
        out_ += ' ';
      space_ = false;
      out_ += c;
    }
  }
  void Space() { space_ = !out_.empty() && out_.back() != '\n'; }
  void Break() {
    if (!out_.empty() && out_.back() != '\n')
      out_ += '\n';
    space_ = false;
  }
  size_t size() const { return out_.size(); }
  const std::string& text() const { return out_; }
  std::string Take() {
    Break();
    if (!out_.empty())
      out_.pop_back();
    return std::move(out_);
  }

 private:
  std::string out_;
  bool space_ = false;
};

bool Skipped(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE ||
         tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_TEMPLATE ||
         tag == GUMBO_TAG_TITLE;
}

// Elements that start and end a line of text.
constexpr GumboTag kBlockTags[] = {
    GUMBO_TAG_ADDRESS,    GUMBO_TAG_ARTICLE,    GUMBO_TAG_ASIDE,
    GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,       GUMBO_TAG_BR,
    GUMBO_TAG_CAPTION,    GUMBO_TAG_DD,         GUMBO_TAG_DETAILS,
    GUMBO_TAG_DIV,        GUMBO_TAG_DL,         GUMBO_TAG_DT,
    GUMBO_TAG_FIELDSET,   GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
    GUMBO_TAG_FOOTER,     GUMBO_TAG_FORM,       GUMBO_TAG_H1,
    GUMBO_TAG_H2,         GUMBO_TAG_H3,         GUMBO_TAG_H4,
    GUMBO_TAG_H5,         GUMBO_TAG_H6,         GUMBO_TAG_HEADER,
    GUMBO_TAG_HR,         GUMBO_TAG_LEGEND,     GUMBO_TAG_LI,
    GUMBO_TAG_MAIN,       GUMBO_TAG_NAV,        GUMBO_TAG_OL,
    GUMBO_TAG_OPTION,     GUMBO_TAG_P,          GUMBO_TAG_PRE,
    GUMBO_TAG_SECTION,    GUMBO_TAG_SUMMARY,    GUMBO_TAG_TABLE,
    GUMBO_TAG_TR,         GUMBO_TAG_UL,
};

bool IsBlock(GumboTag tag) {
  return std::find(std::begin(kBlockTags), std::end(kBlockTags), tag) !=
         std::end(kBlockTags);
}

// The text of an element's direct text children (for <title>), collapsed.
std::string OwnText(const GumboNode* node) {
  TextBuilder text;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE)
      text.Text(child->v.text.text);
  }
  return text.Take();
}

// Walks the tree iteratively, building the body and finding the titles.
class Walker {
 public:
  void Walk(const GumboNode* root);
  std::string Title() const {
    return !title_.empty() ? title_ : !h1_.empty() ? h1_ : h2_;
  }
  std::string Body() { return text_.Take(); }

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next;  // index of the next child to visit
    size_t start;   // text_.size() when the element was entered
  };
  void Enter(const GumboNode* node);
  void Leave(const Frame& frame);

  TextBuilder text_;
  std::vector<Frame> stack_;
  std::string title_, h1_, h2_;
};

void Walker::Walk(const GumboNode* root) {
  Enter(root);
  while (!stack_.empty()) {
    Frame& top = stack_.back();
    const GumboVector& children = top.node->v.element.children;
    if (top.next == children.length) {
      const Frame done = top;
      stack_.pop_back();
      Leave(done);
      continue;
    }
    Enter(static_cast<const GumboNode*>(children.data[top.next++]));
  }
}

void Walker::Enter(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      text_.Text(node->v.text.text);
      return;
    case GUMBO_NODE_ELEMENT:
      break;
    default:  // comments, templates
      return;
  }
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_TITLE && title_.empty() &&
      node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
    title_ = OwnText(node);
  }
  if (Skipped(tag))
    return;
  if (IsBlock(tag))
    text_.Break();
  if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)
    text_.Space();
  stack_.push_back(Frame{node, 0, text_.size()});
}

void Walker::Leave(const Frame& frame) {
  const GumboTag tag = frame.node->v.element.tag;
  if (IsBlock(tag))
    text_.Break();
  if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)
    text_.Space();
  std::string* heading = tag == GUMBO_TAG_H1   ? &h1_
                         : tag == GUMBO_TAG_H2 ? &h2_
                                               : nullptr;
  if (heading != nullptr && heading->empty()) {
    TextBuilder collapsed;  // a <br> inside the heading becomes a space
    collapsed.Text(std::string_view(text_.text()).substr(frame.start));
    *heading = collapsed.Take();
  }
}

}  // namespace

std::string FileTitle(std::string_view path) {
  const size_t slash = path.rfind('/');
  std::string_view name =
      path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  const size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0)
    name = name.substr(0, dot);
  return std::string(name);
}

std::string MetaCharset(std::string_view bytes) {
  std::string head(bytes.substr(0, kCharsetProbeBytes));
  for (char& c : head) c = Lower(c);
  for (size_t meta = head.find("<meta"); meta != std::string::npos;
       meta = head.find("<meta", meta + 1)) {
    const size_t end = head.find('>', meta);
    const size_t at = head.find("charset", meta);
    if (at == std::string::npos || (end != std::string::npos && at > end))
      continue;
    size_t pos = at + 7;
    while (pos < head.size() && IsAsciiSpace(head[pos])) ++pos;
    if (pos >= head.size() || head[pos] != '=')
      continue;
    ++pos;
    while (pos < head.size() &&
           (IsAsciiSpace(head[pos]) || head[pos] == '"' || head[pos] == '\'')) {
      ++pos;
    }
    const size_t stop =
        head.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.:", pos);
    return head.substr(pos, stop == std::string::npos ? stop : stop - pos);
  }
  return "";
}

Outcome<Report> ReadHtmlReport(std::string_view bytes,
                               const TextSource& source) {
  Outcome<std::string> decoded = DecodeHtml(bytes);
  Outcome<Report> outcome;
  outcome.diagnostics = std::move(decoded.diagnostics);
  if (!decoded.value)
    return outcome;
  const std::string text =
      UnwrapCdataSections(ClampNumericReferences(std::move(*decoded.value)));
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we do not show parse errors: do not collect them
  std::string limited;  // the page without tags nested past kMaxHtmlDepth
  const size_t dropped = LimitHtmlNesting(text, &limited);
  if (dropped > 0) {
    outcome.diagnostics.push_back(
        {Diagnostic::Severity::kWarning, 0, 0,
         "HTML nested deeper than " + std::to_string(kMaxHtmlDepth) +
             " levels, " + std::to_string(dropped) + " tags ignored"});
  }
  const std::string& page = dropped > 0 ? limited : text;
  const GumboParse parse(page, options);  // null output if gumbo aborted
  const GumboOutput* output = parse.output();
  if (output == nullptr) {
    outcome.diagnostics.push_back(
        {Diagnostic::Severity::kError, 0, 0, "not parseable HTML, skipped"});
    return outcome;
  }
  Walker walker;
  walker.Walk(output->root);
  Report report;
  report.body = walker.Body();
  if (report.body.empty()) {
    outcome.diagnostics.push_back(
        {Diagnostic::Severity::kError, 0, 0, "no text in HTML, skipped"});
    return outcome;
  }
  report.title = walker.Title();
  if (report.title.empty())
    report.title = source.fallback_title;
  report.id = source.id;
  report.path = source.path;
  report.lang = DetectLanguage(report.title + "\n" + report.body);
  outcome.value = std::move(report);
  return outcome;
}

}  // namespace sousuo
