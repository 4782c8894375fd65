// The analyzer: the one pipeline that turns text into tokens for indexing,
// querying and highlighting alike.
//
//   original UTF-8
//     -> Folder (NFKC case fold, apostrophes, Traditional->Simplified) + offset map
//     -> ICU word BreakIterator over the folded text (dictionary words for Han);
//        segments with rule status "none" (spaces, punctuation) are dropped
//     -> tokens longer than kMaxWordBytes are dropped (their position is kept)
//     -> Han words are followed by their characters (see token.h)
//     -> Latin words get an English (Snowball) stem
//
// Index terms (term_writer), query terms (query_builder) and snippet matches
// (snippet) are all derived from these tokens, so the three always agree.
#ifndef SOUSUO_COMMON_ANALYZER_H_
#define SOUSUO_COMMON_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/folding.h"
#include "common/token.h"

namespace sousuo {

namespace internal {
class Segmenter;
struct Segment {
  uint32_t begin;  // byte offsets into the folded text
  uint32_t end;
  int32_t status;  // ICU rule status (UBRK_WORD_*)
};
}  // namespace internal

// Not thread-safe (it owns an ICU BreakIterator); use one per thread.
class Analyzer {
 public:
  // Longest word kept, in folded bytes. Longer letter or number runs (base64,
  // hashes, a 1 MB token with no spaces) carry no search value and would
  // overflow Xapian's 245-byte term limit.
  static constexpr size_t kMaxWordBytes = 64;

  // Throws AnalysisError if ICU cannot create the word break iterator.
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Appends the tokens of `text` to `*out`, numbering positions from
  // `first_position`. Returns the position after the last one used, so that
  // the caller can analyse several fields into one position space.
  // REQUIRES: `text` is valid UTF-8 shorter than 4 GiB.
  uint32_t Analyze(std::string_view text, uint32_t first_position,
                   std::vector<Token>* out);

  // Convenience form: the tokens of `text` from position 1.
  std::vector<Token> Analyze(std::string_view text);

  // Analyze without kHanWord tokens, several times faster on Chinese: runs
  // of Han characters are not segmented into words (ICU's dictionary is most
  // of the cost of analysis) but still give every character as a kHanChar
  // token at the position Analyze gives it. Every other token is the same
  // (the analyzer fuzz target checks it). Text with kana (Japanese) is
  // segmented whole, since ICU's dictionary segments kana and Han together.
  // For matching character patterns (snippets). REQUIRES: as Analyze.
  uint32_t AnalyzeCharacters(std::string_view text, uint32_t first_position,
                             std::vector<Token>* out);

  // Analyze (with `han_words`) or AnalyzeCharacters (without) for the bytes
  // [begin, end) of `folded`, a text Folder::Fold gave: tokens get offsets
  // into the text that was folded. For analysing several parts of a long text
  // folded once (snippets). The tokens are those the whole text gives there
  // if segmentation starts afresh at `begin` and `end` (after whitespace, say).
  // REQUIRES: begin <= end <= folded.text.size(), both character boundaries.
  uint32_t AnalyzeFolded(const FoldedText& folded, size_t begin, size_t end,
                         uint32_t first_position, bool han_words, std::vector<Token>* out);

  // Folds one word without segmenting or stemming it (for `prefix*` terms and
  // boolean values such as sources).
  std::string Normalize(std::string_view word) const;

  // English stem of a folded Latin word ("reports" -> "report").
  std::string Stem(const std::string& word) const;

  // Describes everything that decides which terms a text yields: our analyzer
  // version, ICU, Unicode and Xapian (stemmer) versions and options. An index
  // records it; a reader refuses an index whose signature differs.
  static std::string Signature();

 private:
  // Appends the tokens of one segment of `folded` (Han words only with
  // `han_words`), advancing `*position`.
  void Emit(const FoldedText& folded, const internal::Segment& seg, bool han_words,
            uint32_t* position, std::vector<Token>* out);
  // Segments folded bytes [begin, end) with ICU and emits their tokens.
  void SegmentAndEmit(const FoldedText& folded, size_t begin, size_t end, bool han_words,
                      uint32_t* position, std::vector<Token>* out);
  // Stem(word), remembered in stems_.
  const std::string& CachedStem(const std::string& word);

  Folder folder_;
  std::unique_ptr<internal::Segmenter> segmenter_;
  Xapian::Stem stemmer_;
  // Stems of the words seen, since Snowball costs far more than a lookup and
  // text repeats its words; emptied when it reaches kMaxCachedStems.
  std::unordered_map<std::string, std::string> stems_;
  std::vector<internal::Segment> segments_;  // reused between calls
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_ANALYZER_H_
