#include "common/utf8.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace sousuo {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the sequence at text[pos] in one pass: sets *len to its length and
// returns its code point, or sets *len to 0 if the sequence is invalid.
char32_t DecodeSequence(std::string_view text, size_t pos, size_t* len) {
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

// Length of the valid UTF-8 sequence at text[pos], or 0 if it is invalid.
size_t ValidSequenceLength(std::string_view text, size_t pos) {
  size_t len;
  DecodeSequence(text, pos, &len);
  return len;
}

}  // namespace

char32_t DecodeUtf8NonAscii(std::string_view text, size_t* pos) {
  size_t len;
  const char32_t c = DecodeSequence(text, *pos, &len);
  *pos += len == 0 ? 1 : len;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

size_t FindInvalidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const size_t len = ValidSequenceLength(text, pos);
    if (len == 0) return pos;
    pos += len;
  }
  return std::string_view::npos;
}

std::string RepairUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t len = ValidSequenceLength(text, pos);
    if (len == 0) {
      AppendUtf8(kReplacement, &out);
      ++pos;
    } else {
      out.append(text.data() + pos, len);
      pos += len;
    }
  }
  return out;
}

LineColumn LineColumnAt(std::string_view text, size_t offset) {
  LineColumn lc;
  size_t pos = 0;
  while (pos < offset && pos < text.size()) {
    if (text[pos] == '\n') {
      ++lc.line;
      lc.column = 1;
      ++pos;
      continue;
    }
    DecodeUtf8(text, &pos);
    ++lc.column;
  }
  return lc;
}

size_t CountChars(std::string_view text) {
  size_t n = 0;
  for (char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  }
  return n;
}

int DisplayWidthNonLatin(char32_t c) {
  if (IsUnifiedHan(c)) return 2;
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
      type == U_FORMAT_CHAR) {
    return 0;
  }
  const int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    width += DisplayWidth(DecodeUtf8(text, &pos));
  }
  return width;
}

bool IsHanNonUnified(char32_t c) {
  if (c < 0x2E80) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN;
}

}  // namespace sousuo
