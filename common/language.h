// Language detection for reports that do not say their language.
#ifndef SOUSUO_COMMON_LANGUAGE_H_
#define SOUSUO_COMMON_LANGUAGE_H_

#include <string>
#include <string_view>

namespace sousuo {

// Returns "zh" when Han characters dominate, "en" when Latin letters do,
// "mixed" when both carry weight, and "und" when there are neither. Counts
// each Han character against each Latin word (about five letters), over
// the first 64 KiB. REQUIRES: valid UTF-8.
std::string DetectLanguage(std::string_view text);

}  // namespace sousuo

#endif  // SOUSUO_COMMON_LANGUAGE_H_
