#include "common/folding.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <algorithm>
#include <bitset>
#include <iterator>
#include <utility>

#include "common/error.h"
#include "common/utf8.h"

namespace sousuo {

namespace {

struct CharPair {
  char32_t from;
  char32_t to;
};

// Sorted by `from` (the generator walks code points in order).
constexpr CharPair kT2S[] = {
#include "t2s_table.inc"
};

// Which BMP code points have an entry in kT2S, so the common case (a
// character with no Traditional form) costs one bit test.
const std::bitset<0x10000>& BmpHasT2S() {
  static const std::bitset<0x10000> bits = [] {
    std::bitset<0x10000> b;
    for (const CharPair& p : kT2S) {
      if (p.from < 0x10000) b.set(p.from);
    }
    return b;
  }();
  return bits;
}

char32_t FoldChar(char32_t c) {
  switch (c) {
    case 0x2018:  // left single quotation mark
    case 0x2019:  // right single quotation mark, the usual apostrophe
    case 0x02BC:  // modifier letter apostrophe
      return '\'';
    default:
      return Folder::TraditionalToSimplified(c);
  }
}

// Appends `folded` (already NFKC-casefolded) to `out` with FoldChar applied.
void AppendMapped(std::string_view folded, std::string* out) {
  size_t pos = 0;
  while (pos < folded.size()) {
    AppendUtf8(FoldChar(DecodeUtf8(folded, &pos)), out);
  }
}

}  // namespace

char32_t Folder::TraditionalToSimplified(char32_t c) {
  if (c < 0x3400) return c;
  if (c < 0x10000 && !BmpHasT2S()[c]) return c;
  const auto it = std::lower_bound(
      std::begin(kT2S), std::end(kT2S), c,
      [](const CharPair& p, char32_t value) { return p.from < value; });
  return (it != std::end(kT2S) && it->from == c) ? it->to : c;
}

Folder::Folder() {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    throw AnalysisError(std::string("analyzer: cannot load ICU nfkc_cf data: ") +
                        u_errorName(status));
  }
}

void Folder::FoldSegment(std::string_view segment, std::string* out) const {
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized);
  UErrorCode status = U_ZERO_ERROR;
  nfkc_cf_->normalizeUTF8(0, icu::StringPiece(segment.data(), segment.size()),
                          sink, nullptr, status);
  if (U_FAILURE(status)) {
    // Only ill-formed input gets here; keep it as it was (repaired).
    normalized = RepairUtf8(segment);
  }
  AppendMapped(normalized, out);
}

FoldedText Folder::Fold(std::string_view text) const {
  FoldedText result;
  std::string& out = result.text;
  std::vector<uint32_t>& origin = result.origin;
  out.reserve(text.size());
  origin.reserve(text.size() + 1);
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      // ASCII folds to itself, lower-cased, unless a combining mark follows.
      bool next_combines = false;
      if (i + 1 < n && static_cast<unsigned char>(text[i + 1]) >= 0x80) {
        size_t next = i + 1;
        next_combines = !nfkc_cf_->hasBoundaryBefore(DecodeUtf8(text, &next));
      }
      if (!next_combines) {
        out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
        origin.push_back(static_cast<uint32_t>(i));
        ++i;
        continue;
      }
    }
    size_t j = i;
    const char32_t first = DecodeUtf8(text, &j);
    const size_t before = out.size();
    if (IsUnifiedHan(first) || (b >= 0x80 && nfkc_cf_->isInert(first))) {
      // The common case for Han (every unified ideograph is inert: folding_test.cc).
      AppendUtf8(FoldChar(first), &out);
    } else {
      // A normalization segment: up to the next code point that starts one.
      while (j < n) {
        size_t k = j;
        if (nfkc_cf_->hasBoundaryBefore(DecodeUtf8(text, &k))) break;
        j = k;
      }
      FoldSegment(text.substr(i, j - i), &out);
    }
    origin.insert(origin.end(), out.size() - before, static_cast<uint32_t>(i));
    i = j;
  }
  origin.push_back(static_cast<uint32_t>(n));
  return result;
}

std::string Folder::FoldString(std::string_view text) const {
  return Fold(text).text;
}

}  // namespace sousuo
