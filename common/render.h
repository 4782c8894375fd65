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
// path also only when it differs from the id and is not a JSON Lines file's;
// a file report's id and a path are shown relative to TextStyle::cwd where
// that is shorter), and for a partial match the
// words it lacks ("missing: Qiang, Jinan"). Then one line per snippet.
// Later lines are indented to the width of "1. ". Without colour, matches
// are bracketed with [ ]; with colour the title is bold, matches bold red and
// the score and metadata line dim, each with its own reset. No line is wider
// than TextStyle::width display columns (a Han character counts 2; markers,
// indent and ellipses count): a longer title, metadata line or snippet is cut
// with "…".
//
// Terminal safety: document text is untrusted. Every C0 control character
// (newlines and tabs too), DEL and C1 control (ESC and CSI in particular)
// coming from a report is shown as U+FFFD, as is any invalid UTF-8, so a
// report cannot move the cursor, retitle the terminal or fake our colours.
#ifndef SOUSUO_COMMON_RENDER_H_
#define SOUSUO_COMMON_RENDER_H_

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
  bool partial = false;               // holds some of the words, not all
  std::vector<std::string> missing;   // partial: the words it lacks, as typed
};

struct TextStyle {
  bool color = false;  // ANSI colour
  size_t width = 120;  // display columns per line; REQUIRES: >= 20
  // Paths and file reports' ids are shown relative to this directory where
  // that is shorter (DisplayPath in report_path.h); "" shows them whole.
  std::string cwd;
};

// `text` with control characters and invalid UTF-8 replaced by U+FFFD.
std::string TerminalSafe(std::string_view text);

// The fragment made terminal-safe, each highlight wrapped in `open` and
// `close` (written as given), and "…" on each elided side.
// REQUIRES: the highlights are sorted, disjoint and within the fragment.
std::string RenderSnippet(const Snippet& snippet, std::string_view open,
                          std::string_view close);

// RenderSnippet cut to at most `columns` display columns, counting each
// marker as `marker_columns` and each ellipsis as one; a cut text ends with
// "…" (and closes an open highlight first).
std::string RenderSnippetWithin(const Snippet& snippet, std::string_view open,
                                std::string_view close, size_t marker_columns, size_t columns);

// `text` (terminal-safe already) cut to at most `columns` display columns,
// ending with "…" when cut.
std::string FitColumns(std::string_view text, size_t columns);

// The text form above: several lines, each ending with "\n".
// REQUIRES: hit.report != nullptr.
std::string RenderTextHit(const HitView& hit, const TextStyle& style);

// One JSON object on one line, no trailing newline, keys in this order:
//   type ("hit"), rank, score, partial, missing (partial matches only), id,
//   title, title_highlights, date, lang, source, path, metadata, snippets
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

// The last line of --json output, one JSON object, no trailing newline:
//   {"type":"summary","query":Q,"understood":U,"matches":N,"exact":B,
//    "partial":B,"offset":O,"limit":L,"hits":H}
// `matches` counts the full matches (exact when `exact`, else Xapian's
// estimate); `partial` says whether partial matches follow them.
struct SummaryView {
  std::string query;       // as typed
  std::string understood;  // BuiltQuery::understood
  uint64_t matches = 0;
  bool exact = true;
  bool partial = false;
  unsigned offset = 0;
  unsigned limit = 0;
  size_t hits = 0;  // on this page
};
std::string RenderJsonSummary(const SummaryView& summary);

// A whole stored report (sousuo-query --show) in text: the title line
// (highlighted, not cut), the metadata line, a "key: value" line per extra
// metadata field (values as JSON text unless they are strings), a blank line
// and the body, whose line breaks and tabs are kept (other control
// characters shown as U+FFFD), with `body_highlights` (byte ranges into
// report.body, sorted and disjoint) marked.
std::string RenderTextReport(const Report& report, const Snippet& title,
                             const std::vector<HighlightRange>& body_highlights,
                             const TextStyle& style);

// The same as one JSON object on one line: type ("report"), id, title,
// title_highlights, date, lang, source, path, metadata (as in RenderJsonHit),
// text, highlights (offsets into text as in snippets).
std::string RenderJsonReport(const Report& report, const Snippet& title,
                             const std::vector<HighlightRange>& body_highlights);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_RENDER_H_
