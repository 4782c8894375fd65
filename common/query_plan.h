// The query plan: the parse tree (query_parser.h) with every piece of text
// analysed once, into the words a full match must hold. The query builder
// (query_builder.h) derives everything else from it: the strict query, the
// partial-match query, the proximity features, the highlight patterns and the
// description of the query as understood. Stating the matching rules on the
// plan keeps them in one place:
//
//   - A full match holds every word of the query as typed (after folding,
//     stemming and sub-words): each PlanWord below that is not `dropped`.
//   - A Chinese run gives every word the analyzer finds in it. Single Han
//     characters that the analyzer split off side by side (a name: 刘贵堂 as
//     刘|贵|堂) are glued into one word of those characters, which must stand
//     together; function characters (的, 是, 对 ...) are never glued.
//   - English stop words (stop_words.h) are dropped when the query has some
//     other positive word; function words (Snowball's English list, the
//     Chinese list) are left out of partial matching when the query has some
//     other word that is not one.
//   - A plain query (QueryPlan::plain) of two words or more (a phrase
//     counts as one) may have partial matches. Each holds every phrase and
//     one `meaningful` word (a phrase will do): an English word that is not a stop word,
//     a number, a Chinese word of two or more characters, or a glued run,
//     of which two adjacent characters suffice (沼鹿 of 沼鹿又叫 in 沼鹿又叫
//     什么: ICU splits names and the words after them alike). A single Han
//     character never makes one, so a short name alone has none.
#ifndef SOUSUO_COMMON_QUERY_PLAN_H_
#define SOUSUO_COMMON_QUERY_PLAN_H_

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/schema.h"

namespace sousuo {

struct QueryNode;

// One word of the query after analysis.
struct PlanWord {
  enum class Kind {
    kWord,    // letters; `stem` is set for Latin script
    kNumber,  // digits, possibly with separators
    kHan,     // a Chinese word from the dictionary (one character or more)
    kGlued,   // single Han characters split off side by side, glued
  };
  Kind kind = Kind::kWord;
  std::string text;                // folded; for kGlued the characters joined
  std::string stem;                // kWord in Latin script, else empty
  std::vector<std::string> chars;  // kHan, kGlued: the folded characters
  std::string typed;               // the query's text of the word, as written
  Xapian::termcount wqf = 1;       // times typed side by side (see `repeat`)
  // A later occurrence of a word typed side by side with an earlier one: it
  // is queried once, by the first, with the count as its query frequency
  // (BM25 saturates it) instead of paying a report twice.
  bool repeat = false;
  bool dropped = false;      // an English stop word left out of the query
  bool function = false;     // a function word: left out of partial matching
  bool meaningful = false;   // may make a partial match on its own
};

struct PlanNode {
  enum class Kind {
    kChunk,   // unquoted text: `words`, boosted where they stand together
    kPhrase,  // quoted text: `positional` terms at consecutive positions
    kPrefix,  // `prefix`*
    kFilter,  // lang:, source:, date: as `filter`; no weight
    kAnd,     // all children; `implicit` when typed side by side
    kOr,      // any child
    kNot,     // the one child must not match
  };
  Kind kind = Kind::kChunk;
  Field field = Field::kAll;   // kChunk, kPhrase, kPrefix: title: or all text
  std::vector<PlanWord> words;          // kChunk
  // kChunk, kPhrase: the terms with positions in `field`, in order (exact
  // words and Han characters), and the same in Field::kAll for highlights.
  std::vector<std::string> positional;
  std::vector<std::string> positional_all;
  std::string prefix;          // kPrefix: folded
  Xapian::Query filter;        // kFilter
  std::string description;     // kFilter, kPrefix: as Describe shows it
  bool implicit = false;       // kAnd
  std::vector<std::unique_ptr<PlanNode>> children;  // kAnd, kOr, kNot
};

struct QueryPlan {
  std::unique_ptr<PlanNode> root;
  // Words and Chinese runs side by side (parentheses without operators
  // count for nothing), perhaps with phrases and negated parts: no OR, no
  // explicit AND, no field, prefix or filter. Only such a query gets
  // partial matches, and they hold every phrase and none of the negated
  // parts: what a user quotes or excludes is never loosened, but a question
  // that quotes a term (“胜任力”这个词第一次在哪里出现？) still ranks the
  // reports with some of its other words.
  bool plain = false;
  // Of a plain plan: its chunks and phrases, in the order typed, and its
  // negated parts (the children of its kNot nodes).
  std::vector<const PlanNode*> parts;
  std::vector<const PlanNode*> negated;
};

// Analyses the tree parsed from `text` with `analyzer`. Throws QueryError:
//   query: nothing to search for            (no words, no filters)
//   query: more than 1024 terms             (words and Han characters)
//   query: no words in source at column N   (source:"!!!")
QueryPlan MakePlan(const QueryNode& root, std::string_view text, Analyzer* analyzer);

// The words of a plain plan, in the order typed: not dropped, not repeats.
// Empty for a plan that is not plain.
std::vector<const PlanWord*> PlainWords(const QueryPlan& plan);

// Of those, the words that count for partial matching: not function words
// (unless every word is one).
std::vector<const PlanWord*> PartialWords(const QueryPlan& plan);

// The query as understood, on one line: words folded (stems not shown),
// glued runs as one word, dropped stop words left out, "phrases", title:,
// prefix*, filters as lang:zh, source:WORDS and date:FROM..TO (YYYY-MM-DD),
// OR, AND between explicitly joined parts, NOT before a negated part, and
// parentheses where the structure needs them. E.g. `Liu  Qiang` ->
// "liu qiang", `济南市 -教育 OR lang:zh` -> "(济南 市 NOT 教育) OR lang:zh".
std::string DescribePlan(const QueryPlan& plan);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_QUERY_PLAN_H_
