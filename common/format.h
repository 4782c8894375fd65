// Rendering of search hits for sousuo-query: a human-readable text form
// (coloured on a terminal) and JSON Lines.
//
// Text form, one block of lines per hit:
//
//   1. 济南市召开[教育]工作会议  (12.345)
//      xwlb-20190415-03 · 2019-04-15 · CCTV 新闻联播 · zh
//      …刘强指出，要把[教育]摆在优先发展的战略地位…
//
// Line 1: rank, title (or "(untitled)") and BM25 score with three decimals.
// Line 2: id, then date, source, lang and path, each only when present (the
// path also only when it differs from the id). Then one line per snippet.
// Later lines are indented to the width of "1. ". Without colour, matches
// are bracketed with [ ]; with colour the title is bold, matches bold red and
// the score and metadata line dim, each with its own reset.
//
// Terminal safety: document text is untrusted. Every C0 control character
// (newlines and tabs too), DEL and C1 control (ESC and CSI in particular)
// coming from a report is shown as U+FFFD, as is any invalid UTF-8, so a
// report cannot move the cursor, retitle the terminal or fake our colours.
#ifndef SOUSUO_COMMON_FORMAT_H_
#define SOUSUO_COMMON_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"
#include "common/snippet.h"

namespace sousuo {

enum class ColorMode { kAuto, kAlways, kNever };

// kAlways -> true, kNever -> false; kAuto -> true only if `fd` is a terminal
// and the NO_COLOR environment variable is unset or empty (no-color.org).
bool UseColor(ColorMode mode, int fd);

// One hit ready to render. `report` is not owned and must outlive the view.
struct HitView {
  unsigned rank = 0;
  double score = 0;
  const Report* report = nullptr;
  Snippet title;                  // SnippetGenerator::HighlightAll(title)
  std::vector<Snippet> snippets;  // SnippetGenerator::Generate(body)
  // About the whole search, for JSON Lines readers, who get no header line.
  uint64_t matches_estimated = 0;  // Xapian's estimate of all matches
  bool relaxed = false;  // hits come from the relaxed query (not every word)
};

// `text` with control characters and invalid UTF-8 replaced by U+FFFD.
std::string TerminalSafe(std::string_view text);

// The fragment made terminal-safe, each highlight wrapped in `open` and
// `close` (written as given), and "…" on each elided side.
// REQUIRES: the highlights are sorted, disjoint and within the fragment.
std::string RenderSnippet(const Snippet& snippet, std::string_view open,
                          std::string_view close);

// The text form above: several lines, each ending with "\n".
// REQUIRES: hit.report != nullptr.
std::string RenderTextHit(const HitView& hit, bool color);

// One JSON object on one line, no trailing newline, keys in this order:
//   rank, score, id, title, title_highlights, date, lang, source, path,
//   metadata, snippets, matches_estimated, relaxed
// date, lang, source and path are left out when empty; metadata is the
// parsed object when report.metadata is JSON object text, the raw string
// when it is anything else, and left out when empty. A snippet is
//   {"text", "highlights": [{"begin", "end", "char_begin", "char_end"}],
//    "elided_left", "elided_right"}
// with byte offsets (begin, end) and code point offsets (char_*) into
// "text"; title_highlights index "title" the same way. Non-ASCII is written
// as UTF-8, control characters as JSON escapes, and invalid UTF-8 as U+FFFD
// (with the offsets moved to match; it never throws on bad bytes).
// REQUIRES: hit.report != nullptr.
std::string RenderJsonHit(const HitView& hit);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_FORMAT_H_
