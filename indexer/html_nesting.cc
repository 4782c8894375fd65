#include "indexer/html_nesting.h"

#include <gumbo.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "indexer/html_tags.h"

namespace sousuo {

namespace {

constexpr size_t kNone = std::string_view::npos;

using html::BreaksOut;
using html::ClosesP;
using html::IsFormatting;
using html::IsHeading;
using html::IsIntegrationPoint;
using html::IsRawText;
using html::IsSpecial;
using html::IsVoid;
using html::OneOf;

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsTagSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// A tag as the tokenizer found it.
struct Tag {
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  std::string name;        // lower case; compared when tag is UNKNOWN
  std::string attributes;  // as written, for <b>-alike comparisons
  bool self_closing = false;
  size_t begin = 0;  // '<'
  size_t end = 0;    // past '>'
};

// An element the model holds open.
struct Element {
  GumboTag tag;
  std::string name;
  bool foreign;  // SVG or MathML
  size_t id;     // the n-th element opened
};

// An entry of HTML5's list of active formatting elements (markers left out,
// so the model's list holds at least as much as gumbo's).
struct Formatting {
  GumboTag tag;
  std::string attributes;  // as written, for Noah's Ark
  size_t id;               // of its element
  bool open;               // its element is still open
};

// Special elements, HTML or foreign (MathML mi... and SVG foreignObject,
// desc, title).
bool IsSpecialElement(const Element& e) {
  return e.foreign ? IsIntegrationPoint(e.tag) : IsSpecial(e.tag);
}

bool Same(const Element& e, const Tag& t) {
  return e.tag == t.tag && (t.tag != GUMBO_TAG_UNKNOWN || e.name == t.name);
}

class Limiter {
 public:
  Limiter(std::string_view html, size_t max_depth, size_t max_formatting)
      : html_(html), max_depth_(max_depth), max_formatting_(max_formatting) {}
  size_t Run(std::string* out);

 private:
  // Reads the tag at html_[pos] ('<' then a letter, or "</" then a letter);
  // false if the page ends inside it.
  bool ReadTag(size_t pos, bool end_tag, Tag* tag) const;
  // Position past the raw text of `tag` (at its end tag), or kNone.
  size_t SkipRawText(const Tag& tag, size_t pos) const;
  void StartTag(const Tag& tag);
  // The ends HTML5 implies before an HTML start tag: an open <p> before a
  // block, <li> before <li>, a cell before a cell, an active <a>...
  void CloseImplied(const Tag& tag);
  void EndTag(const Tag& tag);
  void HtmlEndTag(const Tag& tag);
  bool InForeign() const {
    return !open_.empty() && open_.back().foreign &&
           !IsIntegrationPoint(open_.back().tag);
  }
  // Index in open_ of the nearest element for which `match` holds, searching
  // from the top and giving up (kNone) at one for which `stop` holds first.
  template <typename Match, typename Stop>
  size_t Find(Match match, Stop stop) const;
  // Closes the element at `index` and all above it.
  void CloseFrom(size_t index);
  // Closes the nearest open `tag`, unless a special element comes first.
  void CloseOrdinary(const Tag& tag);
  // Closes, within the nearest table, the nearest of its rows, sections and
  // the elements in `closing`: with it if it is one of `closing`, else only
  // what stands above it.
  void CloseInTable(std::initializer_list<GumboTag> closing);
  // The adoption agency, roughly: the formatting element of `entry` closes
  // with what is above it when nothing special is; else the stack stays
  // (HTML5 moves elements about without making it deeper). True if closed.
  bool Adopt(size_t entry);
  // Index in formatting_ of the last entry for `tag`, or kNone.
  size_t LastFormatting(GumboTag tag) const;
  void FormattingEndTag(const Tag& tag);
  void AddFormatting(const Tag& tag, size_t id);
  void Push(Element element);
  void Pop() { CloseFrom(open_.size() - 1); }
  // Open HTML elements of `tag` (foreign ones are not counted): most
  // searches of the stack can then be skipped, which keeps a page of 100,000
  // tags linear (it took 10 s under ASan).
  size_t Open(GumboTag tag) const { return open_count_[tag]; }
  // HTML5's "reconstruct the active formatting elements": the elements of
  // the entries after the last open one open again. Gumbo does this before
  // text and most start tags; the model before all of them (erring deep).
  void Reconstruct();
  void Drop(const Tag& tag);

  std::string_view html_;
  size_t max_depth_;
  size_t max_formatting_;
  std::vector<Element> open_;
  size_t open_count_[GUMBO_TAG_LAST + 1] = {};  // HTML elements in open_
  std::vector<Formatting> formatting_;
  size_t next_id_ = 0;
  std::string out_;
  size_t copied_ = 0;  // html_[0, copied_) is decided
  size_t dropped_ = 0;
};

size_t Limiter::Run(std::string* out) {
  size_t pos = 0;
  size_t text = 0;  // text runs from here to the next markup
  while ((pos = html_.find('<', pos)) != kNone) {
    const std::string_view rest = html_.substr(pos);
    const bool markup = rest.size() > 1 && (IsAsciiAlpha(rest[1]) ||
                                            rest[1] == '!' || rest[1] == '?' ||
                                            rest[1] == '/');
    if (!markup) {
      ++pos;  // a '<' that is text
      continue;
    }
    if (pos > text && !InForeign())
      Reconstruct();
    if (rest.rfind("<!--", 0) == 0) {
      // A comment ends at "-->" or "--!>"; "<!-->" and "<!--->" at once.
      size_t close = rest.compare(4, 1, ">") == 0   ? 5
                     : rest.compare(4, 2, "->") == 0 ? 6
                                                     : kNone;
      for (size_t dash = 4; close == kNone &&
                            (dash = rest.find("--", dash)) != kNone;
           ++dash) {
        if (rest.compare(dash + 2, 1, ">") == 0)
          close = dash + 3;
        else if (rest.compare(dash + 2, 2, "!>") == 0)
          close = dash + 4;
      }
      pos = close == kNone ? kNone : pos + close;
    } else if (rest.rfind("<!", 0) == 0 || rest.rfind("<?", 0) == 0) {
      const size_t close = rest.find('>');  // doctype, bogus comment
      pos = close == kNone ? kNone : pos + close + 1;
    } else if (rest.size() > 2 && rest[1] == '/' && IsAsciiAlpha(rest[2])) {
      Tag tag;
      if (!ReadTag(pos, true, &tag))
        break;
      EndTag(tag);
      pos = tag.end;
    } else if (rest.size() > 1 && IsAsciiAlpha(rest[1])) {
      Tag tag;
      if (!ReadTag(pos, false, &tag))
        break;
      pos = tag.end;
      if (tag.tag == GUMBO_TAG_PLAINTEXT && !InForeign())
        break;  // the rest of the page is text
      if (IsRawText(tag.tag) && !InForeign()) {  // "<script/>" too
        pos = SkipRawText(tag, pos);
      } else {
        StartTag(tag);
      }
    } else {
      ++pos;  // "</" and then no letter: a bogus comment, or text
    }
    if (pos == kNone)
      break;
    text = pos;
  }
  if (dropped_ > 0) {
    out_.append(html_.substr(copied_));
    *out = std::move(out_);
  }
  return dropped_;
}

bool Limiter::ReadTag(size_t pos, bool end_tag, Tag* tag) const {
  tag->begin = pos;
  pos += end_tag ? 2 : 1;
  const size_t name_begin = pos;
  while (pos < html_.size() && !IsTagSpace(html_[pos]) && html_[pos] != '/' &&
         html_[pos] != '>') {
    tag->name += Lower(html_[pos++]);
  }
  tag->tag = gumbo_tagn_enum(html_.data() + name_begin,
                             static_cast<unsigned>(pos - name_begin));
  const size_t attributes_begin = pos;
  // Attributes: names, then optional values, quoted or not.
  while (pos < html_.size() && html_[pos] != '>') {
    const char c = html_[pos];
    if (c == '/' && pos + 1 < html_.size() && html_[pos + 1] == '>') {
      tag->self_closing = true;
      ++pos;
      break;
    }
    if (c == '=') {
      ++pos;
      while (pos < html_.size() && IsTagSpace(html_[pos])) ++pos;
      if (pos < html_.size() && (html_[pos] == '"' || html_[pos] == '\'')) {
        const size_t close = html_.find(html_[pos], pos + 1);
        if (close == kNone)
          return false;
        pos = close + 1;
      } else {
        // Unquoted: up to a space or '>', so "x=a/>" is not self-closing.
        while (pos < html_.size() && !IsTagSpace(html_[pos]) &&
               html_[pos] != '>') {
          ++pos;
        }
      }
      continue;
    }
    ++pos;
  }
  if (pos >= html_.size())
    return false;
  tag->attributes = std::string(html_.substr(attributes_begin, pos - attributes_begin));
  tag->end = pos + 1;
  return true;
}

size_t Limiter::SkipRawText(const Tag& tag, size_t pos) const {
  for (; (pos = html_.find("</", pos)) != kNone; pos += 2) {
    size_t at = pos + 2;
    size_t matched = 0;
    while (matched < tag.name.size() && at < html_.size() &&
           Lower(html_[at]) == tag.name[matched]) {
      ++at, ++matched;
    }
    if (matched == tag.name.size() && at < html_.size() &&
        (IsTagSpace(html_[at]) || html_[at] == '/' || html_[at] == '>')) {
      return pos;  // the end tag is read as one
    }
  }
  return kNone;
}

void Limiter::StartTag(const Tag& tag) {
  const GumboTag t = tag.tag;
  if (t == GUMBO_TAG_HTML || t == GUMBO_TAG_HEAD || t == GUMBO_TAG_BODY ||
      t == GUMBO_TAG_FRAMESET) {
    return;  // gumbo opens these once, by itself if need be
  }
  if (InForeign() && BreaksOut(t)) {
    while (InForeign()) Pop();
  }
  const bool foreign =
      InForeign() || t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH;
  if (foreign && tag.self_closing)
    return;
  if (!foreign) {
    if (IsVoid(t))
      return;
    CloseImplied(tag);
    Reconstruct();
  }
  if (open_.size() >= max_depth_)
    return Drop(tag);
  if (!foreign && IsFormatting(t)) {
    if (formatting_.size() >= max_formatting_)
      return Drop(tag);
    AddFormatting(tag, next_id_);
  }
  Push(Element{t, tag.name, foreign, next_id_++});
}

void Limiter::CloseImplied(const Tag& tag) {
  const GumboTag t = tag.tag;
  if (ClosesP(t) && Open(GUMBO_TAG_P) > 0) {
    const size_t p = Find(
        [](const Element& e) { return e.tag == GUMBO_TAG_P && !e.foreign; },
        [](const Element& e) {
          return e.tag == GUMBO_TAG_BUTTON || e.foreign ||
                 OneOf(e.tag, {GUMBO_TAG_APPLET, GUMBO_TAG_CAPTION,
                               GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TD,
                               GUMBO_TAG_TH, GUMBO_TAG_MARQUEE,
                               GUMBO_TAG_OBJECT, GUMBO_TAG_TEMPLATE});
        });
    if (p != kNone)
      CloseFrom(p);
  }
  if (IsHeading(t) && !open_.empty() && IsHeading(open_.back().tag))
    Pop();
  if ((t == GUMBO_TAG_LI && Open(GUMBO_TAG_LI) > 0) ||
      ((t == GUMBO_TAG_DD || t == GUMBO_TAG_DT) &&
       Open(GUMBO_TAG_DD) + Open(GUMBO_TAG_DT) > 0)) {
    const bool li = t == GUMBO_TAG_LI;
    const size_t item = Find(
        [li](const Element& e) {
          return li ? e.tag == GUMBO_TAG_LI
                    : (e.tag == GUMBO_TAG_DD || e.tag == GUMBO_TAG_DT);
        },
        [](const Element& e) {
          return IsSpecialElement(e) &&
                 (e.foreign || !OneOf(e.tag, {GUMBO_TAG_ADDRESS,
                                              GUMBO_TAG_DIV, GUMBO_TAG_P}));
        });
    if (item != kNone)
      CloseFrom(item);
  }
  if (t == GUMBO_TAG_OPTION || t == GUMBO_TAG_OPTGROUP) {
    if (!open_.empty() && open_.back().tag == GUMBO_TAG_OPTION)
      Pop();
    if (t == GUMBO_TAG_OPTGROUP && !open_.empty() &&
        open_.back().tag == GUMBO_TAG_OPTGROUP) {
      Pop();
    }
  }
  if (t == GUMBO_TAG_TR)
    CloseInTable({GUMBO_TAG_TR});
  if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH)
    CloseInTable({GUMBO_TAG_TD, GUMBO_TAG_TH});
  if (OneOf(t, {GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT}))
    CloseInTable({GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT});
  if (t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_COLGROUP)
    CloseInTable({});
  if (t == GUMBO_TAG_A || t == GUMBO_TAG_NOBR) {
    // A new <a> ends the one still active (a <nobr> one in scope).
    const size_t entry = LastFormatting(t);
    if (entry != kNone && (!formatting_[entry].open || Adopt(entry) ||
                           t == GUMBO_TAG_A)) {
      formatting_.erase(formatting_.begin() + static_cast<long>(entry));
    }
  }
}

void Limiter::EndTag(const Tag& tag) {
  // In foreign content: close the nearest foreign element of that name; at
  // the first HTML element, HTML's rules apply.
  for (size_t i = open_.size(); i-- > 0 && open_[i].foreign;) {
    if (open_[i].name == tag.name)
      return CloseFrom(i);
  }
  HtmlEndTag(tag);
}

void Limiter::HtmlEndTag(const Tag& tag) {
  const GumboTag t = tag.tag;
  if (t == GUMBO_TAG_HTML || t == GUMBO_TAG_HEAD || t == GUMBO_TAG_BODY)
    return;
  if (IsFormatting(t))
    return FormattingEndTag(tag);
  if (!IsSpecial(t))
    return CloseOrdinary(tag);
  const size_t headings = Open(GUMBO_TAG_H1) + Open(GUMBO_TAG_H2) + Open(GUMBO_TAG_H3) +
                          Open(GUMBO_TAG_H4) + Open(GUMBO_TAG_H5) + Open(GUMBO_TAG_H6);
  if ((IsHeading(t) ? headings : Open(t)) == 0)
    return;
  // Special elements close when in scope; the scope's bounds depend on the
  // element (HTML5 "has an element in ... scope").
  const bool table_part =
      OneOf(t, {GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD,
                GUMBO_TAG_TFOOT, GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH,
                GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP});
  const size_t index = Find(
      [&](const Element& e) {
        return !e.foreign && (IsHeading(t) ? IsHeading(e.tag) : e.tag == t);
      },
      [&](const Element& e) {
        if (e.foreign)
          return !table_part && IsIntegrationPoint(e.tag);
        if (table_part)
          return OneOf(e.tag, {GUMBO_TAG_HTML, GUMBO_TAG_TABLE,
                               GUMBO_TAG_TEMPLATE});
        if ((t == GUMBO_TAG_LI &&
             (e.tag == GUMBO_TAG_OL || e.tag == GUMBO_TAG_UL)) ||
            (t == GUMBO_TAG_P && e.tag == GUMBO_TAG_BUTTON)) {
          return true;
        }
        return OneOf(e.tag, {GUMBO_TAG_APPLET, GUMBO_TAG_CAPTION,
                             GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TD,
                             GUMBO_TAG_TH, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT,
                             GUMBO_TAG_TEMPLATE});
      });
  if (index != kNone)
    CloseFrom(index);
}

template <typename Match, typename Stop>
size_t Limiter::Find(Match match, Stop stop) const {
  for (size_t i = open_.size(); i-- > 0;) {
    if (match(open_[i]))
      return i;
    if (stop(open_[i]))
      return kNone;
  }
  return kNone;
}

void Limiter::Push(Element element) {
  if (!element.foreign)
    ++open_count_[element.tag];
  open_.push_back(std::move(element));
}

void Limiter::CloseFrom(size_t index) {
  for (size_t i = index; i < open_.size(); ++i) {
    if (!open_[i].foreign)
      --open_count_[open_[i].tag];
    if (open_[i].foreign || !IsFormatting(open_[i].tag))
      continue;
    for (Formatting& entry : formatting_) {
      if (entry.id == open_[i].id)
        entry.open = false;  // reopened before the next text, by gumbo
    }
  }
  open_.resize(index);
}

void Limiter::CloseOrdinary(const Tag& tag) {
  if (tag.tag != GUMBO_TAG_UNKNOWN && Open(tag.tag) == 0)
    return;
  const size_t index =
      Find([&](const Element& e) { return !e.foreign && Same(e, tag); },
           IsSpecialElement);
  if (index != kNone)
    CloseFrom(index);
}

bool Limiter::Adopt(size_t entry) {
  const size_t id = formatting_[entry].id;
  const size_t index =
      Find([id](const Element& e) { return e.id == id; }, IsSpecialElement);
  if (index == kNone)
    return false;
  CloseFrom(index);
  return true;
}

size_t Limiter::LastFormatting(GumboTag tag) const {
  for (size_t i = formatting_.size(); i-- > 0;) {
    if (formatting_[i].tag == tag)
      return i;
  }
  return kNone;
}

void Limiter::FormattingEndTag(const Tag& tag) {
  const size_t entry = LastFormatting(tag.tag);
  if (entry == kNone)
    return CloseOrdinary(tag);  // HTML5: "any other end tag"
  // A closed element's entry just goes; an open one closes if it can.
  if (!formatting_[entry].open || Adopt(entry))
    formatting_.erase(formatting_.begin() + static_cast<long>(entry));
}

void Limiter::CloseInTable(std::initializer_list<GumboTag> closing) {
  size_t open = 0;
  for (const GumboTag tag : {GUMBO_TAG_TR, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD,
                             GUMBO_TAG_TFOOT, GUMBO_TAG_TABLE}) {
    open += Open(tag);
  }
  for (const GumboTag tag : closing) open += Open(tag);
  if (open == 0)
    return;
  const size_t index = Find(
      [&](const Element& e) {
        return !e.foreign &&
               (OneOf(e.tag, closing) ||
                OneOf(e.tag, {GUMBO_TAG_TR, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD,
                              GUMBO_TAG_TFOOT, GUMBO_TAG_TABLE}));
      },
      [](const Element& e) {
        return !e.foreign && e.tag == GUMBO_TAG_TEMPLATE;
      });
  if (index == kNone)
    return;
  // A cell or row being replaced closes with what it holds; a table part
  // that only contains the new one keeps itself, losing what is above it.
  CloseFrom(OneOf(open_[index].tag, closing) ? index : index + 1);
}

void Limiter::AddFormatting(const Tag& tag, size_t id) {
  // HTML5's "Noah's Ark": a fourth entry alike replaces the first.
  size_t alike = 0;
  size_t first = kNone;
  for (size_t i = formatting_.size(); i-- > 0;) {
    if (formatting_[i].tag == tag.tag &&
        formatting_[i].attributes == tag.attributes) {
      ++alike;
      first = i;
    }
  }
  if (alike >= 3)
    formatting_.erase(formatting_.begin() + static_cast<long>(first));
  formatting_.push_back(Formatting{tag.tag, tag.attributes, id, true});
}

void Limiter::Reconstruct() {
  size_t first = formatting_.size();
  while (first > 0 && !formatting_[first - 1].open) --first;
  for (size_t i = first; i < formatting_.size(); ++i) {
    Formatting& entry = formatting_[i];
    entry.open = true;
    entry.id = next_id_++;
    Push(Element{entry.tag, gumbo_normalized_tagname(entry.tag), false,
                 entry.id});
  }
}

void Limiter::Drop(const Tag& tag) {
  out_.append(html_.substr(copied_, tag.begin - copied_));
  copied_ = tag.end;
  ++dropped_;
}

}  // namespace

size_t LimitHtmlNesting(std::string_view html, std::string* out,
                        size_t max_depth, size_t max_formatting) {
  return Limiter(html, max_depth, max_formatting).Run(out);
}

}  // namespace sousuo
