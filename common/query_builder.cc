#include "common/query_builder.h"

#include <algorithm>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/error.h"
#include "common/query_parser.h"
#include "common/schema.h"
#include "common/stop_words.h"

namespace sousuo {
namespace {

using Query = Xapian::Query;

// A subquery split into the part that scores and the part that only filters
// (lang:, source:, date:); either may be empty.
struct Piece {
  Query scored;
  Query filter;
  bool empty() const { return scored.empty() && filter.empty(); }
};

// `parts` joined by `op`; a single part alone; none -> empty query.
Query Join(Query::op op, const std::vector<Query>& parts) {
  if (parts.empty())
    return Query();
  if (parts.size() == 1)
    return parts[0];
  return Query(op, parts.begin(), parts.end());
}

Query Whole(const Piece& piece) {
  if (piece.scored.empty())
    return piece.filter;
  if (piece.filter.empty())
    return piece.scored;
  return Query(Query::OP_FILTER, piece.scored, piece.filter);
}

// A word token (kWord, kNumber, kHanWord) with the kHanChar tokens after it.
struct Word {
  const Token* token;
  std::vector<const Token*> chars;
};

std::vector<Word> GroupWords(const std::vector<Token>& tokens) {
  std::vector<Word> words;
  for (const Token& token : tokens) {
    if (token.kind != TokenKind::kHanChar) {
      words.push_back(Word{&token, {}});
    } else if (!words.empty()) {
      words.back().chars.push_back(&token);
    }
  }
  return words;
}

// The terms that carry positions, in order: exact words and Han characters.
std::vector<std::string> PositionalTerms(const std::vector<Token>& tokens,
                                         Field field) {
  std::vector<std::string> terms;
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::kHanChar) {
      terms.push_back(HanCharTerm(field, token.text));
    } else if (token.kind != TokenKind::kHanWord) {
      terms.push_back(WordTerm(field, token.text));
    }
  }
  return terms;
}

Query PhraseOf(const std::vector<std::string>& terms) {
  if (terms.size() == 1)
    return Query(terms[0]);
  return Query(Query::OP_PHRASE, terms.begin(), terms.end());
}

// The query for one word of an unquoted chunk; `wqf` is how often the word
// was typed (see Run).
Query WordQuery(const Word& word, Field field, Xapian::termcount wqf) {
  const Token& token = *word.token;
  Query exact(WordTerm(field, token.text), wqf);
  if (token.kind == TokenKind::kHanWord && word.chars.size() >= 2) {
    // The word where the report has it; else its characters standing
    // together (济南 inside a report segmented 济南市), weighted as one
    // character of them, so a whole-word match ranks above a partial one
    // and a report is not paid twice for the same word.
    std::vector<Query> chars;
    for (const Token* c : word.chars)
      chars.emplace_back(HanCharTerm(field, c->text), wqf);
    // Faster forms were tried (bench/README.md): under a FILTER the AND_NOT
    // runs before the position check, but an OR then checks the partial
    // side ahead of the word's and looks document lengths up out of order;
    // OP_MAX (same weights, sides never both match) was 2-5x faster but
    // Xapian 1.4.22 reads freed memory when both sides of a MAX end in one
    // skip_to under an AND, and crashed on a CMRC question. Keep the OR.
    Query partial(Query::OP_AND_NOT,
                  Query(Query::OP_PHRASE, chars.begin(), chars.end()), exact);
    return Query(Query::OP_OR, exact,
                 Query(Query::OP_SCALE_WEIGHT, partial, 1.0 / chars.size()));
  }
  if (token.kind == TokenKind::kWord && !token.stem.empty()) {
    return Query(Query::OP_OR, exact, Query(StemTerm(field, token.stem), wqf));
  }
  return exact;
}

// The stop words dropped from every query with some other word.
bool IsStopToken(const Token& token) {
  return token.kind == TokenKind::kWord && IsStopWord(token.text);
}

// The function words dropped from relaxed queries with some other word.
bool IsFunctionToken(const Token& token) {
  return (token.kind == TokenKind::kWord && IsQuestionStopWord(token.text)) ||
         (token.kind == TokenKind::kHanWord && IsChineseStopWord(token.text));
}

bool IsSingleHanChar(const Word& word) {
  return word.token->kind == TokenKind::kHanWord && word.chars.size() == 1;
}

// The highlight pattern of one word, in Field::kAll terms.
MatchPattern WordPattern(const Word& word) {
  const Token& token = *word.token;
  MatchPattern pattern;
  if (token.kind == TokenKind::kHanWord && !word.chars.empty()) {
    for (const Token* c : word.chars) {
      pattern.slots.push_back(
          MatchSlot{{HanCharTerm(Field::kAll, c->text)}, ""});
    }
    return pattern;
  }
  MatchSlot slot{{WordTerm(Field::kAll, token.text)}, ""};
  if (token.kind == TokenKind::kWord && !token.stem.empty()) {
    slot.terms.push_back(StemTerm(Field::kAll, token.stem));
  }
  pattern.slots.push_back(std::move(slot));
  return pattern;
}

bool SamePattern(const MatchPattern& a, const MatchPattern& b) {
  return std::equal(a.slots.begin(), a.slots.end(), b.slots.begin(),
                    b.slots.end(), [](const MatchSlot& x, const MatchSlot& y) {
                      return x.terms == y.terms && x.prefix == y.prefix;
                    });
}

Field FieldOf(const QueryNode& node) {
  return node.title ? Field::kTitle : Field::kAll;
}

// The words typed side by side: the unquoted chunks of one implicit AND, or
// a chunk on its own. A word typed twice among them ("flow" in a question
// about flow past a plate and the flow behind it) is queried once, with the
// count as its query frequency, which BM25 saturates (k3); queried twice it
// would pay a report twice for the same word.
//
// The run's words also give the relaxed query's proximity (Proximity()).
struct Run {
  // A kept word of the run, in the order typed (repeats included).
  struct Unit {
    std::vector<std::string> terms;  // its positional terms (exact word, or XC characters)
    bool han = false;                // a Han word
    Field field = Field::kAll;
  };
  std::unordered_map<std::string, Xapian::termcount> counts;  // kept word term -> times typed
  std::unordered_set<std::string> queried;  // word terms given a query already
  std::vector<Unit> units;                  // relaxed, positive runs only
};

// Sequential dependence model (Metzler and Croft 2005) with its published
// weights: a query scores 0.85 * its terms + 0.10 * its adjacent pairs in
// order + 0.05 * the pairs within an unordered window of 8 positions. Used
// for pairs with a Han word (see BuiltQuery::proximity), the pair features
// weighted relative to the terms (which keep weight 1, as in the strict
// query).
constexpr double kSdmTermWeight = 0.85;
constexpr double kSdmOrderedWeight = 0.10;
constexpr double kSdmUnorderedWeight = 0.05;
constexpr Xapian::termcount kSdmWindow = 8;

// A word of a run: its positional terms, as a phrase needs them.
Run::Unit UnitOf(const Word& word, Field field) {
  Run::Unit unit;
  unit.han = word.token->kind == TokenKind::kHanWord;
  unit.field = field;
  if (unit.han) {
    for (const Token* c : word.chars) unit.terms.push_back(HanCharTerm(field, c->text));
  } else {
    unit.terms.push_back(WordTerm(field, word.token->text));
  }
  return unit;
}

// Builds the query of one parsed tree; used twice, for the strict and the
// relaxed query, sharing the analysed tokens.
class Builder {
 public:
  Builder(Analyzer* analyzer, std::string_view text)
      : analyzer_(analyzer), text_(text) {}

  // Decides whether unquoted stop words are dropped: only when the query
  // has some other positive word, phrase or prefix.
  void DecideStopWords(const QueryNode& root) {
    drop_stop_words_ = HasOtherWords(root, IsStopToken);
    drop_question_words_ = HasOtherWords(root, IsFunctionToken);
  }

  // After Finish(root, true): whether relaxing changed anything.
  bool changed() const { return changed_; }

  // After Finish(root, true): the relaxed query's proximity boost, see
  // BuiltQuery::proximity.
  std::vector<Query> Proximity() const;

  // The whole query. Adds highlight patterns to `*patterns` if not null.
  Query Finish(const QueryNode& root, bool relaxed,
               std::vector<MatchPattern>* patterns);

 private:
  Piece Build(const QueryNode& node, bool negated);
  Piece BuildAll(const QueryNode& node, bool negated);
  Piece BuildAny(const QueryNode& node, bool negated);
  Piece BuildChunk(const QueryNode& node, bool negated);
  Piece BuildPhrase(const QueryNode& node, bool negated);
  Piece BuildPrefix(const QueryNode& node, bool negated);
  Piece BuildSource(const QueryNode& node);
  Piece BuildDate(const QueryNode& node);
  using StopList = bool (*)(const Token&);
  bool HasOtherWords(const QueryNode& node, StopList stop);
  bool Dropped(const Word& word) const;
  void CountWords(const QueryNode& chunk, Run* run);
  const std::vector<Token>& Tokens(const QueryNode& node);
  void AddPattern(MatchPattern pattern, bool negated);

  Analyzer* analyzer_;
  std::string_view text_;
  bool drop_stop_words_ = false;
  bool drop_question_words_ = false;  // in the relaxed query
  bool relaxed_ = false;
  mutable bool changed_ = false;  // the relaxed query differs from the strict
  std::vector<MatchPattern>* patterns_ = nullptr;
  std::vector<Run> runs_;  // of the query being built
  bool in_run_ = false;    // the chunk being built belongs to runs_.back()
  std::unordered_map<const QueryNode*, std::vector<Token>> tokens_;
  size_t token_count_ = 0;
};

Query Builder::Finish(const QueryNode& root, bool relaxed,
                      std::vector<MatchPattern>* patterns) {
  relaxed_ = relaxed;
  patterns_ = patterns;
  runs_.clear();
  Piece piece = Build(root, false);
  if (piece.empty())
    throw QueryError("query: nothing to search for");
  if (piece.scored.empty())
    piece.scored = Query::MatchAll;
  return Whole(piece);
}

Piece Builder::Build(const QueryNode& node, bool negated) {
  switch (node.kind) {
    case QueryNodeKind::kWord:
      return BuildChunk(node, negated);
    case QueryNodeKind::kPhrase:
      return BuildPhrase(node, negated);
    case QueryNodeKind::kPrefix:
      return BuildPrefix(node, negated);
    case QueryNodeKind::kLang:
      return Piece{Query(), Query(LangTerm(node.text))};
    case QueryNodeKind::kSource:
      return BuildSource(node);
    case QueryNodeKind::kDate:
      return BuildDate(node);
    case QueryNodeKind::kOr:
      return BuildAny(node, negated);
    case QueryNodeKind::kAnd:
    case QueryNodeKind::kNot:
      return BuildAll(node, negated);
  }
  return Piece{};
}

// An AND node, or a lone NOT (an AND of one negative item). Negative items
// are OR-ed and cut from the positive part: from the scored part if any,
// else from the filters, else from everything.
Piece Builder::BuildAll(const QueryNode& node, bool negated) {
  std::vector<const QueryNode*> items;
  if (node.kind == QueryNodeKind::kNot) {
    items.push_back(&node);
  } else {
    for (const auto& child : node.children) items.push_back(child.get());
  }
  std::vector<Query> scored, filters, negatives;
  for (size_t i = 0; i < items.size(); ++i) {
    const QueryNode* item = items[i];
    // Consecutive chunks of an implicit AND form one run.
    const bool chunk = node.implicit && item->kind == QueryNodeKind::kWord;
    if (chunk && !in_run_) {
      runs_.emplace_back();
      for (size_t j = i; j < items.size() && items[j]->kind == QueryNodeKind::kWord; ++j)
        CountWords(*items[j], &runs_.back());
    }
    in_run_ = chunk;
    if (item->kind == QueryNodeKind::kNot) {
      Query excluded = Whole(Build(*item->children[0], !negated));
      if (!excluded.empty())
        negatives.push_back(excluded);
      continue;
    }
    Piece piece = Build(*item, negated);
    if (!piece.scored.empty())
      scored.push_back(piece.scored);
    if (!piece.filter.empty())
      filters.push_back(piece.filter);
  }
  in_run_ = false;
  Query::op op = relaxed_ && node.implicit ? Query::OP_OR : Query::OP_AND;
  if (op == Query::OP_OR && scored.size() >= 2)
    changed_ = true;
  Piece out{Join(op, scored), Join(Query::OP_AND, filters)};
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
Piece Builder::BuildAny(const QueryNode& node, bool negated) {
  std::vector<Piece> pieces;
  bool any_scored = false;
  for (const auto& child : node.children) {
    Piece piece = Build(*child, negated);
    if (piece.empty())
      continue;
    any_scored = any_scored || !piece.scored.empty();
    pieces.push_back(std::move(piece));
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

// An unquoted chunk: its words AND-ed (OR-ed when relaxed), with a phrase of
// the whole chunk as a boost when it has several words.
Piece Builder::BuildChunk(const QueryNode& node, bool negated) {
  const std::vector<Token>& tokens = Tokens(node);
  std::vector<Word> words = GroupWords(tokens);
  std::vector<Query> parts;
  if (words.size() >= 2) {
    // The whole chunk is highlighted where it stands together ...
    MatchPattern whole;
    for (const std::string& term : PositionalTerms(tokens, Field::kAll)) {
      whole.slots.push_back(MatchSlot{{term}, ""});
    }
    AddPattern(std::move(whole), negated);
  }
  if (!in_run_) {
    runs_.emplace_back();
    CountWords(node, &runs_.back());
  }
  Run& run = runs_.back();
  for (const Word& word : words) {
    if (Dropped(word))
      continue;
    if (relaxed_ && !negated)
      run.units.push_back(UnitOf(word, FieldOf(node)));
    const std::string key = WordTerm(FieldOf(node), word.token->text);
    if (run.queried.insert(key).second)
      parts.push_back(WordQuery(word, FieldOf(node), run.counts[key]));
    // ... and its words on their own, except the single Han characters ICU
    // splits off (济南市 -> 济南 市): alone they would light up every 市.
    if (words.size() < 2 || !IsSingleHanChar(word))
      AddPattern(WordPattern(word), negated);
  }
  if (relaxed_ && parts.size() >= 2)
    changed_ = true;
  Query all = Join(relaxed_ ? Query::OP_OR : Query::OP_AND, parts);
  if (all.empty() || words.size() < 2)
    return Piece{all, Query()};
  Query phrase = PhraseOf(PositionalTerms(tokens, FieldOf(node)));
  return Piece{Query(Query::OP_AND_MAYBE, all, phrase), Query()};
}

Piece Builder::BuildPhrase(const QueryNode& node, bool negated) {
  const std::vector<Token>& tokens = Tokens(node);
  std::vector<std::string> terms = PositionalTerms(tokens, FieldOf(node));
  if (terms.empty())
    return Piece{};
  MatchPattern pattern;
  for (const std::string& term : PositionalTerms(tokens, Field::kAll)) {
    pattern.slots.push_back(MatchSlot{{term}, ""});
  }
  AddPattern(std::move(pattern), negated);
  return Piece{PhraseOf(terms), Query()};
}

Piece Builder::BuildPrefix(const QueryNode& node, bool negated) {
  std::string folded = analyzer_->Normalize(node.text);
  if (folded.empty())
    return Piece{};
  MatchPattern pattern;
  pattern.slots.push_back(MatchSlot{{}, folded});
  AddPattern(std::move(pattern), negated);
  return Piece{Query(Query::OP_WILDCARD, WordTerm(FieldOf(node), folded),
                     kWildcardLimit, Query::WILDCARD_LIMIT_MOST_FREQUENT),
               Query()};
}

Piece Builder::BuildSource(const QueryNode& node) {
  std::vector<Query> terms;
  for (const Token& token : Tokens(node)) {
    if (token.kind != TokenKind::kHanChar) {
      terms.push_back(Query(SourceTerm(token.text)));
    }
  }
  if (terms.empty()) {
    throw QueryError("query: no words in source at column " +
                     std::to_string(QueryColumn(text_, node.offset)));
  }
  return Piece{Query(), Join(Query::OP_AND, terms)};
}

Piece Builder::BuildDate(const QueryNode& node) {
  Query range;
  if (node.date_from.empty()) {
    range = Query(Query::OP_VALUE_LE, kSlotDate, node.date_to);
  } else if (node.date_to.empty()) {
    range = Query(Query::OP_VALUE_GE, kSlotDate, node.date_from);
  } else {
    range =
        Query(Query::OP_VALUE_RANGE, kSlotDate, node.date_from, node.date_to);
  }
  return Piece{Query(), range};
}

bool Builder::HasOtherWords(const QueryNode& node, StopList stop) {
  switch (node.kind) {
    case QueryNodeKind::kWord: {
      std::vector<Word> words = GroupWords(Tokens(node));
      return std::any_of(words.begin(), words.end(),
                         [stop](const Word& word) { return !stop(*word.token); });
    }
    case QueryNodeKind::kPhrase:
      return !Tokens(node).empty();
    case QueryNodeKind::kPrefix:
      return true;
    case QueryNodeKind::kAnd:
    case QueryNodeKind::kOr:
      return std::any_of(
          node.children.begin(), node.children.end(),
          [this, stop](const auto& child) { return HasOtherWords(*child, stop); });
    default:  // filters, and negated parts, which are not searched for
      return false;
  }
}

bool Builder::Dropped(const Word& word) const {
  // A relaxed query is a question or a long list of words: there the wider
  // lists of function words ("what", "which", "have"; 什么, 是, 的) only add
  // noise.
  const bool stop = drop_stop_words_ && IsStopToken(*word.token);
  if (relaxed_ && !stop && drop_question_words_ && IsFunctionToken(*word.token)) {
    changed_ = true;
    return true;
  }
  return stop;
}

// Each pair of adjacent words of a run, at least one of them Han and both
// of one field, as the phrase of their positional terms and as those terms within a window (of
// kSdmWindow positions, or as many as the terms), scaled; each pair once.
// Positions count characters for Han words: Xapian 1.4's NEAR takes only
// terms, so the window cannot keep a word's characters together.
std::vector<Query> Builder::Proximity() const {
  std::vector<Query> features;
  std::set<std::vector<std::string>> seen;
  for (const Run& run : runs_) {
    for (size_t i = 1; i < run.units.size(); ++i) {
      const Run::Unit& a = run.units[i - 1];
      const Run::Unit& b = run.units[i];
      if ((!a.han && !b.han) || a.field != b.field || a.terms.empty() || b.terms.empty())
        continue;
      std::vector<std::string> terms = a.terms;
      terms.insert(terms.end(), b.terms.begin(), b.terms.end());
      if (!seen.insert(terms).second)
        continue;
      const Xapian::termcount window =
          std::max<Xapian::termcount>(kSdmWindow, terms.size());
      features.emplace_back(Query::OP_SCALE_WEIGHT, PhraseOf(terms),
                            kSdmOrderedWeight / kSdmTermWeight);
      features.emplace_back(Query::OP_SCALE_WEIGHT,
                            Query(Query::OP_NEAR, terms.begin(), terms.end(), window),
                            kSdmUnorderedWeight / kSdmTermWeight);
    }
  }
  return features;
}

void Builder::CountWords(const QueryNode& chunk, Run* run) {
  for (const Word& word : GroupWords(Tokens(chunk))) {
    if (!Dropped(word))
      ++run->counts[WordTerm(FieldOf(chunk), word.token->text)];
  }
}

const std::vector<Token>& Builder::Tokens(const QueryNode& node) {
  auto found = tokens_.find(&node);
  if (found != tokens_.end())
    return found->second;
  std::vector<Token> tokens = analyzer_->Analyze(node.text);
  token_count_ += tokens.size();
  if (token_count_ > kMaxQueryTerms) {
    throw QueryError("query: more than " + std::to_string(kMaxQueryTerms) +
                     " terms");
  }
  return tokens_.emplace(&node, std::move(tokens)).first->second;
}

void Builder::AddPattern(MatchPattern pattern, bool negated) {
  if (negated || patterns_ == nullptr)
    return;
  for (const MatchPattern& known : *patterns_) {
    if (SamePattern(known, pattern))
      return;
  }
  patterns_->push_back(std::move(pattern));
}

}  // namespace

QueryBuilder::QueryBuilder(Analyzer* analyzer) : analyzer_(analyzer) {}

BuiltQuery QueryBuilder::Build(std::string_view text) {
  std::unique_ptr<QueryNode> root = ParseQuery(text);
  Builder builder(analyzer_, text);
  builder.DecideStopWords(*root);
  BuiltQuery built;
  built.query = builder.Finish(*root, false, &built.highlights);
  built.relaxed = builder.Finish(*root, true, nullptr);
  built.relaxable = builder.changed();
  if (built.relaxable)
    built.proximity = builder.Proximity();
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
