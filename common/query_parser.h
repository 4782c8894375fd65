// The query language of sousuo-query, parsed into a small syntax tree. The
// parser knows nothing of Xapian or of text analysis: it only finds the
// structure (words, phrases, operators, fields); query_builder turns the tree
// into a Xapian::Query by running the Analyzer over each piece of text.
//
// Syntax
//   report growth        words are AND-ed implicitly (all must match)
//   a OR b   a AND b     upper-case operators; "or", "Or" are plain words
//   a NOT b   a -b       AND NOT; `NOT x` and `-x` are the same unary operator
//   -"a b"   -(a OR b)   '-' at the start of a word, phrase or group negates;
//                        inside a word ("e-mail", "covid-19") it is text, and
//                        a lone "-" is text that searches for nothing
//   (a OR b) c           parentheses group
//   "exact phrase"       words in this order; “…”, ＂…＂ quote too
//   econ*                prefix (a word ending in '*'); a bare "*" is an error
//   title:word  title:"a b"  title:(a OR b)   search the title only
//   lang:zh              en, zh, mixed or und (case-insensitive)
//   source:reuters  source:"CCTV 新闻联播"       every word of the source
//   date:2019-01-01..2019-06-30   date:2019-01-01..   date:..2019-06-30
//   date:2019  date:2019-04  date:2019-04-15   a whole year, month or day;
//                        the same forms serve as range ends: date:2018..2019-06
// Precedence, tightest first: NOT and '-', then AND (implicit or explicit),
// then OR. A field is two or more ASCII letters at the start of a word, then
// ':' or the full-width '：' (title：济南), in any case (TITLE:). Two or more
// letters, ':' and a value right after it that is not '/' name a field: an
// unknown one (titel:济南) is an error. Anything else stays text: a URL
// ("http://x"), a time ("10:30"), "Note: this", and Chinese text before
// '：' (变形金刚：超能连结是哪个公司发行的作品？).
// Spaces are ASCII white space, U+00A0 and the ideographic space U+3000;
// full-width parentheses （ ） group like ( ).
//
// Limits: at most kMaxQueryDepth nested groups/NOTs/fields and kMaxQueryTerms
// leaves (and terms after analysis: query_builder.h).
//
// Errors are thrown as QueryError with one line "query: ...", naming the
// 1-based column counted in characters (code points):
//   query: empty query
//   query: invalid UTF-8 at byte N                 (1-based byte)
//   query: unterminated phrase starting at column N
//   query: unbalanced '(' at column N
//   query: unexpected ')' at column N
//   query: empty parentheses at column N
//   query: OR at column N needs a query on both sides       (AND alike)
//   query: NOT at column N needs a query after it
//   query: '*' at column N needs a prefix before it
//   query: missing value after 'title:' at column N
//   query: unknown field 'titel:' at column N (use title:, lang:, source: or
//          date:, or quote the word)
//   query: 'lang:' at column N takes a single value, not a group
//   query: unknown language 'fr' at column N (use en, zh, mixed or und)
//   query: invalid date 'xx' at column N
//   query: date range '2019..2018' at column N ends before it starts
//   query: nesting deeper than 1000 levels at column N
//   query: more than 1024 terms
// Field errors name the column of the field name; value errors (language,
// date) name the column of the value. A value quoted in a message has its
// control characters shown as U+FFFD and is cut after 40 characters ("...").
#ifndef SOUSUO_COMMON_QUERY_PARSER_H_
#define SOUSUO_COMMON_QUERY_PARSER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sousuo {

enum class QueryNodeKind {
  kWord,    // an unquoted chunk of text (may analyse to several words)
  kPhrase,  // a quoted phrase
  kPrefix,  // `text*`
  kLang,    // lang:value (filter)
  kSource,  // source:value (filter)
  kDate,    // date:range (filter)
  kAnd,     // all children; `implicit` if joined by juxtaposition
  kOr,      // any child
  kNot,     // the one child must not match
};

struct QueryNode {
  QueryNodeKind kind = QueryNodeKind::kWord;
  // kWord, kPhrase: the text as written; kPrefix: without the '*';
  // kLang: "en", "zh", "mixed" or "und"; kSource: the value as written.
  std::string text;
  std::string date_from;  // kDate: "YYYYMMDD", or empty when open
  std::string date_to;    // kDate: "YYYYMMDD" inclusive, or empty when open
  bool title = false;     // kWord, kPhrase, kPrefix: inside title:
  bool implicit = false;  // kAnd: no AND keyword between the children
  bool quoted = false;    // kSource: the value was a phrase
  size_t offset = 0;      // byte offset in the query where the node starts
  std::vector<std::unique_ptr<QueryNode>> children;  // kAnd, kOr, kNot
};

constexpr int kMaxQueryDepth = 1000;
// Xapian 1.4 takes time quadratic in the number of terms of an OR (4,000
// absent words: 2.2 s), and a relaxed query is an OR of every word; Lucene
// stops a BooleanQuery at the same 1,024 clauses.
constexpr size_t kMaxQueryTerms = 1024;

// Parses `text`. Never returns null. Throws QueryError (messages above).
std::unique_ptr<QueryNode> ParseQuery(std::string_view text);

// Compact form of a tree, for tests: words as written, "phrase", pre*,
// title:x, lang:zh, source:x, date:20190101..20190630 (open ends empty),
// (a b) for an implicit AND, AND(a, b), OR(a, b), NOT(a).
std::string DumpQuery(const QueryNode& node);

// 1-based column (in code points) of byte `offset` of `text`.
// REQUIRES: `text` is valid UTF-8 and offset <= text.size().
size_t QueryColumn(std::string_view text, size_t offset);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_QUERY_PARSER_H_
