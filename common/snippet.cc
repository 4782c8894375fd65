#include "common/snippet.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "common/schema.h"
#include "common/term_writer.h"
#include "common/utf8.h"

namespace sousuo {

namespace {

constexpr size_t kNone = std::string_view::npos;
// Window scores (SQLite FTS5's): a pattern the reader has not seen yet, and
// any further match.
constexpr size_t kDistinctScore = 1000;
constexpr size_t kRepeatScore = 1;

// One occurrence of patterns_[pattern] at bytes [begin, end) of the text.
struct Match {
  uint32_t begin;
  uint32_t end;
  size_t pattern;
};

// A byte range [begin, end) of the text.
struct Span {
  size_t begin;
  size_t end;
};

// A text as the matcher sees it.
struct AnalyzedText {
  std::string_view text;
  std::vector<Match> matches;  // sorted by begin, then end
  std::vector<Span> words;     // kWord, kNumber and kHanWord tokens, in order

  // The word that byte `pos` lies strictly inside, or nullptr.
  const Span* WordAround(size_t pos) const {
    const auto it =
        std::partition_point(words.begin(), words.end(),
                             [pos](const Span& w) { return w.begin < pos; });
    if (it == words.begin() || pos >= std::prev(it)->end)
      return nullptr;
    return &*std::prev(it);
  }
  size_t WordBeginAt(size_t pos) const {
    const Span* w = WordAround(pos);
    return w ? w->begin : pos;
  }
  size_t WordEndAt(size_t pos) const {
    const Span* w = WordAround(pos);
    return w ? w->end : pos;
  }
};

// ---- Step 1: find the matches -------------------------------------------

// A token with the terms the index holds for it.
struct PositionToken {
  const Token* token;
  std::vector<std::string> terms;
};
// Indexed by position - first position.
using PositionTable = std::vector<std::vector<PositionToken>>;

bool IsWordKind(TokenKind kind) {
  return kind != TokenKind::kHanChar;
}

PositionTable BuildPositionTable(const std::vector<Token>& tokens) {
  PositionTable table;
  if (tokens.empty())
    return table;
  const uint32_t first = tokens.front().position;
  table.resize(tokens.back().position - first + 1);
  for (const Token& token : tokens) {
    table[token.position - first].push_back(
        {&token, TokenTerms(token, Field::kAll)});
  }
  return table;
}

// The bytes of the tokens at one position that satisfy `slot`, if any.
std::optional<Span> SlotSpan(const MatchSlot& slot,
                             const std::vector<PositionToken>& at) {
  std::optional<Span> span;
  for (const PositionToken& entry : at) {
    const Token& token = *entry.token;
    bool hit = !slot.prefix.empty() && IsWordKind(token.kind) &&
               token.text.compare(0, slot.prefix.size(), slot.prefix) == 0;
    for (const std::string& term : entry.terms) {
      hit = hit || std::find(slot.terms.begin(), slot.terms.end(), term) !=
                       slot.terms.end();
    }
    if (!hit)
      continue;
    span = span ? Span{std::min<size_t>(span->begin, token.begin),
                       std::max<size_t>(span->end, token.end)}
                : Span{token.begin, token.end};
  }
  return span;
}

// Each term of a text with the table indexes where it stands, ascending.
using TermIndex =
    std::unordered_map<std::string_view, std::vector<uint32_t>>;

TermIndex BuildTermIndex(const PositionTable& table) {
  TermIndex index;
  for (uint32_t i = 0; i < table.size(); ++i) {
    for (const PositionToken& entry : table[i]) {
      for (const std::string& term : entry.terms) {
        std::vector<uint32_t>& at = index[term];
        if (at.empty() || at.back() != i)
          at.push_back(i);
      }
    }
  }
  return index;
}

// Where `pattern` may start: where a term of its first slot stands, or one
// starting with its prefix (a word's exact term is its text). Trying every
// pattern at every position took 10 s for a query of 1,000 words on a 1.6 MB
// report, 3.5 s for 500 prefixes.
std::vector<uint32_t> StartCandidates(const MatchPattern& pattern,
                                      const TermIndex& index) {
  std::vector<uint32_t> starts;
  if (pattern.slots.empty())
    return starts;
  const MatchSlot& first = pattern.slots[0];
  for (const std::string& term : first.terms) {
    const auto found = index.find(term);
    if (found != index.end())
      starts.insert(starts.end(), found->second.begin(), found->second.end());
  }
  for (const auto& [term, at] : index) {
    if (!first.prefix.empty() &&
        term.compare(0, first.prefix.size(), first.prefix) == 0) {
      starts.insert(starts.end(), at.begin(), at.end());
    }
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  return starts;
}

// Appends every occurrence of `pattern` to `out`.
void FindPattern(const MatchPattern& pattern, size_t id,
                 const PositionTable& table, const TermIndex& index,
                 std::vector<Match>* out) {
  const size_t n = pattern.slots.size();
  for (const uint32_t start : StartCandidates(pattern, index)) {
    if (start + n > table.size())
      break;
    Span whole{kNone, 0};
    bool matched = true;
    for (size_t i = 0; i < n && matched; ++i) {
      const std::optional<Span> span =
          SlotSpan(pattern.slots[i], table[start + i]);
      matched = span.has_value();
      if (matched) {
        whole = {std::min(whole.begin, span->begin),
                 std::max(whole.end, span->end)};
      }
    }
    if (matched) {
      out->push_back({static_cast<uint32_t>(whole.begin),
                      static_cast<uint32_t>(whole.end), id});
    }
  }
}

// Finds the matches among `tokens` (of `text`) and fills in the rest of an
// AnalyzedText.
AnalyzedText MatchTokens(const std::vector<MatchPattern>& patterns, std::string_view text,
                         const std::vector<Token>& tokens) {
  AnalyzedText result;
  result.text = text;
  for (const Token& token : tokens) {
    if (IsWordKind(token.kind))
      result.words.push_back({token.begin, token.end});
  }
  const PositionTable table = BuildPositionTable(tokens);
  const TermIndex index = BuildTermIndex(table);
  for (size_t id = 0; id < patterns.size(); ++id) {
    FindPattern(patterns[id], id, table, index, &result.matches);
  }
  std::sort(result.matches.begin(), result.matches.end(),
            [](const Match& a, const Match& b) {
              return std::tie(a.begin, a.end, a.pattern) <
                     std::tie(b.begin, b.end, b.pattern);
            });
  return result;
}

// True if a pattern can match a Han word token (a single Han character as a
// word, or a Han prefix*), which AnalyzeCharacters does not give.
bool NeedsHanWords(const std::vector<MatchPattern>& patterns) {
  const auto has_han = [](std::string_view s) {
    for (size_t pos = 0; pos < s.size();) {
      if (IsHan(DecodeUtf8(s, &pos))) return true;
    }
    return false;
  };
  for (const MatchPattern& pattern : patterns) {
    for (const MatchSlot& slot : pattern.slots) {
      if (has_han(slot.prefix)) return true;
      for (const std::string& term : slot.terms) {
        if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && has_han(term)) return true;
      }
    }
  }
  return false;
}

// Analyses `text` from `position` on, with Han words only if `han_words`.
uint32_t Tokenize(Analyzer* analyzer, bool han_words, std::string_view text,
                  uint32_t position, std::vector<Token>* out) {
  return han_words ? analyzer->Analyze(text, position, out)
                   : analyzer->AnalyzeCharacters(text, position, out);
}

AnalyzedText AnalyseText(Analyzer* analyzer, const std::vector<MatchPattern>& patterns,
                         std::string_view text, bool han_words = true) {
  std::vector<Token> tokens;
  Tokenize(analyzer, han_words, text, 1, &tokens);
  return MatchTokens(patterns, text, tokens);
}

// ---- Step 1, for long texts: analyse only around likely matches ---------
//
// Segmenting is most of the cost of a snippet (ICU runs at 16-70 MB/s), and a
// long report's fragments come from a few places. So a long text is folded
// (cheap) and searched for anchors, literal strings that begin every
// occurrence of a pattern; only regions around the first few anchor hits are
// analysed, each cut where segmentation starts afresh (whitespace, or after
// Chinese punctuation), so their tokens are the ones the whole text gives.
// Missing an occurrence outside the regions can only change which window is
// picked; if the regions hold no match at all, the whole text is analysed.

// Texts up to this size are analysed whole.
constexpr size_t kWholeTextBytes = 4096;
// Anchor hits per anchor that get a region.
constexpr size_t kHitsPerAnchor = 6;
// Queries with more patterns than this analyse the whole text: each anchor
// is a search through the whole folded text.
constexpr size_t kMaxAnchoredPatterns = 16;

// The folded strings one of which begins the token matching `slot`, or
// nothing if a term gives no safe anchor.
std::optional<std::vector<std::string>> SlotAnchors(const MatchSlot& slot) {
  std::vector<std::string> anchors;
  if (!slot.prefix.empty()) anchors.push_back(slot.prefix);
  for (const std::string& term : slot.terms) {
    // Folded text has no capitals, so a capital starts a prefix.
    if (term.compare(0, std::strlen(kPrefixHanChar), kPrefixHanChar) == 0) {
      anchors.push_back(term.substr(std::strlen(kPrefixHanChar)));
    } else if (term.compare(0, std::strlen(kPrefixStem), kPrefixStem) == 0) {
      // An English stem differs from its words in at most its last two
      // letters ("possibility" -> "possibl", "happy" -> "happi").
      std::string stem = term.substr(std::strlen(kPrefixStem));
      size_t keep = stem.size() > 3 ? stem.size() - 2 : 1;
      while (keep > 1 && (static_cast<unsigned char>(stem[keep]) & 0xC0) == 0x80) --keep;
      stem.resize(std::min(keep, stem.size()));
      anchors.push_back(stem);
    } else if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) {
      anchors.push_back(term);
    } else {
      return std::nullopt;
    }
  }
  if (anchors.empty() || std::find(anchors.begin(), anchors.end(), "") != anchors.end())
    return std::nullopt;
  return anchors;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// True if segmentation starts afresh at byte `pos` of `text`: at either end,
// after whitespace, or after a Chinese sentence or clause mark.
bool FreshStart(std::string_view text, size_t pos) {
  if (pos == 0 || pos >= text.size()) return true;
  if (IsAsciiSpace(text[pos - 1])) return true;
  for (std::string_view mark : {"。", "，", "、", "；", "：", "！", "？"}) {
    if (pos >= mark.size() && text.compare(pos - mark.size(), mark.size(), mark) == 0)
      return true;
  }
  return false;
}

// `pos` moved by up to `limit` bytes in `step`'s direction to a fresh start,
// else to a character boundary.
size_t SnapToFreshStart(std::string_view text, size_t pos, int step, size_t limit) {
  for (size_t moved = 0, p = pos; moved <= limit; ++moved, p += step) {
    if (FreshStart(text, p)) return p;
    if ((step < 0 && p == 0) || (step > 0 && p >= text.size())) break;
  }
  while (pos > 0 && pos < text.size() &&
         (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) {
    pos += step;
  }
  return pos;
}

// The regions of `text` worth analysing for `patterns`, sorted and disjoint;
// empty if the whole text should be analysed.
std::vector<Span> AnchorRegions(const Folder& folder, const std::vector<MatchPattern>& patterns,
                                std::string_view text, size_t reach) {
  if (patterns.size() > kMaxAnchoredPatterns) return {};
  std::vector<std::string> anchors;
  for (const MatchPattern& pattern : patterns) {
    if (pattern.slots.empty()) continue;
    const std::optional<std::vector<std::string>> slot = SlotAnchors(pattern.slots[0]);
    if (!slot) return {};
    anchors.insert(anchors.end(), slot->begin(), slot->end());
  }
  const FoldedText folded = folder.Fold(text);
  std::vector<Span> regions;
  for (const std::string& anchor : anchors) {
    size_t at = 0;
    for (size_t hits = 0; hits < kHitsPerAnchor; ++hits, at += anchor.size()) {
      at = folded.text.find(anchor, at);
      if (at == std::string::npos) break;
      const size_t b = folded.origin[at];
      const size_t e = folded.origin[at + anchor.size()];
      regions.push_back({SnapToFreshStart(text, b > reach ? b - reach : 0, -1, reach),
                         SnapToFreshStart(text, std::min(text.size(), e + reach), +1, reach)});
    }
  }
  std::sort(regions.begin(), regions.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  size_t covered = 0;
  for (const Span& r : regions) {
    if (!merged.empty() && r.begin <= merged.back().end) {
      covered += std::max(merged.back().end, r.end) - merged.back().end;
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
      covered += r.end - r.begin;
    }
  }
  // Regions covering most of the text save nothing.
  if (covered * 4 > text.size() * 3) return {};
  return merged;
}

// AnalyseText over `regions` of `text` only; a position is left out between
// regions so that no pattern matches across one's end.
AnalyzedText AnalyseRegions(Analyzer* analyzer, const std::vector<MatchPattern>& patterns,
                            std::string_view text, const std::vector<Span>& regions,
                            bool han_words) {
  std::vector<Token> tokens;
  uint32_t next = 1;
  for (const Span& region : regions) {
    const size_t first = tokens.size();
    next = Tokenize(analyzer, han_words, text.substr(region.begin, region.end - region.begin),
                    next, &tokens) + 1;
    for (size_t i = first; i < tokens.size(); ++i) {
      tokens[i].begin += static_cast<uint32_t>(region.begin);
      tokens[i].end += static_cast<uint32_t>(region.begin);
    }
  }
  return MatchTokens(patterns, text, tokens);
}

// Sorted, disjoint, non-touching ranges covering every match.
std::vector<HighlightRange> MergeRanges(const std::vector<Match>& matches) {
  std::vector<HighlightRange> ranges;
  for (const Match& m : matches) {
    if (!ranges.empty() && m.begin <= ranges.back().end) {
      ranges.back().end = std::max(ranges.back().end, m.end);
    } else {
      ranges.push_back({m.begin, m.end});
    }
  }
  return ranges;
}

// ---- Measuring text -------------------------------------------------------

bool IsSpace(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x3000;
}

bool IsWide(char32_t c) {
  return DisplayWidth(c) == 2;
}

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

bool HasText(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    if (!IsSpace(DecodeUtf8(text, &pos)))
      return true;
  }
  return false;
}

// Columns a character adds after one that was (`after_space`) or was not a
// space: a whitespace run costs one column, as it will once collapsed.
size_t CharColumns(char32_t c, bool after_space) {
  if (IsSpace(c))
    return after_space ? 0 : 1;
  return static_cast<size_t>(DisplayWidth(c));
}

size_t Columns(std::string_view text, size_t from, size_t to) {
  size_t columns = 0;
  bool after_space = false;
  for (size_t pos = from; pos < to;) {
    const char32_t c = DecodeUtf8(text, &pos);
    columns += CharColumns(c, after_space);
    after_space = IsSpace(c);
  }
  return columns;
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

// Where a fragment should start when it may not start before `lo` and may
// spend `budget` columns before the match at `b`.
size_t ChooseLeftCut(const AnalyzedText& t, size_t lo, size_t b,
                     size_t budget) {
  const size_t earliest = WalkLeft(t.text, b, lo, budget);
  if (earliest == lo)
    return lo;
  Cuts cuts;
  for (size_t pos = earliest; pos <= b; pos = NextChar(t.text, pos)) {
    if (t.WordAround(pos) != nullptr)
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
  for (size_t pos = e; pos <= latest; pos = NextChar(t.text, pos)) {
    if (t.WordAround(pos) != nullptr)
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

// The candidate that starts at matches[first] and takes as many following
// matches as fit in `columns` inside `gap`, scored against the patterns in
// `seen`. The window is later centred on the core, not the whole run: a
// trailing repeat is highlighted if it falls inside, but earns no context.
Candidate GrowCandidate(const AnalyzedText& t, size_t first, Span gap,
                        std::vector<bool> seen, size_t columns) {
  const std::vector<Match>& m = t.matches;
  Candidate c{{m[first].begin, m[first].end}, gap, first, first, 0};
  size_t end = m[first].begin;
  size_t width = 0;
  for (size_t j = first; j < m.size() && m[j].end <= gap.end; ++j) {
    const size_t new_end = std::max<size_t>(end, m[j].end);
    const size_t extra = Columns(t.text, end, new_end);
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

// Picks windows best first (ties go to the earlier one), each scored
// against the patterns the windows before it already show, and returns them
// in text order.
std::vector<Span> PickWindows(const AnalyzedText& t, size_t num_patterns,
                              const SnippetOptions& options) {
  std::vector<Span> chosen;
  std::vector<bool> shown(num_patterns, false);
  while (chosen.size() < options.max_fragments) {
    std::optional<Candidate> best;
    for (size_t i = 0; i < t.matches.size(); ++i) {
      const std::optional<Span> gap =
          FreeGap(chosen, t.text.size(), t.matches[i].begin, t.matches[i].end);
      if (!gap)
        continue;
      Candidate c = GrowCandidate(t, i, *gap, shown, options.fragment_columns);
      if (!best || c.score > best->score)
        best = c;
    }
    if (!best)
      break;
    chosen.push_back(
        ExpandWindow(t, best->core, best->gap, options.fragment_columns));
    for (size_t i = best->first; i <= best->last; ++i) {
      shown[t.matches[i].pattern] = true;
    }
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  return chosen;
}

// The opening of a text with no match.
Span OpeningWindow(const AnalyzedText& t, size_t columns) {
  size_t end = ChooseRightCut(t, 0, t.text.size(), columns);
  if (!HasText(t.text.substr(0, end))) {
    // The first word alone is wider than a window: show all of it.
    end = t.WordEndAt(WalkRight(t.text, 0, t.text.size(), columns));
  }
  return {0, end};
}

// In character mode (no Han words) a window may end inside a Han word. The
// Han word around byte `pos` of `text`, from analysing a little text around
// it, or nothing.
std::optional<Span> HanWordAround(Analyzer* analyzer, std::string_view text, size_t pos) {
  constexpr size_t kReach = 48;  // bytes: 16 Han characters each way
  const size_t begin = SnapToFreshStart(text, pos > kReach ? pos - kReach : 0, -1, kReach);
  const size_t end = SnapToFreshStart(text, std::min(text.size(), pos + kReach), +1, kReach);
  std::vector<Token> tokens;
  analyzer->Analyze(text.substr(begin, end - begin), 1, &tokens);
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::kHanWord && begin + token.begin < pos && pos < begin + token.end)
      return Span{begin + token.begin, begin + token.end};
  }
  return std::nullopt;
}

// `window` with each end that lies inside a Han word moved to the word's
// edge: inwards, or outwards where inwards would cut a highlight.
Span KeepHanWordsWhole(Analyzer* analyzer, std::string_view text, Span window,
                       const std::vector<HighlightRange>& ranges) {
  const auto highlighted = [&](size_t b, size_t e) {
    for (const HighlightRange& r : ranges) {
      if (r.begin < e && r.end > b) return true;
    }
    return false;
  };
  if (const std::optional<Span> w = HanWordAround(analyzer, text, window.begin)) {
    const bool inwards = w->end < window.end && !highlighted(window.begin, w->end);
    window.begin = inwards ? w->end : w->begin;
  }
  if (const std::optional<Span> w = HanWordAround(analyzer, text, window.end)) {
    const bool inwards = w->begin > window.begin && !highlighted(w->begin, window.end);
    window.end = inwards ? w->begin : w->end;
  }
  return window;
}

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

}  // namespace

SnippetGenerator::SnippetGenerator(Analyzer* analyzer,
                                   std::vector<MatchPattern> patterns,
                                   SnippetOptions options)
    : analyzer_(analyzer),
      patterns_(std::move(patterns)),
      options_(options),
      han_words_(NeedsHanWords(patterns_)) {}

std::vector<HighlightRange> SnippetGenerator::FindMatches(
    std::string_view text) {
  return MergeRanges(AnalyseText(analyzer_, patterns_, text).matches);
}

Snippet SnippetGenerator::HighlightAll(std::string_view text) {
  const AnalyzedText t = AnalyseText(analyzer_, patterns_, text);
  return BuildSnippet(text, {0, text.size()}, MergeRanges(t.matches));
}

std::vector<Snippet> SnippetGenerator::Generate(std::string_view text) {
  if (!HasText(text))
    return {};
  AnalyzedText t;
  if (text.size() > kWholeTextBytes && !options_.analyse_whole) {
    // Far enough that a window around a match lies inside its region.
    const size_t reach = 4 * options_.fragment_columns;
    const std::vector<Span> regions = AnchorRegions(folder_, patterns_, text, reach);
    if (!regions.empty()) t = AnalyseRegions(analyzer_, patterns_, text, regions, han_words_);
  }
  if (t.matches.empty()) t = AnalyseText(analyzer_, patterns_, text, han_words_);
  const std::vector<Span> windows =
      t.matches.empty()
          ? std::vector<Span>{OpeningWindow(t, options_.fragment_columns)}
          : PickWindows(t, patterns_.size(), options_);
  const std::vector<HighlightRange> ranges = MergeRanges(t.matches);
  std::vector<Snippet> snippets;
  for (const Span& window : windows) {
    snippets.push_back(BuildSnippet(
        text, han_words_ ? window : KeepHanWordsWhole(analyzer_, text, window, ranges),
        ranges));
  }
  return snippets;
}

}  // namespace sousuo
