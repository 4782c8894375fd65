// A token: one unit of analysed text with offsets into the original input.
#ifndef SOUSUO_COMMON_TOKEN_H_
#define SOUSUO_COMMON_TOKEN_H_

#include <cstdint>
#include <string>

namespace sousuo {

enum class TokenKind : uint8_t {
  kWord,     // letters (Latin, Cyrillic, Kana, Hangul...); carries a stem if Latin
  kNumber,   // digits, possibly with separators: "5.2", "1,234.56", "q3"
  kHanWord,  // a Chinese word from ICU's dictionary segmentation
  kHanChar,  // one Han character inside the kHanWord just before it
};

// Every token keeps the byte offsets of the original (unfolded) text it came
// from, so a highlight lands on the characters the user wrote even when the
// token matched through folding (full-width, case, Traditional Chinese).
//
// Positions: Latin words and numbers take one position each; a Han word takes
// one position per character. A kHanWord carries the position of its first
// character and is followed by one kHanChar per character at consecutive
// positions. Phrases are therefore matched over word terms for Latin text and
// over character terms for Chinese text, in one position space, so a phrase
// may mix the two ("GDP增长") and never depends on how ICU segmented it.
struct Token {
  std::string text;  // folded form: NFKC case-folded, Traditional->Simplified
  std::string stem;  // English stem for Latin-script kWord tokens, else empty
  uint32_t begin = 0;     // UTF-8 byte offset of the first original byte
  uint32_t end = 0;       // UTF-8 byte offset one past the last original byte
  uint32_t position = 0;  // term position (see above)
  TokenKind kind = TokenKind::kWord;
};

}  // namespace sousuo

#endif  // SOUSUO_COMMON_TOKEN_H_
