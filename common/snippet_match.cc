// Step 1 of a snippet (snippet.h): where the query's patterns match a text.
#include "common/snippet_match.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "common/schema.h"
#include "common/term_writer.h"
#include "common/utf8.h"

namespace sousuo {
namespace snippet_match {

namespace {

constexpr size_t kNone = std::string_view::npos;

// A token with the terms the index holds for it, kept inline: a snippet
// looks at every token of a text, and a heap allocation per token was most of
// the matcher's cost.
struct PositionToken {
  const Token* token;
  std::string terms[kMaxTokenTerms];
  uint8_t num_terms = 0;
};

// The tokens of a text by position: the tokens at position first + i are
// tokens[starts[i]] .. tokens[starts[i + 1] - 1].
struct PositionTable {
  std::vector<PositionToken> tokens;
  std::vector<uint32_t> starts;

  size_t size() const { return starts.empty() ? 0 : starts.size() - 1; }
  const PositionToken* begin_at(size_t i) const { return tokens.data() + starts[i]; }
  const PositionToken* end_at(size_t i) const { return tokens.data() + starts[i + 1]; }
};

bool IsWordKind(TokenKind kind) {
  return kind != TokenKind::kHanChar;
}

// REQUIRES: `tokens` in nondecreasing position order (as analysed).
PositionTable BuildPositionTable(const std::vector<Token>& tokens) {
  PositionTable table;
  if (tokens.empty())
    return table;
  const uint32_t first = tokens.front().position;
  table.tokens.resize(tokens.size());
  table.starts.assign(tokens.back().position - first + 2, 0);
  for (size_t i = 0; i < tokens.size(); ++i) {
    PositionToken& entry = table.tokens[i];
    entry.token = &tokens[i];
    entry.num_terms = static_cast<uint8_t>(TokenTerms(tokens[i], Field::kAll, entry.terms));
    ++table.starts[tokens[i].position - first + 1];
  }
  for (size_t i = 1; i < table.starts.size(); ++i) table.starts[i] += table.starts[i - 1];
  return table;
}

// The bytes of the tokens at position `i` of `table` that satisfy `slot`,
// if any.
std::optional<Span> SlotSpan(const MatchSlot& slot, const PositionTable& table, size_t i) {
  std::optional<Span> span;
  for (const PositionToken* entry = table.begin_at(i); entry != table.end_at(i); ++entry) {
    const Token& token = *entry->token;
    bool hit = !slot.prefix.empty() && IsWordKind(token.kind) &&
               token.text.compare(0, slot.prefix.size(), slot.prefix) == 0;
    for (uint8_t t = 0; t < entry->num_terms && !hit; ++t) {
      hit = std::find(slot.terms.begin(), slot.terms.end(), entry->terms[t]) != slot.terms.end();
    }
    if (!hit)
      continue;
    span = span ? Span{std::min<size_t>(span->begin, token.begin),
                       std::max<size_t>(span->end, token.end)}
                : Span{token.begin, token.end};
  }
  return span;
}

// Where each pattern may start (table positions, ascending, without
// repeats): where a term of its first slot stands, or a word token starting
// with its prefix. One pass over the tokens, looking each term up among the
// patterns' first terms; trying every pattern at every position took 10 s
// for a query of 1,000 words on a 1.6 MB report, 3.5 s for 500 prefixes.
std::vector<std::vector<uint32_t>> StartCandidates(const std::vector<MatchPattern>& patterns,
                                                   const PositionTable& table) {
  std::vector<std::vector<uint32_t>> starts(patterns.size());
  std::unordered_map<std::string_view, std::vector<size_t>> by_term;  // first-slot term -> patterns
  std::vector<size_t> prefixed;  // patterns whose first slot has a prefix
  for (size_t id = 0; id < patterns.size(); ++id) {
    if (patterns[id].slots.empty())
      continue;
    const MatchSlot& first = patterns[id].slots[0];
    for (const std::string& term : first.terms) {
      std::vector<size_t>& ids = by_term[term];
      if (ids.empty() || ids.back() != id)
        ids.push_back(id);
    }
    if (!first.prefix.empty())
      prefixed.push_back(id);
  }
  const auto add = [&starts](size_t id, uint32_t at) {
    if (starts[id].empty() || starts[id].back() != at)
      starts[id].push_back(at);
  };
  for (uint32_t i = 0; i < table.size(); ++i) {
    for (const PositionToken* entry = table.begin_at(i); entry != table.end_at(i); ++entry) {
      for (uint8_t t = 0; t < entry->num_terms; ++t) {
        const auto found = by_term.find(entry->terms[t]);
        if (found == by_term.end())
          continue;
        for (const size_t id : found->second) add(id, i);
      }
      if (!IsWordKind(entry->token->kind))
        continue;
      for (const size_t id : prefixed) {
        const std::string& prefix = patterns[id].slots[0].prefix;
        if (entry->token->text.compare(0, prefix.size(), prefix) == 0)
          add(id, i);
      }
    }
  }
  return starts;
}

// Appends the occurrences of `pattern` that begin at `starts` to `out`.
void FindPattern(const MatchPattern& pattern, size_t id, const std::vector<uint32_t>& starts,
                 const PositionTable& table, std::vector<Match>* out) {
  const size_t n = pattern.slots.size();
  for (const uint32_t start : starts) {
    if (start + n > table.size())
      break;
    Span whole{kNone, 0};
    bool matched = true;
    for (size_t i = 0; i < n && matched; ++i) {
      const std::optional<Span> span = SlotSpan(pattern.slots[i], table, start + i);
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
  const std::vector<std::vector<uint32_t>> starts = StartCandidates(patterns, table);
  for (size_t id = 0; id < patterns.size(); ++id) {
    FindPattern(patterns[id], id, starts[id], table, &result.matches);
  }
  std::sort(result.matches.begin(), result.matches.end(),
            [](const Match& a, const Match& b) {
              return std::tie(a.begin, a.end, a.pattern) <
                     std::tie(b.begin, b.end, b.pattern);
            });
  return result;
}

// Analyses `text` from `position` on, with Han words only if `han_words`.
uint32_t Tokenize(Analyzer* analyzer, bool han_words, std::string_view text,
                  uint32_t position, std::vector<Token>* out) {
  return han_words ? analyzer->Analyze(text, position, out)
                   : analyzer->AnalyzeCharacters(text, position, out);
}

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
    } else if (!term.empty() && !IsPrefixedTerm(term)) {
      anchors.push_back(term);
    } else {
      return std::nullopt;
    }
  }
  if (anchors.empty() || std::find(anchors.begin(), anchors.end(), "") != anchors.end())
    return std::nullopt;
  return anchors;
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


}  // namespace

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
        if (!term.empty() && !IsPrefixedTerm(term) && has_han(term)) return true;
      }
    }
  }
  return false;
}

AnalyzedText AnalyseText(Analyzer* analyzer, const std::vector<MatchPattern>& patterns,
                         std::string_view text, bool han_words) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 4 + 16);  // English: a token every 6 bytes or so
  Tokenize(analyzer, han_words, text, 1, &tokens);
  return MatchTokens(patterns, text, tokens);
}

std::optional<std::vector<Span>> AnchorRegions(const FoldedText& folded,
                                               const std::vector<MatchPattern>& patterns,
                                               std::string_view text, size_t reach) {
  if (patterns.size() > kMaxAnchoredPatterns) return std::nullopt;
  std::vector<std::string> anchors;
  for (const MatchPattern& pattern : patterns) {
    if (pattern.slots.empty()) continue;
    const std::optional<std::vector<std::string>> slot = SlotAnchors(pattern.slots[0]);
    if (!slot) return std::nullopt;
    anchors.insert(anchors.end(), slot->begin(), slot->end());
  }
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
  if (covered * 4 > text.size() * 3) return std::nullopt;
  return merged;
}

AnalyzedText AnalyseRegions(Analyzer* analyzer, const std::vector<MatchPattern>& patterns,
                            std::string_view text, const FoldedText& folded,
                            const std::vector<Span>& regions, bool han_words) {
  // The folded bytes that came from original bytes [b, e).
  const auto folded_at = [&folded](size_t original) {
    return static_cast<size_t>(
        std::lower_bound(folded.origin.begin(), folded.origin.end() - 1, original) -
        folded.origin.begin());
  };
  std::vector<Token> tokens;
  uint32_t next = 1;
  for (const Span& region : regions) {
    next = analyzer->AnalyzeFolded(folded, folded_at(region.begin), folded_at(region.end), next,
                                   han_words, &tokens) + 1;
  }
  return MatchTokens(patterns, text, tokens);
}

AnalyzedText AnalysePieces(Analyzer* analyzer, const std::vector<MatchPattern>& patterns,
                           std::string_view text, const std::vector<BodyPiece>& pieces,
                           bool han_words) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const size_t begin = pieces[i].begin;
    const size_t end = i + 1 < pieces.size() ? pieces[i + 1].begin : text.size();
    const size_t first = tokens.size();
    Tokenize(analyzer, han_words, text.substr(begin, end - begin), pieces[i].position, &tokens);
    for (size_t t = first; t < tokens.size(); ++t) {
      tokens[t].begin += static_cast<uint32_t>(begin);
      tokens[t].end += static_cast<uint32_t>(begin);
    }
  }
  return MatchTokens(patterns, text, tokens);
}

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

}  // namespace snippet_match
}  // namespace sousuo
