#include "common/snippet.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "common/snippet_locate.h"
#include "common/snippet_match.h"
#include "common/snippet_window.h"
#include "common/stored_body.h"
#include "common/utf8.h"

namespace sousuo {

namespace {

using snippet_match::AnalysePieces;
using snippet_match::AnalyseRegions;
using snippet_match::AnalyseText;
using snippet_match::AnalyzedText;
using snippet_match::AnchorRegions;
using snippet_match::kWholeTextBytes;
using snippet_match::MergeRanges;
using snippet_match::NeedsHanWords;
using snippet_match::SnapToFreshStart;
using snippet_match::Span;
using snippet_window::HasText;
using snippet_window::IsWide;
using snippet_window::KeepHanWordsWhole;
using snippet_window::OpeningWindow;
using snippet_window::PickWindows;
using snippet_window::Window;
// ---- Step 3: build the fragments ----------------------------------------

// text[from, to) with whitespace collapsed (see Snippet). (*offsets)[i] is
// the output offset of input byte from + i, for i in [0, to - from].
std::string CollapseSpace(std::string_view text, size_t from, size_t to,
                          std::vector<uint32_t>* offsets) {
  std::string out;
  offsets->assign(to - from + 1, 0);
  bool started = false;  // a non-space character was copied
  bool pending = false;  // whitespace since the last copied character
  char32_t last = 0;
  for (size_t pos = from; pos < to;) {
    const size_t start = pos;
    const char32_t c = DecodeUtf8(text, &pos);
    const bool space = IsSpace(c);
    if (!space && pending && !(IsWide(last) && IsWide(c)))
      out.push_back(' ');
    for (size_t i = start; i < pos; ++i) (*offsets)[i - from] = out.size();
    if (space) {
      pending = started;
      continue;
    }
    out.append(text.substr(start, pos - start));
    started = true;
    pending = false;
    last = c;
  }
  (*offsets)[to - from] = out.size();
  return out;
}

Snippet BuildSnippet(std::string_view text, Span window,
                     const std::vector<HighlightRange>& ranges) {
  Snippet snippet;
  std::vector<uint32_t> offsets;
  snippet.fragment = CollapseSpace(text, window.begin, window.end, &offsets);
  for (const HighlightRange& r : ranges) {
    const size_t b = std::max<size_t>(r.begin, window.begin);
    const size_t e = std::min<size_t>(r.end, window.end);
    if (b >= e)
      continue;
    const HighlightRange h{offsets[b - window.begin],
                           offsets[e - window.begin]};
    std::vector<HighlightRange>& out = snippet.highlights;
    if (!out.empty() && h.begin <= out.back().end) {
      // Ranges apart only by whitespace touch once it is collapsed.
      out.back().end = std::max(out.back().end, h.end);
    } else if (h.begin < h.end) {
      out.push_back(h);
    }
  }
  snippet.elided_left = HasText(text.substr(0, window.begin));
  snippet.elided_right = HasText(text.substr(window.end));
  snippet.source_begin = static_cast<uint32_t>(window.begin);
  snippet.source_end = static_cast<uint32_t>(window.end);
  return snippet;
}

// The windows of `texts`: the best around their matches, or the opening of
// the first when none has a match.
std::vector<Window> WindowsOf(const std::vector<AnalyzedText>& texts, size_t num_patterns,
                              const SnippetOptions& options) {
  for (const AnalyzedText& t : texts) {
    if (!t.matches.empty())
      return PickWindows(texts, num_patterns, options.fragment_columns, options.max_fragments,
                         options.marker_columns);
  }
  return {Window{0, OpeningWindow(texts[0], options.fragment_columns)}};
}

// Where the opening of `text` that a snippet without matches needs ends:
// far beyond any window's reach, and where segmentation starts afresh.
size_t OpeningEnd(std::string_view text) {
  if (text.size() <= kWholeTextBytes) return text.size();
  return SnapToFreshStart(text, kWholeTextBytes, -1, kWholeTextBytes / 2);
}

// Consecutive pieces of a stored body, read and analysed together.
struct Run {
  size_t origin = 0;  // offset of text[0] in the body
  std::string text;
  std::vector<BodyPiece> pieces;  // begins relative to `text`
};

// The runs of consecutive pieces among `pieces` (ascending indexes into
// body.layout().pieces), read from `body`.
std::vector<Run> ReadRuns(const StoredBody& body, const std::vector<size_t>& pieces) {
  const std::vector<BodyPiece>& all = body.layout().pieces;
  const auto end_of = [&](size_t i) { return i + 1 < all.size() ? all[i + 1].begin : body.size(); };
  std::vector<Run> runs;
  for (size_t k = 0; k < pieces.size();) {
    size_t last = k;
    while (last + 1 < pieces.size() && pieces[last + 1] == pieces[last] + 1) ++last;
    Run run;
    run.origin = all[pieces[k]].begin;
    run.text = body.Read(run.origin, end_of(pieces[last]));
    for (size_t i = pieces[k]; i <= pieces[last]; ++i) {
      run.pieces.push_back({static_cast<uint32_t>(all[i].begin - run.origin), all[i].position});
    }
    runs.push_back(std::move(run));
    k = last + 1;
  }
  return runs;
}

// The pieces a snippet from the opening of `layout`'s body analyses.
std::vector<size_t> OpeningPieces(const BodyLayout& layout) {
  std::vector<size_t> pieces{0};
  while (pieces.size() < layout.pieces.size() && layout.pieces[pieces.size()].begin < kWholeTextBytes) {
    pieces.push_back(pieces.size());
  }
  return pieces;
}

}  // namespace

// Generate(text) on a stored head sees all of it.
static_assert(SnippetGenerator::kScanBytes == kBodyHeadBytes);

SnippetGenerator::SnippetGenerator(Analyzer* analyzer,
                                   std::vector<MatchPattern> patterns,
                                   SnippetOptions options)
    : analyzer_(analyzer),
      patterns_(std::move(patterns)),
      options_(options),
      han_words_(NeedsHanWords(patterns_)) {}

AnalyzedText SnippetGenerator::Analyse(std::string_view text) {
  counters_.analysed += text.size();
  counters_.folded += text.size();
  return AnalyseText(analyzer_, patterns_, text, han_words_);
}

Span SnippetGenerator::Settle(const AnalyzedText& t, Span window,
                              const std::vector<HighlightRange>& ranges) {
  if (han_words_)
    return window;
  size_t analysed = 0;
  window = KeepHanWordsWhole(analyzer_, t.text, window, ranges, &analysed);
  counters_.analysed += analysed;
  counters_.folded += analysed;
  return window;
}

std::vector<HighlightRange> SnippetGenerator::FindMatches(
    std::string_view text) {
  counters_.analysed += text.size();
  counters_.folded += text.size();
  return MergeRanges(AnalyseText(analyzer_, patterns_, text).matches);
}

Snippet SnippetGenerator::HighlightAll(std::string_view text) {
  const size_t end =
      text.size() <= kTitleBytes ? text.size() : SnapToFreshStart(text, kTitleBytes, -1, kTitleBytes / 2);
  counters_.analysed += end;
  counters_.folded += end;
  const AnalyzedText t = AnalyseText(analyzer_, patterns_, text.substr(0, end));
  return BuildSnippet(text, {0, end}, MergeRanges(t.matches));
}

AnalyzedText SnippetGenerator::AnalyseScanned(std::string_view text) {
  if (patterns_.empty())
    return Analyse(text.substr(0, OpeningEnd(text)));
  if (options_.analyse_whole || text.size() <= kWholeTextBytes)
    return Analyse(text);
  const std::string_view scan =
      text.size() <= kScanBytes ? text
                                : text.substr(0, SnapToFreshStart(text, kScanBytes, -1, kScanBytes / 2));
  const FoldedText folded = folder_.Fold(scan);
  counters_.folded += scan.size();
  // Far enough that a window around a match lies inside its region.
  const size_t reach = 4 * options_.fragment_columns;
  std::optional<std::vector<Span>> regions = AnchorRegions(folded, patterns_, scan, reach);
  if (regions && regions->empty()) {
    regions = std::vector<Span>{{0, OpeningEnd(scan)}};  // no anchor: no match
  } else if (regions) {
    for (const Span& r : *regions) counters_.analysed += r.end - r.begin;
    AnalyzedText t = AnalyseRegions(analyzer_, patterns_, scan, folded, *regions, han_words_);
    if (!t.matches.empty())
      return t;
    regions.reset();
  }
  if (!regions) regions = std::vector<Span>{{0, scan.size()}};
  counters_.analysed += regions->back().end;
  return AnalyseRegions(analyzer_, patterns_, scan.substr(0, regions->back().end), folded,
                        *regions, han_words_);
}

std::vector<Snippet> SnippetGenerator::Generate(std::string_view text) {
  if (!HasText(text))
    return {};
  const std::vector<AnalyzedText> texts{AnalyseScanned(text)};
  const std::vector<HighlightRange> ranges = MergeRanges(texts[0].matches);
  std::vector<Snippet> snippets;
  for (const Window& w : WindowsOf(texts, patterns_.size(), options_)) {
    snippets.push_back(BuildSnippet(text, Settle(texts[0], w.span, ranges), ranges));
  }
  return snippets;
}

std::vector<Snippet> SnippetGenerator::Generate(const Xapian::Database& db, Xapian::docid docid,
                                                const Report& report) {
  if (report.body_layout.empty())
    return Generate(report.body);
  const Xapian::Document doc = db.get_document(docid, Xapian::DOC_ASSUME_VALID);
  const StoredBody body(doc, report);
  const BodyLayout& layout = body.layout();
  std::vector<Run> runs;
  std::vector<AnalyzedText> texts;
  const auto analyse = [&](const std::vector<size_t>& pieces) {
    runs = ReadRuns(body, pieces);
    texts.clear();
    for (const Run& run : runs) {
      counters_.analysed += run.text.size();
      counters_.folded += run.text.size();
      texts.push_back(AnalysePieces(analyzer_, patterns_, run.text, run.pieces, han_words_));
    }
    return std::any_of(texts.begin(), texts.end(),
                       [](const AnalyzedText& t) { return !t.matches.empty(); });
  };
  const std::vector<snippet_locate::Hit> hits =
      patterns_.empty() ? std::vector<snippet_locate::Hit>{}
                        : snippet_locate::LocateHits(db, docid, *analyzer_, patterns_, layout);
  if (hits.empty() ||
      !analyse(snippet_locate::PiecesForHits(hits, patterns_, layout, options_.max_fragments))) {
    analyse(OpeningPieces(layout));
  }
  counters_.inflated += body.bytes_inflated();
  const bool matched = std::any_of(texts.begin(), texts.end(),
                                   [](const AnalyzedText& t) { return !t.matches.empty(); });
  if (!matched && !HasText(runs[0].text))
    return {};
  std::vector<Snippet> snippets;
  for (const Window& w : WindowsOf(texts, patterns_.size(), options_)) {
    const AnalyzedText& t = texts[w.text];
    const Run& run = runs[w.text];
    const std::vector<HighlightRange> ranges = MergeRanges(t.matches);
    Snippet snippet = BuildSnippet(t.text, Settle(t, w.span, ranges), ranges);
    // A run starts and ends where a piece does: the body has more text
    // beyond unless it ends there (a piece of whitespace only is not told).
    snippet.elided_left = snippet.elided_left || run.origin > 0;
    snippet.elided_right = snippet.elided_right || run.origin + run.text.size() < body.size();
    snippet.source_begin += static_cast<uint32_t>(run.origin);
    snippet.source_end += static_cast<uint32_t>(run.origin);
    snippets.push_back(std::move(snippet));
  }
  return snippets;
}

}  // namespace sousuo
