// Folding: the text transformation that runs before segmentation.
//
// Why fold before segmenting and not per token: ICU's dictionary segments
// Traditional and Simplified Chinese differently (濟南市 stays one token,
// 济南市 becomes 济南|市), and converting after segmentation would leave the two
// scripts with different words. So the whole text is folded first and a map
// from folded bytes back to original bytes keeps highlights on the characters
// the user wrote.
#ifndef SOUSUO_COMMON_FOLDING_H_
#define SOUSUO_COMMON_FOLDING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace sousuo {

// A folded text and its map back to the original.
struct FoldedText {
  std::string text;  // folded UTF-8
  // origin[i] is the original byte offset of the source segment that produced
  // folded byte i; origin[text.size()] is the original length. A folded range
  // [b, e) therefore came from the original range [origin[b], origin[e]).
  std::vector<uint32_t> origin;
};

// Folds text in three steps that every analyzed string goes through:
//   1. Unicode NFKC with case folding (ICU nfkc_cf): full-width -> ASCII,
//      upper -> lower, compatibility forms -> canonical, ignorables removed;
//   2. typographic apostrophes (U+2018, U+2019, U+02BC, U+FF07) -> "'";
//   3. Traditional -> Simplified Chinese, one character at a time, with the
//      mapping of ICU's "Traditional-Simplified" transliterator (generated at
//      build time into t2s_table.inc). The transliterator's few context rules
//      (著名 stays 著名) are not applied: 著 and 着 fold together, on both the
//      index and the query side, which costs a little precision and no recall.
// Thread-safe: a Folder holds only immutable ICU singletons.
class Folder {
 public:
  // Throws AnalysisError if ICU's normalization data cannot be loaded.
  Folder();

  // REQUIRES: `text` is valid UTF-8 shorter than 4 GiB.
  FoldedText Fold(std::string_view text) const;

  // Fold without the offset map, for query words and boolean values.
  std::string FoldString(std::string_view text) const;

  // The Simplified form of one code point, or `c` itself.
  static char32_t TraditionalToSimplified(char32_t c);

 private:
  void FoldSegment(std::string_view segment, std::string* out) const;

  const icu::Normalizer2* nfkc_cf_;  // ICU singleton, not owned
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_FOLDING_H_
