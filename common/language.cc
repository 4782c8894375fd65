#include "common/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "common/utf8.h"

namespace sousuo {

std::string DetectLanguage(std::string_view text) {
  constexpr size_t kSample = 64 * 1024;
  const std::string_view sample = text.substr(0, kSample);
  double han = 0;
  double latin_letters = 0;
  size_t pos = 0;
  while (pos < sample.size()) {
    const char32_t c = DecodeUtf8(sample, &pos);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++latin_letters;
    } else if (IsHan(c)) {
      ++han;
    } else if (u_isalpha(c)) {
      UErrorCode status = U_ZERO_ERROR;
      if (uscript_getScript(c, &status) == USCRIPT_LATIN) ++latin_letters;
    }
  }
  // A Han character carries about as much as an English word.
  const double latin = latin_letters / 5.0;
  if (han + latin == 0) return "und";
  const double han_share = han / (han + latin);
  if (han_share >= 0.8) return "zh";
  if (han_share <= 0.2) return "en";
  return "mixed";
}

}  // namespace sousuo
