// Step 2 of a snippet (snippet.h): which windows of a text to show.
#include "common/snippet_window.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>

#include "common/utf8.h"

namespace sousuo {
namespace snippet_window {

using snippet_match::AnalyzedText;
using snippet_match::Match;
using snippet_match::SnapToFreshStart;
using snippet_match::Span;

namespace {

constexpr size_t kNone = std::string_view::npos;
// Window scores (SQLite FTS5's): a pattern the reader has not seen yet, and
// any further match.
constexpr size_t kDistinctScore = 1000;
constexpr size_t kRepeatScore = 1;

}  // namespace

bool IsWide(char32_t c) {
  return DisplayWidth(c) == 2;
}

namespace {

char32_t CharAt(std::string_view text, size_t pos) {
  return DecodeUtf8(text, &pos);
}

size_t NextChar(std::string_view text, size_t pos) {
  DecodeUtf8(text, &pos);
  return pos;
}

size_t PrevChar(std::string_view text, size_t pos) {
  do {
    --pos;
  } while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80);
  return pos;
}

}  // namespace

bool HasText(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    if (!IsSpace(DecodeUtf8(text, &pos)))
      return true;
  }
  return false;
}

namespace {

// Columns a character adds after one that was (`after_space`) or was not a
// space: a whitespace run costs one column, as it will once collapsed.
size_t CharColumns(char32_t c, bool after_space) {
  if (IsSpace(c))
    return after_space ? 0 : 1;
  return static_cast<size_t>(DisplayWidth(c));
}

// Columns of text[from, to), counting stops once it reaches `cap`.
size_t Columns(std::string_view text, size_t from, size_t to,
               size_t cap = std::numeric_limits<size_t>::max()) {
  size_t columns = 0;
  bool after_space = false;
  for (size_t pos = from; pos < to && columns < cap;) {
    const char32_t c = DecodeUtf8(text, &pos);
    columns += CharColumns(c, after_space);
    after_space = IsSpace(c);
  }
  return std::min(columns, cap);
}

size_t Remaining(size_t budget, size_t used) {
  return budget > used ? budget - used : 0;
}

// The furthest position in [from, hi] at most `budget` columns after `from`.
size_t WalkRight(std::string_view text, size_t from, size_t hi, size_t budget) {
  size_t used = 0;
  bool after_space = false;
  size_t pos = from;
  while (pos < hi) {
    const char32_t c = CharAt(text, pos);
    const size_t width = CharColumns(c, after_space);
    if (used + width > budget)
      break;
    used += width;
    after_space = IsSpace(c);
    pos = NextChar(text, pos);
  }
  return pos;
}

// The earliest position in [lo, from] at most `budget` columns before `from`.
size_t WalkLeft(std::string_view text, size_t from, size_t lo, size_t budget) {
  size_t used = 0;
  bool before_space = false;  // the character at `pos` is a space
  size_t pos = from;
  while (pos > lo) {
    const size_t prev = PrevChar(text, pos);
    const char32_t c = CharAt(text, prev);
    const size_t width = CharColumns(c, before_space);
    if (used + width > budget)
      break;
    used += width;
    before_space = IsSpace(c);
    pos = prev;
  }
  return pos;
}

// ---- Step 2: choose the windows -----------------------------------------

enum class Break { kNone, kClause, kSentence };

bool OneOf(char32_t c, std::u32string_view set) {
  return set.find(c) != std::u32string_view::npos;
}

// The break just before byte `pos`: a sentence or clause mark, perhaps
// followed by closing quotes or brackets. ASCII marks count only before a
// space, so that 5.2, 1,234, U.S.A and http:// are not cut.
Break BreakBefore(std::string_view text, size_t pos) {
  size_t p = pos;
  char32_t c = 0;
  do {
    if (p == 0)
      return Break::kNone;
    p = PrevChar(text, p);
    c = CharAt(text, p);
    if (c == ' ' || (c < 0x80 && std::isalnum(static_cast<int>(c))))
      return Break::kNone;  // most characters: no mark, no closer
  } while (OneOf(c, U"\"')]”’）」』】》"));
  const bool spaced = pos == text.size() || IsSpace(CharAt(text, pos));
  if (OneOf(c, U"\n。！？"))
    return Break::kSentence;
  if (OneOf(c, U".!?"))
    return spaced ? Break::kSentence : Break::kNone;
  if (OneOf(c, U"；，、："))
    return Break::kClause;
  if (OneOf(c, U";,:"))
    return spaced ? Break::kClause : Break::kNone;
  return Break::kNone;
}

// The best cut of each kind on one side of a match: the one keeping the
// most text.
struct Cuts {
  size_t sentence = kNone;
  size_t clause = kNone;
  size_t token = kNone;  // splits no word
};

// Prefers a sentence break, then a clause break, that leaves at most half of
// the budget unused (`far` is the furthest reachable position), then any
// sentence break, then the word boundary. Room a cut leaves unused goes to
// the other side of the match (see ExpandWindow).
size_t PreferredCut(std::string_view text, const Cuts& cuts, size_t far,
                    size_t budget) {
  const auto keeps_half = [&](size_t pos) {
    return pos != kNone &&
           2 * Columns(text, std::min(pos, far), std::max(pos, far)) <= budget;
  };
  if (keeps_half(cuts.sentence))
    return cuts.sentence;
  if (keeps_half(cuts.clause))
    return cuts.clause;
  return cuts.sentence != kNone ? cuts.sentence : cuts.token;
}

// AnalyzedText::WordAround(pos) != nullptr for ascending positions from
// `from` on, walking the words once instead of searching them for each.
class WordCursor {
 public:
  WordCursor(const AnalyzedText& t, size_t from)
      : it_(std::partition_point(t.words.begin(), t.words.end(),
                                 [from](const Span& w) { return w.end <= from; })),
        end_(t.words.end()) {}
  // REQUIRES: `pos` not below the previous call's.
  bool Inside(size_t pos) {
    while (it_ != end_ && it_->end <= pos) ++it_;
    return it_ != end_ && it_->begin < pos;
  }

 private:
  std::vector<Span>::const_iterator it_;
  std::vector<Span>::const_iterator end_;
};

// Where a fragment should start when it may not start before `lo` and may
// spend `budget` columns before the match at `b`.
size_t ChooseLeftCut(const AnalyzedText& t, size_t lo, size_t b,
                     size_t budget) {
  const size_t earliest = WalkLeft(t.text, b, lo, budget);
  if (earliest == lo)
    return lo;
  Cuts cuts;
  WordCursor words(t, earliest);
  for (size_t pos = earliest; pos <= b; pos = NextChar(t.text, pos)) {
    if (words.Inside(pos))
      continue;
    const Break kind = BreakBefore(t.text, pos);
    if (kind == Break::kSentence && cuts.sentence == kNone)
      cuts.sentence = pos;
    if (kind == Break::kClause && cuts.clause == kNone)
      cuts.clause = pos;
    if (cuts.token == kNone)
      cuts.token = pos;
  }
  return PreferredCut(t.text, cuts, earliest, budget);
}

// Where a fragment should end when it may not end after `hi` and may spend
// `budget` columns after the match ending at `e`.
size_t ChooseRightCut(const AnalyzedText& t, size_t e, size_t hi,
                      size_t budget) {
  const size_t latest = WalkRight(t.text, e, hi, budget);
  if (latest == hi)
    return hi;
  Cuts cuts;
  WordCursor words(t, e);
  for (size_t pos = e; pos <= latest; pos = NextChar(t.text, pos)) {
    if (words.Inside(pos))
      continue;
    const Break kind = BreakBefore(t.text, pos);
    if (kind == Break::kSentence)
      cuts.sentence = pos;
    if (kind == Break::kClause)
      cuts.clause = pos;
    cuts.token = pos;
  }
  return PreferredCut(t.text, cuts, latest, budget);
}

// A window of `columns` within `gap` around the matched bytes: centred,
// shifted where the text runs out on one side, then cut at good places.
// Room a cut leaves unused on the right goes back to the left.
Span ExpandWindow(const AnalyzedText& t, Span matched, Span gap,
                  size_t columns) {
  const size_t b = t.WordBeginAt(matched.begin);
  const size_t e = t.WordEndAt(matched.end);
  const size_t spare = Remaining(columns, Columns(t.text, b, e));
  size_t left_share = spare / 2;
  if (WalkRight(t.text, e, gap.end, spare - left_share) == gap.end) {
    left_share = spare - Columns(t.text, e, gap.end);
  }
  size_t left = ChooseLeftCut(t, gap.begin, b, left_share);
  const size_t right = ChooseRightCut(
      t, e, gap.end, Remaining(columns, Columns(t.text, left, e)));
  left = ChooseLeftCut(t, gap.begin, b,
                       Remaining(columns, Columns(t.text, b, right)));
  return {left, right};
}

// A run of matches that fits in one window, and the free gap it lies in.
struct Candidate {
  Span core;  // from its first match to the last that adds a new pattern
  Span gap;
  size_t first;  // index of its first match
  size_t last;   // index of its last match
  size_t score;
};

// The gap between chosen windows that holds [begin, end), or nothing if
// [begin, end) overlaps a chosen window.
std::optional<Span> FreeGap(const std::vector<Span>& chosen, size_t size,
                            size_t begin, size_t end) {
  Span gap{0, size};
  for (const Span& w : chosen) {
    if (w.end <= begin) {
      gap.begin = std::max(gap.begin, w.end);
    } else if (w.begin >= end) {
      gap.end = std::min(gap.end, w.begin);
    } else {
      return std::nullopt;
    }
  }
  return gap;
}

// Columns(t.text, a, b) for any two match boundaries a <= b (a match's begin
// or end) in O(1), as the difference of running counts kept at each
// boundary. That is exact because a boundary always touches a token's
// character, so no whitespace run is split between two counts. A stretch of
// more than `cap` columns between neighbouring boundaries counts as `cap`:
// callers only ask whether something fits in fewer columns, and huge texts
// are not walked in full.
class MatchColumns {
 public:
  MatchColumns(const AnalyzedText& t, size_t cap) {
    for (const Match& m : t.matches) {
      offsets_.push_back(m.begin);
      offsets_.push_back(m.end);
    }
    std::sort(offsets_.begin(), offsets_.end());
    offsets_.erase(std::unique(offsets_.begin(), offsets_.end()), offsets_.end());
    counts_.resize(offsets_.size());
    size_t count = 0;
    for (size_t k = 0; k < offsets_.size(); ++k) {
      if (k > 0) count += Columns(t.text, offsets_[k - 1], offsets_[k], cap);
      counts_[k] = count;
    }
  }
  // Columns from boundary `a` to boundary `b`, capped as above.
  size_t Between(size_t a, size_t b) const { return CountAt(b) - CountAt(a); }

 private:
  size_t CountAt(size_t offset) const {
    return counts_[std::lower_bound(offsets_.begin(), offsets_.end(), offset) - offsets_.begin()];
  }
  std::vector<size_t> offsets_;
  std::vector<size_t> counts_;
};

// The candidate that starts at matches[first] and takes as many following
// matches as fit in `columns` inside `gap`, scored against the patterns in
// `seen`. The window is later centred on the core, not the whole run: a
// trailing repeat is highlighted if it falls inside, but earns no context.
Candidate GrowCandidate(const AnalyzedText& t, const MatchColumns& widths, size_t first,
                        Span gap, std::vector<bool> seen, size_t columns) {
  const std::vector<Match>& m = t.matches;
  Candidate c{{m[first].begin, m[first].end}, gap, first, first, 0};
  size_t end = m[first].begin;
  size_t width = 0;
  for (size_t j = first; j < m.size() && m[j].end <= gap.end; ++j) {
    const size_t new_end = std::max<size_t>(end, m[j].end);
    const size_t extra = widths.Between(end, new_end);
    if (j > first && width + extra > columns)
      break;
    width += extra;
    end = new_end;
    c.last = j;
    if (seen[m[j].pattern]) {
      c.score += kRepeatScore;
      continue;
    }
    seen[m[j].pattern] = true;
    c.score += kDistinctScore;
    c.core.end = std::max<size_t>(c.core.end, m[j].end);
  }
  return c;
}

}  // namespace

std::vector<Window> PickWindows(const std::vector<AnalyzedText>& texts, size_t num_patterns,
                                size_t fragment_columns, size_t max_fragments,
                                size_t marker_columns) {
  std::vector<std::vector<Span>> chosen(texts.size());
  std::vector<MatchColumns> widths;
  for (const AnalyzedText& t : texts) widths.emplace_back(t, fragment_columns + 1);
  std::vector<bool> shown(num_patterns, false);
  std::vector<Window> windows;
  while (windows.size() < max_fragments) {
    std::optional<Candidate> best;
    size_t best_text = 0;
    for (size_t k = 0; k < texts.size(); ++k) {
      const AnalyzedText& t = texts[k];
      for (size_t i = 0; i < t.matches.size(); ++i) {
        const std::optional<Span> gap =
            FreeGap(chosen[k], t.text.size(), t.matches[i].begin, t.matches[i].end);
        if (!gap)
          continue;
        Candidate c = GrowCandidate(t, widths[k], i, *gap, shown, fragment_columns);
        if (!best || c.score > best->score) {
          best = c;
          best_text = k;
        }
      }
    }
    if (!best)
      break;
    const AnalyzedText& t = texts[best_text];
    const size_t markers = marker_columns * (best->last - best->first + 1);
    const Span window = ExpandWindow(t, best->core, best->gap,
                                     fragment_columns > markers ? fragment_columns - markers : 1);
    chosen[best_text].push_back(window);
    windows.push_back({best_text, window});
    for (size_t i = best->first; i <= best->last; ++i) {
      shown[t.matches[i].pattern] = true;
    }
  }
  std::sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) {
    return a.text != b.text ? a.text < b.text : a.span.begin < b.span.begin;
  });
  return windows;
}

Span OpeningWindow(const AnalyzedText& t, size_t columns) {
  size_t end = ChooseRightCut(t, 0, t.text.size(), columns);
  if (!HasText(t.text.substr(0, end))) {
    // The first word alone is wider than a window: show all of it.
    end = t.WordEndAt(WalkRight(t.text, 0, t.text.size(), columns));
  }
  return {0, end};
}

namespace {

// In character mode (no Han words) a window may end inside a Han word. The
// Han word around byte `pos` of `text`, from analysing a little text around
// it, or nothing.
std::optional<Span> HanWordAround(Analyzer* analyzer, std::string_view text, size_t pos,
                                  size_t* analysed) {
  // A Han word holds no ASCII, so an ASCII character on either side of `pos`
  // settles it without analysis (most window ends in English text).
  const auto ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
  if (pos == 0 || pos >= text.size() || ascii(text[pos - 1]) || ascii(text[pos]))
    return std::nullopt;
  // Nor does it hold punctuation or spaces, which ICU always breaks words
  // at: windows mostly end at a clause or sentence mark (，。、).
  const auto breaks = [](char32_t c) {
    const int8_t type = u_charType(static_cast<UChar32>(c));
    // Not connector punctuation (＿ is ExtendNumLet, which joins words).
    return type == U_DASH_PUNCTUATION || type == U_START_PUNCTUATION ||
           type == U_END_PUNCTUATION || type == U_OTHER_PUNCTUATION ||
           type == U_INITIAL_PUNCTUATION || type == U_FINAL_PUNCTUATION ||
           type == U_SPACE_SEPARATOR || type == U_LINE_SEPARATOR ||
           type == U_PARAGRAPH_SEPARATOR;
  };
  if (breaks(CharAt(text, PrevChar(text, pos))) || breaks(CharAt(text, pos)))
    return std::nullopt;
  constexpr size_t kReach = 48;  // bytes: 16 Han characters each way
  const size_t begin = SnapToFreshStart(text, pos > kReach ? pos - kReach : 0, -1, kReach);
  const size_t end = SnapToFreshStart(text, std::min(text.size(), pos + kReach), +1, kReach);
  std::vector<Token> tokens;
  analyzer->Analyze(text.substr(begin, end - begin), 1, &tokens);
  *analysed += end - begin;
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::kHanWord && begin + token.begin < pos && pos < begin + token.end)
      return Span{begin + token.begin, begin + token.end};
  }
  return std::nullopt;
}

}  // namespace

Span KeepHanWordsWhole(Analyzer* analyzer, std::string_view text, Span window,
                       const std::vector<HighlightRange>& ranges, size_t* analysed) {
  const auto highlighted = [&](size_t b, size_t e) {
    for (const HighlightRange& r : ranges) {
      if (r.begin < e && r.end > b) return true;
    }
    return false;
  };
  if (const std::optional<Span> w = HanWordAround(analyzer, text, window.begin, analysed)) {
    const bool inwards = w->end < window.end && !highlighted(window.begin, w->end);
    window.begin = inwards ? w->end : w->begin;
  }
  if (const std::optional<Span> w = HanWordAround(analyzer, text, window.end, analysed)) {
    const bool inwards = w->begin > window.begin && !highlighted(w->begin, window.end);
    window.end = inwards ? w->begin : w->end;
  }
  return window;
}

}  // namespace snippet_window
}  // namespace sousuo
