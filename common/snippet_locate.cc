#include "common/snippet_locate.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <string>
#include <string_view>

#include "common/schema.h"
#include "common/utf8.h"

namespace sousuo {
namespace snippet_locate {

namespace {

// The first character of `s` (which must not be empty).
std::string_view FirstChar(std::string_view s) {
  size_t end = 0;
  DecodeUtf8(s, &end);
  return s.substr(0, end);
}

bool StartsWithHan(std::string_view s) {
  size_t pos = 0;
  return !s.empty() && IsHan(DecodeUtf8(s, &pos));
}

// Where one slot of a pattern may stand in a document: the union of the
// position lists of the terms that locate it. Xapian decodes a position list
// one position at a time (skip_to too), so every step is counted against a
// budget shared by the slots of one search.
class SlotPositions {
 public:
  SlotPositions(const Xapian::Database& db, Xapian::docid docid, size_t* budget)
      : db_(db), docid_(docid), budget_(budget) {}

  // Adds the positions of `term` in the document, if it has any.
  void Add(const std::string& term) {
    Xapian::PositionIterator it = db_.positionlist_begin(docid_, term);
    if (it == Xapian::PositionIterator()) return;
    lists_.push_back(it);
    located_ = true;
  }
  // Marks the slot as located through a superset of its positions.
  void SetApproximate() { exact_ = false; }

  // False if no term of the slot has positions in the document.
  bool located() const { return located_; }
  bool exact() const { return exact_; }

  // The first position at or after `p`; 0 when there is none, or when the
  // budget ran out. REQUIRES: `p` not below the previous call's.
  Xapian::termpos SkipTo(Xapian::termpos p) {
    Xapian::termpos least = 0;
    for (size_t i = 0; i < lists_.size();) {
      Xapian::PositionIterator& it = lists_[i];
      while (it != Xapian::PositionIterator() && *it < p && *budget_ > 0) {
        ++it;
        --*budget_;
      }
      if (*budget_ == 0) return 0;
      if (it == Xapian::PositionIterator()) {
        lists_.erase(lists_.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      least = least == 0 ? *it : std::min(least, *it);
      ++i;
    }
    return least;
  }

 private:
  const Xapian::Database& db_;
  Xapian::docid docid_;
  size_t* budget_;  // position steps left
  std::vector<Xapian::PositionIterator> lists_;  // those not at their end
  bool located_ = false;
  bool exact_ = true;
};

// Adds to `slot` the indexed words that start with `start` and satisfy
// `keep`, looking at kMaxWordsPerTerm of them at most.
template <typename Keep>
void AddWordsStartingWith(const Xapian::Database& db, const std::string& start, Keep keep,
                          SlotPositions* slot) {
  size_t seen = 0;
  for (Xapian::TermIterator it = db.allterms_begin(start);
       it != db.allterms_end(start) && seen < kMaxWordsPerTerm; ++it, ++seen) {
    const std::string word = *it;
    if (keep(word)) slot->Add(word);
  }
}

// The positions that locate `slot` in document `docid` (see the file comment).
SlotPositions Locate(const Xapian::Database& db, Xapian::docid docid, const Analyzer& analyzer,
                     const MatchSlot& slot, size_t* budget) {
  SlotPositions found(db, docid, budget);
  const std::string han_char_prefix = kPrefixHanChar;
  for (const std::string& term : slot.terms) {
    if (term.empty()) continue;
    if (IsHanCharTerm(term)) {
      found.Add(term);
    } else if (IsStemTerm(term) && !IsPrefixedTerm(std::string_view(term).substr(1))) {
      const std::string stem = term.substr(std::strlen(kPrefixStem));
      // Snowball's stem of a word is the word's start but for its last
      // letter at most (happy -> happi), bar dying, lying and tying.
      size_t keep = stem.size();
      if (keep > 1) {
        do {
          --keep;
        } while (keep > 1 && (static_cast<unsigned char>(stem[keep]) & 0xC0) == 0x80);
      }
      AddWordsStartingWith(
          db, stem.substr(0, keep),
          [&](const std::string& word) { return analyzer.Stem(word) == stem; }, &found);
    } else if (IsPrefixedTerm(term)) {
      continue;  // another field's term: never in Field::kAll patterns
    } else if (StartsWithHan(term)) {
      found.Add(han_char_prefix + std::string(FirstChar(term)));  // a Han word
      found.SetApproximate();
    } else {
      found.Add(term);
    }
  }
  if (StartsWithHan(slot.prefix)) {
    found.Add(han_char_prefix + std::string(FirstChar(slot.prefix)));
    found.SetApproximate();
  } else if (!slot.prefix.empty()) {
    AddWordsStartingWith(
        db, slot.prefix, [](const std::string& word) { return !IsPrefixedTerm(word); }, &found);
  }
  return found;
}

}  // namespace

size_t PieceOf(const BodyLayout& layout, Xapian::termpos position) {
  const auto after = std::upper_bound(
      layout.pieces.begin(), layout.pieces.end(), position,
      [](Xapian::termpos p, const BodyPiece& piece) { return p < piece.position; });
  return static_cast<size_t>(after - layout.pieces.begin()) - 1;
}

std::vector<Hit> LocateHits(const Xapian::Database& db, Xapian::docid docid,
                            const Analyzer& analyzer, const std::vector<MatchPattern>& patterns,
                            const BodyLayout& layout) {
  std::vector<Hit> hits;
  if (layout.pieces.empty()) return hits;
  const Xapian::termpos first = layout.pieces.front().position;
  size_t budget = kMaxPositionSteps;
  size_t located = 0;
  for (size_t id = 0; id < patterns.size() && located < kMaxLocatedPatterns; ++id) {
    const std::vector<MatchSlot>& slots = patterns[id].slots;
    if (slots.empty()) continue;
    ++located;
    std::vector<SlotPositions> where;
    for (const MatchSlot& slot : slots) where.push_back(Locate(db, docid, analyzer, slot, &budget));
    // The slots checked after the first: those located exactly, up to the
    // first that is not (a Han word spans several positions).
    size_t checked = 1;
    while (checked < where.size() && where[checked].exact()) ++checked;
    // Leapfrog, as a phrase query does: a slot found further on moves the
    // first slot's search there.
    size_t kept = 0;
    Xapian::termpos from = first;
    for (size_t tried = 0; kept < kHitsPerPattern && tried < kMaxStarts; ++tried) {
      const Xapian::termpos p = where[0].SkipTo(from);
      if (p == 0) break;
      from = p + 1;
      bool matches = true;
      for (size_t i = 1; i < checked && matches; ++i) {
        if (!where[i].located()) continue;  // no term of it has positions: unchecked
        const Xapian::termpos want = p + static_cast<Xapian::termpos>(i);
        const Xapian::termpos q = where[i].SkipTo(want);
        matches = q == want;
        if (q == 0) {
          from = 0;  // no more occurrences (or no more budget)
        } else if (q > want) {
          from = q - static_cast<Xapian::termpos>(i);
        }
      }
      if (matches) {
        hits.push_back({id, p});
        ++kept;
      }
      if (from == 0) break;
    }
  }
  return hits;
}

std::vector<size_t> PiecesForHits(const std::vector<Hit>& hits,
                                  const std::vector<MatchPattern>& patterns,
                                  const BodyLayout& layout, size_t max_windows) {
  // The patterns each piece with hits shows.
  std::vector<std::pair<size_t, std::set<size_t>>> shows;  // piece -> patterns
  for (const Hit& hit : hits) {
    const size_t piece = PieceOf(layout, hit.position);
    auto it = std::find_if(shows.begin(), shows.end(),
                           [piece](const auto& s) { return s.first == piece; });
    if (it == shows.end()) it = shows.insert(shows.end(), {piece, {}});
    it->second.insert(hit.pattern);
  }
  std::sort(shows.begin(), shows.end());
  std::set<size_t> chosen, shown;
  while (chosen.size() < max_windows) {
    // The piece showing the most patterns not shown yet, the earliest of
    // equals; once every pattern is shown, the earliest piece left.
    const std::pair<size_t, std::set<size_t>>* best = nullptr;
    size_t best_new = 0;
    for (const auto& s : shows) {
      if (chosen.count(s.first)) continue;
      size_t fresh = 0;
      for (const size_t pattern : s.second) fresh += shown.count(pattern) ? 0 : 1;
      if (best == nullptr || fresh > best_new) {
        best = &s;
        best_new = fresh;
      }
    }
    if (best == nullptr) break;
    chosen.insert(best->first);
    shown.insert(best->second.begin(), best->second.end());
  }
  std::set<size_t> pieces = chosen;
  for (const Hit& hit : hits) {
    const size_t piece = PieceOf(layout, hit.position);
    if (!chosen.count(piece)) continue;
    const Xapian::termpos end = hit.position + patterns[hit.pattern].slots.size();
    if (piece > 0 && hit.position < layout.pieces[piece].position + kReachPositions)
      pieces.insert(piece - 1);
    if (piece + 1 < layout.pieces.size() &&
        end + kReachPositions > layout.pieces[piece + 1].position) {
      pieces.insert(piece + 1);
    }
  }
  return std::vector<size_t>(pieces.begin(), pieces.end());
}

}  // namespace snippet_locate
}  // namespace sousuo
