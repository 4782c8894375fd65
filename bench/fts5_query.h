// Builds an SQLite FTS5 MATCH expression from text a user typed, for the
// FTS5 baseline. FTS5's query syntax gives meaning to quotes, parentheses,
// '*', '^', ':', '+', '-' and the words AND/OR/NOT/NEAR, so the text is never
// passed through: it is cut into runs of word characters and each piece is
// quoted, which makes it a plain string (tokenized by the table's tokenizer).
//
// A run is a maximal stretch of ASCII letters and digits and of non-ASCII
// characters outside these punctuation and space blocks: Latin-1 U+0080-
// U+00BF, U+00D7, U+00F7; General Punctuation U+2000-U+206F; CJK Symbols and
// Punctuation U+3000-U+303F; vertical and compatibility forms U+FE10-U+FE1F,
// U+FE30-U+FE4F; full-width punctuation U+FF00-U+FF0F, U+FF1A-U+FF20,
// U+FF3B-U+FF40, U+FF5B-U+FF65. Everything else (ASCII punctuation, spaces,
// '_') separates runs. Invalid UTF-8 bytes separate runs too.
//
//   kUnicode61  each distinct run, quoted, OR-ed:  "heat" OR "transfer"
//               (the table's 'porter unicode61' then stems each one)
//   kTrigram    each distinct 3-character substring of each run, quoted,
//               OR-ed: 战国无双 -> "战国无" OR "国无双". The trigram tokenizer
//               cannot match a string shorter than three characters, so runs
//               of one or two characters are dropped.
// Duplicates are dropped (first occurrence kept); the result is "" when
// nothing is left, and the caller must then not run the query (FTS5 rejects
// an empty MATCH).
#ifndef SOUSUO_BENCH_FTS5_QUERY_H_
#define SOUSUO_BENCH_FTS5_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

namespace bench {

enum class Fts5Tokenizer { kUnicode61, kTrigram };

// The runs of `text` as defined above, in order, duplicates kept.
std::vector<std::string> WordRuns(std::string_view text);

std::string Fts5MatchQuery(std::string_view text, Fts5Tokenizer tokenizer);

}  // namespace bench

#endif  // SOUSUO_BENCH_FTS5_QUERY_H_
