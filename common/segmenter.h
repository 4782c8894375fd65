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

}  // namespace internal
}  // namespace sousuo

#endif  // SOUSUO_COMMON_SEGMENTER_H_
