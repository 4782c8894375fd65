#include "common/query_builder.h"

#include <algorithm>
#include <memory>
#include <set>
#include <unordered_set>
#include <utility>

#include "common/error.h"
#include "common/query_parser.h"
#include "common/query_plan.h"
#include "common/schema.h"

namespace sousuo {
namespace {

using Query = Xapian::Query;
using Node = std::unique_ptr<PlanNode>;

// `parts` joined by `op`; a single part alone; none -> empty query.
Query Join(Query::op op, const std::vector<Query>& parts) {
  if (parts.empty())
    return Query();
  if (parts.size() == 1)
    return parts[0];
  return Query(op, parts.begin(), parts.end());
}

Query PhraseOf(const std::vector<std::string>& terms) {
  if (terms.size() == 1)
    return Query(terms[0]);
  return Query(Query::OP_PHRASE, terms.begin(), terms.end());
}

std::vector<std::string> CharTerms(const PlanWord& word, Field field) {
  std::vector<std::string> terms;
  for (const std::string& c : word.chars) terms.push_back(HanCharTerm(field, c));
  return terms;
}

// ---- Words --------------------------------------------------------------

// The phrases of `n` adjacent characters of a glued run (one for n = its
// length, each adjacent pair for n = 2).
std::vector<Query> CharPhrases(const PlanWord& word, Field field, size_t n) {
  const std::vector<std::string> terms = CharTerms(word, field);
  std::vector<Query> phrases;
  for (size_t i = 0; i + n <= terms.size(); ++i) {
    std::vector<Query> chars;
    for (size_t j = i; j < i + n; ++j) chars.emplace_back(terms[j], word.wqf);
    phrases.emplace_back(Query::OP_PHRASE, chars.begin(), chars.end());
  }
  return phrases;
}

// A glued run matches where `phrases` do, and weighs also by its characters
// as words where the report has them so (道同 as 道|同): a name's common
// characters (XC道, XC同) alone would weigh it as little as 道路 and 同时.
// Without `weighted`, only the phrases: the same matches, and no AND_MAYBE
// (see StrictQuery).
Query GluedQuery(const PlanWord& word, Field field, const std::vector<Query>& phrases,
                 bool weighted) {
  if (!weighted)
    return Join(Query::OP_OR, phrases);
  std::vector<Query> singles;
  for (const std::string& c : word.chars) singles.emplace_back(WordTerm(field, c), word.wqf);
  return Query(Query::OP_AND_MAYBE, Join(Query::OP_OR, phrases),
               Query(Query::OP_OR, singles.begin(), singles.end()));
}

// The query of one word (see the table in query_builder.h).
Query WordQuery(const PlanWord& word, Field field, bool weighted = true) {
  const Xapian::termcount wqf = word.wqf;
  if (word.kind == PlanWord::Kind::kGlued)
    return GluedQuery(word, field, CharPhrases(word, field, word.chars.size()), weighted);
  Query exact(WordTerm(field, word.text), wqf);
  if (word.kind == PlanWord::Kind::kHan && word.chars.size() >= 2) {
    // The word where the report has it; else its characters standing
    // together (济南 inside a report segmented 济南市), weighted as one
    // character of them, so a whole-word match ranks above a partial one
    // and a report is not paid twice for the same word.
    std::vector<Query> chars;
    for (const std::string& term : CharTerms(word, field)) chars.emplace_back(term, wqf);
    // Faster forms were tried (bench/README.md): under a FILTER the AND_NOT
    // runs before the position check, but an OR then checks the partial
    // side ahead of the word's and looks document lengths up out of order;
    // OP_MAX (same weights, sides never both match) was 2-5x faster but
    // Xapian 1.4.22 reads freed memory when both sides of a MAX end in one
    // skip_to under an AND, and crashed on a CMRC question. Keep the OR.
    Query partial(Query::OP_AND_NOT, Query(Query::OP_PHRASE, chars.begin(), chars.end()), exact);
    return Query(Query::OP_OR, exact,
                 Query(Query::OP_SCALE_WEIGHT, partial, 1.0 / chars.size()));
  }
  if (word.kind == PlanWord::Kind::kWord && !word.stem.empty())
    return Query(Query::OP_OR, exact, Query(StemTerm(field, word.stem), wqf));
  return exact;
}

// The query of a word in partial matching: a glued run of three or more
// characters matches where two of them stand together (query_plan.h), each
// adjacent pair weighing as a phrase.
Query PartialWordQuery(const PlanWord& word, Field field, bool weighted = true) {
  if (word.kind != PlanWord::Kind::kGlued || word.chars.size() < 3)
    return WordQuery(word, field, weighted);
  return GluedQuery(word, field, CharPhrases(word, field, 2), weighted);
}

// The words of a chunk that are queried (not dropped, not repeats); with
// `only`, just those in it, in their partial-matching form.
std::vector<Query> ChunkParts(const PlanNode& chunk,
                              const std::unordered_set<const PlanWord*>* only,
                              bool weighted = true) {
  std::vector<Query> parts;
  for (const PlanWord& word : chunk.words) {
    if (word.dropped || word.repeat || (only != nullptr && only->count(&word) == 0))
      continue;
    parts.push_back(only == nullptr ? WordQuery(word, chunk.field, weighted)
                                    : PartialWordQuery(word, chunk.field, weighted));
  }
  return parts;
}

// `words` joined by `op`, boosted by the chunk's phrase when it has several
// words and `boost` is set: text where they stand together ranks first.
Query ChunkQuery(const PlanNode& chunk, Query::op op, const std::vector<Query>& words,
                 bool boost = true) {
  Query all = Join(op, words);
  if (all.empty() || chunk.words.size() < 2 || !boost)
    return all;
  return Query(Query::OP_AND_MAYBE, all, PhraseOf(chunk.positional));
}

// ---- The strict query ---------------------------------------------------

// A subquery split into the part that scores and the part that only filters
// (lang:, source:, date:); either may be empty.
struct Piece {
  Query scored;
  Query filter;
  bool empty() const { return scored.empty() && filter.empty(); }
};

Query Whole(const Piece& piece) {
  if (piece.scored.empty())
    return piece.filter;
  if (piece.filter.empty())
    return piece.scored;
  return Query(Query::OP_FILTER, piece.scored, piece.filter);
}

// With `boost` false, the chunks' phrase boosts are left out: the query
// matches the same reports (see StrictQuery).
Piece Strict(const PlanNode& node, bool boost);

// An AND node, or a lone NOT (an AND of one negative item). Negative items
// are OR-ed and cut from the positive part: from the scored part if any,
// else from the filters, else from everything.
Piece StrictAll(const PlanNode& node, bool boost) {
  std::vector<const PlanNode*> items;
  if (node.kind == PlanNode::Kind::kNot) {
    items.push_back(&node);
  } else {
    for (const Node& child : node.children) items.push_back(child.get());
  }
  std::vector<Query> scored, filters, negatives;
  for (const PlanNode* item : items) {
    if (item->kind == PlanNode::Kind::kNot) {
      negatives.push_back(Whole(Strict(*item->children[0], false)));
      continue;
    }
    Piece piece = Strict(*item, boost);
    if (!piece.scored.empty())
      scored.push_back(piece.scored);
    if (!piece.filter.empty())
      filters.push_back(piece.filter);
  }
  Piece out{Join(Query::OP_AND, scored), Join(Query::OP_AND, filters)};
  if (negatives.empty())
    return out;
  Query excluded = Join(Query::OP_OR, negatives);
  Query* from = !out.scored.empty()   ? &out.scored
                : !out.filter.empty() ? &out.filter
                                      : nullptr;
  if (from == nullptr) {
    out.scored = Query(Query::OP_AND_NOT, Query::MatchAll, excluded);
  } else {
    *from = Query(Query::OP_AND_NOT, *from, excluded);
  }
  return out;
}

// An OR node. Filters alone stay a filter; beside scored branches they are
// scaled to weight 0 so that they still only select.
Piece StrictAny(const PlanNode& node, bool boost) {
  std::vector<Piece> pieces;
  bool any_scored = false;
  for (const Node& child : node.children) {
    pieces.push_back(Strict(*child, boost));
    any_scored = any_scored || !pieces.back().scored.empty();
  }
  std::vector<Query> parts;
  for (const Piece& piece : pieces) {
    if (!any_scored) {
      parts.push_back(piece.filter);
    } else if (piece.scored.empty()) {
      parts.push_back(Query(Query::OP_SCALE_WEIGHT, piece.filter, 0.0));
    } else {
      parts.push_back(Whole(piece));
    }
  }
  Query any = Join(Query::OP_OR, parts);
  return any_scored ? Piece{any, Query()} : Piece{Query(), any};
}

Piece Strict(const PlanNode& node, bool boost) {
  switch (node.kind) {
    case PlanNode::Kind::kChunk:
      return Piece{
          ChunkQuery(node, Query::OP_AND, ChunkParts(node, nullptr, boost), boost), Query()};
    case PlanNode::Kind::kPhrase:
      return Piece{PhraseOf(node.positional), Query()};
    case PlanNode::Kind::kPrefix:
      return Piece{Query(Query::OP_WILDCARD, WordTerm(node.field, node.prefix), kWildcardLimit,
                         Query::WILDCARD_LIMIT_MOST_FREQUENT),
                   Query()};
    case PlanNode::Kind::kFilter:
      return Piece{Query(), node.filter};
    case PlanNode::Kind::kOr:
      return StrictAny(node, boost);
    case PlanNode::Kind::kAnd:
    case PlanNode::Kind::kNot:
      return StrictAll(node, boost);
  }
  return Piece{};
}

// The full matches. Without `boost`, for the right side of an AND_NOT (or
// of a FILTER), with no AND_MAYBE: Xapian 1.4.22 reads uninitialised memory
// (valgrind) and lets some matches of the right side through when it holds
// an AND_MAYBE with a phrase (seen as a full match listed again among the
// partial ones). The boosts change no match.
Query StrictQuery(const QueryPlan& plan, bool boost) {
  Piece piece = Strict(*plan.root, boost);
  if (piece.scored.empty())
    piece.scored = Query::MatchAll;
  return Whole(piece);
}

// ---- Partial matches ----------------------------------------------------

// Each chunk's counted words OR-ed and boosted where the chunk stands
// together, the chunks OR-ed; restricted to reports holding every phrase,
// or, without phrases, a meaningful word (AND_MAYBE would weigh the same
// but reads the other words' lists for every match); without the full
// matches and the reports of the negated parts.
Query PartialQuery(const QueryPlan& plan, const std::vector<const PlanWord*>& words) {
  const std::unordered_set<const PlanWord*> counted(words.begin(), words.end());
  std::vector<Query> chunks, phrases;
  for (const PlanNode* part : plan.parts) {
    if (part->kind == PlanNode::Kind::kPhrase) {
      phrases.push_back(PhraseOf(part->positional));
      continue;
    }
    Query query = ChunkQuery(*part, Query::OP_OR, ChunkParts(*part, &counted));
    if (!query.empty())
      chunks.push_back(query);
  }
  Query some = Join(Query::OP_OR, chunks);
  if (!phrases.empty()) {
    phrases.push_back(some);
    some = Join(Query::OP_AND, phrases);
  } else {
    std::vector<Query> meaningful;
    for (const PlanWord* word : words) {
      if (word->meaningful)
        meaningful.push_back(PartialWordQuery(*word, Field::kAll, /*weighted=*/false));
    }
    if (meaningful.size() < words.size())
      some = Query(Query::OP_FILTER, some, Join(Query::OP_OR, meaningful));
  }
  std::vector<Query> excluded = {StrictQuery(plan, /*boost=*/false)};
  for (const PlanNode* negated : plan.negated) excluded.push_back(Whole(Strict(*negated, false)));
  return Query(Query::OP_AND_NOT, some, Join(Query::OP_OR, excluded));
}

// ---- Proximity ----------------------------------------------------------

// Sequential dependence model (Metzler and Croft 2005) with its published
// weights: a query scores 0.85 * its terms + 0.10 * its adjacent pairs in
// order + 0.05 * the pairs within an unordered window of 8 positions.
constexpr double kSdmTermWeight = 0.85;
constexpr double kSdmOrderedWeight = 0.10;
constexpr double kSdmUnorderedWeight = 0.05;
constexpr Xapian::termcount kSdmWindow = 8;

bool IsHan(const PlanWord& word) {
  return word.kind == PlanWord::Kind::kHan || word.kind == PlanWord::Kind::kGlued;
}

// The positional terms of a word, as a phrase needs them.
std::vector<std::string> UnitTerms(const PlanWord& word, Field field) {
  if (IsHan(word))
    return CharTerms(word, field);
  return {WordTerm(field, word.text)};
}

// The words of a run typed side by side, as the proximity features pair
// them: not dropped, not repeats, no function words unless all are.
struct RunWord {
  const PlanWord* word;
  Field field;
};

void CollectRuns(const PlanNode& node, std::vector<std::vector<RunWord>>* runs);

void AddChunkToRun(const PlanNode& chunk, std::vector<RunWord>* run) {
  for (const PlanWord& word : chunk.words) {
    if (!word.dropped && !word.repeat)
      run->push_back(RunWord{&word, chunk.field});
  }
}

void CollectRuns(const PlanNode& node, std::vector<std::vector<RunWord>>* runs) {
  switch (node.kind) {
    case PlanNode::Kind::kChunk:
      runs->emplace_back();
      AddChunkToRun(node, &runs->back());
      return;
    case PlanNode::Kind::kAnd:
    case PlanNode::Kind::kOr: {
      bool in_run = false;
      for (const Node& child : node.children) {
        const bool chunk = node.implicit && child->kind == PlanNode::Kind::kChunk;
        if (chunk) {
          if (!in_run)
            runs->emplace_back();
          AddChunkToRun(*child, &runs->back());
        } else {
          CollectRuns(*child, runs);
        }
        in_run = chunk;
      }
      return;
    }
    default:  // phrases, prefixes, filters and negated parts pair with nothing
      return;
  }
}

// Each pair of adjacent words of a run, at least one of them Han and both
// of one field, as the phrase of their positional terms and as those terms
// within a window (of kSdmWindow positions, or as many as the terms),
// scaled; each pair once. Positions count characters for Han words: Xapian
// 1.4's NEAR takes only terms, so the window cannot keep a word's
// characters together.
std::vector<Query> Proximity(const QueryPlan& plan) {
  std::vector<std::vector<RunWord>> runs;
  CollectRuns(*plan.root, &runs);
  std::vector<Query> features;
  std::set<std::vector<std::string>> seen;
  for (std::vector<RunWord>& run : runs) {
    const bool content = std::any_of(run.begin(), run.end(),
                                     [](const RunWord& w) { return !w.word->function; });
    if (content) {
      run.erase(std::remove_if(run.begin(), run.end(),
                               [](const RunWord& w) { return w.word->function; }),
                run.end());
    }
    for (size_t i = 1; i < run.size(); ++i) {
      const RunWord& a = run[i - 1];
      const RunWord& b = run[i];
      if ((!IsHan(*a.word) && !IsHan(*b.word)) || a.field != b.field)
        continue;
      std::vector<std::string> terms = UnitTerms(*a.word, a.field);
      const std::vector<std::string> more = UnitTerms(*b.word, b.field);
      terms.insert(terms.end(), more.begin(), more.end());
      if (!seen.insert(terms).second)
        continue;
      const Xapian::termcount window = std::max<Xapian::termcount>(kSdmWindow, terms.size());
      features.emplace_back(Query::OP_SCALE_WEIGHT, PhraseOf(terms),
                            kSdmOrderedWeight / kSdmTermWeight);
      features.emplace_back(Query::OP_SCALE_WEIGHT,
                            Query(Query::OP_NEAR, terms.begin(), terms.end(), window),
                            kSdmUnorderedWeight / kSdmTermWeight);
    }
  }
  return features;
}

// ---- Highlights ---------------------------------------------------------

MatchPattern TermsPattern(const std::vector<std::string>& terms) {
  MatchPattern pattern;
  for (const std::string& term : terms) pattern.slots.push_back(MatchSlot{{term}, ""});
  return pattern;
}

// The highlight pattern of one word, in Field::kAll terms.
MatchPattern WordPattern(const PlanWord& word) {
  if (IsHan(word))
    return TermsPattern(CharTerms(word, Field::kAll));
  MatchSlot slot{{WordTerm(Field::kAll, word.text)}, ""};
  if (word.kind == PlanWord::Kind::kWord && !word.stem.empty())
    slot.terms.push_back(StemTerm(Field::kAll, word.stem));
  MatchPattern pattern;
  pattern.slots.push_back(std::move(slot));
  return pattern;
}

bool SamePattern(const MatchPattern& a, const MatchPattern& b) {
  return std::equal(a.slots.begin(), a.slots.end(), b.slots.begin(), b.slots.end(),
                    [](const MatchSlot& x, const MatchSlot& y) {
                      return x.terms == y.terms && x.prefix == y.prefix;
                    });
}

void AddPattern(MatchPattern pattern, std::vector<MatchPattern>* patterns) {
  for (const MatchPattern& known : *patterns) {
    if (SamePattern(known, pattern))
      return;
  }
  patterns->push_back(std::move(pattern));
}

void Highlights(const PlanNode& node, std::vector<MatchPattern>* patterns) {
  switch (node.kind) {
    case PlanNode::Kind::kChunk: {
      // The whole chunk where it stands together, and its words on their
      // own, except the single Han characters ICU splits off (济南市 ->
      // 济南 市): alone they would light up every 市.
      if (node.words.size() >= 2)
        AddPattern(TermsPattern(node.positional_all), patterns);
      for (const PlanWord& word : node.words) {
        const bool single = word.kind == PlanWord::Kind::kHan && word.chars.size() == 1;
        if (!word.dropped && (node.words.size() < 2 || !single))
          AddPattern(WordPattern(word), patterns);
      }
      return;
    }
    case PlanNode::Kind::kPhrase:
      AddPattern(TermsPattern(node.positional_all), patterns);
      return;
    case PlanNode::Kind::kPrefix: {
      MatchPattern pattern;
      pattern.slots.push_back(MatchSlot{{}, node.prefix});
      AddPattern(std::move(pattern), patterns);
      return;
    }
    case PlanNode::Kind::kAnd:
    case PlanNode::Kind::kOr:
      for (const Node& child : node.children) Highlights(*child, patterns);
      return;
    default:  // filters and negated parts
      return;
  }
}

}  // namespace

QueryBuilder::QueryBuilder(Analyzer* analyzer) : analyzer_(analyzer) {}

BuiltQuery QueryBuilder::Build(std::string_view text) {
  const std::unique_ptr<QueryNode> root = ParseQuery(text);
  const QueryPlan plan = MakePlan(*root, text, analyzer_);
  BuiltQuery built;
  built.query = StrictQuery(plan, /*boost=*/true);
  const std::vector<const PlanWord*> words = PartialWords(plan);
  const size_t phrases = std::count_if(plan.parts.begin(), plan.parts.end(),
                                       [](const PlanNode* part) {
                                         return part->kind == PlanNode::Kind::kPhrase;
                                       });
  const bool meaningful = phrases > 0 || std::any_of(words.begin(), words.end(),
                                                     [](const PlanWord* word) {
                                                       return word->meaningful;
                                                     });
  if (!words.empty() && PlainWords(plan).size() + phrases >= 2 && meaningful) {
    built.partial = PartialQuery(plan, words);
    for (const PlanWord* word : PlainWords(plan))
      built.words.push_back(QueryWord{word->typed, WordQuery(*word, Field::kAll), word->function});
    for (const PlanWord* word : words) {
      if (phrases == 0 && plan.negated.empty() && word->meaningful &&
          word->kind != PlanWord::Kind::kGlued)
        built.partial_terms.push_back(WordTerm(Field::kAll, word->text));
    }
  }
  built.proximity = Proximity(plan);
  Highlights(*plan.root, &built.highlights);
  built.understood = DescribePlan(plan);
  return built;
}

std::string DumpPatterns(const std::vector<MatchPattern>& patterns) {
  std::string out;
  for (const MatchPattern& pattern : patterns) {
    if (!out.empty())
      out += " | ";
    std::string slots;
    for (const MatchSlot& slot : pattern.slots) {
      std::string terms;
      for (const std::string& term : slot.terms) {
        terms += (terms.empty() ? "" : ",") + term;
      }
      if (!slot.prefix.empty())
        terms += (terms.empty() ? "" : ",") + slot.prefix + "*";
      slots += (slots.empty() ? "{" : " {") + terms + "}";
    }
    out += slots;
  }
  return out;
}

}  // namespace sousuo
