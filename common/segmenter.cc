#include "common/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "common/error.h"

namespace sousuo {
namespace internal {

Segmenter::Segmenter() {
  UErrorCode status = U_ZERO_ERROR;
  // The root locale: segmentation of Han, Latin and the rest does not change
  // with zh, zh_Hant or en (measured), and the root is always present.
  words_.reset(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || words_ == nullptr) {
    throw AnalysisError(std::string("analyzer: cannot create ICU word break iterator: ") +
                        u_errorName(status));
  }
}

Segmenter::~Segmenter() = default;

void Segmenter::Segment(std::string_view text, std::vector<internal::Segment>* out) {
  out->clear();
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
  words_->setText(&utext, status);
  if (U_FAILURE(status)) {
    utext_close(&utext);
    throw AnalysisError(std::string("analyzer: ICU segmentation failed: ") +
                        u_errorName(status));
  }
  int32_t begin = words_->first();
  for (int32_t end = words_->next(); end != icu::BreakIterator::DONE;
       begin = end, end = words_->next()) {
    const int32_t rule = words_->getRuleStatus();
    if (rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) continue;
    out->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end), rule});
  }
  // The iterator keeps a pointer to `utext`, which lives on this stack frame:
  // detach it before returning.
  UText empty = UTEXT_INITIALIZER;
  utext_openUTF8(&empty, "", 0, &status);
  words_->setText(&empty, status);
  utext_close(&utext);
  utext_close(&empty);
}

bool IsNeverInWord(char32_t c) {
  if (c < 0x80) {
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9') || c == '_' || c == '@');
  }
  switch (c) {
    case 0x00B7:  // ·
    case 0x2014:  // —
    case 0x201C: case 0x201D:  // “”
    case 0x3000: case 0x3001: case 0x3002:  // ideographic space 、。
      return true;
    default:  // 〈〉《》「」『』【】 and the brackets after them
      return (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301B);
  }
}

}  // namespace internal
}  // namespace sousuo
