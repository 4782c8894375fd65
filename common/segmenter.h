// Internal to the analyzer: ICU word segmentation of folded UTF-8 text.
#ifndef SOUSUO_COMMON_SEGMENTER_H_
#define SOUSUO_COMMON_SEGMENTER_H_

#include <memory>
#include <string_view>
#include <vector>

#include "common/analyzer.h"

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace sousuo {
namespace internal {

// ICU's word BreakIterator (dictionary-based for Han) over a UText opened on
// UTF-8, so break positions are byte offsets. Not thread-safe.
class Segmenter {
 public:
  // Throws AnalysisError if ICU cannot create the iterator.
  Segmenter();
  ~Segmenter();

  // Replaces *out with the word segments of `text`: those whose rule status
  // is not UBRK_WORD_NONE (spaces and punctuation are dropped).
  void Segment(std::string_view text, std::vector<internal::Segment>* out);

 private:
  std::unique_ptr<icu::BreakIterator> words_;
};

// True for a character ICU's word rules never put in a word segment, alone
// or beside others of the kind: ASCII marks and spaces (not '_', which joins
// words, nor '@', a letter to ICU's rules), and the Chinese punctuation left
// after folding (full-width marks fold to ASCII, ‘’ to '). Segment() yields
// nothing for a text of only these, so the analyzer need not ask ICU
// (segmenter_test.cc checks the list against ICU).
bool IsNeverInWord(char32_t c);

}  // namespace internal
}  // namespace sousuo

#endif  // SOUSUO_COMMON_SEGMENTER_H_
