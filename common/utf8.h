// Small UTF-8 helpers shared by the readers, the analyzer and the output code.
#ifndef SOUSUO_COMMON_UTF8_H_
#define SOUSUO_COMMON_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sousuo {

// U+FFFD REPLACEMENT CHARACTER, what invalid UTF-8 decodes to.
constexpr char32_t kReplacement = 0xFFFD;

// Decodes the UTF-8 sequence at text[pos] in one pass: sets *len to its
// length and returns its code point, or sets *len to 0 and returns kReplacement if
// the sequence is invalid (overlong, a surrogate, above U+10FFFF, truncated).
// REQUIRES: pos < text.size().
inline char32_t DecodeUtf8Sequence(std::string_view text, size_t pos, size_t* len) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[pos + i]);
  };
  const unsigned char b0 = byte(0);
  *len = 0;
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  size_t n;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, min = 0x10000;
  } else {
    return kReplacement;
  }
  if (pos + n > text.size()) return kReplacement;
  char32_t c = b0 & (0x7F >> n);
  for (size_t i = 1; i < n; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return kReplacement;
    c = (c << 6) | (byte(i) & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kReplacement;
  *len = n;
  return c;
}

// Decodes the code point at text[*pos] and advances *pos past it. An invalid
// or truncated sequence yields U+FFFD and advances by one byte.
// REQUIRES: *pos < text.size().
// Inline: the analyzer and the snippet code walk text a character at a time.
inline char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  size_t len;
  const char32_t c = DecodeUtf8Sequence(text, *pos, &len);
  *pos += len == 0 ? 1 : len;
  return c;
}

// Appends the UTF-8 encoding of `c` to `out`.
void AppendUtf8(char32_t c, std::string* out);

// Returns the byte offset of the first invalid UTF-8 sequence in `text`
// (overlong forms, surrogates and values above U+10FFFF are invalid), or
// std::string_view::npos if `text` is valid.
size_t FindInvalidUtf8(std::string_view text);

// Returns `text` with every invalid sequence replaced by U+FFFD.
std::string RepairUtf8(std::string_view text);

// Line and column (both 1-based; the column counts code points) of byte
// offset `offset` in `text`.
struct LineColumn {
  size_t line = 1;
  size_t column = 1;
};
LineColumn LineColumnAt(std::string_view text, size_t offset);

// Number of code points in `text`. REQUIRES: valid UTF-8.
size_t CountChars(std::string_view text);

// DisplayWidth for a character from U+0300 on (looked up in ICU).
int DisplayWidthNonLatin(char32_t c);

// Display columns of `c` on a terminal: 2 for East Asian wide and full-width
// characters, 0 for combining marks and controls, 1 otherwise.
inline int DisplayWidth(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  if (c < 0x300) return 1;
  return DisplayWidthNonLatin(c);
}

// Sum of DisplayWidth over `text`. REQUIRES: valid UTF-8.
size_t DisplayWidth(std::string_view text);

// True for ASCII white space: space, tab, line feed, vertical tab, form
// feed, carriage return. (Formats that define their own, such as HTML's
// and PDF's, keep their definitions beside their readers.)
inline bool IsAsciiSpace(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// The white space that separates words typed in a query or shown in a
// snippet: ASCII white space, the no-break space U+00A0 and the ideographic
// space U+3000 that Chinese input methods type.
inline bool IsSpace(char32_t c) {
  return IsAsciiSpace(c) || c == 0xA0 || c == 0x3000;
}

inline bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// `c` with A-Z made a-z; every other byte as it is (so UTF-8 stays intact).
inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` with AsciiLower applied to every byte.
std::string AsciiLower(std::string_view text);

// True for the block CJK Unified Ideographs (U+4E00-U+9FFF), nearly every
// character of Chinese text: each is assigned, of the Han script, a unified
// ideograph and East Asian Wide (utf8_test.cc checks this against ICU), so
// callers settle them without asking ICU.
inline bool IsUnifiedHan(char32_t c) {
  return c >= 0x4E00 && c <= 0x9FFF;
}

// IsHan for a character outside U+4E00-U+9FFF (looked up in ICU).
bool IsHanNonUnified(char32_t c);

// True if `c` belongs to the Han script (CJK ideographs and their extensions).
inline bool IsHan(char32_t c) {
  return c >= 0x2E80 && (IsUnifiedHan(c) || IsHanNonUnified(c));
}

}  // namespace sousuo

#endif  // SOUSUO_COMMON_UTF8_H_
